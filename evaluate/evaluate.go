package evaluate

import (
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Result is one person's comprehensive evaluation under one policy. It is
// compact: the total, the grade and the formulas' raw values in machine
// words, and the facts they were computed from. The scores of
// each indicator, the bonuses and vetoes, the readings and the gap to the
// next grade are worked out from these when asked for (by [Result.Dimensions],
// [Result.Gap], [Result.Explain] ...), so that a batch that keeps only the
// grade pays for no explanation.
type Result struct {
	Key         string      // the record's registration number
	Policy      string      // the policy's id
	Fingerprint string      // the policy's fingerprint, to reproduce the result
	AsOf        roster.Date // the assessment date

	// Total is the subtotal plus the bonus, capped at the policy's total:
	// an exact decimal in machine words ([formula.Fixed.Decimal] gives it
	// as a shopspring Decimal).
	Total formula.Fixed
	Grade Grade
	// Removed is true for a grade whose holders leave the database (D).
	Removed bool
	// Vetoed is true when a veto held, which gives the veto grade.
	Vetoed bool

	ev *Evaluator
	// The raw numbers (second-level indicators, then bonuses) as words,
	// or spilt as they are when one is not a Word or they do not fit a
	// block; and the vetoes.
	words  []formula.Word
	spill  []formula.Fixed
	vetoes []bool
	facts  *roster.Facts
	given  *explained // the parts of a result read back from JSON
}

// explained is what a Result read back from JSON carries instead of an
// evaluator and facts to work its parts out from.
type explained struct {
	dimensions      []DimensionScore
	subtotal, bonus decimal.Decimal
	bonuses         []BonusScore
	vetoes          []VetoHeld
	gap             *Gap
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
	bands               []Band          // from the top band down
	from                []formula.Fixed // each band's From, in the order of bands
	to                  []formula.Fixed // and its To
	total               formula.Fixed   // the scheme's Total
	rules               int             // second-level indicators
	numbers             []rule          // the second-level indicators, then the bonuses: a Raw's numbers
	stage               *formula.Stage  // the programs of numbers, then of vetoes
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
	cap      formula.Fixed // points, as the engine computes
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
		return rule{id: id, name: name, points: points, cap: formula.FixedOf(points), prog: prog}, true
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
	for _, d := range e.dims {
		e.numbers = append(e.numbers, d.indicators...)
	}
	e.numbers = append(e.numbers, e.bonuses...)
	for _, v := range s.Vetoes {
		if r, ok := compile(v.ID, v.Name, v.Formula, formula.Predicate, v.FormulaPos, decimal.Decimal{}); ok {
			e.vetoes = append(e.vetoes, r)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var progs []*formula.Program
	for _, r := range slices.Concat(e.numbers, e.vetoes) {
		progs = append(progs, r.prog)
	}
	e.stage = formula.NewStage(progs...)
	e.bands = slices.Clone(s.Grades)
	slices.SortStableFunc(e.bands, func(a, b Band) int { return b.From.Cmp(a.From) })
	for _, b := range e.bands {
		e.from = append(e.from, formula.FixedOf(b.From))
		e.to = append(e.to, formula.FixedOf(b.To))
	}
	e.total = formula.FixedOf(s.Total)
	return e, nil
}

// Scheme returns the index system e was compiled from.
func (e *Evaluator) Scheme() Scheme { return e.scheme }

// Evaluate scores f: every second-level indicator capped at its points and
// rounded as the scheme declares, subtotals, bonus, total, vetoes and
// grade. f must come from the policy's Facts (so that its inputs are
// bound), with its group given by classification. The result keeps f
// itself, not a copy, to explain itself when asked: f must not change
// afterwards (as with a buffer handed to bytes.NewBuffer). A formula that fails gives an [*Error] naming
// the record and the rule.
func (e *Evaluator) Evaluate(f *roster.Facts) (*Result, error) {
	if e == nil || e.dims == nil && e.bands == nil || f == nil {
		return nil, ErrNoInput
	}
	// The formulas run into numbers on the stack; the result keeps them as
	// Words, which the collector does not scan, in one allocation with
	// itself when they fit a block, as the baseline's and most overlays'
	// do. A number too large for a Word, or more numbers than a block
	// holds, are kept as they are instead.
	n := e.rules + len(e.bonuses)
	var (
		buf     [blockNumbers]formula.Fixed
		numbers = buf[:min(n, blockNumbers)]
		res     *Result
		words   []formula.Word
		spill   []formula.Fixed // numbers, when made for the result
		vetoes  []bool
	)
	if n <= blockNumbers && len(e.vetoes) <= blockVetoes {
		b := &resultBlock{}
		res, words, vetoes = &b.Result, b.words[:n:n], b.vetoes[:len(e.vetoes):len(e.vetoes)]
	} else {
		spill = make([]formula.Fixed, n)
		res, numbers, vetoes = &Result{}, spill, make([]bool, len(e.vetoes))
	}
	if _, err := e.measure(f, numbers, vetoes); err != nil {
		return nil, err
	}
	*res = Result{Key: f.Key, Policy: e.policy, Fingerprint: e.fingerprint, AsOf: f.AsOf, ev: e, facts: f, vetoes: vetoes}
	if words == nil {
		res.spill = spill
	} else {
		res.words, res.spill = keep(numbers, words)
	}
	total, vetoed := e.score(&Raw{Indicators: numbers[:e.rules:e.rules], Bonuses: numbers[e.rules:], Vetoes: vetoes})
	st := e.settled(total, vetoed)
	res.Total, res.Vetoed, res.Grade, res.Removed = st.Total, vetoed, st.Grade, st.Removed
	return res, nil
}

// keep gives the raw numbers a result keeps in its block: as words, when
// each is a Word; else a copy of numbers.
func keep(numbers []formula.Fixed, words []formula.Word) ([]formula.Word, []formula.Fixed) {
	for k, x := range numbers {
		w, ok := x.Word()
		if !ok {
			return nil, slices.Clone(numbers)
		}
		words[k] = w
	}
	return words, nil
}

// resultBlock is a Result with room for its raw values.
type resultBlock struct {
	Result
	words  [blockNumbers]formula.Word
	vetoes [blockVetoes]bool
}

const (
	blockNumbers = 16 // second-level indicators and bonuses
	blockVetoes  = 8
)

// Raw holds what an evaluator's formulas gave on one record, before any
// cap or rounding: the first of the two steps of an evaluation.
type Raw struct {
	Indicators []formula.Fixed // second-level indicators, dimension by dimension
	Bonuses    []formula.Fixed
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

// Measure runs e's formulas on f into raw, the first step; raw's slices
// are made when they do not fit e. When a formula fails, the values of
// the formulas before it are set and the others are left as they were.
func (e *Evaluator) Measure(f *roster.Facts, raw *Raw) error {
	if e == nil || f == nil {
		return ErrNoInput
	}
	if len(raw.Indicators) != e.rules || len(raw.Bonuses) != len(e.bonuses) || len(raw.Vetoes) != len(e.vetoes) {
		numbers := make([]formula.Fixed, e.rules+len(e.bonuses))
		raw.Indicators, raw.Bonuses = numbers[:e.rules:e.rules], numbers[e.rules:]
		raw.Vetoes = make([]bool, len(e.vetoes))
	}
	// The formulas run into one array, numbers then vetoes, as a Stage
	// gives them; what a formula that fails and those after it would have
	// given is not copied.
	var block [blockNumbers]formula.Fixed
	numbers := block[:]
	if n := e.rules + len(e.bonuses); n > len(block) {
		numbers = make([]formula.Fixed, n)
	}
	ran, err := e.measure(f, numbers, raw.Vetoes)
	ran = min(ran, e.rules+len(e.bonuses))
	copy(raw.Indicators, numbers[:min(ran, e.rules)])
	if ran > e.rules {
		copy(raw.Bonuses, numbers[e.rules:ran])
	}
	return err
}

// measure runs e's formulas on f: the indicators' and bonuses' values go
// to numbers, in the order of a Raw, the vetoes' to vetoes. It gives how
// many ran, as Stage.Run does.
func (e *Evaluator) measure(f *roster.Facts, numbers []formula.Fixed, vetoes []bool) (int, error) {
	n, err := e.stage.Run(f, numbers, vetoes)
	if err == nil {
		return n, nil
	}
	id := ""
	if n < len(e.numbers) {
		id = e.numbers[n].id
	} else {
		id = e.vetoes[n-len(e.numbers)].id
	}
	return n, &Error{Key: f.Key, Rule: id, Err: err}
}

// Standing is where raw values leave a person: the second step, without
// the explanations of a [Result].
type Standing struct {
	Total   formula.Fixed
	Grade   Grade
	Removed bool
}

// Score caps, rounds and adds up raw as [Evaluator.Evaluate] does and
// grades the total: the second step. It is [Evaluator.Earn] on each raw
// number, then [Evaluator.Settle].
func (e *Evaluator) Score(raw *Raw) Standing {
	total, vetoed := e.score(raw)
	return e.settled(total, vetoed)
}

// Earn is what x, the raw value of a Raw's j-th number (its second-level
// indicators, then its bonuses), earns: capped to 0..the rule's points
// and rounded as the scheme declares. What it gives depends on x, on
// [Evaluator.Cap] of j (to its exponent: a capped value keeps the cap's,
// so 6 and 6.00 earn apart) and on the scheme's Rounding alone, so a
// caller that scores many policies can keep earned points by those. It panics if
// j is out of range, as indexing a Raw would.
func (e *Evaluator) Earn(j int, x formula.Fixed) formula.Fixed {
	return e.points(&e.numbers[j], x)
}

// Cap is the points of a Raw's j-th number: what [Evaluator.Earn] caps it
// at.
func (e *Evaluator) Cap(j int) formula.Fixed { return e.numbers[j].cap }

// Settle adds up earned points, one per number of a Raw in its order (as
// [Evaluator.Earn] gives them), as Evaluate does, and grades the total:
// Score for a caller that has the earned points already.
func (e *Evaluator) Settle(earned []formula.Fixed, vetoed bool) Standing {
	return e.settled(e.sum(earned), vetoed)
}

func (e *Evaluator) settled(total formula.Fixed, vetoed bool) Standing {
	s := Standing{Total: total, Grade: e.grade(total, vetoed)}
	s.Removed = e.Removed(s.Grade)
	return s
}

// score is the total of raw, capped at the scheme's, and whether a veto
// held.
func (e *Evaluator) score(raw *Raw) (total formula.Fixed, vetoed bool) {
	var block [blockNumbers]formula.Fixed
	earned := block[:]
	if n := len(raw.Indicators) + len(raw.Bonuses); n > blockNumbers {
		earned = make([]formula.Fixed, n)
	}
	for k, x := range raw.Indicators {
		earned[k] = e.points(&e.numbers[k], x)
	}
	for i, x := range raw.Bonuses {
		earned[e.rules+i] = e.points(&e.numbers[e.rules+i], x)
	}
	return e.sum(earned[:len(raw.Indicators)+len(raw.Bonuses)]), slices.Contains(raw.Vetoes, true)
}

// sum adds up earned points: every second-level indicator's, then each
// bonus that gave some, capped at the scheme's total.
func (e *Evaluator) sum(earned []formula.Fixed) formula.Fixed {
	total := formula.Sum(earned[:e.rules])
	for _, pts := range earned[e.rules:] {
		if pts.Sign() > 0 {
			total = total.Add(pts)
		}
	}
	if total.Cmp(e.total) > 0 {
		total = e.total
	}
	return total
}

// points is what a rule's raw value earns: capped to 0..its points and
// rounded as the scheme declares.
func (e *Evaluator) points(r *rule, raw formula.Fixed) formula.Fixed {
	x := raw
	if x.Sign() < 0 {
		x = formula.Fixed{}
	} else if x.Cmp(r.cap) > 0 {
		x = r.cap
	}
	return e.scheme.Rounding.fixed(x)
}

// grade is the grade of a total; a veto gives the veto grade whatever the
// score.
func (e *Evaluator) grade(total formula.Fixed, vetoed bool) Grade {
	if vetoed {
		return e.scheme.VetoGrade
	}
	if i, ok := e.band(total); ok { // a total is within 0..Total by construction
		return e.bands[i].Grade
	}
	return 0
}

// Grade returns the grade the bands give a total, without a veto.
func (e *Evaluator) Grade(total decimal.Decimal) Grade {
	if e == nil {
		return 0
	}
	return e.grade(formula.FixedOf(total), false)
}

// band finds the band a score falls in; the top band includes the total.
func (e *Evaluator) band(score formula.Fixed) (int, bool) {
	for i := range e.bands {
		if score.Cmp(e.from[i]) >= 0 && (score.Cmp(e.to[i]) < 0 || (i == 0 && score.Equal(e.to[i]))) {
			return i, true
		}
	}
	return 0, false
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
