package report_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/report"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// asOf is the sample's assessment date: the notice's reporting deadline.
var asOf = roster.NewDate(2019, 4, 15)

type fixture struct {
	src     report.Source
	records []*roster.Record
}

var (
	loadOnce sync.Once
	loaded   fixture
	loadErr  error
)

// sample reads the sample roster, assesses it with the front door, runs
// the first round on the baseline lists and maps the assessments onto
// report's input, as a caller would.
func sample(t testing.TB) fixture {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = load() })
	require.NoError(t, loadErr)
	return loaded
}

func load() (fixture, error) {
	f, err := os.Open(filepath.Join("..", "testdata", "roster.csv"))
	if err != nil {
		return fixture{}, err
	}
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	if err != nil {
		return fixture{}, err
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		return fixture{}, err
	}
	reg, _, res, err := a.Round(context.Background(), nil, batch.Records, asOf, nil)
	if err != nil {
		return fixture{}, err
	}
	j := a.Jurisdiction()
	people := make([]report.Person, 0, len(res.Assessments))
	for _, as := range res.Assessments {
		// The mapping from the front door's assessment to report's input.
		people = append(people, report.Person{Record: batch.Records[as.Index], Classification: as.Classification, Evaluation: as.Evaluation})
	}
	set, err := policy.NewSet(j, nil, policy.WithBaseline())
	if err != nil {
		return fixture{}, err
	}
	pol, err := set.For(j.Units[0].Code, asOf)
	if err != nil {
		return fixture{}, err
	}
	return fixture{
		src: report.Source{
			Jurisdiction: j, Registry: reg, People: people, Date: asOf,
			Bands: pol.Evaluator().Scheme().Grades,
		},
		records: batch.Records,
	}, nil
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./report -update to write it")
	assert.Equal(t, string(want), string(got), "%s differs (-want +got); run go test ./report -update if the change is meant", name)
}
