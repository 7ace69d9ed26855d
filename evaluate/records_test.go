package evaluate_test

import (
	"testing"

	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/require"
)

// sampleAsOf is the assessment date the sample roster was drawn for: the
// notice's reporting deadline.
var sampleAsOf = synth.SampleAsOf()

// sample is a record with the group classification gave it.
type sample = synth.Labelled

// sampleRoster reads the whole sample roster (../testdata/roster.csv) and
// classifies every record with the baseline rules, as the pipeline does
// before qualification and evaluation.
func sampleRoster(t testing.TB) []sample {
	t.Helper()
	out, err := synth.ReadSample("../testdata/roster.csv", sampleAsOf)
	require.NoError(t, err)
	return out
}

// generated returns n records aimed at the baseline's boundaries.
func generated(n int, seed uint64, asOf roster.Date) []sample { return synth.Edges(n, seed, asOf) }
