package formula

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser/lexer"
)

// The defaults of the caps a formula's text is held to before it is parsed.
// They are far above what a rule needs (the longest formula of the
// baseline policies is under 500 bytes, nests 4 deep and has no literal
// over 100 bytes) and far below what strains the parser.
const (
	DefaultMaxSource  = 4096 // bytes of a formula
	DefaultMaxDepth   = 32   // brackets and unary operators, one inside another
	DefaultMaxLiteral = 1024 // bytes of one string literal
)

// limits are the caps on a formula's text.
type limits struct {
	source, depth, literal int
}

var defaultLimits = limits{DefaultMaxSource, DefaultMaxDepth, DefaultMaxLiteral}

// scan holds a formula's text to the caps before expr's parser sees it:
// the parser descends once per bracket and per unary operator, and keeps
// every literal, so a long text, a deep one or a huge literal would cost
// it a stack overflow or memory before any other check could run. scan
// itself reads the text once with expr's lexer, which is a loop, and keeps
// one token at a time. It returns the character offset of the fault and
// its message, or "" when the text is within the caps; a text the lexer
// cannot read is left to the parser, which reports it as a syntax error.
func (l limits) scan(source string) (int, string) {
	if len(source) > l.source {
		return -1, bilingual(
			fmt.Sprintf("公式长 %d 字节，超过上限 %d 字节；请拆分为几个指标", len(source), l.source),
			fmt.Sprintf("the formula is %d bytes long, more than the %d allowed; split it into several indicators", len(source), l.source))
	}
	lex := lexer.New()
	lex.Reset(file.NewSource(source))
	depth, unary := 0, 0
	afterOperand := false // the previous token ends an operand, so an operator after it is binary
	for {
		t, err := lex.Next()
		if err != nil || t.Kind == lexer.EOF {
			return 0, ""
		}
		switch {
		case t.Kind == lexer.String && len(t.Value) > l.literal:
			return t.From, bilingual(
				fmt.Sprintf("字符串长 %d 字节，超过上限 %d 字节", len(t.Value), l.literal),
				fmt.Sprintf("the string is %d bytes long, more than the %d allowed", len(t.Value), l.literal))
		case t.Is(lexer.Bracket, "(", "[", "{"):
			depth++
			afterOperand = false
		case t.Is(lexer.Bracket, ")", "]", "}"):
			depth, unary = max(depth-1, 0), 0
			afterOperand = true
		case t.Kind == lexer.Operator:
			if !afterOperand && t.Is(lexer.Operator, "-", "+", "!", "not") {
				unary++
			} else {
				unary = 0
			}
			afterOperand = false
		default:
			unary = 0
			afterOperand = true
		}
		if depth+unary > l.depth {
			return t.From, bilingual(
				fmt.Sprintf("公式嵌套超过 %d 层（括号与一元运算符）；请拆分或简化", l.depth),
				fmt.Sprintf("the formula nests more than %d deep (brackets and unary operators); split or simplify it", l.depth))
		}
	}
}

// bilingual is a message in Chinese first, then English in parentheses.
func bilingual(zh, en string) string { return zh + textSep + en }

// textSep parts the Chinese and the English of a message that a refusal
// writes in both; [texts] takes them apart again for an [Error].
const textSep = "\x00"

// texts returns the Chinese and English of msg, or the Chinese phrase of
// cause and msg itself for a message written in English only.
func texts(cause error, msg string) (zh, en string) {
	if zh, en, ok := strings.Cut(msg, textSep); ok {
		return zh, en
	}
	return phrase(cause), msg
}
