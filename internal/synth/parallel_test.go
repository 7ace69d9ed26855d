package synth_test

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

func collect(seq func(func(*roster.Record) bool)) []roster.Record {
	var out []roster.Record
	for r := range seq {
		out = append(out, *r)
	}
	return out
}

// The chunks give the same records whatever runs them: twice over, on one
// processor or two, with one goroutine or several, a little or far ahead.
func TestParallelIsDeterministic(t *testing.T) {
	asOf := roster.NewDate(2023, time.June, 30)
	const n, size = 10000, 500
	want := collect(synth.Parallel(n, 42, asOf, size))
	require.Len(t, want, n)
	assert.Equal(t, want, collect(synth.Parallel(n, 42, asOf, size)), "twice")

	procs := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(procs) })
	assert.Equal(t, want, collect(synth.Parallel(n, 42, asOf, size)), "GOMAXPROCS 1")
	runtime.GOMAXPROCS(2)
	assert.Equal(t, want, collect(synth.Parallel(n, 42, asOf, size)), "GOMAXPROCS 2")
	runtime.GOMAXPROCS(procs)

	for _, c := range []synth.Chunks{{Workers: 1, Ahead: 1}, {Workers: 3}, {Workers: 4, Ahead: 7}} {
		c.N, c.Seed, c.AsOf, c.Chunk = n, 42, asOf, size
		assert.Equal(t, want, collect(c.All()), "%d workers, %d ahead", c.Workers, c.Ahead)
	}

	assert.Equal(t, want[:4321], collect(synth.Parallel(4321, 42, asOf, size)), "a shorter roster is a prefix")
	assert.NotEqual(t, want[0], collect(synth.Parallel(10, 43, asOf, size))[0], "another seed, other people")
	other := collect(synth.Parallel(n, 42, asOf, 512))
	assert.NotEqual(t, want[600], other[600], "the chunk size is part of the seed")
	assert.Equal(t, collect(synth.Parallel(300, 42, asOf, 0)), collect(synth.Parallel(300, 42, asOf, synth.DefaultChunk)))
	for range synth.Parallel(0, 42, asOf, size) {
		t.Fatal("no records")
	}
}

var parallelKeyRE = regexp.MustCompile(`^NN-4501\d\d-\d{5,}$`)

// Across chunks, registration numbers, citizen IDs and phone numbers stay
// unique, and every record is as valid as Generate's.
func TestParallelValidAndUnique(t *testing.T) {
	asOf := synth.SampleAsOf()
	v, err := roster.NewValidator(roster.Nanning())
	require.NoError(t, err)
	const n = 50000
	keys, ids, phones := make(map[string]bool, n), make(map[string]bool, n), make(map[string]bool, n)
	i := 0
	for r := range synth.Parallel(n, 2019, asOf, 500) { // a hundred chunks
		if i%5 == 0 { // validating is the slow part: a fifth will do
			require.NoError(t, v.ValidateAt(r, i+1, asOf))
		}
		require.Regexp(t, parallelKeyRE, r.Key)
		require.True(t, strings.HasSuffix(r.Key, fmt.Sprintf("-%05d", i+1)), "%s is record %d", r.Key, i+1)
		id, err := roster.ParseCitizenID(r.CitizenID)
		require.NoError(t, err)
		require.Equal(t, r.Sex, id.Sex(), r.Key)
		require.Equal(t, r.BirthDate.Year, id.BirthDate().Year, r.Key)
		require.False(t, keys[r.Key], "%s: key repeated", r.Key)
		require.False(t, ids[r.CitizenID], "%s: citizen ID %s repeated", r.Key, r.CitizenID)
		require.False(t, phones[r.Phone], "%s: phone repeated", r.Key)
		keys[r.Key], ids[r.CitizenID], phones[r.Phone] = true, true, true
		i++
	}
	assert.Equal(t, n, i)
}

// Leaving the loop stops the goroutines: the range returns at once, not
// after generating the roster, and leaves no goroutine behind (synctest
// fails a bubble whose goroutines are still blocked at its end).
func TestParallelStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var chunks atomic.Int32
		c := synth.Chunks{N: 10_000_000, Seed: 1, Chunk: 1000, Workers: 3, Ahead: 4,
			Wrap: func(generate func()) { chunks.Add(1); generate() }}
		n := 0
		for range c.All() {
			if n++; n == 1500 {
				break
			}
		}
		assert.Equal(t, 1500, n)
		assert.LessOrEqual(t, chunks.Load(), int32(2+4), "at most the chunks ahead are generated")
	})

	before := runtime.NumGoroutine()
	start := time.Now()
	n := 0
	for range synth.Parallel(10_000_000, 1, synth.SampleAsOf(), 0) {
		if n++; n == 10 {
			break
		}
	}
	assert.Less(t, time.Since(start), 5*time.Second, "ten million records take a minute")
	assert.True(t, settles(before), "goroutines left running")

	// A panic in the loop stops them too.
	assert.Panics(t, func() {
		for range synth.Parallel(10_000_000, 1, synth.SampleAsOf(), 0) {
			panic("body")
		}
	})
	assert.True(t, settles(before), "goroutines left running")
}

// Wrap sees every chunk, on the goroutine that generates it.
func TestChunksWrap(t *testing.T) {
	var calls atomic.Int32
	c := synth.Chunks{N: 2500, Seed: 3, Chunk: 1000, Wrap: func(generate func()) {
		calls.Add(1)
		generate()
	}}
	assert.Len(t, collect(c.All()), 2500)
	assert.Equal(t, int32(3), calls.Load())
}

// settles reports whether the goroutines fall back to n within a few
// seconds: those that have returned may take a moment to be gone.
// (assert.Eventually cannot tell: it runs goroutines of its own.)
func settles(n int) bool {
	for range 500 {
		if runtime.NumGoroutine() <= n {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}
