// Package formula compiles the rule formulas of classify, qualify and
// evaluate: expr-lang/expr expressions over [roster.Facts].
//
// An [Env] is configured once (the inputs a policy declares, the
// functions it may call) and compiles each formula up front: parse, type
// check against the Facts struct, check the result type (a boolean for a
// predicate, a number for points), refuse anything beyond the record's own
// data (the wall clock, the whole environment, undeclared inputs, unknown
// names, who a person is) and bound its size and its cost. The [Program] it returns does no parsing when
// it runs and is safe for concurrent use.
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
// # What a formula may cost
//
// A county's policy file is input like any other: no formula, whatever its
// text, may hang a batch, exhaust memory or single a person out. Compile
// checks, in this order:
//
//   - the text, before expr's parser sees it (which descends once per
//     bracket or unary operator and keeps every literal): at most
//     [Config].MaxSource bytes ([DefaultMaxSource], 4096), brackets and
//     unary operators nested at most MaxDepth deep ([DefaultMaxDepth], 32),
//     no string literal over MaxLiteral bytes ([DefaultMaxLiteral], 1024);
//   - what no rule needs and some abuse: the fields that name a person
//     (Key, the registration number, is the one [roster.Facts] holds; Name,
//     CitizenID and Phone are named too, so that the refusal says why),
//     keys, values and toPairs and any walk over a map (Go gives a map's
//     entries in a random order, so one record would get two answers),
//     ranges a..b whose ends are not whole-number constants, repeat with a
//     count that is not one, builtins the estimate does not know, and
//     number literals of 1e18 or more or under 1e-16 (exact decimals keep
//     every digit, and products of products double them);
//   - a worst-case cost estimated on the parse, as cel-go's estimator does:
//     each node costs 1 plus the bytes, items or digits it makes or reads
//     through; a predicate (all, any, count, filter, map, sum, find ...)
//     costs its collection's length times its body, nested predicates
//     multiply; repeat(s, n) costs n times s; a + b on texts their lengths
//     together, on numbers the digits written; a constant range its length.
//     The lengths are those a record may have: each list at most MaxItems
//     ([DefaultMaxItems], 100; the form sets none), each text MaxText bytes
//     ([DefaultMaxText], 1024; the form's longest a formula can read is 100
//     characters), each int 19 digits, each decimal of the record 40. A
//     formula estimated over MaxCost ([DefaultMaxCost], 1,000,000, a few
//     milliseconds on one record) is refused with its estimate, at the
//     smallest part of it that is over; [Program.Cost] gives the estimate
//     of one that compiles.
//
// Free texts that describe a person's work (Employer, Occupation,
// Position) stay readable: the classification rules need them, though a
// rule could still aim at one employer; a reviewer reads the formula.
//
// When it runs, a [Program] first checks that the record is no larger,
// where the formula reads it, than its estimate assumed (a record with 101
// awards fails the formulas that read Awards) and keeps expr's memory
// budget ([Config].MemoryBudget); what expr allocates before it checks
// that budget (repeat's text) is no larger than the cost estimate allows.
//
// # How a formula runs
//
// expr is the formula language: its parser and checker, with the
// restrictions above, type-check every formula when its policy loads. The
// checked tree is then compiled once into typed Go closures: fields of
// [roster.Facts] read at their offsets, in lists and points and step
// tables turned into constants, numbers held as [Fixed] (a coefficient and
// an exponent in machine words, giving shopspring's coefficient and
// exponent for every operation: the same division places, the same
// half-away-from-zero rounding). A formula with a construct the closures
// do not cover (let, filter, map, ranges, a jurisdiction's own function)
// runs on expr's VM over shopspring decimals instead, and
// [Program.Native] says why. A run the closures cannot finish exactly (a
// number beyond 18 digits, a division by zero or an overflow, which the VM
// reports as an error) is handed to the VM for that run, and
// [Program.Fallbacks] counts it: the closures never round in a float and
// never give an answer the VM would not. A differential test and a fuzz
// target run random well-typed formulas over random records through both
// and require the same value, to the exponent, or the same error. A stage
// that runs many formulas on every record (classification's rules, the
// conditions, the indicators with the bonuses and vetoes) runs them as a
// [Stage]: the record's size is checked once against all their bounds and
// the closures run under one recover, giving what each program run alone
// gives, values, errors and fallbacks alike. A caller that keeps many values (one per formula and record, as a prepared
// roster for comparing policies does) keeps them in a [Column]: machine
// words in a block the garbage collector does not scan.
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
