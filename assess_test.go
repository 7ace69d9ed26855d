package newstrata_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readSample reads the checked-in sample roster.
func readSample(t *testing.T) []*roster.Record {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "roster.csv"))
	require.NoError(t, err)
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Empty(t, batch.Errors)
	return batch.Records
}

// TestGolden pins the evaluation of the whole sample roster on the
// notice's reporting date, under the city's baseline (each record under
// the policy in force for its unit, as Assess picks it) and under 青秀区's
// overlay (every record under it, by AssessUnder). Run go test -update to
// rewrite testdata/golden after a change that is meant, and read the diff.
func TestGolden(t *testing.T) {
	records := readSample(t)
	base, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	qa, _, qx := qingxiu(t)
	tests := []struct {
		file   string
		pol    string
		assess func(r *roster.Record) (*newstrata.Assessment, error)
	}{
		{"baseline.golden", policy.BaselineID, func(r *roster.Record) (*newstrata.Assessment, error) {
			return base.Assess(r, asOf)
		}},
		{"qingxiu.golden", qx.ID(), func(r *roster.Record) (*newstrata.Assessment, error) {
			return qa.AssessUnder(qx, r, asOf)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := golden(t, records, tt.pol, tt.assess)
			path := filepath.Join("testdata", "golden", tt.file)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestGolden -update to create it")
			if d := lineDiff(string(want), got); d != "" {
				t.Errorf("%s differs (-want +got); if the change is meant, run go test -run TestGolden -update:\n%s", path, d)
			}
		})
	}
}

// golden writes one line per record, then a summary:
//
//	key  status  group  qualified-or-failed-conditions  total  grade  [veto]  indicator=score ...
func golden(t *testing.T, records []*roster.Record, pol string, assess func(*roster.Record) (*newstrata.Assessment, error)) string {
	v, err := roster.NewValidator(roster.Nanning())
	require.NoError(t, err)
	outs := make([]recordOutcome, len(records))
	for i, r := range records {
		if outs[i].err = v.ValidateAt(r, i, asOf); outs[i].err == nil {
			outs[i].as, outs[i].err = assess(r)
		}
	}
	return goldenOf(t, records, pol, outs)
}

// recordOutcome is a record's assessment, or the error that rejected it.
type recordOutcome struct {
	as  *newstrata.Assessment
	err error
}

