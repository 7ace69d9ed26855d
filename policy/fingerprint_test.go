package policy_test

import (
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFingerprintIgnoresStyle(t *testing.T) {
	flow, err := compileFixture(t, "fingerprint/flow.yaml")
	require.NoError(t, err)
	block, err := compileFixture(t, "fingerprint/block.yaml")
	require.NoError(t, err)
	assert.Equal(t, flow.Fingerprint(), block.Fingerprint(),
		"flow and block style, comments, indentation, quoting and folded formulas are one policy")
	assert.Empty(t, policy.Diff(flow.Document(), block.Document()))
	assert.Len(t, flow.Fingerprint(), 64)
}

func TestFingerprintSeesMeaning(t *testing.T) {
	f, err := load(t, "fingerprint/block.yaml")
	require.NoError(t, err)
	base := f.Document
	tests := []struct {
		name   string
		change func(d *policy.Document)
	}{
		{"one point", func(d *policy.Document) {
			d.Indicators[0].Children[0].Points = dec("5")
			d.Indicators[0].Children[1].Points = dec("5")
		}},
		{"a formula", func(d *policy.Document) { d.Indicators[1].Children[1].Formula = "JobsCreated / 10" }},
		{"white space inside a string literal", func(d *policy.Document) {
			d.Indicators[0].Children[0].Formula = `points(PoliticalRating, {"优秀": 6, "良好 ": 4})`
		}},
		{"a condition's kind", func(d *policy.Document) { d.Conditions[0].Kind = policy.Soft }},
		{"a grade cut-off", func(d *policy.Document) { d.Grades[0].From, d.Grades[1].To = dec("17"), dec("17") }},
		{"the end of validity", func(d *policy.Document) { d.ValidUntil = d.ValidFrom.AddYears(3) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base.Clone()
			tt.change(d)
			p, err := policy.Compile(d)
			require.NoError(t, err)
			assert.NotEqual(t, base.Fingerprint(), p.Fingerprint())
			assert.NotEmpty(t, policy.Diff(base, d))
		})
	}
}

// A quote escaped inside a string literal does not end it: the white space
// after it is part of the literal, and counts.
func TestFingerprintEscapedQuote(t *testing.T) {
	f, err := load(t, "fingerprint/block.yaml")
	require.NoError(t, err)
	one, two := f.Document.Clone(), f.Document.Clone()
	one.Conditions[0].Formula = `Occupation != "a\" b"`
	two.Conditions[0].Formula = `Occupation != "a\"  b"`
	assert.NotEqual(t, one.Fingerprint(), two.Fingerprint())
	three := f.Document.Clone()
	three.Conditions[0].Formula = "Occupation  !=\n  \"a\\\" b\""
	assert.Equal(t, one.Fingerprint(), three.Fingerprint())
}
