package classify_test

import (
	"fmt"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// Rules built in Go compile with the formula environment of the policy
// they belong to; here one of their own.
func ExampleCompile() {
	env, err := formula.NewEnv(formula.Config{Policy: "example"})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := classify.Compile(env, classify.Rules{
		Priority: []classify.Group{classify.G3, classify.G4, classify.G1, classify.G2},
		Screens: []classify.Rule{{ID: "N3", Name: "国有企业工作人员", Gives: classify.Conclusion{Outcome: classify.NotNewStrata},
			When: `EmployerKind == "国有企业"`, Reason: "在国有企业工作，不属于新的社会阶层人士。"}},
		Groups: []classify.Rule{{ID: "G1.2", Name: "民营企业专业技术人员", Gives: classify.InGroup(classify.G1),
			When: `EmployerKind == "民营企业" && Role == "专业技术"`, Reason: "受聘于民营企业，从事技术工作。"}},
		Otherwise: classify.Rule{ID: "N9", Name: "不属于四个群体", Gives: classify.Conclusion{Outcome: classify.NotNewStrata},
			Reason: "不符合四个群体中任何一个群体的条件。"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := (&roster.Record{Key: "NN-0001", EmployerKind: roster.PrivateEnterprise, Role: roster.Technical}).Facts(roster.Date{})
	res, err := c.Classify(&f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Outcome.Label(), res.Primary, res.Rule, f.Group)
	// Output:
	// 新的社会阶层人士 private and foreign-invested enterprise managers and technical staff G1.2 G1
}

// A policy's classifier puts a technician of a private new-media firm in
// G4, with G1 kept as a secondary group, by the baseline's priority.
func ExampleClassifier_Classify() {
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range []*roster.Record{
		{Key: "NN-0001", EmployerKind: roster.PrivateEnterprise, Role: roster.Technical, NewMedia: true},
		{Key: "NN-0002", EmployerKind: roster.NoEmployer, Occupation: "自由撰稿人"},
		{Key: "NN-0003", EmployerKind: roster.StateOwned, Role: roster.Management},
		{Key: "NN-0004", Role: roster.Management},
	} {
		f := r.Facts(roster.Date{})
		res, err := p.Classifier().Classify(&f)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %s %s %s %v: %s\n", r.Key, res.Outcome, res.Rule, res.Primary.Code(), res.Secondary, res.Reason)
	}
	// Output:
	// NN-0001 classified G4.3 G4 [private and foreign-invested enterprise managers and technical staff]: 以新媒体为平台或对象，从事技术研发工作，属于新媒体从业人员。
	// NN-0002 classified G3.1 G3 []: 无工作单位，以撰写、发表作品为主要收入来源，属于自由职业人员中的自由写作人员。
	// NN-0003 not new strata N3  []: 在国有企业工作，不属于新的社会阶层人士。
	// NN-0004 undetermined U1  []: 登记表未填写单位性质，无法判断是否属于新的社会阶层人士，请补填单位性质后重新分类。
}

// A county-district adds an occupation to a sub-kind in the classification
// section of its policy overlay; the baseline is unchanged.
func Example_overlay() {
	f, err := policy.Parse("450100", "qingxiu.yaml", []byte(`
id: qingxiu-2019
name: 青秀区
jurisdiction: "450103"
extends: nanning-2019
classification:
  add:
    groups:
      - id: QX.1
        name: 无人机驾驶员
        group: G3
        subkind: 技能型市场服务人员
        when: EmployerKind == "无工作单位" && Occupation == "无人机驾驶员"
        reason: 无工作单位，凭无人机驾驶技能提供服务，属于自由职业人员中的技能型市场服务人员。
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	base := policy.BaselineFile().Document
	d, err := f.Overlay.Apply(base)
	if err != nil {
		fmt.Println(err)
		return
	}
	facts := (&roster.Record{Key: "QX-0001", EmployerKind: roster.NoEmployer, Occupation: "无人机驾驶员"}).Facts(roster.Date{})
	for _, doc := range []*policy.Document{base, d} {
		p, err := policy.Compile(doc)
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := p.Classifier().Classify(&facts)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.ID(), res.Outcome.Label(), res.Rule, res.Primary.Code(), res.Subkind.Label())
	}
	// Output:
	// nanning-2019 无法判定 U3  自由职业人员类别(0)
	// qingxiu-2019 新的社会阶层人士 QX.1 G3 技能型市场服务人员
}
