package xlsx_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/roster/xlsx"
)

// cell is what a test puts in a worksheet cell: a value and, for a
// number, the format Excel shows it with (a built-in id or a code).
type cell struct {
	v      any
	fmtID  int
	custom string
}

func text(s string) cell { return cell{v: s} }

// workbook writes rows to the sheet "名册" (or the sheets given) of a new
// workbook, merging the cells of the rows in merge across the header's
// width.
func workbook(t testing.TB, sheet string, rows [][]cell, merge ...int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	styles := map[cell]int{}
	for i, row := range rows {
		for j, c := range row {
			name, err := excelize.CoordinatesToCellName(j+1, i+1)
			require.NoError(t, err)
			if c.v == nil {
				continue
			}
			require.NoError(t, f.SetCellValue(sheet, name, c.v))
			if c.fmtID == 0 && c.custom == "" {
				continue
			}
			key := cell{fmtID: c.fmtID, custom: c.custom}
			id, ok := styles[key]
			if !ok {
				st := &excelize.Style{NumFmt: c.fmtID}
				if c.custom != "" {
					st.CustomNumFmt = &c.custom
				}
				id, err = f.NewStyle(st)
				require.NoError(t, err)
				styles[key] = id
			}
			require.NoError(t, f.SetCellStyle(sheet, name, name, id))
		}
	}
	for _, r := range merge {
		from, _ := excelize.CoordinatesToCellName(1, r)
		to, _ := excelize.CoordinatesToCellName(8, r)
		require.NoError(t, f.MergeCell(sheet, from, to))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

func texts(ss ...string) []cell {
	out := make([]cell, len(ss))
	for i, s := range ss {
		out[i] = text(s)
	}
	return out
}

func TestRead(t *testing.T) {
	header := texts("序号", "登记编号", "所属单位", "姓名", "出生年月", "参加工作时间", "粉丝数", "公民身份号码")
	tests := []struct {
		name    string
		rows    [][]cell
		merge   []int
		check   func(t *testing.T, b *roster.Batch)
		errors  []string
		records int
	}{
		{
			name: "merged title, dates, totals, blank and short rows",
			rows: [][]cell{
				{text("南宁市新的社会阶层人士登记名册")},
				{text("填报单位：青秀区")},
				header,
				{{v: 1}, text("NN-1"), text("450103"), text("李测试"),
					{v: 31118, custom: "yyyy年m月"}, {v: 38412, fmtID: 14}, {v: 113811, fmtID: 3}, text("450103198503120017")},
				{{v: 2}, text("NN-2"), text("450103"), text("黄测试"), {v: 31118}},
				{},
				{{v: 3}, text("NN-3"), text("450103"), text("陈测试"), text("1985-03"), {v: 38412, fmtID: 22}},
				{text("合计"), text("3 人")},
			},
			merge:   []int{1},
			records: 3,
			check: func(t *testing.T, b *roster.Batch) {
				assert.Equal(t, roster.Header{Line: 3, Skipped: []int{1, 2}, Ignored: []string{"序号"}}, b.Header)
				assert.Equal(t, []int{4, 5, 7}, b.Lines)
				assert.Equal(t, []int{6}, b.Blank)
				assert.Equal(t, []int{8}, b.Totals)
				r := b.Records[0]
				assert.Equal(t, "1985-03", r.BirthDate.String(), "a month format keeps a month")
				assert.Equal(t, "2005-03-01", r.WorkStart.String(), "built-in date format 14")
				assert.Equal(t, 113811, r.Followers, "#,##0")
				assert.Equal(t, "450103198503120017", r.CitizenID)
				assert.Equal(t, "1985-03-12", b.Records[1].BirthDate.String(), "a serial without a date format")
				assert.Equal(t, "2005-03-01", b.Records[2].WorkStart.String(), "a date and time at midnight")
			},
		},
		{
			name: "an ID Excel took for a number",
			rows: [][]cell{header,
				{{v: 1}, text("NN-1"), text("450103"), text("李测试"), {}, {}, {}, {v: 450103198503120017}}},
			errors: []string{"第 2 行第 8 列（公民身份号码），登记编号 NN-1：这一格看来被 Excel 转成了科学计数法，身份证号已丢失末尾数字；请把该列设为文本后重新录入 (line 2, column 8: a spreadsheet wrote the number in scientific notation and dropped its last digits: set the column to text and type it again)"},
		},
		{
			name: "a cell beyond the header",
			rows: [][]cell{header,
				{{v: 1}, text("NN-1"), text("450103"), text("李测试"), {}, {}, {}, {}, text("另有说明")}},
			errors: []string{"第 2 行第 9 列，登记编号 NN-1：该列没有表头，却有内容 (line 2, column 9: cell under an empty header)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := xlsx.NewReader(bytes.NewReader(workbook(t, "名册", tt.rows, tt.merge...)))
			require.NoError(t, err)
			b, err := r.ReadAll()
			require.NoError(t, err)
			var errs []string
			for _, e := range b.Errors {
				errs = append(errs, e.Error())
			}
			assert.Equal(t, tt.errors, errs)
			assert.Len(t, b.Records, tt.records)
			if tt.check != nil && len(b.Records) == tt.records {
				tt.check(t, b)
			}
		})
	}
}

func TestReadSheet(t *testing.T) {
	f := excelize.NewFile()
	_, err := f.NewSheet("名册")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("名册", "A1", &[]any{"登记编号", "所属单位", "姓名"}))
	require.NoError(t, f.SetSheetRow("名册", "A2", &[]any{"NN-1", "450103", "李测试"}))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	data := buf.Bytes()

	r, err := xlsx.NewReader(bytes.NewReader(data), xlsx.Sheet("名册"))
	require.NoError(t, err)
	b, err := r.ReadAll()
	require.NoError(t, err)
	require.Len(t, b.Records, 1)
	assert.Equal(t, "李测试", b.Records[0].Name)

	r, err = xlsx.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	_, err = r.ReadAll()
	assert.EqualError(t, err, "第 1 行：没有表头：输入为空 (line 1: no header: the input is empty)", "the first sheet, Sheet1, is empty")
}

func TestNewReaderRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		opts []xlsx.Option
		msg  string
	}{
		{"no such sheet", workbook(t, "名册", [][]cell{texts("登记编号")}), []xlsx.Option{xlsx.Sheet("汇总")},
			"not a roster in text: 工作簿中没有名为“汇总”的工作表 (no worksheet named \"汇总\")"},
		{"not a workbook", []byte("登记编号,所属单位,姓名\n"), nil,
			"not a roster in text: 这不是 .xlsx 工作簿；Excel 97-2003 文件（.xls）请在 Excel 中另存为 .xlsx (not an .xlsx workbook: save an .xls as .xlsx): zip: not a valid zip file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xlsx.NewReader(bytes.NewReader(tt.data), tt.opts...)
			assert.EqualError(t, err, tt.msg)
			assert.ErrorIs(t, err, roster.ErrFormat)
		})
	}
}

