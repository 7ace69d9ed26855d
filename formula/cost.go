package formula

import (
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/shopspring/decimal"
)

// The defaults of the bounds the cost estimate assumes and of the budget
// it is held to.
const (
	// DefaultMaxCost is the budget of one formula's worst-case cost: a
	// unit is a few nanoseconds, so a formula at the budget runs a few
	// milliseconds on one record at worst. The baseline policies' dearest
	// formula is estimated at 11,618, the dearest in this module's tests
	// at 106,502.
	DefaultMaxCost = 1000000
	// DefaultMaxItems bounds each list of the record (Seats, OrgPosts,
	// Awards). The form has no bound of its own; no person holds a
	// hundred seats, posts or awards.
	DefaultMaxItems = 100
	// DefaultMaxText bounds, in bytes, each text of the record and each
	// declared input of type String. The form's longest text a formula
	// can read, the employer, is 100 characters: at most 400 bytes.
	DefaultMaxText = 1024
)

// identifying are the fields of the form that name a person. A rule that
// read one could give points to one person by name; only Key is in
// [roster.Facts] (the others are not there at all), but all are named so
// that a formula that tries gets the reason rather than "unknown name".
var identifying = map[string]string{
	"Key":       "登记编号 (the registration number)",
	"Name":      "姓名 (the name)",
	"CitizenID": "公民身份号码 (the citizen ID)",
	"Phone":     "联系电话 (the phone number)",
}

// mapOrder are the builtins whose result depends on the order of a map's
// entries, which Go leaves random: the same record would not always get
// the same answer.
var mapOrder = map[string]bool{"keys": true, "values": true, "toPairs": true}

// infinite stands for a cost or size beyond any budget; sums and products
// stop there rather than wrap around.
const infinite = uint64(1) << 62

func add(a ...uint64) uint64 {
	var s uint64
	for _, x := range a {
		s += x
		if s >= infinite {
			return infinite
		}
	}
	return s
}

func mul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 || lo >= infinite {
		return infinite
	}
	return lo
}

// kind is what the estimate knows of a value's type.
type kind uint8

const (
	scalar kind = iota // a number, a boolean, a date, nil: fixed size
	text
	list
	dict
	record // a struct, whose fields typ gives
	anything
)

// shape bounds a value: size is its length (bytes of a text, items of a
// list or a map, digits of a number written out in full), elem the shape
// of each item.
type shape struct {
	kind kind
	size uint64
	elem *shape
	typ  reflect.Type
}

var (
	scalarShape   = shape{}
	anythingShape = shape{kind: anything}
)

// Digits of the record's numbers: an int holds 19, and a decimal of the
// record (Donations, Attendance, a Decimal input) is held to recordDigits
// written out in full, fraction included, when a formula reads it.
const (
	intDigits    = 19
	recordDigits = 40
)

func numberOf(digits uint64) shape { return shape{kind: scalar, size: digits} }

// plainDigits counts the digits of d written out in full: 1e3 has 4,
// 0.001 has 4.
func plainDigits(d decimal.Decimal) uint64 {
	n := int64(d.NumDigits()) // of the coefficient, without a sign
	exp := int64(d.Exponent())
	if exp >= 0 {
		return uint64(n + exp)
	}
	return uint64(max(n, -exp) + 1)
}

// digits bounds the digits of the numbers a value holds.
func (s shape) digits() uint64 {
	switch s.kind {
	case scalar, anything:
		return s.size
	case list, dict:
		return s.item().digits()
	}
	return 0
}

// volume bounds the bytes a value holds, counting its items' own.
func (s shape) volume() uint64 {
	switch s.kind {
	case text:
		return s.size
	case list, dict:
		e := anythingShape
		if s.elem != nil {
			e = *s.elem
		}
		return mul(s.size, add(e.volume(), 16))
	case anything:
		return s.size
	}
	return max(s.size, 16)
}

func (s shape) item() shape {
	if s.elem == nil {
		return anythingShape
	}
	return *s.elem
}

