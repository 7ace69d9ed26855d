package evaluate_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nativeIDs are the baseline's second-level indicators in its order; a
// nativeResult holds their scores in the same order.
var nativeIDs = [...]string{"P1", "P2", "A1", "A2", "A3", "S1", "S2", "C1", "C2", "D1", "D2"}

// nativeResult is what nativeEvaluate gives: the scores and grade of the
// baseline, without what the library keeps to explain them (the raw
// values and the facts).
type nativeResult struct {
	Scores   [len(nativeIDs)]formula.Fixed
	Subtotal formula.Fixed
	Bonus    formula.Fixed
	Total    formula.Fixed
	Vetoed   bool
	Grade    evaluate.Grade
}

// nativeEvaluate is the baseline's Annex 3 written by hand in Go, from the
// table in DOMAIN.md, over the library's own exact numbers: the same caps,
// divisions at formula.DivisionScale places, HALF_UP to 2 places per
// indicator, the bonus capped so that the total stays within 100, and the
// vetoes. It is the reference the compiled policy is checked against, and
// the ceiling of the benchmark: the arithmetic the library does, without
// formulas to run.
func nativeEvaluate(f *roster.Facts) nativeResult {
	var r nativeResult
	score := func(i int, raw formula.Fixed, limit int64) {
		if hi := formula.FixedInt(limit); raw.Sign() < 0 {
			raw = formula.Fixed{}
		} else if raw.Cmp(hi) > 0 {
			raw = hi
		}
		if raw.Exponent() < -2 { // as evaluate.Rounding: whole points and cents are kept as they are
			raw = raw.Round(2)
		}
		r.Scores[i] = raw
		r.Subtotal = r.Subtotal.Add(raw)
	}
	ints := func(n int) formula.Fixed { return formula.FixedInt(int64(n)) }
	div := func(a formula.Fixed, b int64) formula.Fixed {
		q, _ := a.Div(formula.FixedInt(b)) // b is a constant, never 0
		return q
	}

	// P 政治素质
	score(0, ints(rating(f.PoliticalRating, 15, 12, 8, 0)), 15)
	score(1, div(ints(f.TrainingHours), 4), 10)

	// A 专业成就与行业代表性
	edu := 2
	switch f.Education {
	case "研究生":
		edu = 8
	case "大学本科":
		edu = 6
	case "大学专科":
		edu = 4
	}
	title := 0
	switch f.TitleLevel {
	case "正高":
		title = 8
	case "副高":
		title = 7
	case "中级":
		title = 5
	case "初级":
		title = 3
	}
	score(2, ints(max(edu, title)), 8)
	score(3, ints(f.FieldYears), 7)
	awards := 0
	for _, a := range f.Awards {
		switch a.Level {
		case "国家级":
			awards += 10
		case "省级":
			awards += 8
		case "市级":
			awards += 6
		case "县级":
			awards += 4
		}
	}
	score(4, ints(awards), 10)

	// S 社会影响与群众基础
	seat, post := 0, 0
	for _, s := range f.Seats {
		if !s.Current { // a seat whose term has ended, or not begun, earns nothing
			continue
		}
		switch s.Level {
		case "国家级", "省级":
			seat = max(seat, 12)
		case "市级":
			seat = max(seat, 10)
		case "县级":
			seat = max(seat, 8)
		}
	}
	for _, p := range f.OrgPosts {
		if !p.Leading {
			continue
		}
		switch p.Level {
		case "国家级", "省级", "市级":
			post = max(post, 8)
		case "县级":
			post = max(post, 6)
		}
	}
	score(5, ints(max(seat, post)), 12)
	influence := rating(f.IndustryRating, 8, 6, 3, 0)
	if f.Group == "G4" {
		switch {
		case f.Followers >= 1000000:
			influence = 8
		case f.Followers >= 100000:
			influence = 6
		case f.Followers >= 10000:
			influence = 3
		default:
			influence = 0
		}
	}
	score(6, ints(influence), 8)

	// C 社会贡献
	score(7, div(formula.FixedOf(f.Donations), 2).Add(div(ints(f.VolunteerHours), 20)), 8)
	score(8, div(ints(f.JobsCreated), 20), 7)

	// D 参政议政与履职
	score(9, ints(f.Proposals*2), 10)
	score(10, formula.FixedOf(f.Attendance).Mul(formula.FixedInt(5)), 5)

	if f.EmergencyRelief {
		r.Bonus = r.Bonus.Add(formula.FixedInt(3))
	}
	if f.NationalRecognition {
		r.Bonus = r.Bonus.Add(formula.FixedInt(2))
	}
	r.Total = r.Subtotal.Add(r.Bonus)
	if hundred := formula.FixedInt(100); r.Total.Cmp(hundred) > 0 {
		r.Total = hundred
	}
	r.Vetoed = f.CriminalPenalty || f.DishonestDebtor || f.TaxViolation || f.NegativeStatements
	switch {
	case r.Vetoed:
		r.Grade = evaluate.GradeD
	case r.Total.Cmp(formula.FixedInt(90)) >= 0:
		r.Grade = evaluate.GradeA
	case r.Total.Cmp(formula.FixedInt(80)) >= 0:
		r.Grade = evaluate.GradeB
	case r.Total.Cmp(formula.FixedInt(60)) >= 0:
		r.Grade = evaluate.GradeC
	default:
		r.Grade = evaluate.GradeD
	}
	return r
}

