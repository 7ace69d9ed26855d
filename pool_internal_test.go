package newstrata

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// numbered yields n records keyed 0, 1, 2 ..., counting those read.
func numbered(n int, read *int) func(func(*roster.Record) bool) {
	return func(yield func(*roster.Record) bool) {
		for i := range n {
			*read++
			if !yield(&roster.Record{Key: strconv.Itoa(i)}) {
				return
			}
		}
	}
}

// Workers that finish out of order still hand on in order, every record
// once, never reading more than the window ahead of what was handed on;
// decide runs in order, before any worker.
func TestPoolOrderAndWindow(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		t.Run(strconv.Itoa(workers), func(t *testing.T) {
			const n = 3000
			read, emitted, decided := 0, 0, 0
			most := 0 // records read and not yet handed on, at most
			p := &pool[int]{
				workers: workers,
				total:   n,
				decide: func(i int, r *roster.Record, out *int) bool {
					require.Equal(t, decided, i, "decide runs in order")
					decided++
					if i%7 == 0 { // decided here, no worker
						*out = -i
						return true
					}
					return false
				},
				worker: func() func(int, *roster.Record, *int) {
					rng := rand.New(rand.NewPCG(uint64(workers), 1))
					return func(i int, r *roster.Record, out *int) {
						if rng.IntN(50) == 0 {
							time.Sleep(time.Duration(rng.IntN(200)) * time.Microsecond)
						}
						*out = i
					}
				},
				emit: func(i int, r *roster.Record, out *int) bool {
					require.Equal(t, emitted, i, "in order")
					require.Equal(t, strconv.Itoa(i), r.Key)
					if i%7 == 0 {
						require.Equal(t, -i, *out)
					} else {
						require.Equal(t, i, *out)
					}
					most = max(most, read-emitted)
					emitted++
					return true
				},
			}
			done, complete := p.run(t.Context(), numbered(n, &read))
			assert.True(t, complete)
			assert.Equal(t, n, done)
			assert.Equal(t, n, emitted)
			assert.LessOrEqual(t, most, (workers*inFlight+1)*chunk, "a bounded window")
		})
	}
}

// A cancel stops workers that are busy: run returns promptly, having
// handed on only what was finished before it, in order.
func TestPoolCancelledWhileBusy(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	release := make(chan struct{})
	defer close(release)
	p := &pool[int]{
		workers: 2,
		total:   -1,
		decide:  func(int, *roster.Record, *int) bool { return false },
		worker: func() func(int, *roster.Record, *int) {
			return func(i int, _ *roster.Record, _ *int) {
				if i >= 64 { // every chunk but the first waits, as a slow record would
					select {
					case <-release:
					case <-ctx.Done():
					}
				}
			}
		},
		emit: func(int, *roster.Record, *int) bool { return true },
	}
	read := 0
	time.AfterFunc(50*time.Millisecond, cancel) // while both workers wait
	begin := time.Now()
	done, complete := p.run(ctx, numbered(1_000_000, &read))
	assert.Less(t, time.Since(begin), 5*time.Second)
	assert.False(t, complete)
	assert.LessOrEqual(t, done, 64, "only the first chunk was finished")
	assert.LessOrEqual(t, read, done+(2*inFlight+1)*chunk, "reading stopped at the window")
}
