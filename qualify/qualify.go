package qualify

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newstrata/newstrata/policy"
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

// Waiver lets a soft condition that fails count as met, for a recorded
// reason (特别优秀的可适当放宽).
type Waiver struct {
	Condition string // the condition's id
	Reason    string // why, as the approving unit wrote it
}

// Condition is the outcome of one condition.
type Condition struct {
	ID, Name string
	Kind     policy.ConditionKind
	Outcome  Outcome
	// Reason says why it failed (the policy's sentence) or why it was
	// waived (the waiver's reason); "" when met.
	Reason string
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
	Conditions []Condition
}

// Failures returns the conditions that failed (not those waived).
func (r *Result) Failures() []Condition {
	var out []Condition
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
	// condition, no reason, twice for one condition).
	ErrWaiver = errors.New("invalid waiver")
	// ErrNoInput: a nil policy or nil facts.
	ErrNoInput = errors.New("没有政策或记录 (no policy or no record)")
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

// Check runs every condition of p on f. Waivers apply to soft conditions
// only and need a reason; a waiver for a condition that is met is kept out
// of the result, since nothing was waived. f must come from p.Facts, with its
// Group set by classification.
func Check(p *policy.Policy, f *roster.Facts, waivers ...Waiver) (*Result, error) {
	if p == nil || f == nil {
		return nil, ErrNoInput
	}
	granted, err := grant(p, f.Key, waivers)
	if err != nil {
		return nil, err
	}
	res := &Result{Key: f.Key, Policy: p.ID(), Fingerprint: p.Fingerprint(), AsOf: f.AsOf, Qualified: true,
		Conditions: make([]Condition, 0, p.NumConditions())}
	for rule := range p.Conditions() {
		held, err := rule.Holds(f)
		if err != nil {
			return nil, &Error{Key: f.Key, Condition: rule.ID(), Err: err}
		}
		c := Condition{ID: rule.ID(), Name: rule.Name(), Kind: rule.Kind(), Outcome: Met}
		if !held {
			c.Outcome, c.Reason = Failed, rule.Reason()
			if c.Reason == "" {
				c.Reason = "不符合：" + rule.Name()
			}
			if why := waived(granted, rule.ID()); why != "" {
				c.Outcome, c.Reason = Waived, why
			} else {
				res.Qualified = false
			}
		}
		res.Conditions = append(res.Conditions, c)
	}
	return res, nil
}

func grant(p *policy.Policy, key string, waivers []Waiver) ([]Waiver, error) {
	if len(waivers) == 0 {
		return nil, nil
	}
	granted := make([]Waiver, 0, len(waivers))
	for _, w := range waivers {
		rule, ok := p.Condition(w.Condition)
		var why string
		switch {
		case !ok:
			why = fmt.Sprintf("政策 %s 没有资格条件 %q (the policy has no such condition)", p.ID(), w.Condition)
		case rule.Kind() != policy.Soft:
			why = "只有可放宽条件可以放宽 (only soft conditions can be waived)"
		case strings.TrimSpace(w.Reason) == "":
			why = "放宽须记录理由 (a waiver needs a reason)"
		case waived(granted, w.Condition) != "":
			why = "重复放宽 (waived twice)"
		}
		if why != "" {
			return nil, &Error{Key: key, Condition: w.Condition, Err: fmt.Errorf("%w: %s", ErrWaiver, why)}
		}
		granted = append(granted, Waiver{Condition: w.Condition, Reason: strings.TrimSpace(w.Reason)})
	}
	return granted, nil
}

// waived returns the reason a condition was waived for, "" when it was not.
// A person has a handful of waivers at most: a scan beats a map.
func waived(granted []Waiver, id string) string {
	for _, w := range granted {
		if w.Condition == id {
			return w.Reason
		}
	}
	return ""
}
