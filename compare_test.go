package newstrata_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var asOf = roster.NewDate(2019, 4, 15)

// overlay builds the city's set with one overlay file and returns an
// Assessor for it, the baseline and the overlay. The city hands the file
// in, so that an overlay may change what the city's locks keep from a
// county-district (conditionsOverlay relaxes Q6).
func overlay(tb testing.TB, name, text string) (a *newstrata.Assessor, base, next *policy.Policy) {
	tb.Helper()
	f, err := policy.Parse(roster.Nanning().Code, name, []byte(text))
	require.NoError(tb, err)
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(tb, err)
	a, err = newstrata.New(newstrata.Config{Policies: set})
	require.NoError(tb, err)
	base, _ = set.Policy(policy.BaselineID)
	next, ok := set.Policy(f.ID())
	require.True(tb, ok)
	return a, base, next
}

// qingxiu loads the overlay of examples/qingxiu with the city's baseline.
func qingxiu(tb testing.TB) (a *newstrata.Assessor, base, next *policy.Policy) {
	tb.Helper()
	set, err := policy.LoadFS(roster.Nanning(), "450103", os.DirFS("examples/qingxiu/policy"), ".", policy.WithBaseline())
	require.NoError(tb, err)
	a, err = newstrata.New(newstrata.Config{Policies: set})
	require.NoError(tb, err)
	base, _ = set.Policy(policy.BaselineID)
	next, ok := set.Policy("qingxiu-2019")
	require.True(tb, ok)
	return a, base, next
}

// weightOverlay moves two points from 带动就业 to 公益慈善.
const weightOverlay = `id: weight-2019
extends: nanning-2019
jurisdiction: "450103"
indicators:
  change:
    - {id: C1, points: 10}   # 公益慈善 8 → 10
    - {id: C2, points: 5}    # 带动就业 7 → 5
`

