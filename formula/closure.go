package formula

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/expr-lang/expr/ast"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// The closure engine. expr parses and type-checks every formula; the
// checked tree is then compiled once into typed Go closures that read the
// record's fields at fixed offsets and compute on fix, exact decimals in
// machine words. A formula with a construct the closures do not cover runs
// on expr's VM over shopspring decimals, as all formulas used to; a record
// on which a closure cannot give the exact answer (a number too large for
// fix, a division by zero, an overflow the VM reports as an error) is
// handed to the VM for that run, which gives the answer or the error, and
// the Program counts it (Program.Fallbacks). The closures never round in a
// float and never give an answer the VM would not.

// frame is what a closure reads: the record's facts, and the element a
// predicate (any, count ...) is looking at.
type frame struct {
	f *roster.Facts
	e unsafe.Pointer
}

type (
	boolFn  func(frame) bool
	intFn   func(frame) int
	fixFn   func(frame) fix
	floatFn func(frame) float64
	strFn   func(frame) string
	dateFn  func(frame) roster.Date
	listFn  func(frame) (unsafe.Pointer, int)
)

// bail stops a run the closures cannot finish exactly; the VM takes it.
type bail struct{}

func fail() { panic(bail{}) }

// val is a compiled node: one of the closures, by the node's type.
type val struct {
	t    reflect.Type
	b    boolFn
	i    intFn
	x    fixFn
	fl   floatFn
	s    strFn
	d    dateFn
	l    listFn
	elem reflect.Type // the element type of a list
	size uintptr      // and its size
	// A text's node may say more, for comparisons to compile tighter:
	// the constant it is, or the field it reads.
	text *string
	at   *fieldAt
}

// fieldAt is where a field is read: at off in the facts, or in the
// element a predicate looks at.
type fieldAt struct {
	off  uintptr
	elem bool
}

// unsupported is why a formula runs on the VM.
type unsupported string

var (
	boolType = reflect.TypeOf(true)
	strType  = reflect.TypeOf("")
	dateType = reflect.TypeOf(roster.Date{})
)

// native is a formula compiled to closures.
type native struct {
	b boolFn // a predicate
	x fixFn  // a number
}

// compileNative compiles a checked tree, or says why it cannot.
func compileNative(root ast.Node, kind Kind) (n *native, why string) {
	defer func() {
		if r := recover(); r != nil {
			u, ok := r.(unsupported)
			if !ok {
				panic(r)
			}
			n, why = nil, string(u)
		}
	}()
	c := closer{}
	v := c.node(root)
	switch kind {
	case Predicate:
		if v.b == nil {
			panic(unsupported("the result is not a boolean"))
		}
		return &native{b: v.b}, ""
	case Number:
		return &native{x: c.asFix(root, v)}, ""
	}
	return nil, "unknown kind"
}

// bool runs a predicate; ok is false when the run bailed.
func (n *native) bool(f *roster.Facts) (b bool, ok bool) {
	defer recoverBail(&ok)
	return n.b(frame{f: f}), true
}

// number runs a number formula and settles it, as Program.Decimal does.
func (n *native) number(f *roster.Facts) (x fix, ok bool) {
	defer recoverBail(&ok)
	return n.x(frame{f: f}).settle(), true
}

// recoverBail turns a bail, or any panic of a closure (an index out of
// range, a nil map), into a run for the VM, which reports it as the error
// it is.
func recoverBail(ok *bool) {
	if r := recover(); r != nil {
		*ok = false
	}
}

type closer struct {
	inPredicate []reflect.Type // the element types of the predicates around the node
}

func no(format string, args ...any) { panic(unsupported(fmt.Sprintf(format, args...))) }

