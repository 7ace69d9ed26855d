package formula_test

import (
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/newstrata/newstrata/formula"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"spaced", "Age<=60", "Age <= 60"},
		{"wrapped over lines", "Age >= 25 &&\n  Age <= 60", "Age >= 25 && Age <= 60"},
		{"folded by YAML", "Age >= 25 && Age <= 60  ", "Age >= 25 && Age <= 60"},
		{"redundant parentheses", "((Age >= 25)) && (Age <= 60)", "Age >= 25 && Age <= 60"},
		{"a comment", "FieldYears /* 年 */ >= 3", "FieldYears >= 3"},
		{"aliases", "not Reliable and CPC or Local", "(not Reliable && CPC) || Local"},
		{"bang", "!Reliable", "not Reliable"},
		{"precedence kept", "(a + b) * c - (d - e)", "(a + b) * c - (d - e)"},
		{"left associative", "a - b - c", "a - b - c"},
		{"mixed boolean operators bracketed", "a || b && c", "a || (b && c)"},
		{"boolean operators grouped", "(a || b) && c", "(a || b) && c"},
		{"not of an or", "not (a || b || c)", "not (a || b || c)"},
		{"not of a comparison", "not (a == b)", "not (a == b)"},
		{"not before a member", "not a.b", "not a.b"},
		{"in a list", `Group in ["G1","G2"]`, `Group in ["G1", "G2"]`},
		{"not in", `Group not in ["G1"]`, `Group not in ["G1"]`},
		{"not in, spelled out", `not (Group in ["G1"])`, `Group not in ["G1"]`},
		{"in a range", "Age in 25..60", "Age in 25..60"},
		{"range of a sum", "x in 1..(n+1)", "x in 1..(n + 1)"},
		{"coalesce", "In.rural ?? 0", "In.rural ?? 0"},
		{"coalesce in a sum", "(a ?? 0) + 1", "(a ?? 0) + 1"},
		{"sum in a coalesce", "a ?? (b + 1)", "a ?? (b + 1)"},
		{"coalesce chain", "a ?? b ?? c", "a ?? b ?? c"},
		{"ternary", "a?1:2", "a ? 1 : 2"},
		{"ternary chain", "a ? 12 :\n b ? 10 : 0", "a ? 12 : b ? 10 : 0"},
		{"ternary in a branch", "a ? (b ? 1 : 2) : 3", "a ? (b ? 1 : 2) : 3"},
		{"ternary in a sum", "(a ? 1 : 2) + 3", "(a ? 1 : 2) + 3"},
		{"if else", "if a { 1 } else { 2 }", "if a { 1 } else { 2 }"},
		{"predicate with a member", "any(OrgPosts, .Leading && .Level in [\"县级\"])", `any(OrgPosts, .Leading && .Level in ["县级"])`},
		{"predicate in braces", "all(xs, {# > 1})", "all(xs, # > 1)"},
		{"pipe", "xs | filter(# > 1) | len()", "len(filter(xs, # > 1))"},
		{"named pointer", "reduce(xs, #acc + #, 0)", "reduce(xs, #acc + #, 0)"},
		{"member chain", "a.b[\"c d\"][0]", `a.b["c d"][0]`},
		{"member written as index", `a["b"]`, "a.b"},
		{"optional member", "a?.b", "a?.b"},
		{"slice", "xs[1:2]", "xs[1:2]"},
		{"member of a sum", "(a + b).c", "(a + b).c"},
		{"member of a negation", "(-a).b", "(-a).b"},
		{"map", `points(R, {"优秀":15,'良好': 12})`, `points(R, {"优秀": 15, "良好": 12})`},
		{"map with bare keys", "{a: 1}", `{"a": 1}`},
		{"array", "[ 1 , 2 ]", "[1, 2]"},
		{"unary minus", "- Donations", "-Donations"},
		{"minus of a sum", "-(a + b)", "-(a + b)"},
		{"minus of a minus", "- -a", "-(-a)"},
		{"minus in a product", "a * -b", "a * -b"},
		{"minus before a coalesce", "(-a) ?? b", "(-a) ?? b"},
		{"unary plus", "+a", "+a"},
		{"float keeps its point", "1.0 + 0.50", "1.0 + 0.5"},
		{"float with exponent", "1e3", "1000.0"},
		{"int forms", "0x10 + 1_000", "16 + 1000"},
		{"string escapes", `"a\"b" + 'c\'d' + "\n"`, `"a\"b" + "c'd" + "\n"`},
		{"string with spaces", `x == "a  b"`, `x == "a  b"`},
		{"comparison of a comparison", "(a < b) == c", "(a < b) == c"},
		{"chained comparison", "1 < x < 3", "1 < x && x < 3"},
		{"let", "let x = a + 1; x * 2", "let x = a + 1; x * 2"},
		{"call", "max( a ,b )", "max(a, b)"},
		{"nil and bools", "a == nil || true", "a == nil || true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := formula.Canonical(tt.src)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := formula.Canonical(got)
			require.NoError(t, err)
			assert.Equal(t, got, again, "the canonical form is its own canonical form")
			assert.Equal(t, parse(t, tt.src), parse(t, got), "the canonical form parses to the same tree")
		})
	}
}

func TestCanonicalDiffers(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"operator", "Age <= 60", "Age < 60"},
		{"constant", "Age <= 60", "Age <= 65"},
		{"int and float", "a ? 1 : 2", "a ? 1.0 : 2"},
		{"grouping", "a - (b - c)", "a - b - c"},
		{"string content", `x == "a b"`, `x == "a  b"`},
		{"argument order", "max(a, b)", "max(b, a)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := formula.Canonical(tt.a)
			require.NoError(t, err)
			b, err := formula.Canonical(tt.b)
			require.NoError(t, err)
			assert.NotEqual(t, a, b)
		})
	}
}

// A formula that does not parse is folded, not dropped: it still differs
// from any other and equals itself laid out differently.
func TestCanonicalUnparsed(t *testing.T) {
	got, err := formula.Canonical("  Age >=\n  ( 25 ")
	require.Error(t, err)
	assert.Equal(t, "Age >= ( 25", got)
	got, err = formula.Canonical(`x == "a\"  b" +`)
	require.Error(t, err)
	assert.Equal(t, `x == "a\"  b" +`, got)
}

func TestFold(t *testing.T) {
	assert.Equal(t, `a == "x  y" && b`, formula.Fold(" a  ==\t\"x  y\"\n&& b "))
	assert.Equal(t, `a != "q\"  r" s`, formula.Fold(`a   != "q\"  r"  s`))
}

// parse returns the tree of src, with operator aliases in one spelling.
func parse(t *testing.T, src string) string {
	t.Helper()
	tree, err := parser.Parse(src)
	require.NoError(t, err)
	ast.Walk(&tree.Node, aliases{})
	return ast.Dump(tree.Node)
}

type aliases struct{}

func (aliases) Visit(node *ast.Node) {
	spell := map[string]string{"and": "&&", "or": "||", "!": "not"}
	switch n := (*node).(type) {
	case *ast.UnaryNode:
		if s, ok := spell[n.Operator]; ok {
			n.Operator = s
		}
	case *ast.BinaryNode:
		if s, ok := spell[n.Operator]; ok {
			n.Operator = s
		}
	}
}
