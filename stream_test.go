package newstrata_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// explained is what a stream gives for one record, as text: the status,
// the rule that classified it and every word of the explanations, or the
// rejection.
func explained(t *testing.T, as *newstrata.Assessment, rej *newstrata.Rejection) string {
	t.Helper()
	if rej != nil {
		return fmt.Sprintf("rejected %s: %v", rej.Key, rej.Err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s %s\n", as.Key, as.Status, as.Classification.Rule, as.Undeclared)
	require.NoError(t, as.Evaluation.Explain(&b))
	require.NoError(t, as.Qualification.Explain(&b))
	return b.String()
}

// The outcome of a stream does not depend on the number of workers or on
// the order of the records: each record's Explain text is the same byte
// for byte, and the sample roster gives the golden file of the city's
// baseline, which Assess wrote one record at a time.
func TestStreamSameWhateverWorkersAndOrder(t *testing.T) {
	records := readSample(t)
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "baseline.golden"))
	require.NoError(t, err)
	place := make(map[*roster.Record]int, len(records))
	for i, r := range records {
		place[r] = i
	}
	shuffled := slices.Clone(records)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	tests := []struct {
		name    string
		workers int
		records []*roster.Record
	}{
		{"one worker", 1, records},
		{"one per processor, shuffled", 0, shuffled},
		{"three, shuffled", 3, shuffled},
		{"eight", 8, records},
	}
	var first []string // each record's text, from the first run
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := newstrata.New(newstrata.Config{Workers: tt.workers})
			require.NoError(t, err)
			s, err := a.Stream(t.Context(), slices.Values(tt.records), asOf, nil)
			require.NoError(t, err)
			outs := make([]recordOutcome, len(records))
			texts := make([]string, len(records))
			n := 0
			for as, rej := range s.All() {
				require.True(t, (as == nil) != (rej == nil), "one of the two")
				r := tt.records[n]
				if rej != nil {
					assert.Equal(t, n, rej.Index)
					outs[place[r]].err = rej.Err
				} else {
					assert.Equal(t, n, as.Index)
					assert.Equal(t, r.Key, as.Key, "in the order given")
					outs[place[r]].as = as
				}
				texts[place[r]] = explained(t, as, rej)
				n++
			}
			require.NoError(t, s.Err())
			assert.Equal(t, newstrata.Summary{Records: len(records), Assessed: len(records), Complete: true}, s.Summary())
			if d := lineDiff(string(want), goldenOf(t, records, policy.BaselineID, outs)); d != "" {
				t.Errorf("baseline.golden differs (-want +got):\n%s", d)
			}
			if first == nil {
				first = texts
				return
			}
			for i := range texts {
				if texts[i] != first[i] {
					t.Errorf("record %d (%s) differs from the first run (-want +got):\n%s", i, records[i].Key, lineDiff(first[i], texts[i]))
				}
			}
		})
	}
}

