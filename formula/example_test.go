package formula_test

import (
	"errors"
	"fmt"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
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

// A stage runs its formulas on a record together: the numbers and the
// booleans come back in the order of the programs of each kind, and an
// error names how many ran before the one that failed.
func ExampleStage() {
	env, err := formula.NewEnv(formula.Config{Policy: "qingxiu-2019"})
	if err != nil {
		panic(err)
	}
	var progs []*formula.Program
	for _, r := range []struct {
		id, src string
		kind    formula.Kind
	}{
		{"C1", `Age >= 18 && Age <= 60`, formula.Predicate},
		{"S1", `min(TrainingHours / 4, 5)`, formula.Number},
		{"S2", `points(PoliticalRating, {"优秀": 15, "良好": 12})`, formula.Number},
		{"V1", `Seats[0].Level == "市级"`, formula.Predicate},
	} {
		p, err := env.Compile(r.id, r.src, r.kind, formula.Position{})
		if err != nil {
			panic(err)
		}
		progs = append(progs, p)
	}
	b := formula.NewStage(progs...)
	numbers, bools := make([]formula.Fixed, b.Numbers()), make([]bool, b.Bools())

	f := &roster.Facts{Key: "NN-0001", Age: 41, TrainingHours: 10, PoliticalRating: "良好",
		Seats: []roster.SeatFacts{{Body: "人大代表", Level: "市级"}}}
	n, err := b.Run(f, numbers, bools)
	fmt.Println(n, err, numbers, bools)

	f.Seats = nil
	n, err = b.Run(f, numbers, bools)
	fmt.Println(n, progs[n].Rule(), errors.Is(err, formula.ErrRuntime))
	// Output:
	// 4 <nil> [2.5 12] [true true]
	// 3 V1 true
}