// rating gives the points of a four-step rating, 0 when not rated.
func rating(label string, excellent, good, fair, poor int) int {
	switch label {
	case "优秀":
		return excellent
	case "良好":
		return good
	case "一般":
		return fair
	case "较差":
		return poor
	}
	return 0
}

// mismatches compares the library's result with the native one and
// describes every difference.
func mismatches(got *evaluate.Result, want nativeResult) []string {
	var out []string
	diff := func(what string, g decimal.Decimal, w formula.Fixed) {
		if !g.Equal(w.Decimal()) || g.String() != w.String() {
			out = append(out, fmt.Sprintf("%s: got %s, native %s", what, g, w))
		}
	}
	for i, id := range nativeIDs {
		in, ok := got.Indicator(id)
		if !ok {
			out = append(out, id+": missing")
			continue
		}
		diff(id, in.Score, want.Scores[i])
	}
	diff("subtotal", got.Subtotal(), want.Subtotal)
	diff("bonus", got.Bonus(), want.Bonus)
	diff("total", got.Total.Decimal(), want.Total)
	if got.Grade != want.Grade {
		out = append(out, fmt.Sprintf("grade: got %s, native %s", got.Grade, want.Grade))
	}
	if vetoed := got.Vetoed; vetoed != want.Vetoed {
		out = append(out, fmt.Sprintf("vetoed: got %v, native %v", vetoed, want.Vetoed))
	}
	if got.Removed != (want.Grade == evaluate.GradeD) {
		out = append(out, fmt.Sprintf("removed: got %v for grade %s", got.Removed, want.Grade))
	}
	return out
}

// TestMatchesNative checks that the compiled baseline gives the same
// scores, totals and grades as the hand-written one, record for record:
// over the whole sample roster, classified as the pipeline does, and over
// generated records that dwell on the edges.
func TestMatchesNative(t *testing.T) {
	p := baseline(t)
	sets := []struct {
		name       string
		asOf       roster.Date
		samples    func(testing.TB) []sample
		everyGrade bool
	}{
		// The sample roster is realistic: under the baseline few people
		// reach C and nobody reaches B.
		{"sample roster", sampleAsOf, sampleRoster, false},
		{"generated", asOf, func(testing.TB) []sample { return generated(5000, 20190402, asOf) }, true},
		// Neither of the above has a seat that is not current; S1 must
		// pass them over.
		{"seat terms", asOf, func(testing.TB) []sample { return withTerms(generated(2000, 20190615, asOf), asOf) }, true},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			samples := set.samples(t)
			grades := map[evaluate.Grade]int{}
			failed := 0
			for _, s := range samples {
				f, err := p.Facts(s.Record, set.asOf)
				require.NoError(t, err)
				f.Group = s.Group
				got, err := p.Evaluator().Evaluate(&f)
				require.NoError(t, err, s.Record.Key)
				want := nativeEvaluate(&f)
				grades[got.Grade]++
				if d := mismatches(got, want); len(d) > 0 {
					failed++
					if failed <= 10 {
						t.Errorf("%s: %v", s.Record.Key, d)
					}
				}
			}
			assert.Zero(t, failed, "records that differ")
			if set.everyGrade {
				assert.Len(t, grades, 4, "the set must reach every grade, or it proves little: %v", grades)
			}
			t.Logf("%d records, grades %v", len(samples), grades)
		})
	}
}

