package qualify_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nativeIDs are the baseline's conditions in its order; a
// nativeQualification holds their outcomes in the same order.
var nativeIDs = [...]string{"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"}

// nativeSoft marks the conditions that can be waived (Q4 age, Q5
// education or title).
var nativeSoft = [len(nativeIDs)]bool{3: true, 4: true}

type nativeQualification struct {
	Qualified bool
	Outcomes  [len(nativeIDs)]qualify.Outcome
}

// nativeQualify is the baseline's Annex 4 written by hand in Go, from the
// table in DOMAIN.md. Waivers are taken as valid (the library's checks of
// them are tested on their own): a waiver turns a failed soft condition
// into a waived one.
func nativeQualify(f *roster.Facts, waivers ...qualify.Waiver) nativeQualification {
	oneOf := func(s string, set ...string) bool {
		for _, x := range set {
			if s == x {
				return true
			}
		}
		return false
	}
	// For a primary-G4 person S2 scores followers, and ≥100,000 is the
	// band of 良好 (6 points), so followers count as the rating does.
	representative := len(f.Seats) > 0 || oneOf(f.IndustryRating, "优秀", "良好") ||
		(f.Group == "G4" && f.Followers >= 100000)
	for _, p := range f.OrgPosts {
		representative = representative || p.Leading
	}
	for _, a := range f.Awards {
		representative = representative || oneOf(a.Level, "县级", "市级", "省级", "国家级")
	}
	met := [len(nativeIDs)]bool{
		oneOf(f.Group, "G1", "G2", "G3", "G4"),
		f.Reliable,
		!f.CPC,
		f.Age >= 25 && f.Age <= 60,
		oneOf(f.Education, "研究生", "大学本科", "大学专科") || oneOf(f.TitleLevel, "中级", "副高", "正高"),
		f.FieldYears >= 3,
		f.Local,
		!f.CriminalPenalty && !f.DishonestDebtor && !f.TaxViolation,
		representative,
	}
	q := nativeQualification{Qualified: true}
	for i, ok := range met {
		switch {
		case ok:
			q.Outcomes[i] = qualify.Met
		case nativeSoft[i] && waived(nativeIDs[i], waivers):
			q.Outcomes[i] = qualify.Waived
		default:
			q.Outcomes[i] = qualify.Failed
			q.Qualified = false
		}
	}
	return q
}

func waived(id string, waivers []qualify.Waiver) bool {
	for _, w := range waivers {
		if w.Condition == id {
			return true
		}
	}
	return false
}

func differences(got *qualify.Result, want nativeQualification) []string {
	var out []string
	if got.Qualified != want.Qualified {
		out = append(out, fmt.Sprintf("qualified: got %v, native %v", got.Qualified, want.Qualified))
	}
	vs := got.Verdicts()
	if len(vs) != len(nativeIDs) {
		return append(out, fmt.Sprintf("got %d conditions, native %d", len(vs), len(nativeIDs)))
	}
	for i, c := range vs {
		if c.ID != nativeIDs[i] || c.Outcome != want.Outcomes[i] {
			out = append(out, fmt.Sprintf("%s: got %s, native %s %s", c.ID, c.Outcome, nativeIDs[i], want.Outcomes[i]))
		}
	}
	return out
}

