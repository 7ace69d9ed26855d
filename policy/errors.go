package policy

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/formula"
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
	// ErrLocked: a county-district's file does what the city keeps for
	// itself; the error also wraps the [Lock] it broke (errors.As).
	ErrLocked = errors.New("locked by the city")
)

// problems collects the errors of one load, so that a clerk sees them all.
type problems struct {
	policy string
	errs   []error
}

// add records a problem at at. zh and en are the formats of its Chinese and
// English text, both given args; zh may take them out of order ("%[2]s").
func (p *problems) add(at formula.Position, cause error, zh, en string, args ...any) {
	p.addText(at, cause, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...))
}

// addText records a problem at at with its Chinese and English text.
func (p *problems) addText(at formula.Position, cause error, zh, en string) {
	p.errs = append(p.errs, &formula.Error{Position: at, Policy: p.policy, MessageZH: zh, Message: en, Err: cause})
}

// bilingual is an error whose text is Chinese first, then English in
// parentheses.
type bilingual struct{ zh, en string }

func (e *bilingual) Error() string { return e.zh + " (" + e.en + ")" }

// texts returns the Chinese and English text of err; an error that is not
// [bilingual] has its one text for both.
func texts(err error) (zh, en string) {
	var b *bilingual
	if errors.As(err, &b) {
		return b.zh, b.en
	}
	return err.Error(), err.Error()
}

// errorf returns a [bilingual] error; zh and en are formats of args.
func errorf(zh, en string, args ...any) error {
	return &bilingual{zh: fmt.Sprintf(zh, args...), en: fmt.Sprintf(en, args...)}
}

func (p *problems) err() error { return errors.Join(p.errs...) }

// join records the errors err joins, one by one, so that a report stays
// flat.
func (p *problems) join(err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		p.errs = append(p.errs, j.Unwrap()...)
		return
	}
	if err != nil {
		p.errs = append(p.errs, err)
	}
}
