package tier_test

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"

	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
)

// A city list of 4 with every group at least a quarter of it where
// candidates exist, then a county list of 2 from the candidates the city
// left.
func ExampleSelect() {
	rules := tier.Rules{
		Lists: []tier.List{
			{ID: "450100", Label: "南宁市", Quota: 4, PriorityLevel: roster.City, CoverageShare: decimal.RequireFromString("0.25")},
			{ID: "450103", Label: "青秀区", Unit: "450103", Quota: 2, PriorityLevel: roster.County},
		},
		OneList: true,
		Grades:  []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC},
		Order:   []tier.SortKey{tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey},
	}
	c := func(key string, g classify.Group, gr evaluate.Grade, score string, post roster.Level) tier.Candidate {
		return tier.Candidate{Key: key, Unit: "450103", Group: g, Grade: gr, Score: decimal.RequireFromString(score), Post: post}
	}
	res, err := tier.Select(rules, []tier.Candidate{
		c("QX-01", classify.G1, evaluate.GradeA, "96.50", 0),
		c("QX-02", classify.G1, evaluate.GradeA, "93", 0),
		c("QX-03", classify.G1, evaluate.GradeA, "91", 0),
		c("QX-04", classify.G2, evaluate.GradeB, "84", roster.City),
		c("QX-05", classify.G3, evaluate.GradeC, "72.25", 0),
		c("QX-06", classify.G4, evaluate.GradeB, "88", roster.County),
		c("QX-07", classify.G4, evaluate.GradeD, "99", 0),
		c("QX-08", classify.G1, evaluate.GradeA, "91", 0),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, lr := range res.Lists {
		fmt.Printf("%s %s (%d seats), cut %s\n", lr.List.Label, lr.List.Tier().Label(), lr.List.Quota, lr.Cut.Score)
		for _, a := range lr.Admitted {
			fmt.Printf("  %d %s %s %s: %s\n", a.Rank, a.Candidate.Key, a.Candidate.Group.Label(), a.Candidate.Score, a.Reason.Label())
		}
		for _, e := range lr.HeldBack {
			fmt.Printf("  - %s: %s\n", e.Key, e.Reason.Label())
		}
		for _, tie := range lr.Cut.Ties {
			fmt.Printf("  tie %s, decided by %s\n", tie.Key, tie.DecidedBy.Label())
		}
	}
	// Output:
	// 南宁市 市级 (4 seats), cut 72.25
	//   1 QX-04 中介组织和社会组织从业人员 84: 职务优先入选
	//   2 QX-01 民营企业和外商投资企业管理技术人员 96.5: 按排序入选
	//   6 QX-06 新媒体从业人员 88: 群体覆盖名额入选
	//   7 QX-05 自由职业人员 72.25: 群体覆盖名额入选
	//   - QX-02: 名额留给群体覆盖
	//   - QX-03: 名额留给群体覆盖
	//   - QX-08: 名额已满
	//   - QX-07: 综合评价等次不能入选
	//   tie QX-08, decided by 登记编号
	// 青秀区 县区级 (2 seats), cut 91
	//   1 QX-02 民营企业和外商投资企业管理技术人员 93: 按排序入选
	//   2 QX-03 民营企业和外商投资企业管理技术人员 91: 按排序入选
	//   - QX-08: 名额已满
	//   - QX-01: 已列入市级名单
	//   - QX-04: 已列入市级名单
	//   - QX-05: 已列入市级名单
	//   - QX-06: 已列入市级名单
	//   - QX-07: 综合评价等次不能入选
	//   tie QX-08, decided by 登记编号
}

// Two rounds of the database: the first enters everyone; the second,
// a year later, removes one for a veto (剔除), keeps one who was not
// assessed with the last result, enters a newcomer who takes the city
// seat, and moves the one it displaced to the county list; the removal
// stays in the registry's history.
func ExampleRound() {
	rules := tier.Rules{
		Lists: []tier.List{
			{ID: "450100", Label: "南宁市", Quota: 1, PriorityLevel: roster.City},
			{ID: "450103", Label: "青秀区", Unit: "450103", Quota: 1, PriorityLevel: roster.County},
		},
		OneList: true,
		Grades:  []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC},
		Order:   []tier.SortKey{tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey},
	}
	person := func(key string, g classify.Group, gr evaluate.Grade, score string, asOf roster.Date) tier.Assessed {
		return tier.Assessed{Key: key, Unit: "450103", Group: g, Grade: gr, Score: decimal.RequireFromString(score),
			Standing: tier.StandingCandidate, Policy: "nanning-2019", AsOf: asOf}
	}
	day1, day2 := roster.NewDate(2024, 3, 1), roster.NewDate(2025, 3, 1)

	reg, _, err := tier.Round(nil, rules, []tier.Assessed{
		person("QX-01", classify.G1, evaluate.GradeA, "93", day1),
		person("QX-02", classify.G2, evaluate.GradeB, "85", day1),
		person("QX-03", classify.G4, evaluate.GradeC, "70", day1),
	}, day1)
	if err != nil {
		fmt.Println(err)
		return
	}
	vetoed := person("QX-02", classify.G2, evaluate.GradeD, "85", day2)
	vetoed.Standing, vetoed.Vetoes = tier.StandingRemoved, []string{"V2 失信被执行人"}
	reg, changes, err := tier.Round(reg, rules, []tier.Assessed{
		person("QX-01", classify.G1, evaluate.GradeA, "91", day2),
		vetoed,
		person("QX-04", classify.G3, evaluate.GradeA, "97", day2),
	}, day2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range changes.Items {
		fmt.Println(c)
	}
	for _, e := range reg.Entries() {
		if e.Status == tier.Removed {
			fmt.Println(e.Key, e.Status.Label(), e.RemovedOn, e.RemovedFor.Label(), e.Detail)
			continue
		}
		fmt.Println(e.Key, e.Status.Label(), e.Seat.Label(), e.List, e.Grade, e.Score, e.AssessedOn)
	}
	// Output:
	// QX-01 调整名单 450103：市级名单 450100 → 县区级名单 450103（按排序入选）
	// QX-02 剔除 450103：县区级名单 450103 → 不在库；一票否决：V2 失信被执行人
	// QX-03 未变动 450103：在库未列入名单 → 在库未列入名单（在库未列入名单）；名额已满；未参加本轮评价，沿用上次评价结果
	// QX-04 新入库 450103：不在库 → 市级名单 450100（按排序入选）
	// QX-01 在库 县区级名单 450103 A 91 2025-03-01
	// QX-02 已剔除 2025-03-01 一票否决 [V2 失信被执行人]
	// QX-03 在库 在库未列入名单  C 70 2024-03-01
	// QX-04 在库 市级名单 450100 A 97 2025-03-01
}

// A county-district's view reads its own people only, and says so when
// asked about another unit's.
func ExampleRegistry_View() {
	reg, err := tier.NewRegistry(roster.NewDate(2025, 3, 1), []tier.Row{
		{Key: "QX-01", Unit: "450103", Seat: tier.SeatCounty, List: "450103", Group: classify.G1, Grade: evaluate.GradeA,
			Score: decimal.RequireFromString("91"), AssessedOn: roster.NewDate(2025, 3, 1), Basis: tier.BasisRank,
			Since: roster.NewDate(2024, 3, 1), Status: tier.Active},
		{Key: "JN-01", Unit: "450105", Seat: tier.SeatNone, Group: classify.G4, Grade: evaluate.GradeB,
			Score: decimal.RequireFromString("82"), AssessedOn: roster.NewDate(2025, 3, 1), Basis: tier.BasisDatabase,
			Since: roster.NewDate(2025, 3, 1), Status: tier.Active},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	qx := reg.View("450103")
	for _, e := range qx.Entries() {
		fmt.Println(e.Key, e.Seat.Label())
	}
	_, err = qx.Get("JN-01")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tier.ErrScope))
	// Output:
	// QX-01 县区级名单
	// 记录 JN-01：所属单位 属于 450105，不在 450103 的范围内 (belongs to unit 450105, outside the scope of 450103)
	// true
}

// A registry written as CSV with Chinese headers reads back as it was.
func ExampleRegistry_WriteCSV() {
	reg, err := tier.NewRegistry(roster.NewDate(2025, 3, 1), []tier.Row{
		{Key: "QX-01", Unit: "450103", Seat: tier.SeatCity, List: "450100", Group: classify.G1, Grade: evaluate.GradeA,
			Score: decimal.RequireFromString("91.50"), Post: roster.City, AssessedOn: roster.NewDate(2025, 3, 1),
			Policy: "nanning-2019", Basis: tier.BasisPriority, Since: roster.NewDate(2024, 3, 1), Status: tier.Active},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := reg.WriteCSV(&buf); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(buf.String())
	back, err := tier.ReadCSV(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Entries()[0].Score, back.AsOf())
	// Output:
	// 登记编号,所属单位,名单,名单编号,群体,兼属群体,等次,综合得分,职务级别,评价日期,政策,版本校验码,入库理由,入库日期,状态,剔除日期,剔除理由,剔除说明,数据库日期
	// QX-01,450103,市级名单,450100,民营企业和外商投资企业管理技术人员,,A级,91.50,市级,2025-03-01,nanning-2019,,职务优先入选,2024-03-01,在库,,,,2025-03-01
	// 91.5 2025-03-01
}
