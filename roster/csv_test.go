package roster_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

// csvText writes rows as CSV, quoting as encoding/csv does; cells are
// written byte for byte, so a test can put any byte in one.
func csvText(rows ...[]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	for _, r := range rows {
		_ = w.Write(r)
	}
	w.Flush()
	return b.String()
}

func readAll(t *testing.T, data string) *roster.Batch {
	t.Helper()
	b, err := roster.NewReader(strings.NewReader(data)).ReadAll()
	require.NoError(t, err)
	return b
}

// assertSameRecords compares records field by field. Decimals are compared
// by value and number of places, since two equal decimal.Decimal values
// may differ inside.
func assertSameRecords(t *testing.T, want, got []*roster.Record) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		w, g := withoutDecimals(t, want[i]), withoutDecimals(t, got[i])
		for j := range w.decimals {
			assert.Truef(t, w.decimals[j].Equal(g.decimals[j]) && w.decimals[j].Exponent() == g.decimals[j].Exponent(),
				"record %d (%s): decimal %d: want %s, got %s", i, want[i].Key, j, w.decimals[j], g.decimals[j])
		}
		assert.Equalf(t, w.rec, g.rec, "record %d (%s)", i, want[i].Key)
	}
}

type split struct {
	rec      roster.Record
	decimals []decimal.Decimal
}

// withoutDecimals copies r with its decimals taken out (the zero Decimal
// counts as 0 with no places).
func withoutDecimals(t *testing.T, r *roster.Record) split {
	t.Helper()
	require.NotNil(t, r)
	s := split{rec: *r}
	norm := func(d decimal.Decimal) decimal.Decimal {
		if d == (decimal.Decimal{}) {
			return decimal.New(0, 0)
		}
		return d
	}
	s.decimals = append(s.decimals, norm(r.Donations), norm(r.Attendance))
	s.rec.Donations, s.rec.Attendance = decimal.Decimal{}, decimal.Decimal{}
	return s
}

func TestReadBadFixture(t *testing.T) {
	f, err := os.Open("../testdata/roster_bad.csv")
	require.NoError(t, err)
	defer f.Close()
	b, err := roster.NewReader(f).ReadAll()
	require.NoError(t, err)

	// Lines 2, 3–4 (a cell over two lines), 6 (出生年月 as 1985年3月), 10
	// and 18 are good; 17 is blank.
	keys := make([]string, len(b.Records))
	for i, r := range b.Records {
		keys[i] = r.Key + " " + r.Name
	}
	assert.Equal(t, []string{"NN-450103-00001 李测试0001", "NN-450103-00002 黄测试0002", "NN-450103-00004 陈测试0004", "NN-450103-00008 蒙测试0008", "NN-450103-00001 杨测试0015"}, keys,
		"good rows around bad ones are read; a key used twice is not the reader's concern")
	assert.Equal(t, []int{2, 3, 6, 10, 18}, b.Lines)
	assert.Equal(t, []int{17}, b.Blank)

	tests := []struct {
		name   string
		line   int
		column int
		header string
		key    string
		msg    string
		is     []error
	}{
		{"unknown code", 5, 5, "民族", "NN-450103-00003",
			`第 5 行第 5 列（民族），登记编号 NN-450103-00003：未知代码 (line 5, column 5: unknown code)`,
			[]error{roster.ErrUnknownCode}},
		{"impossible date", 7, 6, "出生年月", "NN-450103-00005",
			`第 7 行第 6 列（出生年月），登记编号 NN-450103-00005：日期不存在 (line 7, column 6: bad date)`,
			[]error{roster.ErrBadDate}},
		{"negative number", 8, 15, "粉丝数", "NN-450103-00006",
			`第 8 行第 15 列（粉丝数），登记编号 NN-450103-00006：不能为负数，应填 0 到 2147483647 之间的整数 (line 8, column 15: negative number)`,
			[]error{roster.ErrBadCell}},
		{"wrong field count", 9, 0, "", "NN-450103-00007",
			`第 9 行，登记编号 NN-450103-00007：有 18 列，表头有 20 列 (line 9: wrong number of fields)`,
			[]error{roster.ErrFieldCount, csv.ErrFieldCount}},
		{"invalid UTF-8", 11, 11, "工作单位", "NN-450103-00009",
			`第 11 行第 11 列（工作单位），登记编号 NN-450103-00009：第 6 个字符不是有效的 UTF-8 编码（文件中混有不同编码的文字，请另存为 CSV UTF-8） (line 11, column 11: invalid UTF-8)`,
			[]error{roster.ErrBadCell}},
		{"control character", 12, 13, "职务", "NN-450103-00010",
			`第 12 行第 13 列（职务），登记编号 NN-450103-00010：第 3 个字符是控制字符 U+0007 (line 12, column 13: control character)`,
			[]error{roster.ErrBadCell}},
		{"bad boolean", 13, 10, "政治可靠", "NN-450103-00011",
			`第 13 行第 10 列（政治可靠），登记编号 NN-450103-00011：无法识别的是否值，应填 是 或 否 (line 13, column 10: bad yes-or-no value)`,
			[]error{roster.ErrBadCell}},
		{"bad list item", 14, 16, "人大政协职务", "NN-450103-00012",
			`第 14 行第 16 列（人大政协职务），登记编号 NN-450103-00012：第 2 项第 2 个字段（级别）：未知代码，可填：县级、市级、省级、国家级 (line 14, column 16: bad list item: unknown code)`,
			[]error{roster.ErrBadCell, roster.ErrUnknownCode}},
		{"NaN", 15, 18, "公益捐赠(万元)", "NN-450103-00013",
			`第 15 行第 18 列（公益捐赠(万元)），登记编号 NN-450103-00013：不是有限的数值 (line 15, column 18: not a finite number)`,
			[]error{roster.ErrBadCell}},
		{"bare quote", 16, 0, "", "NN-450103-00014",
			`第 16 行，登记编号 NN-450103-00014：未加引号的单元格中出现了引号；含引号的单元格要整格加引号，格内的引号写两遍 (line 16: bare " in non-quoted-field)`,
			[]error{csv.ErrBareQuote}},
	}
	require.Len(t, b.Errors, len(tests))
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := b.Errors[i]
			assert.Equal(t, tt.line, e.Line, "line")
			assert.Equal(t, tt.column, e.Column, "column")
			assert.Equal(t, tt.header, e.Header, "header")
			assert.Equal(t, tt.key, e.Key, "key")
			assert.EqualError(t, e, tt.msg)
			for _, want := range tt.is {
				assert.ErrorIs(t, e, want)
			}
			assert.NotErrorIs(t, e, roster.ErrHeader)
		})
	}

	// Every row after the header is accounted for.
	assert.Equal(t, 16, len(b.Records)+len(b.Errors)+len(b.Blank))

	first, second := b.Records[0], b.Records[1]
	assert.Equal(t, []roster.Seat{
		{Body: roster.CPPCC, Level: roster.City, Term: "第十二届", Sector: "经济界"},
		{Body: roster.NPC, Level: roster.County, Term: "第十七届"},
	}, first.Seats)
	assert.Equal(t, "12.5", first.Donations.String())
	assert.Equal(t, map[string]any{"bonus": "3"}, first.Extra)
	assert.Equal(t, roster.NewDate(1988, time.November, 0), second.BirthDate)
	assert.Equal(t, []roster.Award{
		{Name: "青秀区优秀新的社会阶层人士", Level: roster.County, Year: 2016},
		{Name: "南宁市劳动模范", Level: roster.City, Year: 2018},
	}, second.Awards, "items separated by a line break inside a quoted cell")
	assert.Equal(t, 250000, second.Followers)
	assert.Nil(t, second.Extra, "an empty county input is left out")
	assert.Contains(t, b.Missing, "籍贯")
	assert.NotContains(t, b.Missing, "公益捐赠（万元）", "公益捐赠(万元) is the same title")
}

