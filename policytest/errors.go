package policytest

import (
	"errors"
	"fmt"
	"strings"
)

// Causes that [errors.Is] matches. A cell the roster reader refuses is
// reported with the reader's [*roster.ParseError] as its cause, so that
// errors.Is(err, roster.ErrBadDate) and the like work too.
var (
	// ErrSyntax: the file is not well-formed YAML, or has a field that does
	// not exist, or a value of the wrong kind.
	ErrSyntax = errors.New("cases syntax error")
	// ErrUnknownExample: a case starts from an example the file does not
	// define.
	ErrUnknownExample = errors.New("unknown example")
	// ErrDuplicate: two cases or two examples with one name.
	ErrDuplicate = errors.New("duplicate name")
)

// Position is a place in a cases file: a 1-based line and column.
type Position struct {
	File         string
	Line, Column int
}

// String writes file:line:column, leaving out what is unknown.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Error is one mistake in a cases file, at its place.
type Error struct {
	Position
	// Case names the case or the example ("" for the file as a whole).
	Case    string
	Message string
	Err     error // the cause
}

func (e *Error) Error() string {
	var b strings.Builder
	if s := e.Position.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Case != "" {
		fmt.Fprintf(&b, "%s: ", e.Case)
	}
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
