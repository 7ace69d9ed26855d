package policy_test

import (
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
	for range p.Conditions() {
		conds++
	}
	for d := range p.Dimensions() {
		for range d.Indicators() {
			inds++
		}
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
	assert.Equal(t, "100", p.Total().String())
	assert.Equal(t, policy.Rounding{Places: 2, Mode: policy.HalfUp}, p.Rounding())
	var dims []string
	for d := range p.Dimensions() {
		dims = append(dims, d.ID()+" "+d.Name()+" "+d.Points().String())
	}
	assert.Equal(t, []string{"P 政治素质 25", "A 专业成就与行业代表性 25", "S 社会影响与群众基础 20", "C 社会贡献 15", "D 参政议政与履职 15"}, dims)
	var bands []string
	for b := range p.Bands() {
		bands = append(bands, b.Grade.Code()+" "+b.From.String()+"–"+b.To.String())
	}
	assert.Equal(t, []string{"A 90–100", "B 80–90", "C 60–80", "D 0–60"}, bands)
	assert.Equal(t, roster.GradeD, p.VetoGrade())
	assert.True(t, p.Removed(roster.GradeD))
	assert.False(t, p.Removed(roster.GradeC))
	var soft []string
	for c := range p.Conditions() {
		if c.Kind() == policy.Soft {
			soft = append(soft, c.ID())
		}
	}
	assert.Equal(t, []string{"Q4", "Q5"}, soft)
	// The fingerprint is the document's, whether read again or compiled.
	assert.Equal(t, policy.BaselineFile().Document.Fingerprint(), p.Fingerprint())
}
