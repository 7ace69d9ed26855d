package xlsx_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/report"
	"github.com/newstrata/newstrata/report/xlsx"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	once    sync.Once
	src     report.Source
	records []*roster.Record
	loadErr error
)

// sample assesses the sample roster with the front door and runs the
// first round on the baseline lists.
func sample(t testing.TB) report.Source {
	t.Helper()
	once.Do(func() {
		f, err := os.Open(filepath.Join("..", "..", "testdata", "roster.csv"))
		if loadErr = err; err != nil {
			return
		}
		defer f.Close()
		batch, err := roster.NewReader(f).ReadAll()
		if loadErr = err; err != nil {
			return
		}
		records = batch.Records
		a, err := newstrata.New(newstrata.Config{})
		if loadErr = err; err != nil {
			return
		}
		day := roster.NewDate(2019, 4, 15)
		reg, _, res, err := a.Round(context.Background(), nil, batch.Records, day, nil)
		if loadErr = err; err != nil {
			return
		}
		var people []report.Person
		for _, as := range res.Assessments {
			people = append(people, report.Person{Record: batch.Records[as.Index], Classification: as.Classification, Evaluation: as.Evaluation})
		}
		src = report.Source{Jurisdiction: a.Jurisdiction(), Registry: reg, People: people, Date: day}
	})
	require.NoError(t, loadErr)
	return src
}

func workbook(t *testing.T, opts ...report.Option) (*report.Summary, *report.Registrations, *excelize.File) {
	t.Helper()
	s, err := report.NewSummary(sample(t), report.SplitFreelancers())
	require.NoError(t, err)
	rs, err := report.NewRegistrations(sample(t), append(opts, report.Seats(tier.SeatCity))...)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, xlsx.Write(&b, s, rs))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return s, rs, f
}

// Open the workbook again and read it as a clerk's Excel would.
func TestWorkbook(t *testing.T) {
	s, rs, f := workbook(t)
	sheets := f.GetSheetList()
	require.Len(t, sheets, 1+len(rs.Forms))
	assert.Equal(t, xlsx.SummarySheet, sheets[0])
	assert.Equal(t, rs.Forms[0].Key, sheets[1])
	assert.Len(t, rs.Forms, 200, "the city's 200")

	sh := xlsx.SummarySheet
	get := func(sheet, c string) string {
		v, err := f.GetCellValue(sheet, c)
		require.NoError(t, err)
		return v
	}
	assert.Equal(t, report.SummaryTitle, get(sh, "A1"))
	assert.Equal(t, "填报单位：南宁市", get(sh, "A2"))
	assert.Equal(t, "单位", get(sh, "A3"))
	assert.Equal(t, "新的社会阶层人士", get(sh, "B3"))
	assert.Equal(t, "兴宁区", get(sh, "A5"))

	// The merged header cells.
	merges, err := f.GetMergeCells(sh)
	require.NoError(t, err)
	var ranges []string
	for _, m := range merges {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	last, _ := excelize.ColumnNumberToName(len(s.Columns) + 1)
	assert.Contains(t, ranges, "A1:"+last+"1", "the title across the table")
	assert.Contains(t, ranges, "A3:A4", "单位 over both header rows")
	assert.Contains(t, ranges, "B3:F3", "新的社会阶层人士 over its five columns")

	// Print settings: A4 landscape, one page wide, header rows on every
	// page, page numbers, frozen header.
	pl, err := f.GetPageLayout(sh)
	require.NoError(t, err)
	assert.Equal(t, 9, *pl.Size)
	assert.Equal(t, "landscape", *pl.Orientation)
	assert.Equal(t, 1, *pl.FitToWidth)
	assert.Equal(t, 0, *pl.FitToHeight)
	hf, err := f.GetHeaderFooter(sh)
	require.NoError(t, err)
	assert.Contains(t, hf.OddFooter, "&P")
	panes, err := f.GetPanes(sh)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, "B5", panes.TopLeftCell)
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	assert.Equal(t, "'汇总表'!$3:$4", titles[sh])
	assert.Equal(t, "'"+sheets[1]+"'!$1:$2", titles[sheets[1]])
	pl, err = f.GetPageLayout(sheets[1])
	require.NoError(t, err)
	assert.Equal(t, "portrait", *pl.Orientation)
	assert.Equal(t, 1, *pl.FitToHeight, "a registration form prints on one page")

	// The totals add up: every unit's row to the total, and within each
	// row the representatives by group, list and grade.
	rows, err := f.GetRows(sh)
	require.NoError(t, err)
	col := func(code string) int { return s.Column(code) + 1 }
	var units []int
	var total []int
	for i := range s.Rows {
		r := rows[4+i]
		n := make([]int, len(r))
		for j := 1; j < len(r); j++ {
			n[j], err = strconv.Atoi(r[j])
			require.NoError(t, err, "row %d col %d", i, j)
		}
		assert.Equal(t, s.Rows[i].Counts, n[1:])
		assert.Equal(t, n[col("reps_total")], n[col("list_city")]+n[col("list_county")]+n[col("list_none")])
		assert.Equal(t, n[col("reps_total")], n[col("grade_a")]+n[col("grade_b")]+n[col("grade_c")])
		assert.Equal(t, n[col("reps_total")], n[col("reps_g1")]+n[col("reps_g2")]+n[col("reps_g3")]+n[col("reps_g4")])
		switch r[0] {
		case "合计":
			total = n
		case "其中：市级名单":
		default:
			if units == nil {
				units = make([]int, len(n))
			}
			for j := range n {
				units[j] += n[j]
			}
		}
	}
	assert.Equal(t, total[1:], units[1:])
	// The lines to sign, under the table.
	assert.Equal(t, "填报单位（盖章）：", rows[4+len(s.Rows)+2][0])

	// A registration form: its fields and boxes.
	form := sheets[1]
	cells, err := f.GetRows(form)
	require.NoError(t, err)
	text := fmt.Sprint(cells)
	for _, want := range []string{"公民身份号码", "所在单位意见", "县区委统战部意见", "市委统战部意见", "填表日期：2019年4月15日", "市级名单"} {
		assert.Contains(t, text, want)
	}
}

