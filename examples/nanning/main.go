// Command nanning runs the main job on the embedded baseline: it reads the
// sample roster, validates every record, classifies, qualifies and
// evaluates each one under the Nanning 2019 reference policy on the
// reporting date of the notice, and prints what a clerk needs: counts by
// unit, group, status and grade, and every record it had to reject, with
// the reason.
//
//	go run ./examples/nanning                 # the checked-in sample roster
//	go run ./examples/nanning -roster my.csv  # a roster of your own
//	go run ./examples/nanning -out 报表       # also both forms, every format
package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/roster"
)

func main() {
	path := flag.String("roster", "", "roster CSV (default: the sample roster in testdata/)")
	date := flag.String("date", "2019-04-15", "assessment date")
	out := flag.String("out", "", "also write Annex 1 and Annex 2 in every format into this folder (附件1_汇总表.xlsx …)")
	flag.Parse()
	err := run(os.Stdout, *path, *date)
	if err == nil && *out != "" {
		err = writeForms(os.Stdout, *out, *path, *date)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "nanning:", err)
		os.Exit(1)
	}
}

// sampleRoster finds testdata/roster.csv from the module root or from this
// example's folder.
func sampleRoster() string {
	_, here, _, _ := runtime.Caller(0)
	for _, p := range []string{"testdata/roster.csv", filepath.Join(filepath.Dir(here), "..", "..", "testdata", "roster.csv")} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "testdata/roster.csv"
}

// readRoster reads the roster at path (the sample's when "") and the
// assessment date.
func readRoster(path, date string) (*roster.Batch, roster.Date, error) {
	if path == "" {
		path = sampleRoster()
	}
	asOf, err := roster.ParseDate(date)
	if err != nil {
		return nil, asOf, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, asOf, err
	}
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	return batch, asOf, err
}

func run(w io.Writer, path, date string) error {
	batch, asOf, err := readRoster(path, date)
	if err != nil {
		return err
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		return err
	}
	res, err := a.AssessAll(context.Background(), batch.Records, asOf, nil)
	if err != nil {
		return err
	}
	return report(w, a.Jurisdiction(), path, asOf, batch, res)
}

func report(w io.Writer, j *roster.Jurisdiction, path string, asOf roster.Date, batch *roster.Batch, res *newstrata.Batch) error {
	fmt.Fprintf(w, "%s 新的社会阶层代表人士综合评价（参考基线 nanning-2019，评价基准日 %s）\n", j.Name, asOf)
	fmt.Fprintf(w, "名册 %s：读取 %d 行，记录 %d 条，无法读取 %d 行；评价 %d 条，退回 %d 条\n\n",
		filepath.Base(path), len(batch.Records)+len(batch.Errors)+len(batch.Blank), len(batch.Records), len(batch.Errors),
		len(res.Assessments), len(res.Rejected))
	if len(batch.Missing) > 0 {
		fmt.Fprintf(w, "名册缺少的列（按未填写处理）：%s\n\n", strings.Join(batch.Missing, "、"))
	}

	type row struct {
		groups            [5]int
		other, undecided  int
		candidates        int
		removed, unqualif int
		grades            [5]int
	}
	rows := map[string]*row{}
	for _, u := range j.Units {
		rows[u.Code] = &row{}
	}
	var total row
	for _, as := range res.Assessments {
		code := as.Unit
		if u, ok := j.Unit(code); ok {
			code = u.Code
		}
		r := rows[code]
		for _, x := range []*row{r, &total} {
			switch as.Classification.Outcome {
			case classify.Classified:
				x.groups[as.Classification.Primary]++
			case classify.NotNewStrata:
				x.other++
			default:
				x.undecided++
			}
			switch as.Status {
			case newstrata.Candidate:
				x.candidates++
				x.grades[as.Evaluation.Grade]++
			case newstrata.Removed:
				x.removed++
			case newstrata.Unqualified:
				x.unqualif++
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "单位\tG1\tG2\tG3\tG4\t非新的社会阶层人士\t无法判定\t不符合资格\t候选\tA级\tB级\tC级\t剔除(D级)\t")
	line := func(name string, x *row) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", name,
			x.groups[classify.G1], x.groups[classify.G2], x.groups[classify.G3], x.groups[classify.G4],
			x.other, x.undecided, x.unqualif, x.candidates,
			x.grades[evaluate.GradeA], x.grades[evaluate.GradeB], x.grades[evaluate.GradeC], x.removed)
	}
	for _, u := range j.Units {
		line(u.Name, rows[u.Code])
	}
	line("合计", &total)
	if err := tw.Flush(); err != nil {
		return err
	}

	// The explanation of the best-placed candidate shows how every point
	// came about (the first one in roster order among equals).
	var best *newstrata.Assessment
	for _, as := range res.Assessments {
		if as.Status == newstrata.Candidate && (best == nil || as.Evaluation.Total.Cmp(best.Evaluation.Total) > 0) {
			best = as
		}
	}
	if best != nil {
		fmt.Fprintf(w, "\n得分最高的候选人：\n")
		if err := best.Evaluation.Explain(w); err != nil {
			return err
		}
	}

	if len(batch.Errors) > 0 {
		fmt.Fprintf(w, "\n无法读取的行（%d）：\n", len(batch.Errors))
		for _, e := range batch.Errors {
			fmt.Fprintf(w, "  %v\n", e)
		}
	}
	if len(res.Rejected) > 0 {
		fmt.Fprintf(w, "\n退回的记录（%d）：\n", len(res.Rejected))
		rejected := slices.Clone(res.Rejected)
		for _, r := range rejected {
			fmt.Fprintf(w, "  第 %d 行：%v\n", batch.Lines[r.Index], r.Err)
		}
	}
	if len(res.Undeclared) > 0 {
		fmt.Fprintf(w, "\n政策未声明、未计入评价的输入项：\n")
		for _, u := range res.Undeclared {
			fmt.Fprintf(w, "  %s：%d 条记录（首条 %s）\n", u.Input, u.Records, u.First)
		}
	}
	return nil
}