func (c *closer) node(n ast.Node) val {
	switch n := n.(type) {
	case *ast.BoolNode:
		b := n.Value
		return val{t: boolType, b: func(frame) bool { return b }}
	case *ast.IntegerNode:
		i := n.Value
		return val{t: intType, i: func(frame) int { return i }}
	case *ast.FloatNode:
		f := n.Value
		return val{t: floatType, fl: func(frame) float64 { return f }}
	case *ast.StringNode:
		s := n.Value
		return val{t: strType, s: func(frame) string { return s }, text: &s}
	case *ast.ConstantNode:
		return c.constant(n.Value)
	case *ast.IdentifierNode:
		sf, ok := factsType.FieldByName(n.Value)
		if !ok || len(sf.Index) != 1 {
			no("the name %s", n.Value)
		}
		return load(sf.Type, sf.Offset, false)
	case *ast.PointerNode:
		if n.Name != "" || len(c.inPredicate) == 0 {
			no("#%s", n.Name)
		}
		return load(c.inPredicate[len(c.inPredicate)-1], 0, true)
	case *ast.MemberNode:
		return c.member(n)
	case *ast.UnaryNode:
		return c.unary(n)
	case *ast.BinaryNode:
		return c.binary(n)
	case *ast.ConditionalNode:
		return c.conditional(n)
	case *ast.CallNode:
		return c.call(n)
	case *ast.BuiltinNode:
		return c.builtin(n)
	}
	no("%T", n)
	return val{}
}

func (c *closer) constant(v any) val {
	switch x := v.(type) {
	case bool:
		return val{t: boolType, b: func(frame) bool { return x }}
	case int:
		return val{t: intType, i: func(frame) int { return x }}
	case float64:
		return val{t: floatType, fl: func(frame) float64 { return x }}
	case string:
		return val{t: strType, s: func(frame) string { return x }}
	}
	no("a constant %T", v)
	return val{}
}

// field reads a T at off from the facts, or from a predicate's element.
func field[T any](off uintptr, elem bool) func(frame) T {
	if elem {
		return func(fr frame) T { return *(*T)(unsafe.Add(fr.e, off)) }
	}
	return func(fr frame) T { return *(*T)(unsafe.Add(unsafe.Pointer(fr.f), off)) }
}

// sliceField reads a []T at off as its first element and length.
func sliceField[T any](off uintptr, elem bool) listFn {
	get := field[[]T](off, elem)
	return func(fr frame) (unsafe.Pointer, int) {
		s := get(fr)
		return unsafe.Pointer(unsafe.SliceData(s)), len(s)
	}
}

// load compiles a read of a field of type t.
func load(t reflect.Type, off uintptr, elem bool) val {
	switch {
	case t == decType:
		get := field[decimal.Decimal](off, elem)
		return val{t: t, x: func(fr frame) fix {
			x, ok := fixFromDecimal(get(fr))
			if !ok {
				fail()
			}
			return x
		}}
	case t == dateType:
		return val{t: t, d: field[roster.Date](off, elem)}
	case t.Kind() == reflect.Bool && t == boolType:
		return val{t: t, b: field[bool](off, elem)}
	case t.Kind() == reflect.Int && t == intType:
		return val{t: t, i: field[int](off, elem)}
	case t.Kind() == reflect.String && t == strType:
		return val{t: t, s: field[string](off, elem), at: &fieldAt{off, elem}}
	case t.Kind() == reflect.Slice:
		v := val{t: t, elem: t.Elem(), size: t.Elem().Size()}
		switch t.Elem() {
		case reflect.TypeOf(roster.SeatFacts{}):
			v.l = sliceField[roster.SeatFacts](off, elem)
		case reflect.TypeOf(roster.OrgPostFacts{}):
			v.l = sliceField[roster.OrgPostFacts](off, elem)
		case reflect.TypeOf(roster.AwardFacts{}):
			v.l = sliceField[roster.AwardFacts](off, elem)
		case strType:
			v.l = sliceField[string](off, elem)
		default:
			no("a list of %s", t.Elem())
		}
		return v
	}
	no("a field of type %s", t)
	return val{}
}

func (c *closer) member(n *ast.MemberNode) val {
	if n.Optional || n.Method {
		no("?. or a method")
	}
	if _, ok := n.Node.(*ast.PointerNode); !ok || len(c.inPredicate) == 0 {
		no("a member of anything but a predicate's element")
	}
	name, ok := n.Property.(*ast.StringNode)
	elem := c.inPredicate[len(c.inPredicate)-1]
	if !ok || elem.Kind() != reflect.Struct {
		no("a computed member")
	}
	sf, ok := elem.FieldByName(name.Value)
	if !ok || len(sf.Index) != 1 {
		no("the member %s", name.Value)
	}
	return load(sf.Type, sf.Offset, true)
}

