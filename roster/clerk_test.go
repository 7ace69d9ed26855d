package roster_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/newstrata/newstrata/roster"
)

// The rosters of these tests are what Excel and WPS on Chinese Windows
// make of a clerk's sheet, built here byte for byte.

const clerkCSV = "登记编号,所属单位,姓名,民族,政治面貌\r\n" +
	"NN-1,450103,李测试,汉族,中共党员\r\n" +
	"NN-2,450103,黄测试,壮族,群众\r\n"

func encode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	require.NoError(t, err)
	return b
}

func TestReadEncodings(t *testing.T) {
	tab := strings.ReplaceAll(clerkCSV, ",", "\t")
	tests := []struct {
		name, data, encoding string
	}{
		{"UTF-8", clerkCSV, "UTF-8"},
		{"UTF-8 with BOM", "\uFEFF" + clerkCSV, "UTF-8"},
		{"GBK", encode(t, simplifiedchinese.GBK, clerkCSV), "GB18030"},
		{"GB18030", encode(t, simplifiedchinese.GB18030, clerkCSV), "GB18030"},
		{"Unicode 文本 (UTF-16LE, tabs)", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), tab), "UTF-16LE"},
		{"UTF-16BE with BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), clerkCSV), "UTF-16BE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := roster.NewReader(strings.NewReader(tt.data))
			b, err := r.ReadAll()
			require.NoError(t, err)
			require.Empty(t, b.Errors)
			assert.Equal(t, tt.encoding, r.Encoding())
			require.Len(t, b.Records, 2)
			assert.Equal(t, "李测试", b.Records[0].Name)
			assert.Equal(t, roster.Ethnicity(8), b.Records[1].Ethnicity, "壮族")
			assert.Equal(t, roster.Masses, b.Records[1].Politics)
		})
	}
}

func TestReadRefusesOtherFiles(t *testing.T) {
	tests := []struct {
		name, data, msg string
	}{
		{".xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
			"roster: 这是 Excel 97-2003 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV UTF-8 (an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV UTF-8)"},
		{".xlsx", "PK\x03\x04\x14\x00\x06\x00",
			"roster: 这是 Excel 工作簿（.xlsx）或压缩文件，不是 CSV；请用读取 .xlsx 的程序（roster/xlsx），或在 Excel 中另存为 CSV UTF-8 (an Excel workbook (.xlsx) or a zip archive, not CSV: read it with roster/xlsx or save it as CSV UTF-8)"},
		{"PDF", "%PDF-1.7\n",
			"roster: 这是 PDF 文件，无法从中读取名册；请提供 Excel 或 CSV 文件 (a PDF file: provide the roster as an Excel or CSV file)"},
		{"HTML saved as .xls", "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><table>",
			"roster: 这是网页（HTML）或 XML 格式的表格，常见于系统导出的 .xls；请在 Excel 中打开后另存为 .xlsx 或 CSV UTF-8 (an HTML or XML table, as systems export .xls: open it in Excel and save it as .xlsx or CSV UTF-8)"},
		{"binary", "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f",
			"roster: 这不是文本格式的表格（含有二进制内容）；请在 Excel 中另存为 .xlsx 或 CSV UTF-8 (a binary file, not a text table: save it as .xlsx or CSV UTF-8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := roster.NewReader(strings.NewReader(tt.data))
			_, err := r.ReadAll()
			require.Error(t, err)
			assert.EqualError(t, err, tt.msg)
			assert.ErrorIs(t, err, roster.ErrFormat)
			_, again := r.Read()
			assert.Equal(t, err, again, "the error ends reading")
		})
	}
}

