package classify_test

import (
	"errors"
	"fmt"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/roster"
)

// The baseline rules put a technician of a private new-media firm in G4,
// with G1 kept as a secondary group.
func ExampleNew() {
	c, err := classify.New(classify.Baseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{
		Key:          "NN-0001",
		EmployerKind: roster.PrivateEnterprise,
		Role:         roster.Technical,
		NewMedia:     true,
	}
	res, err := c.Classify(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Outcome.Label(), res.Primary.Label(), res.Rule)
	for _, g := range res.Secondary {
		fmt.Println("兼属:", g.Label())
	}
	fmt.Println(res.Reason)
	// Output:
	// 新的社会阶层人士 新媒体从业人员 G4.3
	// 兼属: 民营企业和外商投资企业管理技术人员
	// 以新媒体为平台或对象，从事技术研发工作，属于新媒体从业人员。
}

// A record without the data a classification needs is Undetermined, with
// the reason and the rule that said so.
func ExampleClassifier_Classify() {
	c, err := classify.New(classify.Baseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range []*roster.Record{
		{Key: "NN-0002", EmployerKind: roster.NoEmployer, Occupation: "自由撰稿人"},
		{Key: "NN-0003", EmployerKind: roster.StateOwned, Role: roster.Management},
		{Key: "NN-0004", Role: roster.Management},
	} {
		res, err := c.Classify(r)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %s %s: %s\n", r.Key, res.Outcome, res.Rule, res.Reason)
	}
	// Output:
	// NN-0002 classified G3.1: 无工作单位，以撰写、发表作品为主要收入来源，属于自由职业人员中的自由写作人员。
	// NN-0003 not new strata N3: 在国有企业工作，不属于新的社会阶层人士。
	// NN-0004 undetermined U1: 登记表未填写单位性质，无法判断是否属于新的社会阶层人士，请补填单位性质后重新分类。
}

// A county-district adds a sub-kind occupation of its own by an overlay of
// the baseline; the baseline itself is unchanged.
func ExampleParse_overlay() {
	overlay := []byte(`
extends: baseline
jurisdiction: "450103"
groups:
  - id: QX.1
    name: 无人机驾驶员
    group: G3
    subkind: 技能型市场服务人员
    when: EmployerKind == "无工作单位" && Occupation == "无人机驾驶员"
    reason: 无工作单位，凭无人机驾驶技能提供服务，属于自由职业人员中的技能型市场服务人员。
`)
	rules, err := classify.Parse("qingxiu.yaml", overlay)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roster.Record{Key: "QX-0001", EmployerKind: roster.NoEmployer, Occupation: "无人机驾驶员"}
	for _, rs := range []*classify.Rules{classify.Baseline(), rules} {
		c, err := classify.New(rs)
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := c.Classify(r)
		if err != nil {
			fmt.Println(err)
			return
		}
		if res.Outcome == classify.Classified {
			fmt.Println(res.Outcome.Label(), res.Rule, res.Primary.Label(), res.Subkind.Label())
			continue
		}
		fmt.Println(res.Outcome.Label(), res.Rule)
	}
	// Output:
	// 无法判定 U3
	// 新的社会阶层人士 QX.1 自由职业人员 技能型市场服务人员
}

// The baseline lists its groups' priority and, before the groups, the
// exclusions and the data a classification needs.
func ExampleBaseline() {
	rules := classify.Baseline()
	fmt.Print(rules.Jurisdiction(), " 优先顺序:")
	for _, g := range rules.Priority() {
		fmt.Print(" ", g.Code())
	}
	fmt.Println()
	for _, r := range rules.List() {
		if r.Step == classify.Screening {
			fmt.Println(r.ID, r.Name, r.Outcome.Label())
		}
	}
	// Output:
	// 450100 优先顺序: G3 G4 G1 G2
	// N1 党政机关工作人员 非新的社会阶层人士
	// N2 事业单位工作人员 非新的社会阶层人士
	// N3 国有企业工作人员 非新的社会阶层人士
	// N4 民营企业和外商投资企业出资人 非新的社会阶层人士
	// U1 单位性质未填写 无法判定
	// U2 单位性质为其他 无法判定
}

// An overlay replaces a rule by its id and disables another; the rules it
// extends are left as they were.
func ExampleRules_Extend() {
	base := classify.Baseline()
	county, err := base.Extend("county.yaml", []byte(`
extends: baseline
jurisdiction: "450123"
replace:
  - id: G4.4
    name: 网络意见人士
    group: G4
    yields: true
    when: NewMedia && Followers >= 50000
    reason: 以新媒体为平台发表意见，主要账号粉丝在五万以上，属于网络意见人士。
disable: [U2]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rules := range []*classify.Rules{base, county} {
		r, _ := rules.Lookup("G4.4")
		_, hasU2 := rules.Lookup("U2")
		fmt.Printf("%s: %s (%s:%d); U2 %v\n", rules.Jurisdiction(), r.When, r.File, r.Line, hasU2)
	}
	// Output:
	// 450100: NewMedia && Followers >= 100000 (classify/baseline.yaml:194); U2 true
	// 450123: NewMedia && Followers >= 50000 (county.yaml:5); U2 false
}

// A formula that does not compile is reported by New at its place in the
// rules file, with the compiler's message and a caret under the fault.
func ExampleNew_formulaError() {
	rules, err := classify.Parse("county.yaml", []byte(`extends: baseline
jurisdiction: "450123"
groups:
  - id: C1
    name: 民营企业技术人员
    group: G1
    when: EmployerKind == "民营企业" && Role == 专业技术
    reason: 受聘于民营企业，从事技术工作。
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = classify.New(rules)
	fmt.Println(errors.Is(err, classify.ErrFormula))
	fmt.Println(err)
	// Output:
	// true
	// county.yaml:7:45: 450123 规则 C1：公式错误：unknown name 专业技术
	//  | EmployerKind == "民营企业" && Role == 专业技术
	//  | ..................................^
}
