package newstrata

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Standing is a person's result under one policy, as Compare sees it.
type Standing struct {
	Qualified bool
	Grade     roster.Grade
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
	Grades map[roster.Grade]int
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
		t.Grades = map[roster.Grade]int{}
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
// processors and the result does not depend on how. When ctx is cancelled
// the workers stop within a few hundred records each and Compare returns
// an error that wraps ctx's.
func (a *Assessor) Compare(ctx context.Context, base, next *policy.Policy, records []*roster.Record, asOf roster.Date) (*Impact, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if base == nil || next == nil {
		return nil, fmt.Errorf("%w: policy", ErrNotReady)
	}
	type outcome struct {
		before, after Standing
		err           error
	}
	c := newComparison(base, next, asOf)
	outs := make([]outcome, len(records))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(records)/256))
	var wg sync.WaitGroup
	chunk := (len(records) + workers - 1) / max(workers, 1)
	done := make([]int, workers) // records each worker got through
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(records))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var vb, vn values // reused from record to record
			vb.size(c.base)
			vn.size(c.next)
			for i := lo; i < hi; i++ {
				if (i-lo)%checkEvery == 0 && ctx.Err() != nil {
					return
				}
				o := &outs[i]
				o.before, o.after, o.err = c.standings(records[i], &vb, &vn)
				done[w]++
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		n := 0
		for _, d := range done {
			n += d
		}
		return nil, stopped(n, len(records), err)
	}

	im := &Impact{Base: base.ID(), Next: next.ID(), Records: len(records),
		Before: Tally{Grades: map[roster.Grade]int{}}, After: Tally{Grades: map[roster.Grade]int{}}}
	for i, o := range outs {
		r := records[i]
		if o.err != nil {
			key := ""
			if r != nil {
				key = printableKey(r.Key)
			}
			im.Rejected = append(im.Rejected, Rejection{Index: i, Key: key, Err: o.err})
			continue
		}
		im.Before.add(o.before)
		im.After.add(o.after)
		if o.before.Qualified != o.after.Qualified || o.before.Grade != o.after.Grade ||
			o.before.Status != o.after.Status || !o.before.Total.Equal(o.after.Total) {
			im.Shifts = append(im.Shifts, Shift{Index: i, Key: printableKey(r.Key), Unit: r.Unit, Before: o.before, After: o.after})
		}
	}
	return im, nil
}

// comparison is what Compare runs on each record: a plan of each policy's
// rules. sameClass says the two classify alike.
type comparison struct {
	sameClass  bool
	base, next *plan
	asOf       roster.Date
	none       values // what base's plan, whose steps take no value, is given
}

// plan is a policy's rules in the order the stages run them. In next's
// plan each rule names the rule of base whose value it takes.
type plan struct {
	pol        *policy.Policy
	inputs     bool // the policy declares inputs: its facts are its own
	conditions []step
	indicators []step // the second-level indicators, first-level by first-level
	bonuses    []step
	vetoes     []step
}

// step is one rule; from is the index of base's rule in the same list
// whose value it takes, or -1 to run it.
type step struct {
	rule *policy.Rule
	from int
}

// values holds what a plan's rules gave on one record.
type values struct {
	conditions []bool
	indicators []decimal.Decimal
	bonuses    []decimal.Decimal
	vetoes     []bool
}

func (v *values) size(p *plan) {
	v.conditions = make([]bool, len(p.conditions))
	v.indicators = make([]decimal.Decimal, len(p.indicators))
	v.bonuses = make([]decimal.Decimal, len(p.bonuses))
	v.vetoes = make([]bool, len(p.vetoes))
}

func newComparison(base, next *policy.Policy, asOf roster.Date) *comparison {
	bp := newPlan(base, nil, nil)
	same := base.Classifier().Fingerprint() == next.Classifier().Fingerprint()
	inputs := alike(base, next)
	reads := func(name string) bool {
		if id, ok := strings.CutPrefix(name, "In."); ok {
			return inputs(id)
		}
		// A rule that reads the group gives base's value only when the
		// record is in the same group under both.
		return same || (name != "Group" && name != "Subkind")
	}
	return &comparison{sameClass: same, base: bp, next: newPlan(next, bp, reads), asOf: asOf}
}