// join bounds a value that is one of a and b.
func join(a, b shape) shape {
	if a.kind != b.kind {
		if a.kind == scalar {
			return b
		}
		if b.kind == scalar {
			return a
		}
		return shape{kind: anything, size: max(a.size, b.size)}
	}
	out := shape{kind: a.kind, size: max(a.size, b.size), typ: a.typ}
	if a.elem != nil || b.elem != nil {
		e := join(a.item(), b.item())
		out.elem = &e
	}
	return out
}

func listOf(n uint64, e shape) shape { return shape{kind: list, size: n, elem: &e} }

func textOf(n uint64) shape { return shape{kind: text, size: n} }

func maybeText(s shape) bool { return s.kind == text || s.kind == anything }

// bulk bounds the bytes an operation reads through in a value: none in a
// number, the bytes of a text, the bytes of a list's items.
func (s shape) bulk() uint64 {
	switch s.kind {
	case record:
		return 0
	case scalar, anything:
		return s.size
	}
	return s.volume()
}

// items bounds the items of a collection; one whose kind is not known is
// taken to be as long as a list of the record.
func (s shape) items(maxItems uint64) uint64 {
	if s.kind == anything {
		return max(s.size, maxItems)
	}
	return s.size
}

func sizes(s []shape) (out uint64) {
	for _, x := range s {
		out = add(out, x.size)
	}
	return out
}

func bulks(args []shape) uint64 {
	var r uint64
	for _, s := range args {
		r = add(r, s.bulk())
	}
	return r
}

// estimator works out a formula's worst-case cost from its parse, before
// expr compiles it (the optimizer would already build a constant range).
// Each node costs 1, plus the bytes or items it makes or reads through; a
// predicate costs its collection's bound times its body. It refuses, with
// the place and the reason, what no estimate can bound and what reads who
// a person is or the order of a map.
type estimator struct {
	env    *Env
	vars   []binding // let variables, innermost last
	elems  []shape   // the items of the predicates being walked, innermost last
	from   int
	msg    string
	budget uint64
}

type binding struct {
	name string
	s    shape
}

func (e *estimator) refuse(n ast.Node, msg string) {
	if e.msg == "" {
		e.from, e.msg = n.Location().From, msg
	}
}

// estimate returns the cost of n and the shape of its value. The first
// node whose cost exceeds the budget is refused: being walked inner nodes
// first, it is the smallest part that is too dear.
func (e *estimator) estimate(n ast.Node) (uint64, shape) {
	c, s := e.node(n)
	if c > e.budget && e.msg == "" {
		e.refuse(n, overBudget(c, e.budget))
	}
	return c, s
}

func overBudget(c, budget uint64) string {
	est := fmt.Sprint(c)
	if c >= infinite {
		est = "无界 (unbounded)"
	}
	return bilingual(
		fmt.Sprintf("公式最坏情况下的计算代价估计为 %s，超过上限 %d；请缩小范围或减少嵌套", est, budget),
		fmt.Sprintf("the formula's worst-case cost is estimated at %s, more than the %d allowed; narrow its ranges or nest fewer loops", strings.TrimSuffix(est, " (unbounded)"), budget))
}

func (e *estimator) all(nodes []ast.Node) (uint64, []shape) {
	var c uint64
	out := make([]shape, len(nodes))
	for i, n := range nodes {
		var ci uint64
		ci, out[i] = e.estimate(n)
		c = add(c, ci)
	}
	return c, out
}

// typeShape bounds a value of type t read from the record.
func (e *estimator) typeShape(t reflect.Type) shape {
	switch {
	case t == decType:
		return numberOf(recordDigits)
	case t.Kind() == reflect.Int:
		return numberOf(intDigits)
	case t.Kind() == reflect.String:
		return textOf(e.env.maxText)
	case t.Kind() == reflect.Slice:
		return listOf(e.env.maxItems, e.typeShape(t.Elem()))
	case t.Kind() == reflect.Map:
		return shape{kind: dict, size: uint64(len(e.env.inputs)), elem: &shape{kind: anything, size: e.env.maxText}}
	case t.Kind() == reflect.Struct:
		return shape{kind: record, typ: t}
	}
	return scalarShape
}