func TestReadHeaderSearch(t *testing.T) {
	data := "南宁市新的社会阶层人士登记名册,,,,\n" +
		"填报单位：青秀区,,,填报日期：2019年4月,\n" +
		"\n" +
		"序号,登记编号,所属单位,姓名,*政治面貌\n" +
		"1,NN-1,450103,李测试,中共党员\n" +
		"合计,1 人,,,\n"
	b, err := roster.NewReader(strings.NewReader(data)).ReadAll()
	require.NoError(t, err)
	require.Empty(t, b.Errors)
	assert.Equal(t, roster.Header{Line: 4, Skipped: []int{1, 2}, Ignored: []string{"序号"}}, b.Header)
	require.Len(t, b.Records, 1)
	assert.Equal(t, roster.CPCMember, b.Records[0].Politics, "*政治面貌 is 政治面貌")
	assert.Nil(t, b.Records[0].Extra, "序号 is not an input")
	assert.Equal(t, []int{6}, b.Totals)
}

func TestReadColumns(t *testing.T) {
	inputs := []roster.Input{{ID: "rural", Label: "乡村振兴贡献"}, {ID: "villages", Label: "结对帮扶村数"}}
	tests := []struct {
		name    string
		inputs  []roster.Input
		header  string // after 登记编号,所属单位,姓名
		cell    string
		extra   map[string]any
		ignored []string
		unknown []string
		check   func(t *testing.T, r *roster.Record)
	}{
		{name: "证件号码 is 公民身份号码", header: "证件号码", cell: "450103198503120017",
			check: func(t *testing.T, r *roster.Record) { assert.Equal(t, "450103198503120017", r.CitizenID) }},
		{name: "asterisk and full-width brackets", header: "＊公益捐赠【万元】", cell: "3",
			check: func(t *testing.T, r *roster.Record) { assert.Equal(t, "3", r.Donations.String()) }},
		{name: "备注 ignored", header: "备注", cell: "已核实", ignored: []string{"备注"}},
		{name: "input by id", inputs: inputs, header: "rural", cell: "2.5", extra: map[string]any{"rural": "2.5"}},
		{name: "input by label", inputs: inputs, header: "结对帮扶村数", cell: "3", extra: map[string]any{"villages": "3"}},
		{name: "undeclared id with inputs declared", inputs: inputs, header: "bonus", cell: "3",
			unknown: []string{"第 1 行第 4 列（bonus）：不是登记表的列，也不是已声明的县区输入项，该列不读取 (line 1, column 4: unknown column: not a column of the form nor a declared input: not read)"}},
		{name: "misspelt label", inputs: inputs, header: "结对帮扶村数量", cell: "3",
			unknown: []string{"第 1 行第 4 列（结对帮扶村数量）：不是登记表的列，也不是已声明的县区输入项，该列不读取；是否应为“结对帮扶村数”？ (line 1, column 4: unknown column: not a column of the form nor a declared input: not read; did you mean 结对帮扶村数?)"}},
		{name: "no inputs declared: an id is an input", header: "bonus", cell: "3", extra: map[string]any{"bonus": "3"}},
		{name: "no inputs declared: words are unknown", header: "身分证号", cell: "450103198503120017",
			unknown: []string{"第 1 行第 4 列（身分证号）：不是登记表的列，该列不读取（县区输入项以其代号作列标题，或由政策声明）；是否应为“公民身份号码”？ (line 1, column 4: unknown column: not a column of the form nor a declared input: not read; did you mean 公民身份号码?)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := roster.NewReader(strings.NewReader(csvText(
				[]string{"登记编号", "所属单位", "姓名", tt.header},
				[]string{"NN-1", "450103", "李测试", tt.cell})))
			r.Inputs = tt.inputs
			b, err := r.ReadAll()
			require.NoError(t, err)
			require.Empty(t, b.Errors)
			require.Len(t, b.Records, 1)
			assert.Equal(t, tt.extra, b.Records[0].Extra)
			assert.Equal(t, tt.ignored, b.Header.Ignored)
			var unknown []string
			for _, e := range b.Header.Unknown {
				assert.ErrorIs(t, e, roster.ErrUnknownColumn)
				unknown = append(unknown, e.Error())
			}
			assert.Equal(t, tt.unknown, unknown)
			if tt.check != nil {
				tt.check(t, b.Records[0])
			}
		})
	}
}

