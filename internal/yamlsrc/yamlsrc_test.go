package yamlsrc_test

import (
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// value parses src, a mapping of one field, and returns the field's value.
func value(t testing.TB, src string) ast.Node {
	t.Helper()
	f, err := yamlsrc.Parse([]byte(src))
	require.NoError(t, err)
	require.Len(t, f.Docs, 1)
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	require.True(t, ok, "the body is a %T", f.Docs[0].Body)
	require.NotEmpty(t, m.Values)
	return m.Values[0].Value
}

func TestMap(t *testing.T) {
	type P = yamlsrc.Place
	tests := []struct {
		name string
		src  string
		text string // as YAML decodes it
		want []P    // one per character of text, then its end
	}{
		{
			name: "plain",
			src:  "k: a+b\n",
			text: "a+b",
			want: []P{{1, 4}, {1, 5}, {1, 6}, {1, 7}},
		},
		{
			name: "single-quoted with a doubled quote",
			src:  "k: 'it''s'\n",
			text: "it's",
			want: []P{{1, 5}, {1, 6}, {1, 7}, {1, 9}, {1, 10}},
		},
		{
			name: "double-quoted with escapes",
			src:  `k: "a\"b\u00e9c"` + "\n",
			text: `a"béc`,
			want: []P{{1, 5}, {1, 6}, {1, 8}, {1, 9}, {1, 15}, {1, 16}},
		},
		{
			name: "double-quoted with an escaped line break",
			src:  "k: \"ab\\\n  cd\"\n",
			text: "abcd",
			want: []P{{1, 5}, {1, 6}, {2, 3}, {2, 4}, {2, 5}},
		},
		{
			name: "double-quoted on two lines",
			src:  "k: \"a\n  b\"\n",
			text: "a b",
			want: []P{{1, 5}, {2, 1}, {2, 3}, {2, 4}},
		},
		{
			name: "literal block",
			src:  "k: |\n  x>1\n  y\n",
			text: "x>1\ny\n",
			want: []P{{2, 3}, {2, 4}, {2, 5}, {2, 6}, {3, 3}, {3, 4}, {4, 1}},
		},
		{
			name: "folded block",
			src:  "k: >\n  a\n  b\n",
			text: "a b\n",
			want: []P{{2, 3}, {3, 1}, {3, 3}, {3, 4}, {4, 1}},
		},
		{
			name: "plain on two lines",
			src:  "k: a\n  b\n",
			text: "a b",
			want: []P{{1, 4}, {2, 1}, {2, 3}, {2, 4}},
		},
		{
			name: "CJK characters count one column each",
			src:  "k: 年龄>=18\n",
			text: "年龄>=18",
			want: []P{{1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {1, 9}, {1, 10}},
		},
		{
			name: "CJK key before a quoted value",
			src:  "名称: \"南宁\"\n",
			text: "南宁",
			want: []P{{1, 6}, {1, 7}, {1, 8}},
		},
		{
			name: "windows line ends",
			src:  "k: a\r\n  b\r\n",
			text: "a b",
			want: []P{{1, 4}, {2, 1}, {2, 3}, {2, 4}},
		},
		{
			name: "a tag is passed over",
			src:  "k: !!str a\n",
			text: "a",
			want: []P{{1, 10}, {1, 11}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := value(t, tt.src)
			if _, tagged := n.(*ast.TagNode); !tagged {
				text, ok := yamlsrc.ScalarText(n)
				require.True(t, ok)
				require.Equal(t, tt.text, text)
			}
			got := yamlsrc.OriginOf(n).Map(yamlsrc.Lines([]byte(tt.src)), tt.text)
			assert.Equal(t, tt.want, got)
		})
	}
}

// A text the file does not hold maps, from where the walk lost its way, to
// the last place it matched.
func TestMapOfAnotherText(t *testing.T) {
	src := "k: abc\n"
	got := yamlsrc.OriginOf(value(t, src)).Map(yamlsrc.Lines([]byte(src)), "abXc")
	assert.Equal(t, []yamlsrc.Place{{1, 4}, {1, 5}, {1, 5}, {1, 5}, {1, 5}}, got)

	assert.Equal(t, []yamlsrc.Place{{}, {}}, yamlsrc.Origin{}.Map(yamlsrc.Lines([]byte(src)), "a"))
}

func TestNodePlace(t *testing.T) {
	src := "rules:\n  - id: a\n    when: |\n      x\n  - {id: b}\n"
	f, err := yamlsrc.Parse([]byte(src))
	require.NoError(t, err)
	body := f.Docs[0].Body.(*ast.MappingNode)
	list := body.Values[0].Value.(*ast.SequenceNode)
	block := list.Values[0].(*ast.MappingNode)
	tests := []struct {
		name string
		node ast.Node
		want yamlsrc.Place
	}{
		{"nil", nil, yamlsrc.Place{}},
		{"a block mapping at its first key", body, yamlsrc.Place{Line: 1, Column: 1}},
		{"a mapping entry at its key", block.Values[1], yamlsrc.Place{Line: 3, Column: 5}},
		{"a list", list, yamlsrc.Place{Line: 2, Column: 3}},
		{"a block scalar at its header", block.Values[1].Value, yamlsrc.Place{Line: 3, Column: 11}},
		{"a flow mapping at its brace", list.Values[1], yamlsrc.Place{Line: 5, Column: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, yamlsrc.NodePlace(tt.node))
		})
	}
}

func TestScalarText(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		want   string
		scalar bool
	}{
		{"text", "k: 南宁\n", "南宁", true},
		{"a number as written", "k: 0.10\n", "0.10", true},
		{"a whole number", "k: 007\n", "007", true},
		{"a boolean", "k: yes\n", "yes", true},
		{"an empty block", "k: |\n", "", true},
		{"null", "k: ~\n", "", false},
		{"a list", "k: [a]\n", "", false},
		{"a mapping", "k: {a: b}\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := yamlsrc.ScalarText(value(t, tt.src))
			assert.Equal(t, tt.scalar, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseError(t *testing.T) {
	_, err := yamlsrc.Parse([]byte("k: [a\n"))
	require.Error(t, err)
	assert.Equal(t, yamlsrc.Place{}, yamlsrc.TokenPlace(nil))
}

func TestLines(t *testing.T) {
	assert.Equal(t, [][]rune{[]rune("a: 南宁"), []rune("b"), {}}, yamlsrc.Lines([]byte("a: 南宁\nb\n")))
}

func BenchmarkMap(b *testing.B) {
	src := "formula: >\n  IncomeRatio >= 1.5\n  && Age >= 25\n  && \"南宁\" in Cities\n"
	n := value(b, src)
	text, _ := yamlsrc.ScalarText(n)
	lines := yamlsrc.Lines([]byte(src))
	origin := yamlsrc.OriginOf(n)
	b.ReportAllocs()
	for b.Loop() {
		origin.Map(lines, text)
	}
}

func TestFieldsAndIndirect(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		fields   int
		mapping  bool
		indirect bool
	}{
		{"a block mapping", "k:\n  a: 1\n  b: 2\n", 2, true, false},
		{"a flow mapping", "k: {a: 1}\n", 1, true, false},
		{"a list", "k: [a]\n", 0, false, false},
		{"a text", "k: a\n", 0, false, false},
		{"an anchor", "k: &x a\n", 0, false, true},
		{"a tag", "k: !!str a\n", 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := value(t, tt.src)
			fields, ok := yamlsrc.Fields(n)
			assert.Equal(t, tt.mapping, ok)
			assert.Len(t, fields, tt.fields)
			assert.Equal(t, tt.indirect, yamlsrc.Indirect(n))
		})
	}
}