// rosterCSV writes n synthetic records as a roster CSV.
func rosterCSV(t testing.TB, n int) []byte {
	t.Helper()
	recs := synth.Generate(n, 7, synth.SampleAsOf())
	ptrs := make([]*roster.Record, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	var buf bytes.Buffer
	require.NoError(t, roster.NewWriter(&buf).WriteAll(ptrs))
	return buf.Bytes()
}

// toWorkbook copies a CSV's cells into a worksheet, every cell as text, as
// a clerk's sheet whose columns are set to text holds them.
func toWorkbook(t testing.TB, data []byte) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	row := make([]any, 0, len(rows[0]))
	for i, r := range rows {
		row = row[:0]
		for _, c := range r {
			row = append(row, c)
		}
		name, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, sw.SetRow(name, row))
	}
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// TestSameRecordsAcrossFormats: one roster saved as CSV UTF-8, as GBK CSV
// (what "CSV" means on Chinese Windows) and as .xlsx reads the same.
func TestSameRecordsAcrossFormats(t *testing.T) {
	utf8CSV := rosterCSV(t, 300)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf8CSV)
	require.NoError(t, err)

	read := func(r *roster.Reader) []*roster.Record {
		b, err := r.ReadAll()
		require.NoError(t, err)
		require.Empty(t, b.Errors)
		return b.Records
	}
	want := read(roster.NewReader(bytes.NewReader(utf8CSV)))
	require.Len(t, want, 300)

	gr := roster.NewReader(bytes.NewReader(gbk))
	assert.Equal(t, want, read(gr), "GBK CSV")
	assert.Equal(t, "GB18030", gr.Encoding())

	xr, err := xlsx.NewReader(bytes.NewReader(toWorkbook(t, utf8CSV)))
	require.NoError(t, err)
	assert.Equal(t, want, read(xr), "XLSX")
	assert.False(t, strings.Contains(string(gbk), "登记编号"), "the GBK file is not UTF-8")
}