func inputShape(t InputType, maxText uint64) shape {
	switch t {
	case String:
		return textOf(maxText)
	case Int:
		return numberOf(intDigits)
	case Decimal:
		return numberOf(recordDigits)
	}
	return scalarShape
}

func (e *estimator) node(n ast.Node) (uint64, shape) {
	switch n := n.(type) {
	case *ast.NilNode, *ast.BoolNode:
		return 1, scalarShape
	case *ast.IntegerNode:
		return 1, numberOf(plainDigits(decimal.NewFromInt(int64(n.Value))))
	case *ast.FloatNode:
		if math.IsInf(n.Value, 0) || math.IsNaN(n.Value) {
			return 1, numberOf(infinite)
		}
		return 1, numberOf(plainDigits(decimal.NewFromFloat(n.Value)))
	case *ast.StringNode:
		return 1, textOf(uint64(len(n.Value)))
	case *ast.BytesNode:
		return 1, textOf(uint64(len(n.Value)))
	case *ast.ConstantNode:
		return 1, anythingShape
	case *ast.IdentifierNode:
		return 1, e.identifier(n)
	case *ast.PointerNode:
		if n.Name == "" && len(e.elems) > 0 {
			return 1, e.elems[len(e.elems)-1]
		}
		return 1, scalarShape
	case *ast.ChainNode:
		return e.estimate(n.Node)
	case *ast.MemberNode:
		return e.member(n)
	case *ast.SliceNode:
		c, s := e.estimate(n.Node)
		for _, x := range []ast.Node{n.From, n.To} {
			if x != nil {
				cx, _ := e.estimate(x)
				c = add(c, cx)
			}
		}
		return add(c, 1), s
	case *ast.UnaryNode:
		c, s := e.estimate(n.Node)
		if s.kind != scalar {
			s = scalarShape
		}
		return add(c, s.size, 1), s
	case *ast.BinaryNode:
		return e.binary(n)
	case *ast.ConditionalNode:
		cc, _ := e.estimate(n.Cond)
		c1, s1 := e.estimate(n.Exp1)
		c2, s2 := e.estimate(n.Exp2)
		return add(cc, max(c1, c2), 1), join(s1, s2)
	case *ast.VariableDeclaratorNode:
		cv, sv := e.estimate(n.Value)
		e.vars = append(e.vars, binding{n.Name, sv})
		ce, se := e.estimate(n.Expr)
		e.vars = e.vars[:len(e.vars)-1]
		return add(cv, ce, 1), se
	case *ast.SequenceNode:
		c, ss := e.all(n.Nodes)
		if len(ss) == 0 {
			return c, scalarShape
		}
		return c, ss[len(ss)-1]
	case *ast.ArrayNode:
		c, ss := e.all(n.Nodes)
		el := scalarShape
		for i, s := range ss {
			if i == 0 {
				el = s
				continue
			}
			el = join(el, s)
		}
		return add(c, uint64(len(ss)), 1), listOf(uint64(len(ss)), el)
	case *ast.MapNode:
		var c uint64
		el := scalarShape
		for i, p := range n.Pairs {
			pair, ok := p.(*ast.PairNode)
			if !ok {
				continue
			}
			ck, _ := e.estimate(pair.Key)
			cv, sv := e.estimate(pair.Value)
			c = add(c, ck, cv, 1)
			if i == 0 {
				el = sv
			} else {
				el = join(el, sv)
			}
		}
		return add(c, 1), shape{kind: dict, size: uint64(len(n.Pairs)), elem: &el}
	case *ast.PairNode:
		ck, _ := e.estimate(n.Key)
		cv, sv := e.estimate(n.Value)
		return add(ck, cv, 1), sv
	case *ast.PredicateNode:
		return e.estimate(n.Node)
	case *ast.CallNode:
		return e.call(n)
	case *ast.BuiltinNode:
		return e.builtin(n)
	}
	// A node this estimator does not know: refused rather than guessed.
	e.refuse(n, bilingual("公式中有无法估计代价的结构", "the formula holds a construct whose cost cannot be estimated"))
	return infinite, anythingShape
}

