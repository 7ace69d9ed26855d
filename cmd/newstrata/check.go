package main

import (
	"fmt"
	"io"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// runCheck parses and loads policy files as the unit -from hands them in,
// with the embedded baseline to extend, and reports every problem of every
// file at once; when there is none it prints 无误 and each policy's
// fingerprint.
func runCheck(args []string, stdout, stderr io.Writer) int {
	j := roster.Nanning()
	fs := flags("check", stderr)
	fromS := fromFlag(fs, j, true)
	paths, code, ok := parse(fs, args, 1, -1)
	if !ok {
		return code
	}
	unit, code := from(stderr, "check", j, *fromS)
	if unit == "" {
		return code
	}
	files, code := readPolicyFiles(stderr, "check", unit, paths)
	if files == nil {
		return code
	}
	set, err := policy.NewSet(j, files, policy.WithBaseline())
	if err != nil {
		return fail(stderr, "check", exitProblems, err)
	}
	fmt.Fprintln(stdout, "无误 (ok)")
	for _, f := range files {
		p, _ := set.Policy(f.ID())
		fmt.Fprintf(stdout, "%s\t%s\t版本校验码 (fingerprint) %s\n", f.Name, p.ID(), p.Fingerprint())
	}
	return exitOK
}

// readPolicyFiles reads and parses every file, reporting the problems of
// all of them before it gives up: nil and the exit code when any has one
// (exitFile before exitProblems).
func readPolicyFiles(stderr io.Writer, cmd, from string, paths []string) ([]*policy.File, int) {
	var files []*policy.File
	worst := exitOK
	for _, path := range paths {
		f, code, err := readPolicyFile(from, path)
		if err != nil {
			fail(stderr, cmd, code, err)
			worst = max(worst, code)
			continue
		}
		files = append(files, f)
	}
	if worst != exitOK {
		return nil, worst
	}
	return files, exitOK
}