func (c *closer) unary(n *ast.UnaryNode) val {
	v := c.node(n.Node)
	switch {
	case (n.Operator == "not" || n.Operator == "!") && v.b != nil:
		b := v.b
		return val{t: boolType, b: func(fr frame) bool { return !b(fr) }}
	case n.Operator == "-" && v.i != nil:
		i := v.i
		return val{t: intType, i: func(fr frame) int { return -i(fr) }} // expr's own: wraps as Go does
	case n.Operator == "+" && (v.i != nil || v.fl != nil):
		return v
	case n.Operator == "-" && v.fl != nil:
		f := v.fl
		return val{t: floatType, fl: func(fr frame) float64 { return -f(fr) }}
	}
	no("unary %s on %s", n.Operator, v.t)
	return val{}
}

// asFloat gives an int or float node as expr's runtime would compare it.
func asFloat(v val) floatFn {
	if v.fl != nil {
		return v.fl
	}
	if v.i != nil {
		i := v.i
		return func(fr frame) float64 { return float64(i(fr)) }
	}
	no("%s as a float", v.t)
	return nil
}

func (c *closer) binary(n *ast.BinaryNode) val {
	switch n.Operator {
	case "&&", "and", "||", "or":
		l, r := c.node(n.Left), c.node(n.Right)
		if l.b == nil || r.b == nil {
			no("%s on non-booleans", n.Operator)
		}
		lb, rb := l.b, r.b
		if n.Operator == "&&" || n.Operator == "and" {
			return val{t: boolType, b: func(fr frame) bool { return lb(fr) && rb(fr) }}
		}
		return val{t: boolType, b: func(fr frame) bool { return lb(fr) || rb(fr) }}
	case "in":
		return c.in(n)
	}
	l, r := c.node(n.Left), c.node(n.Right)
	switch n.Operator {
	case "==", "!=":
		eq := equal(l, r)
		if n.Operator == "!=" {
			return val{t: boolType, b: func(fr frame) bool { return !eq(fr) }}
		}
		return val{t: boolType, b: eq}
	case "<", "<=", ">", ">=":
		return val{t: boolType, b: order(n.Operator, l, r)}
	case "%":
		if l.i == nil || r.i == nil {
			no("%% on %s and %s", l.t, r.t)
		}
		li, ri := l.i, r.i
		return val{t: intType, i: func(fr frame) int {
			a, b := li(fr), ri(fr)
			if b == 0 {
				fail()
			}
			return a % b
		}}
	case "+", "-", "*":
		// Whole numbers the checker could not give the checked operators
		// (an input's value): the closures check for overflow and hand an
		// overflowing run to the VM.
		if l.i == nil || r.i == nil {
			no("%s on %s and %s", n.Operator, l.t, r.t)
		}
		f, a, b := intFuncs[n.Operator], l.i, r.i
		return val{t: intType, i: func(fr frame) int {
			v, ok := f(a(fr), b(fr))
			if !ok {
				fail()
			}
			return v
		}}
	case "contains", "startsWith", "endsWith":
		if l.s == nil || r.s == nil {
			no("%s on %s and %s", n.Operator, l.t, r.t)
		}
		ls, rs := l.s, r.s
		f := map[string]func(string, string) bool{"contains": strings.Contains, "startsWith": strings.HasPrefix, "endsWith": strings.HasSuffix}[n.Operator]
		return val{t: boolType, b: func(fr frame) bool { return f(ls(fr), rs(fr)) }}
	}
	no("the operator %s", n.Operator)
	return val{}
}

