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

// Error is a formula that failed to compile or to run. Line and Column are
// in the policy file when the caller said where the formula stands, else in
// the formula itself.
type Error struct {
	Jurisdiction string
	Rule         string
	Position            // where the error is, in the file
	Formula      string // the formula's text
	Message      string // what is wrong
	Snippet      string // the offending line of the formula with a caret under the place
	Err          error  // one of the sentinels
}

func (e *Error) Error() string {
	var b strings.Builder
	if pos := e.Position.String(); pos != "" {
		b.WriteString(pos)
		b.WriteString(": ")
	}
	if e.Jurisdiction != "" {
		b.WriteString(e.Jurisdiction)
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "rule %s: %s", e.Rule, e.Message)
	b.WriteString(e.Snippet)
	return b.String()
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }
