package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = "../../testdata/roster.csv"

// What the store reads back is what it saved, after each round: the
// registries are compared through tier's JSON, which writes every field.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, records, a := open(t)
	rules := tier.Baseline(a.Jurisdiction())

	var prev *tier.Registry
	for i, when := range []roster.Date{firstRound, secondRound} {
		if i == 1 {
			var err error
			records, err = nextYear(io.Discard, records)
			require.NoError(t, err)
		}
		round, rejected, err := assessRound(ctx, a, records, when)
		require.NoError(t, err)
		require.Zero(t, rejected)
		reg, ch, err := tier.Round(prev, rules, round, when)
		require.NoError(t, err)
		_, err = s.save(ctx, reg, ch, policiesOf(round))
		require.NoError(t, err)

		loaded, err := s.load(ctx)
		require.NoError(t, err)
		want, err := json.Marshal(reg)
		require.NoError(t, err)
		got, err := json.Marshal(loaded)
		require.NoError(t, err)
		require.JSONEq(t, string(want), string(got), "round %d", i+1)
		prev = loaded
	}

	// The rows that make the comparison worth something are there.
	var removed, secondary int
	for _, e := range prev.Entries() {
		if e.Status == tier.Removed && len(e.Detail) > 0 {
			removed++
		}
		if len(e.Secondary) > 0 {
			secondary++
		}
	}
	assert.Positive(t, removed, "removals with a detail")
	assert.Positive(t, secondary, "rows with secondary groups")

	// A round is not saved before the last one.
	_, err := s.save(ctx, mustRegistry(t, firstRound), &tier.Changes{AsOf: firstRound, Selection: &tier.Result{}}, nil)
	assert.EqualError(t, err, "保存失败：本轮日期 2019-04-15 早于已保存的 2020-04-15 (a round before the last one saved)")
}

func open(t *testing.T) (*store, []*roster.Record, *newstrata.Assessor) {
	t.Helper()
	s, err := openStore(context.Background(), filepath.Join(t.TempDir(), "representatives.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	f, err := os.Open(sample)
	require.NoError(t, err)
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	require.NoError(t, err)
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	return s, batch.Records, a
}

func mustRegistry(t *testing.T, asOf roster.Date) *tier.Registry {
	t.Helper()
	r, err := tier.NewRegistry(asOf, nil)
	require.NoError(t, err)
	return r
}

// The legend at the top of schema.sql is what a clerk reads the codes
// by: it names every member of every set the tables hold, as the library
// labels it.
func TestSchemaNamesEveryCode(t *testing.T) {
	legend(t, tier.Seat(0))
	legend(t, classify.Group(0))
	legend(t, evaluate.Grade(0))
	legend(t, roster.Level(0))
	legend(t, tier.Basis(0))
	legend(t, tier.Status(0))
	legend(t, tier.Cause(0))
	legend(t, tier.Kind(0))
}

func legend[T interface {
	code
	Label() string
}](t *testing.T, _ T) {
	t.Helper()
	for v := T(1); v.Valid(); v++ {
		assert.Contains(t, schema, v.Code()+" "+v.Label())
	}
}