// equal is expr's == on the types the closures cover.
func equal(l, r val) boolFn {
	if l.text != nil {
		l, r = r, l
	}
	switch {
	case l.s != nil && r.text != nil:
		return textIs(l, *r.text)
	case l.s != nil && r.s != nil:
		a, b := l.s, r.s
		return func(fr frame) bool { return a(fr) == b(fr) }
	case l.b != nil && r.b != nil:
		a, b := l.b, r.b
		return func(fr frame) bool { return a(fr) == b(fr) }
	case l.i != nil && r.i != nil:
		a, b := l.i, r.i
		return func(fr frame) bool { return a(fr) == b(fr) }
	case (l.i != nil || l.fl != nil) && (r.i != nil || r.fl != nil):
		a, b := asFloat(l), asFloat(r)
		return func(fr frame) bool { return a(fr) == b(fr) }
	}
	no("== on %s and %s", l.t, r.t)
	return nil
}

// order is expr's <, <=, >, >= on ints, floats and strings.
func order(op string, l, r val) boolFn {
	cmp := func(c int) bool {
		switch op {
		case "<":
			return c < 0
		case "<=":
			return c <= 0
		case ">":
			return c > 0
		}
		return c >= 0
	}
	switch {
	case l.i != nil && r.i != nil:
		a, b := l.i, r.i
		switch op {
		case "<":
			return func(fr frame) bool { return a(fr) < b(fr) }
		case "<=":
			return func(fr frame) bool { return a(fr) <= b(fr) }
		case ">":
			return func(fr frame) bool { return a(fr) > b(fr) }
		}
		return func(fr frame) bool { return a(fr) >= b(fr) }
	case (l.i != nil || l.fl != nil) && (r.i != nil || r.fl != nil):
		a, b := asFloat(l), asFloat(r)
		return func(fr frame) bool {
			x, y := a(fr), b(fr)
			switch {
			case x < y:
				return cmp(-1)
			case x > y:
				return cmp(1)
			case x == y:
				return cmp(0)
			}
			return false // NaN: expr compares with Go's operators, all false
		}
	case l.s != nil && r.s != nil:
		a, b := l.s, r.s
		return func(fr frame) bool { return cmp(strings.Compare(a(fr), b(fr))) }
	}
	no("%s on %s and %s", op, l.t, r.t)
	return nil
}

// in covers x in [constants], which expr's optimizer turns into a set.
func (c *closer) in(n *ast.BinaryNode) val {
	l := c.node(n.Left)
	var items []any
	switch r := n.Right.(type) {
	case *ast.ConstantNode:
		switch set := r.Value.(type) {
		case map[string]struct{}:
			for k := range set {
				items = append(items, k)
			}
		case map[int]struct{}:
			for k := range set {
				items = append(items, k)
			}
		default:
			no("in on a constant %T", r.Value)
		}
	case *ast.ArrayNode:
		for _, it := range r.Nodes {
			switch it := it.(type) {
			case *ast.StringNode:
				items = append(items, it.Value)
			case *ast.IntegerNode:
				items = append(items, it.Value)
			default:
				no("in on a list that is not constant")
			}
		}
	default:
		no("in on %T", n.Right)
	}
	switch {
	case l.s != nil:
		set := map[string]bool{}
		for _, it := range items {
			s, ok := it.(string)
			if !ok {
				no("in on a mixed list")
			}
			set[s] = true
		}
		s := l.s
		if len(set) <= 8 { // a scan of a few texts is cheaper than a hash
			keys := make([]constText, 0, len(set))
			for k := range set {
				keys = append(keys, constTextOf(k))
			}
			return val{t: boolType, b: func(fr frame) bool {
				x := s(fr)
				for i := range keys {
					if keys[i].is(x) {
						return true
					}
				}
				return false
			}}
		}
		return val{t: boolType, b: func(fr frame) bool { return set[s(fr)] }}
	case l.i != nil:
		set := map[int]bool{}
		for _, it := range items {
			i, ok := it.(int)
			if !ok {
				no("in on a mixed list")
			}
			set[i] = true
		}
		i := l.i
		return val{t: boolType, b: func(fr frame) bool { return set[i(fr)] }}
	}
	no("in on %s", l.t)
	return val{}
}