func (e *estimator) identifier(n *ast.IdentifierNode) shape {
	if why, ok := identifying[n.Value]; ok {
		e.refuse(n, bilingual(
			fmt.Sprintf("公式不得读取识别个人身份的字段 %s：%s；规则须对每个人一视同仁", n.Value, strings.SplitN(why, " (", 2)[0]),
			fmt.Sprintf("a formula may not read %s, %s, which names a person; a rule must treat everyone alike", n.Value, strings.TrimSuffix(strings.SplitN(why, " (", 2)[1], ")"))))
		return scalarShape
	}
	for i := len(e.vars) - 1; i >= 0; i-- {
		if e.vars[i].name == n.Value {
			return e.vars[i].s
		}
	}
	if f, ok := factsType.FieldByName(n.Value); ok {
		return e.typeShape(f.Type)
	}
	return anythingShape
}

func (e *estimator) member(n *ast.MemberNode) (uint64, shape) {
	// In.<id> reads a declared input of its declared type.
	if id, ok := n.Node.(*ast.IdentifierNode); ok && id.Value == "In" {
		if name, ok := n.Property.(*ast.StringNode); ok {
			return 2, inputShape(e.env.inputs[name.Value], e.env.maxText)
		}
	}
	c, base := e.estimate(n.Node)
	cp, _ := e.estimate(n.Property)
	c = add(c, cp, 1)
	switch base.kind {
	case record:
		if name, ok := n.Property.(*ast.StringNode); ok && base.typ != nil {
			if f, ok := base.typ.FieldByName(name.Value); ok {
				return c, e.typeShape(f.Type)
			}
		}
		return c, anythingShape
	case list, dict:
		return c, base.item()
	case text:
		return c, textOf(4)
	}
	return c, anythingShape
}

// constInt returns the value of an int literal, signed or not.
func constInt(n ast.Node) (int, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return n.Value, true
	case *ast.UnaryNode:
		v, ok := constInt(n.Node)
		switch {
		case !ok:
			return 0, false
		case n.Operator == "-":
			return -v, true
		case n.Operator == "+":
			return v, true
		}
	}
	return 0, false
}

func (e *estimator) binary(n *ast.BinaryNode) (uint64, shape) {
	cl, l := e.estimate(n.Left)
	cr, r := e.estimate(n.Right)
	c := add(cl, cr, 1)
	switch n.Operator {
	case "..":
		from, ok1 := constInt(n.Left)
		to, ok2 := constInt(n.Right)
		if !ok1 || !ok2 {
			e.refuse(n, bilingual("范围的两端须是整数常量（如 1..10）", "a range's ends must be whole-number constants, as in 1..10"))
			return infinite, listOf(infinite, scalarShape)
		}
		size := uint64(0)
		if to >= from {
			size = add(uint64(to-from), 1)
			if to-from < 0 { // the difference overflowed
				size = infinite
			}
		}
		return add(c, size), listOf(size, scalarShape)
	case "+":
		switch {
		case l.kind == list && r.kind == list:
			out := join(l, r)
			out.size = add(l.size, r.size)
			return add(c, out.size), out
		case maybeText(l) || maybeText(r):
			size := add(l.size, r.size)
			return add(c, size), shape{kind: join(l, r).kind, size: size}
		}
		// Exact decimals grow: a sum by a digit, a product by the digits
		// of both, a quotient by the places it keeps besides; a product
		// of products squares its digits, so each costs what it writes.
		size := add(max(l.size, r.size), 1)
		return add(c, size), numberOf(size)
	case "-", "%":
		size := add(max(l.size, r.size), 1)
		return add(c, size), numberOf(size)
	case "*":
		size := add(l.size, r.size)
		return add(c, size), numberOf(size)
	case "/":
		size := add(l.size, r.size, DivisionScale)
		return add(c, size), numberOf(size)
	case "in":
		if r.kind == dict || r.kind == record {
			return c, scalarShape
		}
		return add(c, mul(r.items(e.env.maxItems), add(min(l.bulk(), r.item().bulk()), 1))), scalarShape
	case "==", "!=", "<", "<=", ">", ">=", "startsWith":
		// Two texts compare no further than the shorter one; two numbers
		// are first written to the same places.
		if l.kind == scalar && r.kind == scalar {
			return add(c, l.size, r.size), scalarShape
		}
		return add(c, min(l.bulk(), r.bulk())), scalarShape
	case "contains", "endsWith":
		return add(c, l.bulk(), r.bulk()), scalarShape
	case "matches":
		// RE2 matches in time linear in the text times the pattern.
		return add(c, mul(add(l.size, 1), add(r.size, 1))), scalarShape
	case "??":
		return c, join(l, r)
	}
	return c, scalarShape
}

