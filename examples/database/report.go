package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

// printRound prints what round n did, from its change list, and what the
// database holds after it.
func printRound(w io.Writer, n int64, ch *tier.Changes, reg *tier.Registry, policies []policyUse) {
	who := "全市"
	if ch.Unit != "" {
		who = ch.Unit
	}
	fmt.Fprintf(w, "\n第 %d 轮（%s，%s）：", n, ch.AsOf, who)
	for i, p := range policies {
		if i > 0 {
			fmt.Fprint(w, "，")
		}
		fmt.Fprintf(w, "按政策 %s（版本校验码 %s）评价 %d 人", p.ID, short(p.Fingerprint), p.People)
	}
	fmt.Fprintln(w)
	var counts []string
	for k := tier.Entered; k.Valid(); k++ {
		if c := ch.Count(k); c > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", k.Label(), c))
		}
	}
	fmt.Fprintf(w, "  变动：%s\n", strings.Join(counts, "，"))
	seats := map[tier.Seat]int{}
	active := reg.Active()
	for _, e := range active {
		seats[e.Seat]++
	}
	fmt.Fprintf(w, "  本轮后在库 %d 人：%s %d，%s %d，%s %d\n", len(active),
		tier.SeatCity.Label(), seats[tier.SeatCity], tier.SeatCounty.Label(), seats[tier.SeatCounty],
		tier.SeatNone.Label(), seats[tier.SeatNone])
	if n == 1 {
		return // everyone is new: the counts say it all
	}
	fmt.Fprintln(w, "  名单或在库状态有变动的人（未变动的只列沿用上次结果的，未入库的不列）：")
	for _, c := range ch.Items {
		if c.Kind != tier.Stayed && c.Kind != tier.Rejected || c.Carried != 0 {
			fmt.Fprintf(w, "    %s\n", c)
		}
	}
}

func short(fingerprint string) string {
	if len(fingerprint) > 12 {
		return fingerprint[:12]
	}
	return fingerprint
}

// query asks the database what a unit asks after the rounds.
func query(ctx context.Context, w io.Writer, s *store, j *roster.Jurisdiction) error {
	city := s.scope("")

	listed, err := city.people(ctx, tier.SeatCity)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n一、%s市级名单（%d 人）\n", j.Name, len(listed))
	printPeople(w, j, listed)

	removed, err := city.removals(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n二、已从数据库剔除的人员（%d 人）\n", len(removed))
	for _, e := range removed {
		fmt.Fprintf(w, "  %s %s %s：%s", e.RemovedOn, e.Key, unitName(j, e.Unit), e.RemovedFor.Label())
		if len(e.Detail) > 0 {
			fmt.Fprintf(w, "（%s）", strings.Join(e.Detail, "、"))
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\n三、个人历史\n")
	for _, key := range []string{"NN-450107-00008", "NN-450103-00009", "NN-450103-00010"} {
		if err := printHistory(ctx, w, j, city, key); err != nil {
			return err
		}
	}

	u, _ := j.Unit("450103")
	county := s.scope(u.Code, u.Former...)
	fmt.Fprintf(w, "\n四、%s（%s）查看本区人员：县区只能查看本单位的人\n", u.Name, u.Code)
	for _, seat := range []tier.Seat{tier.SeatCounty, tier.SeatCity, tier.SeatNone} {
		people, err := county.people(ctx, seat)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s（%d 人）\n", seat.Label(), len(people))
		printPeople(w, j, people)
	}
	removed, err = county.removals(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  本区已剔除 %d 人\n", len(removed))
	// A person who moved to another county-district is that unit's now.
	const moved = "NN-450103-00021"
	fmt.Fprintf(w, "  %s 查看 %s 的历史：\n", u.Name, moved)
	if _, err := county.history(ctx, moved); err != nil {
		fmt.Fprintf(w, "    不予查询：%v\n", err)
	}
	x, _ := j.Unit("450102")
	fmt.Fprintf(w, "  %s 查看 %s 的历史：\n", x.Name, moved)
	return printHistory(ctx, w, j, s.scope(x.Code, x.Former...), moved)
}

func printPeople(w io.Writer, j *roster.Jurisdiction, people []placed) {
	for _, p := range people {
		seq := "  "
		if p.Seq > 0 {
			seq = fmt.Sprintf("%3d", p.Seq)
		}
		post := ""
		if p.Post != 0 {
			post = "，" + j.LevelLabel(p.Post) + "职务"
		}
		fmt.Fprintf(w, "    %s %s %s %s %s级 %s分%s，%s\n", seq, p.Key, unitName(j, p.Unit), p.Group.Label(),
			p.Grade.Code(), scoreText(p.Score), post, p.Basis.Label())
	}
}

func printHistory(ctx context.Context, w io.Writer, j *roster.Jurisdiction, sc scope, key string) error {
	steps, err := sc.history(ctx, key)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %s\n", key)
	for _, st := range steps {
		e := st.Row
		fmt.Fprintf(w, "    %s %s", st.AsOf, st.Kind.Label())
		switch e.Status {
		case tier.Active:
			fmt.Fprintf(w, "：%s %s，%s，%s级 %s分（评价基准日 %s），%s", unitName(j, e.Unit),
				tier.Place{Seat: e.Seat, List: e.List}.Label(), e.Group.Label(), e.Grade.Code(), scoreText(e.Score), e.AssessedOn, e.Basis.Label())
		case tier.Removed:
			fmt.Fprintf(w, "：%s", e.RemovedFor.Label())
			if len(e.Detail) > 0 {
				fmt.Fprintf(w, "（%s）", strings.Join(e.Detail, "、"))
			}
		}
		if st.Cause != 0 && e.Status != tier.Removed {
			fmt.Fprintf(w, "；%s", st.Cause.Label())
		}
		if st.Carried != 0 {
			fmt.Fprintf(w, "；%s，沿用上次评价结果", st.Carried.Label())
		}
		fmt.Fprintln(w)
	}
	return nil
}
