package formula

import (
	"fmt"
	"math"
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/shopspring/decimal"
)

// DivisionScale is the number of decimal places a quotient keeps. Scores are
// rounded to 2 places afterwards, so 16 places leave no trace in a result.
const DivisionScale = 16

var (
	decType   = reflect.TypeOf(decimal.Decimal{})
	intType   = reflect.TypeOf(0)
	floatType = reflect.TypeOf(0.0)
)

// toDecimal converts the numbers a formula can hold. A float comes from a
// literal in the formula text; its shortest representation is that text, so
// NewFromFloat is exact for it.
func toDecimal(v any) (decimal.Decimal, error) {
	switch x := v.(type) {
	case decimal.Decimal:
		return x, nil
	case int:
		return decimal.NewFromInt(int64(x)), nil
	case int64:
		return decimal.NewFromInt(x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return decimal.Decimal{}, fmt.Errorf("%v is not a number", x)
		}
		return decimal.NewFromFloat(x), nil
	case nil:
		return decimal.Decimal{}, fmt.Errorf("the value is missing (nil)")
	}
	return decimal.Decimal{}, fmt.Errorf("%T is not a number", v)
}

func twoDecimals(params []any) (decimal.Decimal, decimal.Decimal, error) {
	a, err := toDecimal(params[0])
	if err != nil {
		return a, a, err
	}
	b, err := toDecimal(params[1])
	return a, b, err
}

// signatures returns func(a, b) out for every pair of the operand types
// given, leaving out the pairs listed in skip.
func signatures(out reflect.Type, operands []reflect.Type, skip func(a, b reflect.Type) bool) []any {
	var sigs []any
	for _, a := range operands {
		for _, b := range operands {
			if skip != nil && skip(a, b) {
				continue
			}
			ft := reflect.FuncOf([]reflect.Type{a, b}, []reflect.Type{out}, false)
			sigs = append(sigs, reflect.New(ft).Interface())
		}
	}
	return sigs
}

var numberTypes = []reflect.Type{decType, intType, floatType}

// bothInt leaves int op int to expr, which keeps it an int.
func bothInt(a, b reflect.Type) bool { return a == intType && b == intType }

// noDecimal leaves comparisons without a decimal to expr.
func noDecimal(a, b reflect.Type) bool { return a != decType && b != decType }

type binary func(a, b decimal.Decimal) (any, error)

func decimalFunc(name string, f binary, sigs []any) expr.Option {
	return expr.Function(name, func(params ...any) (any, error) {
		a, b, err := twoDecimals(params)
		if err != nil {
			return nil, err
		}
		return f(a, b)
	}, sigs...)
}

// arithmetic returns the options that make +, -, *, / and the comparisons
// exact decimal operations.
func arithmetic() []expr.Option {
	boolType := reflect.TypeOf(true)
	arith := signatures(decType, numberTypes, bothInt)
	div := signatures(decType, numberTypes, nil)
	cmp := signatures(boolType, numberTypes, noDecimal)
	ops := []struct {
		op, name string
		f        binary
		sigs     []any
	}{
		{"+", "__dec_add", func(a, b decimal.Decimal) (any, error) { return a.Add(b), nil }, arith},
		{"-", "__dec_sub", func(a, b decimal.Decimal) (any, error) { return a.Sub(b), nil }, arith},
		{"*", "__dec_mul", func(a, b decimal.Decimal) (any, error) { return a.Mul(b), nil }, arith},
		{"/", "__dec_div", func(a, b decimal.Decimal) (any, error) {
			if b.IsZero() {
				return nil, fmt.Errorf("division by zero")
			}
			return a.DivRound(b, DivisionScale), nil
		}, div},
		{"<", "__dec_lt", func(a, b decimal.Decimal) (any, error) { return settle(a).LessThan(settle(b)), nil }, cmp},
		{"<=", "__dec_le", func(a, b decimal.Decimal) (any, error) { return settle(a).LessThanOrEqual(settle(b)), nil }, cmp},
		{">", "__dec_gt", func(a, b decimal.Decimal) (any, error) { return settle(a).GreaterThan(settle(b)), nil }, cmp},
		{">=", "__dec_ge", func(a, b decimal.Decimal) (any, error) { return settle(a).GreaterThanOrEqual(settle(b)), nil }, cmp},
		{"==", "__dec_eq", func(a, b decimal.Decimal) (any, error) { return settle(a).Equal(settle(b)), nil }, cmp},
		{"!=", "__dec_ne", func(a, b decimal.Decimal) (any, error) { return !settle(a).Equal(settle(b)), nil }, cmp},
	}
	opts := make([]expr.Option, 0, 2*len(ops)+3)
	for _, o := range ops {
		opts = append(opts, decimalFunc(o.name, o.f, o.sigs))
		if name, whole := intOps[o.op]; whole {
			opts = append(opts, expr.Operator(o.op, o.name, name))
			continue
		}
		opts = append(opts, expr.Operator(o.op, o.name))
	}
	intSig := new(func(int, int) int)
	for op, name := range intOps {
		f := intFuncs[op]
		opts = append(opts, expr.Function(name, func(params ...any) (any, error) {
			a, _ := params[0].(int)
			b, _ := params[1].(int)
			c, ok := f(a, b)
			if !ok {
				return nil, fmt.Errorf("%d %s %d is beyond what a whole number holds", a, op, b)
			}
			return c, nil
		}, intSig))
	}
	return opts
}