// goldenOf writes the golden file of records, whose outcomes are outs.
func goldenOf(t *testing.T, records []*roster.Record, pol string, outs []recordOutcome) string {
	var (
		b                           strings.Builder
		statuses                    = map[newstrata.Status]int{}
		grades                      [5]int
		groups                      = map[string]int{}
		rejected, qualified, scored int
		fingerprint                 string
	)
	require.Len(t, outs, len(records))
	for i, r := range records {
		as, err := outs[i].as, outs[i].err
		if err != nil {
			rejected++
			fmt.Fprintf(&b, "%s rejected: %v\n", r.Key, err)
			continue
		}
		require.Equal(t, pol, as.Evaluation.Policy, "%s", r.Key)
		fingerprint = as.Evaluation.Fingerprint
		scored++
		statuses[as.Status]++
		grades[as.Evaluation.Grade]++
		g := groupOf(as.Classification)
		groups[g]++
		q := "qualified"
		if as.Qualification.Qualified {
			qualified++
		} else {
			var ids []string
			for _, c := range as.Qualification.Failures() {
				ids = append(ids, c.ID)
			}
			q = "failed:" + strings.Join(ids, ",")
		}
		veto := ""
		for _, x := range as.Evaluation.Vetoes() {
			veto += " veto:" + x.ID
		}
		fmt.Fprintf(&b, "%s %-11s %-14s %-12s %6s %s%s |", r.Key, as.Status, g, q, as.Evaluation.Total.StringFixed(2), as.Evaluation.Grade.Code(), veto)
		for _, d := range as.Evaluation.Dimensions() {
			for _, in := range d.Indicators {
				fmt.Fprintf(&b, " %s=%s", in.ID, in.Score)
			}
		}
		for _, bo := range as.Evaluation.Bonuses() {
			fmt.Fprintf(&b, " %s=%s", bo.ID, bo.Points)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "\npolicy %s (sha256 %s), assessed on %s\n", pol, fingerprint, asOf)
	fmt.Fprintf(&b, "records %d: assessed %d, rejected %d; qualified %d\n", len(records), scored, rejected, qualified)
	fmt.Fprintf(&b, "status: candidate %d, removed %d, unqualified %d\n",
		statuses[newstrata.Candidate], statuses[newstrata.Removed], statuses[newstrata.Unqualified])
	fmt.Fprintf(&b, "grade: A %d, B %d, C %d, D %d\n", grades[evaluate.GradeA], grades[evaluate.GradeB], grades[evaluate.GradeC], grades[evaluate.GradeD])
	fmt.Fprintf(&b, "group: G1 %d, G2 %d, G3 %d, G4 %d, not-new-strata %d, undetermined %d\n",
		groups["G1"], groups["G2"], groups["G3"], groups["G4"], groups["not-new-strata"], groups["undetermined"])
	return b.String()
}

func groupOf(c classify.Result) string {
	switch c.Outcome {
	case classify.Classified:
		return c.Primary.Code()
	case classify.NotNewStrata:
		return "not-new-strata"
	}
	return "undetermined"
}

// lineDiff returns the lines that differ between want and got, each with
// its line number, "-" for want's and "+" for got's, and a line of
// context around each change; "" when they are equal. It finds the longest
// common subsequence of the lines that differ, after their common start
// and end are set aside.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	x, y := a[pre:len(a)-suf], b[pre:len(b)-suf]
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int32, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	const most = 60 // lines of diff shown
	var out []string
	line := func(sign byte, n int, s string) { out = append(out, fmt.Sprintf("%c%5d  %s", sign, n, s)) }
	if pre > 0 {
		line(' ', pre, a[pre-1])
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			if (i > 0 && x[i-1] != y[j-1]) || (i+1 < len(x) && j+1 < len(y) && x[i+1] != y[j+1]) {
				line(' ', pre+i+1, x[i])
			}
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] > lcs[i+1][j]):
			line('+', pre+j+1, y[j])
			j++
		default:
			line('-', pre+i+1, x[i])
			i++
		}
	}
	if suf > 0 {
		line(' ', len(a)-suf+1, a[len(a)-suf])
	}
	if len(out) > most {
		out = append(out[:most], fmt.Sprintf("… and %d more lines", len(out)-most))
	}
	return strings.Join(out, "\n")
}

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed", "a\nb\nc\nd\n", "a\nB\nc\nd\n", "     1  a\n-    2  b\n+    2  B\n     3  c"},
		{"added", "a\nc\n", "a\nb\nc\n", "     1  a\n+    2  b\n     2  c"},
		{"removed", "a\nb\nc", "a\nc", "     1  a\n-    2  b\n     3  c"},
		{"two apart", "a\nb\nc\nd\ne\nf", "A\nb\nc\nd\ne\nF", "-    1  a\n+    1  A\n     2  b\n     5  e\n-    6  f\n+    6  F"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.diff, lineDiff(tt.want, tt.got))
		})
	}
}