// person is a qualified G1 manager of 青秀区 who scores 80 before 社会贡献
// and 活动参与: P 25, A 25, S 20, D1 10.
func person(key string, mods ...func(*roster.Record)) *roster.Record {
	r := &roster.Record{
		Key: key, Unit: "450103", Name: key,
		Sex: roster.Male, Ethnicity: han, CitizenID: "450103198005010019",
		BirthDate: roster.NewDate(1980, 5, 1),
		Politics:  roster.Masses, Reliable: true, PoliticalRating: roster.Excellent,
		Education:    roster.Postgraduate,
		EmployerKind: roster.PrivateEnterprise, Role: roster.Management,
		FieldYears: 10, Local: true,
		Seats:          []roster.Seat{{Body: roster.CPPCC, Level: roster.Provincial}},
		Awards:         []roster.Award{{Name: "全国劳动模范", Level: roster.National, Year: 2018}},
		Trainings:      []roster.Training{{Name: "新的社会阶层人士培训班", Date: roster.NewDate(2018, 6, 1), Hours: 40}},
		IndustryRating: roster.Excellent,
		Proposals:      5,
	}
	for _, m := range mods {
		m(r)
	}
	return r
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fixed is s as a formula.Fixed, in the one representation String gives.
func fixed(s string) formula.Fixed { return formula.FixedOf(dec(s)) }

// han is 汉族, which the form reads from its label.
var han, _ = roster.ParseEthnicity("汉族")

func jobs(n int) func(*roster.Record)         { return func(r *roster.Record) { r.JobsCreated = n } }
func donations(s string) func(*roster.Record) { return func(r *roster.Record) { r.Donations = dec(s) } }
func attendance(s string) func(*roster.Record) {
	return func(r *roster.Record) { r.Attendance = dec(s) }
}

func standing(qualified bool, g evaluate.Grade, total string, s newstrata.Status) newstrata.Standing {
	return newstrata.Standing{Qualified: qualified, Grade: g, Total: fixed(total), Status: s}
}

// TestCompareWeight: moving two points from 带动就业 to 公益慈善 lowers
// those who create jobs and raises those who donate, by the points they
// had capped; nobody else moves.
func TestCompareWeight(t *testing.T) {
	a, base, next := overlay(t, "weight.yaml", weightOverlay)
	records := []*roster.Record{
		person("R1", jobs(140), attendance("0.6")),                                        // 80 + C2 7 + D2 3 = 90 A → C2 5: 88 B
		person("R2", donations("20"), attendance("0.2")),                                  // 80 + C1 8 + D2 1 = 89 B → C1 10: 91 A
		person("R3", jobs(120)),                                                           // 86 → 85, B both
		person("R4", jobs(140), func(r *roster.Record) { r.Politics = roster.CPCMember }), // unqualified: 87 → 85
		person("R5", jobs(140), func(r *roster.Record) { r.DishonestDebtor = true }),      // vetoed: 87 D → 85 D
		person("R6", jobs(140), func(r *roster.Record) { r.Trainings[0].Hours = 16 }),     // P2 4: 81 B → 79 C
		person("R7", donations("8"), jobs(80)),                                            // C1 4, C2 4: 88 both, no shift
		person("R8", jobs(140), func(r *roster.Record) { // P1 0, A3 0, D1 8: 60 C → 58 D, removed
			r.PoliticalRating, r.Awards, r.Proposals = roster.Poor, nil, 4
		}),
	}
	im := mustCompare(t, a, base, next, records, asOf)

	assert.Equal(t, "nanning-2019", im.Base)
	assert.Equal(t, "weight-2019", im.Next)
	assert.Equal(t, 8, im.Records)
	assert.Empty(t, im.Rejected)
	assert.Equal(t, grades(1, 5, 1, 1), im.Before.Grades)
	assert.Equal(t, grades(1, 4, 1, 2), im.After.Grades)
	assert.Equal(t, 6, im.Before.Qualified)
	assert.Equal(t, 6, im.After.Qualified)
	c, u, rm := newstrata.Candidate, newstrata.Unqualified, newstrata.Removed
	A, B, C, D := evaluate.GradeA, evaluate.GradeB, evaluate.GradeC, evaluate.GradeD
	assert.Equal(t, []newstrata.Shift{
		{Index: 0, Key: "R1", Unit: "450103", Before: standing(true, A, "90", c), After: standing(true, B, "88", c)},
		{Index: 1, Key: "R2", Unit: "450103", Before: standing(true, B, "89", c), After: standing(true, A, "91", c)},
		{Index: 2, Key: "R3", Unit: "450103", Before: standing(true, B, "86", c), After: standing(true, B, "85", c)},
		{Index: 3, Key: "R4", Unit: "450103", Before: standing(false, B, "87", u), After: standing(false, B, "85", u)},
		{Index: 4, Key: "R5", Unit: "450103", Before: standing(false, D, "87", u), After: standing(false, D, "85", u)},
		{Index: 5, Key: "R6", Unit: "450103", Before: standing(true, B, "81", c), After: standing(true, C, "79", c)},
		{Index: 7, Key: "R8", Unit: "450103", Before: standing(true, C, "60", c), After: standing(true, D, "58", rm)},
	}, render(im.Shifts))
}

// render makes decimals comparable with assert.Equal: equal values, one
// representation.
func render(shifts []newstrata.Shift) []newstrata.Shift {
	out := make([]newstrata.Shift, len(shifts))
	for i, s := range shifts {
		s.Before.Total, s.After.Total = fixed(s.Before.Total.String()), fixed(s.After.Total.String())
		out[i] = s
	}
	return out
}

// ruralOverlay declares an input with no default: a record without it
// cannot be assessed under the overlay.
const ruralOverlay = `id: rural-2019
extends: nanning-2019
jurisdiction: "450103"
inputs:
  - {id: rural, type: decimal, label: 乡村振兴捐助（万元）, min: 0}
indicators:
  change:
    - {id: C2, points: 5}
  add:
    - {parent: C, id: C3, name: 乡村振兴贡献, points: 2, formula: In.rural}
`

// TestCompareMissingInput: a record that lacks the overlay's input, or
// holds a bad value, is rejected with the reason; the others are compared.
func TestCompareMissingInput(t *testing.T) {
	a, base, next := overlay(t, "rural.yaml", ruralOverlay)
	with := func(v any) func(*roster.Record) {
		return func(r *roster.Record) { r.Extra = map[string]any{"rural": v} }
	}
	records := []*roster.Record{
		person("R1", jobs(140), with("2")), // 87 → 85 + 2 = 87
		person("R2", jobs(140)),
		person("R3", jobs(140), with("-1")),
		person("R4", jobs(140), with(dec("0.5"))), // 87 → 85.5
		nil,
	}
	im := mustCompare(t, a, base, next, records, asOf)
	assert.Equal(t, 5, im.Records)
	var got []string
	for _, r := range im.Rejected {
		got = append(got, fmt.Sprintf("%d %s %v", r.Index, r.Key, r.Err))
	}
	assert.Equal(t, []string{
		"1 R2 记录 R2：输入项 rural（乡村振兴捐助（万元））缺失 (missing)",
		"2 R3 记录 R3：输入项 rural（乡村振兴捐助（万元））有误：小于最小值 0 (is below the minimum 0)",
		"4  记录为空 (nil record)",
	}, got)
	assert.ErrorIs(t, im.Rejected[0].Err, policy.ErrInput)
	var ie *policy.InputError
	require.ErrorAs(t, im.Rejected[1].Err, &ie)
	assert.Equal(t, "rural", ie.Input)

	assert.Equal(t, grades(0, 2, 0, 0), im.Before.Grades, "only R1 and R4 are compared")
	assert.Equal(t, grades(0, 2, 0, 0), im.After.Grades)
	require.Len(t, im.Shifts, 1)
	assert.Equal(t, "R4", im.Shifts[0].Key)
	assert.Equal(t, "87", im.Shifts[0].Before.Total.String())
	assert.Equal(t, "85.5", im.Shifts[0].After.Total.String())
}

// sample is the sample roster's records, each given the county input by
// its place: some report it, some leave it out, one holds a bad value.
func sample(n int) []*roster.Record {
	recs := synth.Generate(n, synth.SampleSeed, synth.SampleAsOf())
	out := make([]*roster.Record, len(recs))
	rural := []any{"0", "0.5", nil, "1.25", dec("2"), "3"}
	for i := range recs {
		if v := rural[i%len(rural)]; v != nil {
			recs[i].Extra = map[string]any{"rural": v}
		}
		out[i] = &recs[i]
	}
	out[7].Extra = map[string]any{"rural": "很多"}
	return out
}

// describe writes an Impact whole, for comparing two of them.
func describe(im *newstrata.Impact) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s → %s, %d records, grades %v → %v, qualified %d → %d, removed %d → %d\n",
		im.Base, im.Next, im.Records, im.Before.Grades, im.After.Grades, im.Before.Qualified, im.After.Qualified,
		im.Before.Removed, im.After.Removed)
	standing := func(s newstrata.Standing) string { // the total to the exponent
		return fmt.Sprintf("{%v %v %s e%d %v}", s.Qualified, s.Grade, s.Total, s.Total.Exponent(), s.Status)
	}
	for _, s := range im.Shifts {
		fmt.Fprintf(&b, "shift %s %s %s → %s\n", s.Key, s.Unit, standing(s.Before), standing(s.After))
	}
	for _, r := range im.Rejected {
		fmt.Fprintf(&b, "rejected %d %s %v\n", r.Index, r.Key, r.Err)
	}
	return b.String()
}

