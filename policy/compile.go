package policy

import (
	"errors"
	"iter"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Func is a function a jurisdiction that builds its policy in Go lets its
// formulas call: expr's form, an implementation and its typed signatures
// (new(func(int) decimal.Decimal), ...), so calls are type-checked when the
// policy compiles.
type Func struct {
	Name  string
	Fn    func(params ...any) (any, error)
	Types []any
}

// Option configures [Compile].
type Option func(*options) error

type options struct {
	funcs []formula.Func
}

// WithFunctions lets formulas call fns besides the standard ones (min, max,
// clamp, step, points, abs, decimal, atLeast, years and expr's builtins). A name that is
// already taken is an error.
func WithFunctions(fns ...Func) Option {
	return func(o *options) error {
		for _, f := range fns {
			if f.Name == "" || f.Fn == nil || len(f.Types) == 0 {
				return errorf("函数 %q：须有名称、实现和至少一个带类型的签名", "function %q: a name, an implementation and at least one typed signature are required", f.Name)
			}
			o.funcs = append(o.funcs, formula.Func{Name: f.Name, Fn: f.Fn, Types: f.Types})
		}
		return nil
	}
}

// Policy is a compiled policy: every invariant checked, every formula
// compiled. It is immutable and safe for concurrent use; running it does no
// parsing.
type Policy struct {
	doc         *Document
	fingerprint string
	inputs      []Input
	conditions  []*Rule
	dimensions  []*Dimension
	bonuses     []*Rule
	vetoes      []*Rule
	bands       []Band // from the top band down
	classifier  *classify.Classifier
}

// Rule is a compiled formula of a policy: a condition, a second-level
// indicator, a bonus or a veto.
type Rule struct {
	id, name string
	kind     ConditionKind   // conditions
	points   decimal.Decimal // indicators and bonuses: the cap
	parent   string          // second-level indicators
	reason   string
	pos      formula.Position
	prog     *formula.Program
	refs     []fieldRef
}

// ID returns the rule's id.
func (r *Rule) ID() string { return r.id }

// Name returns the rule's Chinese name.
func (r *Rule) Name() string { return r.name }

// Kind returns a condition's kind ("" for other rules).
func (r *Rule) Kind() ConditionKind { return r.kind }

// Points returns the cap of an indicator or a bonus.
func (r *Rule) Points() decimal.Decimal { return r.points }

// Parent returns the first-level indicator of a second-level one.
func (r *Rule) Parent() string { return r.parent }

// Reason returns the sentence a clerk reads when a condition fails.
func (r *Rule) Reason() string { return r.reason }

// Formula returns the formula's text.
func (r *Rule) Formula() string { return r.prog.Source() }

// formula.Position returns where the rule stands in its file.
func (r *Rule) Position() formula.Position { return r.pos }

// Holds runs a predicate rule (a condition or a veto) on f.
func (r *Rule) Holds(f *roster.Facts) (bool, error) {
	return r.prog.Bool(f)
}

// Value runs a number rule (an indicator or a bonus) on f and returns what
// its formula gives, before any cap or rounding.
func (r *Rule) Value(f *roster.Facts) (decimal.Decimal, error) {
	return r.prog.Decimal(f)
}

// Dimension is a first-level indicator (一级指标) and its second-level ones.
type Dimension struct {
	id, name   string
	points     decimal.Decimal
	indicators []*Rule
}

// ID returns the first-level indicator's id.
func (d *Dimension) ID() string { return d.id }

// Name returns its Chinese name.
func (d *Dimension) Name() string { return d.name }

// Points returns its points.
func (d *Dimension) Points() decimal.Decimal { return d.points }

// Indicators yields its second-level indicators in order.
func (d *Dimension) Indicators() iter.Seq[*Rule] { return slices.Values(d.indicators) }

// Compile checks every invariant of d and compiles every formula. All
// problems are reported at once, each an [*formula.Error] at its place. d is copied:
// changing it afterwards does not change the Policy.
func Compile(d *Document, opts ...Option) (*Policy, error) {
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	doc := d.Clone()
	doc.Classification = classificationOf(doc).Clone()
	p := &problems{policy: doc.ID}
	doc.check(p)
	if err := p.err(); err != nil {
		return nil, err
	}
	inputs := make(map[string]formula.InputType, len(doc.Inputs))
	for _, in := range doc.Inputs {
		inputs[in.ID] = map[InputType]formula.InputType{
			IntInput: formula.Int, DecimalInput: formula.Decimal, BoolInput: formula.Bool, StringInput: formula.String,
		}[in.Type]
	}
	c, err := formula.NewEnv(formula.Config{Policy: doc.ID, Inputs: inputs, Funcs: o.funcs})
	if err != nil {
		return nil, err
	}
	pol := &Policy{doc: doc, inputs: doc.Inputs}
	compile := func(id, name, src string, kind formula.Kind, at, formulaAt formula.Position) *Rule {
		// formulaAt places the compiler's errors, and the program's on a
		// record, in the file, folded and quoted scalars included.
		formulaAt = formulaAt.Of(src)
		prog, err := c.Compile(id, src, kind, formulaAt)
		if err != nil {
			p.errs = append(p.errs, formulaError(err))
			return nil
		}
		return &Rule{id: id, name: name, pos: at, prog: prog, refs: fieldRefs(prog.Reads())}
	}
	for _, cd := range doc.Conditions {
		if r := compile(cd.ID, cd.Name, cd.Formula, formula.Predicate, cd.Pos, cd.FormulaPos); r != nil {
			r.kind, r.reason = cd.Kind, cd.Reason
			pol.conditions = append(pol.conditions, r)
		}
	}
	for _, top := range doc.Indicators {
		dim := &Dimension{id: top.ID, name: top.Name, points: top.Points}
		for _, in := range top.Children {
			if r := compile(in.ID, in.Name, in.Formula, formula.Number, in.Pos, in.FormulaPos); r != nil {
				r.points, r.parent = in.Points, top.ID
				dim.indicators = append(dim.indicators, r)
			}
		}
		pol.dimensions = append(pol.dimensions, dim)
	}
	for _, b := range doc.Bonuses {
		if r := compile(b.ID, b.Name, b.Formula, formula.Number, b.Pos, b.FormulaPos); r != nil {
			r.points = b.Points
			pol.bonuses = append(pol.bonuses, r)
		}
	}
	for _, v := range doc.Vetoes {
		if r := compile(v.ID, v.Name, v.Formula, formula.Predicate, v.Pos, v.FormulaPos); r != nil {
			pol.vetoes = append(pol.vetoes, r)
		}
	}
	pol.classifier = compileClassification(c, doc, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	pol.bands = slices.Clone(doc.Grades)
	slices.SortStableFunc(pol.bands, func(a, b Band) int { return b.From.Cmp(a.From) })
	pol.fingerprint = doc.Fingerprint()
	return pol, nil
}

// formulaError marks the formula compiler's error, already placed in the
// file, as a policy's formula error.
func formulaError(err error) error {
	var fe *formula.Error
	if errors.As(err, &fe) {
		fe.Err = errors.Join(ErrFormula, fe.Err)
		return fe
	}
	return &formula.Error{MessageZH: "公式错误", Message: err.Error(), Err: ErrFormula}
}

// ID returns the policy's id.
func (p *Policy) ID() string { return p.doc.ID }

// Name returns the policy's Chinese name.
func (p *Policy) Name() string { return p.doc.Name }

// Jurisdiction returns the code of the city or unit the policy is for.
func (p *Policy) Jurisdiction() string { return p.doc.Jurisdiction }

// Extends returns the id of the policy this one was built on.
func (p *Policy) Extends() string { return p.doc.Extends }

// Fingerprint returns the SHA-256 of the policy's canonical form, in hex.
// Results carry it, so that any result can be reproduced and audited.
func (p *Policy) Fingerprint() string { return p.fingerprint }

// InForce reports whether the policy is in force on day.
func (p *Policy) InForce(day roster.Date) bool {
	return !day.Before(p.doc.ValidFrom) && (p.doc.ValidUntil.IsZero() || !day.After(p.doc.ValidUntil))
}

// Total returns the full score.
func (p *Policy) Total() decimal.Decimal { return p.doc.Total }

// Rounding returns the rounding rule of points.
func (p *Policy) Rounding() Rounding { return p.doc.Rounding }

// VetoGrade returns the grade a veto gives.
func (p *Policy) VetoGrade() roster.Grade { return p.doc.VetoGrade }

// Document returns a copy of the resolved document the policy was compiled from.
func (p *Policy) Document() *Document { return p.doc.Clone() }

// Condition returns the qualification condition with the id.
func (p *Policy) Condition(id string) (*Rule, bool) {
	for _, r := range p.conditions {
		if r.id == id {
			return r, true
		}
	}
	return nil, false
}

// NumConditions returns how many qualification conditions p has.
func (p *Policy) NumConditions() int { return len(p.conditions) }

// Conditions yields the qualification conditions in order.
func (p *Policy) Conditions() iter.Seq[*Rule] { return slices.Values(p.conditions) }

// Dimensions yields the first-level indicators in order.
func (p *Policy) Dimensions() iter.Seq[*Dimension] { return slices.Values(p.dimensions) }

// Bonuses yields the bonuses in order.
func (p *Policy) Bonuses() iter.Seq[*Rule] { return slices.Values(p.bonuses) }

// Vetoes yields the vetoes in order.
func (p *Policy) Vetoes() iter.Seq[*Rule] { return slices.Values(p.vetoes) }

// Bands yields the grade bands from the top down.
func (p *Policy) Bands() iter.Seq[Band] { return slices.Values(p.bands) }

// Grade returns the band a score falls in; the top band includes the total.
// ok is false for a score outside 0..Total.
func (p *Policy) Grade(score decimal.Decimal) (b Band, ok bool) {
	for i, band := range p.bands {
		if !score.LessThan(band.From) && (score.LessThan(band.To) || (i == 0 && score.Equal(band.To))) {
			return band, true
		}
	}
	return Band{}, false
}

// Removed reports whether holders of grade g leave the database.
func (p *Policy) Removed(g roster.Grade) bool {
	for _, b := range p.bands {
		if b.Grade == g {
			return b.Removed
		}
	}
	return false
}
