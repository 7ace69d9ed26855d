package policytest_test

import (
	"fmt"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/policytest"
)

// Pin a policy with cases its staff write, and see what no longer holds.
func ExampleSuite_Run() {
	const cases = `policy: nanning-2019
date: 2019-04-15
examples:
  样例甲:
    出生年月: 1985-03
    政治可靠: 是
    学历: 大学本科
    单位性质: 民营企业
    岗位类别: 经营管理
    从业年限: 6
    在本地工作或居住: 是
    行业影响力评价: 良好
cases:
  - name: 符合资格条件
    example: 样例甲
    qualified: true
    points: {A1: 6, A2: 6, S2: 6}
    total: 18
  - name: 从业不满三年
    example: 样例甲
    set: {从业年限: 2}
    failed: [Q6]
    points: {A2: 3}
`
	suite, err := policytest.Parse("nanning-2019_cases.yaml", []byte(cases))
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := policy.Baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(suite.Run(a, p))
	// Output:
	// nanning-2019_cases.yaml:23:18: 从业不满三年: A2 从业经历 期望 3，实际 2 (want 3, got 2)
	// nanning-2019_cases.yaml：政策 nanning-2019，用例 2 个，通过 1 个，不符 1 处，检查 7 项 (2 cases, 1 passed, 1 mismatches, 7 checks)
}

// A mistake in a cases file is reported at its line and column.
func ExampleParse() {
	_, err := policytest.Parse("qingxiu-2019_cases.yaml", []byte(`cases:
  - name: 出生年月写错
    record: {出生年月: 1985年春}
    qualifed: true
`))
	fmt.Println(err)
	// Output:
	// qingxiu-2019_cases.yaml:3:20: 用例「出生年月写错」：出生年月：日期无法识别，应写作 2006-01-02 或 2006-01 (bad date)
	// qingxiu-2019_cases.yaml:4:5: 未知字段 "qualifed"，是不是 "qualified"？ (unknown field "qualifed"; did you mean "qualified"?)
}