// TestCompareGOMAXPROCS: the result does not depend on how the work is
// shared.
func TestCompareGOMAXPROCS(t *testing.T) {
	a, base, next := qingxiu(t)
	records := sample(3000)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	one := describe(mustCompare(t, a, base, next, records, asOf))
	runtime.GOMAXPROCS(2)
	two := describe(mustCompare(t, a, base, next, records, asOf))
	assert.Equal(t, one, two)
	assert.Contains(t, one, "rejected 7 NN-")
}

// naive is the impact as the front door's Assessor.AssessUnder sees it:
// every record taken through every stage under each policy, nothing
// shared. Compare must give exactly this.
func naive(a *newstrata.Assessor, base, next *policy.Policy, records []*roster.Record) *newstrata.Impact {
	im := &newstrata.Impact{Base: base.ID(), Next: next.ID(), Records: len(records),
		Before: newstrata.Tally{Grades: map[evaluate.Grade]int{}}, After: newstrata.Tally{Grades: map[evaluate.Grade]int{}}}
	for i, r := range records {
		before, err := a.AssessUnder(base, r, asOf)
		var after *newstrata.Assessment
		if err == nil {
			after, err = a.AssessUnder(next, r, asOf)
		}
		if err != nil {
			key := ""
			if r != nil {
				key = r.Key
			}
			im.Rejected = append(im.Rejected, newstrata.Rejection{Index: i, Key: key, Err: err})
			continue
		}
		b := newstrata.Standing{Qualified: before.Qualification.Qualified, Grade: before.Evaluation.Grade, Total: before.Evaluation.Total, Status: before.Status}
		n := newstrata.Standing{Qualified: after.Qualification.Qualified, Grade: after.Evaluation.Grade, Total: after.Evaluation.Total, Status: after.Status}
		for _, x := range []struct {
			t *newstrata.Tally
			s newstrata.Standing
		}{{&im.Before, b}, {&im.After, n}} {
			x.t.Grades[x.s.Grade]++
			if x.s.Qualified {
				x.t.Qualified++
			}
			if x.s.Status == newstrata.Removed {
				x.t.Removed++
			}
		}
		if b.Qualified != n.Qualified || b.Grade != n.Grade || b.Status != n.Status || !b.Total.Equal(n.Total) {
			im.Shifts = append(im.Shifts, newstrata.Shift{Index: i, Key: r.Key, Unit: r.Unit, Before: b, After: n})
		}
	}
	return im
}

// conditionsOverlay changes conditions as well as indicators: a condition
// added, a hard one made soft, a formula, a weight, an indicator disabled.
const conditionsOverlay = `id: conditions-2019
extends: nanning-2019
jurisdiction: "450103"
inputs:
  - {id: rural, type: decimal, label: 乡村振兴贡献（万元）, min: 0}
conditions:
  add:
    - {id: Q10, name: 热心公益事业, kind: soft, formula: VolunteerHours >= 20 || Donations >= 1, reason: 近年无志愿服务或公益捐赠}
  change:
    - {id: Q6, kind: soft}
indicators:
  change:
    - {id: C2, points: 5}
    - {id: P2, formula: TrainingHours / 3}
    - {id: D1, points: 15}
  disable: [D2]
  add:
    - {parent: C, id: C3, name: 乡村振兴贡献, points: 2, formula: In.rural / 5}
grades:
  - {grade: A, from: 85, to: 100}
  - {grade: B, from: 75, to: 85}
  - {grade: C, from: 60, to: 75}
  - {grade: D, from: 0, to: 60, removed: true}
`

// removedOverlay changes nothing but which grades leave the database: C
// goes too. Nobody's grade or total moves, yet every qualified C does.
const removedOverlay = `id: removed-2019
extends: nanning-2019
jurisdiction: "450103"
grades:
  - {grade: A, from: 90, to: 100}
  - {grade: B, from: 80, to: 90}
  - {grade: C, from: 60, to: 80, removed: true}
  - {grade: D, from: 0, to: 60, removed: true}
`

func TestCompareStatusOnly(t *testing.T) {
	records := sample(2000)
	a, base, next := overlay(t, "removed.yaml", removedOverlay)
	im := mustCompare(t, a, base, next, records, asOf)
	require.NotEmpty(t, im.Shifts)
	for _, s := range im.Shifts {
		assert.Equal(t, evaluate.GradeC, s.Before.Grade)
		assert.Equal(t, newstrata.Candidate, s.Before.Status)
		assert.Equal(t, newstrata.Removed, s.After.Status)
		assert.True(t, s.Before.Total.Equal(s.After.Total))
	}
	assert.Equal(t, im.Before.Removed+len(im.Shifts), im.After.Removed)
	assert.Equal(t, im.Before.Grades, im.After.Grades)
}

