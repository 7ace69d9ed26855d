package policytest

import "errors"

// Causes that [errors.Is] matches. Every mistake in a cases file is a
// [*formula.Error] at its place, the one error type for places in the
// rules and the files beside them, wrapping one of these; a cell the
// roster reader refuses is reported with the reader's [*roster.ParseError]
// as its cause instead, so that errors.Is(err, roster.ErrBadDate) and the
// like work too.
var (
	// ErrSyntax: the file is not well-formed YAML, or is too large or too
	// deep, or has a field that does not exist, a value of the wrong kind,
	// or a case that could not fail.
	ErrSyntax = errors.New("cases syntax error")
	// ErrUnknownExample: a case starts from an example the file does not
	// define.
	ErrUnknownExample = errors.New("unknown example")
	// ErrDuplicate: two cases or two examples with one name, a column or a
	// waiver given twice.
	ErrDuplicate = errors.New("duplicate name")
)
