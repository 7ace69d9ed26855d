package formula

import (
	"testing"

	"github.com/expr-lang/expr/parser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The printer itself, not the fallback to the folded source, gives the
// canonical form of every construct formulas use.
func TestPrinterNeedsNoFallback(t *testing.T) {
	for _, src := range []string{
		"Age in 25..60", "x in 1..(n + 1)", "a?.b", "a?.[0]", "xs[1:2]", "xs[:2]", "xs[1:]",
		"reduce(xs, #acc + #, 0)", "map(xs, #index)", "any(OrgPosts, .Leading)", "filter(xs, .A > 1)",
		"a ? 12 : b ? 10 : 0", "(a ? b : c) ? 1 : 2", "a ? (b ? 1 : 2) : 3",
		"(-a) ?? b", "a ?? -b", "-a ?? b", "a ?? b ?? c", "(a ?? b) + 1", "a + (b ?? 1)",
		"not a in b", "a not in b", "not (a in b) == c", "(a not in b) == c",
		"a - -1", "- -a", "-(-a)", "not not a", "-a.b", "(-a).b", "-a[0]", "a * -b ** 2",
		"a matches \"x\" && b contains \"y\" || c startsWith \"z\" and d endsWith \"w\"",
		"1 < x < 3", "(a < b) < c", "a == (b == c)",
		"{1: 2, \"a b\": 3, c: 4}", "[1, [2, 3], {}]", "[]",
		"let x = 1; let y = x + 1; x * y", "if a { 1 } else if b { 2 } else { 3 }",
		"(let x = 1; x) + 1", "f(a; b)",
		"1.0", "0.000001", "1e21", "0.5", "\"\\u00e9\\x00\\t\"",
		"In.rural * 2", "max(Education in [\"研究生\"] ? points(Education, {\"研究生\": 8}) : 2, 3)",
	} {
		t.Run(src, func(t *testing.T) {
			tree, err := parser.Parse(src)
			if err != nil {
				t.Skipf("expr does not parse it: %v", err)
			}
			var p printer
			out := p.print(tree.Node)
			require.False(t, p.unknown)
			assert.True(t, sameTree(tree.Node, out), "%s printed as %s", src, out)
		})
	}
}