// newPlan lists pol's rules; with a base plan, each takes the value of
// base's rule of the same id and formula when every fact it reads is
// alike in the two (same reports whether the fact of that name, In.<id>
// for an input, is).
func newPlan(pol *policy.Policy, base *plan, same func(name string) bool) *plan {
	p := &plan{pol: pol, inputs: len(pol.Document().Inputs) > 0}
	var b plan
	if base != nil {
		b = *base
	}
	steps := func(rules iter.Seq[*policy.Rule], from []step) []step {
		var out []step
		for r := range rules {
			out = append(out, step{rule: r, from: slices.IndexFunc(from, func(s step) bool {
				return s.rule.ID() == r.ID() && s.rule.Formula() == r.Formula() && readsAlike(r, same)
			})})
		}
		return out
	}
	p.conditions = steps(pol.Conditions(), b.conditions)
	p.indicators = steps(func(yield func(*policy.Rule) bool) {
		for d := range pol.Dimensions() {
			for r := range d.Indicators() {
				if !yield(r) {
					return
				}
			}
		}
	}, b.indicators)
	p.bonuses = steps(pol.Bonuses(), b.bonuses)
	p.vetoes = steps(pol.Vetoes(), b.vetoes)
	return p
}

// readsAlike reports whether every fact r reads is alike.
func readsAlike(r *policy.Rule, same func(name string) bool) bool {
	for name := range r.Reads() {
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

// standings gives r's standing under base and under next.
func (c *comparison) standings(r *roster.Record, vb, vn *values) (before, after Standing, err error) {
	if r == nil {
		return before, after, errNilRecord
	}
	f, err := c.base.pol.Facts(r, c.asOf)
	if err != nil {
		return before, after, err
	}
	cls, err := c.base.pol.Classifier().Classify(&f)
	if err != nil {
		return before, after, err
	}
	if before, err = c.base.standing(&f, &c.none, vb); err != nil {
		return before, after, err
	}
	fn, clsNext := &f, cls
	if c.next.inputs || !c.sameClass {
		g := f
		if c.next.inputs {
			if g, err = c.next.pol.Facts(r, c.asOf); err != nil {
				return before, after, err
			}
		}
		if c.sameClass {
			g.Group, g.Subkind = f.Group, f.Subkind // as classification gave them
		} else if clsNext, err = c.next.pol.Classifier().Classify(&g); err != nil {
			return before, after, err
		}
		fn = &g
	}
	after, err = c.next.standing(fn, vb, vn)
	// As assessFacts decides, each under its own classification.
	if cls.Outcome != classify.Classified {
		before.Status = Unqualified
	}
	if clsNext.Outcome != classify.Classified {
		after.Status = Unqualified
	}
	return before, after, err
}

// standing runs the plan on f as qualify.Check and evaluate.Evaluate do,
// without the explanations (readings, gap) Compare does not show, taking
// the values of shared rules from prev and keeping its own in v. Its
// errors are theirs.
func (p *plan) standing(f *roster.Facts, prev, v *values) (Standing, error) {
	s := Standing{Qualified: true}
	for i, st := range p.conditions {
		var held bool
		if st.from >= 0 {
			held = prev.conditions[st.from]
		} else {
			var err error
			if held, err = st.rule.Holds(f); err != nil {
				return s, &qualify.Error{Key: f.Key, Condition: st.rule.ID(), Err: err}
			}
		}
		v.conditions[i] = held
		s.Qualified = s.Qualified && held // Compare grants no waiver
	}
	value := func(st step, prev []decimal.Decimal) (decimal.Decimal, error) {
		if st.from >= 0 {
			return prev[st.from], nil
		}
		raw, err := st.rule.Value(f)
		if err != nil {
			return raw, &evaluate.Error{Key: f.Key, Rule: st.rule.ID(), Err: err}
		}
		return raw, nil
	}
	var subtotal, bonus decimal.Decimal
	for i, st := range p.indicators {
		raw, err := value(st, prev.indicators)
		if err != nil {
			return s, err
		}
		v.indicators[i] = raw
		subtotal = subtotal.Add(evaluate.Points(p.pol, st.rule, raw))
	}
	for i, st := range p.bonuses {
		raw, err := value(st, prev.bonuses)
		if err != nil {
			return s, err
		}
		v.bonuses[i] = raw
		if pts := evaluate.Points(p.pol, st.rule, raw); pts.IsPositive() {
			bonus = bonus.Add(pts)
		}
	}
	s.Total = evaluate.Total(p.pol, subtotal, bonus)
	vetoed := false
	for i, st := range p.vetoes {
		var held bool
		if st.from >= 0 {
			held = prev.vetoes[st.from]
		} else {
			var err error
			if held, err = st.rule.Holds(f); err != nil {
				return s, &evaluate.Error{Key: f.Key, Rule: st.rule.ID(), Err: err}
			}
		}
		v.vetoes[i] = held
		vetoed = vetoed || held
	}
	s.Grade = evaluate.Grade(p.pol, s.Total, vetoed)
	s.Status = statusOf(s.Qualified, p.pol.Removed(s.Grade))
	return s, nil
}