// withTerms gives the seats of samples terms about asOf, in turn: none,
// ended the day before, ending on the day, beginning the day after,
// beginning on the day, ended the month before, ending with the month. Some
// seats are then not current, as on a real roster between two terms.
func withTerms(samples []sample, asOf roster.Date) []sample {
	day := time.Date(asOf.Year, asOf.Month, asOf.Day, 0, 0, 0, 0, time.UTC)
	on := func(days int) roster.Date {
		t := day.AddDate(0, 0, days)
		return roster.NewDate(t.Year(), t.Month(), t.Day())
	}
	month := func(months int) roster.Date {
		t := day.AddDate(0, months, 1-asOf.Day)
		return roster.Date{Year: t.Year(), Month: t.Month()}
	}
	terms := []struct{ from, until roster.Date }{
		{},
		{on(-5 * 365), on(-1)},
		{on(-5 * 365), on(0)},
		{on(1), on(5 * 365)},
		{on(0), on(5 * 365)},
		{month(-60), month(-1)},
		{month(-60), month(0)},
	}
	k := 0
	for _, s := range samples {
		for i := range s.Record.Seats {
			t := terms[k%len(terms)]
			s.Record.Seats[i].From, s.Record.Seats[i].Until = t.from, t.until
			k++
		}
	}
	return samples
}

// benchRecord is a person of middling standing who reads every part of the
// baseline: a seat, a post, awards, trainings in and out of the window,
// amounts with decimals.
func benchRecord() *roster.Record {
	r := blank()
	r.PoliticalRating = roster.Good
	r.Education, r.TitleLevel = roster.Undergraduate, roster.Intermediate
	r.FieldYears = 6
	r.Seats = []roster.Seat{{Body: roster.CPPCC, Level: roster.County, Sector: "无党派人士"}}
	r.OrgPosts = []roster.OrgPost{{Kind: roster.SocialOrg, Organization: "青秀区测试商会", Title: "副会长", Level: roster.County, Leading: true}}
	r.Awards = []roster.Award{{Name: "优秀建设者", Level: roster.City, Year: 2018}, {Name: "优秀志愿者", Level: roster.County, Year: 2016}}
	r.Trainings = []roster.Training{
		{Name: "市委统战部培训班", Date: roster.NewDate(2018, 5, 10), Hours: 16},
		{Name: "自治区社会主义学院专题班", Date: roster.NewDate(2017, 3, 2), Hours: 8},
		{Name: "旧培训", Date: roster.NewDate(2014, 1, 1), Hours: 40},
	}
	r.IndustryRating = roster.Good
	r.Followers = 120000
	r.Donations, r.VolunteerHours = dec("2.35"), 37
	r.JobsCreated, r.Proposals = 23, 2
	r.Attendance = dec("0.75")
	return r
}

// TestConcurrentUse evaluates one roster from several goroutines with one
// policy and checks that every result is the one a single goroutine gets.
// Run with -race.
func TestConcurrentUse(t *testing.T) {
	p := baseline(t)
	samples := generated(400, 7, asOf)
	want := make([]string, len(samples))
	for i, s := range samples {
		f, err := p.Facts(s.Record, asOf)
		require.NoError(t, err)
		f.Group = s.Group
		res, err := p.Evaluator().Evaluate(&f)
		require.NoError(t, err)
		want[i] = res.Total.String() + " " + res.Grade.String()
	}
	const workers = 8
	got := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			got[w] = make([]string, len(samples))
			for i, s := range samples {
				f, err := p.Facts(s.Record, asOf)
				if err != nil {
					got[w][i] = err.Error()
					continue
				}
				f.Group = s.Group
				res, err := p.Evaluator().Evaluate(&f)
				if err != nil {
					got[w][i] = err.Error()
					continue
				}
				got[w][i] = res.Total.String() + " " + res.Grade.String()
			}
		})
	}
	wg.Wait()
	for w := range workers {
		assert.Equal(t, want, got[w], "worker %d", w)
	}
}
