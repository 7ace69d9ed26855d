package policy

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// convert turns a record's value of the input into the declared type and
// checks its range. It accepts the typed value or its text (as read from a
// CSV cell).
func (in Input) convert(v any) (any, error) {
	if s, ok := v.(string); ok {
		if !utf8.ValidString(s) {
			return nil, errorf("该值不是有效的 UTF-8 文本", "the value is not valid UTF-8")
		}
		return in.parse(strings.TrimSpace(s))
	}
	switch in.Type {
	case IntInput:
		n, ok := v.(int)
		if !ok {
			return nil, errorf("%T 不是 int 类型", "%T is not an int", v)
		}
		return n, in.inRange(decimal.NewFromInt(int64(n)))
	case DecimalInput:
		switch x := v.(type) {
		case decimal.Decimal:
			return x, in.inRange(x)
		case int:
			d := decimal.NewFromInt(int64(x))
			return d, in.inRange(d)
		}
		return nil, errorf("%T 不是 decimal 类型", "%T is not a decimal", v)
	case BoolInput:
		b, ok := v.(bool)
		if !ok {
			return nil, errorf("%T 不是 bool 类型", "%T is not a bool", v)
		}
		return b, nil
	}
	return nil, errorf("%T 不是 string 类型", "%T is not a string", v)
}

func (in Input) parse(s string) (any, error) {
	switch in.Type {
	case IntInput:
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, errorf("%q 不是整数", "%q is not a whole number", s)
		}
		return n, in.inRange(decimal.NewFromInt(int64(n)))
	case DecimalInput:
		d, err := decimal.NewFromString(s)
		if err != nil || strings.ContainsAny(s, "eEiInN") {
			return nil, errorf("%q 不是数字", "%q is not a decimal number", s)
		}
		return d, in.inRange(d)
	case BoolInput:
		switch s {
		case "是", "true", "1":
			return true, nil
		case "否", "false", "0":
			return false, nil
		}
		return nil, errorf("%q 不是“是”或“否”", "%q is not 是 or 否", s)
	}
	return s, nil
}

func (in Input) inRange(d decimal.Decimal) error {
	if in.Min != nil && d.LessThan(*in.Min) {
		return errorf("%s 小于最小值 %s", "%s is below the minimum %s", d, in.Min)
	}
	if in.Max != nil && d.GreaterThan(*in.Max) {
		return errorf("%s 大于最大值 %s", "%s is above the maximum %s", d, in.Max)
	}
	return nil
}

// InputError is a record whose declared input is missing or wrong.
type InputError struct {
	Key    string // the record's registration number
	Input  string // the input's id
	Label  string // the input's Chinese label
	Reason string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("记录 %s：输入项 %s（%s）%s", e.Key, e.Input, e.Label, e.Reason)
}

// Unwrap returns [ErrInput].
func (e *InputError) Unwrap() error { return ErrInput }

// Facts returns the view of r that p's formulas read on asOf, with p's
// declared inputs taken from r.Extra, converted and range-checked. A record
// that lacks an input without a default, or holds a bad value, gets an
// [*InputError]: never a silent zero.
func (p *Policy) Facts(r *roster.Record, asOf roster.Date) (roster.Facts, error) {
	f := r.Facts(asOf)
	if len(p.inputs) == 0 {
		return f, nil
	}
	f.In = make(map[string]any, len(p.inputs))
	for _, in := range p.inputs {
		raw, ok := r.Extra[in.ID]
		if !ok || raw == nil || raw == "" {
			if in.Default == nil {
				return f, &InputError{Key: f.Key, Input: in.ID, Label: in.Label, Reason: "缺失 (missing)"}
			}
			raw = *in.Default
		}
		v, err := in.convert(raw)
		if err != nil {
			return f, &InputError{Key: f.Key, Input: in.ID, Label: in.Label, Reason: "有误：" + err.Error()}
		}
		f.In[in.ID] = v
	}
	return f, nil
}
