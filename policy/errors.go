package policy

import (
	"errors"
	"fmt"
	"strings"
)

// Causes that [errors.Is] matches.
var (
	// ErrSyntax: the file is not well-formed YAML, or has a field of the
	// wrong type or one that does not exist.
	ErrSyntax = errors.New("policy syntax error")
	// ErrInvalid: the policy breaks an invariant (points that do not add
	// up, grade bands with a gap, a duplicate id ...).
	ErrInvalid = errors.New("invalid policy")
	// ErrUnknownID: an overlay changes or disables an id that does not exist.
	ErrUnknownID = errors.New("unknown id")
	// ErrFormula: a formula does not compile.
	ErrFormula = errors.New("formula error")
	// ErrExtends: an extends chain that is broken, cyclic or that reaches
	// into another unit's policy.
	ErrExtends = errors.New("bad extends")
	// ErrNoPolicy: no policy is in force for the unit on the date.
	ErrNoPolicy = errors.New("no policy in force")
	// ErrInput: a record's declared input is missing, of the wrong type or
	// out of its range.
	ErrInput = errors.New("bad input")
)

// Error is one thing wrong with a policy, at a place in its file.
type Error struct {
	Position
	Policy  string // the policy's id
	Message string
	// Snippet is the offending line with a caret, for formula errors.
	Snippet string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	if s := e.Position.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Policy != "" {
		fmt.Fprintf(&b, "policy %s: ", e.Policy)
	}
	b.WriteString(e.Message)
	b.WriteString(e.Snippet)
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// problems collects the errors of one load, so that a clerk sees them all.
type problems struct {
	policy string
	errs   []error
}

func (p *problems) add(at Position, cause error, format string, args ...any) {
	p.errs = append(p.errs, &Error{Position: at, Policy: p.policy, Message: fmt.Sprintf(format, args...), Err: cause})
}

func (p *problems) err() error { return errors.Join(p.errs...) }
