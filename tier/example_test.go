package tier_test

import (
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

// The reference rules for Nanning: a city list of 200 and a list of 50
// for each of its 12 county-level units.
func ExampleBaseline() {
	r := tier.Baseline(roster.Nanning())
	fmt.Println(len(r.Lists), r.OneList, r.Lists[0].Quota, r.Lists[0].Minimum(classify.G3), r.Lists[1].Quota, r.Lists[1].Minimum(classify.G3))
	for _, k := range r.Order {
		fmt.Print(k.Label(), " ")
	}
	fmt.Println()
	// Output:
	// 13 true 200 20 50 5
	// 职务优先 综合评价等次 综合评价得分 职务级别 登记编号
}
