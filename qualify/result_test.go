package qualify_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allMet is every condition of p met, in the policy's order, as Check
// gave it before results were compact.
func allMet(p *policy.Policy) []qualify.Verdict {
	var out []qualify.Verdict
	for c := range p.Conditions().All() {
		out = append(out, qualify.Verdict{ID: c.ID, Name: c.Name, Kind: c.Kind, Outcome: qualify.Met})
	}
	return out
}

// TestVerdicts: the verdicts a result works out are those Check kept
// before, condition by condition, in the policy's order: a failed one
// with the policy's sentence, a waived one with the waiver's reason and
// the waiver (trimmed), a met one with neither; Failures are the failed
// ones.
func TestVerdicts(t *testing.T) {
	day := roster.NewDate(2019, 4, 10)
	old := born(1950, 1, 1) // Q4 fails
	tests := []struct {
		name    string
		mod     func(*roster.Record)
		group   string
		waivers []qualify.Waiver
		want    map[string]qualify.Verdict // the conditions not met; the others are
	}{
		{name: "every condition met", group: "G1"},
		{name: "a hard condition failed", group: "G1", mod: func(r *roster.Record) { r.FieldYears = 1 },
			want: map[string]qualify.Verdict{"Q6": {Outcome: qualify.Failed, Reason: "从业年限不足3年"}}},
		{name: "not classified, and a soft condition failed", mod: old,
			want: map[string]qualify.Verdict{
				"Q1": {Outcome: qualify.Failed, Reason: "未能归入四个群体中的任何一个"},
				"Q4": {Outcome: qualify.Failed, Reason: "年龄不在25至60周岁之间"},
			}},
		{name: "a soft condition waived", group: "G2", mod: old,
			waivers: []qualify.Waiver{{Condition: "Q4", Reason: " 德高望重\n", ApprovedBy: " 青秀区委统战部 ", Date: day}},
			want: map[string]qualify.Verdict{"Q4": {Outcome: qualify.Waived, Reason: "德高望重",
				Waiver: &qualify.Waiver{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: day}}}},
		{name: "both soft conditions waived, given in the other order, and a hard one failed", group: "G3",
			mod: func(r *roster.Record) { old(r); r.Education, r.TitleLevel, r.Local = roster.HighSchool, 0, false },
			waivers: []qualify.Waiver{
				{Condition: "Q5", Reason: "技艺精湛", ApprovedBy: "青秀区委统战部", Date: day},
				{Condition: "Q4", Reason: "德高望重", ApprovedBy: "兴宁区委统战部", Date: day},
			},
			want: map[string]qualify.Verdict{
				"Q4": {Outcome: qualify.Waived, Reason: "德高望重", Waiver: &qualify.Waiver{Condition: "Q4", Reason: "德高望重", ApprovedBy: "兴宁区委统战部", Date: day}},
				"Q5": {Outcome: qualify.Waived, Reason: "技艺精湛", Waiver: &qualify.Waiver{Condition: "Q5", Reason: "技艺精湛", ApprovedBy: "青秀区委统战部", Date: day}},
				"Q7": {Outcome: qualify.Failed, Reason: "不在本地工作或居住"},
			}},
		{name: "a waiver of a met condition is not kept", group: "G4",
			waivers: []qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: day}}},
	}
	p := baseline(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := candidate()
			if tt.mod != nil {
				tt.mod(r)
			}
			res := check(t, r, tt.group, tt.waivers...)
			want := allMet(p)
			var failures []qualify.Verdict
			for i, v := range want {
				if w, ok := tt.want[v.ID]; ok {
					want[i].Outcome, want[i].Reason, want[i].Waiver = w.Outcome, w.Reason, w.Waiver
					if w.Outcome == qualify.Failed {
						failures = append(failures, want[i])
					}
				}
			}
			assert.Equal(t, want, res.Verdicts())
			assert.Equal(t, failures, res.Failures())
			assert.Equal(t, len(failures) == 0, res.Qualified, "qualified")

			// What Verdicts gives is the caller's: changing it changes
			// neither the result nor the next call's verdicts.
			got := res.Verdicts()
			got[0].Reason = "changed"
			for i := range got {
				if got[i].Waiver != nil {
					got[i].Waiver.Reason = "changed"
				}
			}
			assert.Equal(t, want, res.Verdicts())
		})
	}
}

// TestFailedReasonFallsBackInVerdicts: a failed condition without a
// reason sentence gives "不符合：" and its name, in Verdicts and Failures.
func TestFailedReasonFallsBackInVerdicts(t *testing.T) {
	doc := baselineDocument(t)
	doc.ID = "no-reasons"
	for i := range doc.Conditions {
		doc.Conditions[i].Reason = ""
	}
	p, err := policy.Compile(doc)
	require.NoError(t, err)
	r := candidate()
	r.FieldYears, r.Local = 1, false
	res, err := p.Conditions().Check(facts(t, p, r, "G1"))
	require.NoError(t, err)
	want := []qualify.Verdict{
		{ID: "Q6", Name: "在本领域从业3年以上", Kind: qualify.Hard, Outcome: qualify.Failed, Reason: "不符合：在本领域从业3年以上"},
		{ID: "Q7", Name: "在本地工作或居住", Kind: qualify.Hard, Outcome: qualify.Failed, Reason: "不符合：在本地工作或居住"},
	}
	assert.Equal(t, want, res.Failures())
	vs := res.Verdicts()
	require.Len(t, vs, 9)
	assert.Equal(t, want, vs[5:7])
}

