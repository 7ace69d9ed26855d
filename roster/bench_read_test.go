package roster_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

// benchRows is the size of a city's roster many times over: the reader
// should stay linear and cheap per row.
const benchRows = 100_000

// BenchmarkRead reads a 100,000-row roster CSV and reports MB/s and the
// allocations per row.
func BenchmarkRead(b *testing.B) {
	recs := synth.Generate(benchRows, 1, synth.SampleAsOf())
	ptrs := make([]*roster.Record, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	var buf bytes.Buffer
	require.NoError(b, roster.NewWriter(&buf).WriteAll(ptrs))
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		batch, err := roster.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(batch.Records) != benchRows {
			b.Fatalf("read %d records: %v", len(batch.Records), err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/benchRows, "allocs/row")
}
