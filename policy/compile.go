package policy

import (
	"errors"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/qualify"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
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
	funcs    []formula.Func
	baseline bool
}

// WithBaseline puts the embedded reference baseline ([BaselineID]) in a
// [NewSet] or [LoadFS] set of its city, for the city's files and its
// county-districts' overlays to extend, and in force for the city until
// the city's own first version; a file the city hands in with the
// baseline's id replaces it. Without it a set holds only the files given.
// [Compile] ignores it.
func WithBaseline() Option {
	return func(o *options) error {
		o.baseline = true
		return nil
	}
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
// compiled into the stage that reads it. It is immutable and safe for
// concurrent use; running it does no parsing.
type Policy struct {
	doc         *Document
	fingerprint string
	inputs      []Input
	defaults    []any // each input's default converted, nil for none
	conditions  *qualify.Conditions
	evaluator   *evaluate.Evaluator
	classifier  *classify.Classifier
	lists       tier.Rules
}

// Compile checks every invariant of d and compiles every formula, each in
// the stage that reads it ([qualify.Compile], [evaluate.Compile]) against
// one formula environment. All problems are reported at once, each an
// [*formula.Error] at its place. d is copied: changing it afterwards does
// not change the Policy.
func Compile(d *Document, opts ...Option) (*Policy, error) {
	if d == nil {
		return nil, errorf("没有政策文档", "no policy document")
	}
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	doc := d.Clone()
	doc.Classification = classificationOf(doc).Clone()
	doc.defaultListIDs()
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
	fingerprint := doc.Fingerprint()
	env, err := formula.NewEnv(formula.Config{Policy: doc.ID, Fingerprint: fingerprint, Inputs: inputs, Funcs: o.funcs})
	if err != nil {
		return nil, err
	}
	pol := &Policy{doc: doc, inputs: doc.Inputs, fingerprint: fingerprint, lists: doc.Lists.Clone()}
	for _, in := range doc.Inputs {
		var v any
		if in.Default != nil {
			// A default that does not convert is refused with the
			// document; Bind would convert it again and say why.
			v, _ = in.convert(*in.Default)
		}
		pol.defaults = append(pol.defaults, v)
	}
	pol.conditions, err = qualify.Compile(env, doc.Conditions)
	p.formulas(err)
	pol.evaluator, err = evaluate.Compile(env, doc.Scheme)
	p.formulas(err)
	pol.classifier = compileClassification(env, doc, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	return pol, nil
}

// formulas records the formula errors err joins, each marked as a
// policy's formula error.
func (p *problems) formulas(err error) {
	var one problems
	one.join(err)
	for _, e := range one.errs {
		p.errs = append(p.errs, formulaError(e))
	}
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

// Conditions returns the compiled qualification conditions, which
// [qualify] runs.
func (p *Policy) Conditions() *qualify.Conditions { return p.conditions }

// Evaluator returns the compiled index system, which [evaluate] runs.
func (p *Policy) Evaluator() *evaluate.Evaluator { return p.evaluator }

// Document returns a copy of the resolved document the policy was compiled from.
func (p *Policy) Document() *Document { return p.doc.Clone() }
