// Package formula compiles the rule formulas of classify, qualify and
// evaluate: expr-lang/expr expressions over [roster.Facts].
//
// An [Env] is configured once (the inputs a policy declares, the
// functions it may call) and compiles each formula up front: parse, type
// check against the Facts struct, check the result type (a boolean for a
// predicate, a number for points), refuse anything beyond the record's own
// data (the wall clock, the whole environment, undeclared inputs, unknown
// names) and bound its size. The [Program] it returns does no parsing when
// it runs and is safe for concurrent use; it keeps a pool of expr VMs.
//
// Numbers are exact: int and decimal.Decimal values, and float literals
// written in a formula, combine under +, -, *, / and comparisons as
// shopspring/decimal values, never as float64, so 0.1 + 0.2 is 0.3 and a
// total of 59.995 never turns into 59.99 by accident. Division of two ints
// gives a decimal (hours / 4 is 2.5), rounded to [DivisionScale] places, and
// a result is settled to 12 places before the policy rounds it, so that
// 0.025 / 3 * 3 is 0.025 again. What would still compute in floats is
// refused when the formula compiles: powers (** and ^), expr's float
// builtins (mean, median, float, round, ceil, floor, fromJSON, reduce), sum
// over anything but whole numbers, arithmetic, comparisons and in on values
// whose type cannot be known (a ? 12 : Donations; write decimal(12)), in on
// a decimal, and literals with more digits than a float64 keeps. Comparisons,
// min, max, clamp and step see the settled value too. Whole-number +, - and
// * stay whole and fail on a record rather than wrap around on overflow
// (sum over whole numbers is expr's own and does not check; the form's
// counts are bounded far below where it could wrap). Branches of ?: and ??
// that are numbers of two types become decimals (a ? 1 : 0.5). A
// rule's result must be of its kind on every branch, checked at compile
// time.
//
// Errors are [*Error] values: they name the policy, the rule, the
// file, line and column, keep expr's snippet with its caret, and wrap one of
// the sentinels [ErrSyntax], [ErrType], [ErrRefused] or [ErrRuntime].
//
// # Why this package stands apart
//
// A jurisdiction's policy is one environment in which every stage's rules
// are compiled: the classification rules ([classify]), the qualification
// conditions ([qualify]) and the index system ([evaluate]) read the same
// record through the same functions, so that a formula means the same thing
// in every stage. Each stage compiles its own rules against the [Env] its
// policy gives it; a jurisdiction that builds its rules in Go makes one with
// [NewEnv]. [Position] and [Error] are the one place-and-message pair every
// rule source uses. An Env and a Program are immutable and safe for
// concurrent use.
//
// [classify]: https://pkg.go.dev/github.com/newstrata/newstrata/classify
// [qualify]: https://pkg.go.dev/github.com/newstrata/newstrata/qualify
// [evaluate]: https://pkg.go.dev/github.com/newstrata/newstrata/evaluate
package formula
