package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The main job's output is pinned: a change in any stage that moves a count
// shows here as a diff a reviewer can read.
func TestMainJob(t *testing.T) {
	tests := []struct {
		name, roster, golden string
	}{
		{"sample roster", "../../testdata/roster.csv", "testdata/sample.golden"},
		{"roster with bad rows", "../../testdata/roster_bad.csv", "testdata/bad.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(&out, tt.roster, "2019-04-15"))
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(tt.golden), 0o755))
				require.NoError(t, os.WriteFile(tt.golden, out.Bytes(), 0o644))
			}
			want, err := os.ReadFile(tt.golden)
			require.NoError(t, err, "run go test ./examples/nanning -update to write it")
			assert.Equal(t, string(want), out.String())
		})
	}
}

func TestMainJobRefusesBadInput(t *testing.T) {
	var out bytes.Buffer
	assert.EqualError(t, run(&out, "../../testdata/roster.csv", "2019-02-30"), `bad date: no such date between 1800 and 2999`)
	err := run(&out, "testdata/no-such-file.csv", "2019-04-15")
	assert.ErrorIs(t, err, os.ErrNotExist)
}