// Personal data is masked in the workbook unless asked for.
func TestWorkbookMasking(t *testing.T) {
	for _, reveal := range []bool{false, true} {
		t.Run(fmt.Sprint("reveal=", reveal), func(t *testing.T) {
			var opts []report.Option
			if reveal {
				opts = append(opts, report.RevealPersonalData())
			}
			_, rs, f := workbook(t, opts...)
			var all strings.Builder
			for _, sh := range f.GetSheetList() {
				rows, err := f.GetRows(sh)
				require.NoError(t, err)
				all.WriteString(fmt.Sprint(rows))
			}
			text := all.String()
			keys := map[string]bool{}
			for _, fm := range rs.Forms {
				keys[fm.Key] = true
			}
			for _, r := range records {
				if !keys[r.Key] {
					continue
				}
				assert.Equal(t, reveal, strings.Contains(text, r.CitizenID), roster.MaskCitizenID(r.CitizenID))
				if r.Phone != "" {
					assert.Equal(t, reveal, strings.Contains(text, r.Phone), roster.MaskPhone(r.Phone))
				}
			}
		})
	}
}

// The workbook's cells and merged ranges, as text, pinned: the summary
// and the first form.
func TestGolden(t *testing.T) {
	_, _, f := workbook(t)
	var b strings.Builder
	for _, sh := range f.GetSheetList()[:2] {
		fmt.Fprintf(&b, "== %s\n", sh)
		rows, err := f.GetRows(sh)
		require.NoError(t, err)
		for i, r := range rows {
			fmt.Fprintf(&b, "%d: %q\n", i+1, r)
		}
		merges, err := f.GetMergeCells(sh)
		require.NoError(t, err)
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
	}
	path := filepath.Join("testdata", "workbook.txt")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./report/xlsx -update to write it")
	assert.Equal(t, string(want), b.String(), "(-want +got)")
}

func TestEmpty(t *testing.T) {
	assert.ErrorIs(t, xlsx.Write(&bytes.Buffer{}, nil, nil), xlsx.ErrEmpty)
}

// BenchmarkXLSX writes the city's 200 registration forms, a sheet each.
func BenchmarkXLSX(b *testing.B) {
	rs, err := report.NewRegistrations(sample(b), report.Seats(tier.SeatCity))
	require.NoError(b, err)
	require.Len(b, rs.Forms, 200)
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.Write(&bytes.Buffer{}, nil, rs); err != nil {
			b.Fatal(err)
		}
	}
}
