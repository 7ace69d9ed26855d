package evaluate_test

import (
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pieces Evaluate scores with, for callers that run rules themselves.
func TestTally(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	var p2 *policy.Rule // 学习培训, 10 points
	for d := range p.Dimensions() {
		for r := range d.Indicators() {
			if r.ID() == "P2" {
				p2 = r
			}
		}
	}
	require.NotNil(t, p2)
	d := decimal.RequireFromString
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"points capped", evaluate.Points(p, p2, d("12.5")).String(), "10"},
		{"negative points are zero", evaluate.Points(p, p2, d("-1")).String(), "0"},
		{"points rounded half up", evaluate.Points(p, p2, d("1.005")).String(), "1.01"},
		{"total capped", evaluate.Total(p, d("99"), d("3")).String(), "100"},
		{"total under the cap", evaluate.Total(p, d("59.99"), d("0")).String(), "59.99"},
		{"grade of 60", evaluate.Grade(p, d("60"), false).Code(), roster.GradeC.Code()},
		{"grade of 59.99", evaluate.Grade(p, d("59.99"), false).Code(), roster.GradeD.Code()},
		{"grade of 100", evaluate.Grade(p, d("100"), false).Code(), roster.GradeA.Code()},
		{"a veto gives D", evaluate.Grade(p, d("100"), true).Code(), roster.GradeD.Code()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.got) })
	}
}
