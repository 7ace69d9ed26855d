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
