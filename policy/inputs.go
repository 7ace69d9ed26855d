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
			return nil, errorf("应为整数", "should be a whole number")
		}
		return n, in.inRange(decimal.NewFromInt(int64(n)))
	case DecimalInput:
		d, err := decimal.NewFromString(s)
		if err != nil || strings.ContainsAny(s, "eEiInN") {
			return nil, errorf("应为数字", "should be a decimal number")
		}
		return d, in.inRange(d)
	case BoolInput:
		switch s {
		case "是", "true", "1":
			return true, nil
		case "否", "false", "0":
			return false, nil
		}
		return nil, errorf("应填“是”或“否”", "should be 是 or 否")
	}
	return s, nil
}

func (in Input) inRange(d decimal.Decimal) error {
	// The value is not repeated: a cell in the wrong column may hold a
	// citizen ID.
	if in.Min != nil && d.LessThan(*in.Min) {
		return errorf("小于最小值 %s", "is below the minimum %s", in.Min)
	}
	if in.Max != nil && d.GreaterThan(*in.Max) {
		return errorf("大于最大值 %s", "is above the maximum %s", in.Max)
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
	key := e.Key
	if roster.LooksLikeCitizenID(key) {
		key = "（登记编号形似身份证号，不予显示）"
	}
	return fmt.Sprintf("记录 %s：输入项 %s（%s）%s", key, e.Input, e.Label, e.Reason)
}

// Unwrap returns [ErrInput].
func (e *InputError) Unwrap() error { return ErrInput }

// Facts returns the view of r that p's formulas read on asOf, with p's
// declared inputs taken from r.Extra, converted and range-checked. A record
// that lacks an input without a default, or holds a bad value, gets an
// [*InputError]: never a silent zero.
func (p *Policy) Facts(r *roster.Record, asOf roster.Date) (roster.Facts, error) {
	if p == nil || p.doc == nil || r == nil {
		return roster.Facts{}, errorf("没有政策或记录", "no policy or no record")
	}
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
