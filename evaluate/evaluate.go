package evaluate

import (
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Result is one person's comprehensive evaluation under one policy.
type Result struct {
	Key         string      // the record's registration number
	Policy      string      // the policy's id
	Fingerprint string      // the policy's fingerprint, to reproduce the result
	AsOf        roster.Date // the assessment date

	Dimensions []Dimension // first-level indicators, in the policy's order
	Subtotal   decimal.Decimal
	Bonuses    []Bonus // the bonuses that gave points
	Bonus      decimal.Decimal
	// Total is Subtotal plus Bonus, capped at the policy's total.
	Total decimal.Decimal
	// Vetoes are the vetoes that held; any one gives the veto grade.
	Vetoes []Veto
	Grade  roster.Grade
	// Removed is true for a grade whose holders leave the database (D).
	Removed bool
	// Gap says how far the next grade up is and what could close it; nil
	// at the top grade or under a veto.
	Gap *Gap
}

// Dimension is the score of a first-level indicator.
type Dimension struct {
	ID, Name   string
	Points     decimal.Decimal // what it is worth
	Score      decimal.Decimal // what was earned
	Indicators []Indicator
}

// Indicator is the score of a second-level indicator and how it came about.
type Indicator struct {
	ID, Name string
	Points   decimal.Decimal // what it is worth (the cap)
	// Raw is what the formula gave, before the cap and rounding.
	Raw decimal.Decimal
	// Score is Raw capped to 0..Points and rounded by the policy.
	Score decimal.Decimal
	// Lost is Points minus Score: what the person could still earn here.
	Lost decimal.Decimal
	// Read are the record's values the formula read.
	Read []policy.Reading
}

// Bonus is a bonus that gave points.
type Bonus struct {
	ID, Name string
	Points   decimal.Decimal
}

// Veto is a veto that held.
type Veto struct {
	ID, Name string
}

// Gap is the distance to the next grade up.
type Gap struct {
	Next   roster.Grade
	Points decimal.Decimal // points still needed
	// Levers are the indicators with points still to earn, most first;
	// Closes marks those that alone could close the gap.
	Levers []Lever
}

// Lever is an indicator that could raise the score.
type Lever struct {
	ID, Name  string
	Available decimal.Decimal
	Closes    bool
}

// ErrNoInput: a nil policy or nil facts.
var ErrNoInput = errors.New("没有政策或记录 (no policy or no record)")

// Error is a formula that failed on one record. The rest of a batch is
// unaffected.
type Error struct {
	Key  string // the record's registration number
	Rule string // the indicator, bonus or veto
	Err  error  // the formula's error, with its position and snippet
}

func (e *Error) Error() string {
	return fmt.Sprintf("记录 %s：%s 计算失败 (evaluation failed): %v", e.Key, e.Rule, e.Err)
}

// Unwrap returns the formula's error.
func (e *Error) Unwrap() error { return e.Err }

// Evaluate scores f under p: every second-level indicator capped at its
// points and rounded as p declares, subtotals, bonus, total, vetoes, grade,
// and the gap to the next grade. f must come from p.Facts (so that p's
// inputs are bound) with its Group set by classification. A formula that
// fails gives an [*Error] naming the record and the rule.
func Evaluate(p *policy.Policy, f *roster.Facts) (*Result, error) {
	if p == nil || f == nil {
		return nil, ErrNoInput
	}
	res := &Result{Key: f.Key, Policy: p.ID(), Fingerprint: p.Fingerprint(), AsOf: f.AsOf}
	for dim := range p.Dimensions() {
		d := Dimension{ID: dim.ID(), Name: dim.Name(), Points: dim.Points()}
		for rule := range dim.Indicators() {
			raw, err := rule.Value(f)
			if err != nil {
				return nil, &Error{Key: f.Key, Rule: rule.ID(), Err: err}
			}
			score := Points(p, rule, raw)
			d.Indicators = append(d.Indicators, Indicator{
				ID: rule.ID(), Name: rule.Name(), Points: rule.Points(),
				Raw: raw, Score: score, Lost: rule.Points().Sub(score),
				Read: rule.Readings(f),
			})
			d.Score = d.Score.Add(score)
		}
		res.Subtotal = res.Subtotal.Add(d.Score)
		res.Dimensions = append(res.Dimensions, d)
	}
	for rule := range p.Bonuses() {
		raw, err := rule.Value(f)
		if err != nil {
			return nil, &Error{Key: f.Key, Rule: rule.ID(), Err: err}
		}
		if pts := Points(p, rule, raw); pts.IsPositive() {
			res.Bonuses = append(res.Bonuses, Bonus{ID: rule.ID(), Name: rule.Name(), Points: pts})
			res.Bonus = res.Bonus.Add(pts)
		}
	}
	res.Total = Total(p, res.Subtotal, res.Bonus)
	for rule := range p.Vetoes() {
		held, err := rule.Holds(f)
		if err != nil {
			return nil, &Error{Key: f.Key, Rule: rule.ID(), Err: err}
		}
		if held {
			res.Vetoes = append(res.Vetoes, Veto{ID: rule.ID(), Name: rule.Name()})
		}
	}
	res.Grade = Grade(p, res.Total, len(res.Vetoes) > 0)
	if len(res.Vetoes) == 0 {
		band, _ := p.Grade(res.Total)
		res.Gap = gap(p, res, band)
	}
	res.Removed = p.Removed(res.Grade)
	return res, nil
}

// Points is what an indicator's or a bonus's raw value earns under p:
// capped to 0..its points and rounded as p declares. [Evaluate] scores
// every rule so; it is exported for callers that run rules themselves.
func Points(p *policy.Policy, r *policy.Rule, raw decimal.Decimal) decimal.Decimal {
	x := raw
	if x.IsNegative() {
		x = decimal.Zero
	} else if hi := r.Points(); x.GreaterThan(hi) {
		x = hi
	}
	return p.Rounding().Round(x)
}

// Total is the subtotal plus the bonus, capped at p's total.
func Total(p *policy.Policy, subtotal, bonus decimal.Decimal) decimal.Decimal {
	return decimal.Min(subtotal.Add(bonus), p.Total())
}

// Grade is the grade of a total under p; a veto gives p's veto grade
// whatever the score.
func Grade(p *policy.Policy, total decimal.Decimal, vetoed bool) roster.Grade {
	if vetoed {
		return p.VetoGrade()
	}
	band, _ := p.Grade(total) // a Total is within 0..p.Total() by construction
	return band.Grade
}

// gap finds the next band up from the current one and the indicators that
// could reach it.
func gap(p *policy.Policy, res *Result, current policy.Band) *Gap {
	var next *policy.Band
	for b := range p.Bands() {
		if b.From.GreaterThan(current.From) && (next == nil || b.From.LessThan(next.From)) {
			b := b
			next = &b
		}
	}
	if next == nil {
		return nil
	}
	g := &Gap{Next: next.Grade, Points: next.From.Sub(res.Total)}
	for _, d := range res.Dimensions {
		for _, in := range d.Indicators {
			if in.Lost.IsPositive() {
				g.Levers = append(g.Levers, Lever{ID: in.ID, Name: in.Name, Available: in.Lost, Closes: !in.Lost.LessThan(g.Points)})
			}
		}
	}
	slices.SortStableFunc(g.Levers, func(a, b Lever) int { return b.Available.Cmp(a.Available) })
	return g
}

// Indicator returns the scored indicator with the id, from any dimension.
func (r *Result) Indicator(id string) (Indicator, bool) {
	for _, d := range r.Dimensions {
		for _, in := range d.Indicators {
			if in.ID == id {
				return in, true
			}
		}
	}
	return Indicator{}, false
}