func TestReadMatchesReadAll(t *testing.T) {
	data, err := os.ReadFile("../testdata/roster_bad.csv")
	require.NoError(t, err)
	all, err := roster.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)

	r := roster.NewReader(bytes.NewReader(data))
	var recs []*roster.Record
	var errs []*roster.ParseError
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *roster.ParseError
		if errors.As(err, &pe) && !errors.Is(err, roster.ErrHeader) {
			errs = append(errs, pe)
			continue
		}
		require.NoError(t, err)
		recs = append(recs, rec)
	}
	assertSameRecords(t, all.Records, recs)
	assert.Equal(t, all.Errors, errs)
	_, err = r.Read()
	assert.Equal(t, io.EOF, err, "io.EOF again after the end")
}

// base is the header and the cells of the required columns that the cell
// tests put one more column beside.
var base = []string{"登记编号", "所属单位", "姓名"}

func oneCell(header, cell string) string {
	return csvText(append(base[:3:3], header), []string{"NN-1", "450103", "李测试0001", cell})
}

func TestReadCells(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name   string
		header string
		cell   string
		check  func(t *testing.T, r *roster.Record)
	}{
		{"sex alias", "性别", "男", func(t *testing.T, r *roster.Record) { assert.Equal(t, roster.Male, r.Sex) }},
		{"sex code", "性 别", "2", func(t *testing.T, r *roster.Record) { assert.Equal(t, roster.Female, r.Sex) }},
		{"sex English, padded", "性别", "  female　", func(t *testing.T, r *roster.Record) { assert.Equal(t, roster.Female, r.Sex) }},
		{"ethnicity code", "民族", "08", func(t *testing.T, r *roster.Record) { assert.Equal(t, "壮族", r.Ethnicity.Label()) }},
		{"politics alias", "政治面貌", "党员", func(t *testing.T, r *roster.Record) { assert.Equal(t, roster.CPCMember, r.Politics) }},
		{"education alias, header variant", "文化程度", "大专", func(t *testing.T, r *roster.Record) { assert.Equal(t, roster.College, r.Education) }},
		{"date with slashes", "出生日期", "1985/3/7", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, roster.NewDate(1985, time.March, 7), r.BirthDate)
		}},
		{"month", "出生年月", "1985.03", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, roster.NewDate(1985, time.March, 0), r.BirthDate)
		}},
		{"yes", "政治可靠", "是", func(t *testing.T, r *roster.Record) { assert.True(t, r.Reliable) }},
		{"TRUE", "政治可靠", "TRUE", func(t *testing.T, r *roster.Record) { assert.True(t, r.Reliable) }},
		{"1", "刑事处罚", "1", func(t *testing.T, r *roster.Record) { assert.True(t, r.CriminalPenalty) }},
		{"有", "失信被执行人", "有", func(t *testing.T, r *roster.Record) { assert.True(t, r.DishonestDebtor) }},
		{"无", "重大税收违法", "无", func(t *testing.T, r *roster.Record) { assert.False(t, r.TaxViolation) }},
		{"empty is no", "政治可靠", "", func(t *testing.T, r *roster.Record) { assert.False(t, r.Reliable) }},
		{"count with leading zeros", "粉丝数", "0012", func(t *testing.T, r *roster.Record) { assert.Equal(t, 12, r.Followers) }},
		{"largest count", "粉丝数", "2147483647", func(t *testing.T, r *roster.Record) { assert.Equal(t, 2147483647, r.Followers) }},
		{"decimal keeps its places", "公益捐赠（万元）", "12.50", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, "12.50", r.Donations.StringFixed(-r.Donations.Exponent()))
		}},
		{"rate", "活动出勤率", "0.8", func(t *testing.T, r *roster.Record) { assert.True(t, d("0.8").Equal(r.Attendance)) }},
		{"rate as a percentage", "出勤率", "95 ％", func(t *testing.T, r *roster.Record) { assert.True(t, d("0.95").Equal(r.Attendance)) }},
		{"seats", "人大政协职务", "政协委员|市级|第十二届|经济界；人大代表|县级|第十届|", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Term: "第十二届", Sector: "经济界"}, {Body: roster.NPC, Level: roster.County, Term: "第十届"}}, r.Seats)
		}},
		{"org post, trailing fields left out", "统战社会组织职务", "社会组织 ｜ 南宁市测试软件行业协会 | 副会长 | 市级 | 是;统战组织|南宁市欧美同学会", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.OrgPost{
				{Kind: roster.SocialOrg, Organization: "南宁市测试软件行业协会", Title: "副会长", Level: roster.City, Leading: true},
				{Kind: roster.UnitedFrontOrg, Organization: "南宁市欧美同学会"},
			}, r.OrgPosts)
		}},
		{"awards, empty items skipped", "获奖情况", "；南宁市优秀青年|市级|2021；；", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Award{{Name: "南宁市优秀青年", Level: roster.City, Year: 2021}}, r.Awards)
		}},
		{"trainings", "培训情况", "市委统战部新阶层培训班|2022-05-10|24\n研修班|2021-11", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Training{
				{Name: "市委统战部新阶层培训班", Date: roster.NewDate(2022, time.May, 10), Hours: 24},
				{Name: "研修班", Date: roster.NewDate(2021, time.November, 0)},
			}, r.Trainings)
		}},
		{"no items", "获奖情况", "；;", func(t *testing.T, r *roster.Record) { assert.Nil(t, r.Awards) }},
		{"text with a line break", "主要成就和社会影响", "第一行\n第二行", func(t *testing.T, r *roster.Record) { assert.Equal(t, "第一行\n第二行", r.Achievements) }},
		{"text trimmed of ideographic spaces", "籍贯", "　广西南宁　", func(t *testing.T, r *roster.Record) { assert.Equal(t, "广西南宁", r.NativePlace) }},
		{"tab inside text", "籍贯", "广西\t南宁", func(t *testing.T, r *roster.Record) { assert.Equal(t, "广西\t南宁", r.NativePlace) }},
		{"county input", "bonus", " 3 ", func(t *testing.T, r *roster.Record) { assert.Equal(t, map[string]any{"bonus": "3"}, r.Extra) }},
		{"header variant", "受过刑事处罚", "是", func(t *testing.T, r *roster.Record) { assert.True(t, r.CriminalPenalty) }},
		{"validator's label for seats", "人大代表、政协委员", "政协委员|县级", func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Seat{{Body: roster.CPPCC, Level: roster.County}}, r.Seats)
		}},
		{"citizen ID alias", "身份证号码", "450103198005120111", func(t *testing.T, r *roster.Record) { assert.Equal(t, "450103198005120111", r.CitizenID) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := readAll(t, oneCell(tt.header, tt.cell))
			require.Empty(t, b.Errors)
			require.Len(t, b.Records, 1)
			tt.check(t, b.Records[0])
		})
	}
}