// TestAssessUnder: a record is assessed under the policy given, whatever
// the unit's policy in force.
func TestAssessUnder(t *testing.T) {
	a, base, next := qingxiu(t)
	r := person("R1", jobs(140), func(r *roster.Record) { r.Unit = "450107" }) // 西乡塘区: the city's policy
	in, err := a.Assess(r, asOf)
	require.NoError(t, err)
	assert.Equal(t, base.ID(), in.Evaluation.Policy)
	assert.Equal(t, "87", in.Evaluation.Total.String())

	under, err := a.AssessUnder(next, r, asOf)
	require.NoError(t, err)
	assert.Equal(t, "qingxiu-2019", under.Evaluation.Policy)
	assert.Equal(t, "qingxiu-2019", under.Qualification.Policy)
	assert.Equal(t, "83", under.Evaluation.Total.String(), "87, less 2 on A2 (10 years ÷ 2 = 5) and 2 on C2 (capped at 5), no rural input (default 0)")
	assert.Equal(t, newstrata.Candidate, under.Status)
	assert.Equal(t, classify.G1, under.Classification.Primary)
}

// TestAssessNil: a nil record is an error, not a panic.
func TestAssessNil(t *testing.T) {
	a, _, next := qingxiu(t)
	_, err := a.Assess(nil, asOf)
	assert.EqualError(t, err, "记录为空 (nil record)")
	_, err = a.AssessUnder(next, nil, asOf)
	assert.EqualError(t, err, "记录为空 (nil record)")
}

// TestAssessAllAgreesWithAssess: the batch front door validates, then
// assesses each record as Assess does; the sample roster is all valid.
func TestAssessAllAgreesWithAssess(t *testing.T) {
	records := readSample(t)[:300]
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	res, err := a.AssessAll(t.Context(), records, asOf, nil)
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Assessments, len(records))
	for i, as := range res.Assessments {
		assert.Equal(t, i, as.Index, "every record of the sample is assessed, in order")
		one, err := a.Assess(records[as.Index], asOf)
		require.NoError(t, err)
		assert.Equal(t, one.Status, as.Status)
		assert.True(t, one.Evaluation.Total.Equal(as.Evaluation.Total))
	}

	dup := append([]*roster.Record{}, records[0], records[0])
	res, err = a.AssessAll(t.Context(), dup, asOf, nil)
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1)
	assert.True(t, errors.Is(res.Rejected[0].Err, newstrata.ErrDuplicateKey))

	// The first record with a key keeps it even when it is invalid: the
	// valid one after it is a duplicate to resolve, not a stand-in.
	invalid := *records[0]
	invalid.Name = ""
	res, err = a.AssessAll(t.Context(), []*roster.Record{&invalid, records[0]}, asOf, nil)
	require.NoError(t, err)
	require.Len(t, res.Rejected, 2)
	assert.ErrorIs(t, res.Rejected[0].Err, roster.ErrInvalidRecord)
	assert.Equal(t, 1, res.Rejected[1].Index)
	assert.EqualError(t, res.Rejected[1].Err, "登记编号重复 (duplicate registration number)：记录 "+records[0].Key+" 与第 1 条记录相同 (same as record 1)")
}

// One citizen ID under two registration numbers: the later record is
// rejected, naming both records but not the ID.
func TestAssessAllRejectsDuplicateIDs(t *testing.T) {
	records := readSample(t)[:3]
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	third := *records[2]
	third.CitizenID = " " + records[0].CitizenID // spelt otherwise, the same person
	res, err := a.AssessAll(t.Context(), []*roster.Record{records[0], records[1], &third}, asOf, nil)
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1)
	assert.Equal(t, 2, res.Rejected[0].Index)
	assert.ErrorIs(t, res.Rejected[0].Err, roster.ErrDuplicateID)
	assert.EqualError(t, res.Rejected[0].Err, "第 3 条记录（登记编号 "+third.Key+"）与第 1 条记录（登记编号 "+records[0].Key+"）的公民身份号码相同 (record 3 ("+third.Key+") has the citizen ID of record 1 ("+records[0].Key+"))")
	require.Len(t, res.Assessments, 2)
	assert.Equal(t, 0, res.Assessments[0].Index)
	assert.Equal(t, 1, res.Assessments[1].Index)
}

