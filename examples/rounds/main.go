// Command rounds runs two rounds of dynamic management (动态管理) of the
// database of representatives, as the notice asks: the city's list of
// 200 and each county-district's list of 50, chosen by the lists section
// of the city's policy, with 青秀区 (450103) scoring its people under its
// own overlay (policy/qingxiu-2019.yaml): its list ranks by its scores,
// the city list by the city's.
//
//  1. Round 1, on the notice's reporting date (2019-04-15), on the sample
//     roster: everyone qualified and graded A to C enters the database,
//     the best of them onto a list.
//  2. Round 2, a year later (2020-04-15), on the same roster with changes
//     made in code, deterministically, from round 1's lists: the three
//     best held back from the city list win a national award; the first
//     two on the city list become dishonest judgment debtors (失信被执行人,
//     a veto: 剔除); the first on 兴宁区's list moves to 江南区.
//
// For each round it prints every list's cut line (分数线: the lowest
// admitted score, the last admitted and the first held back and what
// separated them, the ties at the line), who was held back above the line
// for group coverage, and the shortfalls; then the change list.
//
//	go run ./examples/rounds
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

//go:embed policy
var policyFS embed.FS

// The units the example changes.
const (
	qingxiu    = "450103" // scores under its own overlay
	xingning   = "450102" // one of its people moves ...
	jiangnan   = "450105" // ... to here
	improved   = 3        // held back from the city list, then win an award
	vetoed     = 2        // on the city list, then vetoed
	heldShown  = 3        // held-back candidates printed per list
	changeRoom = 60       // changes printed per kind before "……"
)

var (
	round1 = roster.NewDate(2019, 4, 15)
	round2 = roster.NewDate(2020, 4, 15)
)

