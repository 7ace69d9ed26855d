package evaluate_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// explain writes a result the way a clerk reads it: every indicator with
// its raw value and what it read, the totals, the grade and the gap. The
// fingerprint is left out; TestResultCarriesThePolicy pins it.
func explain(res *evaluate.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s\n", res.Key, res.Policy, res.AsOf)
	for _, d := range res.Dimensions() {
		fmt.Fprintf(&b, "  %s %s %s/%s\n", d.ID, d.Name, d.Score, d.Points)
		for _, in := range d.Indicators {
			fmt.Fprintf(&b, "    %s %s %s/%s raw %s lost %s |", in.ID, in.Name, in.Score, in.Points, in.Raw, in.Lost)
			for _, r := range in.Read {
				fmt.Fprintf(&b, " %s=%s", r.Field, r.Value)
			}
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "  subtotal %s bonus %s total %s\n", res.Subtotal(), res.Bonus(), res.Total)
	for _, bo := range res.Bonuses() {
		fmt.Fprintf(&b, "  bonus %s %s +%s\n", bo.ID, bo.Name, bo.Points)
	}
	for _, v := range res.Vetoes() {
		fmt.Fprintf(&b, "  veto %s %s\n", v.ID, v.Name)
	}
	fmt.Fprintf(&b, "  grade %s removed %v\n", res.Grade, res.Removed)
	if g := res.Gap(); g != nil {
		fmt.Fprintf(&b, "  gap to %s: %s\n", g.Next, g.Points)
		for _, l := range g.Levers {
			fmt.Fprintf(&b, "    %s %s %s closes=%v\n", l.ID, l.Name, l.Available, l.Closes)
		}
	}
	return b.String()
}

// TestGolden pins whole results, explanation included, for a few people.
// Run go test -update to rewrite testdata/results.golden after a change of
// the baseline, and read the diff.
func TestGolden(t *testing.T) {
	people := []struct {
		key   string
		group string
		mods  []func(*roster.Record)
	}{
		{"GOLD-01-blank", "G1", nil},
		{"GOLD-02-full-with-bonus", "G1", []func(*roster.Record){full, func(r *roster.Record) { r.EmergencyRelief = true }}},
		{"GOLD-03-new-media", "G4", []func(*roster.Record){func(r *roster.Record) { *r = *benchRecord(); r.Followers = 1000000 }}},
		{"GOLD-04-one-cent-short", "G2", []func(*roster.Record){fifty, func(r *roster.Record) { r.Proposals, r.Donations = 4, dec("3.98") }}},
		{"GOLD-05-veto", "G3", []func(*roster.Record){full, func(r *roster.Record) { r.TaxViolation = true }}},
	}
	var b strings.Builder
	for _, person := range people {
		res := scoreIn(t, person.group, append(person.mods, func(r *roster.Record) { r.Key = person.key })...)
		b.WriteString(explain(res))
	}
	got := b.String()
	path := filepath.Join("testdata", "results.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), got, "(-want +got) results differ from %s; if the change is meant, run go test -update", path)
}