// TestMatchesNative checks that the compiled baseline qualifies exactly as
// the hand-written one, condition by condition, without waivers and with
// the two soft conditions waived: over the whole sample roster, classified
// as the pipeline does, and over generated records that dwell on the edges.
func TestMatchesNative(t *testing.T) {
	p := baseline(t)
	waivers := []qualify.Waiver{{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}, {Condition: "Q5", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}
	sets := []struct {
		name    string
		asOf    roster.Date
		samples func(testing.TB) []sample
	}{
		{"sample roster", sampleAsOf, sampleRoster},
		{"generated", asOf, func(testing.TB) []sample { return generated(5000, 20190402, asOf) }},
	}
	for _, set := range sets {
		for _, withWaivers := range []bool{false, true} {
			name := set.name
			var ws []qualify.Waiver
			if withWaivers {
				name, ws = name+" with Q4 and Q5 waived", waivers
			}
			t.Run(name, func(t *testing.T) {
				samples := set.samples(t)
				outcomes := map[string]int{}
				failed := 0
				for _, s := range samples {
					f, err := p.Facts(s.Record, set.asOf)
					require.NoError(t, err)
					f.Group = s.Group
					got, err := p.Conditions().Check(&f, ws...)
					require.NoError(t, err, s.Record.Key)
					outcomes[fmt.Sprint("qualified=", got.Qualified)]++
					for _, c := range got.Verdicts() {
						outcomes[c.ID+" "+c.Outcome.String()]++
					}
					if d := differences(got, nativeQualify(&f, ws...)); len(d) > 0 {
						failed++
						if failed <= 10 {
							t.Errorf("%s: %s", s.Record.Key, strings.Join(d, "; "))
						}
					}
				}
				assert.Zero(t, failed, "records that differ")
				// Every condition must both hold and fail somewhere, or the
				// set proves little about it.
				for i, id := range nativeIDs {
					assert.Positive(t, outcomes[id+" met"], "%s met", id)
					if withWaivers && nativeSoft[i] {
						assert.Positive(t, outcomes[id+" waived"], "%s waived", id)
					} else {
						assert.Positive(t, outcomes[id+" failed"], "%s failed", id)
					}
				}
				t.Logf("%d records: %d qualified", len(samples), outcomes["qualified=true"])
			})
		}
	}
}

// benchRecord qualifies: it meets every condition, so every formula runs to
// the end of its ors.
func benchRecord() *roster.Record {
	r := candidate()
	r.Seats = nil
	r.OrgPosts = []roster.OrgPost{{Kind: roster.SocialOrg, Organization: "青秀区测试商会", Title: "理事", Level: roster.County}}
	r.Awards = []roster.Award{{Name: "优秀建设者", Level: roster.City, Year: 2018}}
	r.Trainings = []roster.Training{{Name: "市委统战部培训班", Date: roster.NewDate(2018, 5, 10), Hours: 16}}
	return r
}

// BenchmarkQualify compares the compiled baseline with the hand-written
// one on one record. Both start from the record, build the facts as the
// pipeline does (p.Facts for the library; the baseline declares no inputs,
// so it does what r.Facts does for the native one), set the group and
// check every condition with one waiver; the library also keeps each
// condition's name, kind and reason.
func BenchmarkQualify(b *testing.B) {
	p := baseline(b)
	r := benchRecord()
	waivers := []qualify.Waiver{{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}
	b.Run("newstrata", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f, err := p.Facts(r, asOf)
			if err != nil {
				b.Fatal(err)
			}
			f.Group = "G1"
			if _, err := p.Conditions().Check(&f, waivers...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("native", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f := r.Facts(asOf)
			f.Group = "G1"
			nativeQualify(&f, waivers...)
		}
	})
}

// TestConcurrentUse checks one roster from several goroutines with one
// policy and the same waivers, and checks that every result is the one a
// single goroutine gets. Run with -race.
func TestConcurrentUse(t *testing.T) {
	p := baseline(t)
	samples := generated(400, 7, asOf)
	waivers := []qualify.Waiver{{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}
	outcome := func(s sample) string {
		f, err := p.Facts(s.Record, asOf)
		if err != nil {
			return err.Error()
		}
		f.Group = s.Group
		res, err := p.Conditions().Check(&f, waivers...)
		if err != nil {
			return err.Error()
		}
		var b strings.Builder
		fmt.Fprint(&b, res.Qualified)
		for _, c := range res.Verdicts() {
			b.WriteString(" " + c.Outcome.String())
		}
		return b.String()
	}
	want := make([]string, len(samples))
	for i, s := range samples {
		want[i] = outcome(s)
	}
	const workers = 8
	got := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			got[w] = make([]string, len(samples))
			for i, s := range samples {
				got[w][i] = outcome(s)
			}
		})
	}
	wg.Wait()
	for w := range workers {
		assert.Equal(t, want, got[w], "worker %d", w)
	}
}
