package tier_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/newstrata/newstrata/classify"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoRounds is a registry with every kind of row: on the city list, on a
// county's, without a list, a secondary group, a post, a score with
// trailing zeros, and a removal by veto kept as history.
func twoRounds(t *testing.T) *tier.Registry {
	t.Helper()
	r := roundRules()
	first := with(firstRound, "K1", func(a *tier.Assessed) { a.Secondary = []classify.Group{classify.G4}; a.Post = roster.City })
	reg, _, err := tier.Round(nil, r, first, day1)
	require.NoError(t, err)
	second := with(on(day2, first), "K4", func(a *tier.Assessed) {
		a.Standing, a.Grade, a.Vetoes, a.Failed = tier.StandingRemoved, evaluate.GradeD, []string{"V2 失信被执行人"}, []string{"Q8 遵纪守法"}
	})
	reg, _, err = tier.Round(reg, r, second, day2)
	require.NoError(t, err)
	return reg
}

func TestJSONRoundTrip(t *testing.T) {
	reg := twoRounds(t)
	b, err := json.Marshal(reg)
	require.NoError(t, err)
	var back tier.Registry
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, reg.AsOf(), back.AsOf())
	assert.Equal(t, reg.Entries(), back.Entries())

	// The shape: snake_case, codes with labels, decimals as strings,
	// null for what is absent, [] for empty lists.
	var rows struct {
		AsOf string           `json:"as_of"`
		Rows []map[string]any `json:"rows"`
	}
	require.NoError(t, json.Unmarshal(b, &rows))
	assert.Equal(t, "2025-03-01", rows.AsOf)
	k1 := rows.Rows[0]
	assert.Equal(t, map[string]any{"code": "city", "label": "市级名单"}, k1["seat"])
	assert.Equal(t, map[string]any{"code": "A", "label": "A级"}, k1["grade"])
	assert.Equal(t, []any{map[string]any{"code": "G4", "label": "新媒体从业人员"}}, k1["secondary"])
	assert.Equal(t, "95", k1["score"])
	assert.Nil(t, k1["removed_on"])
	assert.Equal(t, []any{}, k1["detail"])
	assert.Equal(t, "85.50", rows.Rows[1]["score"])
	k4 := rows.Rows[3]
	assert.Equal(t, map[string]any{"code": "veto", "label": "一票否决"}, k4["removed_for"])
	assert.Equal(t, []any{"V2 失信被执行人"}, k4["detail"])
	assert.Nil(t, k4["seat"])

	none, err := tier.NewRegistry(roster.Date{}, nil)
	require.NoError(t, err)
	empty, err := json.Marshal(none)
	require.NoError(t, err)
	assert.JSONEq(t, `{"as_of": null, "rows": []}`, string(empty))
}

func TestJSONErrors(t *testing.T) {
	var reg tier.Registry
	err := json.Unmarshal([]byte(`{"as_of":"2025-03-01","rows":[{"key":"K1","unit":"450103","seat":{"code":"palace"},"status":{"code":"active"},"since":"2025-03-01"}]}`), &reg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "记录 K1：名单 不是可用的代码或名称 (not a code or label of the set)")
	assert.ErrorIs(t, err, tier.ErrInvalid)

	err = json.Unmarshal([]byte(`{"as_of":"2025-03-01","rows":[],"extra":1}`), &reg)
	assert.ErrorContains(t, err, `unknown field "extra"`)
}

func TestCSVRoundTrip(t *testing.T) {
	reg := twoRounds(t)
	var buf bytes.Buffer
	require.NoError(t, reg.WriteCSV(&buf))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 5)
	assert.Equal(t, "登记编号,所属单位,名单,名单编号,群体,兼属群体,等次,综合得分,职务级别,评价日期,政策,版本校验码,入库理由,入库日期,状态,剔除日期,剔除理由,剔除说明,数据库日期", lines[0])
	assert.Equal(t, "K4,450105,,,新媒体从业人员,,D级,82,,2025-03-01,nanning-2019,sha256:0a1b,,2024-03-01,已剔除,2025-03-01,一票否决,V2 失信被执行人,2025-03-01", lines[4])

	back, err := tier.ReadCSV(&buf)
	require.NoError(t, err)
	assert.Equal(t, reg.AsOf(), back.AsOf())
	assert.Equal(t, reg.Entries(), back.Entries())

	// A byte order mark, as spreadsheet programs write, is skipped.
	buf.Reset()
	buf.WriteString("\ufeff")
	require.NoError(t, reg.WriteCSV(&buf))
	back, err = tier.ReadCSV(&buf)
	require.NoError(t, err)
	assert.Equal(t, reg.Entries(), back.Entries())
}

func TestCSVErrors(t *testing.T) {
	header := "登记编号,所属单位,名单,名单编号,群体,兼属群体,等次,综合得分,职务级别,评价日期,政策,版本校验码,入库理由,入库日期,状态,剔除日期,剔除理由,剔除说明,数据库日期\n"
	good := "K1,450103,市级名单,450100,自由职业人员,,A级,95,,2025-03-01,p,f,按排序入选,2024-03-01,在库,,,,2025-03-01\n"
	tests := []struct {
		name, csv string
		want      []string
	}{
		{
			name: "a bad grade and a bad score", csv: header + good + "K2,450103,在库未列入名单,,自由职业人员,,E级,九十,,2025-03-01,p,f,在库未列入名单,2024-03-01,在库,,,,2025-03-01\n",
			want: []string{
				"第 3 行第 7 列（等次）：记录 K2：等次 不是 A 至 D 级 (not a grade from A to D)",
				"第 3 行第 8 列（综合得分）：记录 K2：综合得分 不是数字 (not a number)",
			},
		},
		{
			name: "a seat without its list id", csv: header + "K1,450103,市级名单,,自由职业人员,,A级,95,,2025-03-01,p,f,按排序入选,2024-03-01,在库,,,,2025-03-01\n",
			want: []string{"第 2 行第 4 列（名单编号）：记录 K1：名单编号 列入名单的必须填名单编号，未列入的不能填 (a list id goes with a seat on a list, and only with one)"},
		},
		{
			name: "a date after the registry's", csv: header + "K1,450103,市级名单,450100,自由职业人员,,A级,95,,2026-03-01,p,f,按排序入选,2024-03-01,在库,,,,2025-03-01\n",
			want: []string{"第 2 行第 10 列（评价日期）：记录 K1：评价日期 晚于数据库日期 2025-03-01 (after the registry's date 2025-03-01)"},
		},
		{
			name: "a missing column and an unknown one", csv: strings.Replace(header, "剔除说明", "备注", 1) + good,
			want: []string{
				"第 1 行第 18 列（备注）：不是数据库的列 (not a column of the registry)",
				"第 1 行：缺少“剔除说明”列 (column 剔除说明 is missing)",
			},
		},
		{
			name: "a short line", csv: header + "K1,450103\n",
			want: []string{"第 2 行：有 2 列，表头有 19 列 (2 fields, the header has 19)"},
		},
		{
			name: "two active rows of one person", csv: header + good + good,
			want: []string{"记录 K1：状态 在库记录不止一条 (more than one active row)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := tier.ReadCSV(strings.NewReader(tt.csv))
			require.Error(t, err)
			assert.Nil(t, reg)
			assert.EqualError(t, err, strings.Join(tt.want, "\n"))
			var ce *tier.CSVError
			var te *tier.Error
			assert.True(t, errors.As(err, &ce) || errors.As(err, &te))
		})
	}
}
