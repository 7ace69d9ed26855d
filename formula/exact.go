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

func isUnknown(t reflect.Type) bool { return t == nil || t.Kind() == reflect.Interface }

func isNumber(t reflect.Type) bool { return isInt(t) || isFloat(t) || t == decType }

func (v *inexactFinder) refuse(n ast.Node, msg string) {
	v.from, v.msg = n.Location().From, msg
}

func (v *inexactFinder) Visit(node *ast.Node) {
	if v.msg != "" {
		return
	}
	switch n := (*node).(type) {
	case *ast.BinaryNode:
		l, r := n.Left.Type(), n.Right.Type()
		switch n.Operator {
		case "+", "-", "*", "/", "%":
			// What is left after the decimal operators were patched in is
			// expr's own arithmetic: exact on whole numbers and strings,
			// not on floats nor on values whose type cannot be known.
			if isUnknown(l) || isUnknown(r) || isFloat(l) || isFloat(r) {
				v.refuse(n, fmt.Sprintf("%s here works on a value whose type cannot be known, which is not exact; give both sides a known type (a ? 1.0 : 0.5 rather than a ? 1 : 0.5, decimal(x), points() for a table of values)", n.Operator))
			}
		case "==", "!=", "<", "<=", ">", ">=":
			// Between a number and a value of unknown type, expr compares
			// by Go equality (a decimal never equals an int) or fails.
			if (isUnknown(l) && (isUnknown(r) || isNumber(r))) || (isUnknown(r) && isNumber(l)) {
				v.refuse(n, fmt.Sprintf("%s here compares a value whose type cannot be known; give both sides a known type (decimal(x) makes a number one)", n.Operator))
			}
		case "in":
			if l == decType || (isUnknown(l) && !isStringList(n.Right)) {
				v.refuse(n, "in compares numbers by Go equality, which a decimal fails; compare with == and ||, or use atLeast or step")
			}
		}
		if isFloat(n.Type()) {
			v.refuse(n, "this part computes in floats, which is not exact")
		}
	case *ast.BuiltinNode:
		if n.Name == "sum" && !isInt(n.Type()) {
			v.refuse(n, "sum adds whole numbers only; for points that are not whole, add the terms (a + b) or count by level and multiply")
		} else if isFloat(n.Type()) {
			v.refuse(n, "this part computes in floats, which is not exact")
		}
	case *ast.UnaryNode:
		if _, literal := n.Node.(*ast.FloatNode); !literal && isFloat(n.Type()) {
			v.refuse(n, "this part computes in floats, which is not exact")
		}
	case *ast.CallNode:
		if isFloat(n.Type()) {
			v.refuse(n, "this part computes in floats, which is not exact")
		}
	}
}

// isStringList reports whether n is a list literal of strings only, which
// in compares exactly whatever the left side holds.
func isStringList(n ast.Node) bool {
	arr, ok := n.(*ast.ArrayNode)
	if !ok {
		return false
	}
	for _, x := range arr.Nodes {
		if _, s := x.(*ast.StringNode); !s {
			return false
		}
	}
	return true
}

// fits reports whether a formula whose result type the checker could not
// know gives the kind the rule needs on every branch (a ? b : c, a ?? b,
// let ...; ...), so that no record finds out at run time.
func fits(kind Kind, n ast.Node) bool {
	if t := n.Type(); t != nil && t.Kind() != reflect.Interface {
		return resultFits(kind, t)
	}
	switch x := n.(type) {
	case *ast.ConditionalNode:
		return fits(kind, x.Exp1) && fits(kind, x.Exp2)
	case *ast.BinaryNode:
		return x.Operator == "??" && fits(kind, x.Left) && fits(kind, x.Right)
	case *ast.VariableDeclaratorNode:
		return fits(kind, x.Expr)
	}
	return false
}

// mixedNumbers gives a ?: or ?? whose branches are numbers of two types
// (a ? 1 : 0.5, a ? 12 : Donations) one type: each branch becomes
// decimal(branch), so that what follows is exact decimal arithmetic on a
// known type. It also gives decimals their unary minus and plus. It repeats until no branch is left mixed, since an inner
// branch's type is known only once it is patched.
type mixedNumbers struct{ changed bool }

func isNumeric(t reflect.Type) bool {
	return t != nil && (isInt(t) || isFloat(t) || t == decType)
}

func (p *mixedNumbers) wrap(n *ast.Node) {
	if (*n).Type() == decType {
		return
	}
	call := &ast.CallNode{Callee: &ast.IdentifierNode{Value: "decimal"}, Arguments: []ast.Node{*n}}
	ast.Patch(n, call)
	p.changed = true
}

func (p *mixedNumbers) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.UnaryNode:
		// expr has no unary operators on decimals: -x is 0 - x, +x is x.
		if n.Node.Type() == decType && (n.Operator == "-" || n.Operator == "+") {
			var call ast.Node = n.Node
			if n.Operator == "-" {
				call = &ast.CallNode{Callee: &ast.IdentifierNode{Value: "__dec_sub"}, Arguments: []ast.Node{&ast.IntegerNode{Value: 0}, n.Node}}
			}
			ast.Patch(node, call)
			p.changed = true
		}
	case *ast.ConditionalNode:
		a, b := n.Exp1.Type(), n.Exp2.Type()
		if isNumeric(a) && isNumeric(b) && a != b {
			p.wrap(&n.Exp1)
			p.wrap(&n.Exp2)
		}
	case *ast.BinaryNode:
		a, b := n.Left.Type(), n.Right.Type()
		if n.Operator == "??" && isNumeric(a) && isNumeric(b) && a != b {
			p.wrap(&n.Left)
			p.wrap(&n.Right)
		}
	}
}

// Reset starts a pass.
func (p *mixedNumbers) Reset() { p.changed = false }

// ShouldRepeat asks for another pass while branches were patched.
func (p *mixedNumbers) ShouldRepeat() bool { return p.changed }
