package qualify_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
)

// A renowned calligrapher (G3) of 63 with no college degree fails the two
// soft conditions of the reference baseline; the approving unit waives
// both, with its reasons, and the person qualifies.
func ExampleConditions_Check() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{
		Key:        "NN-450102-00007",
		Unit:       "450102",
		BirthDate:  roster.NewDate(1956, 2, 1),
		Politics:   roster.NonParty,
		Reliable:   true,
		Education:  roster.HighSchool,
		FieldYears: 35,
		Local:      true,
		Awards:     []roster.Award{{Name: "自治区书法大展一等奖", Level: roster.Provincial, Year: 2017}},
	}
	f, err := p.Facts(r, roster.NewDate(2019, 6, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Group = "G3" // as classification gave it

	res, err := p.Conditions().Check(&f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("qualified:", res.Qualified)
	for _, c := range res.Failures() {
		fmt.Printf("  %s (%s) %s: %s\n", c.ID, c.Kind.Label(), c.Outcome.Label(), c.Reason)
	}

	res, err = p.Conditions().Check(&f,
		qualify.Waiver{Condition: "Q4", Reason: "书法界代表人物，特别优秀", ApprovedBy: "兴宁区委统战部", Date: roster.NewDate(2019, 4, 10)},
		qualify.Waiver{Condition: "Q5", Reason: "自治区书法家协会副主席", ApprovedBy: "兴宁区委统战部", Date: roster.NewDate(2019, 4, 10)},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("qualified:", res.Qualified)
	for _, c := range res.Verdicts() {
		if c.Outcome != qualify.Met {
			fmt.Printf("  %s %s: %s\n", c.ID, c.Outcome.Label(), c.Reason)
		}
	}
	// Output:
	// qualified: false
	//   Q4 (可放宽条件) 不符合: 年龄不在25至60周岁之间
	//   Q5 (可放宽条件) 不符合: 学历低于大专且无中级及以上职称
	// qualified: true
	//   Q4 放宽: 书法界代表人物，特别优秀
	//   Q5 放宽: 自治区书法家协会副主席
}

// Explain shows every condition and, for a waived one, why, who granted the
// waiver and when.
func ExampleResult_Explain() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{
		Key: "NN-450102-00007", Unit: "450102", BirthDate: roster.NewDate(1956, 2, 1),
		Politics: roster.NonParty, Reliable: true, Education: roster.Postgraduate, FieldYears: 35, Local: true,
		Awards: []roster.Award{{Name: "自治区书法大展一等奖", Level: roster.Provincial, Year: 2017}},
	}
	f, err := p.Facts(r, roster.NewDate(2019, 6, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Group = "G3" // as classification gave it
	res, err := p.Conditions().Check(&f, qualify.Waiver{Condition: "Q4", Reason: "书法界代表人物，特别优秀", ApprovedBy: "兴宁区委统战部", Date: roster.NewDate(2019, 4, 10)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := res.Explain(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 记录 NN-450102-00007 资格审查（政策 nanning-2019，评价基准日 2019-06-15）：符合资格条件
	//   Q1 属于新的社会阶层四个群体之一（刚性条件）：符合
	//   Q2 政治可靠，拥护中国共产党的领导（推荐单位认定）（刚性条件）：符合
	//   Q3 党外人士（刚性条件）：符合
	//   Q4 年龄在25至60周岁之间（以评价基准日为准）（可放宽条件）：放宽；放宽理由：书法界代表人物，特别优秀；审批单位：兴宁区委统战部；审批日期：2019-04-10
	//   Q5 大专及以上学历或中级及以上专业技术职称（可放宽条件）：符合
	//   Q6 在本领域从业3年以上（刚性条件）：符合
	//   Q7 在本地工作或居住（刚性条件）：符合
	//   Q8 遵纪守法：无刑事处罚，非失信被执行人，无重大税收违法（刚性条件）：符合
	//   Q9 具有代表性：人大政协职务、统战或社会组织负责人、县级以上表彰或行业影响力良好以上（刚性条件）：符合
}

// Only soft conditions can be waived, and only with a reason.
func ExampleConditions_Check_hardCondition() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := p.Facts(&roster.Record{Key: "NN-450102-00008", FieldYears: 2}, roster.NewDate(2019, 6, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	f.Group = "G1"
	_, err = p.Conditions().Check(&f, qualify.Waiver{Condition: "Q6", Reason: "行业新秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, qualify.ErrWaiver))
	// Output:
	// 记录 NN-450102-00008：资格条件 Q6：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)
	// true
}
