package roster_test

import (
	"errors"
	"fmt"

	"github.com/newstrata/newstrata/roster"
)

// A caller with one cell rather than a roster finds its field by the
// column's title, or any spelling of it, and reads the cell as the Reader
// would. A refusal names the field and what it should hold, never the cell.
func ExampleFieldByTitle() {
	var r roster.Record
	for _, c := range []struct{ title, cell string }{
		{"从业年限", "7"},
		{"身份证号码", "450103198503141230"},
		{"出资人", "是"},
		{"粉丝数", "450103198503141230"}, // an ID typed into the wrong column
	} {
		f, ok := roster.FieldByTitle(c.title)
		if !ok {
			fmt.Println(c.title, "is not on the form")
			continue
		}
		if err := f.Set(&r, c.cell); err != nil {
			fmt.Println(err)
			fmt.Println(errors.Is(err, roster.ErrBadCell))
			continue
		}
		fmt.Printf("%s (%s) set\n", f.Title(), f.Name())
	}
	fmt.Println(r.FieldYears, r.Investor)
	// Output:
	// 从业年限 (FieldYears) set
	// 公民身份号码 (CitizenID) set
	// 是否出资人 (Investor) set
	// 粉丝数：超出范围，应填 0 到 2147483647 之间的整数 (粉丝数: number out of range)
	// true
	// 7 true
}

func ExampleField_Format() {
	f, _ := roster.FieldByTitle("是否出资人")
	cell, err := f.Format(&roster.Record{Investor: true})
	fmt.Println(cell, err)
	// Output: 是 <nil>
}

func ExampleFields() {
	for _, f := range roster.Fields()[:5] {
		fmt.Println(f.Title(), f.Name(), f.Required(), f.Aliases())
	}
	// Output:
	// 登记编号 Key true [登记号]
	// 所属单位 Unit true [所属县区]
	// 推荐单位 RecommendedBy false []
	// 姓名 Name true []
	// 性别 Sex false []
}

// One person registered under two numbers: the later record is reported,
// by position and registration number, never by the citizen ID.
func ExampleDuplicateIDs() {
	batch := []*roster.Record{
		{Key: "NN-1", CitizenID: "45010319850314102X"},
		{Key: "NN-2", CitizenID: "450103198503141230"},
		{Key: "NN-3", CitizenID: "45010319850314102x"},
	}
	for _, err := range roster.DuplicateIDs(batch) {
		fmt.Println(err)
		fmt.Println(errors.Is(err, roster.ErrDuplicateID))
	}
	// Output:
	// 第 3 条记录（登记编号 NN-3）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 3 (NN-3) has the citizen ID of record 1 (NN-1))
	// true
}