// TestCompareAsAssessed: Compare, which runs a rule the two policies share
// once, gives exactly what assessing every record under each policy gives,
// for overlays that change weights, formulas, inputs, conditions and
// grades, either way round.
func TestCompareAsAssessed(t *testing.T) {
	records := append(sample(2000), nil, person("R1", jobs(140)))
	qa, qbase, qnext := qingxiu(t)
	wa, wbase, wnext := overlay(t, "weight.yaml", weightOverlay)
	ca, cbase, cnext := overlay(t, "conditions.yaml", conditionsOverlay)
	ra, rbase, rnext := overlay(t, "removed.yaml", removedOverlay)
	tests := []struct {
		name       string
		a          *newstrata.Assessor
		base, next *policy.Policy
	}{
		{"qingxiu", qa, qbase, qnext},
		{"qingxiu reversed", qa, qnext, qbase},
		{"weight", wa, wbase, wnext},
		{"conditions", ca, cbase, cnext},
		{"conditions reversed", ca, cnext, cbase},
		{"same policy", qa, qbase, qbase},
		{"status only", ra, rbase, rnext},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := describe(naive(tt.a, tt.base, tt.next, records))
			got := describe(mustCompare(t, tt.a, tt.base, tt.next, records, asOf))
			assert.Equal(t, want, got)
		})
	}
}

// whatIfOverlay is 青秀区 trying other weights in 社会贡献: no formula
// changes, so a second Compare on the same roster only scores again.
const whatIfOverlay = `id: qingxiu-whatif
extends: qingxiu-2019
jurisdiction: "450103"
valid_from: 2030-01-01  # a trial: never in force while 青秀区's is
indicators:
  change:
    - {id: C1, points: 6}   # 公益慈善 8 → 6
    - {id: C3, points: 4}   # 乡村振兴贡献 2 → 4
`

// trialOverlay is the k-th of a clerk's trials of 社会贡献's weights:
// 公益慈善 and 乡村振兴贡献 share their 10 points anew each time, k from 1
// to 799.
func trialOverlay(k int) string {
	c1 := decimal.New(int64(800-k), -2) // 8 points, less k hundredths
	return strings.NewReplacer("{id: C1, points: 6}", "{id: C1, points: "+c1.String()+"}",
		"{id: C3, points: 4}", "{id: C3, points: "+decimal.NewFromInt(10).Sub(c1).String()+"}").Replace(whatIfOverlay)
}

// whatIf loads 青秀区's overlay and the what-if on top of it.
func whatIf(tb testing.TB) (a *newstrata.Assessor, base, next, trial *policy.Policy) {
	return whatIfWith(tb, whatIfOverlay)
}

// whatIfWith is whatIf with the what-if overlay given.
func whatIfWith(tb testing.TB, overlay string) (a *newstrata.Assessor, base, next, trial *policy.Policy) {
	tb.Helper()
	return whatIfFor(tb, overlay, newstrata.Config{})
}

// whatIfFor is whatIfWith with the Assessor's configuration given (its
// policies are the ones loaded).
func whatIfFor(tb testing.TB, overlay string, cfg newstrata.Config) (a *newstrata.Assessor, base, next, trial *policy.Policy) {
	tb.Helper()
	text, err := os.ReadFile("examples/qingxiu/policy/qingxiu-2019.yaml")
	require.NoError(tb, err)
	text = append(text, "valid_until: 2029-12-31\n"...)
	var files []*policy.File
	for name, data := range map[string][]byte{"qingxiu-2019.yaml": text, "whatif.yaml": []byte(overlay)} {
		f, err := policy.Parse(roster.Nanning().Code, name, data)
		require.NoError(tb, err)
		files = append(files, f)
	}
	cfg.Policies, err = policy.NewSet(roster.Nanning(), files, policy.WithBaseline())
	require.NoError(tb, err)
	a, err = newstrata.New(cfg)
	require.NoError(tb, err)
	base, _ = cfg.Policies.Policy(policy.BaselineID)
	next, _ = cfg.Policies.Policy("qingxiu-2019")
	trial, ok := cfg.Policies.Policy("qingxiu-whatif")
	require.True(tb, ok)
	return a, base, next, trial
}

// TestCompareWhatIf: Compares one after another on one prepared roster,
// each reusing what those before it worked out (facts, inputs,
// classifications, formulas' values, and the gaps left by records
// rejected under one policy), give exactly what assessing every record
// gives; a cancelled Compare leaves nothing half done behind.
func TestCompareWhatIf(t *testing.T) {
	records := append(sample(2000), nil, person("R1", jobs(140)))
	qa, qbase, qnext := qingxiu(t)
	wa, wbase, wnext := overlay(t, "weight.yaml", weightOverlay)
	ca, cbase, cnext := overlay(t, "conditions.yaml", conditionsOverlay)
	ta, tbase, tnext, trial := whatIf(t)
	p := qa.Prepare(records, asOf)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := qa.Compare(ctx, qbase, qnext, p)
	require.ErrorIs(t, err, context.Canceled)

	steps := []struct {
		name       string
		a          *newstrata.Assessor
		base, next *policy.Policy
	}{
		{"conditions reversed", ca, cnext, cbase}, // rejects records the next steps assess
		{"qingxiu", qa, qbase, qnext},
		{"weight", wa, wbase, wnext},
		{"what-if", ta, tnext, trial},
		{"what-if from the city", ta, tbase, trial},
		{"conditions", ca, cbase, cnext},
		{"qingxiu again", qa, qbase, qnext},
	}
	for _, st := range steps {
		im, err := st.a.Compare(t.Context(), st.base, st.next, p)
		require.NoError(t, err, st.name)
		assert.Equal(t, describe(naive(st.a, st.base, st.next, records)), describe(im), st.name)
	}

	// A trial that would be scored column by column, cancelled, says so
	// and leaves nothing behind: compared again, it gives what assessing
	// gives.
	ka, _, knext, ktrial := whatIfWith(t, trialOverlay(3))
	_, err = ka.Compare(ctx, knext, ktrial, p)
	require.ErrorIs(t, err, context.Canceled)
	im, err := ka.Compare(t.Context(), knext, ktrial, p)
	require.NoError(t, err)
	assert.Equal(t, describe(naive(ka, knext, ktrial, records)), describe(im))
}

