package tier_test

import (
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
)

// benchCandidates makes n candidates spread over the county-districts of
// Nanning (the units the baseline gives a list),
// with the groups in the national proportions (G1 48, G2 14, G3 11, G4
// 10), scores to two decimals and few priority posts.
func benchCandidates(n int) []tier.Candidate {
	rng := rand.New(rand.NewPCG(450100, 2019))
	units := slices.DeleteFunc(roster.Nanning().Units, func(u roster.Unit) bool { return !u.Kind.KeepsList() })
	cands := make([]tier.Candidate, n)
	// Registration numbers in an order of their own, as in a roster that
	// is read top to bottom: the input is not in key order, but each
	// candidate's decimal is allocated in input order, as a reader does.
	serial := rng.Perm(n)
	for i := range cands {
		g := classify.G1
		switch r := rng.IntN(83); {
		case r < 10:
			g = classify.G4
		case r < 21:
			g = classify.G3
		case r < 35:
			g = classify.G2
		}
		var post roster.Level
		if r := rng.IntN(1000); r < 30 {
			post = roster.Level(1 + r%4)
		}
		u := units[rng.IntN(len(units))].Code
		cands[i] = tier.Candidate{
			Key:   fmt.Sprintf("%s-%07d", u, serial[i]),
			Unit:  u,
			Group: g,
			Grade: evaluate.Grade(1 + rng.IntN(4)),
			Score: decimal.New(int64(4000+rng.IntN(6001)), -2),
			Post:  post,
		}
	}
	return cands
}

// BenchmarkSelect chooses Nanning's 13 lists from 1,000,000 candidates
// with the baseline rules. On the 2-core development machine, shared and
// at a load average near 4.6, it ran in 0.80 to 0.88 s/op, 270 MB/op and
// about 1,740 allocs/op; most of the bytes are the result itself (one
// held-back entry per candidate on the city list and on its county list,
// one outcome per candidate).
func BenchmarkSelect(b *testing.B) {
	rules := baselineRules(b)
	cands := benchCandidates(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tier.Select(rules, cands); err != nil {
			b.Fatal(err)
		}
	}
}

// baselineRules are the lists of the embedded reference policy: Nanning's
// city list of 200 and a list of 50 for each of its 12 county-level units.
func baselineRules(tb testing.TB) tier.Rules {
	tb.Helper()
	p, err := policy.Baseline()
	if err != nil {
		tb.Fatal(err)
	}
	return p.Lists()
}
