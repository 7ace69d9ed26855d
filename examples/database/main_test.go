package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
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

var update = flag.Bool("update", false, "rewrite the golden files")

const sample = "../../testdata/roster.csv"

// The whole example on a fresh database file: two rounds, then the
// queries. Its output is pinned: a change in a stage, in tier.Round or in
// the store shows here as a diff a reviewer can read.
func TestDatabase(t *testing.T) {
	t.Parallel()
	const golden = "testdata/database.golden"
	db := filepath.Join(t.TempDir(), "representatives.db")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, db, sample))
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./examples/database -update to write it")
	assert.Equal(t, string(want), out.String())

	// The example starts a database; it does not add to one.
	err = run(context.Background(), io.Discard, db, sample)
	assert.EqualError(t, err, "数据库 "+db+" 已有评价记录（数据库日期 2020-04-15），本示例需要一个新的数据库文件")

	t.Run("scope", func(t *testing.T) { checkScope(t, db) })
}

// What the store reads back is what it saved, after each round: the
// registries are compared through tier's JSON, which writes every field.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, records, a := open(t)

	var prev *tier.Registry
	for i, when := range []roster.Date{firstRound, secondRound} {
		if i == 1 {
			var err error
			records, err = nextYear(io.Discard, records)
			require.NoError(t, err)
		}
		reg, ch, b, err := a.Round(ctx, prev, records, when, nil)
		require.NoError(t, err)
		require.Empty(t, b.Rejected)
		round := make([]tier.Assessed, len(b.Assessments))
		for i, as := range b.Assessments {
			round[i] = as.Tier()
		}
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

// checkScope asks the database the example left in db: a county-district
// reads its own people only; asking for another unit's is refused, not
// filtered.
func checkScope(t *testing.T, db string) {
	ctx := context.Background()
	s, err := openStore(ctx, db)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })

	tests := []struct {
		name, unit, key string
		steps           int
		err             error
		msg             string
	}{
		{"own person", "450103", "NN-450103-00009", 2, nil, ""},
		{"the city sees all", "", "NN-450107-00008", 2, nil, ""},
		{"moved to another unit", "450103", "NN-450103-00021", 0, tier.ErrScope,
			"记录 NN-450103-00021：所属单位 属于 450102，不在 450103 的范围内 (belongs to unit 450102, outside the scope of 450103)"},
		{"its new unit sees it", "450102", "NN-450103-00021", 2, nil, ""},
		{"never entered", "450103", "NN-450103-00001", 0, tier.ErrNotFound,
			"记录 NN-450103-00001：不在数据库中 (not in the registry)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps, err := s.scope(tt.unit).history(ctx, tt.key)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.EqualError(t, err, tt.msg)
				return
			}
			require.NoError(t, err)
			assert.Len(t, steps, tt.steps)
		})
	}

	// Every one of a county's people is its own; the city's list holds
	// some of them.
	county := s.scope("450103")
	for _, seat := range []tier.Seat{tier.SeatCity, tier.SeatCounty, tier.SeatNone} {
		people, err := county.people(ctx, seat)
		require.NoError(t, err)
		require.NotEmpty(t, people, seat.Label())
		for _, p := range people {
			assert.Equal(t, "450103", p.Unit, p.Key)
		}
	}
	removed, err := county.removals(ctx)
	require.NoError(t, err)
	for _, e := range removed {
		assert.Equal(t, "450103", e.Unit, e.Key)
	}
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
