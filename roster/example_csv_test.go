package roster_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/newstrata/newstrata/roster"
)

func ExampleNewReader() {
	const data = `登记编号,所属单位,姓名,性别,民族,政治面貌,获奖情况,公益捐赠（万元）
NN-450103-00001,450103,李测试0001,男,壮族,民盟盟员,南宁市优秀青年|市级|2021,12.50
NN-450103-00002,450103,黄测试0002,女,火星族,群众,,
NN-450103-00003,450103,韦测试0003,女,汉族,无党派人士,,0.8
`
	batch, err := roster.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, r := range batch.Records {
		fmt.Printf("line %d: %s %s %s %s %s, %d award(s), donated %s 万元\n",
			batch.Lines[i], r.Key, r.Name, r.Sex.Label(), r.Ethnicity.Label(), r.Politics.Label(), len(r.Awards), r.Donations)
	}
	for _, e := range batch.Errors {
		fmt.Println(e)
	}
	// Output:
	// line 2: NN-450103-00001 李测试0001 男性 壮族 民盟盟员, 1 award(s), donated 12.5 万元
	// line 4: NN-450103-00003 韦测试0003 女性 汉族 无党派人士, 0 award(s), donated 0.8 万元
	// 第 3 行第 5 列（民族），登记编号 NN-450103-00002：未知代码 (line 3, column 5: unknown code)
}

func ExampleReader_Read() {
	const data = "登记编号,所属单位,姓名,粉丝数\n" +
		"NN-1,450103,李测试0001,120000\n" +
		"NN-2,450103,黄测试0002,-3\n" +
		"NN-3,450103,韦测试0003,\n"
	r := roster.NewReader(strings.NewReader(data))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *roster.ParseError
		if errors.As(err, &pe) && !errors.Is(err, roster.ErrHeader) {
			fmt.Println("skipped:", pe.Key, pe.Header, errors.Is(err, roster.ErrBadCell))
			continue
		}
		if err != nil {
			fmt.Println(err) // the header or the input is unusable
			return
		}
		fmt.Println(rec.Key, rec.Followers)
	}
	// Output:
	// NN-1 120000
	// skipped: NN-2 粉丝数 true
	// NN-3 0
}

func ExampleNewWriter() {
	rec := &roster.Record{
		Key: "NN-450103-00001", Unit: "450103", Name: "李测试0001", Sex: roster.Male,
		BirthDate: roster.NewDate(1980, time.May, 0),
		Seats:     []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Term: "第十二届", Sector: "经济界"}},
		Donations: decimal.RequireFromString("12.50"),
		Extra:     map[string]any{"bonus": 2},
	}
	var b strings.Builder
	if err := roster.NewWriter(&b).WriteAll([]*roster.Record{rec}); err != nil {
		fmt.Println(err)
		return
	}
	// Print the cells that are filled in, beside their headers.
	lines := strings.Split(b.String(), "\n")
	headers, cells := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
	for i, c := range cells {
		if c != "" && c != "0" && c != "否" {
			fmt.Printf("%s: %s\n", headers[i], c)
		}
	}
	// Output:
	// 登记编号: NN-450103-00001
	// 所属单位: 450103
	// 姓名: 李测试0001
	// 性别: 男性
	// 出生年月: 1980-05
	// 人大政协职务: 政协委员|市级|第十二届|经济界
	// 公益捐赠（万元）: 12.50
	// bonus: 2
}

// Given the jurisdiction, a Reader reads a recommending unit given by its
// name as its code; one it does not know is kept as written, and the
// Validator refuses it without repeating it.
func ExampleReader_Jurisdiction() {
	const data = "登记编号,所属单位,推荐单位,姓名\n" +
		"NN-1,450103,南宁市司法局,李测试0001\n" +
		"NN-2,450181,横县,黄测试0002\n" +
		"NN-3,450103,市司法局,张测试0003\n"
	r := roster.NewReader(strings.NewReader(data))
	r.Jurisdiction = roster.Nanning()
	b, err := r.ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := roster.NewValidator(r.Jurisdiction)
	for _, rec := range b.Records {
		fmt.Printf("%s %q\n", rec.Key, rec.RecommendedBy)
	}
	var re *roster.RecordError
	if err := v.Validate(b.Records[2], roster.NewDate(2019, 4, 15)); errors.As(err, &re) {
		for _, p := range re.Problems {
			if p.Field == "RecommendedBy" {
				fmt.Println(p.Message)
			}
		}
	}
	// Output:
	// NN-1 "4501D03"
	// NN-2 "450181"
	// NN-3 "市司法局"
	// 推荐单位不是南宁市的县（市、区）、开发区或市直部门代码
}