// Every record given is yielded once, in order, as an assessment or a
// rejection, whatever is wrong with it; AssessAll collects the same.
func TestStreamAccountsForEveryRecord(t *testing.T) {
	sample := readSample(t)[:6]
	invalid := *sample[1]
	invalid.Name = ""
	twin := *sample[3]
	twin.Key = "NN-450103-99999"     // the same person under another number
	idKey := *sample[4]              // a citizen ID typed as the key: invalid
	idKey.Key = "450103198503141239" // the shape is enough
	undeclared := *sample[5]         // an input no policy declares
	undeclared.Extra = map[string]any{"rural": "1"}
	records := []*roster.Record{
		sample[0],   // 0 assessed
		nil,         // 1 nil
		&invalid,    // 2 invalid
		sample[0],   // 3 the same key again
		sample[3],   // 4 assessed
		&twin,       // 5 sample[3]'s citizen ID
		&idKey,      // 6 its key never printed
		&undeclared, // 7 assessed, with an undeclared input
		sample[2],   // 8 assessed
	}
	want := []string{
		"",
		"记录为空 (nil record)",
		"记录 " + invalid.Key + "：姓名为必填字段 (name is a required field)",
		"登记编号重复 (duplicate registration number)：记录 " + sample[0].Key + " 与第 1 条记录相同 (same as record 1)",
		"",
		"第 6 条记录（登记编号 NN-450103-99999）与第 5 条记录（登记编号 " + sample[3].Key + "）的公民身份号码相同 (record 6 (NN-450103-99999) has the citizen ID of record 5 (" + sample[3].Key + "))",
		"第 7 条记录：登记编号不能使用公民身份号码 (registration number must not be a citizen ID)",
		"",
		"",
	}
	a, err := newstrata.New(newstrata.Config{Workers: 2})
	require.NoError(t, err)
	waivers := map[string][]qualify.Waiver{"NN-NOPE-1": nil, sample[2].Key: nil}
	s, err := a.Stream(t.Context(), slices.Values(records), asOf, waivers)
	require.NoError(t, err)
	i := 0
	for as, rej := range s.All() {
		require.Less(t, i, len(records))
		if want[i] == "" {
			require.Nil(t, rej, "record %d: %v", i, rej)
			require.NotNil(t, as)
			assert.Equal(t, i, as.Index)
			assert.Equal(t, records[i].Key, as.Key)
		} else {
			require.Nil(t, as, "record %d", i)
			require.NotNil(t, rej)
			assert.Equal(t, i, rej.Index)
			assert.EqualError(t, rej.Err, want[i], "record %d", i)
			assert.NotContains(t, rej.Err.Error(), idKey.Key)
		}
		i++
	}
	require.NoError(t, s.Err())
	assert.Equal(t, len(records), i, "every record yielded")
	assert.Equal(t, newstrata.Summary{
		Records: 9, Assessed: 4, Rejected: 5, Complete: true,
		UnmatchedWaivers: []string{"NN-NOPE-1"},
		Undeclared:       []newstrata.UndeclaredInput{{Input: "rural", Records: 1, First: undeclared.Key}},
	}, s.Summary())

	b, err := a.AssessAll(t.Context(), records, asOf, waivers)
	require.NoError(t, err)
	assert.Len(t, b.Assessments, 4)
	assert.Len(t, b.Rejected, 5)
	assert.Equal(t, s.Summary().UnmatchedWaivers, b.UnmatchedWaivers)
	assert.Equal(t, s.Summary().Undeclared, b.Undeclared)
}

// A stream cancelled from its loop stops at once: the record at which it
// was cancelled is the last one yielded, and Err says how many were.
func TestStreamCancelled(t *testing.T) {
	records := readSample(t)[:1000]
	tests := []struct {
		name  string
		after int // records yielded before the cancel; 0: cancelled before the loop
	}{
		{"before the loop", 0},
		{"after one", 1},
		{"mid-chunk", 100},
		{"near the end", 999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := newstrata.New(newstrata.Config{Workers: 2})
			require.NoError(t, err)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tt.after == 0 {
				cancel()
			}
			s, err := a.Stream(ctx, slices.Values(records), asOf, map[string][]qualify.Waiver{"NN-NOPE-1": nil})
			require.NoError(t, err)
			n := 0
			for range s.All() {
				n++
				if n == tt.after {
					cancel()
				}
			}
			assert.Equal(t, tt.after, n)
			require.ErrorIs(t, s.Err(), context.Canceled)
			assert.EqualError(t, s.Err(), fmt.Sprintf("已处理 %d 条记录后停止 (stopped after %d records): context canceled", n, n))
			sum := s.Summary()
			assert.Equal(t, n, sum.Records)
			assert.False(t, sum.Complete)
			assert.Nil(t, sum.UnmatchedWaivers, "unknown until the stream ends")
		})
	}
}

// AssessAll cancelled part way returns the records before the first one
// it did not finish, in order, and says how far it got out of how many.
func TestAssessAllCancelledPartWay(t *testing.T) {
	records := readSample(t)[:1000]
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var seen []int
	a, err := newstrata.New(newstrata.Config{Workers: 2, Progress: func(done, total int) {
		seen = append(seen, done)
		assert.Equal(t, len(records), total)
		if done >= 300 {
			cancel()
		}
	}})
	require.NoError(t, err)
	b, err := a.AssessAll(ctx, records, asOf, nil)
	require.ErrorIs(t, err, context.Canceled)
	done := seen[len(seen)-1]
	assert.EqualError(t, err, fmt.Sprintf("已处理 %d 条记录（共 1000 条）后停止 (stopped after %d of 1000 records): context canceled", done, done))
	require.Len(t, b.Assessments, done)
	for i, as := range b.Assessments {
		assert.Equal(t, i, as.Index)
	}
	assert.True(t, slices.IsSorted(seen))
}

