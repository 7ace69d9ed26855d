package policy

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// convert turns a record's value of the input into the declared type and
// checks its range. It accepts the typed value or its text (as read from a
// CSV cell).
func (in Input) convert(v any) (any, error) {
	v, err := plainNumber(v)
	if err != nil {
		return nil, err
	}
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

// plainNumber turns the number types database/sql and encoding/json give
// into int or decimal.Decimal: int64 and the other integer types,
// json.Number, and a float64 that a decimal holds exactly (3.5, not 0.1,
// whose float is 0.1000000000000000055…). Other values pass unchanged.
func plainNumber(v any) (any, error) {
	switch x := v.(type) {
	case int8, int16, int32, int64, uint8, uint16, uint32:
		n := reflect.ValueOf(x)
		if n.CanInt() {
			return intOf(n.Int())
		}
		return intOf(int64(n.Uint()))
	case uint, uint64:
		u := reflect.ValueOf(x).Uint()
		if u > math.MaxInt64 {
			return nil, errorf("整数过大", "the whole number is too large")
		}
		return intOf(int64(u))
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return intOf(i)
		}
		d, err := decimal.NewFromString(string(x))
		if err != nil || strings.ContainsAny(string(x), "eE") {
			return nil, errorf("应为数字", "should be a decimal number")
		}
		return d, nil
	case float32:
		return plainNumber(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, errorf("应为有限的数字", "should be a finite number")
		}
		if !exactFloat(x) {
			return nil, errorf("浮点数不能精确表示为小数；请以文本或 decimal.Decimal 给出", "a float64 that no decimal holds exactly; give it as text or decimal.Decimal")
		}
		d := decimal.RequireFromString(strconv.FormatFloat(x, 'f', -1, 64))
		if d.IsInteger() && d.Abs().LessThan(decimal.New(1, 15)) {
			return int(d.IntPart()), nil
		}
		return d, nil
	}
	return v, nil
}

// exactFloat reports whether x is a short decimal exactly: its shortest
// text, read back as an exact decimal, is x itself, bit for bit.
func exactFloat(x float64) bool {
	text := strconv.FormatFloat(x, 'f', -1, 64)
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return false
	}
	var f big.Float
	f.SetFloat64(x)
	exact, _ := f.Rat(nil)
	return r.Cmp(exact) == 0
}

// intOf gives an int, which is what whole-number inputs hold.
func intOf(i int64) (any, error) {
	if i > math.MaxInt32 || i < math.MinInt32 {
		return nil, errorf("整数超出范围", "the whole number is out of range")
	}
	return int(i), nil
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
		d, ok := shortDecimal(s)
		if !ok {
			var err error
			d, err = decimal.NewFromString(s)
			if err != nil || strings.ContainsAny(s, "eEiInN") {
				return nil, errorf("应为数字", "should be a decimal number")
			}
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

// shortDecimal reads the text a cell most often holds for a decimal, an
// optional sign and up to 18 digits with an optional point among them
// ("3.25", "-0.5", "12"), as decimal.NewFromString does, with the same
// coefficient and exponent, in one allocation instead of several. It
// reports false for any other text, which NewFromString then reads.
func shortDecimal(s string) (decimal.Decimal, bool) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	var (
		m      int64
		digits int
		point  = -1 // the digits before the point, -1 for none
	)
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' && digits < 18:
			m, digits = m*10+int64(c-'0'), digits+1
		case c == '.' && point < 0:
			point = digits
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 || point == digits {
		return decimal.Decimal{}, false // "", "-", ".", "5.": the long way says
	}
	if s[0] == '-' {
		m = -m
	}
	exp := 0
	if point >= 0 {
		exp = point - digits
	}
	return decimal.New(m, int32(exp)), true
}

func (in Input) inRange(d decimal.Decimal) error {
	// The value is not repeated: a cell in the wrong column may hold a
	// citizen ID.
	// Compared as Fixed: exactly, and without the allocations of
	// rescaling one decimal to the other's exponent.
	x := formula.FixedOf(d)
	if in.Min != nil && x.Cmp(formula.FixedOf(*in.Min)) < 0 {
		return errorf("小于最小值 %s", "is below the minimum %s", in.Min)
	}
	if in.Max != nil && x.Cmp(formula.FixedOf(*in.Max)) > 0 {
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
	return f, p.Bind(&f, r)
}

// Bind sets f.In to the inputs p declares, taken from r.Extra as Facts
// takes them: for a caller that keeps the facts of a record and binds
// several policies' inputs to copies of them.
func (p *Policy) Bind(f *roster.Facts, r *roster.Record) error {
	if p == nil || p.doc == nil || r == nil || f == nil {
		return errorf("没有政策或记录", "no policy or no record")
	}
	f.In = nil
	if len(p.inputs) == 0 {
		return nil
	}
	f.In = make(map[string]any, len(p.inputs))
	for i, in := range p.inputs {
		raw, ok := r.Extra[in.ID]
		if !ok || raw == nil || raw == "" {
			if in.Default == nil {
				return &InputError{Key: f.Key, Input: in.ID, Label: in.Label, Reason: "缺失 (missing)"}
			}
			if v := p.defaults[i]; v != nil { // converted when the policy compiled
				f.In[in.ID] = v
				continue
			}
			raw = *in.Default
		}
		v, err := in.convert(raw)
		if err != nil {
			return &InputError{Key: f.Key, Input: in.ID, Label: in.Label, Reason: "有误：" + err.Error()}
		}
		f.In[in.ID] = v
	}
	return nil
}

// Declares reports whether p declares the input id, which its formulas
// may read as In.<id>.
func (p *Policy) Declares(id string) bool {
	if p == nil {
		return false
	}
	for _, in := range p.inputs {
		if in.ID == id {
			return true
		}
	}
	return false
}