func TestReadCellErrors(t *testing.T) {
	const at = "第 2 行第 4 列（%s），登记编号 NN-1："
	tests := []struct {
		name   string
		header string
		cell   string
		msg    string // after "第 2 行第 4 列（header），登记编号 NN-1："
		is     []error
	}{
		{"unknown code, small set listed", "性别", "M",
			`未知代码，可填：未知的性别、男性、女性、未说明的性别 (line 2, column 4: unknown code)`, []error{roster.ErrUnknownCode}},
		{"unknown code, large set not listed", "民族", "火星族", `未知代码 (line 2, column 4: unknown code)`, []error{roster.ErrUnknownCode}},
		{"date not readable", "出生年月", "1985年春", `日期无法识别，应写作 2006-01-02 或 2006-01 (line 2, column 4: bad date)`, []error{roster.ErrBadDate}},
		{"date does not exist", "参加工作时间", "2019-02-29", `日期不存在 (line 2, column 4: bad date)`, []error{roster.ErrBadDate}},
		{"date out of range", "出生年月", "17991231", `日期不存在 (line 2, column 4: bad date)`, []error{roster.ErrBadDate}},
		{"negative count", "粉丝数", "-5", `不能为负数，应填 0 到 2147483647 之间的整数 (line 2, column 4: negative number)`, []error{roster.ErrBadCell}},
		{"fraction in a count", "从业年限", "1.5", `不是整数，应只写数字 (line 2, column 4: not a whole number)`, []error{roster.ErrBadCell}},
		{"thousands wrongly grouped", "粉丝数", "1,00", `不是整数，应只写数字 (line 2, column 4: not a whole number)`, []error{roster.ErrBadCell}},
		{"NaN count", "带动就业人数", "NaN", `不是整数，应只写数字 (line 2, column 4: not a whole number)`, []error{roster.ErrBadCell}},
		{"count overflow", "粉丝数", "99999999999999999999", `超出范围，应填 0 到 2147483647 之间的整数 (line 2, column 4: number out of range)`, []error{roster.ErrBadCell}},
		{"count just over", "志愿服务时长（小时）", "2147483648", `超出范围，应填 0 到 2147483647 之间的整数 (line 2, column 4: number out of range)`, []error{roster.ErrBadCell}},
		{"NaN decimal", "公益捐赠（万元）", "NaN", `不是有限的数值 (line 2, column 4: not a finite number)`, []error{roster.ErrBadCell}},
		{"Inf decimal", "公益捐赠（万元）", "-Infinity", `不是有限的数值 (line 2, column 4: not a finite number)`, []error{roster.ErrBadCell}},
		{"negative decimal", "公益捐赠（万元）", "-1.5", `不能为负数 (line 2, column 4: negative number)`, []error{roster.ErrBadCell}},
		{"exponent", "公益捐赠（万元）", "1e5", `不是数值，应写作 12 或 12.5 这样的数 (line 2, column 4: not a number)`, []error{roster.ErrBadCell}},
		{"trailing point", "公益捐赠（万元）", "85.", `不是数值，应写作 12 或 12.5 这样的数 (line 2, column 4: not a number)`, []error{roster.ErrBadCell}},
		{"too many digits", "公益捐赠（万元）", "1234567890123456",
			`位数过多（整数部分最多 15 位，小数最多 10 位） (line 2, column 4: number out of range)`, []error{roster.ErrBadCell}},
		{"too many places", "活动出勤率", "95.123456789%",
			`位数过多（整数部分最多 15 位，小数最多 10 位） (line 2, column 4: number out of range)`, []error{roster.ErrBadCell}},
		{"percentage not allowed", "公益捐赠（万元）", "5%", `不是数值，应写作 12 或 12.5 这样的数 (line 2, column 4: not a number)`, []error{roster.ErrBadCell}},
		{"bad boolean", "政治可靠", "可能", `无法识别的是否值，应填 是 或 否 (line 2, column 4: bad yes-or-no value)`, []error{roster.ErrBadCell}},
		{"too many fields in an item", "获奖情况", "南宁市优秀青年|市级|2021|多余",
			`第 1 项有 4 个字段，最多 3 个（名称|级别|年份） (line 2, column 4: bad list item: too many fields)`, []error{roster.ErrBadCell}},
		{"bad year in an item", "获奖情况", "甲|县级|2020；乙|市级|二〇二一",
			`第 2 项第 3 个字段（年份）：不是整数，应只写数字 (line 2, column 4: bad list item: not a whole number)`, []error{roster.ErrBadCell}},
		{"bad date in an item", "培训情况", "培训班|2022-13-01|8",
			`第 1 项第 2 个字段（日期）：日期不存在 (line 2, column 4: bad list item: bad date)`, []error{roster.ErrBadCell, roster.ErrBadDate}},
		{"bad boolean in an item", "统战社会组织职务", "社会组织|协会|会长|市级|也许",
			`第 1 项第 5 个字段（是否负责人）：无法识别的是否值，应填 是 或 否 (line 2, column 4: bad list item: bad yes-or-no value)`, []error{roster.ErrBadCell}},
		{"unknown body", "人大政协职务", "党代表|市级",
			`第 1 项第 1 个字段（机构）：未知代码，可填：人大代表、政协委员 (line 2, column 4: bad list item: unknown code)`, []error{roster.ErrBadCell, roster.ErrUnknownCode}},
		{"control character", "籍贯", "广西\x01南宁", `第 3 个字符是控制字符 U+0001 (line 2, column 4: control character)`, []error{roster.ErrBadCell}},
		{"DEL", "籍贯", "广西\x7f", `第 3 个字符是控制字符 U+007F (line 2, column 4: control character)`, []error{roster.ErrBadCell}},
		{"C1 control", "籍贯", "广西\u0085", `第 3 个字符是控制字符 U+0085 (line 2, column 4: control character)`, []error{roster.ErrBadCell}},
		{"carriage return alone", "主要政治表现", "甲\r乙", `第 2 个字符是控制字符 U+000D (line 2, column 4: control character)`, []error{roster.ErrBadCell}},
		{"invalid UTF-8", "籍贯", "广西\xc3", `第 3 个字符不是有效的 UTF-8 编码（文件中混有不同编码的文字，请另存为 CSV UTF-8） (line 2, column 4: invalid UTF-8)`, []error{roster.ErrBadCell}},
		{"too long", "主要成就和社会影响", strings.Repeat("长", 1334), `内容过长：4002 字节，上限 4000 字节 (line 2, column 4: cell too long)`, []error{roster.ErrBadCell}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := readAll(t, oneCell(tt.header, tt.cell))
			require.Empty(t, b.Records)
			require.Len(t, b.Errors, 1)
			e := b.Errors[0]
			assert.EqualError(t, e, strings.Replace(at, "%s", tt.header, 1)+tt.msg)
			assert.Equal(t, 2, e.Line)
			assert.Equal(t, 4, e.Column)
			assert.Equal(t, tt.header, e.Header)
			assert.Equal(t, "NN-1", e.Key)
			for _, want := range tt.is {
				assert.ErrorIs(t, e, want)
			}
		})
	}
}

func TestReadRowErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		msg  string
		key  string
	}{
		{"cell under an empty header",
			csvText([]string{"登记编号", "所属单位", "姓名", ""}, []string{"NN-1", "450103", "李测试0001", "x"}),
			"第 2 行第 4 列，登记编号 NN-1：该列没有表头，却有内容 (line 2, column 4: cell under an empty header)", "NN-1"},
		{"key not readable",
			csvText(base, []string{"NN\x00-1", "450103", "李测试0001"}),
			"第 2 行第 1 列（登记编号）：第 3 个字符是控制字符 U+0000 (line 2, column 1: control character)", ""},
		{"citizen ID in the key column",
			csvText(append(base[:3:3], "民族"), []string{"450103198005120111", "450103", "李测试0001", "火星族"}),
			`第 2 行第 4 列（民族）：未知代码 (line 2, column 4: unknown code)`, ""},
		{"citizen ID after a zero-width space in the key column",
			csvText(append(base[:3:3], "民族"), []string{"\u200b450103198005120111", "450103", "李测试0001", "火星族"}),
			`第 2 行第 4 列（民族）：未知代码 (line 2, column 4: unknown code)`, ""},
		{"citizen ID in full-width digits in the key column",
			csvText(append(base[:3:3], "民族"), []string{"４５０１０３１９８００５１２０１１１", "450103", "李测试0001", "火星族"}),
			`第 2 行第 4 列（民族）：未知代码 (line 2, column 4: unknown code)`, ""},
		{"citizen ID in a count column",
			csvText(append(base[:3:3], "粉丝数"), []string{"NN-1", "450103", "李测试0001", "450103198005120111"}),
			`第 2 行第 4 列（粉丝数），登记编号 NN-1：超出范围，应填 0 到 2147483647 之间的整数 (line 2, column 4: number out of range)`, "NN-1"},
		{"too many cells",
			csvText(base, []string{"NN-1", "450103", "李测试0001", "多"}),
			"第 2 行，登记编号 NN-1：有 4 列，表头有 3 列 (line 2: wrong number of fields)", "NN-1"},
		{"unclosed quote",
			"登记编号,所属单位,姓名\nNN-1,450103,\"李测试0001\nNN-2,450103,黄测试0002\n",
			"第 2 行，登记编号 NN-1：引号没有配对（错误在第 3 行） (line 2: extraneous or missing \" in quoted-field)", "NN-1"},
		{"quote in the key",
			"登记编号,所属单位,姓名\nNN\"1,450103,李测试0001\n",
			"第 2 行：未加引号的单元格中出现了引号；含引号的单元格要整格加引号，格内的引号写两遍 (line 2: bare \" in non-quoted-field)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := readAll(t, tt.data)
			require.Empty(t, b.Records)
			require.Len(t, b.Errors, 1)
			assert.EqualError(t, b.Errors[0], tt.msg)
			assert.Equal(t, tt.key, b.Errors[0].Key)
		})
	}
}

