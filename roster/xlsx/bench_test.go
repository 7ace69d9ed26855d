package xlsx_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/newstrata/newstrata/roster/xlsx"
)

const benchRows = 100_000

// BenchmarkRead reads a 100,000-row roster workbook and reports MB/s (of
// the .xlsx file) and the allocations per row.
func BenchmarkRead(b *testing.B) {
	data := toWorkbook(b, rosterCSV(b, benchRows))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		r, err := xlsx.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		batch, err := r.ReadAll()
		if err != nil || len(batch.Records) != benchRows {
			b.Fatalf("read %d records: %v", len(batch.Records), err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/benchRows, "allocs/row")
}
