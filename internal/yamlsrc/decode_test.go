package yamlsrc_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errBad = errors.New("bad file")

type Rule struct {
	ID         string           `yaml:"id"`
	Points     decimal.Decimal  `yaml:"points"`
	Formula    string           `yaml:"formula"`
	Pos        formula.Position `yaml:"-"`
	FormulaPos formula.Position `yaml:"-"`
}

type change struct {
	ID         string           `yaml:"id"`
	Formula    *string          `yaml:"formula"`
	Pos        formula.Position `yaml:"-"`
	FormulaPos formula.Position `yaml:"-"`
}

type added struct {
	Parent string `yaml:"parent"`
	Rule   `yaml:",inline"`
}

type doc struct {
	ID         string             `yaml:"id"`
	Places     int                `yaml:"places"`
	Strict     bool               `yaml:"strict"`
	Rules      []Rule             `yaml:"rules"`
	Add        []added            `yaml:"add"`
	Change     []change           `yaml:"change"`
	Disable    []string           `yaml:"disable"`
	DisablePos []formula.Position `yaml:"-"`
	Labels     map[string]string  `yaml:"labels"`
}

var words = map[reflect.Type][2]string{reflect.TypeOf(decimal.Decimal{}): {"数字", "a decimal number"}}

func read(t *testing.T, src string) (*doc, error) {
	t.Helper()
	d, err := yamlsrc.Read("x.yaml", []byte(src), errBad, yamlsrc.Limits{}, words)
	if err != nil {
		return nil, err
	}
	var out doc
	return &out, d.Decode(&out)
}

func TestDecodePlaces(t *testing.T) {
	got, err := read(t, `id: p
places: 2
rules:
  - id: A
    points: 7.5
    formula: >-
      FieldYears
      / 2
  - {id: B, points: 1, formula: "Age"}
add:
  - parent: A
    id: C
    formula: Age
change:
  - {id: A, formula: "Age + 1"}
disable: [B,
  C]
labels: {a: 甲}
`)
	require.NoError(t, err)
	assert.Equal(t, "p", got.ID)
	assert.Equal(t, 2, got.Places)
	require.Len(t, got.Rules, 2)
	assert.Equal(t, "7.5", got.Rules[0].Points.String())
	assert.Equal(t, "FieldYears / 2", got.Rules[0].Formula)
	assert.Equal(t, formula.Position{File: "x.yaml", Line: 4, Column: 5}, got.Rules[0].Pos)
	assert.Equal(t, "x.yaml:7:7", got.Rules[0].FormulaPos.String())
	// A place inside the folded formula: "/ 2" is on the next line.
	assert.Equal(t, "x.yaml:8:7", got.Rules[0].FormulaPos.At(1, 12).String())
	assert.Equal(t, "x.yaml:9:6", got.Rules[1].Pos.String(), "a flow mapping is named by its first field")
	assert.Equal(t, "x.yaml:9:34", got.Rules[1].FormulaPos.String(), "a quoted formula starts after its quote")
	assert.Equal(t, "A", got.Add[0].Parent)
	assert.Equal(t, "C", got.Add[0].ID)
	assert.Equal(t, "x.yaml:11:5", got.Add[0].Pos.String(), "an added entry starts at its first key")
	assert.Equal(t, "x.yaml:13:14", got.Add[0].FormulaPos.String())
	require.NotNil(t, got.Change[0].Formula)
	assert.Equal(t, "x.yaml:15:23", got.Change[0].FormulaPos.String())
	assert.Equal(t, []string{"B", "C"}, got.Disable)
	assert.Equal(t, []formula.Position{{File: "x.yaml", Line: 16, Column: 11}, {File: "x.yaml", Line: 17, Column: 3}}, got.DisablePos)
	assert.Equal(t, map[string]string{"a": "甲"}, got.Labels)
}