func TestReadHeader(t *testing.T) {
	tests := []struct {
		name string
		data string
		msg  string
	}{
		{"empty input", "", "第 1 行：没有表头：输入为空 (line 1: no header: the input is empty)"},
		{"byte-order mark alone", "\uFEFF", "第 1 行：没有表头：输入为空 (line 1: no header: the input is empty)"},
		{"missing required", "姓名,性别\n", "第 1 行：缺少必需的列：登记编号、所属单位 (line 1: missing required headers)"},
		{"header after empty lines", "\n\n姓名\n", "第 3 行：缺少必需的列：登记编号、所属单位 (line 3: missing required headers)"},
		{"duplicate", "登记编号,所属单位,姓名,姓  名\n", "第 1 行第 4 列（姓  名）：表头重复，第 3 列已是 姓名 (line 1, column 4: duplicate header)"},
		{"duplicate through a variant", "登记编号,所属单位,姓名,出生年月,出生日期\n",
			"第 1 行第 5 列（出生日期）：表头重复，第 4 列已是 出生年月 (line 1, column 5: duplicate header)"},
		{"duplicate county input", "登记编号,所属单位,姓名,bonus, bonus\n", "第 1 行第 5 列（bonus）：表头重复，第 4 列已是 bonus (line 1, column 5: duplicate header)"},
		{"mixed encodings", "登记编号\xb5,所属单位,姓名\n",
			"第 1 行第 1 列：表头第 5 个字符不是有效的 UTF-8 编码（文件中混有不同编码的文字，请另存为 CSV UTF-8） (line 1, column 1: header: invalid UTF-8)"},
		{"no header in the first rows", strings.Repeat("南宁市新的社会阶层人士名册,,\n", 10) + "登记编号,所属单位,姓名\n",
			"第 1 行：前 10 行中没有找到表头：表头应有登记编号、所属单位、姓名等登记表的列标题 (line 1: no header in the first 10 rows: it should hold the form's column titles)"},
		{"broken quoting", "登记编号,\"所属单位,姓名\n", "第 1 行：表头引号没有配对 (line 1: header: extraneous or missing \" in quoted-field)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := roster.NewReader(strings.NewReader(tt.data))
			b, err := r.ReadAll()
			assert.EqualError(t, err, tt.msg)
			assert.ErrorIs(t, err, roster.ErrHeader)
			assert.Empty(t, b.Records)
			_, again := r.Read()
			assert.Equal(t, err, again, "a header error ends reading")
		})
	}
}

func TestReadHeaderVariants(t *testing.T) {
	data := "\uFEFF 登记编号 ,所属单位,姓　名,公益捐赠(万元),手机号码,,bonus\r\nNN-1,450103,李测试0001,3.5,13907710001,,2\r\n\r\n,,,,,,\r\n , \r\n"
	r := roster.NewReader(strings.NewReader(data))
	assert.Nil(t, r.Missing(), "nothing known before the header is read")
	b, err := r.ReadAll()
	require.NoError(t, err)
	require.Empty(t, b.Errors)
	require.Len(t, b.Records, 1)
	rec := b.Records[0]
	assert.Equal(t, "NN-1", rec.Key, "byte-order mark skipped, title trimmed")
	assert.Equal(t, "李测试0001", rec.Name)
	assert.Equal(t, "3.5", rec.Donations.String())
	assert.Equal(t, "13907710001", rec.Phone)
	assert.Equal(t, map[string]any{"bonus": "2"}, rec.Extra, "without declared inputs, a column titled like an input id is one")
	assert.Equal(t, []int{4, 5}, b.Blank, "blank rows of any width are skipped")
	assert.Equal(t, len(roster.Headers())-5, len(b.Missing))
	assert.Equal(t, b.Missing, r.Missing())
	assert.NotContains(t, b.Missing, "联系电话")

	empty := readAll(t, strings.Join(roster.Headers(), ",")+"\n")
	assert.Empty(t, empty.Records)
	assert.Empty(t, empty.Errors)
	assert.Empty(t, empty.Missing)
}

// failingReader fails after its data.
type failingReader struct{ data io.Reader }

var errDisk = errors.New("disk on fire")

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if err == io.EOF {
		return n, errDisk
	}
	return n, err
}

func TestReadIOError(t *testing.T) {
	data := csvText(base, []string{"NN-1", "450103", "李测试0001"}, []string{"NN-2", "450103", "黄测试0002"})
	b, err := roster.NewReader(&failingReader{strings.NewReader(data)}).ReadAll()
	assert.ErrorIs(t, err, errDisk)
	assert.Len(t, b.Records, 2, "the rows before the failure are kept")
}