func (c *closer) conditional(n *ast.ConditionalNode) val {
	cond, a, b := c.node(n.Cond), c.node(n.Exp1), c.node(n.Exp2)
	if cond.b == nil {
		no("a condition that is not a boolean")
	}
	k := cond.b
	switch {
	case a.b != nil && b.b != nil:
		x, y := a.b, b.b
		return val{t: boolType, b: func(fr frame) bool {
			if k(fr) {
				return x(fr)
			}
			return y(fr)
		}}
	case a.i != nil && b.i != nil:
		x, y := a.i, b.i
		return val{t: intType, i: func(fr frame) int {
			if k(fr) {
				return x(fr)
			}
			return y(fr)
		}}
	case a.x != nil && b.x != nil:
		x, y := a.x, b.x
		return val{t: decType, x: func(fr frame) fix {
			if k(fr) {
				return x(fr)
			}
			return y(fr)
		}}
	case a.fl != nil && b.fl != nil:
		x, y := a.fl, b.fl
		return val{t: floatType, fl: func(fr frame) float64 {
			if k(fr) {
				return x(fr)
			}
			return y(fr)
		}}
	case a.s != nil && b.s != nil:
		x, y := a.s, b.s
		return val{t: strType, s: func(fr frame) string {
			if k(fr) {
				return x(fr)
			}
			return y(fr)
		}}
	case isNum(a) && isNum(b):
		// Branches of two number types the checker left apart: the VM
		// gives either, and the function that takes it makes a decimal of
		// it (toDecimal), so only asFix may read this value.
		x, y := c.asFix(n.Exp1, a), c.asFix(n.Exp2, b)
		return val{t: anyNumber, x: func(fr frame) fix {
			if k(fr) {
				return x(fr)
			}
			return y(fr)
		}}
	}
	no("?: with branches of %s and %s", a.t, b.t)
	return val{}
}

// anyNumber is the type of a ?: whose branches are numbers of two types.
var anyNumber = reflect.TypeOf((*any)(nil)).Elem()

func isNum(v val) bool { return v.i != nil || v.fl != nil || v.x != nil }

// asFix gives a number node as the decimal the VM's functions make of it
// (toDecimal): an int at exponent 0, a float by its shortest text.
func (c *closer) asFix(n ast.Node, v val) fixFn {
	switch {
	case v.x != nil:
		return v.x
	case v.i != nil:
		i := v.i
		return func(fr frame) fix { return fixOf(i(fr)) }
	case v.fl != nil:
		if f, ok := constFloat(n); ok {
			x := floatFix(f)
			return func(frame) fix { return x }
		}
		fl := v.fl
		return func(fr frame) fix {
			f := fl(fr)
			if math.IsNaN(f) || math.IsInf(f, 0) {
				fail()
			}
			x, ok := fixFromDecimal(decimal.NewFromFloat(f))
			if !ok {
				fail()
			}
			return x
		}
	}
	no("%s as a number", v.t)
	return nil
}

// constFloat finds the value of a float literal, negated or not.
func constFloat(n ast.Node) (float64, bool) {
	switch n := n.(type) {
	case *ast.FloatNode:
		return n.Value, true
	case *ast.ConstantNode:
		f, ok := n.Value.(float64)
		return f, ok
	case *ast.UnaryNode:
		f, ok := constFloat(n.Node)
		switch {
		case ok && n.Operator == "-":
			return -f, true
		case ok && n.Operator == "+":
			return f, true
		}
	}
	return 0, false
}

// floatFix converts a float literal as toDecimal does, at compile time.
func floatFix(f float64) fix {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		no("a float that is not a number")
	}
	x, ok := fixFromDecimal(decimal.NewFromFloat(f))
	if !ok {
		no("the literal %v", f)
	}
	return x
}

// constNumber is a number literal's decimal, at compile time.
func constNumber(n ast.Node) (fix, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return fixOf(n.Value), true
	case *ast.ConstantNode:
		switch v := n.Value.(type) {
		case int:
			return fixOf(v), true
		case float64:
			return floatFix(v), true
		}
	case *ast.UnaryNode:
		if i, ok := n.Node.(*ast.IntegerNode); ok && n.Operator == "-" {
			return fixOf(-i.Value), true
		}
	}
	if f, ok := constFloat(n); ok {
		return floatFix(f), true
	}
	return fix{}, false
}

