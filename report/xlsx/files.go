package xlsx

import (
	"io"

	"github.com/newstrata/newstrata/report"
)

// The names of the files of the two forms, as the notice names its
// annexes, so that a clerk finds them by the words on the paper.
const (
	SummaryName       = "附件1_汇总表"
	RegistrationsName = "附件2_登记表"
)

// File is one file of the forms: its name and how it is written.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// Files lists every file of the two forms in every format: Annex 1 as
// CSV, JSON, Markdown, HTML and a workbook that also holds the
// registration forms, and Annex 2 as CSV, JSON, Markdown and HTML. It
// writes nothing; the caller puts each where it belongs.
func Files(s *report.Summary, rs *report.Registrations) []File {
	return []File{
		{SummaryName + ".csv", s.WriteCSV},
		{SummaryName + ".json", s.WriteJSON},
		{SummaryName + ".md", s.WriteMarkdown},
		{SummaryName + ".html", s.WriteHTML},
		{SummaryName + ".xlsx", func(w io.Writer) error { return Write(w, s, rs) }},
		{RegistrationsName + ".csv", rs.WriteCSV},
		{RegistrationsName + ".json", rs.WriteJSON},
		{RegistrationsName + ".md", rs.WriteMarkdown},
		{RegistrationsName + ".html", rs.WriteHTML},
	}
}
