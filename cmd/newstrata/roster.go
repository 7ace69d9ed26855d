package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	rosterxlsx "github.com/newstrata/newstrata/roster/xlsx"
)

// roundFlags are the flags assess and report share.
type roundFlags struct {
	date, policies, from string
}

func (rf *roundFlags) add(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&rf.date, "date", defaultDate, "评价基准日 (the assessment date)")
	fs.StringVar(&rf.policies, "policies", "", "政策文件夹；不给时用内置基线 (a policy folder; the embedded baseline when not given)")
	fs.StringVar(&rf.from, "from", "", "交政策文件夹的单位，与 -policies 同用 (the unit that hands the policy folder in, with -policies)")
}

// setup reads the date and the policies the flags give: an Assessor for
// them, the policies, the date, and 0; or nil and the exit code, the problem reported.
func (rf *roundFlags) setup(stderr io.Writer, cmd string) (*newstrata.Assessor, *policy.Set, roster.Date, int) {
	j := roster.Nanning()
	asOf, err := roster.ParseDate(rf.date)
	if err != nil {
		return nil, nil, asOf, usageError(stderr, cmd, "-date 不是日期："+err.Error(), "-date is not a date")
	}
	var set *policy.Set
	switch {
	case rf.policies == "" && rf.from != "":
		return nil, nil, asOf, usageError(stderr, cmd, "-from 需与 -policies 同用", "-from goes with -policies")
	case rf.policies == "":
		set, err = policy.NewSet(j, nil, policy.WithBaseline())
	default:
		unit, code := from(stderr, cmd, j, rf.from)
		if unit == "" {
			return nil, nil, asOf, code
		}
		if _, err := os.Stat(rf.policies); err != nil {
			return nil, nil, asOf, fail(stderr, cmd, exitFile, err)
		}
		set, err = policy.LoadFS(j, unit, os.DirFS(rf.policies), ".", policy.WithBaseline())
	}
	if err != nil {
		return nil, nil, asOf, fail(stderr, cmd, codeOf(err), err)
	}
	a, err := newstrata.New(newstrata.Config{Policies: set, Progress: progress(stderr)})
	if err != nil {
		return nil, nil, asOf, fail(stderr, cmd, exitProblems, err)
	}
	return a, set, asOf, exitOK
}

// progressFrom is the size of a roster from which a progress line is shown.
const progressFrom = 1000

// progressDone ends the progress line, if progress showed one.
func progressDone(stderr io.Writer, total int) {
	if total >= progressFrom {
		fmt.Fprintf(stderr, "\r评价完成 (assessed) %d/%d\n", total, total)
	}
}

// progress returns a Config.Progress that keeps one line on stderr up to
// date, a tenth at a time, for rosters of progressFrom records or more.
func progress(stderr io.Writer) func(done, total int) {
	var mu sync.Mutex
	shown := -1
	return func(done, total int) {
		if total < progressFrom {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		tenth := done * 10 / total
		if tenth == shown {
			return
		}
		shown = tenth
		fmt.Fprintf(stderr, "\r评价中 (assessing) %d%%", tenth*10)
	}
}

// readRoster reads a roster file: an .xlsx workbook through roster/xlsx,
// anything else as CSV in whatever encoding it is in. A file that cannot
// be opened gives exitFile; one that is not a roster, exitProblems.
func readRoster(stderr io.Writer, cmd, path string, j *roster.Jurisdiction) (*roster.Batch, int) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(stderr, cmd, exitFile, err)
	}
	defer f.Close()
	var r *roster.Reader
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		r, err = rosterxlsx.NewReader(f)
		if err != nil {
			return nil, fail(stderr, cmd, exitProblems, fmt.Errorf("%s: %w", path, err))
		}
	} else {
		r = roster.NewReader(f)
	}
	r.Jurisdiction = j
	batch, err := r.ReadAll()
	if err != nil {
		return nil, fail(stderr, cmd, exitProblems, fmt.Errorf("%s: %w", path, err))
	}
	return batch, exitOK
}
