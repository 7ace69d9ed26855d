package tier_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func randomRoundRules(rng *rand.Rand) tier.Rules {
	list := func(id, unit string, lvl roster.Level) tier.List {
		l := tier.List{ID: id, Unit: unit, Quota: rng.IntN(4), PriorityLevel: lvl}
		if l.Quota > 0 && rng.IntN(2) == 0 {
			l.Minimums = map[classify.Group]int{classify.Group(1 + rng.IntN(4)): 1}
		}
		return l
	}
	r := rules(list("450100", "", roster.City), list(qingxiu, qingxiu, roster.County), list(jiangnan, jiangnan, roster.County))
	if rng.IntN(2) == 0 {
		r.Order = append([]tier.SortKey{tier.ByIncumbent}, r.Order...)
	}
	return r
}

func randomAssessed(rng *rand.Rand, key string, asOf roster.Date) tier.Assessed {
	a := assessed(key, []string{qingxiu, jiangnan}[rng.IntN(2)], classify.Group(1+rng.IntN(4)),
		evaluate.Grade(1+rng.IntN(3)), sampleScores[rng.IntN(len(sampleScores))].String(), roster.Level(rng.IntN(5)))
	a.AsOf = asOf
	switch rng.IntN(10) {
	case 0:
		a.Standing, a.Grade = tier.StandingRemoved, evaluate.GradeD
		if rng.IntN(2) == 0 {
			a.Vetoes = []string{"V1 刑事处罚"}
		}
	case 1:
		a.Standing, a.Failed = tier.StandingUnqualified, []string{"Q6 从业年限"}
	case 2:
		a.Standing, a.Group = tier.StandingNotNewStrata, 0
	case 3:
		a.Standing, a.Group = tier.StandingUnclassified, 0
	}
	return a
}

// Over random rounds: every person of the round or of the database
// before it has exactly one change; the result does not depend on the
// order of the input; lists keep their quotas; the registry is valid and
// round-trips through JSON and CSV.
func TestRoundProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(450100, 2025))
	for n := range 400 {
		name := fmt.Sprintf("case%d", n)
		r := randomRoundRules(rng)
		var first, second []tier.Assessed
		for k := range 12 {
			key := fmt.Sprintf("K%02d", k)
			if rng.IntN(3) != 0 {
				first = append(first, randomAssessed(rng, key, day1))
			}
			if rng.IntN(4) != 0 {
				second = append(second, randomAssessed(rng, key, day2))
			}
		}
		prev, _, err := tier.Round(nil, r, first, day1)
		require.NoError(t, err, name)
		next, ch, err := tier.Round(prev, r, second, day2)
		require.NoError(t, err, name)

		want := map[string]bool{}
		for _, e := range prev.Active() {
			want[e.Key] = true
		}
		for _, a := range second {
			want[a.Key] = true
		}
		var keys []string
		for _, c := range ch.Items {
			keys = append(keys, c.Key)
			assert.True(t, c.Kind.Valid(), "%s %s", name, c.Key)
		}
		wantKeys := slices.Sorted(func(yield func(string) bool) {
			for k := range want {
				if !yield(k) {
					return
				}
			}
		})
		require.Equal(t, wantKeys, keys, "%s: one change per person, by key", name)

		seats := map[string]int{}
		for _, e := range next.Active() {
			seats[e.List]++
		}
		for _, l := range r.Lists {
			assert.LessOrEqual(t, seats[l.ID], l.Quota, "%s list %s", name, l.ID)
		}

		shuffled := slices.Clone(second)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		next2, ch2, err := tier.Round(prev, r, shuffled, day2)
		require.NoError(t, err, name)
		assert.Equal(t, ch.Items, ch2.Items, "%s: changes independent of input order", name)
		assert.Equal(t, next.Entries(), next2.Entries(), "%s: registry independent of input order", name)

		_, err = tier.NewRegistry(next.AsOf(), next.Entries())
		require.NoError(t, err, name)
		b, err := json.Marshal(next)
		require.NoError(t, err, name)
		var fromJSON tier.Registry
		require.NoError(t, json.Unmarshal(b, &fromJSON), name)
		assert.Equal(t, next.Entries(), fromJSON.Entries(), name)
		var buf bytes.Buffer
		require.NoError(t, next.WriteCSV(&buf), name)
		fromCSV, err := tier.ReadCSV(&buf)
		require.NoError(t, err, name)
		assert.Equal(t, next.Entries(), fromCSV.Entries(), name)

		// A county-district's round: its own people only, each once;
		// everyone else's rows untouched.
		var own []tier.Assessed
		for _, a := range second {
			if e := prev.History(a.Key); a.Unit == qingxiu && (len(e) == 0 || e[len(e)-1].Unit == qingxiu) {
				own = append(own, a)
			}
		}
		county, cch, err := prev.View(qingxiu).Round(r, own, day2)
		require.NoError(t, err, name)
		wantOwn := map[string]bool{}
		for _, e := range prev.View(qingxiu).Entries() {
			if e.Status == tier.Active {
				wantOwn[e.Key] = true
			}
		}
		for _, a := range own {
			wantOwn[a.Key] = true
		}
		assert.Len(t, cch.Items, len(wantOwn), name)
		for _, c := range cch.Items {
			assert.True(t, wantOwn[c.Key], "%s %s", name, c.Key)
		}
		assert.Equal(t, prev.View(jiangnan).Entries(), county.View(jiangnan).Entries(), name)
		if t.Failed() {
			return
		}
	}
}
