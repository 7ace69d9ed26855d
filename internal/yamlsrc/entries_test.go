package yamlsrc_test

import (
	"strings"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type sheet struct {
	Cells  yamlsrc.Entries[yamlsrc.Texts]           `yaml:"cells"`
	Points yamlsrc.Entries[*decimal.Decimal]        `yaml:"points"`
	Nested yamlsrc.Entries[yamlsrc.Entries[string]] `yaml:"nested"`
	Empty  yamlsrc.Entries[string]                  `yaml:"empty"`
	Null   yamlsrc.Entries[string]                  `yaml:"null"`
	IDs    yamlsrc.Texts                            `yaml:"ids"`
	One    yamlsrc.Texts                            `yaml:"one"`
	None   yamlsrc.Texts                            `yaml:"none"`
	Rows   []struct {
		Name    string   `yaml:"name"`
		Unknown []string `yaml:"-"`
	} `yaml:"rows"`
	PointsPos formula.Position `yaml:"-"`
}

func decodeSheet(t *testing.T, src string) (*sheet, error) {
	t.Helper()
	d, err := yamlsrc.Read("x.yaml", []byte(src), errBad, yamlsrc.Limits{}, words)
	require.NoError(t, err)
	var out sheet
	return &out, d.Decode(&out)
}

func pos(line, column int) formula.Position {
	return formula.Position{File: "x.yaml", Line: line, Column: column}
}

// A mapping keyed by data keeps its order and the place of each key and
// value; a value is decoded as its type says.
func TestDecodeEntries(t *testing.T) {
	got, err := decodeSheet(t, `cells:
  出生年月: 1985-03
  获奖情况: [甲, 乙]
  "从业 年限 ": 6
  备注:
points: {A2: 4.5, B1:}
nested:
  甲: {a: x}
  乙:
empty: {}
null:
ids: []
one: Q4
none:
rows:
  - name: a
    nam: b
`)
	require.Error(t, err)
	assert.Equal(t, `x.yaml:17:5: 未知字段 "nam"，是不是 "name"？ (unknown field "nam"; did you mean "name"?)`, err.Error())
	assert.Equal(t, yamlsrc.Entries[yamlsrc.Texts]{
		{Key: "出生年月", Value: yamlsrc.Texts{"1985-03"}, KeyPos: pos(2, 3), ValuePos: pos(2, 9)},
		{Key: "获奖情况", Value: yamlsrc.Texts{"甲", "乙"}, KeyPos: pos(3, 3), ValuePos: pos(3, 9)},
		{Key: "从业 年限 ", Value: yamlsrc.Texts{"6"}, KeyPos: pos(4, 3), ValuePos: pos(4, 13)},
		{Key: "备注", KeyPos: pos(5, 3), ValuePos: pos(5, 6)},
	}, got.Cells, "an empty value is placed just past its colon")
	require.Len(t, got.Points, 2)
	assert.Equal(t, "4.5", got.Points[0].Value.String())
	assert.Equal(t, pos(6, 14), got.Points[0].ValuePos)
	assert.Nil(t, got.Points[1].Value, "null leaves a pointer nil")
	assert.Equal(t, pos(6, 9), got.PointsPos)
	require.Len(t, got.Nested, 2)
	assert.Equal(t, yamlsrc.Entries[string]{{Key: "a", Value: "x", KeyPos: pos(8, 7), ValuePos: pos(8, 10)}}, got.Nested[0].Value)
	assert.Nil(t, got.Nested[1].Value)
	assert.NotNil(t, got.Empty, "{} is an empty mapping, not none")
	assert.Empty(t, got.Empty)
	assert.Nil(t, got.Null)
	assert.Equal(t, yamlsrc.Texts{}, got.IDs, "[] is an empty list, not none")
	assert.Equal(t, yamlsrc.Texts{"Q4"}, got.One, "a lone text is a list of one")
	assert.Nil(t, got.None)
	assert.Equal(t, []string{"nam"}, got.Rows[0].Unknown, "a struct may learn its unknown keys")
}

func TestDecodeEntriesProblems(t *testing.T) {
	got, err := decodeSheet(t, `cells:
  甲: {a: 1}
  乙: [x, [y]]
  "": 1
points: {A2: 五}
nested: [a]
ids: {a: 1}
`)
	require.Error(t, err)
	assert.Equal(t, strings.Join([]string{
		`x.yaml:2:6: 甲：映射不是文本或文本的列表 (甲: a mapping is not a text or a list of texts)`,
		`x.yaml:3:10: 乙：列表不是文本 (乙: a list is not text)`,
		`x.yaml:4:3: cells：键为空 (cells: a key is blank)`,
		`x.yaml:5:14: A2："五" 不是数字 (A2: "五" is not a decimal number)`,
		`x.yaml:6:9: nested：列表不是字段和值 (nested: a list is not a mapping)`,
		`x.yaml:7:6: ids：映射不是文本或文本的列表 (ids: a mapping is not a text or a list of texts)`,
	}, "\n"), err.Error())
	assert.Equal(t, yamlsrc.Texts{}, got.Cells[1].Value, "a list with an item that is not a text is left empty")
	assert.ErrorIs(t, err, errBad)
	var fe *formula.Error
	require.ErrorAs(t, err, &fe)
}
