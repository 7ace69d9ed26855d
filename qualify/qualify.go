package qualify

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
)

// Outcome is how one condition came out for one person.
type Outcome uint8

// The outcomes of a condition.
const (
	Met    Outcome = iota + 1 // 符合
	Failed                    // 不符合
	Waived                    // 不符合，经批准放宽
)

func (o Outcome) String() string {
	switch o {
	case Met:
		return "met"
	case Failed:
		return "failed"
	case Waived:
		return "waived"
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// Label returns the Chinese label of the outcome.
func (o Outcome) Label() string {
	switch o {
	case Met:
		return "符合"
	case Failed:
		return "不符合"
	case Waived:
		return "放宽"
	}
	return o.String()
}

// Waiver lets a soft condition that fails count as met (特别优秀的可适当放宽):
// who granted it, on what day and why are recorded, and the explanation of
// the result shows all three.
type Waiver struct {
	Condition string // the condition's id
	Reason    string // why, as the approving unit wrote it
	// ApprovedBy is the unit that granted the waiver (审批单位).
	ApprovedBy string
	// Date is the day it was granted; a waiver dated after the assessment
	// date is refused.
	Date roster.Date
}

// Verdict is how one condition came out for one person.
type Verdict struct {
	ID, Name string
	Kind     Kind
	Outcome  Outcome
	// Reason says why it failed (the policy's sentence) or why it was
	// waived (the waiver's reason); "" when met.
	Reason string
	// Waiver is the waiver granted, for a waived condition: its reason, the
	// unit that granted it and the day.
	Waiver *Waiver
}

// Result is a person's qualification under one policy.
//
// A Result from [Conditions.Check] is compact: besides the fields below it
// keeps the conditions it was checked against, one bit a condition for
// whether it held, and the waivers that were used (usually none).
// [Result.Verdicts] works each condition's [Verdict] out from these when it
// is called. A Result read back from JSON carries its verdicts as they were
// written.
type Result struct {
	Key         string
	Policy      string
	Fingerprint string
	AsOf        roster.Date
	// Qualified is true when every hard condition is met and every soft one
	// is met or waived.
	Qualified bool

	conds *Conditions // the conditions checked; nil for a Result not made by Check
	held  uint64      // bit i: the i-th condition held, for the first 64
	rare  *rare       // what few results need; nil for most
	given *given      // the verdicts of a result read back from JSON
}

// rare is what a checked Result needs beyond its first 64 conditions'
// bits: the bits of the rest, for a policy with more than 64 conditions,
// and the waivers used. Most results need neither and have none.
type rare struct {
	held   []uint64 // bit i%64 of word i/64-1: the i-th condition held, from the 65th on
	waived []Waiver // the waivers of the conditions that failed and were waived, trimmed, in the conditions' order
}

// given is what a Result read back from JSON carries instead of the
// conditions to work its verdicts out from.
type given struct {
	verdicts []Verdict
}

// holds reports whether the i-th condition held.
func (r *Result) holds(i int) bool {
	if i < 64 {
		return r.held>>uint(i)&1 == 1
	}
	return r.rare.held[i/64-1]>>uint(i%64)&1 == 1
}

// waived returns the waivers used, nil when none was.
func (r *Result) waived() []Waiver {
	if r.rare == nil {
		return nil
	}
	return r.rare.waived
}

// verdict works out the i-th condition's verdict; a waived one's Waiver
// points into ws, the result's waivers or a copy of them.
func (r *Result) verdict(i int, ws []Waiver) Verdict {
	rl := &r.conds.rules[i]
	v := Verdict{ID: rl.ID, Name: rl.Name, Kind: rl.Kind, Outcome: Met}
	if r.holds(i) {
		return v
	}
	if k := waiverFor(ws, rl.ID); k >= 0 {
		v.Outcome, v.Reason, v.Waiver = Waived, ws[k].Reason, &ws[k]
		return v
	}
	v.Outcome, v.Reason = Failed, rl.Reason
	if v.Reason == "" {
		v.Reason = "不符合：" + rl.Name
	}
	return v
}

// count returns how many verdicts the result gives.
func (r *Result) count() int {
	switch {
	case r == nil:
		return 0
	case r.conds != nil:
		return len(r.conds.rules)
	case r.given != nil:
		return len(r.given.verdicts)
	}
	return 0
}

// each yields every verdict in the policy's order without collecting
// them. A waived one's Waiver, and a result read back from JSON's
// verdicts, are the result's own: each is for the callers inside the
// package, which only read them.
func (r *Result) each() iter.Seq[Verdict] {
	return func(yield func(Verdict) bool) {
		switch {
		case r == nil:
		case r.conds != nil:
			ws := r.waived()
			for i := range r.conds.rules {
				if !yield(r.verdict(i, ws)) {
					return
				}
			}
		case r.given != nil:
			for _, v := range r.given.verdicts {
				if !yield(v) {
					return
				}
			}
		}
	}
}

// Verdicts returns every condition's verdict in the policy's order: id,
// name, kind, outcome, and for a failed condition the policy's sentence
// (or "不符合：" and the name, when the policy has none), for a waived one
// the waiver's reason and the waiver. It works them out on each call, and
// the caller may keep or change what it gets. A Result read back from JSON
// gives a copy of the verdicts it was read with; a Result made by hand, a
// zero or a nil one gives nil.
func (r *Result) Verdicts() []Verdict {
	switch {
	case r == nil:
		return nil
	case r.conds != nil:
		ws := slices.Clone(r.waived())
		out := make([]Verdict, len(r.conds.rules))
		for i := range out {
			out[i] = r.verdict(i, ws)
		}
		return out
	case r.given != nil:
		return cloneVerdicts(r.given.verdicts)
	}
	return nil
}

// cloneVerdicts copies vs with their waivers.
func cloneVerdicts(vs []Verdict) []Verdict {
	out := slices.Clone(vs)
	for i := range out {
		if w := out[i].Waiver; w != nil {
			c := *w
			out[i].Waiver = &c
		}
	}
	return out
}

// Failures returns the conditions that failed (not those waived), in the
// policy's order; nil when none did.
func (r *Result) Failures() []Verdict {
	var out []Verdict
	switch {
	case r == nil:
	case r.conds != nil:
		ws := r.waived()
		for i, rl := range r.conds.rules {
			if !r.holds(i) && waiverFor(ws, rl.ID) < 0 {
				out = append(out, r.verdict(i, nil))
			}
		}
	case r.given != nil:
		for _, v := range r.given.verdicts {
			if v.Outcome == Failed {
				out = append(out, v)
			}
		}
		out = cloneVerdicts(out)
	}
	return out
}

// Causes that [errors.Is] matches.
var (
	// ErrWaiver: a waiver that cannot be granted (unknown condition, a hard
	// condition, no reason, no approving unit or date, dated after the
	// assessment date, twice for one condition).
	ErrWaiver = errors.New("invalid waiver")
	// ErrNoInput: nil conditions or nil facts.
	ErrNoInput = errors.New("没有资格条件或记录 (no conditions or no record)")
)

// Error is a condition whose formula failed on one record, or a waiver that
// cannot be granted.
type Error struct {
	Key       string // the record's registration number
	Condition string
	Err       error
}

func (e *Error) Error() string {
	return fmt.Sprintf("记录 %s：资格条件 %s：%v", e.Key, e.Condition, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Conditions are a policy's qualification conditions, compiled. They are
// immutable and safe for concurrent use; the zero value holds no condition
// and checks nothing ([Conditions.Check] gives an error).
type Conditions struct {
	policy, fingerprint string
	rules               []rule
	stage               *formula.Stage // the rules' programs
}

// rule is one compiled condition.
type rule struct {
	Condition
	prog *formula.Program
}

// Compile compiles conds against env, the policy's formula environment.
// Every formula that does not compile is reported, each a
// [*formula.Error] at its place, joined. Ids are the policy's to check.
func Compile(env *formula.Env, conds []Condition) (*Conditions, error) {
	if env == nil {
		return nil, ErrNoInput
	}
	c := &Conditions{policy: env.Policy(), fingerprint: env.Fingerprint(), rules: make([]rule, 0, len(conds))}
	var errs []error
	for _, cd := range conds {
		prog, err := env.Compile(cd.ID, cd.Formula, formula.Predicate, cd.FormulaPos.Of(cd.Formula))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.rules = append(c.rules, rule{Condition: cd, prog: prog})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	progs := make([]*formula.Program, len(c.rules))
	for i, r := range c.rules {
		progs[i] = r.prog
	}
	c.stage = formula.NewStage(progs...)
	return c, nil
}

// Len returns how many conditions there are.
func (c *Conditions) Len() int {
	if c == nil {
		return 0
	}
	return len(c.rules)
}

// Condition returns the condition with the id.
func (c *Conditions) Condition(id string) (Condition, bool) {
	if c != nil {
		for _, r := range c.rules {
			if r.ID == id {
				return r.Condition, true
			}
		}
	}
	return Condition{}, false
}

// All yields the conditions in order with their compiled formulas'
// programs, for a caller that compares two policies' conditions.
func (c *Conditions) All() iter.Seq2[Condition, *formula.Program] {
	return func(yield func(Condition, *formula.Program) bool) {
		if c == nil {
			return
		}
		for _, r := range c.rules {
			if !yield(r.Condition, r.prog) {
				return
			}
		}
	}
}

// Check runs every condition on f. Waivers apply to soft conditions only
// and need a reason, the approving unit and a date not after the
// assessment date; a waiver for a condition that is met is kept out of the
// result, since nothing was waived. f must come from the policy's Facts,
// with its group given by classification.
//
// The result is one allocation when no waiver is used and the policy has
// at most 64 conditions: it keeps which conditions held, not their
// verdicts ([Result.Verdicts] works them out).
func (c *Conditions) Check(f *roster.Facts, waivers ...Waiver) (*Result, error) {
	if c == nil || f == nil {
		return nil, ErrNoInput
	}
	if err := c.grant(f, waivers); err != nil {
		return nil, err
	}
	qualified := true
	var held uint64
	var x *rare
	if len(c.rules) > 64 {
		x = &rare{held: make([]uint64, (len(c.rules)-1)/64)}
	}
	var buf [64]bool
	verdicts := buf[:]
	if len(c.rules) > len(buf) {
		verdicts = make([]bool, len(c.rules))
	}
	if n, err := c.stage.Run(f, nil, verdicts); err != nil {
		return nil, &Error{Key: f.Key, Condition: c.rules[n].ID, Err: err}
	}
	for i := range c.rules { // by index: a rule is too large to copy for each record
		switch ok := verdicts[i]; {
		case ok && i < 64:
			held |= 1 << uint(i)
		case ok:
			x.held[i/64-1] |= 1 << uint(i%64)
		default:
			k := waiverFor(waivers, c.rules[i].ID)
			if k < 0 {
				qualified = false
				continue
			}
			if x == nil {
				x = &rare{}
			}
			w := waivers[k]
			w.Reason, w.ApprovedBy = strings.TrimSpace(w.Reason), strings.TrimSpace(w.ApprovedBy)
			x.waived = append(x.waived, w)
		}
	}
	return &Result{Key: f.Key, Policy: c.policy, Fingerprint: c.fingerprint, AsOf: f.AsOf, Qualified: qualified,
		conds: c, held: held, rare: x}, nil
}

// grant checks the waivers, before any condition runs; it keeps none of
// them, so that checking a record with no waiver used allocates nothing
// for them.
func (c *Conditions) grant(f *roster.Facts, waivers []Waiver) error {
	for i, w := range waivers {
		cond, ok := c.Condition(w.Condition)
		var why string
		switch {
		case !ok:
			why = fmt.Sprintf("政策 %s 没有资格条件 %q (the policy has no such condition)", c.policy, w.Condition)
		case cond.Kind != Soft:
			why = "只有可放宽条件可以放宽 (only soft conditions can be waived)"
		case strings.TrimSpace(w.Reason) == "":
			why = "放宽须记录理由 (a waiver needs a reason)"
		case strings.TrimSpace(w.ApprovedBy) == "":
			why = "放宽须写明审批单位 (a waiver needs the unit that granted it)"
		case w.Date.IsZero():
			why = "放宽须写明审批日期 (a waiver needs the day it was granted)"
		case !f.AsOf.IsZero() && w.Date.After(f.AsOf):
			why = "审批日期晚于评价基准日 (the waiver is dated after the assessment date)"
		case waiverFor(waivers[:i], w.Condition) >= 0:
			// The earlier ones were granted: a bad one would have stopped here.
			why = "重复放宽 (waived twice)"
		}
		if why != "" {
			return &Error{Key: f.Key, Condition: w.Condition, Err: fmt.Errorf("%w: %s", ErrWaiver, why)}
		}
	}
	return nil
}

// waiverFor returns the index of the waiver for a condition, -1 when there
// is none. A person has a handful of waivers at most: a scan beats a map.
func waiverFor(ws []Waiver, id string) int {
	for i := range ws {
		if ws[i].Condition == id {
			return i
		}
	}
	return -1
}