// Every problem of a file is reported at once, each at its place, with the
// nearest known field for a misspelt one.
func TestDecodeReportsEveryProblem(t *testing.T) {
	_, err := read(t, `id: p
plases: 2
rules:
  - id: A
    pionts: 七
    points: 七
strict: yes
places: [1]
`)
	require.Error(t, err)
	assert.Equal(t, strings.Join([]string{
		`x.yaml:2:1: 未知字段 "plases"，是不是 "places"？ (unknown field "plases"; did you mean "places"?)`,
		`x.yaml:5:5: 未知字段 "pionts"，是不是 "points"？ (unknown field "pionts"; did you mean "points"?)`,
		`x.yaml:6:13: points："七" 不是数字 (points: "七" is not a decimal number)`,
		`x.yaml:7:9: strict："yes" 不是true 或 false (strict: "yes" is not true or false)`,
		`x.yaml:8:9: places：列表不是整数 (places: a list is not a whole number)`,
	}, "\n"), err.Error())
	var fe *formula.Error
	require.ErrorAs(t, err, &fe)
	assert.ErrorIs(t, err, errBad)
}

func TestReadRefuses(t *testing.T) {
	tests := []struct {
		name, src string
		lim       yamlsrc.Limits
		want      string
	}{
		{"an anchor and an alias", "a: &x {id: 1}\nb: *x\n", yamlsrc.Limits{},
			"x.yaml:1:4: 不支持锚点、别名、标签和合并键（&、*、!、<<）：请把内容直接写出 (anchors, aliases, tags and merge keys (&, *, !, <<) are not supported: write the value out)\n" +
				"x.yaml:2:4: 不支持锚点、别名、标签和合并键（&、*、!、<<）：请把内容直接写出 (anchors, aliases, tags and merge keys (&, *, !, <<) are not supported: write the value out)"},
		{"a tag", "a: !x 1\n", yamlsrc.Limits{},
			"x.yaml:1:4: 不支持锚点、别名、标签和合并键（&、*、!、<<）：请把内容直接写出 (anchors, aliases, tags and merge keys (&, *, !, <<) are not supported: write the value out)"},
		{"too large", "id: " + strings.Repeat("x", 100) + "\n", yamlsrc.Limits{Bytes: 50},
			"x.yaml: 文件过大（105 字节，上限 50 字节） (the file is too large (105 bytes, at most 50))"},
		{"nested too deeply", "a: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", yamlsrc.Limits{},
			"x.yaml:1:43: 嵌套过深（超过 32 层） (nested too deeply (more than 32 levels))"},
		{"too many values", "a: [1, 2, 3, 4, 5, 6]\n", yamlsrc.Limits{Nodes: 5},
			"x.yaml: 文件的值过多（10 个，上限 5 个） (the file holds too many values (10, at most 5))"},
		{"not UTF-8", "a: \xff\n", yamlsrc.Limits{},
			"x.yaml: 文件不是 UTF-8 编码，请另存为 UTF-8 (the file is not UTF-8; save it as UTF-8)"},
		{"two documents", "a: 1\n---\nb: 2\n", yamlsrc.Limits{},
			"x.yaml: 文件须恰好包含一个 YAML 文档 (the file holds exactly one YAML document)"},
		{"a list", "- 1\n", yamlsrc.Limits{},
			"x.yaml:1:1: 文件须由字段组成（id、name 等） (the file is a mapping of fields (id, name, ...))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := yamlsrc.Read("x.yaml", []byte(tt.src), errBad, tt.lim, nil)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.ErrorIs(t, err, errBad)
		})
	}
}

// A key given twice is the parser's to find, and stops the reading.
func TestReadDuplicateKey(t *testing.T) {
	_, err := read(t, "id: a\nid: b\n")
	assert.EqualError(t, err, `x.yaml:2:1: YAML 格式错误 (mapping key "id" already defined at [1:1])`)
}

func TestNearest(t *testing.T) {
	names := []string{"points", "formula", "id", "valid_from"}
	for in, want := range map[string]string{"pionts": "points", "fromula": "formula", "ID": "id", "valid_form": "valid_from", "weight": "", "x": ""} {
		assert.Equal(t, want, yamlsrc.Nearest(in, names), in)
	}
}

// A deeply nested file is refused before the parser sees it: this one
// would take the parser's stack.
func BenchmarkReadDeep(b *testing.B) {
	src := []byte("a: " + strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + "\n")
	for b.Loop() {
		if _, err := yamlsrc.Read("x.yaml", src, errBad, yamlsrc.Limits{}, nil); err == nil {
			b.Fatal("accepted")
		}
	}
}