// Leaving the loop early stops the records' iterator and the workers
// before All returns: nothing is left running, and the stream read only a
// bounded window ahead of the loop.
func TestStreamLeftEarly(t *testing.T) {
	sample := readSample(t)
	before := runtime.NumGoroutine()
	a, err := newstrata.New(newstrata.Config{Workers: 2})
	require.NoError(t, err)
	read, over := 0, false
	endless := func(yield func(*roster.Record) bool) { // the sample again and again: repeated keys after the first round
		defer func() { over = true }()
		for i := 0; ; i++ {
			read++
			if !yield(sample[i%len(sample)]) {
				return
			}
		}
	}
	s, err := a.Stream(t.Context(), endless, asOf, nil)
	require.NoError(t, err)
	n := 0
	for range s.All() {
		if n++; n == 3000 {
			break
		}
	}
	assert.True(t, over, "the records' iterator has returned")
	assert.LessOrEqual(t, read, 3000+2*4*64+64, "a bounded window ahead of the loop")
	require.NoError(t, s.Err(), "leaving the loop is no error")
	assert.Equal(t, newstrata.Summary{Records: 3000, Assessed: 2000, Rejected: 1000}, s.Summary())
	nothingLeft(t, before)
}

// nothingLeft fails t unless the goroutines are back to before within a
// second: a goroutine that has signalled it is done may take a moment to
// end.
func nothingLeft(t *testing.T, before int) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > before; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
		}
	}
}

// A cancelled stream leaves nothing running either, even when its context
// is cancelled from elsewhere while the workers are busy.
func TestStreamCancelledLeavesNothingRunning(t *testing.T) {
	sample := readSample(t)
	before := runtime.NumGoroutine()
	a, err := newstrata.New(newstrata.Config{Workers: 3})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	var endless iter.Seq[*roster.Record] = func(yield func(*roster.Record) bool) {
		for i := 0; yield(sample[i%len(sample)]); i++ {
		}
	}
	s, err := a.Stream(ctx, endless, asOf, nil)
	require.NoError(t, err)
	n := 0
	for range s.All() {
		n++
	}
	require.ErrorIs(t, s.Err(), context.DeadlineExceeded)
	assert.Equal(t, n, s.Summary().Records)
	nothingLeft(t, before)
}

// Progress hears of a stream in order, up to every record, with the total
// not known.
func TestStreamProgress(t *testing.T) {
	records := readSample(t)[:500]
	var seen []int
	a, err := newstrata.New(newstrata.Config{Progress: func(done, total int) {
		assert.Equal(t, -1, total)
		seen = append(seen, done)
	}})
	require.NoError(t, err)
	s, err := a.Stream(t.Context(), slices.Values(records), asOf, nil)
	require.NoError(t, err)
	for range s.All() {
	}
	require.NoError(t, s.Err())
	assert.True(t, slices.IsSorted(seen))
	assert.Equal(t, len(records), seen[len(seen)-1])
}

// Ranging again runs the stream again; an empty or nil stream accounts for
// nothing, completely.
func TestStreamAgainAndEmpty(t *testing.T) {
	records := readSample(t)[:70]
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	s, err := a.Stream(t.Context(), slices.Values(records), asOf, nil)
	require.NoError(t, err)
	for range 2 {
		n := 0
		for as := range s.All() {
			assert.Equal(t, n, as.Index)
			n++
		}
		assert.Equal(t, newstrata.Summary{Records: 70, Assessed: 70, Complete: true}, s.Summary())
	}
	for _, records := range []iter.Seq[*roster.Record]{nil, slices.Values([]*roster.Record{})} {
		s, err := a.Stream(t.Context(), records, asOf, nil)
		require.NoError(t, err)
		for range s.All() {
			t.Fatal("nothing to yield")
		}
		assert.Equal(t, newstrata.Summary{Complete: true}, s.Summary())
		assert.NoError(t, s.Err())
	}
}

// A stream that cannot start says so before its loop.
func TestStreamRefuses(t *testing.T) {
	var zero newstrata.Assessor
	_, err := zero.Stream(t.Context(), nil, asOf, nil)
	assert.ErrorIs(t, err, newstrata.ErrNotReady)
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	_, err = a.Stream(t.Context(), nil, roster.NewDate(2019, 4, 0), nil)
	assert.ErrorIs(t, err, roster.ErrBadDate)
}