func (c *closer) numbers(args []ast.Node) []fixFn {
	out := make([]fixFn, len(args))
	for i, a := range args {
		out[i] = c.asFix(a, c.node(a))
	}
	return out
}

func must(x fix, ok bool) fix {
	if !ok {
		fail()
	}
	return x
}

func (c *closer) call(n *ast.CallNode) val {
	id, ok := n.Callee.(*ast.IdentifierNode)
	if !ok {
		no("a computed call")
	}
	args := n.Arguments
	switch id.Value {
	case "__dec_add", "__dec_sub", "__dec_mul", "__dec_div":
		xs := c.numbers(args)
		a, b := xs[0], xs[1]
		var op func(x, y fix) (fix, bool)
		switch id.Value {
		case "__dec_add":
			op = fix.add
		case "__dec_sub":
			op = fix.sub
		case "__dec_mul":
			op = fix.mul
		default:
			op = fix.div
		}
		return val{t: decType, x: func(fr frame) fix { return must(op(a(fr), b(fr))) }}
	case "__dec_lt", "__dec_le", "__dec_gt", "__dec_ge", "__dec_eq", "__dec_ne":
		xs := c.numbers(args)
		a, b := xs[0], xs[1]
		test := map[string]func(int) bool{
			"__dec_lt": func(c int) bool { return c < 0 }, "__dec_le": func(c int) bool { return c <= 0 },
			"__dec_gt": func(c int) bool { return c > 0 }, "__dec_ge": func(c int) bool { return c >= 0 },
			"__dec_eq": func(c int) bool { return c == 0 }, "__dec_ne": func(c int) bool { return c != 0 },
		}[id.Value]
		return val{t: boolType, b: func(fr frame) bool {
			r, ok := a(fr).settle().cmp(b(fr).settle())
			if !ok {
				fail()
			}
			return test(r)
		}}
	case "__int_add", "__int_sub", "__int_mul":
		l, r := c.node(args[0]), c.node(args[1])
		if l.i == nil || r.i == nil {
			no("whole-number arithmetic on %s and %s", l.t, r.t)
		}
		f := intFuncs[map[string]string{"__int_add": "+", "__int_sub": "-", "__int_mul": "*"}[id.Value]]
		a, b := l.i, r.i
		return val{t: intType, i: func(fr frame) int {
			v, ok := f(a(fr), b(fr))
			if !ok {
				fail()
			}
			return v
		}}
	case "min", "max":
		xs := c.numbers(args)
		a, b := xs[0], xs[1]
		want := 1 // max: b replaces a when it is greater
		if id.Value == "min" {
			want = -1
		}
		return val{t: decType, x: func(fr frame) fix {
			x, y := a(fr).settle(), b(fr).settle()
			r, ok := y.cmp(x)
			if !ok {
				fail()
			}
			if r == want {
				return y
			}
			return x
		}}
	case "clamp":
		xs := c.numbers(args)
		x, lo, hi := xs[0], xs[1], xs[2]
		return val{t: decType, x: func(fr frame) fix {
			v, l, h := x(fr), lo(fr), hi(fr)
			if r, ok := h.cmp(l); !ok || r < 0 {
				fail() // the VM reports the bounds the wrong way round
			}
			v = v.settle()
			if r, ok := l.cmp(v); !ok {
				fail()
			} else if r > 0 {
				v = l
			}
			if r, ok := h.cmp(v); !ok {
				fail()
			} else if r < 0 {
				v = h
			}
			return v
		}}
	case "abs":
		x := c.numbers(args)[0]
		return val{t: decType, x: func(fr frame) fix { return must(x(fr).abs()) }}
	case "decimal":
		x := c.numbers(args)[0]
		return val{t: decType, x: x}
	case "step":
		return c.step(args)
	case "points":
		return c.points(args)
	case "atLeast":
		l, r := c.node(args[0]), c.node(args[1])
		if l.s == nil || r.s == nil {
			no("atLeast on %s and %s", l.t, r.t)
		}
		a, b := l.s, r.s
		return val{t: boolType, b: func(fr frame) bool {
			ok, err := atLeastLabel(a(fr), b(fr))
			if err != nil {
				fail()
			}
			return ok
		}}
	case "years":
		l, r := c.node(args[0]), c.node(args[1])
		if l.d == nil || r.d == nil {
			no("years on %s and %s", l.t, r.t)
		}
		a, b := l.d, r.d
		return val{t: intType, i: func(fr frame) int { return a(fr).YearsTo(b(fr)) }}
	case "__in_int", "__in_decimal", "__in_bool", "__in_string":
		return c.input(id.Value, args)
	}
	no("the function %s", id.Value)
	return val{}
}