func (e *estimator) call(n *ast.CallNode) (uint64, shape) {
	c, args := e.all(n.Arguments)
	name := ""
	if id, ok := n.Callee.(*ast.IdentifierNode); ok {
		name = id.Value
	} else {
		cc, _ := e.estimate(n.Callee)
		c = add(c, cc)
	}
	// Every function reads its arguments through once (step its table,
	// points its map).
	c = add(c, bulks(args), 1)
	if f, ok := e.env.funcResults[name]; ok {
		return c, e.typeShape(f)
	}
	// The standard functions give one of the numbers they are given (a
	// bound, a table's points) or a boolean.
	var digits uint64
	for _, a := range args {
		digits = max(digits, a.digits())
	}
	return c, numberOf(digits)
}

// iterating are the builtins that walk their first argument's items.
var iterating = map[string]bool{
	"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true,
	"count": true, "sum": true, "find": true, "findIndex": true, "findLast": true,
	"findLastIndex": true, "groupBy": true, "sortBy": true, "reduce": true,
	"first": true, "last": true, "take": true, "reverse": true, "uniq": true, "sort": true,
	"concat": true, "flatten": true, "join": true, "max": true, "min": true, "mean": true, "median": true,
}

// passThrough are builtins the estimator need not model: they are refused
// elsewhere (the clock, floats) with their own message.
var passThrough = map[string]bool{"now": true, "date": true, "duration": true, "timezone": true}

