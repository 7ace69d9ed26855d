package roster_test

import (
	"fmt"

	"github.com/newstrata/newstrata/roster"
)

// Nanning is the default jurisdiction: the city, its 12 county-level
// units and 3 development zones, with the former code of 横州市 still
// recognised, and the departments that recommend people by sector.
func ExampleNanning() {
	j := roster.Nanning()
	fmt.Println(j.Code, j.Name, len(j.Units), len(j.Departments))
	u, _ := j.Unit("450127")
	fmt.Println(u.Code, u.Name, u.Kind, u.Kind.KeepsList())
	z, _ := j.Unit("4501A1")
	fmt.Println(z.Name, z.Kind, z.Kind.KeepsList(), z.Kind.MayKeepList())
	d, _ := j.Department("4501D01")
	fmt.Println(d.Name, d.Kind, d.Kind.MayKeepList())
	// Output:
	// 450100 南宁市 15 6
	// 450181 横州市 县级市 true
	// 南宁高新技术产业开发区 开发区 false true
	// 南宁市工商业联合会 市直部门 false
}

// A unit's name is dated: a list of 2019 prints 横县, one of today 横州市,
// whichever code the record gives.
func ExampleJurisdiction_UnitNameOn() {
	j := roster.Nanning()
	for _, day := range []roster.Date{roster.NewDate(2019, 4, 15), roster.NewDate(2021, 2, 28), roster.NewDate(2021, 3, 1)} {
		fmt.Println(day, j.UnitNameOn("450127", day), j.UnitNameOn("450181", day))
	}
	fmt.Println(j.UnitName("450127"))
	// Output:
	// 2019-04-15 横县 横县
	// 2021-02-28 横县 横县
	// 2021-03-01 横州市 横州市
	// 横州市
}

// A roster may name a unit or a department rather than give its code;
// Find gives the unit, and so its code.
func ExampleJurisdiction_Find() {
	j := roster.Nanning()
	for _, s := range []string{"宾阳县", "横县", "450127", "南宁市司法局", "市司法局"} {
		u, ok := j.Find(s)
		fmt.Println(s, u.Code, ok)
	}
	// Output:
	// 宾阳县 450126 true
	// 横县 450181 true
	// 450127 450181 true
	// 南宁市司法局 4501D03 true
	// 市司法局  false
}

// A jurisdiction is data: a development zone, which has no GB/T 2260 code,
// takes one of the jurisdiction's own.
func ExampleParseJurisdiction() {
	j, err := roster.ParseJurisdiction("zone.yaml", []byte(`
code: "450100"
name: 南宁市
units:
  - {code: "450103", name: 青秀区, kind: 市辖区}
  - {code: "4501A1", name: 南宁高新技术产业开发区, kind: 开发区}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(j.UnitName("4501A1"))
	_, err = roster.ParseJurisdiction("bad.yaml", []byte(`{code: "450100", name: 南宁市, units: [{code: "450103", name: 青秀区, kind: 街道}]}`))
	fmt.Println(err)
	// Output:
	// 南宁高新技术产业开发区
	// bad jurisdiction: bad.yaml: units[0]: kind "街道" is not one of 市辖区, 县, 县级市, 开发区
}

// Dates on the forms come in several spellings; a month stands for 出生年月.
func ExampleParseDate() {
	for _, s := range []string{"2019-04-15", "1985.3", "20190415", "2019-02-29"} {
		d, err := roster.ParseDate(s)
		fmt.Println(d, err)
	}
	// Output:
	// 2019-04-15 <nil>
	// 1985-03 <nil>
	// 2019-04-15 <nil>
	//  bad date: no such date between 1800 and 2999
}