// BenchmarkImpact compares the city's baseline with 青秀区's overlay over
// 100,000 synthetic records, each reporting the overlay's input: a first
// Compare on a fresh roster, and a what-if Compare on a roster already
// compared once. The assess-each sub-benchmark is the comparison
// baseline: every record assessed in full under each policy, as Compare's
// result is defined.
func BenchmarkImpact(b *testing.B) {
	a, base, next := qingxiu(b)
	recs := synth.Generate(100_000, 7, synth.SampleAsOf())
	records := make([]*roster.Record, len(recs))
	rural := []string{"0", "0.5", "1", "1.5", "2", "3.25"}
	for i := range recs {
		recs[i].Extra = map[string]any{"rural": rural[i%len(rural)]}
		records[i] = &recs[i]
	}
	b.Run("first", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			im := mustCompare(b, a, base, next, records, synth.SampleAsOf())
			if len(im.Rejected) > 0 {
				b.Fatal(im.Rejected[0].Err)
			}
		}
	})
	b.Run("what-if", func(b *testing.B) {
		// The baseline against 青秀区's overlay, then against a new trial
		// of it each time, the weights of 社会贡献 changed (a clerk trying
		// one weight after another): the first call's work is kept and
		// reused. Each trial is a policy not compared before, so that the
		// standings kept under the last one do not answer the next; making
		// it is left out of the time.
		ta, tbase, tnext, _ := whatIf(b)
		require.Contains(b, trialOverlay(1), "{id: C1, points: 7.99}")
		p := ta.Prepare(records, synth.SampleAsOf())
		if _, err := ta.Compare(b.Context(), tbase, tnext, p); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		k := 0
		for b.Loop() {
			b.StopTimer()
			k++
			_, _, _, trial := whatIfWith(b, trialOverlay(k))
			b.StartTimer()
			im, err := ta.Compare(b.Context(), tbase, trial, p)
			if err != nil || len(im.Rejected) > 0 {
				b.Fatal(err, im.Rejected)
			}
		}
	})
	b.Run("assess-each", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, r := range records {
				for _, p := range []*policy.Policy{base, next} {
					if _, err := a.AssessUnder(p, r, synth.SampleAsOf()); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}

// mustCompare runs Compare, which fails only when cancelled or not ready.
func mustCompare(t testing.TB, a *newstrata.Assessor, base, next *policy.Policy, records []*roster.Record, asOf roster.Date) *newstrata.Impact {
	t.Helper()
	im, err := a.Compare(context.Background(), base, next, a.Prepare(records, asOf))
	require.NoError(t, err)
	return im
}

// grades is a tally of grades A, B, C and D, leaving out the grades no one has.
func grades(n ...int) map[evaluate.Grade]int {
	out := map[evaluate.Grade]int{}
	for i, c := range n {
		if c > 0 {
			out[evaluate.GradeA+evaluate.Grade(i)] = c
		}
	}
	return out
}

// fansOverlay counts followers a record declares elsewhere (an input)
// toward G4.4: its classification reads an input, with the default given.
func fansOverlay(id, def string) string {
	return `id: ` + id + `
extends: nanning-2019
jurisdiction: "450103"
inputs:
  - {id: fans, type: decimal, label: 其他平台粉丝数, min: 0, default: "` + def + `"}
classification:
  change:
    - id: G4.4
      when: NewMedia && Followers + In.fans >= 100000
`
}

// TestCompareClassifiesByInputs: a classification that reads an input is
// kept apart for each declaration of it, so that a second overlay with
// another default classifies anew on the same prepared roster (one that
// reads none is shared by every policy with its rules).
func TestCompareClassifiesByInputs(t *testing.T) {
	records := sample(400)
	blogger := func(r *roster.Record) {
		r.EmployerKind, r.Role, r.Occupation, r.NewMedia, r.Followers = roster.NoEmployer, roster.RoleOther, "自媒体博主", true, 60000
	}
	records = append(records, person("B1", blogger), person("B2", blogger, func(r *roster.Record) { r.Extra = map[string]any{"fans": "50000"} }))
	a1, base1, next1 := overlay(t, "low.yaml", fansOverlay("fans-low", "0"))
	a2, base2, next2 := overlay(t, "high.yaml", fansOverlay("fans-high", "40000"))
	p := a1.Prepare(records, asOf)
	for _, st := range []struct {
		a          *newstrata.Assessor
		base, next *policy.Policy
	}{{a1, base1, next1}, {a2, base2, next2}, {a1, base1, next1}} {
		im, err := st.a.Compare(t.Context(), st.base, st.next, p)
		require.NoError(t, err)
		assert.Equal(t, describe(naive(st.a, st.base, st.next, records)), describe(im), st.next.ID())
	}
	im, err := a2.Compare(t.Context(), base2, next2, a2.Prepare(records, asOf))
	require.NoError(t, err)
	assert.Contains(t, describe(im), "B1", "the default of 40,000 makes the blogger with 60,000 an opinion leader")
}

// faultOverlay is a trial whose 乡村振兴贡献 (C3) divides by zero for a
// record that reports 3 (so that record is rejected), with C3's points
// (C1 has the rest of their 10) and 参政议政's weights given: two trials
// with other weights there share C3's points.
func faultOverlay(c3, d1, d2 int) string {
	return fmt.Sprintf(`id: qingxiu-whatif
extends: qingxiu-2019
jurisdiction: "450103"
valid_from: 2030-01-01
indicators:
  change:
    - {id: C1, points: %d}
    - {id: C3, points: %d, formula: "10 / (In.rural - 3)"}
    - {id: D1, points: %d}
    - {id: D2, points: %d}
`, 10-c3, c3, d1, d2)
}

// TestCompareKeepsFaults: a record a rule fails on is rejected by every
// Compare on one prepared roster that runs the rule, also when the points
// the rule earns are shared with an earlier Compare that rejected it, and
// when a what-if changes the rule's points.
func TestCompareKeepsFaults(t *testing.T) {
	records := sample(600)
	p := (*newstrata.Prepared)(nil)
	for _, d := range [][3]int{{4, 10, 5}, {4, 9, 6}, {4, 10, 5}, {3, 10, 5}, {5, 9, 6}} {
		a, base, _, trial := whatIfWith(t, faultOverlay(d[0], d[1], d[2]))
		if p == nil {
			p = a.Prepare(records, asOf)
		}
		im, err := a.Compare(t.Context(), base, trial, p)
		require.NoError(t, err)
		want := naive(a, base, trial, records)
		require.NotEmpty(t, want.Rejected)
		assert.Contains(t, fmt.Sprint(want.Rejected[len(want.Rejected)-1].Err), "C3")
		assert.Equal(t, describe(want), describe(im), "C3 %d, D1 %d, D2 %d", d[0], d[1], d[2])
	}
}

// TestCompareBindsAlike: records whose inputs are given as the same text
// share what binding them gives, and nothing else. Each record's rejection
// for a missing or wrong input still names that record; inputs given as a
// number or a decimal, as text with spaces about it, as texts longer or
// more than a worker keeps, bind as assessing binds them. Under an overlay
// without a default (missing inputs are rejected) and one with a default.
func TestCompareBindsAlike(t *testing.T) {
	long := strings.Repeat(" ", 300) + "1.5" // longer than a worker keeps texts by
	values := []any{"1.5", "1.5", nil, "", " 1.5 ", "很多", "很多", "-1", "-1", 2, dec("1.50"), "0", "1.5", long, long}
	var (
		records      []*roster.Record
		unset, wrong int // records without a value, and with a wrong one
	)
	for i := range 4500 {
		v := values[i%len(values)]
		if i >= 1500 {
			v = fmt.Sprintf("%d.%02d", i%3, i%100) // some 300 texts, a few records each
		}
		if i >= 2500 {
			v = fmt.Sprintf("0.%04d", i) // each its own: 2,000, more than a worker keeps
		}
		switch v {
		case nil, "":
			unset++
		case "很多", "-1":
			wrong++
		}
		records = append(records, person(fmt.Sprintf("B%04d", i), jobs(40+i%150), func(r *roster.Record) {
			r.CitizenID = ""
			if v != nil {
				r.Extra = map[string]any{"rural": v}
			}
		}))
	}
	ra, rbase, rnext := overlay(t, "rural.yaml", ruralOverlay)
	qa, qbase, qnext := qingxiu(t)
	for _, c := range []struct {
		name             string
		a                *newstrata.Assessor
		base, next       *policy.Policy
		missing, invalid int
	}{
		{"no default", ra, rbase, rnext, unset, wrong},
		{"default 0", qa, qbase, qnext, 0, wrong},
	} {
		t.Run(c.name, func(t *testing.T) {
			im := mustCompare(t, c.a, c.base, c.next, records, asOf)
			want := naive(c.a, c.base, c.next, records)
			assert.Equal(t, describe(want), describe(im))
			var missing, invalid int
			for _, r := range im.Rejected {
				require.ErrorIs(t, r.Err, policy.ErrInput)
				assert.Contains(t, r.Err.Error(), "记录 "+records[r.Index].Key+"：", "the rejection names its own record")
				if strings.Contains(r.Err.Error(), "缺失") {
					missing++
				} else {
					invalid++
				}
			}
			assert.Equal(t, c.missing, missing)
			assert.Equal(t, c.invalid, invalid)
		})
	}
}

// edited compiles a copy of p's document, given id and edited.
func edited(tb testing.TB, p *policy.Policy, id string, edit func(d *policy.Document)) *policy.Policy {
	tb.Helper()
	d := p.Document().Clone()
	d.ID = id
	edit(d)
	out, err := policy.Compile(d)
	require.NoError(tb, err)
	return out
}

// TestCompareRandomSequences: Compares of policies picked at random, one
// after another on one prepared roster, each give what assessing every
// record under the two policies gives, whatever the earlier ones left in
// the columns: faults in conditions, vetoes and indicators, formulas
// shared and not, weights changed (the column-wise pass), the same pair
// again, a pair reversed.
func TestCompareRandomSequences(t *testing.T) {
	records := sample(300)
	a, _, base := overlay(t, "conditions.yaml", conditionsOverlay)
	_, qbase, qnext, _ := whatIfWith(t, faultOverlay(4, 10, 5))
	pool := []*policy.Policy{base, qbase, qnext,
		edited(t, base, "condition", func(d *policy.Document) {
			d.Conditions = append(d.Conditions, qualify.Condition{ID: "Q12", Name: "除以零", Kind: qualify.Hard, Formula: "10 / (In.rural - 3) > 1"})
		}),
		edited(t, base, "veto", func(d *policy.Document) {
			d.Vetoes = append(d.Vetoes, evaluate.Veto{ID: "V9", Name: "除以零", Formula: "10 / (In.rural - 3) > 1"})
		}),
		edited(t, base, "weights", func(d *policy.Document) { d.Bonuses[0].Points = dec("3") }),
	}
	for _, d := range [][3]int{{4, 10, 5}, {4, 9, 6}, {3, 10, 5}} {
		_, _, _, trial := whatIfWith(t, faultOverlay(d[0], d[1], d[2]))
		pool = append(pool, trial)
	}
	want := map[[2]string]string{} // by the pair's fingerprints
	for seed := range uint64(12) {
		rng := rand.New(rand.NewPCG(seed, 1))
		p := a.Prepare(records, asOf)
		for range 5 {
			base, next := pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))]
			key := [2]string{base.Fingerprint(), next.Fingerprint()}
			if _, ok := want[key]; !ok {
				want[key] = describe(naive(a, base, next, records))
			}
			im, err := a.Compare(t.Context(), base, next, p)
			require.NoError(t, err)
			require.Equal(t, want[key], describe(im), "seed %d: %s then %s", seed, base.ID(), next.ID())
		}
	}
}

