package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// runDiff prints in words what NEXT changes of BASE, each a policy id (of
// the embedded baseline or of a file given) or a policy file, as the unit
// -from hands the files in.
func runDiff(args []string, stdout, stderr io.Writer) int {
	j := roster.Nanning()
	fs := flags("diff", stderr)
	fromS := fromFlag(fs, j, true)
	pos, code, ok := parse(fs, args, 2, 2)
	if !ok {
		return code
	}
	unit, code := from(stderr, "diff", j, *fromS)
	if unit == "" {
		return code
	}
	var paths []string
	for _, a := range pos {
		if isFile(a) {
			paths = append(paths, a)
		}
	}
	files, code := readPolicyFiles(stderr, "diff", unit, paths)
	if code != exitOK {
		return code
	}
	set, err := policy.NewSet(j, files, policy.WithBaseline())
	if err != nil {
		return fail(stderr, "diff", exitProblems, err)
	}
	var docs [2]*policy.Document
	var ids [2]string
	for i, a := range pos {
		id := a
		if isFile(a) {
			id = files[slices.Index(paths, a)].ID() // files are paths' order
		}
		p, ok := set.Policy(id)
		if !ok {
			return usageError(stderr, "diff", fmt.Sprintf("没有编号为 %s 的政策", id), fmt.Sprintf("no policy has the id %s", id))
		}
		docs[i], ids[i] = p.Document(), id
	}
	changes := policy.Diff(docs[0], docs[1])
	if len(changes) == 0 {
		fmt.Fprintf(stdout, "%s 与 %s 没有差别 (no changes)\n", ids[1], ids[0])
		return exitOK
	}
	fmt.Fprintf(stdout, "%s 相对 %s 的改动，共 %d 处 (%d changes):\n", ids[1], ids[0], len(changes), len(changes))
	for _, c := range changes {
		fmt.Fprintf(stdout, "  %s\n", c)
	}
	return exitOK
}
