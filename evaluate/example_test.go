package evaluate_test

import (
	"fmt"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// A freelance designer (G3) scored under the reference baseline: a total,
// a grade, one first-level indicator in detail, and what the next grade up
// would take.
func ExampleEvaluate() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{
		Key:             "NN-450103-00042",
		Unit:            "450103",
		BirthDate:       roster.NewDate(1985, 3, 1),
		Politics:        roster.CDL,
		Reliable:        true,
		PoliticalRating: roster.Excellent,
		Education:       roster.Undergraduate,
		TitleLevel:      roster.Intermediate,
		FieldYears:      9,
		Local:           true,
		Seats:           []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Sector: "民盟"}},
		Awards:          []roster.Award{{Name: "优秀设计师", Level: roster.Provincial, Year: 2018}},
		Trainings:       []roster.Training{{Name: "市委统战部培训班", Date: roster.NewDate(2018, 5, 10), Hours: 36}},
		IndustryRating:  roster.Good,
		Donations:       decimal.RequireFromString("3.01"),
		VolunteerHours:  45,
		JobsCreated:     12,
		Proposals:       3,
		Attendance:      decimal.RequireFromString("0.833"),
	}
	f, err := p.Facts(r, roster.NewDate(2019, 6, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Group = "G3" // as classification gave it
	res, err := evaluate.Evaluate(p, &f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("总分", res.Total, "等次", res.Grade.Label())
	for _, d := range res.Dimensions {
		if d.ID != "C" {
			continue
		}
		fmt.Printf("%s %s/%s\n", d.Name, d.Score, d.Points)
		for _, in := range d.Indicators {
			fmt.Printf("  %s %s/%s (raw %s)\n", in.Name, in.Score, in.Points, in.Raw)
		}
	}
	fmt.Printf("距%s还差 %s 分\n", res.Gap.Next.Label(), res.Gap.Points)
	for _, l := range res.Gap.Levers[:2] {
		fmt.Printf("  %s 可得 %s 分，单项可补足：%v\n", l.Name, l.Available, l.Closes)
	}
	// Output:
	// 总分 75.53 等次 C级
	// 社会贡献 4.36/15
	//   公益慈善 3.76/8 (raw 3.755)
	//   带动就业 0.6/7 (raw 0.6)
	// 距B级还差 4.47 分
	//   带动就业 可得 6.4 分，单项可补足：true
	//   公益慈善 可得 4.24 分，单项可补足：false
}

// A veto gives grade D whatever the score, and a D leaves the database.
func ExampleEvaluate_veto() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{
		Key:             "NN-450103-00043",
		PoliticalRating: roster.Excellent,
		Education:       roster.Postgraduate,
		FieldYears:      12,
		Seats:           []roster.Seat{{Body: roster.NPC, Level: roster.Provincial}},
		IndustryRating:  roster.Excellent,
		Proposals:       5,
		Attendance:      decimal.NewFromInt(1),
		DishonestDebtor: true,
	}
	f, err := p.Facts(r, roster.NewDate(2019, 6, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Group = "G1"
	res, err := evaluate.Evaluate(p, &f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("总分", res.Total, "等次", res.Grade.Label(), "剔除", res.Removed)
	for _, v := range res.Vetoes {
		fmt.Println("一票否决:", v.ID, v.Name)
	}
	// Output:
	// 总分 65 等次 D级 剔除 true
	// 一票否决: V2 被列为失信被执行人
}
