package formula

import (
	"errors"
	"fmt"
	"strings"
)

// Causes that [errors.Is] matches on an [*Error].
var (
	// ErrSyntax: the formula cannot be parsed.
	ErrSyntax = errors.New("formula syntax error")
	// ErrType: the formula does not type-check against the record, or its
	// result is not of the kind the rule needs.
	ErrType = errors.New("formula type error")
	// ErrRefused: the formula reaches beyond the record's own data (the
	// clock, the whole environment, an undeclared input, a field that names
	// a person, a map's order), is too large or too deep, or costs more
	// than its budget.
	ErrRefused = errors.New("formula refused")
	// ErrRuntime: the formula failed on one record (division by zero, a
	// missing input, a value of the wrong type).
	ErrRuntime = errors.New("formula failed")
)

// Error is a problem at a place in a rule's source: a field of a policy
// file that is wrong, a formula that does not compile, or a formula that
// failed on one record. It is the one error type for places in the rules
// of every stage: errors.As(err, &fe) finds it whichever stage reported it.
//
// Its text is written for the clerk who edits the file: the place, the
// policy and the rule, then Chinese, then English in parentheses, then the
// offending line with a caret:
//
//	qingxiu.yaml:12:18: 政策 qingxiu-2019：规则 A2：公式错误 (rule A2: unknown name FieldYear)
//	 | FieldYear / 2
//	 | ^
type Error struct {
	// Position is where the problem is in the file, or in the formula for
	// a rule built in Go.
	Position
	// Policy is the id of the policy the problem is in, "" when unknown.
	Policy string
	// Rule is the id of the rule concerned; "" for a problem of the file
	// as a whole, or one whose text names what it is about.
	Rule string
	// Record is the registration number of the record a formula failed
	// on; "" for a problem found when rules are loaded.
	Record string
	// MessageZH and Message say what is wrong in Chinese and in English;
	// without MessageZH, Message is the whole text.
	MessageZH string
	Message   string
	// Snippet is the offending line with a caret under the place.
	Snippet string
	// Err is the cause: a sentinel that errors.Is matches, possibly joined
	// with a value that says more (a lock, a compiler's cause).
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Record != "" {
		fmt.Fprintf(&b, "记录 %s：", e.Record)
	}
	if s := e.Position.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Policy != "" {
		fmt.Fprintf(&b, "政策 %s：", e.Policy)
	}
	switch {
	case e.MessageZH != "":
		if e.Rule != "" {
			fmt.Fprintf(&b, "规则 %s：", e.Rule)
		}
		b.WriteString(e.MessageZH)
		b.WriteString(" (")
		if e.Rule != "" {
			fmt.Fprintf(&b, "rule %s: ", e.Rule)
		}
		b.WriteString(e.Message)
		b.WriteString(")")
	case e.Rule != "":
		fmt.Fprintf(&b, "规则 %s：%s", e.Rule, e.Message)
	default:
		b.WriteString(e.Message)
	}
	b.WriteString(e.Snippet)
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// phrase is the Chinese phrase of a formula error's cause.
func phrase(cause error) string {
	switch cause {
	case ErrSyntax:
		return "公式语法错误"
	case ErrType:
		return "公式类型错误"
	case ErrRefused:
		return "公式不被允许"
	case ErrRuntime:
		return "公式计算出错"
	}
	return "公式错误"
}

// A snippet shows a formula's line whole up to snippetLine characters; a
// longer one is cut to snippetWidth characters around the caret, with …
// where it was cut, so that a message stays readable whatever the formula.
const (
	snippetLine  = 100
	snippetWidth = 80
)

// readable cuts a snippet ("\n | line\n | ...^", as expr writes it) to
// snippetWidth characters around its caret when its line is longer than
// snippetLine.
func readable(snippet string) string {
	lines := strings.Split(snippet, "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], " | ") || !strings.HasPrefix(lines[2], " | ") {
		return snippet
	}
	src := []rune(lines[1][3:])
	if len(src) <= snippetLine {
		return snippet
	}
	caret := strings.IndexRune(lines[2][3:], '^')
	if caret < 0 {
		caret = 0
	}
	from := max(0, min(caret-snippetWidth/2, len(src)-snippetWidth))
	to := min(len(src), from+snippetWidth)
	line, at := string(src[from:to]), caret-from
	if from > 0 {
		line, at = "…"+line, at+1
	}
	if to < len(src) {
		line += "…"
	}
	return "\n | " + line + "\n | " + strings.Repeat(".", at) + "^"
}
