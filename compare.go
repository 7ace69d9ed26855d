package newstrata

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Standing is a person's result under one policy, as Compare sees it.
type Standing struct {
	Qualified bool
	Grade     evaluate.Grade
	Total     decimal.Decimal
	Status    Status
}

// Shift is a person whose qualification, grade or total differs between
// two policies.
type Shift struct {
	Index         int // the record's place in the roster given, from 0
	Key, Unit     string
	Before, After Standing
}

// Tally counts a roster's standings under one policy.
type Tally struct {
	// Grades counts the grades, qualified or not; a grade no one has is
	// absent.
	Grades map[evaluate.Grade]int
	// Qualified counts those the policy's conditions qualify. A person in
	// none of the four groups counts here if the conditions let them
	// through, though their Status stays Unqualified.
	Qualified int
	// Removed counts the qualified whose grade leaves the database (an
	// overlay may change which grades do).
	Removed int
}

func (t *Tally) add(s Standing) {
	if t.Grades == nil {
		t.Grades = map[evaluate.Grade]int{}
	}
	t.Grades[s.Grade]++
	if s.Qualified {
		t.Qualified++
	}
	if s.Status == Removed {
		t.Removed++
	}
}

// Impact is what adopting one policy instead of another does to a roster.
type Impact struct {
	Base, Next string // the policies' ids
	Records    int    // records given
	// Before and After count the standings under Base and under Next, over
	// the records both could assess.
	Before, After Tally
	// Shifts lists, in roster order, everyone whose qualification, grade,
	// status or total changes.
	Shifts []Shift
	// Rejected are the records that could not be assessed under one of the
	// policies (a missing input, a formula fault).
	Rejected []Rejection
}

// Compare assesses records under base and under next on asOf and lists who
// changes. Every record is assessed under the two policies given, whatever
// its unit (to see a county's overlay at work, give it that county's
// records). Records are expected to be valid (see [roster.Validator]).
//
// Each record is classified under each policy by its own rules, once when
// the two classify alike (the same [classify.Classifier.Fingerprint]), and
// a rule of next that base has too —
// the same id and formula, reading no input or inputs the two declare
// alike, and reading the group only when the two classify alike — is not
// run again: its value on the record is base's. An overlay
// that changes a weight, a formula and the grade bands runs only its own
// new and changed formulas. (This takes the two policies to give a formula
// the same functions, as two policies of one [policy.Set] do.) The result
// is what assessing each record under each policy gives, with
// [Assessor.AssessUnder]; the work is shared among the machine's
// processors (Config.Workers) and the result does not depend on how. When
// ctx is cancelled the workers stop after the record each holds and
// Compare returns an error that says how far it got and wraps ctx's.
func (a *Assessor) Compare(ctx context.Context, base, next *policy.Policy, records []*roster.Record, asOf roster.Date) (*Impact, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if base == nil || next == nil {
		return nil, fmt.Errorf("%w: policy", ErrNotReady)
	}
	type standings struct {
		before, after Standing
		err           error
	}
	c := newComparison(base, next, asOf)
	im := &Impact{Base: base.ID(), Next: next.ID(), Records: len(records),
		Before: Tally{Grades: map[evaluate.Grade]int{}}, After: Tally{Grades: map[evaluate.Grade]int{}}}
	p := &pool[standings]{
		workers:  a.workers,
		total:    len(records),
		progress: a.progress,
		decide:   func(int, *roster.Record, *standings) bool { return false },
		worker: func() func(int, *roster.Record, *standings) {
			s := c.scratch() // reused from record to record
			return func(_ int, r *roster.Record, o *standings) {
				o.before, o.after, o.err = c.standings(r, s)
			}
		},
		emit: func(i int, r *roster.Record, o *standings) bool {
			if o.err != nil {
				key := ""
				if r != nil {
					key = printableKey(r.Key)
				}
				im.Rejected = append(im.Rejected, Rejection{Index: i, Key: key, Err: o.err})
				return true
			}
			im.Before.add(o.before)
			im.After.add(o.after)
			if o.before.Qualified != o.after.Qualified || o.before.Grade != o.after.Grade ||
				o.before.Status != o.after.Status || !o.before.Total.Equal(o.after.Total) {
				im.Shifts = append(im.Shifts, Shift{Index: i, Key: printableKey(r.Key), Unit: r.Unit, Before: o.before, After: o.after})
			}
			return true
		},
	}
	if done, complete := p.run(ctx, slices.Values(records)); !complete {
		return nil, stopped(done, len(records), ctx.Err())
	}
	return im, nil
}

// comparison is what Compare runs on each record: the two policies'
// stages, and which of next's rules take base's values. sameClass says the
// two classify alike (their classifications have one fingerprint).
type comparison struct {
	base, next *policy.Policy
	asOf       roster.Date
	sameClass  bool
	// inputs is set when next declares inputs: its facts are its own.
	inputs bool
	// conds holds, for each of next's conditions, the index of base's
	// alike one, or -1; reuse does the same for the index system.
	conds []int
	reuse evaluate.Reuse
}

// scratch is what one worker keeps from record to record.
type scratch struct {
	heldBase, heldNext []bool
	rawBase, rawNext   evaluate.Raw
}

func (c *comparison) scratch() *scratch {
	return &scratch{heldBase: make([]bool, c.base.Conditions().Len()), heldNext: make([]bool, c.next.Conditions().Len())}
}

