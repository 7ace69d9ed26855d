package formula

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Kind is what a formula must give.
type Kind uint8

// The kinds of formula.
const (
	Predicate Kind = iota + 1 // a boolean: a condition, a classification rule, a veto
	Number                    // points: an int or a decimal
)

func (k Kind) String() string {
	switch k {
	case Predicate:
		return "a boolean"
	case Number:
		return "a number"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// InputType is the type of an input a policy declares beyond the form.
type InputType uint8

// The types of a declared input.
const (
	Int InputType = iota + 1
	Decimal
	Bool
	String
)

func (t InputType) String() string {
	switch t {
	case Int:
		return "int"
	case Decimal:
		return "decimal"
	case Bool:
		return "bool"
	case String:
		return "string"
	}
	return fmt.Sprintf("InputType(%d)", uint8(t))
}

// Func is a function a formula may call, in expr's form: the implementation
// and one or more typed signatures (new(func(int) decimal.Decimal), ...).
type Func struct {
	Name string
	Fn   func(params ...any) (any, error)
	// Types are expr's typed signatures; at least one is required, so that
	// every call is type-checked when a policy is loaded.
	Types []any
}

// Config configures an [Env]. The zero value compiles formulas over the
// plain form with the standard functions.
type Config struct {
	// Policy names the policy whose rules the Env compiles, in errors and
	// in the results of the stages; Fingerprint is that policy's
	// fingerprint, which results carry so that they can be reproduced.
	Policy      string
	Fingerprint string
	// Inputs are the inputs declared beyond the form, read as In.<id>.
	Inputs map[string]InputType
	// Funcs are further functions, registered by a jurisdiction in Go.
	Funcs []Func
	// MaxNodes bounds the size of one formula; 0 means 256.
	MaxNodes uint
	// MemoryBudget bounds what one run may allocate, in expr's units; 0
	// means 100000.
	MemoryBudget uint

	// MaxSource bounds a formula's text in bytes; 0 means
	// [DefaultMaxSource].
	MaxSource uint
	// MaxDepth bounds how deep brackets and unary operators nest in a
	// formula's text; 0 means [DefaultMaxDepth].
	MaxDepth uint
	// MaxLiteral bounds one string literal in bytes; 0 means
	// [DefaultMaxLiteral].
	MaxLiteral uint
	// MaxCost bounds a formula's worst-case cost, estimated when it
	// compiles; 0 means [DefaultMaxCost].
	MaxCost uint
	// MaxItems is the most items the estimate assumes a list of the
	// record holds; 0 means [DefaultMaxItems]. A record with more fails
	// the formulas that read the list.
	MaxItems uint
	// MaxText is the most bytes the estimate assumes a text of the record
	// (or a declared String input) holds; 0 means [DefaultMaxText]. A
	// record with more fails the formulas that read the text.
	MaxText uint
}

// Env compiles formulas. It is immutable once made and safe for
// concurrent use.
type Env struct {
	policy      string
	fingerprint string
	inputs      map[string]InputType
	options     []expr.Option
	funcs       map[string]bool
	memory      uint
	maxNodes    uint

	limits            limits
	maxCost           uint64
	maxItems, maxText uint64
	funcResults       map[string]reflect.Type // the result type of each function in Config.Funcs
}

// or returns v, or def when v is 0.
func or(v, def uint) uint {
	if v == 0 {
		return def
	}
	return v
}

// Standard lists the names of the functions every formula may call besides
// expr's own builtins (len, all, any, count, filter, map, sum ...).
func Standard() []string {
	return []string{"abs", "atLeast", "clamp", "decimal", "max", "min", "points", "step", "years"}
}

// refusedBuiltins reach beyond the record: the clock, time zones, dates
// parsed from text.
var refusedBuiltins = []string{"now", "date", "duration", "timezone"}

// NewEnv returns an environment for cfg. It fails when a function has no typed
// signature or has the name of another.
func NewEnv(cfg Config) (*Env, error) {
	c := &Env{
		policy: cfg.Policy, fingerprint: cfg.Fingerprint,
		inputs: make(map[string]InputType, len(cfg.Inputs)),
		funcs:  map[string]bool{},
		memory: cfg.MemoryBudget,
	}
	if c.memory == 0 {
		c.memory = 100000
	}
	maxNodes := cfg.MaxNodes
	if maxNodes == 0 {
		maxNodes = 256
	}
	for id, t := range cfg.Inputs {
		if t < Int || t > String {
			return nil, fmt.Errorf("input %q: unknown type %v", id, t)
		}
		c.inputs[id] = t
	}
	for _, n := range Standard() {
		c.funcs[n] = true
	}
	c.maxNodes = maxNodes
	c.limits = limits{
		source:  int(or(cfg.MaxSource, DefaultMaxSource)),
		depth:   int(or(cfg.MaxDepth, DefaultMaxDepth)),
		literal: int(or(cfg.MaxLiteral, DefaultMaxLiteral)),
	}
	c.maxCost = uint64(or(cfg.MaxCost, DefaultMaxCost))
	c.maxItems = uint64(or(cfg.MaxItems, DefaultMaxItems))
	c.maxText = uint64(or(cfg.MaxText, DefaultMaxText))
	c.funcResults = map[string]reflect.Type{}
	c.options = []expr.Option{
		// Checked against the struct type, so that fields load by index
		// (by name, through a cache, for a pointer type); run with a
		// *Facts, which expr's field loads read through, so no run copies
		// the struct. The tests run every formula this way.
		expr.Env(roster.Facts{}),
		expr.MaxNodes(maxNodes),
	}
	for _, b := range refusedBuiltins {
		c.options = append(c.options, expr.DisableBuiltin(b))
	}
	c.options = append(c.options, arithmetic()...)
	c.options = append(c.options, numericFuncs()...)
	c.options = append(c.options, domainFuncs()...)
	c.options = append(c.options, inputFuncs()...)
	for _, f := range cfg.Funcs {
		if f.Name == "" || f.Fn == nil || len(f.Types) == 0 {
			return nil, fmt.Errorf("function %q: a name, an implementation and at least one typed signature are required", f.Name)
		}
		if c.funcs[f.Name] || strings.HasPrefix(f.Name, "__") {
			return nil, fmt.Errorf("function %q: the name is taken", f.Name)
		}
		c.funcs[f.Name] = true
		if t := reflect.TypeOf(f.Types[0]); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Func && t.Elem().NumOut() > 0 {
			c.funcResults[f.Name] = t.Elem().Out(0)
		}
		c.options = append(c.options, expr.Function(f.Name, f.Fn, f.Types...))
	}
	return c, nil
}

// Policy returns the id of the policy whose rules c compiles.
func (c *Env) Policy() string { return c.policy }

// Fingerprint returns the fingerprint of that policy.
func (c *Env) Fingerprint() string { return c.fingerprint }

// Inputs returns the declared inputs, sorted by id.
func (c *Env) Inputs() []string {
	ids := make([]string, 0, len(c.inputs))
	for id := range c.inputs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Compile compiles one formula. rule names it in errors; at says where its
// text starts in its file (the zero Position if it has none).
func (c *Env) Compile(rule, source string, kind Kind, at Position) (*Program, error) {
	fail := func(cause error, msg string, from int) error {
		zh, en := texts(cause, msg)
		e := &Error{Policy: c.policy, Rule: rule, MessageZH: zh, Message: en, Err: cause}
		fe := (&file.Error{Location: file.Location{From: from, To: from + 1}, Message: en}).Bind(file.NewSource(source))
		e.Position = at.locate(fe.Line, fe.Column)
		e.Snippet = readable(fe.Snippet)
		return e
	}
	if strings.TrimSpace(source) == "" {
		return nil, &Error{Policy: c.policy, Rule: rule, Position: at.locate(1, 0), MessageZH: "公式为空", Message: "the formula is empty", Err: ErrSyntax}
	}
	if from, msg := c.limits.scan(source); msg != "" {
		if from < 0 { // the whole text: no snippet of what may be a megabyte
			zh, en := texts(ErrRefused, msg)
			return nil, &Error{Policy: c.policy, Rule: rule, Position: at.locate(1, 0), MessageZH: zh, Message: en, Err: ErrRefused}
		}
		return nil, fail(ErrRefused, msg, from)
	}
	tree, err := parser.Parse(source)
	if err != nil {
		return nil, c.wrap(rule, source, at, ErrSyntax, err)
	}
	if from, msg := c.refuse(tree.Node, source); msg != "" {
		return nil, fail(ErrRefused, msg, from)
	}
	// The cost is estimated on the parse, before expr's optimizer, which
	// would already build the list of a constant range.
	est := &estimator{env: c, budget: c.maxCost}
	cost, _ := est.estimate(tree.Node)
	if est.msg != "" {
		return nil, fail(ErrRefused, est.msg, est.from)
	}
	// The patchers are made per formula: they keep state while they work,
	// and an Env is shared between goroutines.
	opts := append(slices.Clip(c.options), expr.Patch(inputPatcher{inputs: c.inputs}), expr.Patch(&mixedNumbers{}), expr.Patch(untyper{}))
	prog, err := expr.Compile(source, opts...)
	if err != nil {
		if strings.Contains(err.Error(), "exceeds maximum allowed nodes") {
			return nil, fail(ErrRefused, fmt.Sprintf("the formula is too large (more than %d parts); split it into several indicators", c.maxNodes), 0)
		}
		return nil, c.wrap(rule, source, at, ErrType, err)
	}
	if from, msg := inexact(prog.Node()); msg != "" {
		return nil, fail(ErrRefused, msg, from)
	}
	out := prog.Node().Type()
	if !fits(kind, prog.Node()) {
		msg := fmt.Sprintf("the formula gives %s, but the rule needs %s", typeName(out), kind)
		if out == nil || out.Kind() == reflect.Interface {
			msg = fmt.Sprintf("the formula does not give %s on every branch", kind)
		}
		return nil, fail(ErrType, msg, 0)
	}
	p := &Program{rule: rule, source: source, kind: kind, policy: c.policy, at: at, prog: prog, reads: reads(tree.Node), cost: cost}
	p.refs = fieldRefs(p.reads)
	p.guard(c)
	p.pool.New = func() any { return &vm.VM{MemoryBudget: c.memory} }
	p.native, p.vmWhy = compileNative(prog.Node(), kind)
	return p, nil
}

// wrap turns an expr error into an *Error, keeping its message and snippet.
func (c *Env) wrap(rule, source string, at Position, cause, err error) error {
	e := &Error{Policy: c.policy, Rule: rule, MessageZH: phrase(cause), Message: err.Error(), Err: cause}
	var fe *file.Error
	if errors.As(err, &fe) {
		e.Message = fe.Message
		e.Snippet = readable(fe.Snippet)
		e.Position = at.locate(fe.Line, fe.Column)
	} else {
		e.Position = at.locate(1, 0)
	}
	return e
}

// refuse finds what a formula may not do before expr sees it: read the
// whole environment, read an input that is not declared, or read inputs by
// a computed name.
func (c *Env) refuse(root ast.Node, source string) (int, string) {
	v := &refuser{inputs: c.inputs, src: []rune(source)}
	ast.Walk(&root, v)
	return v.from, v.msg
}

type refuser struct {
	inputs map[string]InputType
	src    []rune
	from   int
	msg    string
}

func (v *refuser) Visit(node *ast.Node) {
	if v.msg != "" {
		return
	}
	switch n := (*node).(type) {
	case *ast.FloatNode:
		// A literal is read as a float64 first; one with more digits than
		// that keeps would silently lose them.
		if loc := n.Location(); loc.From >= 0 && loc.To <= len(v.src) && loc.From < loc.To {
			text := string(v.src[loc.From:loc.To])
			if a := math.Abs(n.Value); a >= maxLiteralNumber || (a != 0 && a < minLiteralNumber) {
				// Exact decimals carry every digit: 1e300 / 1e-300 is
				// written with 600, and each product doubles them.
				v.from, v.msg = loc.From, bilingual(
					fmt.Sprintf("数字 %s 超出公式可用的范围（绝对值小于 1e18，且为 0 或不小于 1e-16）", text),
					fmt.Sprintf("the number %s is out of the range a formula may write (below 1e18 in size, and 0 or at least 1e-16)", text))
				return
			}
			if d, err := decimal.NewFromString(text); err == nil && !d.Equal(decimal.NewFromFloat(n.Value)) {
				v.from, v.msg = loc.From, fmt.Sprintf("the number %s has more digits than a formula keeps exactly (15 significant digits)", text)
			}
		}
	case *ast.BuiltinNode:
		if why, float := floatBuiltins[n.Name]; float {
			v.from, v.msg = n.Location().From, fmt.Sprintf("%s computes in floats, which are not exact; %s", n.Name, why)
		}
	case *ast.BinaryNode:
		if why, refused := refusedOperators[n.Operator]; refused {
			v.from, v.msg = n.Location().From, fmt.Sprintf("%s computes in floats, which are not exact; %s", n.Operator, why)
		}
	case *ast.CallNode:
		if _, method := n.Callee.(*ast.MemberNode); method {
			v.from, v.msg = n.Location().From, "method calls are not allowed; use the functions of the formula language"
		}
	case *ast.IdentifierNode:
		if strings.HasPrefix(n.Value, "$") || strings.HasPrefix(n.Value, "__") {
			v.from, v.msg = n.Location().From, fmt.Sprintf("%s is not available to formulas", n.Value)
		}
	case *ast.MemberNode:
		id, ok := n.Node.(*ast.IdentifierNode)
		if !ok || id.Value != "In" {
			return
		}
		name, ok := n.Property.(*ast.StringNode)
		if !ok {
			v.from, v.msg = n.Location().From, "an input must be named as In.<id>, not computed"
			return
		}
		if _, declared := v.inputs[name.Value]; !declared {
			v.from, v.msg = id.Location().From, fmt.Sprintf("input %q is not declared by the policy", name.Value)
		}
	}
}

// The range of a number literal: no score, amount or rate needs more, and
// a decimal's digits stay few.
const (
	maxLiteralNumber = 1e18
	minLiteralNumber = 1e-16
)

func resultFits(kind Kind, t reflect.Type) bool {
	if t == nil {
		return false
	}
	switch kind {
	case Predicate:
		return t.Kind() == reflect.Bool
	case Number:
		switch t.Kind() {
		case reflect.Int, reflect.Int64, reflect.Float64:
			return true
		}
		return t == decType
	}
	return false
}

func typeName(t reflect.Type) string {
	switch {
	case t == nil:
		return "nothing"
	case t == decType:
		return "a number"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a record"
	}
	return t.String()
}

// Program is a compiled formula. It is safe for concurrent use.
type Program struct {
	rule, source, policy string
	kind                 Kind
	at                   Position
	prog                 *vm.Program
	pool                 sync.Pool
	reads                []string
	refs                 []fieldRef // reads, with where each is in the facts
	cost                 uint64
	bounds               []bound
	texts                []uintptr // the offsets of the text fields among bounds, checked first
	maxText              uint64
	native               *native // nil when the formula runs on the VM
	vmWhy                string  // and why
	fallbacks            atomic.Uint64
}

// Native reports whether the formula runs as compiled closures over exact
// fixed-point numbers; when it does not, why names the construct the
// closures do not cover, and every run takes expr's VM over exact
// decimals. Both give the same answers.
func (p *Program) Native() (native bool, why string) { return p.native != nil, p.vmWhy }

// Fallbacks counts the runs the closures handed to the VM: a number too
// large for fixed point, or a run the VM reports as an error (a division
// by zero, a whole number out of range, a missing input).
func (p *Program) Fallbacks() uint64 { return p.fallbacks.Load() }

// Cost returns the formula's worst-case cost as estimated when it
// compiled, for a record within the bounds of its [Config].
func (p *Program) Cost() uint64 { return p.cost }

// Reads returns the fields of the record the formula reads, in the order
// they first appear: names of roster.Facts fields, and In.<id> for inputs.
func (p *Program) Reads() []string { return p.reads }

var factsType = reflect.TypeOf(roster.Facts{})

func reads(root ast.Node) []string {
	v := &reader{seen: map[string]bool{}}
	ast.Walk(&root, v)
	return v.names
}

type reader struct {
	seen  map[string]bool
	names []string
}

func (v *reader) Visit(node *ast.Node) {
	var name string
	switch n := (*node).(type) {
	case *ast.MemberNode:
		id, ok := n.Node.(*ast.IdentifierNode)
		prop, isStr := n.Property.(*ast.StringNode)
		if !ok || id.Value != "In" || !isStr {
			return
		}
		name = "In." + prop.Value
	case *ast.IdentifierNode:
		if _, ok := factsType.FieldByName(n.Value); !ok || n.Value == "In" {
			return
		}
		name = n.Value
	default:
		return
	}
	if !v.seen[name] {
		v.seen[name] = true
		v.names = append(v.names, name)
	}
}

// Kind returns what the formula gives: a boolean or a number.
func (p *Program) Kind() Kind { return p.kind }

// Rule returns the id of the rule the formula belongs to.
func (p *Program) Rule() string { return p.rule }

// Source returns the formula's text.
func (p *Program) Source() string { return p.source }

// vm runs the formula on expr's VM over exact decimals.
func (p *Program) vm(f *roster.Facts) (any, error) {
	machine := p.pool.Get().(*vm.VM)
	out, err := machine.Run(p.prog, f)
	p.pool.Put(machine)
	if err != nil {
		return nil, p.runtimeError(err)
	}
	return out, nil
}

func (p *Program) runtimeError(err error) error {
	zh, en := texts(ErrRuntime, err.Error())
	e := &Error{Policy: p.policy, Rule: p.rule, MessageZH: zh, Message: en, Err: ErrRuntime, Position: p.at}
	var fe *file.Error
	if errors.As(err, &fe) {
		e.Message = fe.Message
		e.Snippet = readable(fe.Snippet)
		e.Position = p.at.locate(fe.Line, fe.Column)
	}
	return e
}

// Bool runs a predicate on f.
func (p *Program) Bool(f *roster.Facts) (bool, error) {
	if err := p.within(f); err != nil {
		return false, p.runtimeError(err)
	}
	if p.native != nil && f != nil {
		if b, ok := p.native.bool(f); ok {
			return b, nil
		}
		p.fallbacks.Add(1)
	}
	return p.vmBool(f)
}

func (p *Program) vmBool(f *roster.Facts) (bool, error) {
	out, err := p.vm(f)
	if err != nil {
		return false, err
	}
	b, ok := out.(bool)
	if !ok {
		return false, p.runtimeError(fmt.Errorf("the formula gave %T, not a boolean", out))
	}
	return b, nil
}

// Fixed runs a number formula on f, as Decimal does, and gives its value
// without converting it to shopspring's type.
func (p *Program) Fixed(f *roster.Facts) (Fixed, error) {
	if err := p.within(f); err != nil {
		return Fixed{}, p.runtimeError(err)
	}
	if p.native != nil && f != nil {
		if x, ok := p.native.number(f); ok {
			return Fixed{x: x}, nil
		}
		p.fallbacks.Add(1)
	}
	d, err := p.vmDecimal(f)
	if err != nil {
		return Fixed{}, err
	}
	return FixedOf(d), nil
}

// Decimal runs a number formula on f.
func (p *Program) Decimal(f *roster.Facts) (decimal.Decimal, error) {
	if err := p.within(f); err != nil {
		return decimal.Decimal{}, p.runtimeError(err)
	}
	if p.native != nil && f != nil {
		if x, ok := p.native.number(f); ok {
			return x.decimal(), nil
		}
		p.fallbacks.Add(1)
	}
	return p.vmDecimal(f)
}

func (p *Program) vmDecimal(f *roster.Facts) (decimal.Decimal, error) {
	out, err := p.vm(f)
	if err != nil {
		return decimal.Decimal{}, err
	}
	d, err := toDecimal(out)
	if err != nil {
		return decimal.Decimal{}, p.runtimeError(err)
	}
	return settle(d), nil
}

// Position returns where the formula's text is in its file.
func (p *Program) Position() Position { return p.at }