func TestReadSpreadsheetValues(t *testing.T) {
	tests := []struct {
		header, cell, want string
		get                func(r *roster.Record) string
	}{
		{"出生年月", "1985年3月", "1985-03", birth},
		{"出生年月", "1985年3月12日", "1985-03-12", birth},
		{"出生年月", "31118", "1985-03-12", birth},
		{"出生年月", "31118.0", "1985-03-12", birth},
		{"出生年月", "198503", "1985-03", birth},
		{"出生年月", "1985-03-12 00:00", "1985-03-12", birth},
		{"民族", "汉", "汉族", func(r *roster.Record) string { return r.Ethnicity.Label() }},
		{"民族", "壮", "壮族", func(r *roster.Record) string { return r.Ethnicity.Label() }},
		{"民族", "8", "壮族", func(r *roster.Record) string { return r.Ethnicity.Label() }},
		{"政治面貌", "1", "中共党员", func(r *roster.Record) string { return r.Politics.Label() }},
		{"政治面貌", "无党派", "无党派人士", func(r *roster.Record) string { return r.Politics.Label() }},
		{"粉丝数", "113,811", "113811", func(r *roster.Record) string { return fmt.Sprint(r.Followers) }},
		{"粉丝数", "1,234,567", "1234567", func(r *roster.Record) string { return fmt.Sprint(r.Followers) }},
		{"公益捐赠（万元）", "1,234.50", "1234.5", func(r *roster.Record) string { return r.Donations.String() }},
	}
	for _, tt := range tests {
		t.Run(tt.header+" "+tt.cell, func(t *testing.T) {
			r := readOne(t, tt.header, tt.cell)
			assert.Equal(t, tt.want, tt.get(r))
		})
	}
}

func birth(r *roster.Record) string { return r.BirthDate.String() }

func readOne(t *testing.T, header, cell string) *roster.Record {
	t.Helper()
	b := readAll(t, csvText([]string{"登记编号", "所属单位", "姓名", header}, []string{"NN-1", "450103", "李测试", cell}))
	require.Empty(t, b.Errors)
	require.Len(t, b.Records, 1)
	return b.Records[0]
}

func TestReadSpreadsheetValueErrors(t *testing.T) {
	tests := []struct {
		header, cell, msg string
		is                []error
	}{
		{"公民身份号码", "4.50103E+17",
			"第 2 行第 4 列（公民身份号码），登记编号 NN-1：这一格看来被 Excel 转成了科学计数法，身份证号已丢失末尾数字；请把该列设为文本后重新录入 (line 2, column 4: a spreadsheet wrote the number in scientific notation and dropped its last digits: set the column to text and type it again)",
			[]error{roster.ErrBadCell, roster.ErrCitizenID}},
		{"身份证号码", "4.50103198503120E+17",
			"第 2 行第 4 列（身份证号码），登记编号 NN-1：这一格看来被 Excel 转成了科学计数法，身份证号已丢失末尾数字；请把该列设为文本后重新录入 (line 2, column 4: a spreadsheet wrote the number in scientific notation and dropped its last digits: set the column to text and type it again)",
			[]error{roster.ErrBadCell, roster.ErrCitizenID}},
		{"联系电话", "1.39077E+10",
			"第 2 行第 4 列（联系电话），登记编号 NN-1：这一格看来被 Excel 转成了科学计数法，号码可能已丢失末尾数字；请把该列设为文本后重新录入 (line 2, column 4: a spreadsheet wrote the number in scientific notation and dropped its last digits: set the column to text and type it again)",
			[]error{roster.ErrBadCell}},
		{"出生年月", "1985",
			"第 2 行第 4 列（出生年月），登记编号 NN-1：只写了年份，应写到月，如 2006-01 (line 2, column 4: year only: give the month too)",
			[]error{roster.ErrBadDate}},
		{"出生年月", "1985年13月",
			"第 2 行第 4 列（出生年月），登记编号 NN-1：日期不存在 (line 2, column 4: bad date)",
			[]error{roster.ErrBadDate}},
		{"民族", "10000",
			"第 2 行第 4 列（民族），登记编号 NN-1：未知代码 (line 2, column 4: unknown code)",
			[]error{roster.ErrUnknownCode}},
	}
	for _, tt := range tests {
		t.Run(tt.header+" "+tt.cell, func(t *testing.T) {
			b := readAll(t, csvText([]string{"登记编号", "所属单位", "姓名", tt.header}, []string{"NN-1", "450103", "李测试", tt.cell}))
			require.Len(t, b.Errors, 1)
			assert.EqualError(t, b.Errors[0], tt.msg)
			assert.NotContains(t, b.Errors[0].Error(), tt.cell, "a message never repeats the cell")
			for _, e := range tt.is {
				assert.ErrorIs(t, b.Errors[0], e)
			}
		})
	}
}

