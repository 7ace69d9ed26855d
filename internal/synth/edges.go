package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Labelled is a record with the group a classification gave it ("G1" to
// "G4", or "" when it is in none), as roster.Facts.Group reads it.
type Labelled struct {
	Record *roster.Record
	Group  string
}

// ReadSample reads a roster that must read without a bad row (the sample
// roster, testdata/roster.csv) and labels it as [Classify] does.
func ReadSample(path string, asOf roster.Date) ([]Labelled, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	batch, err := roster.NewReader(fh).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(batch.Errors) > 0 {
		return nil, batch.Errors[0]
	}
	if len(batch.Records) == 0 {
		return nil, fmt.Errorf("%s holds no record", path)
	}
	return Classify(batch.Records, asOf)
}

// Classify labels records with the classification rules of the baseline
// policy on asOf, as the pipeline does before qualification and evaluation.
func Classify(records []*roster.Record, asOf roster.Date) ([]Labelled, error) {
	p, err := policy.Baseline()
	if err != nil {
		return nil, err
	}
	c := p.Classifier()
	out := make([]Labelled, len(records))
	for i, r := range records {
		f := r.Facts(asOf)
		res, err := c.Classify(&f)
		if err != nil {
			return nil, err
		}
		out[i] = Labelled{Record: r}
		if res.Outcome == classify.Classified {
			out[i].Group = res.Primary.Code()
		}
	}
	return out, nil
}

// Edges returns n records, each with a group as if classified, drawn from
// a PCG seeded with seed, over every field the baseline policy reads. Unlike
// [Generate], which draws a realistic roster, Edges aims at the boundaries. Values at the edges of the bands (ages 24, 25,
// 60 and 61; 9,999 and 10,000 followers; amounts in steps of 0.001 that
// land on x.xx5) and top values come up often, so that every grade, every
// cap and every rounding case is met many times.
func Edges(n int, seed uint64, asOf roster.Date) []Labelled {
	rng := rand.New(rand.NewPCG(seed, 0x6e65777374726174))
	chance := func(p float64) bool { return rng.Float64() < p }
	day := time.Date(asOf.Year, asOf.Month, asOf.Day, 0, 0, 0, 0, time.UTC)
	date := func(t time.Time) roster.Date { return roster.NewDate(t.Year(), t.Month(), t.Day()) }
	groups := []string{"G1", "G2", "G3", "G4", "G4", ""}
	edgeAges := []int{24, 25, 60, 61}
	edgeFollowers := []int{0, 9999, 10000, 99999, 100000, 999999, 1000000}
	out := make([]Labelled, n)
	for i := range out {
		strong := chance(0.4) // a strong candidate draws top values more often
		top := func() bool { return strong && chance(0.7) }
		r := &roster.Record{Key: fmt.Sprintf("GEN-%05d", i+1), Unit: "450103"}

		age := 18 + rng.IntN(53)
		if chance(0.2) {
			age = edgeAges[rng.IntN(len(edgeAges))]
		}
		// Born on the assessment day or the day after, age years before:
		// exactly age, or one year short of it.
		r.BirthDate = date(day.AddDate(-age, 0, rng.IntN(2)))
		r.Politics = roster.Politics(rng.IntN(14))
		r.Reliable = chance(0.9)
		r.PoliticalRating = roster.Rating(rng.IntN(5))
		r.Education = roster.Education(rng.IntN(9))
		r.TitleLevel = roster.TitleLevel(rng.IntN(6))
		r.FieldYears = rng.IntN(12)
		r.Local = chance(0.9)
		r.Followers = rng.IntN(2000000)
		if chance(0.4) {
			r.Followers = edgeFollowers[rng.IntN(len(edgeFollowers))]
		}
		r.NewMedia = r.Followers > 0
		for range rng.IntN(3) {
			r.Seats = append(r.Seats, roster.Seat{Body: roster.Body(1 + rng.IntN(2)), Level: roster.Level(rng.IntN(5))})
		}
		for range rng.IntN(3) {
			r.OrgPosts = append(r.OrgPosts, roster.OrgPost{Kind: roster.OrgKind(1 + rng.IntN(2)), Organization: "测试协会", Level: roster.Level(rng.IntN(5)), Leading: chance(0.5)})
		}
		for range rng.IntN(4) {
			r.Awards = append(r.Awards, roster.Award{Name: "测试表彰", Level: roster.Level(rng.IntN(5)), Year: asOf.Year - rng.IntN(6)})
		}
		for range rng.IntN(5) {
			// From six years before the assessment date to a month after it.
			on := day.AddDate(0, 0, 30-rng.IntN(6*365+30))
			r.Trainings = append(r.Trainings, roster.Training{Name: "测试培训", Date: date(on), Hours: rng.IntN(41)})
		}
		r.IndustryRating = roster.Rating(rng.IntN(5))
		r.Donations = decimal.New(rng.Int64N(20000), -3)
		r.VolunteerHours = rng.IntN(200)
		r.JobsCreated = rng.IntN(200)
		r.Proposals = rng.IntN(8)
		r.Attendance = decimal.New(rng.Int64N(1001), -3)
		if top() {
			r.PoliticalRating, r.IndustryRating = roster.Excellent, roster.Excellent
			r.Education = roster.Postgraduate
			r.FieldYears = 7 + rng.IntN(10)
			r.Trainings = append(r.Trainings, roster.Training{Name: "测试研修班", Date: date(day.AddDate(0, -6, 0)), Hours: 30 + rng.IntN(20)})
			r.Seats = append(r.Seats, roster.Seat{Body: roster.CPPCC, Level: roster.Level(1 + rng.IntN(4))})
			r.JobsCreated = 100 + rng.IntN(60)
			r.Proposals = 4 + rng.IntN(3)
			r.Attendance = decimal.New(800+rng.Int64N(201), -3)
		}
		r.EmergencyRelief = chance(0.1)
		r.NationalRecognition = chance(0.1)
		r.CriminalPenalty = chance(0.03)
		r.DishonestDebtor = chance(0.03)
		r.TaxViolation = chance(0.03)
		r.NegativeStatements = chance(0.03)
		out[i] = Labelled{Record: r, Group: groups[rng.IntN(len(groups))]}
	}
	return out
}