// A citizen ID typed into the registration-number column is never printed,
// in a batch's rejections or anywhere in their messages.
func TestAssessAllHidesIDShapedKeys(t *testing.T) {
	records := readSample(t)[:2]
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	const id = "450103198503141239" // the shape of an ID is enough, valid or not
	one, two := *records[0], *records[1]
	one.Key, two.Key = id, id
	res, err := a.AssessAll(t.Context(), []*roster.Record{&one, &two}, asOf, nil)
	require.NoError(t, err)
	require.Len(t, res.Rejected, 2)
	for _, r := range res.Rejected {
		assert.Empty(t, r.Key)
		assert.NotContains(t, r.Err.Error(), id)
	}
	assert.EqualError(t, res.Rejected[1].Err, "登记编号重复 (duplicate registration number)：第 2 条记录 与第 1 条记录相同 (same as record 1)")
}

// The Assessor's jurisdiction is its policies': one city, named once.
func TestNewTakesTheJurisdictionOfThePolicies(t *testing.T) {
	other, err := roster.ParseJurisdiction("liuzhou.yaml", []byte(`{code: "450200", name: 柳州市, units: [{code: "450202", name: 城中区, kind: 市辖区}]}`))
	require.NoError(t, err)
	set, err := policy.NewSet(other, nil, policy.WithBaseline())
	require.NoError(t, err)
	a, err := newstrata.New(newstrata.Config{Policies: set})
	require.NoError(t, err)
	assert.Equal(t, "450200", a.Jurisdiction().Code)
	b, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	assert.Equal(t, "450100", b.Jurisdiction().Code)
}

// A nil or zero Assessor, or a nil policy, is an error, never a panic.
func TestNotReady(t *testing.T) {
	records := readSample(t)[:1]
	var zero newstrata.Assessor
	var none *newstrata.Assessor
	for name, a := range map[string]*newstrata.Assessor{"zero": &zero, "nil": none} {
		t.Run(name, func(t *testing.T) {
			_, err := a.Assess(records[0], asOf)
			assert.ErrorIs(t, err, newstrata.ErrNotReady)
			_, err = a.AssessUnder(nil, records[0], asOf)
			assert.ErrorIs(t, err, newstrata.ErrNotReady)
			_, err = a.AssessAll(t.Context(), records, asOf, nil)
			assert.ErrorIs(t, err, newstrata.ErrNotReady)
			_, err = a.Compare(t.Context(), nil, nil, a.Prepare(records, asOf))
			assert.ErrorIs(t, err, newstrata.ErrNotReady)
			assert.Nil(t, a.Jurisdiction())
		})
	}
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	_, err = a.AssessUnder(nil, records[0], asOf)
	assert.EqualError(t, err, "未初始化：请用 newstrata.New 创建 (not ready: make it with newstrata.New): policy")
	_, err = a.Compare(t.Context(), nil, nil, a.Prepare(records, asOf))
	assert.ErrorIs(t, err, newstrata.ErrNotReady)
}