// TestManyConditions: a policy with more than 64 conditions keeps which
// held past the 64th, and its waivers, as one with fewer does.
func TestManyConditions(t *testing.T) {
	doc := baselineDocument(t)
	doc.ID = "many-conditions"
	// C00 to C69 come after Q1 to Q9: Cnn holds for nn up to FieldYears.
	// Every fifth is soft; C65 and C00 get waivers, C00's unused.
	for i := range 70 {
		kind := qualify.Hard
		if i%5 == 0 {
			kind = qualify.Soft
		}
		doc.Conditions = append(doc.Conditions, qualify.Condition{
			ID: fmt.Sprintf("C%02d", i), Name: fmt.Sprintf("从业%d年以上", i), Kind: kind, Formula: fmt.Sprintf("FieldYears >= %d", i),
		})
	}
	p, err := policy.Compile(doc)
	require.NoError(t, err)
	require.Equal(t, 79, p.Conditions().Len())
	day := roster.NewDate(2019, 4, 10)
	waivers := []qualify.Waiver{
		{Condition: "C65", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: day},
		{Condition: "C00", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: day},
	}
	for _, years := range []int{0, 40, 54, 55, 60, 69} {
		t.Run(fmt.Sprint(years, " years"), func(t *testing.T) {
			r := candidate()
			r.FieldYears = years
			res, err := p.Conditions().Check(facts(t, p, r, "G1"), waivers...)
			require.NoError(t, err)
			want := allMet(p)
			qualified := years >= 3
			for i := range want {
				v := &want[i]
				var n int
				if _, err := fmt.Sscanf(v.ID, "C%d", &n); err != nil || n <= years {
					if v.ID == "Q6" && years < 3 {
						v.Outcome, v.Reason = qualify.Failed, "从业年限不足3年"
					}
					continue
				}
				if v.ID == "C65" {
					v.Outcome, v.Reason, v.Waiver = qualify.Waived, "特别优秀", &waivers[0]
					continue
				}
				v.Outcome, v.Reason = qualify.Failed, "不符合："+v.Name
				qualified = false
			}
			assert.Equal(t, want, res.Verdicts())
			assert.Equal(t, qualified, res.Qualified)
			for _, f := range res.Failures() {
				assert.Equal(t, qualify.Failed, f.Outcome, f.ID)
			}
			b, err := json.Marshal(res)
			require.NoError(t, err)
			var back qualify.Result
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, want, back.Verdicts())
		})
	}
}

// TestCheckAllocs: the result is Check's one allocation unless a waiver
// is used: it keeps bits, not verdicts, and waivers given but not used
// are checked without being kept.
func TestCheckAllocs(t *testing.T) {
	p := baseline(t)
	day := roster.NewDate(2019, 4, 10)
	q4 := []qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: day}}
	tests := []struct {
		name    string
		mod     func(*roster.Record)
		group   string
		waivers []qualify.Waiver
		max     float64
	}{
		{"every condition met", nil, "G1", nil, 1},
		{"every condition failed", func(r *roster.Record) {
			r.Reliable, r.Politics, r.BirthDate = false, roster.CPCMember, roster.NewDate(1950, 1, 1)
			r.Education, r.FieldYears, r.Local, r.TaxViolation, r.Seats = roster.HighSchool, 1, false, true, nil
		}, "", nil, 1},
		{"a waiver given, not used", nil, "G2", q4, 1},
		// The waiver used is kept, with what holds it.
		{"a waiver used", born(1950, 1, 1), "G2", q4, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := candidate()
			if tt.mod != nil {
				tt.mod(r)
			}
			f := facts(t, p, r, tt.group)
			conds := p.Conditions()
			allocs := testing.AllocsPerRun(100, func() {
				if _, err := conds.Check(f, tt.waivers...); err != nil {
					t.Fatal(err)
				}
			})
			assert.LessOrEqual(t, allocs, tt.max, "allocations of one Check")
		})
	}
}

// A nil, zero or hand-made result has no verdicts and never panics.
func TestResultWithoutVerdicts(t *testing.T) {
	var none *qualify.Result
	tests := []struct {
		name string
		r    *qualify.Result
		want string
	}{
		{"nil", none, "记录  资格审查（政策 ，评价基准日 ）：不符合资格条件\n"},
		{"zero", &qualify.Result{}, "记录  资格审查（政策 ，评价基准日 ）：不符合资格条件\n"},
		{"made by hand", &qualify.Result{Key: "NN-1", Policy: "nanning-2019", AsOf: asOf, Qualified: true},
			"记录 NN-1 资格审查（政策 nanning-2019，评价基准日 2019-06-15）：符合资格条件\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Nil(t, tt.r.Verdicts())
			assert.Nil(t, tt.r.Failures())
			var b strings.Builder
			require.NoError(t, tt.r.Explain(&b))
			assert.Equal(t, tt.want, b.String())
			out, err := json.Marshal(tt.r)
			require.NoError(t, err)
			if tt.r == nil {
				assert.Equal(t, "null", string(out))
			} else {
				assert.Contains(t, string(out), `"conditions":[]}`)
			}
		})
	}
}