func main() {
	path := flag.String("roster", "", "roster CSV (default: the sample roster in testdata/)")
	flag.Parse()
	if err := run(os.Stdout, *path); err != nil {
		fmt.Fprintln(os.Stderr, "rounds:", err)
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

func run(w io.Writer, path string) error {
	if path == "" {
		path = sampleRoster()
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	set, err := policy.LoadFS(roster.Nanning(), qingxiu, policyFS, "policy", policy.WithBaseline())
	if err != nil {
		return err
	}
	a, err := newstrata.New(newstrata.Config{Policies: set})
	if err != nil {
		return err
	}
	j := a.Jurisdiction()
	ctx := context.Background()

	reg1, ch1, b1, err := a.Round(ctx, nil, batch.Records, round1, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "第一轮 %s：名册 %d 条，评价 %d 条，退回 %d 条\n", round1, len(batch.Records), len(b1.Assessments), len(b1.Rejected))
	lists(w, j, ch1)
	changes(w, j, ch1)

	next, notes := change(batch.Records, ch1)
	fmt.Fprintln(w, "\n第二轮之前的变化（由第一轮的名单确定）：")
	for _, n := range notes {
		fmt.Fprintln(w, "  "+n)
	}
	_, ch2, b2, err := a.Round(ctx, reg1, next, round2, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n第二轮 %s：名册 %d 条，评价 %d 条，退回 %d 条\n", round2, len(next), len(b2.Assessments), len(b2.Rejected))
	lists(w, j, ch2)
	changes(w, j, ch2)
	return nil
}

// change returns round 2's roster: copies of the records, with the
// changes the example makes, and a line for each.
func change(records []*roster.Record, ch *tier.Changes) ([]*roster.Record, []string) {
	city := ch.Selection.Lists[0]
	var xn tier.ListResult
	for _, lr := range ch.Selection.Lists {
		if lr.List.Unit == xingning {
			xn = lr
		}
	}
	award, veto, move := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range city.HeldBack {
		if len(award) < improved && e.Reason == tier.ReasonQuota {
			award[e.Key] = true
		}
	}
	for _, ad := range city.Admitted[:vetoed] {
		veto[ad.Candidate.Key] = true
	}
	move[xn.Admitted[0].Candidate.Key] = true

	var out []*roster.Record
	var notes []string
	for _, r := range records {
		c := *r
		c.Awards = slices.Clone(r.Awards)
		switch {
		case award[c.Key]:
			c.Awards = append(c.Awards, roster.Award{Name: "全国优秀新的社会阶层人士", Level: roster.National, Year: 2019})
			notes = append(notes, c.Key+" 获国家级表彰（荣誉表彰加分）")
		case veto[c.Key]:
			c.DishonestDebtor = true
			notes = append(notes, c.Key+" 被列为失信被执行人（一票否决）")
		case move[c.Key]:
			c.Unit = jiangnan
			notes = append(notes, c.Key+" 所属单位由兴宁区改为江南区")
		}
		out = append(out, &c)
	}
	slices.Sort(notes)
	return out, notes
}

// lists prints each list's line, its held back above the line and its
// shortfalls.
func lists(w io.Writer, j *roster.Jurisdiction, ch *tier.Changes) {
	for _, lr := range ch.Selection.Lists {
		l := lr.List
		ranked := "（按市级政策评分排序）"
		if l.Unit != "" {
			ranked = "（按" + j.UnitName(l.Unit) + "适用的政策评分排序）"
		}
		fmt.Fprintf(w, "\n【%s】%s 名额 %d，候选 %d，可排序 %d，入选 %d", l.Label, ranked, l.Quota, lr.Considered, lr.Eligible, len(lr.Admitted))
		if lr.Short > 0 {
			fmt.Fprintf(w, "，缺额 %d", lr.Short)
		}
		fmt.Fprintln(w)
		if len(lr.Admitted) == 0 {
			continue
		}
		c := lr.Cut
		fmt.Fprintf(w, "  分数线 %s；末位入选 %s", c.Score, c.Last)
		if c.Next != "" {
			fmt.Fprintf(w, "，首位未入选 %s（以“%s”分先后）", c.Next, c.DecidedBy.Label())
		}
		fmt.Fprintln(w)
		for _, t := range c.Ties {
			fmt.Fprintf(w, "  同分未入选 %s（以“%s”分先后）\n", t.Key, t.DecidedBy.Label())
		}
		shown := 0
		for _, e := range lr.HeldBack {
			if e.Rank == 0 || shown == heldShown {
				break
			}
			shown++
			fmt.Fprintf(w, "  未入选 第%d名 %s %s %s：%s\n", e.Rank, e.Key, e.Group.Code(), e.Grade.Label(), e.Reason.Label())
		}
		var short []string
		cover := 0
		for _, g := range lr.Groups {
			cover += g.CoverageSeats
			if g.Short > 0 {
				short = append(short, fmt.Sprintf("%s 差 %d 名（最低 %d，可选 %d）", g.Group.Code(), g.Short, g.Minimum, g.Eligible))
			}
		}
		if cover > 0 {
			fmt.Fprintf(w, "  群体覆盖名额入选 %d 名\n", cover)
		}
		if len(short) > 0 {
			fmt.Fprintf(w, "  群体缺额：%s\n", strings.Join(short, "；"))
		}
	}
}

// changes prints the change list: counts by kind, then every change but
// those that stayed or were never entered.
func changes(w io.Writer, j *roster.Jurisdiction, ch *tier.Changes) {
	kinds := []tier.Kind{tier.Entered, tier.Stayed, tier.Moved, tier.Listed, tier.Dropped, tier.Left, tier.Rejected}
	var counts []string
	for _, k := range kinds {
		if n := ch.Count(k); n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", k.Label(), n))
		}
	}
	fmt.Fprintf(w, "\n变动清单 %s：%s\n", ch.AsOf, strings.Join(counts, "，"))
	for _, k := range []tier.Kind{tier.Moved, tier.Listed, tier.Dropped, tier.Left} {
		n := 0
		for _, c := range ch.Items {
			if c.Kind != k {
				continue
			}
			if n == changeRoom {
				fmt.Fprintf(w, "  ……%s共 %d 人\n", k.Label(), ch.Count(k))
				break
			}
			n++
			fmt.Fprintln(w, "  "+named(j, c.String()))
		}
	}
}

// named writes the units of a change line by their names.
func named(j *roster.Jurisdiction, line string) string {
	for _, u := range j.Units {
		line = strings.ReplaceAll(line, " "+u.Code, " "+u.Name)
		line = strings.ReplaceAll(line, "→"+u.Code, "→"+u.Name)
	}
	return strings.ReplaceAll(line, " "+j.Code, " "+j.Name)
}