// TestCompareFaultsInOrder: a record a condition or a veto fails on is
// rejected with the first fault in the order assessing meets them, whether
// the formula runs with the others of its policy or its value is shared
// with the other policy; a formula a policy repeats runs once and counts
// for each rule that has it.
func TestCompareFaultsInOrder(t *testing.T) {
	records := sample(600)
	a, _, base := overlay(t, "conditions.yaml", conditionsOverlay)
	faulty := func(id string, edit func(d *policy.Document)) *policy.Policy { return edited(t, base, id, edit) }
	// A condition and a veto that divide by zero for the records whose
	// rural is 3, and one that fails on 0 in next alone; Q11 repeats Q10.
	condition := faulty("faulty-condition", func(d *policy.Document) {
		d.Conditions = append(d.Conditions,
			qualify.Condition{ID: "Q11", Name: "重复", Kind: qualify.Soft, Formula: d.Conditions[len(d.Conditions)-1].Formula},
			qualify.Condition{ID: "Q12", Name: "除以零", Kind: qualify.Hard, Formula: "10 / (In.rural - 3) > 1"})
	})
	veto := faulty("faulty-veto", func(d *policy.Document) {
		d.Vetoes = append(d.Vetoes, evaluate.Veto{ID: "V9", Name: "除以零", Formula: "10 / (In.rural - 3) > 100"},
			evaluate.Veto{ID: "V10", Name: "重复", Formula: d.Vetoes[0].Formula})
	})
	both := faulty("faulty-both", func(d *policy.Document) {
		d.Conditions = append(d.Conditions, qualify.Condition{ID: "Q12", Name: "除以零", Kind: qualify.Hard, Formula: "10 / In.rural > 1"})
		d.Vetoes = append(d.Vetoes, evaluate.Veto{ID: "V9", Name: "除以零", Formula: "10 / (In.rural - 3) > 100"})
	})
	tests := []struct {
		name       string
		base, next *policy.Policy
		rejects    []string // what the faults name
	}{
		{"condition", base, condition, []string{"Q12"}},
		{"veto", base, veto, []string{"V9"}},
		{"condition then veto", condition, veto, []string{"Q12"}},
		{"veto then condition", veto, condition, []string{"V9"}},
		{"shared and not", condition, both, []string{"Q12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := naive(a, tt.base, tt.next, records)
			for _, id := range tt.rejects {
				assert.True(t, slices.ContainsFunc(want.Rejected, func(r newstrata.Rejection) bool { return strings.Contains(r.Err.Error(), id) }), id)
			}
			assert.Equal(t, describe(want), describe(mustCompare(t, a, tt.base, tt.next, records, asOf)))
			// Again on a roster prepared by a Compare the other way round:
			// what the first left in columns, faults included, is read.
			p := a.Prepare(records, asOf)
			_, err := a.Compare(t.Context(), tt.next, tt.base, p)
			require.NoError(t, err)
			im, err := a.Compare(t.Context(), tt.base, tt.next, p)
			require.NoError(t, err)
			assert.Equal(t, describe(want), describe(im))
		})
	}
}

