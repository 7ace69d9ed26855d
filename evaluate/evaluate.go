package evaluate

import (
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Result is one person's comprehensive evaluation under one policy.
type Result struct {
	Key         string      // the record's registration number
	Policy      string      // the policy's id
	Fingerprint string      // the policy's fingerprint, to reproduce the result
	AsOf        roster.Date // the assessment date

	Dimensions []DimensionScore // first-level indicators, in the policy's order
	Subtotal   decimal.Decimal
	Bonuses    []BonusScore // the bonuses that gave points
	Bonus      decimal.Decimal
	// Total is Subtotal plus Bonus, capped at the policy's total.
	Total decimal.Decimal
	// Vetoes are the vetoes that held; any one gives the veto grade.
	Vetoes []VetoHeld
	Grade  Grade
	// Removed is true for a grade whose holders leave the database (D).
	Removed bool
	// Gap says how far the next grade up is and what could close it; nil
	// at the top grade or under a veto.
	Gap *Gap
}

// DimensionScore is the score of a first-level indicator.
type DimensionScore struct {
	ID, Name   string
	Points     decimal.Decimal // what it is worth
	Score      decimal.Decimal // what was earned
	Indicators []IndicatorScore
}

// IndicatorScore is the score of a second-level indicator and how it came
// about.
type IndicatorScore struct {
	ID, Name string
	Points   decimal.Decimal // what it is worth (the cap)
	// Raw is what the formula gave, before the cap and rounding.
	Raw decimal.Decimal
	// Score is Raw capped to 0..Points and rounded by the policy.
	Score decimal.Decimal
	// Lost is Points minus Score: what the person could still earn here.
	Lost decimal.Decimal
	// Read are the record's values the formula read.
	Read []formula.Reading
}

// BonusScore is a bonus that gave points.
type BonusScore struct {
	ID, Name string
	Points   decimal.Decimal
}

// VetoHeld is a veto that held.
type VetoHeld struct {
	ID, Name string
}

// Gap is the distance to the next grade up.
type Gap struct {
	Next   Grade
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

// ErrNoInput: a nil evaluator or nil facts.
var ErrNoInput = errors.New("没有指标体系或记录 (no index system or no record)")

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

// Evaluator is an index system compiled: every formula type-checked, the
// bands ordered. It is immutable and safe for concurrent use. The zero
// Evaluator scores nothing: its methods give [ErrNoInput].
type Evaluator struct {
	policy, fingerprint string
	scheme              Scheme
	dims                []dimension
	bonuses             []rule
	vetoes              []rule
	bands               []Band // from the top band down
	rules               int    // second-level indicators
}

type dimension struct {
	id, name   string
	points     decimal.Decimal
	indicators []rule
}

// rule is a compiled second-level indicator, bonus or veto.
type rule struct {
	id, name string
	points   decimal.Decimal
	prog     *formula.Program
}

// Compile compiles s against env, the policy's formula environment. Every
// formula that does not compile is reported, each a [*formula.Error] at its
// place, joined. The invariants of s (points that add up, bands that cover
// 0 to Total, a removed veto grade) are the policy's to check before.
func Compile(env *formula.Env, s Scheme) (*Evaluator, error) {
	if env == nil {
		return nil, ErrNoInput
	}
	e := &Evaluator{policy: env.Policy(), fingerprint: env.Fingerprint(), scheme: s}
	var errs []error
	compile := func(id, name, src string, kind formula.Kind, at formula.Position, points decimal.Decimal) (rule, bool) {
		prog, err := env.Compile(id, src, kind, at.Of(src))
		if err != nil {
			errs = append(errs, err)
			return rule{}, false
		}
		return rule{id: id, name: name, points: points, prog: prog}, true
	}
	for _, top := range s.Indicators {
		d := dimension{id: top.ID, name: top.Name, points: top.Points}
		for _, in := range top.Children {
			if r, ok := compile(in.ID, in.Name, in.Formula, formula.Number, in.FormulaPos, in.Points); ok {
				d.indicators = append(d.indicators, r)
				e.rules++
			}
		}
		e.dims = append(e.dims, d)
	}
	for _, b := range s.Bonuses {
		if r, ok := compile(b.ID, b.Name, b.Formula, formula.Number, b.FormulaPos, b.Points); ok {
			e.bonuses = append(e.bonuses, r)
		}
	}
	for _, v := range s.Vetoes {
		if r, ok := compile(v.ID, v.Name, v.Formula, formula.Predicate, v.FormulaPos, decimal.Decimal{}); ok {
			e.vetoes = append(e.vetoes, r)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	e.bands = slices.Clone(s.Grades)
	slices.SortStableFunc(e.bands, func(a, b Band) int { return b.From.Cmp(a.From) })
	return e, nil
}

// Scheme returns the index system e was compiled from.
func (e *Evaluator) Scheme() Scheme { return e.scheme }

// Evaluate scores f: every second-level indicator capped at its points and
// rounded as the scheme declares, subtotals, bonus, total, vetoes, grade,
// and the gap to the next grade. f must come from the policy's Facts (so
// that its inputs are bound), with its group given by classification. A
// formula that fails gives an [*Error] naming the record and the rule.
func (e *Evaluator) Evaluate(f *roster.Facts) (*Result, error) {
	if e == nil || e.dims == nil && e.bands == nil || f == nil {
		return nil, ErrNoInput
	}
	var raw Raw
	if err := e.Measure(f, &raw, nil, nil); err != nil {
		return nil, err
	}
	res := &Result{Key: f.Key, Policy: e.policy, Fingerprint: e.fingerprint, AsOf: f.AsOf}
	k := 0
	for _, dim := range e.dims {
		d := DimensionScore{ID: dim.id, Name: dim.name, Points: dim.points}
		for _, r := range dim.indicators {
			score := e.points(r, raw.Indicators[k])
			d.Indicators = append(d.Indicators, IndicatorScore{
				ID: r.id, Name: r.name, Points: r.points,
				Raw: raw.Indicators[k], Score: score, Lost: r.points.Sub(score),
				Read: r.prog.Readings(f),
			})
			d.Score = d.Score.Add(score)
			k++
		}
		res.Subtotal = res.Subtotal.Add(d.Score)
		res.Dimensions = append(res.Dimensions, d)
	}
	for i, r := range e.bonuses {
		if pts := e.points(r, raw.Bonuses[i]); pts.IsPositive() {
			res.Bonuses = append(res.Bonuses, BonusScore{ID: r.id, Name: r.name, Points: pts})
			res.Bonus = res.Bonus.Add(pts)
		}
	}
	res.Total = decimal.Min(res.Subtotal.Add(res.Bonus), e.scheme.Total)
	for i, r := range e.vetoes {
		if raw.Vetoes[i] {
			res.Vetoes = append(res.Vetoes, VetoHeld{ID: r.id, Name: r.name})
		}
	}
	res.Grade = e.grade(res.Total, len(res.Vetoes) > 0)
	if len(res.Vetoes) == 0 {
		band, _ := e.band(res.Total)
		res.Gap = e.gap(res, band)
	}
	res.Removed = e.Removed(res.Grade)
	return res, nil
}

// Raw holds what an evaluator's formulas gave on one record, before any
// cap or rounding: the first of the two steps of an evaluation.
type Raw struct {
	Indicators []decimal.Decimal // second-level indicators, dimension by dimension
	Bonuses    []decimal.Decimal
	Vetoes     []bool
}

// Rules lists the ids of e's second-level indicators, bonuses and vetoes,
// in the order of a [Raw], with their compiled formulas, for a caller that
// compares two evaluators' rules.
func (e *Evaluator) Rules() (indicators, bonuses, vetoes []*formula.Program) {
	if e == nil {
		return nil, nil, nil
	}
	for _, d := range e.dims {
		for _, r := range d.indicators {
			indicators = append(indicators, r.prog)
		}
	}
	for _, r := range e.bonuses {
		bonuses = append(bonuses, r.prog)
	}
	for _, r := range e.vetoes {
		vetoes = append(vetoes, r.prog)
	}
	return indicators, bonuses, vetoes
}

// Reuse says, for each rule of an evaluator in the order of a [Raw], the
// index of the rule of another evaluator whose raw value it takes, or -1
// to run it. The zero Reuse runs every rule.
type Reuse struct {
	Indicators, Bonuses, Vetoes []int
}

// Measure runs e's formulas on f into raw, the first step. With reuse,
// a rule whose index is not -1 takes its value from prev instead of
// running: what an alike rule of another policy gave on the same facts.
func (e *Evaluator) Measure(f *roster.Facts, raw *Raw, reuse *Reuse, prev *Raw) error {
	if e == nil || f == nil {
		return ErrNoInput
	}
	if len(raw.Indicators) != e.rules || len(raw.Bonuses) != len(e.bonuses) || len(raw.Vetoes) != len(e.vetoes) {
		raw.Indicators = make([]decimal.Decimal, e.rules)
		raw.Bonuses = make([]decimal.Decimal, len(e.bonuses))
		raw.Vetoes = make([]bool, len(e.vetoes))
	}
	from := func(list []int, i int) int {
		if reuse == nil || list == nil {
			return -1
		}
		return list[i]
	}
	number := func(r rule, j int, prevs []decimal.Decimal) (decimal.Decimal, error) {
		if j >= 0 {
			return prevs[j], nil
		}
		v, err := r.prog.Decimal(f)
		if err != nil {
			return v, &Error{Key: f.Key, Rule: r.id, Err: err}
		}
		return v, nil
	}
	k := 0
	for _, d := range e.dims {
		for _, r := range d.indicators {
			var prevs []decimal.Decimal
			if prev != nil {
				prevs = prev.Indicators
			}
			v, err := number(r, from(reuseList(reuse, 0), k), prevs)
			if err != nil {
				return err
			}
			raw.Indicators[k] = v
			k++
		}
	}
	for i, r := range e.bonuses {
		var prevs []decimal.Decimal
		if prev != nil {
			prevs = prev.Bonuses
		}
		v, err := number(r, from(reuseList(reuse, 1), i), prevs)
		if err != nil {
			return err
		}
		raw.Bonuses[i] = v
	}
	for i, r := range e.vetoes {
		if j := from(reuseList(reuse, 2), i); j >= 0 {
			raw.Vetoes[i] = prev.Vetoes[j]
			continue
		}
		held, err := r.prog.Bool(f)
		if err != nil {
			return &Error{Key: f.Key, Rule: r.id, Err: err}
		}
		raw.Vetoes[i] = held
	}
	return nil
}

func reuseList(r *Reuse, which int) []int {
	if r == nil {
		return nil
	}
	return [][]int{r.Indicators, r.Bonuses, r.Vetoes}[which]
}

// Standing is where raw values leave a person: the second step, without
// the explanations of a [Result].
type Standing struct {
	Total   decimal.Decimal
	Grade   Grade
	Removed bool
}

// Score caps, rounds and adds up raw as [Evaluator.Evaluate] does and
// grades the total: the second step.
func (e *Evaluator) Score(raw *Raw) Standing {
	var subtotal, bonus decimal.Decimal
	k := 0
	for _, d := range e.dims {
		for _, r := range d.indicators {
			subtotal = subtotal.Add(e.points(r, raw.Indicators[k]))
			k++
		}
	}
	for i, r := range e.bonuses {
		if pts := e.points(r, raw.Bonuses[i]); pts.IsPositive() {
			bonus = bonus.Add(pts)
		}
	}
	s := Standing{Total: decimal.Min(subtotal.Add(bonus), e.scheme.Total)}
	vetoed := slices.Contains(raw.Vetoes, true)
	s.Grade = e.grade(s.Total, vetoed)
	s.Removed = e.Removed(s.Grade)
	return s
}

// points is what a rule's raw value earns: capped to 0..its points and
// rounded as the scheme declares.
func (e *Evaluator) points(r rule, raw decimal.Decimal) decimal.Decimal {
	x := raw
	if x.IsNegative() {
		x = decimal.Zero
	} else if x.GreaterThan(r.points) {
		x = r.points
	}
	return e.scheme.Rounding.Round(x)
}

// grade is the grade of a total; a veto gives the veto grade whatever the
// score.
func (e *Evaluator) grade(total decimal.Decimal, vetoed bool) Grade {
	if vetoed {
		return e.scheme.VetoGrade
	}
	band, _ := e.band(total) // a total is within 0..Total by construction
	return band.Grade
}

// Grade returns the grade the bands give a total, without a veto.
func (e *Evaluator) Grade(total decimal.Decimal) Grade {
	if e == nil {
		return 0
	}
	return e.grade(total, false)
}

// band returns the band a score falls in; the top band includes the total.
func (e *Evaluator) band(score decimal.Decimal) (Band, bool) {
	for i, b := range e.bands {
		if !score.LessThan(b.From) && (score.LessThan(b.To) || (i == 0 && score.Equal(b.To))) {
			return b, true
		}
	}
	return Band{}, false
}

// Removed reports whether holders of grade g leave the database.
func (e *Evaluator) Removed(g Grade) bool {
	if e == nil {
		return false
	}
	for _, b := range e.bands {
		if b.Grade == g {
			return b.Removed
		}
	}
	return false
}

// gap finds the next band up from the current one and the indicators that
// could reach it.
func (e *Evaluator) gap(res *Result, current Band) *Gap {
	var next *Band
	for i := range e.bands {
		b := &e.bands[i]
		if b.From.GreaterThan(current.From) && (next == nil || b.From.LessThan(next.From)) {
			next = b
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
func (r *Result) Indicator(id string) (IndicatorScore, bool) {
	for _, d := range r.Dimensions {
		for _, in := range d.Indicators {
			if in.ID == id {
				return in, true
			}
		}
	}
	return IndicatorScore{}, false
}