func (e *estimator) builtin(n *ast.BuiltinNode) (uint64, shape) {
	if mapOrder[n.Name] {
		e.refuse(n, bilingual(
			fmt.Sprintf("%s 的结果取决于映射中各项的顺序，而这一顺序每次运行都可能不同", n.Name),
			fmt.Sprintf("%s gives a map's entries in an order that changes from run to run", n.Name)))
		return infinite, anythingShape
	}
	if len(n.Arguments) == 0 {
		return 1, scalarShape
	}
	// A predicate's body runs once per item of its collection.
	if pred, ok := predicateOf(n); ok {
		cc, coll := e.estimate(n.Arguments[0])
		if coll.kind == dict {
			e.refuseMapWalk(n)
		}
		items := coll.items(e.env.maxItems)
		e.elems = append(e.elems, coll.item())
		cb, body := e.estimate(pred)
		e.elems = e.elems[:len(e.elems)-1]
		c := add(cc, mul(items, add(cb, 1)), 1)
		for _, a := range n.Arguments[2:] {
			ca, _ := e.estimate(a)
			c = add(c, ca)
		}
		switch n.Name {
		case "filter":
			return c, coll
		case "map":
			return c, listOf(items, body)
		case "find", "findLast":
			return c, coll.item()
		case "count", "sum", "findIndex", "findLastIndex":
			return c, numberOf(intDigits)
		case "groupBy":
			return c, shape{kind: dict, size: items, elem: &coll}
		case "sortBy":
			return add(c, mul(items, uint64(bits.Len64(items)))), coll
		}
		return c, scalarShape
	}
	c, args := e.all(n.Arguments)
	c = add(c, 1)
	if iterating[n.Name] && args[0].kind == dict {
		e.refuseMapWalk(n)
	}
	a := args[0]
	switch n.Name {
	case "len", "type", "int", "float", "ceil", "floor", "round", "bitnot",
		"bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr":
		return c, numberOf(intDigits)
	case "abs":
		return add(c, a.size), numberOf(a.digits())
	case "first", "last":
		return c, a.item()
	case "get":
		if a.kind == text {
			return c, textOf(4)
		}
		return c, a.item()
	case "take", "reverse", "uniq":
		return add(c, a.size), a
	case "sort":
		return add(c, mul(a.size, uint64(bits.Len64(a.size))+1)), a
	case "concat":
		out := a
		for _, s := range args[1:] {
			out = join(out, s)
		}
		out.size = sizes(args)
		return add(c, out.size), out
	case "flatten":
		size := mul(a.size, max(a.item().size, 1))
		return add(c, size), listOf(size, a.item().item())
	case "fromPairs":
		return add(c, a.size), shape{kind: dict, size: a.size, elem: &anythingShape}
	case "max", "min", "mean", "median":
		var digits uint64
		for _, s := range args {
			digits = max(digits, s.digits())
		}
		return add(c, bulks(args)), numberOf(digits)
	case "sum", "count":
		// sum adds whole numbers only (exact.go), which wrap rather than grow.
		return add(c, bulks(args)), numberOf(intDigits)
	case "trim", "trimPrefix", "trimSuffix":
		return add(c, bulks(args)), a
	case "upper", "lower":
		// A case change can lengthen a letter's encoding by a byte or so.
		size := mul(a.size, 2)
		return add(c, size), textOf(size)
	case "indexOf", "lastIndexOf", "hasPrefix", "hasSuffix":
		return add(c, bulks(args)), scalarShape
	case "split", "splitAfter":
		// One piece per character at most, each no longer than the text.
		return add(c, mul(a.size, 2), 1), listOf(add(a.size, 1), a)
	case "replace":
		// An empty old string puts the new one between every two bytes.
		var repl uint64
		if len(args) > 2 {
			repl = args[2].size
		}
		size := add(a.size, mul(add(a.size, 1), repl))
		return add(c, size), textOf(size)
	case "repeat":
		if len(n.Arguments) != 2 {
			return c, a // the checker refuses it
		}
		times, ok := constInt(n.Arguments[1])
		if !ok {
			e.refuse(n, bilingual("repeat 的次数须是整数常量", "repeat must be given its count as a whole-number constant"))
			return infinite, textOf(infinite)
		}
		size := mul(a.size, uint64(max(times, 0)))
		return add(c, size), textOf(size)
	case "join":
		var glue uint64
		if len(args) > 1 {
			glue = args[1].size
		}
		size := mul(a.size, add(a.item().volume(), glue))
		return add(c, size), textOf(size)
	case "string", "toJSON", "toBase64":
		// Printed, a value takes a few bytes per byte it holds, quotes
		// and escapes included.
		size := add(mul(a.volume(), 6), 32)
		return add(c, size), textOf(size)
	case "fromBase64":
		return add(c, a.size), textOf(a.size)
	case "fromJSON":
		return add(c, a.size), anythingShape
	}
	if passThrough[n.Name] {
		return c, anythingShape
	}
	e.refuse(n, bilingual(
		fmt.Sprintf("公式中不能使用 %s", n.Name),
		fmt.Sprintf("%s is not available to formulas", n.Name)))
	return infinite, anythingShape
}

func (e *estimator) refuseMapWalk(n *ast.BuiltinNode) {
	e.refuse(n, bilingual(
		fmt.Sprintf("%s 逐项遍历映射，其顺序每次运行都可能不同", n.Name),
		fmt.Sprintf("%s walks a map's entries, whose order changes from run to run", n.Name)))
}

// predicateOf returns the body of a builtin that runs one per item.
func predicateOf(n *ast.BuiltinNode) (ast.Node, bool) {
	if len(n.Arguments) < 2 {
		return nil, false
	}
	p, ok := n.Arguments[1].(*ast.PredicateNode)
	if !ok {
		return nil, false
	}
	return p, true
}
