package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/policytest"
	"github.com/newstrata/newstrata/roster"
)

// runCases loads the policy folder DIR as the unit -from hands it in and
// runs the test cases beside its policies (*_cases.yaml), printing every
// mismatch.
func runCases(args []string, stdout, stderr io.Writer) int {
	j := roster.Nanning()
	fl := flags("cases", stderr)
	fromS := fromFlag(fl, j, false)
	pos, code, ok := parse(fl, args, 1, 1)
	if !ok {
		return code
	}
	unit, code := from(stderr, "cases", j, *fromS)
	if unit == "" {
		return code
	}
	dir := pos[0]
	if _, err := os.Stat(dir); err != nil {
		return fail(stderr, "cases", exitFile, err)
	}
	fsys := os.DirFS(dir)
	set, err := policy.LoadFS(j, unit, fsys, ".", policy.WithBaseline())
	if err != nil {
		return fail(stderr, "cases", codeOf(err), err)
	}
	suites, err := policytest.LoadFS(fsys, ".")
	if err != nil {
		return fail(stderr, "cases", codeOf(err), err)
	}
	if len(suites) == 0 {
		fmt.Fprintf(stderr, "newstrata cases: %s 中没有用例文件 (*_cases.yaml) (no cases file in %s)\n", dir, dir)
		return exitProblems
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		return fail(stderr, "cases", exitProblems, err)
	}
	code = exitOK
	for _, s := range suites {
		p, ok := set.Policy(s.Policy)
		if !ok {
			fmt.Fprintf(stdout, "%s：%s 中没有政策 %s (policy %s is not in %s)\n", s.Name, dir, s.Policy, s.Policy, dir)
			code = exitProblems
			continue
		}
		r := s.Run(a, p)
		fmt.Fprint(stdout, r)
		if !r.OK() {
			code = exitProblems
		}
	}
	return code
}

// codeOf is the exit code of a loading error: exitFile when a file could
// not be read, else exitProblems.
func codeOf(err error) int {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return exitFile
	}
	return exitProblems
}
