// Command database keeps the database of representatives the Nanning
// notice asks for (建立完善代表人士数据库) in SQLite, round after round. It
// assesses the sample roster under the embedded baseline, runs the first
// round with tier.Round and saves it; a year later, with some people's
// records changed, it loads the registry back from the database, runs the
// second round and saves that; then it asks the database what a unit
// asks: who is on the city's list, who was removed and why, one person's
// history, and a county-district's own list, which shows that unit's
// people only.
//
//	go run ./examples/database               # a temporary database, deleted afterwards
//	go run ./examples/database -db reps.db   # a database file of your own (new)
//
// The database is SQLite through database/sql with modernc.org/sqlite, a
// driver in pure Go (no cgo). Only this example links it: the library
// decides, the store writes down and reads back. schema.sql describes the
// tables.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

func main() {
	db := flag.String("db", "", "SQLite database file, new or empty (default: a temporary file)")
	flag.Parse()
	if err := start(*db); err != nil {
		fmt.Fprintln(os.Stderr, "database:", err)
		os.Exit(1)
	}
}

func start(db string) error {
	if db == "" {
		dir, err := os.MkdirTemp("", "newstrata-database-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "representatives.db")
	}
	return run(context.Background(), os.Stdout, db, "")
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

// The two rounds: the reporting date of the notice, and a year later.
var (
	firstRound  = roster.NewDate(2019, 4, 15)
	secondRound = roster.NewDate(2020, 4, 15)
)

// run runs the example on a new database file db with the roster at path
// ("" for the sample roster, whose people the year's events and the
// queries name).
func run(ctx context.Context, w io.Writer, db, path string) error {
	if path == "" {
		path = sampleRoster()
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	batch, err := roster.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		return err
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		return err
	}
	j := a.Jurisdiction()

	s, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	if prev, err := s.load(ctx); err != nil {
		return err
	} else if prev != nil {
		return fmt.Errorf("数据库 %s 已有评价记录（数据库日期 %s），本示例需要一个新的数据库文件", db, prev.AsOf())
	}

	fmt.Fprintf(w, "%s 新的社会阶层代表人士数据库（SQLite），两轮动态管理\n", j.Name)
	records := batch.Records
	for i, when := range []roster.Date{firstRound, secondRound} {
		if i == 1 {
			fmt.Fprintf(w, "\n一年间的变化（第二轮评价前修改的名册记录）：\n")
			if records, err = nextYear(w, records); err != nil {
				return err
			}
		}
		// Each round starts from what the database holds.
		prev, err := s.load(ctx)
		if err != nil {
			return err
		}
		// The lists are the policy's (200 on the city's, 50 on each
		// county-district's); the front door assesses and selects.
		reg, ch, b, err := a.Round(ctx, prev, records, when, nil)
		if err != nil {
			return err
		}
		round := make([]tier.Assessed, len(b.Assessments))
		for i, as := range b.Assessments {
			round[i] = as.Tier()
		}
		rejected := len(b.Rejected)
		policies := policiesOf(round)
		id, err := s.save(ctx, reg, ch, policies)
		if err != nil {
			return err
		}
		printRound(w, id, ch, reg, policies)
		if rejected > 0 {
			// A person in the database whose record was refused is kept
			// with the last assessment (tier.Round never takes absence as
			// a reason to remove); examples/nanning says what is wrong.
			fmt.Fprintf(w, "  名册中有 %d 条记录无法评价，未参加本轮\n", rejected)
		}
	}
	return query(ctx, w, s, j)
}
