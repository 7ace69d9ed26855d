package formula

import (
	"errors"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/operator"
	"github.com/expr-lang/expr/parser/utils"
	"github.com/shopspring/decimal"
)

// Canonical returns src in one normal form: expr's parse of it printed back
// with single spaces around binary operators, none inside brackets, only the
// parentheses the parse needs, and the aliases of an operator written one
// way (and as &&, or as ||, ! as not). Two formulas with the same parse have
// the same canonical form, whatever their white space, line breaks, comments
// or redundant parentheses; two with different parses do not.
//
// Where src does not parse, or is beyond the default caps on a formula's
// text ([DefaultMaxSource], [DefaultMaxDepth], [DefaultMaxLiteral]),
// Canonical returns it with runs of white space outside string literals
// folded into one space, and the parse error or the cap. Where
// the printed form would not parse back to the same tree (a construct the
// printer does not know), it returns the folded source and no error: such a
// formula is then equal only to one laid out the same way.
func Canonical(src string) (string, error) {
	// A text beyond the default caps is never compiled with them; it is
	// not parsed here either, where it could exhaust the parser's stack.
	if _, msg := defaultLimits.scan(src); msg != "" {
		return Fold(src), errors.New(msg)
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return Fold(src), err
	}
	var p printer
	out := p.print(tree.Node)
	if p.unknown || !sameTree(tree.Node, out) {
		return Fold(src), nil
	}
	return out, nil
}

// sameTree reports whether text parses to the tree of n, with operator
// aliases taken as one.
func sameTree(n ast.Node, text string) bool {
	back, err := parser.Parse(text)
	if err != nil {
		return false
	}
	return dump(n) == dump(back.Node)
}

func dump(n ast.Node) string {
	ast.Walk(&n, aliases{})
	return ast.Dump(n)
}

// aliases writes every operator alias in its canonical spelling.
type aliases struct{}

func (aliases) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.UnaryNode:
		n.Operator = canonicalOp(n.Operator)
	case *ast.BinaryNode:
		n.Operator = canonicalOp(n.Operator)
	}
}

func canonicalOp(op string) string {
	switch op {
	case "and":
		return "&&"
	case "or":
		return "||"
	case "!":
		return "not"
	}
	return op
}

