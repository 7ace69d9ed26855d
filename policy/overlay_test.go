package policy_test

import (
	"github.com/newstrata/newstrata/formula"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// rule finds a rule of p by id among its conditions and indicators.
func rule(t *testing.T, p *policy.Policy, id string) *policy.Rule {
	t.Helper()
	for r := range p.Conditions() {
		if r.ID() == id {
			return r
		}
	}
	for d := range p.Dimensions() {
		for r := range d.Indicators() {
			if r.ID() == id {
				return r
			}
		}
	}
	t.Fatalf("policy %s has no rule %s", p.ID(), id)
	return nil
}

func indicatorIDs(p *policy.Policy) map[string][]string {
	out := map[string][]string{}
	for d := range p.Dimensions() {
		for r := range d.Indicators() {
			out[d.ID()] = append(out[d.ID()], r.ID())
		}
	}
	return out
}

// qingxiu loads the overlay scenario: the baseline and 青秀区's overlay.
func qingxiu(t *testing.T) (base, county *policy.Policy) {
	t.Helper()
	s, err := policy.LoadFS(roster.Nanning(), cityCode, os.DirFS("testdata"), "overlay-qingxiu")
	require.NoError(t, err)
	base, ok := s.Policy(policy.BaselineID)
	require.True(t, ok)
	county, ok = s.Policy("qingxiu-2019")
	require.True(t, ok)
	return base, county
}

func TestOverlayQingxiu(t *testing.T) {
	base, q := qingxiu(t)
	assert.Equal(t, "450103", q.Jurisdiction())
	assert.Equal(t, policy.BaselineID, q.Extends())
	assert.Equal(t, "青秀区新的社会阶层代表人士综合评价指标体系", q.Name())

	tests := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"a weight changed", func(t *testing.T) {
			assert.Equal(t, "7", rule(t, base, "C2").Points().String())
			assert.Equal(t, "5", rule(t, q, "C2").Points().String())
			assert.Equal(t, "15", rule(t, q, "D1").Points().String())
		}},
		{"a formula changed", func(t *testing.T) {
			assert.Equal(t, "TrainingHours / 4", rule(t, base, "P2").Formula())
			assert.Equal(t, "TrainingHours / 3", rule(t, q, "P2").Formula())
			assert.Equal(t, formula.Position{File: "overlay-qingxiu/qingxiu.yaml", Line: 26, Column: 7}, rule(t, q, "P2").Position(),
				"a changed indicator stands where the overlay changes it")
		}},
		{"an indicator added with its own input", func(t *testing.T) {
			c3 := rule(t, q, "C3")
			assert.Equal(t, "C", c3.Parent())
			assert.Equal(t, "乡村振兴贡献", c3.Name())
			assert.Equal(t, "2", c3.Points().String())
			assert.Equal(t, []string{"In.rural"}, slices.Collect(c3.Reads()))
			doc := q.Document()
			require.Len(t, doc.Inputs, 1)
			assert.Equal(t, "rural", doc.Inputs[0].ID)
			assert.Equal(t, policy.DecimalInput, doc.Inputs[0].Type)
			assert.Equal(t, "0", doc.Inputs[0].Min.String())
		}},
		{"an indicator disabled", func(t *testing.T) {
			assert.Equal(t, map[string][]string{
				"P": {"P1", "P2"}, "A": {"A1", "A2", "A3"}, "S": {"S1", "S2"},
				"C": {"C1", "C2", "C3"}, "D": {"D1"},
			}, indicatorIDs(q))
			assert.Equal(t, []string{"D1", "D2"}, indicatorIDs(base)["D"])
		}},
		{"grade cut-offs changed", func(t *testing.T) {
			for _, tc := range []struct {
				score      string
				base, mine roster.Grade
			}{
				{"100", roster.GradeA, roster.GradeA},
				{"87", roster.GradeB, roster.GradeA},
				{"85", roster.GradeB, roster.GradeA},
				{"84.99", roster.GradeB, roster.GradeB},
				{"78", roster.GradeC, roster.GradeB},
				{"74.99", roster.GradeC, roster.GradeC},
				{"59.99", roster.GradeD, roster.GradeD},
			} {
				b, ok := base.Grade(dec(tc.score))
				require.True(t, ok)
				m, ok := q.Grade(dec(tc.score))
				require.True(t, ok)
				assert.Equal(t, tc.base, b.Grade, "baseline, %s", tc.score)
				assert.Equal(t, tc.mine, m.Grade, "青秀区, %s", tc.score)
			}
			assert.True(t, q.Removed(roster.GradeD))
		}},
		{"a condition added", func(t *testing.T) {
			q10 := rule(t, q, "Q10")
			assert.Equal(t, policy.Soft, q10.Kind())
			assert.Equal(t, "近年无志愿服务或公益捐赠", q10.Reason())
			var ids []string
			for r := range q.Conditions() {
				ids = append(ids, r.ID())
			}
			assert.Equal(t, []string{"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10"}, ids)
		}},
		{"a condition's kind changed", func(t *testing.T) {
			assert.Equal(t, policy.Hard, rule(t, base, "Q6").Kind())
			assert.Equal(t, policy.Soft, rule(t, q, "Q6").Kind())
		}},
		{"what the overlay does not touch is the baseline's", func(t *testing.T) {
			assert.Equal(t, rule(t, base, "S1").Formula(), rule(t, q, "S1").Formula())
			assert.Equal(t, rule(t, base, "S1").Position(), rule(t, q, "S1").Position())
			assert.Equal(t, base.Total(), q.Total())
			assert.Equal(t, base.VetoGrade(), q.VetoGrade())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

func TestApplyLeavesBaseUnchanged(t *testing.T) {
	baseFile := policy.BaselineFile()
	base := baseFile.Document
	// The baseline declares no input: give it one with every pointer set,
	// so that writing through the result's pointers would show in the base.
	base.Inputs = []policy.Input{{
		ID: "seats", Label: "兼职数", Type: policy.IntInput,
		Min: ptr(dec("0")), Max: ptr(dec("10")), Default: ptr("0"),
	}}
	before := base.Clone()
	fingerprint := base.Fingerprint()
	basePolicy, err := policy.Compile(base)
	require.NoError(t, err)
	compiled := basePolicy.Document()

	f, err := load(t, "overlay-qingxiu/qingxiu.yaml")
	require.NoError(t, err)
	require.NotNil(t, f.Overlay)
	next, err := f.Overlay.Apply(base)
	require.NoError(t, err)
	county, err := policy.Compile(next)
	require.NoError(t, err)

	assert.Equal(t, before, base, "Apply changed the base document")
	assert.Equal(t, fingerprint, base.Fingerprint())
	assert.Equal(t, fingerprint, basePolicy.Fingerprint())
	assert.Equal(t, compiled, basePolicy.Document(), "Apply changed the compiled base policy")
	assert.NotEqual(t, basePolicy.Fingerprint(), county.Fingerprint())

	// The result shares nothing with the base: changing it leaves the base be.
	next.Indicators[0].Children[0].Points = dec("1")
	next.Indicators[0].Children = append(next.Indicators[0].Children[:1], policy.Indicator{ID: "X"})
	next.Conditions[0].Kind = policy.Soft
	require.Len(t, next.Inputs, 2, "the base's input and the overlay's")
	*next.Inputs[0].Min = dec("1")
	*next.Inputs[0].Max = dec("9")
	*next.Inputs[0].Default = "1"
	*next.Inputs[1].Min = dec("1")
	next.Grades[0].From = dec("1")
	assert.Equal(t, before, base, "the result of Apply shares memory with the base")
	// before is a Clone, so it cannot show a pointer Clone shares: check
	// the base's input values themselves.
	assert.Equal(t, []string{"0", "10", "0"}, []string{base.Inputs[0].Min.String(), base.Inputs[0].Max.String(), *base.Inputs[0].Default},
		"the result of Apply shares an input's pointers with the base")
	assert.Equal(t, "0", f.Overlay.Inputs[0].Min.String(), "the result of Apply shares memory with the overlay")
	assert.Equal(t, fingerprint, base.Fingerprint())
	// Nor with the policy compiled from it.
	assert.Equal(t, "15", rule(t, county, "P1").Points().String())
}

func TestOverlaySideBySide(t *testing.T) {
	base, q := qingxiu(t)
	r := &roster.Record{
		Key: "NN-0001", Unit: "450103", JobsCreated: 200, Donations: dec("3"), VolunteerHours: 40,
		Trainings: []roster.Training{{Name: "培训", Date: roster.NewDate(2023, 5, 1), Hours: 24}},
		Extra:     map[string]any{"rural": "7.5"},
	}
	asOf := roster.NewDate(2024, 1, 1)

	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fb, err := base.Facts(r, asOf)
			assert.NoError(t, err)
			fq, err := q.Facts(r, asOf)
			assert.NoError(t, err)
			for _, tc := range []struct {
				p    *policy.Policy
				f    *roster.Facts
				rule string
				want string
			}{
				{base, &fb, "P2", "6"}, // 24 hours / 4
				{q, &fq, "P2", "8"},    // 24 hours / 3
				{base, &fb, "C2", "10"},
				{q, &fq, "C2", "10"}, // the same formula; the cap differs (7, 5)
				{q, &fq, "C3", "1.5"},
			} {
				v, err := rule(t, tc.p, tc.rule).Value(tc.f)
				if assert.NoError(t, err) {
					assert.Equal(t, tc.want, v.String(), "%s %s", tc.p.ID(), tc.rule)
				}
			}
			held, err := rule(t, q, "Q10").Holds(&fq)
			assert.NoError(t, err)
			assert.True(t, held)
		}()
	}
	wg.Wait()
	assert.Nil(t, indicatorRule(base, "C3"), "the baseline has no C3")
}

func indicatorRule(p *policy.Policy, id string) *policy.Rule {
	for d := range p.Dimensions() {
		for r := range d.Indicators() {
			if r.ID() == id {
				return r
			}
		}
	}
	return nil
}

// An overlay may be built in Go as well as read from a file.
func TestOverlayInGo(t *testing.T) {
	o := &policy.Overlay{
		ID: "liangqing-2019", Name: "良庆区评价指标体系", Jurisdiction: "450108", Extends: policy.BaselineID,
		Indicators: policy.IndicatorChanges{
			Change: []policy.IndicatorChange{{ID: "A", Points: ptr(dec("20"))}, {ID: "A3", Points: ptr(dec("5"))}},
			Add: []policy.IndicatorAdd{{Indicator: policy.Indicator{
				ID: "R", Name: "乡村振兴", Points: dec("5"),
				Children: []policy.Indicator{{ID: "R1", Name: "乡村振兴贡献", Points: dec("5"), Formula: "min(JobsCreated, 5)"}},
			}}},
		},
	}
	base := policy.BaselineFile().Document
	d, err := o.Apply(base)
	require.NoError(t, err)
	p, err := policy.Compile(d)
	require.NoError(t, err)
	assert.Equal(t, []string{"R1"}, indicatorIDs(p)["R"])

	// The added first-level indicator's children are copied, not shared.
	o.Indicators.Add[0].Children[0].Points = dec("1")
	assert.Equal(t, "5", d.Indicators[len(d.Indicators)-1].Children[0].Points.String())
}

func ptr[T any](v T) *T { return &v }