// TestCompareFaultsNamedByTheirRule: a fault kept in a column that rules
// of other policies share (one text, other ids, a condition and a veto)
// is reported by a later Compare as its own rule gives it, as assessing
// the record under that policy does.
func TestCompareFaultsNamedByTheirRule(t *testing.T) {
	records := sample(600)
	a, _, base := overlay(t, "conditions.yaml", conditionsOverlay)
	trial := func(id string, conds []qualify.Condition, vetoes []evaluate.Veto) *policy.Policy {
		return edited(t, base, id, func(d *policy.Document) {
			d.Conditions, d.Vetoes = append(d.Conditions, conds...), append(d.Vetoes, vetoes...)
		})
	}
	const shared = "10 / (In.rural - 3) > 100"
	first := qualify.Condition{ID: "QK", Name: "先除以零", Kind: qualify.Hard, Formula: "10 / (In.rural - 3) > 1"}
	asCondition := qualify.Condition{ID: "Q12", Name: "除以零", Kind: qualify.Hard, Formula: shared}
	asVeto := evaluate.Veto{ID: "V9", Name: "除以零", Formula: shared}
	tests := []struct {
		name   string
		trials []*policy.Policy // compared with base in turn, on one prepared roster
	}{
		{"a veto's fault read by a condition", []*policy.Policy{
			trial("veto", nil, []evaluate.Veto{asVeto}),
			trial("condition", []qualify.Condition{asCondition}, nil),
		}},
		{"a fault worked out behind a kept one", []*policy.Policy{
			trial("trial", []qualify.Condition{first}, nil),
			trial("trial", []qualify.Condition{first}, []evaluate.Veto{asVeto}),
			trial("trial", []qualify.Condition{asCondition}, nil),
		}},
		{"one text, two ids", []*policy.Policy{
			trial("one", []qualify.Condition{asCondition}, nil),
			trial("other", []qualify.Condition{{ID: "Q13", Name: "同一公式", Kind: qualify.Hard, Formula: shared}}, nil),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := a.Prepare(records, asOf)
			for _, next := range tt.trials {
				im, err := a.Compare(t.Context(), base, next, p)
				require.NoError(t, err)
				want := naive(a, base, next, records)
				require.NotEmpty(t, want.Rejected)
				assert.Equal(t, describe(want), describe(im), next.ID())
			}
		})
	}
}

