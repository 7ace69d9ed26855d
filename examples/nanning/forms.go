package main

import (
	"bytes"
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

	// The workbook carries the summary's sheet and a sheet per
	// registration form, as the forms are printed; every Annex 2 file
	// holds the same people: the city list's.
	for _, f := range xlsx.Files(s, rs) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), b.Bytes(), 0o644); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "\n报表已写入 %s（身份证号、电话已遮盖）：\n", dir)
	fmt.Fprintf(w, "  %s.csv .json .md .html .xlsx：附件1 汇总表（xlsx 另含市级名单 %d 人的登记表，每人一页）\n", xlsx.SummaryName, len(rs.Forms))
	fmt.Fprintf(w, "  %s.csv .json .md .html：附件2 登记表，市级名单 %d 人\n", xlsx.RegistrationsName, len(rs.Forms))
	return nil
}
