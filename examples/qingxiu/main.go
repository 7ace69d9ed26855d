// Command qingxiu shows a county-district customising the city's index
// system: 青秀区 (450103) overlays the Nanning 2019 baseline with
// policy/qingxiu-2019.yaml, pins the overlay with the cases in
// policy/qingxiu-2019_cases.yaml, and sees what it would do to its people
// before adopting it. It prints
//
//  1. what the overlay changes in the city's policy (policy.Diff),
//  2. the county's cases run against the overlay (policytest),
//  3. how the grades of the sample roster's 450103 records move from the
//     city's policy to the county's (Assessor.Compare): counts per grade
//     before and after, and the records that change grade.
//
// The policy folder is embedded, so the command runs from anywhere:
//
//	go run ./examples/qingxiu
//	go run ./examples/qingxiu -roster my.csv -date 2019-04-15
//
// The sample roster has no column for the county's own input, rural
// (乡村振兴捐助, in 万元). The overlay declares a default of 0 for it, which
// means "not reported": records without it score 0 on 乡村振兴贡献 instead
// of being rejected. A roster that reports it has a column titled rural.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"text/tabwriter"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/policytest"
	"github.com/newstrata/newstrata/roster"
)

//go:embed policy
var policyFS embed.FS

// unit is 青秀区's GB/T 2260 code.
const unit = "450103"

// shown is how many of the records that change grade are listed.
const shown = 10

func main() {
	path := flag.String("roster", "", "roster CSV (default: the sample roster in testdata/)")
	date := flag.String("date", "2019-04-15", "assessment date")
	flag.Parse()
	if err := run(os.Stdout, *path, *date); err != nil {
		fmt.Fprintln(os.Stderr, "qingxiu:", err)
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

func run(w io.Writer, path, date string) error {
	if path == "" {
		path = sampleRoster()
	}
	asOf, err := roster.ParseDate(date)
	if err != nil {
		return err
	}
	j := roster.Nanning()
	set, err := policy.LoadFS(j, unit, policyFS, "policy", policy.WithBaseline()) // 青秀区 hands its folder in
	if err != nil {
		return err
	}
	suites, err := policytest.LoadFS(policyFS, "policy")
	if err != nil {
		return err
	}
	base, _ := set.Policy(policy.BaselineID)
	next, err := set.For(unit, asOf) // the county's version in force that day
	if err != nil {
		return err
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "%s（%s %s）\n", next.Name(), j.UnitName(unit), unit)
	fmt.Fprintf(w, "政策 %s，在市级基线 %s 上调整；评价基准日 %s\n", next.ID(), base.ID(), asOf)

	fmt.Fprintf(w, "\n一、调整内容\n")
	for _, c := range policy.Diff(base.Document(), next.Document()) {
		fmt.Fprintf(w, "  %s\n", c)
	}

	fmt.Fprintf(w, "\n二、测试用例\n")
	for _, s := range suites {
		p, ok := set.Policy(s.Policy)
		if !ok {
			return fmt.Errorf("%s: policy %q is not in the policy folder", s.Name, s.Policy)
		}
		rep := s.Run(a, p)
		for _, m := range rep.Mismatches {
			fmt.Fprintf(w, "  %s\n", m)
		}
		fmt.Fprintf(w, "  %s：用例 %d 个，通过 %d 个，检查 %d 项\n", s.Name, rep.Cases, rep.Passed, rep.Checks)
	}

	records, invalid, unreadable, err := readUnit(path, j, asOf)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n三、对样本名册的影响（%s，%s的记录 %d 条", filepath.Base(path), j.UnitName(unit), len(records))
	if invalid > 0 {
		fmt.Fprintf(w, "，另有 %d 条未通过校验或登记编号重复，不计", invalid)
	}
	if unreadable > 0 {
		fmt.Fprintf(w, "；名册另有 %d 行无法读取", unreadable)
	}
	fmt.Fprintf(w, "）\n")
	for _, in := range next.Document().Inputs {
		if n := missingInput(records, in.ID); n > 0 && in.Default != nil {
			fmt.Fprintf(w, "  其中 %d 条没有 %s（%s）一列或未填写：按政策声明的默认值 %s 计，即“未报送”。\n", n, in.ID, in.Label, *in.Default)
		}
	}
	im, err := a.Compare(context.Background(), base, next, a.Prepare(records, asOf))
	if err != nil {
		return err
	}
	return impact(w, im)
}

// readUnit reads the roster and keeps the county's valid records; invalid
// counts the county's records that fail validation, unreadable the rows of
// the whole roster that could not be read (their unit is unknown).
func readUnit(path string, j *roster.Jurisdiction, asOf roster.Date) (records []*roster.Record, invalid, unreadable int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	if err != nil {
		return nil, 0, 0, err
	}
	v, err := roster.NewValidator(j)
	if err != nil {
		return nil, 0, 0, err
	}
	seen := map[string]bool{}
	for i, r := range batch.Records {
		if u, ok := j.Unit(r.Unit); !ok || u.Code != unit { // a former code is the unit too
			continue
		}
		if v.ValidateAt(r, i, asOf) != nil || seen[r.Key] { // a repeated key is counted once
			invalid++
			continue
		}
		seen[r.Key] = true
		records = append(records, r)
	}
	return records, invalid, len(batch.Errors), nil
}

func missingInput(records []*roster.Record, id string) int {
	n := 0
	for _, r := range records {
		if v, ok := r.Extra[id]; !ok || v == "" {
			n++
		}
	}
	return n
}

func impact(w io.Writer, im *newstrata.Impact) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "等次\t%s\t%s\t变化\t\n", im.Base, im.Next)
	for g := evaluate.GradeA; g <= evaluate.GradeD; g++ {
		before, after := im.Before.Grades[g], im.After.Grades[g]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%+d\t\n", g.Label(), before, after, after-before)
	}
	fmt.Fprintf(tw, "符合资格条件\t%d\t%d\t%+d\t\n", im.Before.Qualified, im.After.Qualified, im.After.Qualified-im.Before.Qualified)
	if err := tw.Flush(); err != nil {
		return err
	}
	var moved []newstrata.Shift
	for _, s := range im.Shifts {
		if s.Before.Grade != s.After.Grade {
			moved = append(moved, s)
		}
	}
	fmt.Fprintf(w, "  结果变化 %d 人（资格、等次、去留或总分），等次变化 %d 人", len(im.Shifts), len(moved))
	if len(im.Rejected) > 0 {
		fmt.Fprintf(w, "，无法评价 %d 人", len(im.Rejected))
	}
	fmt.Fprintln(w)
	for _, r := range im.Rejected {
		fmt.Fprintf(w, "  无法评价：%v\n", r.Err)
	}
	if len(moved) == 0 {
		return nil
	}
	fmt.Fprintf(w, "  等次变化的记录（前 %d 条）：\n", min(shown, len(moved)))
	for _, s := range moved[:min(shown, len(moved))] {
		fmt.Fprintf(w, "    %s  %s %6s → %s %6s  %s\n", s.Key,
			s.Before.Grade.Code(), s.Before.Total.StringFixed(2),
			s.After.Grade.Code(), s.After.Total.StringFixed(2), s.After.Status.Label())
	}
	return nil
}
