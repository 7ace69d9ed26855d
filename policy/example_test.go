package policy_test

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/qualify"
	"testing/fstest"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// A county-district's overlay of the city's rules, as a clerk writes it.
const qingxiuYAML = `
id: qingxiu-2019
name: 青秀区新的社会阶层代表人士综合评价指标体系
jurisdiction: "450103"
extends: nanning-2019
inputs:
  - {id: rural, label: 乡村振兴贡献（万元）, type: decimal, min: 0}
indicators:
  change:
    - {id: C2, points: 5}
  add:
    - {parent: C, id: C3, name: 乡村振兴贡献, points: 2, formula: In.rural / 5}
grades:
  - {grade: A, from: 85, to: 100}
  - {grade: B, from: 75, to: 85}
  - {grade: C, from: 60, to: 75}
  - {grade: D, from: 0, to: 60, removed: true}
`

func ExampleNewSet() {
	f, err := policy.Parse("450103", "qingxiu.yaml", []byte(qingxiuYAML))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	day := roster.NewDate(2024, 3, 1)
	for _, unit := range []string{"450103", "450105"} {
		p, err := set.For(unit, day)
		if err != nil {
			fmt.Println(err)
			continue
		}
		g := p.Evaluator().Grade(decimal.RequireFromString("86"))
		fmt.Printf("%s: %s, 86 points is grade %s\n", unit, p.ID(), g.Code())
	}
	_, err = set.For("450103", roster.NewDate(2018, 1, 1))
	fmt.Println(errors.Is(err, policy.ErrNoPolicy), err)
	// Output:
	// 450103: qingxiu-2019, 86 points is grade A
	// 450105: nanning-2019, 86 points is grade B
	// true 青秀区（450103）在 2018-01-01 没有生效的政策 (no policy in force: 青秀区 (450103) on 2018-01-01)
}

func ExampleLoadFS() {
	fsys := fstest.MapFS{
		"policies/qingxiu.yaml": {Data: []byte(qingxiuYAML)},
		"policies/broken.yaml":  {Data: []byte("id: broken\nextends: qingxiu-2019\njurisdiction: \"450103\"\nindicators:\n  disable: [C4]\n")},
	}
	_, err := policy.LoadFS(roster.Nanning(), "450103", fsys, "policies", policy.WithBaseline())
	fmt.Println(err)
	// Output:
	// policies/broken.yaml:5:13: 政策 broken：indicators.disable：qingxiu-2019 中没有指标 "C4" (indicators.disable: indicator "C4" does not exist in qingxiu-2019)
}

