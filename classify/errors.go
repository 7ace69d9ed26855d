package classify

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newstrata/newstrata/formula"
)

// Causes that [errors.Is] matches on an error of this package.
var (
	// ErrSyntax: the document is not YAML, or not of the shape of a rules
	// document (a list where a mapping belongs, several documents, anchors).
	ErrSyntax = errors.New("malformed rules document")
	// ErrUnknownField: a field the rules document does not have.
	ErrUnknownField = errors.New("unknown field")
	// ErrMissingField: a required field that is absent or empty.
	ErrMissingField = errors.New("missing field")
	// ErrInvalid: a value of the wrong form (an id with a space, a sub-kind
	// on a rule that is not G3, a when on the otherwise rule).
	ErrInvalid = errors.New("invalid value")
	// ErrUnknownGroup: a group, outcome or sub-kind that is not in its set,
	// or not allowed where it stands.
	ErrUnknownGroup = errors.New("unknown group")
	// ErrDuplicateID: a rule id used twice, or changed twice by an overlay.
	ErrDuplicateID = errors.New("duplicate id")
	// ErrNoSuchRule: an overlay replaces, disables or places a rule before
	// an id that does not exist.
	ErrNoSuchRule = errors.New("no such rule")
	// ErrPriority: a priority that does not list each of the four groups once.
	ErrPriority = errors.New("bad priority")
	// ErrBase: extends names rules that are not built in.
	ErrBase = errors.New("unknown base rules")
	// ErrFormula: a formula that does not compile: bad syntax, a misspelt
	// field, a result that is not a boolean, a read of something a
	// classification may not depend on.
	ErrFormula = errors.New("formula error")
	// ErrRuntime: a formula failed on one record (an index past the end of
	// a list, a division by zero).
	ErrRuntime = errors.New("formula failed")
)

// Error is an error at a place in a rules file, or a formula that failed on
// a record. Line and Column are 1-based; columns count characters, not
// bytes, so that they match an editor's on Chinese text.
//
// Its text is written for the clerk who edits the rules file: Chinese
// first, then the English in parentheses, after the place and the rule:
//
//	county.yaml:6:5: 规则 A：未知字段 "whn"，可用字段为 id, name, group, subkind, when, reason (unknown field "whn" (want id, name, group, subkind, when, reason))
//
// A message of the YAML reader or of the formula compiler is kept as it
// is, after a short Chinese phrase (YAML 格式错误：, 公式错误：); a formula
// error ends with the formula and a caret under the fault.
type Error struct {
	// Record is the key of the record being classified, for ErrRuntime;
	// "" for an error in the rules.
	Record string
	File   string
	Line   int
	Column int
	// Rule is the id of the rule concerned, if any.
	Rule string
	// Message says what is wrong: in Chinese, then in English in
	// parentheses; for a formula error, the compiler's message as it is.
	Message string
	// Err is one of the sentinels.
	Err error

	// formula is the compiler's error, whose place, jurisdiction and
	// snippet with caret this error keeps.
	formula *formula.Error
}

// bilingual joins a Chinese message and its English original, as the
// messages of this package read: Chinese first, English in parentheses.
func bilingual(zh, en string) string { return zh + " (" + en + ")" }

// formulaPhrase is the Chinese phrase before a message of the formula
// compiler, which is kept in English.
func formulaPhrase(cause error) string {
	if cause == ErrRuntime {
		return "公式运行出错："
	}
	return "公式错误："
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Record != "" {
		fmt.Fprintf(&b, "记录 %s：", e.Record)
	}
	if e.formula != nil {
		fe := e.formula
		if p := fe.Position.String(); p != "" {
			b.WriteString(p)
			b.WriteString(": ")
		}
		if fe.Policy != "" {
			b.WriteString(fe.Policy)
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "规则 %s：%s%s", fe.Rule, formulaPhrase(e.Err), fe.Message)
		b.WriteString(fe.Snippet)
		return b.String()
	}
	at := b.Len()
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%d:%d", e.Line, e.Column)
	}
	if b.Len() > at {
		b.WriteString(": ")
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, "规则 %s：", e.Rule)
	}
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the sentinel cause, and the compiler's error when there is one.
func (e *Error) Unwrap() []error {
	if e.formula != nil {
		return []error{e.Err, e.formula}
	}
	return []error{e.Err}
}
