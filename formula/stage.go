package formula

import (
	"fmt"
	"math"
	"slices"
	"unsafe"

	"github.com/newstrata/newstrata/roster"
)

// Stage runs a list of programs on one record at a time, as a stage of a
// policy does: classification's rules, the conditions, the indicators with
// the bonuses and vetoes. It gives what running each program alone with
// [Program.Fixed] or [Program.Bool] gives (the same values, the same errors,
// the same fallbacks counted) for less: the record's size is checked once
// against the bounds of all its programs, and the closures run one after
// another under one recover, not one each. A record beyond the bounds, a
// program that runs on the VM and a run the closures cannot finish exactly
// are taken one program at a time, as the program's own methods take them.
// A Stage is safe for concurrent use; a nil Stage has no programs.
type Stage struct {
	progs   []*Program
	slot    []int   // each program's index among those of its kind
	fns     []stept // each program's closure and slot, in one run of memory
	numbers int     // number programs
	bools   int     // predicates
	texts   []uintptr
	maxText uint64
	others  []bound // the other bounds, one a field, each at its smallest
}

// stept is a program's closure as a stage runs it: one of b and x, or
// neither for a program that runs on the VM.
type stept struct {
	b    boolFn
	x    fixFn
	slot int
}

// NewStage makes a stage of progs, run in their order; it keeps its own
// list of them.
func NewStage(progs ...*Program) *Stage {
	st := &Stage{progs: slices.Clone(progs), slot: make([]int, len(progs)), maxText: math.MaxUint64}
	seen := map[string]int{} // the others, by field
	for i, p := range progs {
		if p.kind == Predicate {
			st.slot[i], st.bools = st.bools, st.bools+1
		} else {
			st.slot[i], st.numbers = st.numbers, st.numbers+1
		}
		fn := stept{slot: st.slot[i]}
		if p.native != nil {
			fn.b, fn.x = p.native.b, p.native.x
		}
		st.fns = append(st.fns, fn)
		for _, bd := range p.bounds {
			if bd.kind == boundText && bd.index != nil {
				st.maxText = min(st.maxText, bd.maxText)
				if !slices.Contains(st.texts, bd.offset) {
					st.texts = append(st.texts, bd.offset)
				}
				continue
			}
			if j, ok := seen[bd.name]; ok {
				o := &st.others[j]
				o.maxItems, o.maxText = min(o.maxItems, bd.maxItems), min(o.maxText, bd.maxText)
				continue
			}
			seen[bd.name] = len(st.others)
			st.others = append(st.others, bd)
		}
	}
	return st
}

// Len is the number of programs in st.
func (st *Stage) Len() int {
	if st == nil {
		return 0
	}
	return len(st.progs)
}

// Numbers is how many of st's programs give a number: the values
// [Stage.Run] writes to its numbers.
func (st *Stage) Numbers() int {
	if st == nil {
		return 0
	}
	return st.numbers
}

// Bools is how many of st's programs are predicates: the values
// [Stage.Run] writes to its bools.
func (st *Stage) Bools() int {
	if st == nil {
		return 0
	}
	return st.bools
}

// Run runs st's programs on f in their order: each number program's value
// goes to numbers and each predicate's to bools, in the order of the
// programs of its kind. It gives how many programs ran: all of them, or,
// with the error, those before the one that failed, whose error is what
// its Fixed or Bool gives; the values of that program and the ones after
// it are left as they were. numbers and bools must hold at least
// [Stage.Numbers] and [Stage.Bools] values; Run panics otherwise, as
// indexing them would.
func (st *Stage) Run(f *roster.Facts, numbers []Fixed, bools []bool) (int, error) {
	if st == nil {
		return 0, nil
	}
	if len(numbers) < st.numbers || len(bools) < st.bools {
		panic(fmt.Sprintf("formula: Stage.Run given room for %d numbers and %d booleans, not %d and %d", len(numbers), len(bools), st.numbers, st.bools))
	}
	fast := f != nil && st.fits(f)
	for i := 0; i < len(st.progs); i++ {
		if fast {
			if i = st.closures(f, numbers, bools, i); i == len(st.progs) {
				break
			}
		}
		// Program i alone: it runs on the VM, its closures could not
		// finish, or f is beyond the bounds of some program.
		p, j := st.progs[i], st.slot[i]
		if p.kind == Predicate {
			b, err := p.Bool(f)
			if err != nil {
				return i, err
			}
			bools[j] = b
		} else {
			x, err := p.Fixed(f)
			if err != nil {
				return i, err
			}
			numbers[j] = x
		}
	}
	return len(st.progs), nil
}

// closures runs the programs from the i-th on as closures, as long as
// they have them and finish, and gives the index of the first it did not
// run.
func (st *Stage) closures(f *roster.Facts, numbers []Fixed, bools []bool, i int) (next int) {
	next = i
	// A bail, or any panic of a closure (an index out of range, a nil
	// map), leaves next at the program that made it, which Run then runs
	// alone, so that the VM gives its answer or the error it is.
	defer func() { _ = recover() }()
	fr := frame{f: f}
	for ; next < len(st.fns); next++ {
		switch fn := &st.fns[next]; {
		case fn.b != nil:
			bools[fn.slot] = fn.b(fr)
		case fn.x != nil:
			numbers[fn.slot] = Fixed{x: fn.x(fr).settle()}
		default:
			return next
		}
	}
	return next
}

// fits reports whether f is within the bounds of every program of st, as
// each program's within would find it; a record that is not is run
// program by program, so that the first to read a field too large names
// it.
func (st *Stage) fits(f *roster.Facts) bool {
	base := unsafe.Pointer(f)
	long := false
	for _, off := range st.texts {
		long = long || uint64(len(*(*string)(unsafe.Add(base, off)))) > st.maxText
	}
	if long {
		return false
	}
	for i := range st.others {
		if st.others[i].check(f) != nil {
			return false
		}
	}
	return true
}
