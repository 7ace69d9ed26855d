package formula

import (
	"fmt"
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/shopspring/decimal"
)

// inputFuncNames maps a declared input type to the typed reader that In.<id>
// is rewritten into, so that expr checks the input's type.
var inputFuncNames = map[InputType]string{
	Int:     "__in_int",
	Decimal: "__in_decimal",
	Bool:    "__in_bool",
	String:  "__in_string",
}

// inputPatcher rewrites In.<id> into __in_<type>(In, "<id>"). The refuser
// has already checked that every id is declared.
type inputPatcher struct{ inputs map[string]InputType }

func (p inputPatcher) Visit(node *ast.Node) {
	n, ok := (*node).(*ast.MemberNode)
	if !ok {
		return
	}
	id, ok := n.Node.(*ast.IdentifierNode)
	if !ok || id.Value != "In" {
		return
	}
	name, ok := n.Property.(*ast.StringNode)
	if !ok {
		return
	}
	t, ok := p.inputs[name.Value]
	if !ok {
		return
	}
	call := &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: inputFuncNames[t]},
		Arguments: []ast.Node{&ast.IdentifierNode{Value: "In"}, &ast.StringNode{Value: name.Value}},
	}
	ast.Patch(node, call)
}

// inputFuncs returns the typed readers of declared inputs. A missing input
// is an error for that record, never a silent zero.
func inputFuncs() []expr.Option {
	read := func(want reflect.Type) func(params ...any) (any, error) {
		return func(params ...any) (any, error) {
			in, _ := params[0].(map[string]any)
			id, _ := params[1].(string)
			v, ok := in[id]
			if !ok || v == nil {
				return nil, fmt.Errorf("input %q is missing from the record", id)
			}
			if reflect.TypeOf(v) != want {
				return nil, fmt.Errorf("input %q holds %T, not %s", id, v, want)
			}
			return v, nil
		}
	}
	return []expr.Option{
		expr.Function("__in_int", read(reflect.TypeOf(0)), new(func(map[string]any, string) int)),
		expr.Function("__in_decimal", read(reflect.TypeOf(decimal.Decimal{})), new(func(map[string]any, string) decimal.Decimal)),
		expr.Function("__in_bool", read(reflect.TypeOf(true)), new(func(map[string]any, string) bool)),
		expr.Function("__in_string", read(reflect.TypeOf("")), new(func(map[string]any, string) string)),
	}
}

// untyper clears the types that patching left on the tree. expr checks the
// tree while it patches and keeps the type of each call it saw, throwing the
// errors of that pass away; the final check then trusts those types and
// never looks inside the call, so max(1, Sexx) would compile. Running last,
// as a repeating patcher does, it makes the final check see every node.
type untyper struct{}

func (untyper) Visit(node *ast.Node) { (*node).SetType(nil) }

// Reset is part of expr's repeating patcher interface; there is no state.
func (untyper) Reset() {}

// ShouldRepeat says one pass is enough.
func (untyper) ShouldRepeat() bool { return false }
