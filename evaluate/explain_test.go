package evaluate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An indicator's line says how the formula's value became the score and
// names what it read by the form's titles.
func TestExplainIndicator(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name            string
		points, raw, sc string
		read            []formula.Reading
		want            string
	}{
		{"capped", "10", "18", "10", []formula.Reading{{Field: "TrainingHours", Value: "72"}},
			"  P2 指标：10 分中得 10 分（按公式得 18 分，封顶 10 分）；依据 近三年培训学时=72"},
		{"below zero", "10", "-2", "0", nil,
			"  P2 指标：10 分中得 0 分，失分 10 分（按公式得 -2 分，最低 0 分）"},
		{"rounded", "10", "7.456", "7.46", []formula.Reading{{Field: "Age", Value: "41"}, {Field: "In.rural", Value: "3"}},
			"  P2 指标：10 分中得 7.46 分，失分 2.54 分（按公式得 7.456 分，取 7.46 分）；依据 年龄（评价基准日）=41，rural=3"},
		{"as given", "15", "15", "15", []formula.Reading{{Field: "PoliticalRating", Value: "优秀"}, {Field: "Group", Value: "G2"}},
			"  P2 指标：15 分中得 15 分；依据 政治立场评价=优秀，所属群体=G2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := evaluate.IndicatorScore{ID: "P2", Name: "指标", Points: d(tt.points), Raw: d(tt.raw), Score: d(tt.sc),
				Lost: d(tt.points).Sub(d(tt.sc)), Read: tt.read}
			r := &evaluate.Result{Key: "K", Policy: "p", Dimensions: []evaluate.DimensionScore{{ID: "P", Name: "维度", Indicators: []evaluate.IndicatorScore{in}}}}
			var b strings.Builder
			require.NoError(t, r.Explain(&b))
			lines := strings.Split(b.String(), "\n")
			require.Greater(t, len(lines), 2)
			assert.Equal(t, tt.want, lines[2])
		})
	}
}

// First-level indicators are numbered in Chinese by their order, whatever
// their ids: a letter beside the grades (D 参政议政与履职, D级) misleads.
func TestExplainNumbersDimensions(t *testing.T) {
	r := &evaluate.Result{Key: "K", Policy: "p"}
	for i := range 23 {
		r.Dimensions = append(r.Dimensions, evaluate.DimensionScore{ID: "D", Name: fmt.Sprint("维度", i+1)})
	}
	var b strings.Builder
	require.NoError(t, r.Explain(&b))
	lines := strings.Split(b.String(), "\n")
	for _, tt := range []struct {
		n    int
		want string
	}{{1, "一、维度1"}, {5, "五、维度5"}, {10, "十、维度10"}, {11, "十一、维度11"}, {20, "二十、维度20"}, {23, "二十三、维度23"}} {
		assert.True(t, strings.HasPrefix(lines[tt.n], tt.want), "line %d: %s", tt.n, lines[tt.n])
	}
}
