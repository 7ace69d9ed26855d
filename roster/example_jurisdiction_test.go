package roster_test

import (
	"fmt"

	"github.com/newstrata/newstrata/roster"
)

// Nanning is the default jurisdiction: the city and its 12 county-level
// units, with the former code of 横州市 still recognised.
func ExampleNanning() {
	j := roster.Nanning()
	fmt.Println(j.Code, j.Name, len(j.Units))
	u, _ := j.Unit("450127")
	fmt.Println(u.Code, u.Name, u.Kind)
	// Output:
	// 450100 南宁市 12
	// 450181 横州市 县级市
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
