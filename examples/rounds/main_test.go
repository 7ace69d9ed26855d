package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden file")

// The two rounds are pinned: a change in any stage that moves a list, a
// line or a change shows here as a diff a reviewer can read.
func TestRounds(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, "../../testdata/roster.csv"))
	const golden = "testdata/rounds.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./examples/rounds -update to write it")
	assert.Equal(t, string(want), out.String())
}
