package classify

import "errors"

// Causes that [errors.Is] matches on an error of this package. Every error
// of this package is a [*formula.Error], the one error type for places in
// rules: it names the file, line and column when the rules were read from
// one, the rule, and for [ErrRuntime] the record.
var (
	// ErrInvalid: rules that break an invariant (an id of the wrong form,
	// a rule without a name or a reason, a sub-kind on a rule that is not
	// G3, yields outside groups, a when on the otherwise rule, a missing
	// otherwise rule), or a classifier that is not ready, or no facts.
	ErrInvalid = errors.New("invalid classification rules")
	// ErrUnknownGroup: a group or outcome that is not in its set, or not
	// allowed where it stands (an outcome under groups, a group under
	// screens).
	ErrUnknownGroup = errors.New("unknown group")
	// ErrDuplicateID: a rule id used twice.
	ErrDuplicateID = errors.New("duplicate rule id")
	// ErrPriority: a priority that does not list each of the four groups
	// once.
	ErrPriority = errors.New("bad priority")
	// ErrFormula: a formula that does not compile: bad syntax, a misspelt
	// field, a result that is not a boolean, a read of something a
	// classification may not depend on. It is joined with the formula
	// package's cause (formula.ErrSyntax, formula.ErrType, formula.ErrRefused).
	ErrFormula = errors.New("classification formula error")
	// ErrRuntime: a formula failed on one record (an index past the end of
	// a list, a division by zero); joined with formula.ErrRuntime.
	ErrRuntime = errors.New("classification formula failed")
)
