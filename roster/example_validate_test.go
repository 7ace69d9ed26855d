package roster_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// asOf is the assessment date of the examples.
var asOf = roster.NewDate(2026, time.June, 30)

// record returns the form of a man born in March 1985, kept by 横州市 under
// its former code.
func record() *roster.Record {
	zhuang, _ := roster.ParseEthnicity("壮族")
	return &roster.Record{
		Key:          "NN-000123",
		Unit:         "450127",
		Name:         "李明",
		Sex:          roster.Male,
		Ethnicity:    zhuang,
		BirthDate:    roster.NewDate(1985, time.March, 0),
		CitizenID:    "450103198503141230",
		Phone:        "0771-5612345",
		Politics:     roster.NonParty,
		Education:    roster.Undergraduate,
		EmployerKind: roster.PrivateEnterprise,
		Attendance:   decimal.RequireFromString("0.8"),
	}
}

// Build a Validator once and keep it: each call takes its assessment date.
func ExampleNewValidator() {
	v, err := roster.NewValidator(roster.Nanning())
	if err != nil {
		fmt.Println(err)
		return
	}
	r := record()
	r.WorkStart = roster.NewDate(2026, time.July, 1)
	fmt.Println(v.Validate(r, asOf))
	fmt.Println(v.Validate(r, roster.NewDate(2026, time.December, 31)))
	// Output:
	// 记录 NN-000123：参加工作时间不能晚于评价基准日2026-06-30 (work start date must not be after the assessment date 2026-06-30)
	// <nil>
}

func ExampleValidator_Validate() {
	v, err := roster.NewValidator(roster.Nanning())
	if err != nil {
		fmt.Println(err)
		return
	}
	r := record()
	r.Sex = roster.Female
	r.Phone = "5612345"
	r.Attendance = decimal.RequireFromString("1.2")
	r.Seats = []roster.Seat{{Body: roster.CPPCC, Level: roster.City}, {Body: roster.NPC}}

	err = v.Validate(r, asOf)
	fmt.Println(err)
	fmt.Println(errors.Is(err, roster.ErrInvalidRecord))
	var re *roster.RecordError
	if errors.As(err, &re) {
		for _, p := range re.Problems {
			fmt.Printf("%s %s %s\n", p.Field, p.Label, p.Tag)
		}
	}
	// Output:
	// 记录 NN-000123：性别与公民身份号码不符 (sex does not match the citizen ID)
	// 记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)
	// 记录 NN-000123：政协/人大级别（第 2 项）为必填字段 (seat level (item 2) is a required field)
	// 记录 NN-000123：活动出勤率必须小于或等于1 (attendance rate must be 1 or less)
	// true
	// Sex 性别 idsex
	// Phone 联系电话 phone
	// Seats[1].Level 政协/人大级别 required
	// Attendance 活动出勤率 dlte
}

func ExampleValidator_ValidateAt() {
	v, err := roster.NewValidator(roster.Nanning())
	if err != nil {
		fmt.Println(err)
		return
	}
	batch := []*roster.Record{record(), record()}
	batch[1].Key = ""
	batch[1].CitizenID = "45010319850314123" // a digit short
	for i, r := range batch {
		if err := v.ValidateAt(r, i, asOf); err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// 第 2 条记录：登记编号为必填字段 (registration number is a required field)
	// 第 2 条记录：公民身份号码应为18位，实为17位 (citizen ID must have 18 characters, has 17)
}

func ExampleParseCitizenID() {
	id, err := roster.ParseCitizenID("45010319850314102x")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.Area(), id.BirthDate(), id.Sex().Label())

	// The example of GB 11643-1999 itself.
	id, _ = roster.ParseCitizenID("11010519491231002X")
	fmt.Println(id.Area(), id.BirthDate(), id.Sex().Label())

	for _, s := range []string{"450103199902301235", " 45010319850314102X", "４５０１０３１９８５０３１４１０２Ｘ"} {
		_, err = roster.ParseCitizenID(s)
		fmt.Println(err, errors.Is(err, roster.ErrCitizenID))
	}
	// Output:
	// 450103 1985-03-14 女性
	// 110105 1949-12-31 女性
	// invalid citizen ID: birth date does not exist true
	// invalid citizen ID: holds white space or an invisible character true
	// invalid citizen ID: character 1 is full-width; write it in ASCII true
}
