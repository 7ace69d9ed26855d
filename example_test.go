package newstrata_test

import (
	"context"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"io"
	"strings"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// Two people of 青秀区 as a roster CSV holds them: a manager of a private
// firm, and an editor of a new-media firm who is a CPC member.
const twoPeople = `登记编号,所属单位,姓名,性别,民族,出生年月,公民身份号码,政治面貌,政治可靠,政治立场评价,学历,职称级别,单位性质,岗位类别,从业年限,新媒体从业,粉丝数,在本地工作或居住,统战社会组织职务,获奖情况,培训情况,行业影响力评价,公益捐赠（万元）,带动就业人数,建言献策采纳数,活动出勤率
NN-450103-00001,450103,李测试0001,男,汉族,1985-03-12,450103198503120018,群众,是,优秀,大学本科,中级,民营企业,经营管理,7,否,0,是,社会组织|南宁市测试电子商务协会|副会长|市级|是,广西优秀民营企业家|省级|2018,新的社会阶层人士培训班|2018-06-01|36,优秀,6,100,4,90%
NN-450103-00002,450103,黄测试0002,女,壮族,1990-07-08,450103199007080023,中共党员,是,良好,研究生,,民营企业,采编,4,是,250000,是,,,,,,,,0.5
`

func readTwo() []*roster.Record {
	batch, err := roster.NewReader(strings.NewReader(twoPeople)).ReadAll()
	if err != nil || len(batch.Errors) > 0 {
		panic(fmt.Sprint(err, batch.Errors))
	}
	return batch.Records
}

// Assess a roster under the embedded Nanning baseline: every record is
// validated, classified, qualified and evaluated on the date given.
func Example() {
	records := readTwo()
	a, err := newstrata.New(newstrata.Config{}) // Nanning, baseline rules and policy
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := a.AssessAll(context.Background(), records, roster.NewDate(2019, 4, 15), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, as := range res.Assessments {
		fmt.Printf("%s %s %s %s %s\n", as.Key, as.Classification.Primary.Code(),
			as.Status.Label(), as.Evaluation.Total, as.Evaluation.Grade.Code())
		for _, c := range as.Qualification.Failures() {
			fmt.Printf("  %s %s\n", c.ID, c.Reason)
		}
	}
	fmt.Println("rejected:", len(res.Rejected))
	// Output:
	// NN-450103-00001 G1 入库候选 81.5 B
	// NN-450103-00002 G4 不符合资格条件 32.5 D
	//   Q3 中共党员（含预备党员）不属于党外代表人士
	// rejected: 0
}

// Assess a roster as it is read, one record at a time, so that a roster of
// any size is never held whole: each outcome comes in the order of the
// roster, and the loop may stop at any point.
func ExampleAssessor_Stream() {
	rd := roster.NewReader(strings.NewReader(twoPeople)) // an *os.File, a network stream ...
	var readErr error
	records := func(yield func(*roster.Record) bool) {
		for {
			r, err := rd.Read()
			if err != nil {
				if err != io.EOF {
					readErr = err // this example stops at a row it cannot read
				}
				return
			}
			if !yield(r) {
				return
			}
		}
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := a.Stream(context.Background(), records, roster.NewDate(2019, 4, 15), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for as, rej := range s.All() {
		if rej != nil {
			fmt.Println("rejected:", rej.Index, rej.Err)
			continue
		}
		fmt.Println(as.Index, as.Key, as.Status.Label(), as.Evaluation.Grade.Code())
	}
	if err := s.Err(); err != nil { // a cancelled context: how far it got
		fmt.Println(err)
		return
	}
	if readErr != nil {
		fmt.Println(readErr)
		return
	}
	sum := s.Summary()
	fmt.Printf("%d records: %d assessed, %d rejected\n", sum.Records, sum.Assessed, sum.Rejected)
	// Output:
	// 0 NN-450103-00001 入库候选 B
	// 1 NN-450103-00002 不符合资格条件 D
	// 2 records: 2 assessed, 0 rejected
}

// See what a county-district's overlay would do before adopting it.
func ExampleAssessor_Compare() {
	const overlay = `id: qingxiu-2019
extends: nanning-2019
jurisdiction: "450103"
indicators:
  change:
    - id: A2
      formula: FieldYears / 2   # 从业经历 每年 0.5 分
grades:
  - {grade: A, from: 88, to: 100}
  - {grade: B, from: 80, to: 88}
  - {grade: C, from: 60, to: 80}
  - {grade: D, from: 0, to: 60, removed: true}
`
	file, err := policy.Parse("450103", "qingxiu-2019.yaml", []byte(overlay)) // 青秀区 hands it in
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{file}, policy.WithBaseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	asOf := roster.NewDate(2019, 4, 15)
	base, _ := set.Policy(policy.BaselineID)
	next, err := set.For("450103", asOf)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		fmt.Println(err)
		return
	}
	im, err := a.Compare(context.Background(), base, next, a.Prepare(readTwo(), asOf))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(im.Base, "→", im.Next)
	for _, s := range im.Shifts {
		fmt.Printf("%s %s %s → %s %s\n", s.Key, s.Before.Grade.Code(), s.Before.Total, s.After.Grade.Code(), s.After.Total)
	}
	for _, g := range []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC, evaluate.GradeD} {
		fmt.Printf("%s %d → %d\n", g.Label(), im.Before.Grades[g], im.After.Grades[g])
	}
	// Output:
	// nanning-2019 → qingxiu-2019
	// NN-450103-00001 B 81.5 → C 78
	// NN-450103-00002 D 32.5 → D 30.5
	// A级 0 → 0
	// B级 1 → 0
	// C级 0 → 1
	// D级 1 → 1
}

// Assess a record under a policy that is not (yet) in force for its unit.
func ExampleAssessor_AssessUnder() {
	file, err := policy.Parse("450103", "draft.yaml", []byte(`id: draft-2019
extends: nanning-2019
jurisdiction: "450103"
indicators:
  change:
    - {id: C1, points: 10}   # 公益慈善 8 → 10
    - {id: C2, points: 5}    # 带动就业 7 → 5
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{file}, policy.WithBaseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		fmt.Println(err)
		return
	}
	draft, _ := set.Policy("draft-2019")
	as, err := a.AssessUnder(draft, readTwo()[0], roster.NewDate(2019, 4, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"C1", "C2"} {
		in, _ := as.Evaluation.Indicator(id)
		fmt.Printf("%s %s %s/%s\n", in.ID, in.Name, in.Score, in.Points)
	}
	fmt.Println(as.Evaluation.Policy, as.Evaluation.Total, as.Evaluation.Grade.Code())
	// Output:
	// C1 公益慈善 3/10
	// C2 带动就业 5/5
	// draft-2019 81.5 B
}
