package policy_test

import (
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/qualify"
	"os"
	"sync"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// ruleView is a rule of a compiled policy as these tests look at it:
// its definition in the policy's stages and its compiled formula.
type ruleView struct {
	id, name, parent, text, reason string
	points                         decimal.Decimal
	kind                           qualify.Kind
	pos                            formula.Position
	prog                           *formula.Program
}

func (r *ruleView) Points() decimal.Decimal    { return r.points }
func (r *ruleView) Name() string               { return r.name }
func (r *ruleView) Parent() string             { return r.parent }
func (r *ruleView) Formula() string            { return r.text }
func (r *ruleView) Reason() string             { return r.reason }
func (r *ruleView) Kind() qualify.Kind         { return r.kind }
func (r *ruleView) Position() formula.Position { return r.pos }
func (r *ruleView) Reads() []string            { return r.prog.Reads() }
func (r *ruleView) Value(f *roster.Facts) (decimal.Decimal, error) {
	return r.prog.Decimal(f)
}
func (r *ruleView) Holds(f *roster.Facts) (bool, error) { return r.prog.Bool(f) }

// findRule finds a rule of p by id among its conditions and second-level
// indicators; nil when p has none.
func findRule(p *policy.Policy, id string) *ruleView {
	for c, prog := range p.Conditions().All() {
		if c.ID == id {
			return &ruleView{id: c.ID, name: c.Name, text: c.Formula, reason: c.Reason, kind: c.Kind, pos: c.Pos, prog: prog}
		}
	}
	progs, _, _ := p.Evaluator().Rules()
	k := 0
	for _, d := range p.Evaluator().Scheme().Indicators {
		for _, in := range d.Children {
			if in.ID == id {
				return &ruleView{id: in.ID, name: in.Name, parent: d.ID, text: in.Formula, points: in.Points, pos: in.Pos, prog: progs[k]}
			}
			k++
		}
	}
	return nil
}

// rule is findRule that fails the test when p has no such rule.
func rule(t *testing.T, p *policy.Policy, id string) *ruleView {
	t.Helper()
	r := findRule(p, id)
	if r == nil {
		t.Fatalf("policy %s has no rule %s", p.ID(), id)
	}
	return r
}

func indicatorIDs(p *policy.Policy) map[string][]string {
	out := map[string][]string{}
	for _, d := range p.Evaluator().Scheme().Indicators {
		for _, in := range d.Children {
			out[d.ID] = append(out[d.ID], in.ID)
		}
	}
	return out
}

// gradeOf is the grade p's bands give a score (the top band includes the
// total) and whether that grade leaves the database.
func gradeOf(p *policy.Policy, score decimal.Decimal) evaluate.Grade {
	s := p.Evaluator().Scheme()
	for _, b := range s.Grades {
		if !score.LessThan(b.From) && (score.LessThan(b.To) || score.Equal(s.Total) && b.To.Equal(s.Total)) {
			return b.Grade
		}
	}
	return 0
}

// qingxiu loads the overlay scenario: the baseline and 青秀区's overlay.
func qingxiu(t *testing.T) (base, county *policy.Policy) {
	t.Helper()
	s, err := policy.LoadFS(roster.Nanning(), cityCode, os.DirFS("testdata"), "overlay-qingxiu", policy.WithBaseline())
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
			assert.Equal(t, []string{"In.rural"}, c3.Reads())
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
				base, mine evaluate.Grade
			}{
				{"100", evaluate.GradeA, evaluate.GradeA},
				{"87", evaluate.GradeB, evaluate.GradeA},
				{"85", evaluate.GradeB, evaluate.GradeA},
				{"84.99", evaluate.GradeB, evaluate.GradeB},
				{"78", evaluate.GradeC, evaluate.GradeB},
				{"74.99", evaluate.GradeC, evaluate.GradeC},
				{"59.99", evaluate.GradeD, evaluate.GradeD},
			} {
				assert.Equal(t, tc.base, gradeOf(base, dec(tc.score)), "baseline, %s", tc.score)
				assert.Equal(t, tc.mine, gradeOf(q, dec(tc.score)), "青秀区, %s", tc.score)
			}
			assert.True(t, q.Evaluator().Removed(evaluate.GradeD))
		}},
		{"a condition added", func(t *testing.T) {
			q10 := rule(t, q, "Q10")
			assert.Equal(t, qualify.Soft, q10.Kind())
			assert.Equal(t, "近年无志愿服务或公益捐赠", q10.Reason())
			var ids []string
			for c := range q.Conditions().All() {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, []string{"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10"}, ids)
		}},
		{"a condition's kind changed", func(t *testing.T) {
			assert.Equal(t, qualify.Hard, rule(t, base, "Q6").Kind())
			assert.Equal(t, qualify.Soft, rule(t, q, "Q6").Kind())
		}},
		{"what the overlay does not touch is the baseline's", func(t *testing.T) {
			assert.Equal(t, rule(t, base, "S1").Formula(), rule(t, q, "S1").Formula())
			assert.Equal(t, rule(t, base, "S1").Position(), rule(t, q, "S1").Position())
			assert.Equal(t, base.Evaluator().Scheme().Total, q.Evaluator().Scheme().Total)
			assert.Equal(t, base.Evaluator().Scheme().VetoGrade, q.Evaluator().Scheme().VetoGrade)
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
	next.Indicators[0].Children = append(next.Indicators[0].Children[:1], evaluate.Indicator{ID: "X"})
	next.Conditions[0].Kind = qualify.Soft
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
	assert.Nil(t, findRule(base, "C3"), "the baseline has no C3")
}

// An overlay may be built in Go as well as read from a file.
func TestOverlayInGo(t *testing.T) {
	o := &policy.Overlay{
		ID: "liangqing-2019", Name: "良庆区评价指标体系", Jurisdiction: "450108", Extends: policy.BaselineID,
		Indicators: policy.IndicatorChanges{
			Change: []policy.IndicatorChange{{ID: "A", Points: ptr(dec("20"))}, {ID: "A3", Points: ptr(dec("5"))}},
			Add: []policy.IndicatorAdd{{Indicator: evaluate.Indicator{
				ID: "R", Name: "乡村振兴", Points: dec("5"),
				Children: []evaluate.Indicator{{ID: "R1", Name: "乡村振兴贡献", Points: dec("5"), Formula: "min(JobsCreated, 5)"}},
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
