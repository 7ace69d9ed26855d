package policy_test

import (
	"github.com/newstrata/newstrata/qualify"
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
		{"a condition's kind", func(d *policy.Document) { d.Conditions[0].Kind = qualify.Soft }},
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

// A formula's layout is not its meaning: re-spacing it, wrapping it over
// lines (as a YAML block scalar folds them into spaces) or adding redundant
// parentheses changes neither the fingerprint nor the Diff; changing an
// operator or a constant changes both.
func TestFormulaLayout(t *testing.T) {
	base := policy.BaselineFile().Document
	tests := []struct {
		name    string
		change  func(d *policy.Document)
		changed []policy.Change
	}{
		{"condition re-spaced", func(d *policy.Document) { d.Conditions[3].Formula = "Age>=25&&Age<=60" }, nil},
		{"condition re-wrapped", func(d *policy.Document) { d.Conditions[3].Formula = "Age >= 25\n  && Age <= 60\n" }, nil},
		{"condition with redundant parentheses", func(d *policy.Document) { d.Conditions[3].Formula = "(Age >= 25) && ((Age <= 60))" }, nil},
		{"condition with and for &&", func(d *policy.Document) { d.Conditions[3].Formula = "Age >= 25 and Age <= 60" }, nil},
		{"indicator folded from a block", func(d *policy.Document) {
			d.Indicators[2].Children[1].Formula = `Group == "G4" ? step(Followers, [[1000000, 8], [100000, 6], [10000, 3]]) : points(IndustryRating, {"优秀": 8, "良好": 6, "一般": 3})`
		}, nil},
		{"indicator with a comment", func(d *policy.Document) { d.Indicators[0].Children[1].Formula = "TrainingHours / 4 // 每4学时1分" }, nil},
		{"bonus re-spaced", func(d *policy.Document) { d.Bonuses[0].Formula = "EmergencyRelief?3:0" }, nil},
		{"veto in parentheses", func(d *policy.Document) { d.Vetoes[0].Formula = "(CriminalPenalty)" }, nil},
		{"<= to <", func(d *policy.Document) { d.Conditions[3].Formula = "Age>=25 && Age<60" }, []policy.Change{
			{policy.ConditionChanged, "Q4", "条件 Q4 年龄在25至60周岁之间（以评价基准日为准）：公式 Age >= 25 && Age <= 60 → Age>=25 && Age<60 (formula changed)"},
		}},
		{"a different constant", func(d *policy.Document) { d.Conditions[3].Formula = "Age >= 25 && Age <= 65" }, []policy.Change{
			{policy.ConditionChanged, "Q4", "条件 Q4 年龄在25至60周岁之间（以评价基准日为准）：公式 Age >= 25 && Age <= 60 → Age >= 25 && Age <= 65 (formula changed)"},
		}},
		{"a divisor", func(d *policy.Document) { d.Indicators[0].Children[1].Formula = "(TrainingHours /\n 3)" }, []policy.Change{
			{policy.IndicatorFormulaChanged, "P2", "指标 P2 学习培训：公式 TrainingHours / 4 → (TrainingHours / 3) (formula changed)"},
		}},
		{"grouping that changes the result", func(d *policy.Document) {
			d.Indicators[3].Children[0].Formula = "(Donations / 2 + VolunteerHours) / 20"
		}, []policy.Change{
			{policy.IndicatorFormulaChanged, "C1", "指标 C1 公益慈善：公式 Donations / 2 + VolunteerHours / 20 → (Donations / 2 + VolunteerHours) / 20 (formula changed)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := base.Clone()
			tt.change(next)
			_, err := policy.Compile(next)
			require.NoError(t, err)
			assert.Equal(t, tt.changed, policy.Diff(base, next))
			if tt.changed == nil {
				assert.Equal(t, base.Fingerprint(), next.Fingerprint())
			} else {
				assert.NotEqual(t, base.Fingerprint(), next.Fingerprint())
			}
		})
	}
}