// TestCompareKnownStandings: a Compare whose every standing an earlier one
// left in the prepared roster (the same policies again, or a what-if the
// columns score) counts them as they are, gives what assessing gives, and
// tells Progress of every record; cancelled, it says so.
func TestCompareKnownStandings(t *testing.T) {
	recs := synth.Generate(700, 11, asOf)
	records := make([]*roster.Record, len(recs))
	for i := range recs {
		records[i] = &recs[i] // no input: 青秀区's default holds
	}
	var done []int
	a, base, next, trial := whatIfFor(t, whatIfOverlay, newstrata.Config{Progress: func(n, total int) {
		assert.Equal(t, len(records), total)
		done = append(done, n)
	}})
	p := a.Prepare(records, asOf)
	for _, st := range []struct {
		name       string
		base, next *policy.Policy
	}{{"first", base, next}, {"again", base, next}, {"what-if", next, trial}, {"reversed", trial, base}} {
		done = nil
		im, err := a.Compare(t.Context(), st.base, st.next, p)
		require.NoError(t, err, st.name)
		assert.Equal(t, describe(naive(a, st.base, st.next, records)), describe(im), st.name)
		assert.NotEmpty(t, im.Shifts, st.name)
		require.NotEmpty(t, done, st.name)
		assert.True(t, slices.IsSorted(done), st.name)
		assert.Equal(t, len(records), done[len(done)-1], st.name)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := a.Compare(ctx, base, next, p)
	require.ErrorIs(t, err, context.Canceled)
}

// TestCompareNilRecordKnown: a nil record, rejected by a first Compare
// before any column has a value for it, stays rejected when a later
// Compare scores both its policies column by column and counts what the
// columns hold.
func TestCompareNilRecordKnown(t *testing.T) {
	recs := synth.Generate(300, 11, asOf)
	records := make([]*roster.Record, 0, len(recs)+1)
	for i := range recs {
		records = append(records, &recs[i]) // no input: the default holds
	}
	records = append(records, nil)
	a, base, next, trial := whatIf(t)
	_, _, _, trial2 := whatIfWith(t, trialOverlay(3))
	p := a.Prepare(records, asOf)
	for _, st := range []struct{ base, next *policy.Policy }{{base, next}, {trial, trial2}, {trial, trial2}} {
		im, err := a.Compare(t.Context(), st.base, st.next, p)
		require.NoError(t, err)
		assert.Equal(t, describe(naive(a, st.base, st.next, records)), describe(im), st.next.ID())
		require.Len(t, im.Rejected, 1)
	}
}

// TestCompareCapExponent: points are kept by their cap as written, so a
// trial whose caps are 6.00 and 4.00 does not read the points one with 6
// and 4 earned, and its totals keep the exponent assessing gives.
func TestCompareCapExponent(t *testing.T) {
	recs := synth.Generate(400, 11, asOf)
	records := make([]*roster.Record, 0, len(recs))
	for i := range recs {
		records = append(records, &recs[i])
	}
	a, _, next, trial := whatIf(t)
	zeros := strings.NewReplacer("points: 6}", "points: 6.00}", "points: 4}", "points: 4.00}",
		"valid_from: 2030-01-01", "valid_from: 2031-01-01").Replace(whatIfOverlay)
	b, _, bnext, trialZeros := whatIfWith(t, zeros)
	require.NotEqual(t, trial.Fingerprint(), trialZeros.Fingerprint())
	p := a.Prepare(records, asOf)
	_, err := a.Compare(t.Context(), next, trial, p)
	require.NoError(t, err)
	im, err := b.Compare(t.Context(), bnext, trialZeros, p)
	require.NoError(t, err)
	assert.Equal(t, describe(naive(b, bnext, trialZeros, records)), describe(im))
}
