package tier_test

import (
	"flag"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// writeChanges writes a round's change list as a clerk reads it.
func writeChanges(b *strings.Builder, title string, ch *tier.Changes) {
	fmt.Fprintf(b, "== %s %s\n", title, ch.AsOf)
	for _, c := range ch.Items {
		fmt.Fprintln(b, c.String())
	}
	for _, k := range []tier.Kind{tier.Entered, tier.Stayed, tier.Moved, tier.Listed, tier.Dropped, tier.Left, tier.Rejected} {
		fmt.Fprintf(b, "%s %d  ", k.Label(), ch.Count(k))
	}
	b.WriteString("\n")
}

// TestGoldenTwoRounds pins the change lists of two rounds with every kind
// of change, under the baseline order (no incumbent kept). Run go test -update to rewrite
// testdata/rounds.golden, and read the diff.
func TestGoldenTwoRounds(t *testing.T) {
	r := roundRules()
	r.Lists[0].Quota, r.Lists[1].Quota = 2, 2
	r.Lists[0].Minimums = map[classify.Group]int{classify.G4: 1}
	first := []tier.Assessed{
		assessed("NN-001", qingxiu, classify.G1, evaluate.GradeA, "96.5", roster.City),
		assessed("NN-002", qingxiu, classify.G2, evaluate.GradeA, "92", 0),
		assessed("NN-003", qingxiu, classify.G3, evaluate.GradeB, "88", 0),
		assessed("NN-004", qingxiu, classify.G1, evaluate.GradeC, "71", roster.County),
		assessed("NN-005", jiangnan, classify.G4, evaluate.GradeB, "81", 0),
		assessed("NN-006", jiangnan, classify.G1, evaluate.GradeB, "84.25", 0),
		assessed("NN-007", jiangnan, classify.G2, evaluate.GradeC, "65", 0),
		{Key: "NN-008", Unit: jiangnan, Grade: evaluate.GradeD, Group: classify.G3, Score: decimal.RequireFromString("58"), Standing: tier.StandingRemoved, AsOf: day1},
	}
	reg, ch1, err := tier.Round(nil, r, first, day1)
	require.NoError(t, err)
	second := on(day2, first)
	second = with(second, "NN-001", func(a *tier.Assessed) { a.Post = 0 })        // loses the city seat's priority
	second = with(second, "NN-004", func(a *tier.Assessed) { a.Post = 0 })        // loses the county post
	second = with(second, "NN-002", func(a *tier.Assessed) { a.Unit = jiangnan }) // moves unit
	second = with(second, "NN-003", func(a *tier.Assessed) {
		a.Standing, a.Grade, a.Vetoes, a.Failed = tier.StandingRemoved, evaluate.GradeD, []string{"V3 重大税收违法"}, []string{"Q8 遵纪守法"}
	})
	second = with(second, "NN-006", nil) // not assessed
	second = with(second, "NN-007", func(a *tier.Assessed) {
		a.Standing, a.Failed = tier.StandingUnqualified, []string{"Q7 在本地工作或居住"}
	})
	second = with(second, "", nil,
		assessed("NN-009", qingxiu, classify.G4, evaluate.GradeA, "97", 0),
		assessed("NN-010", qingxiu, classify.G2, evaluate.GradeB, "80", roster.County),
		tier.Assessed{Key: "NN-011", Unit: qingxiu, Standing: tier.StandingNotNewStrata, AsOf: day2},
	)
	_, ch2, err := tier.Round(reg, r, second, day2)
	require.NoError(t, err)

	var b strings.Builder
	writeChanges(&b, "第一轮", ch1)
	writeChanges(&b, "第二轮", ch2)
	got := b.String()
	path := filepath.Join("testdata", "rounds.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), got, "(-want +got) change lists differ from %s; if the change is meant, run go test -update", path)
}
