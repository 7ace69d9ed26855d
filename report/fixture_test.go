package report_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/report"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
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
	res, err := a.AssessAll(context.Background(), batch.Records, asOf, nil)
	if err != nil {
		return fixture{}, err
	}
	j := a.Jurisdiction()
	round := make([]tier.Assessed, 0, len(res.Assessments))
	people := make([]report.Person, 0, len(res.Assessments))
	for _, as := range res.Assessments {
		rec := batch.Records[as.Index]
		round = append(round, assessed(as, rec))
		// The mapping from the front door's assessment to report's input.
		people = append(people, report.Person{Record: rec, Classification: as.Classification, Evaluation: as.Evaluation})
	}
	reg, _, err := tier.Round(nil, tier.Baseline(j), round, asOf)
	if err != nil {
		return fixture{}, err
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

// assessed fills tier's input from an assessment, as tier's doc shows.
func assessed(a *newstrata.Assessment, r *roster.Record) tier.Assessed {
	var post roster.Level
	for _, s := range r.Seats {
		post = max(post, s.Level)
	}
	for _, p := range r.OrgPosts {
		if p.Leading {
			post = max(post, p.Level)
		}
	}
	as := tier.Assessed{
		Key: a.Key, Unit: a.Unit,
		Group: a.Classification.Primary, Secondary: a.Classification.Secondary,
		Grade: a.Evaluation.Grade, Score: a.Evaluation.Total, Post: post,
		Policy: a.Evaluation.Policy, Fingerprint: a.Evaluation.Fingerprint, AsOf: a.Evaluation.AsOf,
	}
	for _, v := range a.Evaluation.Vetoes {
		as.Vetoes = append(as.Vetoes, v.ID+" "+v.Name)
	}
	for _, c := range a.Qualification.Failures() {
		as.Failed = append(as.Failed, c.ID+" "+c.Name)
	}
	switch {
	case a.Evaluation.Removed:
		as.Standing = tier.StandingRemoved
	case a.Classification.Outcome == classify.NotNewStrata:
		as.Standing = tier.StandingNotNewStrata
	case a.Classification.Outcome == classify.Undetermined:
		as.Standing = tier.StandingUnclassified
	case !a.Qualification.Qualified:
		as.Standing = tier.StandingUnqualified
	default:
		as.Standing = tier.StandingCandidate
	}
	return as
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
