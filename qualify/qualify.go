package qualify

import (
	"errors"
	"fmt"
	"iter"
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
type Result struct {
	Key         string
	Policy      string
	Fingerprint string
	AsOf        roster.Date
	// Qualified is true when every hard condition is met and every soft one
	// is met or waived.
	Qualified  bool
	Conditions []Verdict
}

// Failures returns the conditions that failed (not those waived).
func (r *Result) Failures() []Verdict {
	var out []Verdict
	for _, c := range r.Conditions {
		if c.Outcome == Failed {
			out = append(out, c)
		}
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
func (c *Conditions) Check(f *roster.Facts, waivers ...Waiver) (*Result, error) {
	if c == nil || f == nil {
		return nil, ErrNoInput
	}
	granted, err := c.grant(f, waivers)
	if err != nil {
		return nil, err
	}
	res := &Result{Key: f.Key, Policy: c.policy, Fingerprint: c.fingerprint, AsOf: f.AsOf, Qualified: true,
		Conditions: make([]Verdict, 0, len(c.rules))}
	for _, r := range c.rules {
		held, err := r.prog.Bool(f)
		if err != nil {
			return nil, &Error{Key: f.Key, Condition: r.ID, Err: err}
		}
		v := Verdict{ID: r.ID, Name: r.Name, Kind: r.Kind, Outcome: Met}
		if !held {
			if w := waived(granted, r.ID); w != nil {
				v.Outcome, v.Reason, v.Waiver = Waived, w.Reason, w
			} else {
				v.Outcome, v.Reason = Failed, r.Reason
				if v.Reason == "" {
					v.Reason = "不符合：" + r.Name
				}
				res.Qualified = false
			}
		}
		res.Conditions = append(res.Conditions, v)
	}
	return res, nil
}

func (c *Conditions) grant(f *roster.Facts, waivers []Waiver) ([]Waiver, error) {
	if len(waivers) == 0 {
		return nil, nil
	}
	granted := make([]Waiver, 0, len(waivers))
	for _, w := range waivers {
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
		case waived(granted, w.Condition) != nil:
			why = "重复放宽 (waived twice)"
		}
		if why != "" {
			return nil, &Error{Key: f.Key, Condition: w.Condition, Err: fmt.Errorf("%w: %s", ErrWaiver, why)}
		}
		w.Reason, w.ApprovedBy = strings.TrimSpace(w.Reason), strings.TrimSpace(w.ApprovedBy)
		granted = append(granted, w)
	}
	return granted, nil
}

// waived returns the waiver granted for a condition, nil when there is
// none. A person has a handful of waivers at most: a scan beats a map.
func waived(granted []Waiver, id string) *Waiver {
	for i := range granted {
		if granted[i].Condition == id {
			return &granted[i]
		}
	}
	return nil
}
