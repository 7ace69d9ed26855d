package report

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
)

// bom makes Excel and WPS read a CSV file as UTF-8.
const bom = "\uFEFF"

// WriteCSV writes the summary as CSV in UTF-8 with a byte-order mark, as
// the form is printed: the title, the reporting unit and date, two header
// rows (the column's group, then its own header; the first column is 单位
// in both), a row per row of the summary, the footnote and the lines to
// sign. It returns the first error of w.
func (s *Summary) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	n := len(s.Columns) + 1
	line := func(cells ...string) []string {
		out := make([]string, n)
		copy(out, cells)
		return out
	}
	_ = cw.Write(line(s.Title))
	_ = cw.Write(line("填报单位："+s.Unit.Label, "填报日期："+ChineseDate(s.Date)))
	groups, labels := line("单位"), line("单位")
	for i, c := range s.Columns {
		if i == 0 || s.Columns[i-1].Group != c.Group {
			groups[i+1] = c.Group
		}
		labels[i+1] = c.Label
	}
	_ = cw.Write(groups)
	_ = cw.Write(labels)
	for _, r := range s.Rows {
		cells := line(r.Unit.Label)
		for i, v := range r.Counts {
			cells[i+1] = strconv.Itoa(v)
		}
		_ = cw.Write(cells)
	}
	_ = cw.Write(line(s.Note()))
	_ = cw.Write(line(SignOff[:]...))
	cw.Flush()
	return cw.Error()
}

// WriteCSV writes the forms as CSV in UTF-8 with a byte-order mark: a
// header row, then a row per form with every field of the record by its
// title, the outcome, the opinion boxes (blank) and 填表日期. It is a
// table to sort and filter; the printed form is [xlsx] or HTML. It
// returns the first error of w.
//
// [xlsx]: https://pkg.go.dev/github.com/newstrata/newstrata/report/xlsx
func (rs *Registrations) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := []string{"登记编号"}
	if len(rs.Forms) > 0 {
		f := &rs.Forms[0]
		header = header[:0]
		for _, e := range slices.Concat(f.Fields, f.Outcome()) {
			header = append(header, e.Title)
		}
		for _, o := range f.Opinions {
			header = append(header, o.Title)
		}
	}
	_ = cw.Write(append(header, "填表日期"))
	for _, f := range rs.Forms {
		var cells []string
		for _, e := range slices.Concat(f.Fields, f.Outcome()) {
			cells = append(cells, e.Value)
		}
		for _, o := range f.Opinions {
			cells = append(cells, o.Text)
		}
		date := ""
		if !f.FilledOn.IsZero() {
			date = f.FilledOn.String()
		}
		_ = cw.Write(append(cells, date))
	}
	cw.Flush()
	return cw.Error()
}
