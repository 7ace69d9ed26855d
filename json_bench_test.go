package newstrata_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

// BenchmarkBatchJSON writes a batch of 1,000 generated records as JSON
// and reads it back: what a caller pays to hand results on.
func BenchmarkBatchJSON(b *testing.B) {
	recs := synth.Generate(1_000, 7, synth.SampleAsOf())
	records := make([]*roster.Record, len(recs))
	for i := range recs {
		records[i] = &recs[i]
	}
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		b.Fatal(err)
	}
	batch, err := a.AssessAll(context.Background(), records, synth.SampleAsOf(), nil)
	if err != nil {
		b.Fatal(err)
	}
	data, err := json.Marshal(batch)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("marshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := json.Marshal(batch); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var back newstrata.Batch
			if err := json.Unmarshal(data, &back); err != nil {
				b.Fatal(err)
			}
		}
	})
}