func ExampleCompile() {
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	p, err := policy.Compile(&policy.Document{
		ID: "zone-2024", Name: "开发区评价指标体系", Jurisdiction: "450100",
		ValidFrom: roster.NewDate(2024, 1, 1),
		Conditions: []qualify.Condition{
			{ID: "Q1", Name: "党外人士", Kind: qualify.Hard, Formula: "not CPC"},
		},
		Scheme: evaluate.Scheme{
			Total:    d("10"),
			Rounding: evaluate.Rounding{Places: 2, Mode: evaluate.HalfUp},
			Indicators: []evaluate.Indicator{{
				ID: "C", Name: "社会贡献", Points: d("10"),
				Children: []evaluate.Indicator{
					{ID: "C1", Name: "带动就业", Points: d("10"), Formula: "JobsCreated / 30"},
				},
			}},
			VetoGrade: evaluate.GradeD,
			Grades: []evaluate.Band{
				{Grade: evaluate.GradeA, From: d("8"), To: d("10")},
				{Grade: evaluate.GradeD, From: d("0"), To: d("8"), Removed: true},
			},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := p.Evaluator().Evaluate(&roster.Facts{JobsCreated: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Dimensions() {
		for _, in := range d.Indicators {
			fmt.Printf("%s %s: %s of %s\n", in.ID, in.Name, in.Score, in.Points)
		}
	}
	// Output:
	// C1 带动就业: 3.33 of 10
}

func ExampleWithFunctions() {
	// A jurisdiction lets its formulas call seniority(years): half a point
	// a year up to ten years, a point a year after.
	seniority := policy.Func{
		Name: "seniority",
		Fn: func(params ...any) (any, error) {
			years := decimal.NewFromInt(int64(params[0].(int)))
			ten := decimal.NewFromInt(10)
			if years.LessThanOrEqual(ten) {
				return years.Div(decimal.NewFromInt(2)), nil
			}
			return years.Sub(ten).Add(decimal.NewFromInt(5)), nil
		},
		Types: []any{new(func(int) decimal.Decimal)},
	}
	o := &policy.Overlay{
		ID: "xixiangtang-2019", Name: "西乡塘区评价指标体系", Jurisdiction: "450107", Extends: policy.BaselineID,
		Indicators: policy.IndicatorChanges{Change: []policy.IndicatorChange{
			{ID: "A2", Formula: ptr("seniority(FieldYears)")},
		}},
	}
	doc, err := o.Apply(policy.BaselineFile().Document)
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := policy.Compile(doc); err != nil {
		fmt.Println("without the function:", err)
	}
	p, err := policy.Compile(doc, policy.WithFunctions(seniority))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, years := range []int{4, 12} {
		res, err := p.Evaluator().Evaluate(&roster.Facts{FieldYears: years})
		if err != nil {
			fmt.Println(err)
			return
		}
		a2, _ := res.Indicator("A2")
		fmt.Printf("%d years: %s\n", years, a2.Raw)
	}
	// Output:
	// without the function: 1:1: 政策 xixiangtang-2019：规则 A2：公式类型错误 (rule A2: unknown name seniority)
	//  | seniority(FieldYears)
	//  | ^
	// 4 years: 2
	// 12 years: 7
}

func ExampleDiff() {
	f, err := policy.Parse("450103", "qingxiu.yaml", []byte(qingxiuYAML))
	if err != nil {
		fmt.Println(err)
		return
	}
	base := policy.BaselineFile().Document
	next, err := f.Overlay.Apply(base)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range policy.Diff(base, next) {
		fmt.Println(c.Text)
	}
	// Output:
	// 名称：南宁市新的社会阶层代表人士资格条件与综合评价指标体系（参考基线） → 青秀区新的社会阶层代表人士综合评价指标体系 (name changed)
	// 适用地区：450100 → 450103 (jurisdiction 450100 → 450103)
	// 新增输入项 rural 乡村振兴贡献（万元）：小数，最小 0 (input declared: decimal, min 0)
	// 指标 C2 带动就业：分值 7 → 5 (points 7 → 5)
	// 新增指标 C3 乡村振兴贡献（属于 C 社会贡献），分值 2，公式 In.rural / 5 (indicator added under C, points 2)
	// 等次 A：90–100 → 85–100 (band 90–100 → 85–100)
	// 等次 B：80–90 → 75–85 (band 80–90 → 75–85)
	// 等次 C：60–80 → 60–75 (band 60–80 → 60–75)
}

func ExamplePolicy_Facts() {
	f, err := policy.Parse("450103", "qingxiu.yaml", []byte(qingxiuYAML))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := set.Policy("qingxiu-2019")
	asOf := roster.NewDate(2024, 3, 1)
	for _, r := range []*roster.Record{
		{Key: "QX-0001", Unit: "450103", Extra: map[string]any{"rural": "3.5"}}, // as read from a CSV cell
		{Key: "QX-0002", Unit: "450103"},
	} {
		facts, err := p.Facts(r, asOf)
		if err != nil {
			fmt.Println(errors.Is(err, policy.ErrInput), err)
			continue
		}
		fmt.Println(r.Key, facts.In["rural"])
	}
	// Output:
	// QX-0001 3.5
	// true 记录 QX-0002：输入项 rural（乡村振兴贡献（万元））缺失 (missing)
}

// A county-district's file may change only what the city's locks leave to
// it: 青秀区 may not make the hard condition Q6 (three years in the field)
// soft until the city's own policy lets it. Who hands the file in is the
// caller's word (the account of the upload), never the file's.
func ExampleParse_locks() {
	overlay := []byte(`id: qingxiu-2019
name: 青秀区
jurisdiction: "450103"
extends: nanning-2019
conditions:
  change:
    - {id: Q6, kind: soft}
`)
	f, err := policy.Parse("450103", "qingxiu.yaml", overlay) // 青秀区 hands it in
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	var pe *formula.Error
	var lock policy.Lock
	if errors.As(err, &pe) && errors.As(err, &lock) {
		fmt.Println(errors.Is(err, policy.ErrLocked), pe.Position, lock.Label())
	}

	// The city lets its units relax Q6, in a version of its own.
	city, err := policy.Parse("450100", "city.yaml", []byte(`id: city-2019
name: 南宁市
jurisdiction: "450100"
extends: nanning-2019
locks:
  relax: [Q6]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ = policy.Parse("450103", "qingxiu.yaml", bytes.Replace(overlay, []byte("extends: nanning-2019"), []byte("extends: city-2019"), 1))
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{city, f}, policy.WithBaseline())
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := set.For("450103", roster.NewDate(2024, 3, 1))
	fmt.Println(p.ID())
	// Output:
	// true qingxiu.yaml:7:8 市级资格条件只能从严，不能放宽、修改或删除
	// qingxiu-2019
}