func sampleRecords(n int, seed int64) []*roster.Record {
	recs := synth.Generate(n, seed, synth.SampleAsOf())
	out := make([]*roster.Record, len(recs))
	for i := range recs {
		out[i] = &recs[i]
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	recs := sampleRecords(1000, 7)
	for i, r := range recs {
		if i%7 == 0 {
			r.Extra = map[string]any{"bonus": "1", "remark": "第一行\n第二行"}
		}
	}
	var buf bytes.Buffer
	w := roster.NewWriter(&buf)
	require.NoError(t, w.WriteAll(recs))
	assert.Equal(t, []string{"bonus", "remark"}, w.Extra, "county inputs found and sorted")

	b := readAll(t, buf.String())
	require.Empty(t, b.Errors)
	assert.Empty(t, b.Missing)
	assertSameRecords(t, recs, b.Records)

	// And the same bytes again.
	var again bytes.Buffer
	require.NoError(t, roster.NewWriter(&again).WriteAll(b.Records))
	assert.Equal(t, buf.String(), again.String())
}

func TestRoundTripOfRead(t *testing.T) {
	data, err := os.ReadFile("../testdata/roster_bad.csv")
	require.NoError(t, err)
	first := readAll(t, string(data))
	var buf bytes.Buffer
	require.NoError(t, roster.NewWriter(&buf).WriteAll(first.Records))
	second := readAll(t, buf.String())
	require.Empty(t, second.Errors)
	assertSameRecords(t, first.Records, second.Records)
}

func TestWriterOptions(t *testing.T) {
	recs := sampleRecords(3, 1)
	var buf bytes.Buffer
	w := roster.NewWriter(&buf)
	w.BOM, w.UseCRLF = true, true
	require.NoError(t, w.WriteAll(recs))
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, "\uFEFF登记编号,"))
	assert.Equal(t, 4, strings.Count(out, "\r\n"))
	assertSameRecords(t, recs, readAll(t, out).Records)

	buf.Reset()
	require.NoError(t, roster.NewWriter(&buf).WriteAll(nil))
	assert.Equal(t, strings.Join(roster.Headers(), ",")+"\n", buf.String(), "an empty roster is its header")
}

func fullRecord(t *testing.T) *roster.Record {
	zhuang, err := roster.ParseEthnicity("壮族")
	require.NoError(t, err)
	d := decimal.RequireFromString
	return &roster.Record{
		Key: "NN-450103-00017", Unit: "450103", RecommendedBy: "4501D01", Name: "李测试0017", Sex: roster.Male, Ethnicity: zhuang,
		BirthDate: roster.NewDate(1980, time.May, 12), CitizenID: "450103198005120111", NativePlace: "广西南宁", Phone: "13907710001",
		Address: "广西南宁市青秀区测试路1号", Photo: "NN-450103-00017.jpg",
		Politics: roster.CDL, Reliable: true, PoliticalRating: roster.Excellent,
		Education: roster.Postgraduate, Degree: roster.Master, SchoolMajor: "广西大学 计算机科学与技术", Title: "高级工程师", TitleLevel: roster.ViceSenior,
		Employer: "青秀区测试软件有限公司001", EmployerKind: roster.PrivateEnterprise, Position: "技术总监", Occupation: "工程技术人员",
		Role: roster.Technical, WorkStart: roster.NewDate(2005, time.July, 0), FieldYears: 13, NewMedia: true, Followers: 125000, Local: true,
		WorkHistory: "2005.07—2010.06 南宁测试电子公司 工程师\n2010.07— 青秀区测试软件有限公司001 技术总监",
		Seats: []roster.Seat{
			{Body: roster.CPPCC, Level: roster.City, Term: "第十二届", Sector: "经济界", From: roster.NewDate(2017, time.January, 0), Until: roster.NewDate(2022, time.January, 0)},
			{Body: roster.NPC, Level: roster.County, Term: "第十七届"},
		},
		OrgPosts:    []roster.OrgPost{{Kind: roster.SocialOrg, Organization: "南宁市测试软件行业协会", Title: "副会长", Level: roster.City, Leading: true}},
		OtherPosts:  "特约监督员",
		Awards:      []roster.Award{{Name: "南宁市优秀青年", Level: roster.City, Year: 2017}, {Name: "先进个人", Level: roster.County}},
		Trainings:   []roster.Training{{Name: "市委统战部新的社会阶层人士培训班", Date: roster.NewDate(2018, time.May, 10), Hours: 24}},
		Performance: "拥护中国共产党的领导", Achievements: "参与制定行业标准\n带领团队完成多项行业项目",
		IndustryRating: roster.Good, Donations: d("12.50"), VolunteerHours: 40, JobsCreated: 120, Proposals: 3,
		Attendance: d("0.85"), EmergencyRelief: true,
		Extra: map[string]any{"bonus": 2, "remark": "无"},
	}
}

// TestWriterFormat pins the format of a written row.
func TestWriterFormat(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, roster.NewWriter(&buf).WriteAll([]*roster.Record{fullRecord(t)}))
	want := strings.Join(roster.Headers(), ",") + ",bonus,remark\n" +
		"NN-450103-00017,450103,4501D01,李测试0017,男性,壮族,1980-05-12,450103198005120111,广西南宁,13907710001," +
		"广西南宁市青秀区测试路1号,NN-450103-00017.jpg," +
		"民盟盟员,是,优秀,研究生,硕士,广西大学 计算机科学与技术,高级工程师,副高," +
		"青秀区测试软件有限公司001,民营企业,技术总监,工程技术人员,专业技术,否,2005-07,13,是,125000,是," +
		"\"2005.07—2010.06 南宁测试电子公司 工程师\n2010.07— 青秀区测试软件有限公司001 技术总监\"," +
		"政协委员|市级|第十二届|经济界|2017-01|2022-01；人大代表|县级|第十七届|,社会组织|南宁市测试软件行业协会|副会长|市级|是,特约监督员," +
		"南宁市优秀青年|市级|2017；先进个人|县级|,市委统战部新的社会阶层人士培训班|2018-05-10|24," +
		"拥护中国共产党的领导,\"参与制定行业标准\n带领团队完成多项行业项目\",良好," +
		"12.50,40,120,3,0.85,是,否,否,否,否,否," +
		"2,无\n"
	assert.Equal(t, want, buf.String())
}

