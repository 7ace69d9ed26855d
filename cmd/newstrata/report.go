package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newstrata/newstrata/report"
	"github.com/newstrata/newstrata/report/xlsx"
	"github.com/newstrata/newstrata/tier"
)

// runReport runs the first round of the database on a roster and writes
// Annex 1 and Annex 2 in every format into -out. Personal data is masked,
// as the forms mask it by default. Rejected records are listed on stderr
// and make the exit code exitProblems, the forms written all the same.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flags("report", stderr)
	var rf roundFlags
	rf.add(fs)
	dir := fs.String("out", "", "写入报表的文件夹，没有时新建 (the folder to write the forms into, made if need be)")
	pos, code, ok := parse(fs, args, 1, 1)
	if !ok {
		return code
	}
	if *dir == "" {
		return usageError(stderr, "report", "需要 -out 指明报表文件夹", "-out is needed: the folder for the forms")
	}
	a, set, asOf, code := rf.setup(stderr, "report")
	if a == nil {
		return code
	}
	// The city's policy ranks the lists; its bands draw the histogram's
	// cut lines.
	_, city, err := set.Lists(asOf)
	if err != nil {
		return fail(stderr, "report", exitProblems, err)
	}
	batch, code := readRoster(stderr, "report", pos[0], a.Jurisdiction())
	if batch == nil {
		return code
	}
	// A folder that cannot be made fails before the round is run.
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return fail(stderr, "report", exitFile, err)
	}
	reg, _, res, err := a.Round(context.Background(), nil, batch.Records, asOf, nil)
	if err != nil {
		return fail(stderr, "report", exitProblems, err)
	}
	progressDone(stderr, len(batch.Records))
	src := report.Source{
		Jurisdiction: a.Jurisdiction(),
		Registry:     reg,
		People:       make([]report.Person, 0, len(res.Assessments)),
		Date:         asOf,
		Bands:        city.Evaluator().Scheme().Grades,
	}
	for _, as := range res.Assessments {
		src.People = append(src.People, report.Person{
			Record:         batch.Records[as.Index],
			Classification: as.Classification,
			Evaluation:     as.Evaluation,
		})
	}
	s, err := report.NewSummary(src)
	if err != nil {
		return fail(stderr, "report", exitProblems, err)
	}
	rs, err := report.NewRegistrations(src, report.Seats(tier.SeatCity))
	if err != nil {
		return fail(stderr, "report", exitProblems, err)
	}
	for _, f := range xlsx.Files(s, rs) {
		var b bytes.Buffer
		err := f.Write(&b)
		if err == nil {
			err = os.WriteFile(filepath.Join(*dir, f.Name), b.Bytes(), 0o644)
		}
		if err != nil {
			return fail(stderr, "report", exitFile, fmt.Errorf("%s: %w", f.Name, err))
		}
	}
	fmt.Fprintf(stdout, "评价 %d 条，退回 %d 条，无法读取 %d 行；市级名单 %d 人 (%d assessed, %d rejected, %d rows unreadable; %d on the city list)\n",
		len(res.Assessments), len(res.Rejected), len(batch.Errors), len(rs.Forms),
		len(res.Assessments), len(res.Rejected), len(batch.Errors), len(rs.Forms))
	fmt.Fprintf(stdout, "报表已写入 %s（身份证号、电话已遮盖）(forms written, personal data masked):\n", *dir)
	for _, f := range xlsx.Files(s, rs) {
		fmt.Fprintf(stdout, "  %s\n", f.Name)
	}
	if len(res.Rejected)+len(batch.Errors) == 0 {
		return exitOK
	}
	for _, e := range batch.Errors {
		fmt.Fprintf(stderr, "无法读取 (unreadable): %v\n", e)
	}
	for _, rj := range res.Rejected {
		fmt.Fprintf(stderr, "退回 (rejected) 第 %d 行 (line %d): %v\n", batch.Lines[rj.Index], batch.Lines[rj.Index], rj.Err)
	}
	return exitProblems
}