// input reads a declared input; a missing one or one of another type is
// the VM's error to give.
func (c *closer) input(fn string, args []ast.Node) val {
	name, ok := args[1].(*ast.StringNode)
	if !ok {
		no("a computed input")
	}
	id := name.Value
	get := func(fr frame) any {
		v, ok := fr.f.In[id]
		if !ok || v == nil {
			fail()
		}
		return v
	}
	switch fn {
	case "__in_int":
		return val{t: intType, i: func(fr frame) int {
			v, ok := get(fr).(int)
			if !ok {
				fail()
			}
			return v
		}}
	case "__in_decimal":
		return val{t: decType, x: func(fr frame) fix {
			d, ok := get(fr).(decimal.Decimal)
			if !ok {
				fail()
			}
			x, ok := fixFromDecimal(d)
			if !ok {
				fail()
			}
			return x
		}}
	case "__in_bool":
		return val{t: boolType, b: func(fr frame) bool {
			v, ok := get(fr).(bool)
			if !ok {
				fail()
			}
			return v
		}}
	}
	return val{t: strType, s: func(fr frame) string {
		v, ok := get(fr).(string)
		if !ok {
			fail()
		}
		return v
	}}
}

// step(x, [[threshold, points] ...]) with a constant table.
func (c *closer) step(args []ast.Node) val {
	x := c.numbers(args[:1])[0]
	arr, ok := args[1].(*ast.ArrayNode)
	if !ok {
		no("step with a table that is not written out")
	}
	type row struct{ th, pts fix }
	rows := make([]row, 0, len(arr.Nodes))
	for _, r := range arr.Nodes {
		var pair []ast.Node
		switch r := r.(type) {
		case *ast.ArrayNode:
			pair = r.Nodes
		case *ast.ConstantNode:
			items, ok := r.Value.([]any)
			if !ok {
				no("step with a row that is not a pair")
			}
			for _, it := range items {
				pair = append(pair, &ast.ConstantNode{Value: it})
			}
		default:
			no("step with a row that is not written out")
		}
		if len(pair) != 2 {
			no("step with a row that is not a pair")
		}
		th, ok1 := constNumber(pair[0])
		pts, ok2 := constNumber(pair[1])
		if !ok1 || !ok2 {
			no("step with a row that is not constant")
		}
		rows = append(rows, row{th, pts})
	}
	return val{t: decType, x: func(fr frame) fix {
		v := x(fr).settle()
		var best, pts fix
		found := false
		for _, r := range rows {
			reach, ok := v.cmp(r.th)
			if !ok {
				fail()
			}
			if reach < 0 {
				continue
			}
			if found {
				above, ok := r.th.cmp(best)
				if !ok {
					fail()
				}
				if above <= 0 {
					continue
				}
			}
			best, pts, found = r.th, r.pts, true
		}
		return pts
	}}
}

// points(label, {"优秀": 15, ...}) with a constant table.
func (c *closer) points(args []ast.Node) val {
	l := c.node(args[0])
	if l.s == nil {
		no("points on %s", l.t)
	}
	m, ok := args[1].(*ast.MapNode)
	if !ok {
		no("points with a table that is not written out")
	}
	type entry struct {
		label string
		pts   fix
	}
	var table []entry
	for _, p := range m.Pairs {
		pair, ok := p.(*ast.PairNode)
		if !ok {
			no("points with an entry that is not a pair")
		}
		k, ok := pair.Key.(*ast.StringNode)
		if !ok {
			no("points with a label that is not written out")
		}
		pts, ok := constNumber(pair.Value)
		if !ok {
			no("points with points that are not constant")
		}
		given := false
		for _, e := range table { // a label given twice: the VM keeps the first
			given = given || e.label == k.Value
		}
		if !given {
			table = append(table, entry{k.Value, pts})
		}
	}
	s := l.s
	return val{t: decType, x: func(fr frame) fix {
		label := s(fr)
		for _, e := range table {
			if e.label == label {
				return e.pts
			}
		}
		return fix{}
	}}
}