func TestWriterRefuses(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(r *roster.Record)
		extra []string
		msg   string
		is    error
	}{
		{"surrounding space", func(r *roster.Record) { r.Name = " 李测试0017" }, nil,
			"登记编号 NN-450103-00017，姓名：首尾有空白字符 (key NN-450103-00017, 姓名: surrounding white space)", roster.ErrBadCell},
		{"control character", func(r *roster.Record) { r.Position = "技术\x1b总监" }, nil,
			"登记编号 NN-450103-00017，职务：第 3 个字符是控制字符 U+001B (key NN-450103-00017, 职务: control character)", roster.ErrBadCell},
		{"separator in an item", func(r *roster.Record) { r.Awards[0].Name = "优秀|青年" }, nil,
			`登记编号 NN-450103-00017，获奖情况：第 1 项第 1 个字段（名称）：含有分隔符（| ｜ ; ；或换行） (key NN-450103-00017, 获奖情况: bad list item: separator inside a list item field)`, roster.ErrBadCell},
		{"negative count", func(r *roster.Record) { r.FieldYears = -1 }, nil,
			"登记编号 NN-450103-00017，从业年限：不能为负数，应填 0 到 2147483647 之间的整数 (key NN-450103-00017, 从业年限: negative number)", roster.ErrBadCell},
		{"negative hours in an item", func(r *roster.Record) { r.Trainings[0].Hours = -8 }, nil,
			"登记编号 NN-450103-00017，培训情况：第 1 项第 3 个字段（学时）：不能为负数，应填 0 到 2147483647 之间的整数 (key NN-450103-00017, 培训情况: bad list item: negative number)", roster.ErrBadCell},
		{"negative decimal", func(r *roster.Record) { r.Donations = decimal.RequireFromString("-1") }, nil,
			"登记编号 NN-450103-00017，公益捐赠（万元）：不能为负数 (key NN-450103-00017, 公益捐赠（万元）: negative number)", roster.ErrBadCell},
		{"too many places", func(r *roster.Record) { r.Attendance = decimal.New(1, -11) }, nil,
			"登记编号 NN-450103-00017，活动出勤率：位数过多（整数部分最多 15 位，小数最多 10 位） (key NN-450103-00017, 活动出勤率: number out of range)", roster.ErrBadCell},
		{"code out of its set", func(r *roster.Record) { r.Sex = 9 }, nil,
			"登记编号 NN-450103-00017，性别：代码值不在代码表中 (key NN-450103-00017, 性别: unknown code)", roster.ErrUnknownCode},
		{"date that does not exist", func(r *roster.Record) { r.BirthDate = roster.NewDate(2019, time.February, 30) }, nil,
			"登记编号 NN-450103-00017，出生年月：日期不存在 (key NN-450103-00017, 出生年月: bad date)", roster.ErrBadDate},
		{"key that is a citizen ID after a space", func(r *roster.Record) { r.Key = " 450103198005120111" }, nil,
			"登记编号：首尾有空白字符 (登记编号: surrounding white space)", roster.ErrBadCell},
		{"key that is a mistyped citizen ID", func(r *roster.Record) { r.Key = "450103198005120119"; r.FieldYears = -1 }, nil,
			"从业年限：不能为负数，应填 0 到 2147483647 之间的整数 (从业年限: negative number)", roster.ErrBadCell},
		{"a count that holds a citizen ID", func(r *roster.Record) { r.Followers = -450103198005120111 }, nil,
			"登记编号 NN-450103-00017，粉丝数：不能为负数，应填 0 到 2147483647 之间的整数 (key NN-450103-00017, 粉丝数: negative number)", roster.ErrBadCell},
		{"county input not listed", func(r *roster.Record) {}, []string{"bonus"},
			"登记编号 NN-450103-00017，remark：不在 Writer.Extra 所列的列中 (key NN-450103-00017, remark: not a column of Writer.Extra)", roster.ErrBadCell},
		{"county input of another type", func(r *roster.Record) { r.Extra["remark"] = 1.5 }, nil,
			"登记编号 NN-450103-00017，remark：值的类型 float64 无法写入 (key NN-450103-00017, remark: cannot write a float64)", roster.ErrBadCell},
		{"county input named as a form column", func(r *roster.Record) { r.Extra = map[string]any{"姓 名": "x"} }, nil,
			"姓 名：与登记表的列或 Writer.Extra 中的另一列重名 (姓 名: title used by another column)", roster.ErrHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fullRecord(t)
			tt.edit(r)
			w := roster.NewWriter(io.Discard)
			w.Extra = tt.extra
			err := w.WriteAll([]*roster.Record{r})
			assert.EqualError(t, err, tt.msg)
			assert.ErrorIs(t, err, tt.is)
		})
	}
}

