package formula

import (
	"fmt"
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/shopspring/decimal"
)

// floatBuiltins are expr builtins that compute in floats. Points must be
// exact, so formulas may not call them; the message says what to use.
var floatBuiltins = map[string]string{
	"mean":     "add the terms and divide",
	"median":   "compare the values with ?:",
	"float":    "numbers are exact decimals already",
	"round":    "the policy rounds every indicator as it declares",
	"ceil":     "the policy rounds every indicator as it declares",
	"floor":    "the policy rounds every indicator as it declares",
	"fromJSON": "read the record's fields",
	"reduce":   "use count, sum over whole numbers, or add the terms",
}

// refusedOperators compute powers in floats.
var refusedOperators = map[string]string{
	"**": "multiply instead (x * x)",
	"^":  "multiply instead (x * x)",
}

// resultPlaces is how many places a number formula's result keeps before
// the policy rounds it. A quotient keeps DivisionScale places and the
// operations after it can leave a trace in the last of them (0.025 / 3 * 3
// is 0.0249999999999999); rounding to fewer places first gives back the
// exact 0.025, and no indicator is ever rounded to anything near 12 places.
const resultPlaces = DivisionScale - 4

// settle rounds away what division left in the last places of a result.
func settle(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() >= -resultPlaces {
		return d
	}
	return d.Round(resultPlaces)
}

// inexact finds, in a checked formula, a part that would compute in
// floats or on values whose type cannot be known: such arithmetic is not
// exact, so the formula is refused when it compiles.
func inexact(root ast.Node) (int, string) {
	v := &inexactFinder{}
	ast.Walk(&root, v)
	return v.from, v.msg
}

type inexactFinder struct {
	from int
	msg  string
}

func isInt(t reflect.Type) bool {
	return t != nil && (t.Kind() == reflect.Int || t.Kind() == reflect.Int64)
}

func isFloat(t reflect.Type) bool {
	return t != nil && (t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32)
}

func (v *inexactFinder) Visit(node *ast.Node) {
	if v.msg != "" {
		return
	}
	switch n := (*node).(type) {
	case *ast.BinaryNode:
		switch n.Operator {
		case "+", "-", "*", "/", "%":
			// What is left after the decimal operators were patched in is
			// expr's own arithmetic: exact only on whole numbers.
			if !isInt(n.Left.Type()) || !isInt(n.Right.Type()) {
				v.from = n.Location().From
				v.msg = fmt.Sprintf("%s here works on a value whose type cannot be known, which is not exact; give both sides a known type (use points() for a table of values)", n.Operator)
			}
		}
	case *ast.BuiltinNode:
		if n.Name == "sum" && !isInt(n.Type()) {
			v.from = n.Location().From
			v.msg = "sum adds whole numbers only; for points that are not whole, add the terms (a + b) or count by level and multiply"
		}
	case *ast.UnaryNode:
		if _, literal := n.Node.(*ast.FloatNode); literal {
			return // a negative literal such as -0.5 is exact
		}
		if isFloat(n.Type()) {
			v.from, v.msg = n.Location().From, "this part computes in floats, which is not exact"
		}
	case *ast.FloatNode, *ast.ArrayNode, *ast.MapNode, *ast.PairNode:
		return // literals become exact decimals where they are used
	default:
		if isFloat((*node).Type()) {
			v.from, v.msg = (*node).Location().From, "this part computes in floats, which is not exact"
		}
	}
}
