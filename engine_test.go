package newstrata_test

import (
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// programs lists every compiled formula of pol: classification rules,
// conditions, indicators, bonuses and vetoes.
func programs(pol *policy.Policy) []*formula.Program {
	var out []*formula.Program
	for _, p := range pol.Classifier().Programs() {
		out = append(out, p)
	}
	for _, p := range pol.Conditions().All() {
		out = append(out, p)
	}
	ind, bon, veto := pol.Evaluator().Rules()
	return append(append(append(out, ind...), bon...), veto...)
}

// TestShippedPoliciesRunAsClosures: every formula of the baseline and of
// 青秀区's overlay compiles to closures, and a generated roster runs
// through them without one run handed to the VM.
func TestShippedPoliciesRunAsClosures(t *testing.T) {
	a, base, next := qingxiu(t)
	for _, pol := range []*policy.Policy{base, next} {
		progs := programs(pol)
		require.Greater(t, len(progs), 40)
		for _, p := range progs {
			native, why := p.Native()
			assert.True(t, native, "%s %s: %s", pol.ID(), p.Rule(), why)
		}
	}
	recs := synth.Generate(3000, 11, synth.SampleAsOf())
	for i := range recs {
		recs[i].Extra = map[string]any{"rural": []string{"0", "1.5", "2.25"}[i%3]}
		for _, pol := range []*policy.Policy{base, next} {
			_, err := a.AssessUnder(pol, &recs[i], synth.SampleAsOf())
			require.NoError(t, err)
		}
	}
	for _, pol := range []*policy.Policy{base, next} {
		for _, p := range programs(pol) {
			assert.Zero(t, p.Fallbacks(), "%s %s", pol.ID(), p.Rule())
		}
	}
}