func FuzzReader(f *testing.F) {
	// Seeds are the header of each fixture with one of its lines: small,
	// since the fuzzer minimises every new input it finds, and minimising a
	// long one takes most of a short run.
	for _, name := range []string{"../testdata/roster_bad.csv", "../testdata/roster.csv"} {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		lines := bytes.SplitAfter(data, []byte("\n"))
		for _, l := range lines[1:min(len(lines), 20)] {
			f.Add(append(slices.Clip(lines[0]), l...))
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("\uFEFF登记编号,所属单位,姓名\nNN-1,450103,李\n"))
	f.Add([]byte("登记编号,所属单位,姓名,获奖情况,活动出勤率,x\nNN-1,450103,李,a|市级|2021；b,95%,y\n,,,,,\n\"NN-2\",1,\"黄\n\",,,"))
	f.Fuzz(checkReader)
}

// checkReader is the property FuzzReader checks: no panic, every row
// accounted for, and what was read is written and read back unchanged.
func checkReader(t *testing.T, data []byte) {
	b, err := roster.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		require.ErrorIs(t, err, roster.ErrHeader)
		require.Empty(t, b.Records)
		require.Empty(t, b.Errors)
		return
	}
	require.Len(t, b.Lines, len(b.Records))

	// Every row is a record, an error or a blank: count the rows as
	// encoding/csv sees them.
	c := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	c.FieldsPerRecord = -1
	rows := -1 // the header
	for {
		if _, err := c.Read(); err == io.EOF {
			break
		}
		rows++
	}
	require.Equal(t, rows, len(b.Records)+len(b.Errors)+len(b.Blank), "rows accounted for")
	for _, e := range b.Errors {
		require.NotEmpty(t, e.Error())
		require.Positive(t, e.Line)
	}

	// What was read is written and read back unchanged.
	var buf bytes.Buffer
	require.NoError(t, roster.NewWriter(&buf).WriteAll(b.Records))
	again, err := roster.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Empty(t, again.Errors)
	assertSameRecords(t, b.Records, again.Records)
}

func BenchmarkWrite(b *testing.B) {
	recs := sampleRecords(synth.SampleSize, synth.SampleSeed)
	b.ReportAllocs()
	for b.Loop() {
		if err := roster.NewWriter(io.Discard).WriteAll(recs); err != nil {
			b.Fatal(err)
		}
	}
}

// County inputs go out as the text the Reader keeps, decimals with their
// places, and a negative number is refused like any other column's.
func TestWriteExtra(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
		err  string
	}{
		{"decimal keeps its places", decimal.RequireFromString("1.50"), "1.50", ""},
		{"zero decimal", decimal.Decimal{}, "0", ""},
		{"int", 3, "3", ""},
		{"bool", true, "是", ""},
		{"text", "高", "高", ""},
		{"negative int", -2, "", "登记编号 NN-1，rate：不能为负数 (key NN-1, rate: negative number)"},
		{"int64 is not an input type", int64(3), "", "登记编号 NN-1，rate：值的类型 int64 无法写入 (key NN-1, rate: cannot write a int64)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			w := roster.NewWriter(&b)
			w.Extra = []string{"rate"}
			err := w.Write(&roster.Record{Key: "NN-1", Unit: "450103", Name: "甲测试", Extra: map[string]any{"rate": tt.v}})
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			require.NoError(t, w.Flush())
			batch, err := roster.NewReader(strings.NewReader(b.String())).ReadAll()
			require.NoError(t, err)
			require.Len(t, batch.Records, 1)
			assert.Equal(t, map[string]any{"rate": tt.want}, batch.Records[0].Extra)
		})
	}
}

// A nil io.Reader or io.Writer, a zero Validator and a nil record give
// errors, never panics.
func TestNilValues(t *testing.T) {
	_, err := roster.NewReader(nil).Read()
	assert.EqualError(t, err, "roster: 没有可读取的名册 (no roster to read: the io.Reader is nil)")
	b, err := roster.NewReader(nil).ReadAll()
	assert.Error(t, err)
	assert.NotNil(t, b)
	var zr roster.Reader
	_, err = zr.Read()
	assert.Error(t, err)
	w := roster.NewWriter(nil)
	assert.EqualError(t, w.Write(&roster.Record{}), "roster: 没有可写入的目标 (nowhere to write: the io.Writer is nil)")
	assert.Error(t, w.WriteAll(nil))
	assert.Error(t, w.Flush())
	var zv roster.Validator
	err = zv.Validate(&roster.Record{}, roster.NewDate(2019, 4, 15))
	assert.ErrorIs(t, err, roster.ErrJurisdiction)
	v, err := roster.NewValidator(roster.Nanning())
	require.NoError(t, err)
	assert.ErrorIs(t, v.Validate(nil, roster.NewDate(2019, 4, 15)), roster.ErrInvalidRecord)
}

// TestReadRecommendedBy: with the jurisdiction, a 推荐单位 cell that names
// a unit or a department is read as its present code; without it, or for
// a cell it does not know, the cell is kept as written.
func TestReadRecommendedBy(t *testing.T) {
	tests := []struct {
		cell, withJ, without string
	}{
		{"4501D03", "4501D03", "4501D03"},
		{"南宁市司法局", "4501D03", "南宁市司法局"},
		{" 南宁市工商业联合会 ", "4501D01", "南宁市工商业联合会"},
		{"宾阳县", "450126", "宾阳县"},
		{"横县", "450181", "横县"},
		{"450127", "450181", "450127"},
		{"南宁经济技术开发区", "4501A2", "南宁经济技术开发区"},
		{"市司法局", "市司法局", "市司法局"},
		{"南宁市", "南宁市", "南宁市"},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			data := "登记编号,所属单位,推荐单位,姓名\nNN-1,450103," + tt.cell + ",李测试0001\n"
			for _, j := range []*roster.Jurisdiction{roster.Nanning(), nil} {
				r := roster.NewReader(strings.NewReader(data))
				r.Jurisdiction = j
				rec, err := r.Read()
				require.NoError(t, err)
				want := tt.withJ
				if j == nil {
					want = tt.without
				}
				assert.Equal(t, want, rec.RecommendedBy, "jurisdiction given: %v", j != nil)
				assert.Equal(t, "450103", rec.Unit, "所属单位 is kept as written")
			}
		})
	}
}
