package newstrata

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
)

// The column-wise pass of a Compare: a policy whose every stage has its
// values in the prepared roster's columns already (a what-if that
// changes weights, grades or which rules count, not formulas) is scored a
// block of records at a time, one column after another, before the
// record-by-record pass. Reading 40 columns a record at a time misses the
// cache on nearly every read; a block of each column is one run of
// memory. The records the columns do not answer (a gap, a fault) are left
// to the record-by-record pass, which works them out as it does any.

// block is how many records the column-wise pass scores at a time: a
// block's points (16 numbers of 16 bytes each) stay within a core's
// first-level cache.
const block = 128

// columnar scores, column-wise, each side of pl that can be, into its
// standings column. It stops early when ctx is done; what it wrote then
// is in columns this Compare made, which it does not keep.
func (pl *plan) columnar(ctx context.Context, workers int) error {
	for k := range pl.sides {
		if !pl.byColumns(k) {
			continue
		}
		numbers := pl.sides[k].numbers
		err := parallel(ctx, workers, len(pl.p.records), block, func() func(lo, hi int) {
			s := &blockScratch{earned: make([]formula.Fixed, block*numbers)}
			return func(lo, hi int) { pl.scoreBlock(k, lo, hi, s) }
		})
		if err != nil {
			return err
		}
		// The points this pass worked out are there for the records whose
		// values are: the record-by-record pass reads them and fills the
		// gaps left.
		for _, c := range pl.sides[k].earnCols {
			pl.settle(c)
		}
	}
	return nil
}

// byColumns reports whether side k's standings are to be worked out
// column-wise: they are not known yet, and every column they read was
// filled by an earlier Compare, but for the points of a rule whose value
// was (a changed weight).
func (pl *plan) byColumns(k int) bool {
	sd := &pl.sides[k]
	if _, fresh := pl.newStands[sd.pol.Fingerprint()]; !fresh || sd.inSlot >= 0 || sd.classSlot >= 0 {
		return false
	}
	for _, slot := range sd.condSlots {
		if slot >= 0 {
			return false
		}
	}
	for _, slot := range sd.ruleSlots {
		if slot >= 0 {
			return false
		}
	}
	return true
}

// settle makes a fresh column that a column-wise pass filled a kept one
// for the rest of the Compare: no record fills it again but those it has
// a gap for.
func (pl *plan) settle(c column) {
	slot, fresh := pl.fresh[c]
	if !fresh {
		return
	}
	delete(pl.fresh, c)
	pl.order[slot] = nil
	for k := range pl.sides {
		sd := &pl.sides[k]
		for _, slots := range [][]int{sd.condSlots, sd.ruleSlots, sd.earnSlots} {
			for j := range slots {
				if slots[j] == slot {
					slots[j] = -1
				}
			}
		}
	}
}

// blockScratch is what one worker of the column-wise pass keeps from
// block to block.
type blockScratch struct {
	ok, qualified, vetoed [block]bool
	earned                []formula.Fixed // block × numbers, record by record
}

// parallel runs the function each worker makes over 0..n, size at a
// time, on workers goroutines (GOMAXPROCS when 0). It stops early when
// ctx is done, and returns ctx's error then.
func parallel(ctx context.Context, workers, n, size int, worker func() func(lo, hi int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(workers, (n+size-1)/size) {
		wg.Go(func() {
			do := worker()
			for ctx.Err() == nil {
				lo := int(next.Add(int64(size))) - size
				if lo >= n {
					return
				}
				do(lo, min(lo+size, n))
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// scoreBlock scores records lo to hi under side k, column by column.
func (pl *plan) scoreBlock(k, lo, hi int, s *blockScratch) {
	sd := &pl.sides[k]
	ev := sd.pol.Evaluator()
	n := hi - lo
	ok, qualified, vetoed := s.ok[:n], s.qualified[:n], s.vetoed[:n]
	for i := range n {
		r := lo + i
		// A nil record has nothing in any column.
		ok[i] = pl.p.records[r] != nil && sd.inputs.err[r] == nil && !sd.inputs.gaps.has(r) &&
			sd.class.err[r] == nil && !sd.class.gaps.has(r)
		qualified[i], vetoed[i] = true, false
	}
	for _, c := range sd.condCols {
		whole := c.whole()
		for i := range n {
			ok[i] = ok[i] && (whole || c.has(lo+i))
			qualified[i] = qualified[i] && c.held[lo+i]
		}
	}
	for _, c := range sd.ruleCols[sd.numbers:] {
		whole := c.whole()
		for i := range n {
			ok[i] = ok[i] && (whole || c.has(lo+i))
			vetoed[i] = vetoed[i] || c.held[lo+i]
		}
	}
	for j, c := range sd.earnCols {
		if _, fresh := pl.fresh[c]; fresh {
			// A weight changed: the points come from the value.
			v := sd.ruleCols[j]
			whole := v.whole()
			for i := range n {
				if whole || v.has(lo+i) {
					c.num.Set(lo+i, ev.Earn(j, v.num.At(lo+i)))
				} else {
					c.leave(lo + i)
				}
			}
		}
		whole := c.whole()
		for i := range n {
			ok[i] = ok[i] && (whole || c.has(lo+i))
			s.earned[i*sd.numbers+j] = c.num.At(lo + i)
		}
	}
	for i := range n {
		if ok[i] {
			st := ev.Settle(s.earned[i*sd.numbers:(i+1)*sd.numbers], vetoed[i])
			sd.stand.set(lo+i, standingOf(qualified[i], st, sd.class.res[lo+i].Outcome))
		}
	}
}

// standingOf is a record's standing from its stages' outcomes, as
// assess decides it.
func standingOf(qualified bool, st evaluate.Standing, outcome classify.Outcome) Standing {
	out := Standing{Qualified: qualified, Grade: st.Grade, Total: st.Total, Status: statusOf(qualified, st.Removed)}
	if outcome != classify.Classified {
		out.Status = Unqualified
	}
	return out
}