func (c *closer) builtin(n *ast.BuiltinNode) val {
	switch n.Name {
	case "len":
		v := c.node(n.Arguments[0])
		switch {
		case v.s != nil:
			s := v.s
			return val{t: intType, i: func(fr frame) int { return utf8.RuneCountInString(s(fr)) }}
		case v.l != nil:
			l := v.l
			return val{t: intType, i: func(fr frame) int { _, n := l(fr); return n }}
		}
		no("len of %s", v.t)
	case "count", "any", "all", "none", "one":
		return c.predicate(n)
	case "trimPrefix", "trimSuffix", "trim", "upper", "lower":
		return c.text(n)
	}
	no("the builtin %s", n.Name)
	return val{}
}

func (c *closer) predicate(n *ast.BuiltinNode) val {
	if len(n.Arguments) != 2 {
		no("%s without a predicate", n.Name)
	}
	coll := c.node(n.Arguments[0])
	pred, ok := n.Arguments[1].(*ast.PredicateNode)
	if coll.l == nil || !ok {
		no("%s over %s", n.Name, coll.t)
	}
	c.inPredicate = append(c.inPredicate, coll.elem)
	body := c.node(pred.Node)
	c.inPredicate = c.inPredicate[:len(c.inPredicate)-1]
	if body.b == nil {
		no("%s with a predicate that is not a boolean", n.Name)
	}
	l, test, size := coll.l, body.b, coll.size
	each := func(fr frame, stop bool, want bool) (hits int) {
		base, length := l(fr)
		for i := range length {
			if test(frame{f: fr.f, e: unsafe.Add(base, uintptr(i)*size)}) == want {
				hits++
				if stop {
					return
				}
			}
		}
		return
	}
	switch n.Name {
	case "count":
		return val{t: intType, i: func(fr frame) int { return each(fr, false, true) }}
	case "any":
		return val{t: boolType, b: func(fr frame) bool { return each(fr, true, true) > 0 }}
	case "all":
		return val{t: boolType, b: func(fr frame) bool { return each(fr, true, false) == 0 }}
	case "none":
		return val{t: boolType, b: func(fr frame) bool { return each(fr, true, true) == 0 }}
	}
	return val{t: boolType, b: func(fr frame) bool { return each(fr, false, true) == 1 }} // one: expr counts them all
}

func (c *closer) text(n *ast.BuiltinNode) val {
	var args []strFn
	for _, a := range n.Arguments {
		v := c.node(a)
		if v.s == nil {
			no("%s on %s", n.Name, v.t)
		}
		args = append(args, v.s)
	}
	s := args[0]
	switch {
	case n.Name == "upper" && len(args) == 1:
		return val{t: strType, s: func(fr frame) string { return strings.ToUpper(s(fr)) }}
	case n.Name == "lower" && len(args) == 1:
		return val{t: strType, s: func(fr frame) string { return strings.ToLower(s(fr)) }}
	case n.Name == "trim" && len(args) == 1:
		return val{t: strType, s: func(fr frame) string { return strings.TrimSpace(s(fr)) }}
	case n.Name == "trim" && len(args) == 2:
		cut := args[1]
		return val{t: strType, s: func(fr frame) string { return strings.Trim(s(fr), cut(fr)) }}
	case len(args) == 1: // trimPrefix and trimSuffix cut a space by default
		args = append(args, func(frame) string { return " " })
	}
	if len(args) != 2 {
		no("%s with %d arguments", n.Name, len(args))
	}
	cut := args[1]
	if n.Name == "trimPrefix" {
		return val{t: strType, s: func(fr frame) string { return strings.TrimPrefix(s(fr), cut(fr)) }}
	}
	return val{t: strType, s: func(fr frame) string { return strings.TrimSuffix(s(fr), cut(fr)) }}
}
