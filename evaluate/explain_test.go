package evaluate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// explainScheme compiles an index system of the dimensions given, each of
// one indicator, over inputs rural (int).
func explainScheme(t *testing.T, dims ...evaluate.Indicator) *evaluate.Evaluator {
	t.Helper()
	total := decimal.Zero
	for _, d := range dims {
		total = total.Add(d.Points)
	}
	env, err := formula.NewEnv(formula.Config{Policy: "p", Inputs: map[string]formula.InputType{"rural": formula.Int}})
	require.NoError(t, err)
	e, err := evaluate.Compile(env, evaluate.Scheme{
		Total: total, Rounding: evaluate.Rounding{Places: 2, Mode: evaluate.HalfUp}, Indicators: dims, VetoGrade: evaluate.GradeD,
		Grades: []evaluate.Band{{Grade: evaluate.GradeA, From: decimal.Zero, To: total}},
	})
	require.NoError(t, err)
	return e
}

// An indicator's line says how the formula's value became the score and
// names what it read by the form's titles.
func TestExplainIndicator(t *testing.T) {
	tests := []struct {
		name, points, formula string
		want                  string
	}{
		{"capped", "10", "TrainingHours / 4",
			"  P2 指标：10 分中得 10 分（按公式得 18 分，封顶 10 分）；依据 近三年培训学时=72"},
		{"below zero", "10", "-2",
			"  P2 指标：10 分中得 0 分，失分 10 分（按公式得 -2 分，最低 0 分）"},
		{"rounded", "10", "Age * 0 + In.rural * 0 + 7.456",
			"  P2 指标：10 分中得 7.46 分，失分 2.54 分（按公式得 7.456 分，取 7.46 分）；依据 年龄（评价基准日）=41，rural=3"},
		{"as given", "15", `points(PoliticalRating, {"优秀": 15}) + (Group == "G2" ? 0 : 1)`,
			"  P2 指标：15 分中得 15 分；依据 政治立场评价=优秀，所属群体=G2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts := decimal.RequireFromString(tt.points)
			e := explainScheme(t, evaluate.Indicator{ID: "P", Name: "维度", Points: pts,
				Children: []evaluate.Indicator{{ID: "P2", Name: "指标", Points: pts, Formula: tt.formula}}})
			f := &roster.Facts{Key: "K", TrainingHours: 72, Age: 41, PoliticalRating: "优秀", Group: "G2", In: map[string]any{"rural": 3}}
			r, err := e.Evaluate(f)
			require.NoError(t, err)
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
	var dims []evaluate.Indicator
	for i := range 23 {
		dims = append(dims, evaluate.Indicator{ID: fmt.Sprint("D", i), Name: fmt.Sprint("维度", i+1), Points: decimal.NewFromInt(1),
			Children: []evaluate.Indicator{{ID: fmt.Sprint("X", i), Name: "指标", Points: decimal.NewFromInt(1), Formula: "1"}}})
	}
	r, err := explainScheme(t, dims...).Evaluate(&roster.Facts{Key: "K"})
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, r.Explain(&b))
	lines := strings.Split(b.String(), "\n")
	for _, tt := range []struct {
		n    int
		want string
	}{{1, "一、维度1"}, {3, "二、维度2"}, {9, "五、维度5"}, {19, "十、维度10"}, {21, "十一、维度11"}, {39, "二十、维度20"}, {45, "二十三、维度23"}} {
		assert.True(t, strings.HasPrefix(lines[tt.n], tt.want), "line %d: %s", tt.n, lines[tt.n])
	}
}
