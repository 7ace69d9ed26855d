package main

import (
	"bytes"
	"regexp"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small run prints every line, and the counts add up to the records.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, []string{"-n", "300", "-workers", "2", "-chunk", "128"}))
	for _, line := range []string{
		`records     300 \(2 workers, GOMAXPROCS \d+\)`,
		`elapsed     \S+, of which \S+ waiting for the records`,
		`generating  (\S+ CPU|not measured here), in 128-record chunks on \d+ goroutines ahead of the stream`,
		`records/s   \d+`,
		`peak RSS    [\d.]+ MiB \((VmHWM|runtime.MemStats.Sys)\)`,
		`allocated   [\d.]+ MiB in all, \d+ B and \d+ allocations a record`,
		`status      candidate (\d+), removed (\d+), unqualified (\d+), rejected (\d+)`,
		`grade       A \d+, B \d+, C \d+, D \d+`,
	} {
		assert.Regexp(t, regexp.MustCompile(`(?m)^`+line+`$`), out.String())
	}
	if runtime.GOOS == "linux" {
		assert.Regexp(t, regexp.MustCompile(`(?m)^CPU         \S+, [\d.]+ µs a record \([\d.]+ µs without generating\)$`), out.String())
		assert.Regexp(t, regexp.MustCompile(`(?m)^generating  \S+ CPU, `), out.String())
	}
	m := regexp.MustCompile(`status      candidate (\d+), removed (\d+), unqualified (\d+), rejected (\d+)`).FindStringSubmatch(out.String())
	require.Len(t, m, 5)
	sum := 0
	for _, c := range m[1:] {
		n, err := strconv.Atoi(c)
		require.NoError(t, err)
		sum += n
	}
	assert.Equal(t, 300, sum)
}

// The same seed assesses the same records: the counts do not change from
// run to run or with the number of workers.
func TestRunIsDeterministic(t *testing.T) {
	counts := func(args ...string) []string {
		var out bytes.Buffer
		require.NoError(t, run(t.Context(), &out, append([]string{"-n", "500"}, args...)))
		return regexp.MustCompile(`(?m)^(status|grade) .*$`).FindAllString(out.String(), -1)
	}
	assert.Equal(t, counts("-workers", "1"), counts("-workers", "3"))
	assert.Equal(t, counts("-chunk", "100"), counts("-chunk", "100", "-workers", "3"))
	assert.NotEqual(t, counts("-seed", "1"), counts("-seed", "2"))
}

func TestRunRefusesUnknownFlags(t *testing.T) {
	var out bytes.Buffer
	assert.Error(t, run(t.Context(), &out, []string{"-bogus"}))
}
