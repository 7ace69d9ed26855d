package report

import (
	"fmt"
	"io"
	"strings"
)

var mdCell = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "<", "&lt;", ">", "&gt;")

// WriteMarkdown writes the summary as a Markdown table: each column's
// header is its group and its own (代表人士：合计), since Markdown merges no
// cells. It returns the first error of w.
func (s *Summary) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n填报单位：%s　　填报日期：%s\n\n", s.Title, s.Unit.Label, ChineseDate(s.Date))
	b.WriteString("| 单位 |")
	for _, c := range s.Columns {
		fmt.Fprintf(&b, " %s：%s |", mdCell.Replace(c.Group), mdCell.Replace(c.Label))
	}
	b.WriteString("\n|---|")
	for range s.Columns {
		b.WriteString("--:|")
	}
	b.WriteString("\n")
	for _, r := range s.Rows {
		label := mdCell.Replace(r.Unit.Label)
		if r.Kind == RowTotal {
			label = "**" + label + "**"
		}
		fmt.Fprintf(&b, "| %s |", label)
		for _, v := range r.Counts {
			fmt.Fprintf(&b, " %d |", v)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n%s\n\n%s\n", s.Note(), strings.Join(SignOff[:], "　　"))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes each form as a section: the record's fields and
// the outcome in a table, then the opinion boxes to sign and 填表日期. It
// returns the first error of w.
func (rs *Registrations) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n填报单位：%s　　共 %d 份\n", rs.Title, rs.Unit.Label, len(rs.Forms))
	for i := range rs.Forms {
		f := &rs.Forms[i]
		fmt.Fprintf(&b, "\n## %s %s\n\n| 项目 | 内容 | 项目 | 内容 |\n|---|---|---|---|\n", f.Key, mdCell.Replace(nameOf(f)))
		for _, l := range f.Lines() {
			e := l.Entries
			if len(e) == 1 {
				fmt.Fprintf(&b, "| %s | %s | | |\n", e[0].Title, mdCell.Replace(e[0].Value))
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", e[0].Title, mdCell.Replace(e[0].Value), e[1].Title, mdCell.Replace(e[1].Value))
		}
		for _, o := range f.Opinions {
			fmt.Fprintf(&b, "\n**%s**：%s\n\n%s\n", o.Title, mdCell.Replace(o.Text), Signature)
		}
		fmt.Fprintf(&b, "\n填表日期：%s\n", ChineseDate(f.FilledOn))
	}
	if len(rs.Unassessed) > 0 {
		fmt.Fprintf(&b, "\n本轮未评价、无登记记录的在库人员：%s\n", strings.Join(rs.Unassessed, "、"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// nameOf is the person's name on the form.
func nameOf(f *Registration) string {
	e, _ := f.Entry("姓名")
	return e.Value
}
