package tier_test

import (
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refCompare is the documented order, written straight from doc.go with
// decimal comparisons: negative when a comes first on list l.
func refCompare(order []tier.SortKey, l tier.List, a, b tier.Candidate) int {
	for _, k := range order {
		var c int
		switch k {
		case tier.ByPriority:
			pa, pb := a.Priority(l), b.Priority(l)
			if pa != pb {
				c = 1
				if pa {
					c = -1
				}
			}
		case tier.ByGrade:
			c = int(a.Grade) - int(b.Grade)
		case tier.ByScore:
			c = b.Score.Cmp(a.Score)
		case tier.ByPost:
			c = int(b.Post) - int(a.Post)
		case tier.ByKey:
			c = strings.Compare(a.Key, b.Key)
		case tier.ByIncumbent:
			ia, ib := a.Incumbent == l.ID, b.Incumbent == l.ID
			if ia != ib {
				c = 1
				if ia {
					c = -1
				}
			}
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// bruteList picks the best admitted set of list l from pool by the
// definition in doc.go: enumerate every subset of size min(quota, n),
// keep those that meet every minimum (capped at the candidates there
// are), and take the one whose members, best first, win at the first
// difference.
func bruteList(rules tier.Rules, l tier.List, pool []tier.Candidate) []string {
	pool = slices.Clone(pool)
	slices.SortFunc(pool, func(a, b tier.Candidate) int { return refCompare(rules.Order, l, a, b) })
	n := len(pool)
	k := min(l.Quota, n)
	need := map[classify.Group]int{}
	for _, c := range pool {
		need[c.Group]++
	}
	for _, g := range []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4} {
		need[g] = min(need[g], l.Minimum(g))
	}
	best := -1
	for mask := 0; mask < 1<<n; mask++ {
		if bits.OnesCount(uint(mask)) != k {
			continue
		}
		got := map[classify.Group]int{}
		for i := range n {
			if mask&(1<<i) != 0 {
				got[pool[i].Group]++
			}
		}
		ok := true
		for g, m := range need {
			ok = ok && got[g] >= m
		}
		if !ok {
			continue
		}
		// Best first is bit 0 first: the greater set has the lowest bit
		// where the two differ, i.e. the smaller bit-reversed value.
		if best < 0 || bits.Reverse(uint(mask)) > bits.Reverse(uint(best)) {
			best = mask
		}
	}
	var keys []string
	for i := range n {
		if best >= 0 && best&(1<<i) != 0 {
			keys = append(keys, pool[i].Key)
		}
	}
	return keys
}

// reserveThenFill keeps the best min(minimum, eligible) of each group,
// then fills the other seats by the order. doc.go argues that with one
// group per candidate and minimums that fit the quota it is the same set
// as the scan; the property test holds it to that.
func reserveThenFill(rules tier.Rules, l tier.List, pool []tier.Candidate) []string {
	pool = slices.Clone(pool)
	slices.SortFunc(pool, func(a, b tier.Candidate) int { return refCompare(rules.Order, l, a, b) })
	avail := map[classify.Group]int{}
	for _, c := range pool {
		avail[c.Group]++
	}
	taken := make([]bool, len(pool))
	reserved := map[classify.Group]int{}
	seats := min(l.Quota, len(pool))
	for i, c := range pool {
		if reserved[c.Group] < min(l.Minimum(c.Group), avail[c.Group]) {
			reserved[c.Group]++
			taken[i] = true
			seats--
		}
	}
	for i := range pool {
		if !taken[i] && seats > 0 {
			taken[i] = true
			seats--
		}
	}
	var keys []string
	for i, c := range pool {
		if taken[i] {
			keys = append(keys, c.Key)
		}
	}
	return keys
}

// brute selects every list the way the documentation defines it.
func brute(rules tier.Rules, cands []tier.Candidate) map[string][]string {
	out := map[string][]string{}
	listed := map[string]bool{}
	eligible := map[evaluate.Grade]bool{}
	for _, g := range rules.Grades {
		eligible[g] = true
	}
	lists := slices.Clone(rules.Lists)
	slices.SortStableFunc(lists, func(a, b tier.List) int { return int(a.Tier()) - int(b.Tier()) })
	for _, l := range lists {
		var pool []tier.Candidate
		for _, c := range cands {
			if l.Unit != "" && c.Unit != l.Unit {
				continue
			}
			if !eligible[c.Grade] || rules.OneList && listed[c.Key] {
				continue
			}
			pool = append(pool, c)
		}
		out[l.ID] = bruteList(rules, l, pool)
		if rtf := reserveThenFill(rules, l, pool); !slices.Equal(rtf, out[l.ID]) {
			panic(fmt.Sprintf("reserve-then-fill %v differs from the best set %v", rtf, out[l.ID]))
		}
		for _, k := range out[l.ID] {
			listed[k] = true
		}
	}
	return out
}

var sampleScores = []decimal.Decimal{
	decimal.RequireFromString("60"),
	decimal.RequireFromString("75.5"),
	decimal.RequireFromString("75.50"),
	decimal.RequireFromString("80"),
	decimal.RequireFromString("88.25"),
	decimal.RequireFromString("90"),
}

var shares = []decimal.Decimal{
	decimal.Zero, decimal.RequireFromString("0.1"), decimal.RequireFromString("0.2"),
	decimal.RequireFromString("0.25"), decimal.RequireFromString("0.5"),
}

func randomCase(rng *rand.Rand) (tier.Rules, []tier.Candidate) {
	units := []string{"450102", "450103"}
	rules := tier.Rules{OneList: rng.IntN(4) != 0}
	for _, g := range []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC} {
		if rng.IntN(5) != 0 {
			rules.Grades = append(rules.Grades, g)
		}
	}
	if len(rules.Grades) == 0 {
		rules.Grades = []evaluate.Grade{evaluate.GradeB}
	}
	keys := []tier.SortKey{tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByIncumbent}
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	rules.Order = append(keys[:rng.IntN(len(keys)+1)], tier.ByKey)

	list := func(id, unit string, maxQuota int, lvl roster.Level) tier.List {
		l := tier.List{ID: id, Unit: unit, Quota: rng.IntN(maxQuota + 1), PriorityLevel: lvl}
		for {
			if rng.IntN(2) == 0 {
				l.Minimums = nil
				l.CoverageShare = shares[rng.IntN(len(shares))]
			} else {
				l.Minimums = map[classify.Group]int{}
				for _, g := range []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4} {
					if rng.IntN(2) == 0 {
						l.Minimums[g] = rng.IntN(3)
					}
				}
			}
			sum := 0
			for _, g := range []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4} {
				sum += l.Minimum(g)
			}
			if sum <= l.Quota {
				return l
			}
		}
	}
	rules.Lists = []tier.List{list("city", "", 6, roster.City)}
	for _, u := range units {
		if rng.IntN(5) != 0 {
			rules.Lists = append(rules.Lists, list(u, u, 5, roster.County))
		}
	}
	// Without county lists, any unit is accepted; with some, every unit
	// needs one.
	var withList []string
	for _, l := range rules.Lists[1:] {
		withList = append(withList, l.Unit)
	}
	if len(withList) == 0 {
		withList = units
	}
	big := rng.IntN(10) == 0  // scores past 18 digits: the slow path
	wide := rng.IntN(10) == 0 // scores too far apart to pack as they are
	n := rng.IntN(13)
	cands := make([]tier.Candidate, n)
	for i := range cands {
		c := tier.Candidate{
			Key:   fmt.Sprintf("K%02d", rng.IntN(90)+10),
			Unit:  withList[rng.IntN(len(withList))],
			Group: classify.Group(1 + min(rng.IntN(6), 3)), // G4 is common
			Grade: evaluate.Grade(1 + rng.IntN(4)),
			Score: sampleScores[rng.IntN(len(sampleScores))],
			Post:  roster.Level(rng.IntN(5)),
		}
		if wide {
			c.Score = c.Score.Mul(decimal.New(1, 15))
		}
		if big && rng.IntN(2) == 0 {
			c.Score = c.Score.Mul(decimal.New(1, 30)).Add(decimal.New(int64(rng.IntN(3)), -10))
		}
		if rng.IntN(3) == 0 {
			c.Incumbent = rules.Lists[rng.IntN(len(rules.Lists))].ID
		}
		c.Key = fmt.Sprintf("%s-%d", c.Key, i) // unique, and not in input order
		cands[i] = c
	}
	return rules, cands
}

func TestSelectProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(2019, 4))
	for n := range 3000 {
		rules, cands := randomCase(rng)
		name := fmt.Sprintf("case%d", n)
		res, err := tier.Select(rules, cands)
		require.NoError(t, err, name)

		// (a) agreement with the brute force.
		want := brute(rules, cands)
		for _, lr := range res.Lists {
			var got []string
			for _, a := range lr.Admitted {
				got = append(got, a.Candidate.Key)
			}
			wantKeys := want[lr.List.ID]
			slices.Sort(got)
			slices.Sort(wantKeys)
			if !assert.Equal(t, wantKeys, got, "%s list %s\nrules %+v\ncands %+v", name, lr.List.ID, rules, cands) {
				return
			}
		}

		// (b) nobody on two lists under OneList; (c) each candidate once
		// per list's scope and once in Outcomes.
		on := map[string][]string{}
		for _, lr := range res.Lists {
			seen := map[string]int{}
			for _, a := range lr.Admitted {
				seen[a.Candidate.Key]++
				on[a.Candidate.Key] = append(on[a.Candidate.Key], lr.List.ID)
			}
			for _, e := range lr.HeldBack {
				seen[e.Key]++
			}
			scope := 0
			for _, c := range cands {
				if lr.List.Unit == "" || c.Unit == lr.List.Unit {
					scope++
					assert.Equal(t, 1, seen[c.Key], "%s list %s key %s", name, lr.List.ID, c.Key)
				}
			}
			assert.Len(t, seen, scope, name)

			// Reasons follow the rank line.
			k := min(max(lr.List.Quota, 0), lr.Eligible)
			coverage, reserved := 0, 0
			for _, a := range lr.Admitted {
				assert.Equal(t, a.Rank > k, a.Reason == tier.ReasonCoverage, "%s %s", name, a.Candidate.Key)
				if a.Reason == tier.ReasonCoverage {
					coverage++
				}
			}
			for _, e := range lr.HeldBack {
				switch {
				case e.Rank > 0 && e.Rank <= k:
					assert.Equal(t, tier.ReasonReserved, e.Reason, "%s %s", name, e.Key)
					reserved++
				case e.Rank > k:
					assert.Equal(t, tier.ReasonQuota, e.Reason, "%s %s", name, e.Key)
				case e.Reason == tier.ReasonListed:
					assert.True(t, rules.OneList && lr.List.Unit != "" && len(on[e.Key]) == 1, "%s %s", name, e.Key)
				default:
					assert.Equal(t, tier.ReasonGrade, e.Reason, "%s %s", name, e.Key)
					assert.NotContains(t, rules.Grades, e.Grade, "%s %s", name, e.Key)
				}
			}
			assert.Equal(t, coverage, reserved, name)
			assert.LessOrEqual(t, len(lr.Admitted), max(lr.List.Quota, 0), name)
		}
		require.Len(t, res.Outcomes, len(cands), name)
		for _, c := range cands {
			o, ok := res.Outcome(c.Key)
			require.True(t, ok, name)
			assert.Equal(t, on[c.Key], o.Lists, "%s key %s", name, c.Key)
			assert.Equal(t, len(o.Lists) > 0, o.Reason.Admitted(), "%s key %s", name, c.Key)
			if rules.OneList {
				assert.LessOrEqual(t, len(o.Lists), 1, "%s key %s", name, c.Key)
			}
		}

		// (d) the result does not depend on the input order.
		shuffled := slices.Clone(cands)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := tier.Select(rules, shuffled)
		require.NoError(t, err, name)
		assert.Equal(t, res, again, name)
	}
}

// A large case goes through the radix sort and the parallel sorts; the
// scan must still give reserve-then-fill's set, which the small cases tie
// to the brute force.
func TestSelectLarge(t *testing.T) {
	cands := benchCandidates(60_000)
	rules := baselineRules(t)
	res, err := tier.Select(rules, cands)
	require.NoError(t, err)
	listed := map[string]bool{}
	for _, lr := range res.Lists {
		var pool []tier.Candidate
		for _, c := range cands {
			if (lr.List.Unit == "" || c.Unit == lr.List.Unit) && !listed[c.Key] && c.Grade != evaluate.GradeD {
				pool = append(pool, c)
			}
		}
		want := reserveThenFill(rules, lr.List, pool)
		var got []string
		for _, a := range lr.Admitted {
			got = append(got, a.Candidate.Key)
			listed[a.Candidate.Key] = true
		}
		slices.Sort(want)
		slices.Sort(got)
		assert.Equal(t, want, got, lr.List.ID)
		assert.Len(t, lr.HeldBack, lr.Considered-len(lr.Admitted), lr.List.ID)
	}
	assert.Len(t, res.Outcomes, len(cands))
}
