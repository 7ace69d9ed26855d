package evaluate_test

import (
	"fmt"
	"os"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// A freelance designer (G3) scored under the reference baseline: a total,
// a grade, one first-level indicator in detail, and what the next grade up
// would take.
func ExampleEvaluator_Evaluate() {
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
	res, err := p.Evaluator().Evaluate(&f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("总分", res.Total, "等次", res.Grade.Label())
	for _, d := range res.Dimensions() {
		if d.ID != "C" {
			continue
		}
		fmt.Printf("%s %s/%s\n", d.Name, d.Score, d.Points)
		for _, in := range d.Indicators {
			fmt.Printf("  %s %s/%s (raw %s)\n", in.Name, in.Score, in.Points, in.Raw)
		}
	}
	fmt.Printf("距%s还差 %s 分\n", res.Gap().Next.Label(), res.Gap().Points)
	for _, l := range res.Gap().Levers[:2] {
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
func ExampleEvaluator_Evaluate_veto() {
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
	res, err := p.Evaluator().Evaluate(&f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("总分", res.Total, "等次", res.Grade.Label(), "剔除", res.Removed)
	for _, v := range res.Vetoes() {
		fmt.Println("一票否决:", v.ID, v.Name)
	}
	// Output:
	// 总分 65 等次 D级 剔除 true
	// 一票否决: V2 被列为失信被执行人
}

// Explain writes a result as a clerk reads it: points earned and lost with
// the values each formula read, and what the next grade would take.
func ExampleResult_Explain() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{
		Key: "NN-450103-00043", Unit: "450103", BirthDate: roster.NewDate(1980, 1, 1),
		Politics: roster.NonParty, Reliable: true, PoliticalRating: roster.Good,
		Education: roster.Postgraduate, FieldYears: 12, Local: true, NewMedia: true, Followers: 250000,
		OrgPosts:            []roster.OrgPost{{Kind: roster.SocialOrg, Organization: "网络协会", Level: roster.City, Leading: true}},
		Trainings:           []roster.Training{{Name: "培训班", Date: roster.NewDate(2018, 9, 1), Hours: 30}},
		VolunteerHours:      90,
		JobsCreated:         45,
		Proposals:           2,
		Attendance:          decimal.RequireFromString("0.9"),
		NationalRecognition: true,
	}
	f, err := p.Facts(r, roster.NewDate(2019, 6, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Group = "G4"
	res, err := p.Evaluator().Evaluate(&f)
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Fingerprint = "(略)" // the real one changes with every edit of the baseline
	if err := res.Explain(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 记录 NN-450103-00043 综合评价（政策 nanning-2019，版本校验码 (略)，评价基准日 2019-06-15）
	// 一、政治素质：25 分中得 19.5 分
	//   P1 政治立场：15 分中得 12 分，失分 3 分；依据 政治立场评价=良好
	//   P2 学习培训：10 分中得 7.5 分，失分 2.5 分；依据 近三年培训学时=30
	// 二、专业成就与行业代表性：25 分中得 15 分
	//   A1 学历职称：8 分中得 8 分；依据 学历=研究生，职称级别=无
	//   A2 从业经历：7 分中得 7 分（按公式得 12 分，封顶 7 分）；依据 从业年限=12
	//   A3 荣誉表彰：10 分中得 0 分，失分 10 分；依据 获奖情况=0 项
	// 三、社会影响与群众基础：20 分中得 14 分
	//   S1 政治安排与社会职务：12 分中得 8 分，失分 4 分；依据 人大政协职务=0 项，统战社会组织职务=1 项
	//   S2 行业影响力：8 分中得 6 分，失分 2 分；依据 所属群体=G4，粉丝数=250000，行业影响力评价=（空）
	// 四、社会贡献：15 分中得 6.75 分
	//   C1 公益慈善：8 分中得 4.5 分，失分 3.5 分；依据 公益捐赠（万元）=0，志愿服务时长（小时）=90
	//   C2 带动就业：7 分中得 2.25 分，失分 4.75 分；依据 带动就业人数=45
	// 五、参政议政与履职：15 分中得 8.5 分
	//   D1 建言献策：10 分中得 4 分，失分 6 分；依据 建言献策采纳数=2
	//   D2 活动参与：5 分中得 4.5 分，失分 0.5 分；依据 活动出勤率=0.9
	// 加分：B2 获得国家级新的社会阶层人士统战工作表彰 +2
	// 总分 65.75，C级
	// 距 B级 还差 14.25 分：A3 荣誉表彰 可补 10 分，D1 建言献策 可补 6 分，C2 带动就业 可补 4.75 分，S1 政治安排与社会职务 可补 4 分，C1 公益慈善 可补 3.5 分，P1 政治立场 可补 3 分，P2 学习培训 可补 2.5 分，S2 行业影响力 可补 2 分，D2 活动参与 可补 0.5 分
}
