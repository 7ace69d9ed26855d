package newstrata_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

// BenchmarkAssessAll takes a generated roster through the front door:
// validation, classification, qualification and evaluation of every record.
func BenchmarkAssessAll(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		recs := synth.Generate(n, 7, synth.SampleAsOf())
		records := make([]*roster.Record, len(recs))
		for i := range recs {
			records[i] = &recs[i]
		}
		a, err := newstrata.New(newstrata.Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := a.AssessAll(context.Background(), records, synth.SampleAsOf(), nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Assessments)+len(res.Rejected) != n {
					b.Fatalf("%d records given, %d accounted for", n, len(res.Assessments)+len(res.Rejected))
				}
			}
		})
	}
}
