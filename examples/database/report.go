package main

import (
	"fmt"
	"io"
	"strings"

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
		fmt.Fprintf(w, "按政策 %s（校验码 %s）评价 %d 人", p.ID, short(p.Fingerprint), p.People)
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
