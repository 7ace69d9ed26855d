package evaluate_test

import (
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The second step scores raw values as Evaluate does: capped, rounded,
// added up, capped at the total and graded.
func TestScore(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	e := p.Evaluator()
	indicators, bonuses, vetoes := e.Rules()
	index := func(progs []*formula.Program, id string) int {
		for i, pr := range progs {
			if pr.Rule() == id {
				return i
			}
		}
		t.Fatalf("no rule %s", id)
		return -1
	}
	d := func(s string) formula.Fixed { return formula.FixedOf(decimal.RequireFromString(s)) }
	score := func(set map[string]string, bonus string, vetoed bool) evaluate.Standing {
		raw := evaluate.Raw{
			Indicators: make([]formula.Fixed, len(indicators)),
			Bonuses:    make([]formula.Fixed, len(bonuses)),
			Vetoes:     make([]bool, len(vetoes)),
		}
		for id, v := range set {
			raw.Indicators[index(indicators, id)] = d(v)
		}
		if bonus != "" {
			raw.Bonuses[index(bonuses, "B1")] = d(bonus)
		}
		raw.Vetoes[index(vetoes, "V1")] = vetoed
		return e.Score(&raw)
	}
	tests := []struct {
		name   string
		set    map[string]string
		bonus  string
		vetoed bool
		total  string
		grade  evaluate.Grade
	}{
		{"points capped", map[string]string{"P2": "12.5"}, "", false, "10", evaluate.GradeD},
		{"negative points are zero", map[string]string{"P2": "-1"}, "", false, "0", evaluate.GradeD},
		{"points rounded half up", map[string]string{"P2": "1.005"}, "", false, "1.01", evaluate.GradeD},
		{"total capped", map[string]string{"P1": "15", "P2": "10", "A1": "8", "A2": "7", "A3": "10", "S1": "12", "S2": "8", "C1": "8", "C2": "7", "D1": "10", "D2": "4"}, "3", false, "100", evaluate.GradeA},
		{"grade of 60", map[string]string{"P1": "15", "P2": "10", "A1": "8", "A2": "7", "A3": "10", "S1": "10"}, "", false, "60", evaluate.GradeC},
		{"grade of 59.99", map[string]string{"P1": "15", "P2": "10", "A1": "8", "A2": "7", "A3": "10", "S1": "9.99"}, "", false, "59.99", evaluate.GradeD},
		{"a veto gives D", map[string]string{"P1": "15", "P2": "10", "A1": "8", "A2": "7", "A3": "10", "S1": "12", "S2": "8", "C1": "8", "C2": "7", "D1": "10", "D2": "5"}, "", true, "100", evaluate.GradeD},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := score(tt.set, tt.bonus, tt.vetoed)
			assert.Equal(t, tt.total, got.Total.String())
			assert.Equal(t, tt.grade, got.Grade)
			assert.Equal(t, tt.grade == evaluate.GradeD, got.Removed)
		})
	}
}