// A cancelled batch stops and says how far it got.
func TestAssessAllCancelled(t *testing.T) {
	records := readSample(t)[:600]
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res, err := a.AssessAll(ctx, records, asOf, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualError(t, err, "已处理 0 条记录（共 600 条）后停止 (stopped after 0 of 600 records): context canceled")
	assert.Empty(t, res.Assessments)
	base, err := policy.Baseline()
	require.NoError(t, err)
	_, err = a.Compare(ctx, base, base, a.Prepare(records, asOf))
	assert.EqualError(t, err, "已处理 0 条记录（共 600 条）后停止 (stopped after 0 of 600 records): context canceled")
}

// Waivers given for registration numbers the batch does not hold are
// listed, not silently dropped.
func TestAssessAllUnmatchedWaivers(t *testing.T) {
	records := readSample(t)[:3]
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	res, err := a.AssessAll(t.Context(), records, asOf, map[string][]qualify.Waiver{
		"NN-NOPE-1":    {{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
		records[0].Key: {{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
		"NN-NOPE-0":    {{Condition: "Q5", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"NN-NOPE-0", "NN-NOPE-1"}, res.UnmatchedWaivers)
}

// Only the four groups are new social strata: a county that makes Q1 soft
// and waives it still cannot make a state-owned enterprise's manager a
// candidate.
func TestNotNewStrataStaysUnqualified(t *testing.T) {
	a, _, next := overlay(t, "q1.yaml", `id: q1-2019
extends: nanning-2019
jurisdiction: "450103"
conditions:
  change:
    - {id: Q1, kind: soft}
`)
	r := *readSample(t)[0]
	r.EmployerKind = roster.StateOwned
	as, err := a.AssessUnder(next, &r, asOf, qualify.Waiver{Condition: "Q1", Reason: "县区认定", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)})
	require.NoError(t, err)
	assert.Equal(t, classify.NotNewStrata, as.Classification.Outcome)
	assert.Equal(t, newstrata.Unqualified, as.Status)
}

// Assess validates as AssessAll does: an empty record is an error naming
// what it lacks, never a result.
func TestAssessValidates(t *testing.T) {
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	_, err = a.Assess(&roster.Record{Key: "NN-450103-00001"}, asOf)
	require.ErrorIs(t, err, roster.ErrInvalidRecord)
	assert.Contains(t, err.Error(), "记录 NN-450103-00001：所属单位为必填字段")
}

// The batch runs on every processor; what it gives does not depend on how
// many, nor on the order of the records, and Progress hears of every one.
func TestAssessAllParallel(t *testing.T) {
	records := readSample(t)[:700]
	explain := func(b *newstrata.Batch) map[string]string {
		out := map[string]string{}
		for _, as := range b.Assessments {
			var s strings.Builder
			require.NoError(t, as.Evaluation.Explain(&s))
			require.NoError(t, as.Qualification.Explain(&s))
			out[as.Key] = fmt.Sprintf("%s %s\n%s", as.Status, as.Classification.Rule, s.String())
		}
		for _, r := range b.Rejected {
			out[r.Key] = r.Err.Error()
		}
		return out
	}
	var calls, last int
	a, err := newstrata.New(newstrata.Config{Progress: func(done, total int) {
		calls++
		assert.GreaterOrEqual(t, done, last)
		assert.Equal(t, len(records), total)
		last = done
	}})
	require.NoError(t, err)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	one, err := a.AssessAll(t.Context(), records, asOf, nil)
	require.NoError(t, err)
	assert.Equal(t, len(records), last, "progress reaches the total")
	assert.Positive(t, calls)
	runtime.GOMAXPROCS(2)
	shuffled := slices.Clone(records)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	last = 0
	two, err := a.AssessAll(t.Context(), shuffled, asOf, nil)
	require.NoError(t, err)
	assert.Equal(t, explain(one), explain(two))
	for i, as := range two.Assessments {
		assert.Equal(t, shuffled[as.Index].Key, as.Key, "assessment %d keeps its place", i)
		if i > 0 {
			assert.Less(t, two.Assessments[i-1].Index, as.Index, "in the order given")
		}
	}
}

// An input a record carries that its policy does not declare is reported
// with the batch, not silently dropped, and does not reject the record.
func TestAssessAllReportsUndeclaredInputs(t *testing.T) {
	records := readSample(t)[:3]
	one, two := *records[0], *records[1]
	one.Extra = map[string]any{"rural": "1.5", "blank": " "}
	two.Extra = map[string]any{"rural": "2", "villages": 3}
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	res, err := a.AssessAll(t.Context(), []*roster.Record{&one, &two, records[2]}, asOf, nil)
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	assert.Equal(t, []newstrata.UndeclaredInput{
		{Input: "rural", Records: 2, First: one.Key},
		{Input: "villages", Records: 1, First: two.Key},
	}, res.Undeclared)
	assert.Equal(t, []string{"rural"}, res.Assessments[0].Undeclared)
	assert.Empty(t, res.Assessments[2].Undeclared)
}
