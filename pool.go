package newstrata

import (
	"context"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newstrata/newstrata/roster"
)

// chunk is how many records a worker takes at a time: enough that handing
// them over costs nothing beside assessing them, few enough that a
// cancelled batch stops within a few milliseconds.
const chunk = 64

// inFlight is how many chunks each worker may have ahead of the one being
// handed on: what memory a batch holds whatever its size, and how far a
// slow chunk may hold the others back.
const inFlight = 4

// pool spreads records over a bounded set of workers and hands their
// outcomes on in the order the records came: the one way Stream,
// AssessAll and Compare run a batch. T is one record's outcome.
//
// At most workers×inFlight chunks are out at a time: the records are read
// only as fast as outcomes are handed on, so a stream of any length holds
// that many records and outcomes, never the stream.
type pool[T any] struct {
	workers int
	// total is how many records are expected, for progress; -1 when not
	// known (a stream).
	total    int
	progress func(done, total int)
	// decide runs on each record in order, before any worker sees it, on
	// the goroutine that runs the pool: what depends on the order of the
	// batch is decided here. It returns true when it has filled in the
	// outcome itself and no worker is to run.
	decide func(i int, r *roster.Record, out *T) bool
	// worker returns what one worker runs on each record decide left to
	// it; it may keep scratch of its own from record to record.
	worker func() func(i int, r *roster.Record, out *T)
	// emit hands on the outcome of record i, in order, on the goroutine
	// that runs the pool; false stops the run.
	emit func(i int, r *roster.Record, out *T) bool
}

// batchChunk is a run of consecutive records and their outcomes.
type batchChunk[T any] struct {
	seq   int // its place among the chunks of the run
	first int // the index of its first record
	slots []slot[T]
	cut   bool // a worker stopped before the end of it
}

type slot[T any] struct {
	rec     *roster.Record
	out     T
	decided bool
}

// run takes records through the pool. It returns how many outcomes were
// handed on, the first done records' in order, and whether the records ran
// out and each was handed on. It stops when ctx is cancelled (then
// ctx.Err() says so) or emit returns false, and returns only when its
// workers have.
func (p *pool[T]) run(ctx context.Context, records iter.Seq[*roster.Record]) (done int, complete bool) {
	workers := p.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := workers * inFlight
	var (
		jobs    = make(chan *batchChunk[T], window)
		back    = make(chan *batchChunk[T], window) // never full: at most window chunks are out
		halt    atomic.Bool                         // the run is over: drop what is left
		wg      sync.WaitGroup
		started int
		ring    = make([]*batchChunk[T], window) // chunks back from the workers, by seq
		free    []*batchChunk[T]
		sent    int  // chunks given to the workers
		next    int  // the next chunk to hand on
		stop    bool // emit said stop, or ctx is done
		stopped = ctx.Done()
	)
	defer func() {
		halt.Store(true)
		close(jobs)
		wg.Wait()
	}()
	work := func() {
		defer wg.Done()
		do := p.worker()
		for c := range jobs {
			for k := range c.slots {
				if halt.Load() || isDone(stopped) {
					c.cut = true
					break
				}
				if s := &c.slots[k]; !s.decided {
					do(c.first+k, s.rec, &s.out)
				}
			}
			back <- c
		}
	}
	// handOn hands on, in order, the chunks that are back; false when the
	// run must stop.
	handOn := func() bool {
		for c := ring[next%window]; c != nil; c = ring[next%window] {
			if c.cut {
				return false
			}
			ring[next%window] = nil
			for k := range c.slots {
				s := &c.slots[k]
				if isDone(stopped) {
					return false
				}
				done++ // handed on, whether or not emit wants more
				if !p.emit(c.first+k, s.rec, &s.out) {
					return false
				}
			}
			next++
			if p.progress != nil {
				p.progress(done, p.total)
			}
			clear(c.slots) // let go of the records and outcomes handed on
			c.slots, c.cut = c.slots[:0], false
			free = append(free, c)
		}
		return true
	}
	// collect takes in the chunks that are back, waiting for one when
	// wait is set; false when ctx is done.
	collect := func(wait bool) bool {
		if wait {
			select {
			case c := <-back:
				ring[c.seq%window] = c
			case <-stopped:
				return false
			}
		}
		for {
			select {
			case c := <-back:
				ring[c.seq%window] = c
			default:
				return true
			}
		}
	}
	dispatch := func(c *batchChunk[T]) bool {
		if isDone(stopped) {
			return false
		}
		for sent-next == window {
			if !collect(true) || !handOn() {
				return false
			}
		}
		if started < workers {
			started++
			wg.Add(1)
			go work()
		}
		c.seq = sent
		jobs <- c
		sent++
		return collect(false) && handOn()
	}
	fresh := func(first int) *batchChunk[T] {
		if n := len(free); n > 0 {
			c := free[n-1]
			free = free[:n-1]
			c.first = first
			return c
		}
		return &batchChunk[T]{first: first, slots: make([]slot[T], 0, chunk)}
	}

	read := 0
	c := fresh(0)
	for r := range records {
		c.slots = append(c.slots, slot[T]{rec: r})
		s := &c.slots[len(c.slots)-1]
		s.decided = p.decide(read, r, &s.out)
		read++
		if len(c.slots) == chunk {
			if !dispatch(c) {
				stop = true
				break
			}
			c = fresh(read)
		}
	}
	if !stop && len(c.slots) > 0 {
		stop = !dispatch(c)
	}
	for !stop && next < sent {
		stop = !collect(true) || !handOn()
	}
	return done, !stop && done == read
}

// isDone reports whether ch is closed, without waiting.
func isDone(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
