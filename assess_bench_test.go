package newstrata_test

import (
	"context"
	"runtime"
	"slices"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

// BenchmarkAssessAll takes 100,000 generated records through the front
// door: validation, classification, qualification and evaluation of every
// record, on one worker per processor. AssessAll collects the batch;
// Stream yields it and keeps nothing, as a program that writes each
// outcome out would. Besides time and allocations per batch, each reports
// records/s and the allocations and bytes of one record.
func BenchmarkAssessAll(b *testing.B) {
	const n = 100_000
	asOf := synth.SampleAsOf()
	recs := synth.Generate(n, 7, asOf)
	records := make([]*roster.Record, len(recs))
	for i := range recs {
		records[i] = &recs[i]
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		b.Fatal(err)
	}
	tests := []struct {
		name   string
		assess func(b *testing.B) int // records accounted for
	}{
		{"AssessAll", func(b *testing.B) int {
			res, err := a.AssessAll(context.Background(), records, asOf, nil)
			if err != nil {
				b.Fatal(err)
			}
			return len(res.Assessments) + len(res.Rejected)
		}},
		{"Stream", func(b *testing.B) int {
			s, err := a.Stream(context.Background(), slices.Values(records), asOf, nil)
			if err != nil {
				b.Fatal(err)
			}
			for range s.All() {
			}
			if err := s.Err(); err != nil {
				b.Fatal(err)
			}
			return s.Summary().Records
		}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				if got := tt.assess(b); got != n {
					b.Fatalf("%d records given, %d accounted for", n, got)
				}
			}
			runtime.ReadMemStats(&after)
			total := float64(n) * float64(b.N)
			b.ReportMetric(total/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/total, "allocs/record")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/total, "B/record")
		})
	}
}