// intOps keeps whole numbers whole under +, - and *, with a check that Go's
// int arithmetic would otherwise skip: an overflow wraps around silently.
var intOps = map[string]string{"+": "__int_add", "-": "__int_sub", "*": "__int_mul"}

var intFuncs = map[string]func(a, b int) (int, bool){
	"+": func(a, b int) (int, bool) {
		c := a + b
		return c, (c > a) == (b > 0) || b == 0
	},
	"-": func(a, b int) (int, bool) {
		c := a - b
		return c, (c < a) == (b > 0) || b == 0
	},
	"*": func(a, b int) (int, bool) {
		if a == 0 || b == 0 {
			return 0, true
		}
		c := a * b
		return c, c/b == a && !(a == -1 && b == math.MinInt) && !(b == -1 && a == math.MinInt)
	},
}

// numericFuncs are the functions on numbers every formula may call. They
// replace expr's float-based builtins of the same names.
func numericFuncs() []expr.Option {
	pairs := signatures(decType, numberTypes, nil)
	return []expr.Option{
		decimalFunc("min", func(a, b decimal.Decimal) (any, error) { return decimal.Min(settle(a), settle(b)), nil }, pairs),
		decimalFunc("max", func(a, b decimal.Decimal) (any, error) { return decimal.Max(settle(a), settle(b)), nil }, pairs),
		expr.Function("clamp", func(params ...any) (any, error) {
			x, lo, err := twoDecimals(params)
			if err != nil {
				return nil, err
			}
			hi, err := toDecimal(params[2])
			if err != nil {
				return nil, err
			}
			if hi.LessThan(lo) {
				return nil, fmt.Errorf("clamp: upper bound %s is below lower bound %s", hi, lo)
			}
			return decimal.Min(decimal.Max(settle(x), lo), hi), nil
		}, clampSignatures()...),
		expr.Function("step", stepFunc, new(func(decimal.Decimal, []any) decimal.Decimal), new(func(int, []any) decimal.Decimal)),
		expr.Function("points", pointsFunc, new(func(string, map[string]any) decimal.Decimal)),
		expr.Function("abs", func(params ...any) (any, error) {
			x, err := toDecimal(params[0])
			return x.Abs(), err
		}, new(func(decimal.Decimal) decimal.Decimal), new(func(int) decimal.Decimal), new(func(float64) decimal.Decimal)),
		expr.Function("decimal", func(params ...any) (any, error) {
			return toDecimal(params[0])
		}, new(func(decimal.Decimal) decimal.Decimal), new(func(int) decimal.Decimal), new(func(float64) decimal.Decimal)),
	}
}

func clampSignatures() []any {
	var sigs []any
	for _, x := range numberTypes {
		for _, lo := range numberTypes {
			for _, hi := range numberTypes {
				ft := reflect.FuncOf([]reflect.Type{x, lo, hi}, []reflect.Type{decType}, false)
				sigs = append(sigs, reflect.New(ft).Interface())
			}
		}
	}
	return sigs
}

// stepFunc implements step(x, [[threshold, points], ...]): the points of the
// highest threshold that x reaches, or 0 when it reaches none. The order of
// the pairs does not matter.
func stepFunc(params ...any) (any, error) {
	x, err := toDecimal(params[0])
	if err != nil {
		return nil, err
	}
	x = settle(x)
	table, _ := params[1].([]any)
	best, found := decimal.Zero, false
	var pts decimal.Decimal = decimal.Zero
	for i, row := range table {
		pair, ok := row.([]any)
		if !ok || len(pair) != 2 {
			return nil, fmt.Errorf("step: row %d is not a pair [threshold, points]", i+1)
		}
		th, err := toDecimal(pair[0])
		if err != nil {
			return nil, fmt.Errorf("step: row %d threshold: %v", i+1, err)
		}
		p, err := toDecimal(pair[1])
		if err != nil {
			return nil, fmt.Errorf("step: row %d points: %v", i+1, err)
		}
		if x.GreaterThanOrEqual(th) && (!found || th.GreaterThan(best)) {
			best, pts, found = th, p, true
		}
	}
	return pts, nil
}

// pointsFunc implements points(label, {"优秀": 15, "良好": 12}): the points
// of a label, or 0 when the label is not in the table (not rated).
func pointsFunc(params ...any) (any, error) {
	key, _ := params[0].(string)
	table, _ := params[1].(map[string]any)
	v, ok := table[key]
	if !ok {
		return decimal.Zero, nil
	}
	d, err := toDecimal(v)
	if err != nil {
		return nil, fmt.Errorf("points: %q: %v", key, err)
	}
	return d, nil
}
