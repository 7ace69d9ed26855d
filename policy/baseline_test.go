package policy_test

import (
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/qualify"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBaselineCompiles(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	assert.Equal(t, "nanning-2019", p.ID())
	assert.Equal(t, "450100", p.Jurisdiction())
	assert.Len(t, p.Fingerprint(), 64)
	assert.True(t, p.InForce(roster.NewDate(2019, 4, 2)))
	assert.False(t, p.InForce(roster.NewDate(2019, 4, 1)))
	var conds, inds int
	conds = p.Conditions().Len()
	for _, d := range p.Evaluator().Scheme().Indicators {
		inds += len(d.Children)
	}
	assert.Equal(t, 9, conds)
	assert.Equal(t, 11, inds)
}

// The baseline is the reference of DOMAIN.md: five first-level indicators
// of 25, 25, 20, 15 and 15 points, grades at 90, 80 and 60, D removed and
// given by any veto.
func TestBaselineIsTheReference(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	s := p.Evaluator().Scheme()
	assert.Equal(t, "100", s.Total.String())
	assert.Equal(t, evaluate.Rounding{Places: 2, Mode: evaluate.HalfUp}, s.Rounding)
	var dims []string
	for _, d := range s.Indicators {
		dims = append(dims, d.ID+" "+d.Name+" "+d.Points.String())
	}
	assert.Equal(t, []string{"P 政治素质 25", "A 专业成就与行业代表性 25", "S 社会影响与群众基础 20", "C 社会贡献 15", "D 参政议政与履职 15"}, dims)
	var bands []string
	for _, b := range s.Grades {
		bands = append(bands, b.Grade.Code()+" "+b.From.String()+"–"+b.To.String())
	}
	assert.Equal(t, []string{"A 90–100", "B 80–90", "C 60–80", "D 0–60"}, bands)
	assert.Equal(t, evaluate.GradeD, s.VetoGrade)
	assert.True(t, p.Evaluator().Removed(evaluate.GradeD))
	assert.False(t, p.Evaluator().Removed(evaluate.GradeC))
	var soft []string
	for c := range p.Conditions().All() {
		if c.Kind == qualify.Soft {
			soft = append(soft, c.ID)
		}
	}
	assert.Equal(t, []string{"Q4", "Q5"}, soft)
	// The fingerprint is the document's, whether read again or compiled.
	assert.Equal(t, policy.BaselineFile().Document.Fingerprint(), p.Fingerprint())
}
