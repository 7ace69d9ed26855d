package formula_test

import (
	"fmt"

	"github.com/newstrata/newstrata/formula"
)

// A formula's worst-case cost is estimated when it compiles; one over the
// budget is refused with its estimate.
func ExampleProgram_Cost() {
	env, err := formula.NewEnv(formula.Config{Policy: "qingxiu-2019", MaxCost: 5000})
	if err != nil {
		panic(err)
	}
	p, err := env.Compile("A3", `count(Awards, .Level == "省级")`, formula.Number, formula.Position{})
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Cost())
	_, err = env.Compile("A4", `count(Awards, count(Awards, .Level == "省级") > 1)`, formula.Number, formula.Position{})
	fmt.Println(err)
	// Output:
	// 1202
	// 1:1: 政策 qingxiu-2019：规则 A4：公式最坏情况下的计算代价估计为 122502，超过上限 5000；请缩小范围或减少嵌套 (rule A4: the formula's worst-case cost is estimated at 122502, more than the 5000 allowed; narrow its ranges or nest fewer loops)
	//  | count(Awards, count(Awards, .Level == "省级") > 1)
	//  | ^
}