// TestReadStrayQuote: a quote typed at the start of 主要政治表现 in one row
// and another at its end rows below would make encoding/csv read the rows
// between as one cell; a cell of several lines (a 工作简历) still reads.
func TestReadStrayQuote(t *testing.T) {
	header := "登记编号,所属单位,姓名,性别,民族,出生年月,主要政治表现,联系电话\n"
	row := func(i int, perf string) string {
		return fmt.Sprintf("NN-%d,450103,李测试%04d,男,汉族,1985-03,%s,139077100%02d\n", i, i, perf, i)
	}
	tests := []struct {
		name    string
		rows    func(i int) string
		records int
		errs    []string
	}{
		{"stray quotes in rows 5 and 9", func(i int) string {
			switch i {
			case 4: // line 5
				return row(i, `"表现良好`)
			case 8: // line 9
				return row(i, `表现良好"`)
			}
			return row(i, "表现良好")
		}, 15, []string{
			"第 5 行第 7 列（主要政治表现），登记编号 NN-4：这一格的引号从第 5 行一直延续到第 9 行，把其间看来是整行的内容并进了一格；请检查第 5 行这一格开头的引号和第 9 行的引号是否多余 (line 5, column 7: a quoted cell runs from line 5 to line 9 and swallows whole rows: check the quotes on both lines)",
		}},
		{"a cell of several lines", func(i int) string {
			if i == 4 {
				return row(i, "\"2001-2005 南宁某公司，职员\n2005-至今 南宁某协会，会长\"")
			}
			return row(i, "表现良好")
		}, 20, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(header)
			for i := 1; i <= 20; i++ {
				b.WriteString(tt.rows(i))
			}
			batch := readAll(t, b.String())
			assert.Len(t, batch.Records, tt.records)
			var errs []string
			for _, e := range batch.Errors {
				errs = append(errs, e.Error())
			}
			assert.Equal(t, tt.errs, errs)
		})
	}
}

// A GBK roster with a title row, declared inputs titled by label, and a
// misspelt column reported once.
func ExampleReader_Inputs() {
	data, _ := simplifiedchinese.GBK.NewEncoder().String(
		"南宁市新的社会阶层人士名册,,,,\n" +
			"序号,登记编号,所属单位,姓名,结对帮扶村数,政治面目\n" +
			"1,NN-1,450103,李测试,3,中共党员\n")
	r := roster.NewReader(strings.NewReader(data))
	r.Inputs = []roster.Input{{ID: "villages", Label: "结对帮扶村数"}}
	b, err := r.ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Encoding(), b.Records[0].Name, b.Records[0].Extra)
	for _, e := range b.Header.Unknown {
		fmt.Println(e)
	}
	// Output:
	// GB18030 李测试 map[villages:3]
	// 第 2 行第 6 列（政治面目）：不是登记表的列，也不是已声明的县区输入项，该列不读取；是否应为“政治面貌”？ (line 2, column 6: unknown column: not a column of the form nor a declared input: not read; did you mean 政治面貌?)
}
