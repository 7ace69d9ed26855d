package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	// As annex: main.go's report func, which prints the counts, holds the name.
	annex "github.com/newstrata/newstrata/report"
	"github.com/newstrata/newstrata/report/xlsx"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

// The files -out writes, named as the notice names its annexes so that a
// clerk finds them by the words on the paper. The workbook carries the
// summary's sheet and a sheet per registration form, as the forms are
// printed; every Annex 2 file holds the same people: the city list's.
const (
	summaryName       = "附件1_汇总表"
	registrationsName = "附件2_登记表"
)

// formFile is one file of the forms and how it is written.
type formFile struct {
	name  string
	write func(io.Writer) error
}

// writeForms runs the first round of the database on the roster at path
// (the sample's when ""), as of date, and writes both forms in every
// format into dir, which it makes if need be; then it tells w what it
// wrote. The reporting unit is the city and the reporting date the
// assessment date. Citizen IDs and phone numbers are masked in every file.
func writeForms(w io.Writer, dir, path, date string) error {
	// A folder that cannot be made fails before the round is run.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	batch, asOf, err := readRoster(path, date)
	if err != nil {
		return err
	}
	set, err := policy.NewSet(roster.Nanning(), nil, policy.WithBaseline())
	if err != nil {
		return err
	}
	// The city's policy ranks the lists and draws the histogram's cut lines.
	_, city, err := set.Lists(asOf)
	if err != nil {
		return err
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		return err
	}
	reg, _, res, err := a.Round(context.Background(), nil, batch.Records, asOf, nil)
	if err != nil {
		return err
	}
	people := make([]annex.Person, 0, len(res.Assessments))
	for _, as := range res.Assessments {
		people = append(people, annex.Person{
			Record:         batch.Records[as.Index],
			Classification: as.Classification,
			Evaluation:     as.Evaluation,
		})
	}
	src := annex.Source{
		Jurisdiction: a.Jurisdiction(),
		Registry:     reg,
		People:       people,
		Date:         asOf,
		Bands:        city.Evaluator().Scheme().Grades,
	}
	s, err := annex.NewSummary(src)
	if err != nil {
		return err
	}
	rs, err := annex.NewRegistrations(src, annex.Seats(tier.SeatCity))
	if err != nil {
		return err
	}

	files := []formFile{
		{summaryName + ".csv", s.WriteCSV},
		{summaryName + ".json", s.WriteJSON},
		{summaryName + ".md", s.WriteMarkdown},
		{summaryName + ".html", s.WriteHTML},
		{summaryName + ".xlsx", func(w io.Writer) error { return xlsx.Write(w, s, rs) }},
		{registrationsName + ".csv", rs.WriteCSV},
		{registrationsName + ".json", rs.WriteJSON},
		{registrationsName + ".md", rs.WriteMarkdown},
		{registrationsName + ".html", rs.WriteHTML},
	}
	for _, ff := range files {
		if err := writeFile(filepath.Join(dir, ff.name), ff.write); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "\n报表已写入 %s（身份证号、电话已遮盖）：\n", dir)
	fmt.Fprintf(w, "  %s.csv .json .md .html .xlsx：附件1 汇总表（xlsx 另含市级名单 %d 人的登记表，每人一页）\n", summaryName, len(rs.Forms))
	fmt.Fprintf(w, "  %s.csv .json .md .html：附件2 登记表，市级名单 %d 人\n", registrationsName, len(rs.Forms))
	return nil
}

// writeFile writes one file through write, reporting the file's name with
// any error, the one of closing it included.
func writeFile(name string, write func(io.Writer) error) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	b := bufio.NewWriter(f)
	if err := write(b); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