// Fold returns src with runs of white space outside string literals folded
// into one space and its ends trimmed. Inside "..." and '...' a backslash
// escapes the next character, so an escaped quote does not end the literal.
func Fold(src string) string {
	var b strings.Builder
	var quote rune
	space, escaped := false, false
	for _, r := range strings.TrimSpace(src) {
		switch {
		case quote != 0:
			b.WriteRune(r)
			switch {
			case escaped:
				escaped = false
			case r == '\\' && quote != '`':
				escaped = true
			case r == quote:
				quote = 0
			}
			continue
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// printer prints a parsed formula. Each node is printed with the
// precedence it binds at; a parent wraps a child in parentheses when the
// child binds more loosely than the parent's place for it needs.
type printer struct {
	// unknown is set when the tree holds a node the printer does not know.
	unknown bool
}

// Binding strengths beyond expr's operator table: a primary (a name, a
// literal, a call, a member, a bracketed list) binds tightest; a
// conditional, a let or a sequence loosest, needing parentheses anywhere
// but at the top or as an argument.
const (
	loosest = -1
	primary = 1000
)

func (p *printer) print(n ast.Node) string {
	s, _ := p.node(n)
	return s
}

// node returns n printed and how tightly it binds.
func (p *printer) node(n ast.Node) (string, int) {
	switch n := n.(type) {
	case *ast.NilNode:
		return "nil", primary
	case *ast.BoolNode:
		return strconv.FormatBool(n.Value), primary
	case *ast.IntegerNode:
		if n.Value < 0 {
			return strconv.Itoa(n.Value), operator.Unary["-"].Precedence
		}
		return strconv.Itoa(n.Value), primary
	case *ast.FloatNode:
		// Written out in full and with a point, so that it reads back as
		// the same float and never as an int.
		s := decimal.NewFromFloat(n.Value).String()
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		if n.Value < 0 {
			return s, operator.Unary["-"].Precedence
		}
		return s, primary
	case *ast.StringNode:
		return strconv.Quote(n.Value), primary
	case *ast.IdentifierNode:
		return n.Value, primary
	case *ast.PointerNode:
		return "#" + n.Name, primary
	case *ast.UnaryNode:
		return p.unary(n)
	case *ast.BinaryNode:
		return p.binary(n)
	case *ast.ChainNode:
		return p.node(n.Node)
	case *ast.MemberNode:
		return p.member(n), primary
	case *ast.SliceNode:
		var from, to string
		if n.From != nil {
			from = p.print(n.From)
		}
		if n.To != nil {
			to = p.print(n.To)
		}
		return p.operand(n.Node) + "[" + from + ":" + to + "]", primary
	case *ast.CallNode:
		return p.operand(n.Callee) + "(" + p.list(n.Arguments) + ")", primary
	case *ast.BuiltinNode:
		return n.Name + "(" + p.list(n.Arguments) + ")", primary
	case *ast.PredicateNode:
		return p.print(n.Node), loosest
	case *ast.ArrayNode:
		return "[" + p.list(n.Nodes) + "]", primary
	case *ast.MapNode:
		pairs := make([]string, len(n.Pairs))
		for i, pair := range n.Pairs {
			pairs[i] = p.pair(pair)
		}
		return "{" + strings.Join(pairs, ", ") + "}", primary
	case *ast.ConditionalNode:
		return p.conditional(n), loosest
	case *ast.VariableDeclaratorNode:
		return "let " + n.Name + " = " + p.print(n.Value) + "; " + p.print(n.Expr), loosest
	case *ast.SequenceNode:
		parts := make([]string, len(n.Nodes))
		for i, x := range n.Nodes {
			parts[i] = p.print(x)
		}
		return strings.Join(parts, "; "), loosest
	}
	p.unknown = true
	return "", primary
}

// wrap prints n, in parentheses when it binds more loosely than need.
func (p *printer) wrap(n ast.Node, need int) string {
	s, binds := p.node(n)
	if binds < need {
		return "(" + s + ")"
	}
	return s
}

// operand prints what a member, a slice or a call applies to.
func (p *printer) operand(n ast.Node) string { return p.wrap(n, primary) }

func (p *printer) list(nodes []ast.Node) string {
	parts := make([]string, len(nodes))
	for i, x := range nodes {
		parts[i] = p.print(x)
	}
	return strings.Join(parts, ", ")
}

func (p *printer) unary(n *ast.UnaryNode) (string, int) {
	op := canonicalOp(n.Operator)
	prec := operator.Unary[op].Precedence
	// a not in b: the parse of "not" before an operator that takes it.
	if b, ok := n.Node.(*ast.BinaryNode); ok && op == "not" && operator.AllowedNegateSuffix(b.Operator) {
		s, _ := p.binaryWith(b, "not "+b.Operator)
		return s, operator.Binary[b.Operator].Precedence
	}
	// The operand binds at least as tightly as the operator; another unary
	// operator gets parentheses so that - -x is not read as a token --.
	need := prec
	if _, ok := n.Node.(*ast.UnaryNode); ok {
		need = primary
	}
	s := p.wrap(n.Node, need)
	if op == "not" {
		return "not " + s, prec
	}
	return op + s, prec
}

func (p *printer) binary(n *ast.BinaryNode) (string, int) {
	return p.binaryWith(n, canonicalOp(n.Operator))
}

// binaryWith prints n with op written as word (not in, for a negated in).
func (p *printer) binaryWith(n *ast.BinaryNode, word string) (string, int) {
	op := canonicalOp(n.Operator)
	o := operator.Binary[op]
	left, right := o.Precedence, o.Precedence+1
	if o.Associativity == operator.Right {
		left, right = right, left
	}
	if operator.IsComparison(op) || o.Precedence == operator.Binary["=="].Precedence {
		// a < b < c is read as a < b && b < c; a comparison of a comparison
		// is bracketed on both sides.
		left = o.Precedence + 1
	}
	l := p.child(n.Left, op, left)
	r := p.child(n.Right, op, right)
	if op == ".." {
		return l + ".." + r, o.Precedence
	}
	return l + " " + word + " " + r, o.Precedence
}

// child prints an operand of the binary operator op, which needs it to bind
// at least need.
func (p *printer) child(n ast.Node, op string, need int) string {
	if op == ".." {
		// Ranges read best with plain bounds: 1..(n + 1).
		need = primary
	}
	if u, ok := n.(*ast.UnaryNode); ok {
		// The operand of a unary operator takes in what follows it when
		// that binds more tightly than the operator: (-a) ?? b.
		if operator.Binary[op].Precedence > operator.Unary[canonicalOp(u.Operator)].Precedence {
			need = primary
		}
	}
	if b, ok := n.(*ast.BinaryNode); ok {
		cop := canonicalOp(b.Operator)
		switch {
		case (cop == "??") != (op == "??"):
			// expr refuses ?? mixed with another operator unbracketed.
			need = primary
		case operator.IsBoolean(cop) && operator.IsBoolean(op) && cop != op:
			// a || (b && c): not needed, but read more easily.
			need = primary
		}
	}
	return p.wrap(n, need)
}

func (p *printer) member(n *ast.MemberNode) string {
	if ptr, ok := n.Node.(*ast.PointerNode); ok && ptr.Name == "" && !n.Optional {
		if name, ok := n.Property.(*ast.StringNode); ok && utils.IsValidIdentifier(name.Value) {
			return "." + name.Value
		}
	}
	base := p.operand(n.Node)
	dot, open := ".", "["
	if n.Optional {
		dot, open = "?.", "?.["
	}
	if name, ok := n.Property.(*ast.StringNode); ok && utils.IsValidIdentifier(name.Value) {
		return base + dot + name.Value
	}
	return base + open + p.print(n.Property) + "]"
}

func (p *printer) pair(n ast.Node) string {
	pair, ok := n.(*ast.PairNode)
	if !ok {
		p.unknown = true
		return ""
	}
	value := p.print(pair.Value)
	if key, ok := pair.Key.(*ast.StringNode); ok {
		return strconv.Quote(key.Value) + ": " + value
	}
	return "(" + p.print(pair.Key) + "): " + value
}

// conditional prints a ? b : c, or if a { b } else { c }. A conditional as
// the condition or the first branch is bracketed; one as the last branch is
// not, so that a chain reads a ? 12 : b ? 10 : 0.
func (p *printer) conditional(n *ast.ConditionalNode) string {
	cond, exp1, exp2 := p.wrap(n.Cond, 0), p.wrap(n.Exp1, 0), p.print(n.Exp2)
	if !n.Ternary {
		cond, exp1, exp2 = p.print(n.Cond), p.print(n.Exp1), p.print(n.Exp2)
		if c2, ok := n.Exp2.(*ast.ConditionalNode); ok && !c2.Ternary {
			return "if " + cond + " { " + exp1 + " } else " + exp2
		}
		return "if " + cond + " { " + exp1 + " } else { " + exp2 + " }"
	}
	return cond + " ? " + exp1 + " : " + exp2
}
