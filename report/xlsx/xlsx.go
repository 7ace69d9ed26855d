package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/newstrata/newstrata/report"
	"github.com/xuri/excelize/v2"
)

// SummarySheet is the name of the summary's sheet; each registration form
// has a sheet named by its registration number.
const SummarySheet = "汇总表"

// ErrEmpty: Write was given no form to write.
var ErrEmpty = errors.New("xlsx: 没有要写的表 (nothing to write)")

const (
	a4        = 9 // the paper size code of A4
	footer    = "&C第 &P 页，共 &N 页"
	fontName  = "宋体"
	titleSize = 16
)

// Write writes a workbook to w: the summary's sheet when s is not nil,
// then one sheet per registration form of rs when rs is not nil. Each
// sheet is laid out as the printed form: a title row, merged header cells,
// column widths, frozen headers, A4 fitted to the page width (landscape
// for the summary, portrait for a registration form), the header rows
// repeated on every printed page and page numbers in the footer; the
// summary ends with 填报单位（盖章）, 填报人, 联系电话 and 填报日期 to fill in.
// The values are the forms' own: personal data is masked as the forms
// hold it. It returns [ErrEmpty] when both are nil, and the first error
// of w.
func Write(w io.Writer, s *report.Summary, rs *report.Registrations) error {
	if s == nil && (rs == nil || len(rs.Forms) == 0) {
		return ErrEmpty
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	first := f.GetSheetName(0)
	named := false
	sheet := func(name string) error {
		if !named {
			named = true
			return f.SetSheetName(first, name)
		}
		_, err := f.NewSheet(name)
		return err
	}
	if s != nil {
		if err := sheet(SummarySheet); err != nil {
			return err
		}
		if err := writeSummary(f, st, s); err != nil {
			return err
		}
	}
	if rs != nil {
		used := map[string]bool{SummarySheet: true}
		for i := range rs.Forms {
			name := sheetName(rs.Forms[i].Key, i, used)
			if err := sheet(name); err != nil {
				return err
			}
			if err := writeForm(f, st, name, rs, &rs.Forms[i]); err != nil {
				return err
			}
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// sheetName makes a registration number a sheet name Excel takes: at most
// 31 characters, none of : \ / ? * [ ], unique in the workbook.
func sheetName(key string, i int, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) {
			return '_'
		}
		return r
	}, key)
	for utf8.RuneCountInString(name) > 31 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || used[name] {
		name = fmt.Sprintf("登记表%d", i+1)
	}
	used[name] = true
	return name
}

// styles are the cell styles of the workbook, made once.
type styles struct {
	title, meta, metaRight, head, label, text, number, total, totalLabel, part, note, plain, box, sign int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold}
	}
	gray := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}
	defs := []struct {
		id *int
		s  excelize.Style
	}{}
	var st styles
	add := func(id *int, s excelize.Style) {
		defs = append(defs, struct {
			id *int
			s  excelize.Style
		}{id, s})
	}
	add(&st.title, excelize.Style{Font: font(titleSize, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	add(&st.meta, excelize.Style{Font: font(10.5, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	add(&st.metaRight, excelize.Style{Font: font(10.5, false), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	add(&st.head, excelize.Style{Font: font(9, true), Border: border, Fill: gray, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&st.label, excelize.Style{Font: font(10, false), Border: border, Fill: gray, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&st.text, excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	add(&st.number, excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	add(&st.total, excelize.Style{Font: font(10, true), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	add(&st.totalLabel, excelize.Style{Font: font(10, true), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	add(&st.part, excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", Indent: 1}})
	add(&st.note, excelize.Style{Font: font(9, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	add(&st.plain, excelize.Style{Font: font(10.5, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	add(&st.box, excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	add(&st.sign, excelize.Style{Font: font(10, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "bottom"}})
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return &st, nil
}

// sheetWriter writes cells of one sheet and keeps the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func (w *sheetWriter) set(col, row int, v any, style int) {
	if w.err != nil {
		return
	}
	if w.err = w.f.SetCellValue(w.sheet, cell(col, row), v); w.err == nil {
		w.err = w.f.SetCellStyle(w.sheet, cell(col, row), cell(col, row), style)
	}
}

// merge merges a range and styles every cell of it, so that its borders
// are drawn whole.
func (w *sheetWriter) merge(c1, r1, c2, r2 int, v any, style int) {
	w.set(c1, r1, v, style)
	if w.err != nil {
		return
	}
	if w.err = w.f.SetCellStyle(w.sheet, cell(c1, r1), cell(c2, r2), style); w.err == nil && (c1 != c2 || r1 != r2) {
		w.err = w.f.MergeCell(w.sheet, cell(c1, r1), cell(c2, r2))
	}
}

func (w *sheetWriter) height(row int, h float64) {
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, row, h)
	}
}

func (w *sheetWriter) width(c1, c2 int, wd float64) {
	if w.err != nil {
		return
	}
	a, _ := excelize.ColumnNumberToName(c1)
	b, _ := excelize.ColumnNumberToName(c2)
	w.err = w.f.SetColWidth(w.sheet, a, b, wd)
}

// page sets the print layout: A4 in the orientation given, one page wide
// and high pages high (0: as many as it takes), rows first to last
// repeated on every page, the page number in the footer, the panes frozen
// below them.
func (w *sheetWriter) page(orientation string, high, first, last int, freezeCol int) {
	if w.err != nil {
		return
	}
	size, one, tall := a4, 1, high
	fit := true
	steps := []func() error{
		func() error {
			return w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall})
		},
		func() error { return w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}) },
		func() error {
			l, r, t, b, h := 0.4, 0.4, 0.5, 0.6, 0.3
			return w.f.SetPageMargins(w.sheet, &excelize.PageLayoutMarginsOptions{Left: &l, Right: &r, Top: &t, Bottom: &b, Footer: &h, Header: &h})
		},
		func() error { return w.f.SetHeaderFooter(w.sheet, &excelize.HeaderFooterOptions{OddFooter: footer}) },
		func() error {
			return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", w.sheet, first, last), Scope: w.sheet})
		},
		func() error {
			return w.f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, XSplit: freezeCol, YSplit: last, TopLeftCell: cell(freezeCol+1, last+1), ActivePane: "bottomRight"})
		},
	}
	for _, s := range steps {
		if w.err = s(); w.err != nil {
			return
		}
	}
}

func writeSummary(f *excelize.File, st *styles, s *report.Summary) error {
	w := &sheetWriter{f: f, sheet: SummarySheet}
	n := len(s.Columns) + 1
	w.width(1, 1, 20)
	w.width(2, n, 6.2)
	w.merge(1, 1, n, 1, s.Title, st.title)
	w.height(1, 32)
	half := n / 2
	w.merge(1, 2, half, 2, "填报单位："+s.Unit.Label, st.meta)
	w.merge(half+1, 2, n, 2, "填报日期："+report.ChineseDate(s.Date), st.metaRight)
	w.height(2, 20)
	w.merge(1, 3, 1, 4, "单位", st.head)
	for i := 0; i < len(s.Columns); {
		j := i
		for j < len(s.Columns) && s.Columns[j].Group == s.Columns[i].Group {
			j++
		}
		w.merge(i+2, 3, j+1, 3, s.Columns[i].Group, st.head)
		i = j
	}
	for i, c := range s.Columns {
		w.set(i+2, 4, c.Label, st.head)
	}
	w.height(3, 20)
	w.height(4, 96)
	row := 5
	for _, r := range s.Rows {
		label, num := st.text, st.number
		switch r.Kind {
		case report.RowTotal:
			label, num = st.totalLabel, st.total
		case report.RowCityList:
			label = st.part
		}
		w.set(1, row, r.Unit.Label, label)
		for i, v := range r.Counts {
			w.set(i+2, row, v, num)
		}
		w.height(row, 18)
		row++
	}
	w.merge(1, row, n, row, s.Note(), st.note)
	w.height(row, 30)
	row += 2
	quarter := max(1, n/4)
	for i, l := range report.SignOff {
		c := 1 + i*quarter
		w.merge(c, row, min(n, c+quarter-1), row, l, st.plain)
	}
	w.height(row, 22)
	w.page("landscape", 0, 3, 4, 1)
	return w.err
}

// formWidths are the widths of a registration form's four columns: title,
// value, title, value.
var formWidths = [4]float64{19, 26, 19, 26}

func writeForm(f *excelize.File, st *styles, name string, rs *report.Registrations, r *report.Registration) error {
	w := &sheetWriter{f: f, sheet: name}
	for i, wd := range formWidths {
		w.width(i+1, i+1, wd)
	}
	w.merge(1, 1, 4, 1, rs.Title, st.title)
	w.height(1, 34)
	w.merge(1, 2, 2, 2, "填报单位："+rs.Unit.Label, st.meta)
	w.merge(3, 2, 4, 2, "登记编号："+r.Key, st.metaRight)
	w.height(2, 20)
	row := 3
	for _, l := range r.Lines() {
		e := l.Entries
		if l.Wide {
			w.set(1, row, e[0].Title, st.label)
			w.merge(2, row, 4, row, e[0].Value, st.text)
			w.height(row, rowHeight(e[0].Value, formWidths[1]+formWidths[2]+formWidths[3]))
		} else {
			w.set(1, row, e[0].Title, st.label)
			w.set(2, row, e[0].Value, st.text)
			t, v := "", ""
			if len(e) == 2 {
				t, v = e[1].Title, e[1].Value
			}
			w.set(3, row, t, st.label)
			w.set(4, row, v, st.text)
			w.height(row, max(rowHeight(e[0].Value, formWidths[1]), rowHeight(v, formWidths[3])))
		}
		row++
	}
	for _, o := range r.Opinions {
		w.merge(1, row, 1, row+1, o.Title, st.label)
		w.merge(2, row, 4, row, o.Text, st.box)
		w.merge(2, row+1, 4, row+1, report.Signature, st.sign)
		w.height(row, 48)
		w.height(row+1, 20)
		row += 2
	}
	w.merge(1, row, 4, row, "填表日期："+report.ChineseDate(r.FilledOn), st.metaRight)
	w.height(row, 22)
	w.page("portrait", 1, 1, 2, 0) // a form is signed and stamped on one sheet of paper
	return w.err
}

// rowHeight is the height of a row whose cell of width wd (in characters
// of the default font) holds s, wrapped: 15 points a line, a CJK
// character taking two widths.
func rowHeight(s string, wd float64) float64 {
	lines := 0
	for _, l := range strings.Split(s, "\n") {
		n := 0
		for _, r := range l {
			if r < 0x2E80 {
				n++
			} else {
				n += 2
			}
		}
		lines += max(1, (n+int(wd)-1)/int(wd))
	}
	return float64(max(1, lines))*15 + 3
}