func newComparison(base, next *policy.Policy, asOf roster.Date) *comparison {
	same := base.Classifier().Fingerprint() == next.Classifier().Fingerprint()
	c := &comparison{base: base, next: next, asOf: asOf, sameClass: same, inputs: len(next.Document().Inputs) > 0}
	inputs := alike(base, next)
	reads := func(name string) bool {
		if id, ok := strings.CutPrefix(name, "In."); ok {
			return inputs(id)
		}
		// A rule that reads the group gives base's value only when the
		// record is in the same group under both.
		return same || (name != "Group" && name != "Subkind")
	}
	var baseConds, nextConds []*formula.Program
	for _, p := range base.Conditions().All() {
		baseConds = append(baseConds, p)
	}
	for _, p := range next.Conditions().All() {
		nextConds = append(nextConds, p)
	}
	c.conds = match(nextConds, baseConds, reads)
	bi, bb, bv := base.Evaluator().Rules()
	ni, nb, nv := next.Evaluator().Rules()
	c.reuse = evaluate.Reuse{Indicators: match(ni, bi, reads), Bonuses: match(nb, bb, reads), Vetoes: match(nv, bv, reads)}
	return c
}

// match gives, for each rule of next, the index of the rule of base with
// the same id and formula whose every fact is alike in the two (same says
// whether the fact of that name, In.<id> for an input, is), or -1: the
// rules whose value on a record next can take from base.
func match(next, base []*formula.Program, same func(name string) bool) []int {
	out := make([]int, len(next))
	for i, n := range next {
		out[i] = slices.IndexFunc(base, func(b *formula.Program) bool {
			return b.Rule() == n.Rule() && b.Source() == n.Source() && readsAlike(n, same)
		})
	}
	return out
}

// readsAlike reports whether every fact p reads is alike.
func readsAlike(p *formula.Program, same func(name string) bool) bool {
	for _, name := range p.Reads() {
		if !same(name) {
			return false
		}
	}
	return true
}

// alike returns whether the input id is declared in base and next with
// the same type, range and default: then a record's value of it is the
// same under both.
func alike(base, next *policy.Policy) func(id string) bool {
	declared := func(p *policy.Policy) map[string]policy.Input {
		m := map[string]policy.Input{}
		for _, in := range p.Document().Inputs {
			m[in.ID] = in
		}
		return m
	}
	b, n := declared(base), declared(next)
	return func(id string) bool {
		x, ok1 := b[id]
		y, ok2 := n[id]
		return ok1 && ok2 && x.Type == y.Type && sameDecimal(x.Min, y.Min) && sameDecimal(x.Max, y.Max) &&
			(x.Default == nil) == (y.Default == nil) && (x.Default == nil || *x.Default == *y.Default)
	}
}

func sameDecimal(x, y *decimal.Decimal) bool {
	return (x == nil) == (y == nil) && (x == nil || x.Equal(*y))
}

// standings gives r's standing under base and under next: each stage's
// first step (what the conditions and formulas give) and second (points,
// total, grade), as Assess runs them, without the explanations Compare
// does not show. A record is classified once when the two classify alike.
func (c *comparison) standings(r *roster.Record, s *scratch) (before, after Standing, err error) {
	if r == nil {
		return before, after, errNilRecord
	}
	f, err := c.base.Facts(r, c.asOf)
	if err != nil {
		return before, after, err
	}
	cls, err := c.base.Classifier().Classify(&f)
	if err != nil {
		return before, after, err
	}
	if before, err = c.standing(c.base, &f, s.heldBase, nil, nil, &s.rawBase, nil, nil); err != nil {
		return before, after, err
	}
	fn, clsNext := &f, cls
	if c.inputs || !c.sameClass {
		g := f
		if c.inputs {
			if g, err = c.next.Facts(r, c.asOf); err != nil {
				return before, after, err
			}
		}
		if c.sameClass {
			g.Group, g.Subkind = f.Group, f.Subkind // as classification gave them
		} else if clsNext, err = c.next.Classifier().Classify(&g); err != nil {
			return before, after, err
		}
		fn = &g
	}
	after, err = c.standing(c.next, fn, s.heldNext, c.conds, s.heldBase, &s.rawNext, &c.reuse, &s.rawBase)
	// As assessFacts decides, each under its own classification.
	if cls.Outcome != classify.Classified {
		before.Status = Unqualified
	}
	if clsNext.Outcome != classify.Classified {
		after.Status = Unqualified
	}
	return before, after, err
}

// standing runs pol's stages on f, taking the values of shared rules from
// prevHeld and prevRaw. Compare grants no waiver.
func (c *comparison) standing(pol *policy.Policy, f *roster.Facts, held []bool, from []int, prevHeld []bool, raw *evaluate.Raw, reuse *evaluate.Reuse, prevRaw *evaluate.Raw) (Standing, error) {
	qualified, err := pol.Conditions().Holds(f, held, from, prevHeld)
	if err != nil {
		return Standing{}, err
	}
	if err := pol.Evaluator().Measure(f, raw, reuse, prevRaw); err != nil {
		return Standing{}, err
	}
	st := pol.Evaluator().Score(raw)
	return Standing{Qualified: qualified, Grade: st.Grade, Total: st.Total, Status: statusOf(qualified, st.Removed)}, nil
}
