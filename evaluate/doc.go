// Package evaluate is the comprehensive evaluation (综合评价, Annex 3 of the
// Nanning notice): it scores one person under a jurisdiction's index system,
// applies bonuses and vetoes, gives the grade, and says what the person
// would need for the next grade up.
//
// # Where it sits
//
// A record goes classify → qualify → evaluate, then onto the lists and the
// forms (see the root package). [classify] gives the group that some
// indicators read (the baseline's 行业影响力 scores new-media people, G4,
// by followers and everyone else by the industry rating); [qualify] says
// whether the person may be a representative at all; evaluate scores and
// grades, and grade D is removed from the database.
//
// # The stage owns its types and its engine
//
// The index system is a [Scheme]: first-level [Indicator] values with their
// second-level ones, [Bonus] and [Veto] rules, the grade bands ([Band],
// [Grade]: A to D) and the [Rounding] rule. A jurisdiction's policy holds
// one inline (package policy reads it from YAML, overlays it and checks its
// invariants) and compiles it with [Compile] against the policy's formula
// environment ([formula.Env]) into an [Evaluator]: every formula parsed
// and type-checked once, so evaluating parses nothing. The facts come from
// the policy (which binds the inputs it declares beyond the form), with
// their group given by classification.
//
// [Evaluator.Evaluate] scores a record with every explanation. A caller
// that needs only the standing of many records under two policies — the
// impact of an overlay — runs the two steps apart: [Evaluator.Measure]
// gives the formulas' raw values ([Raw]) (or the caller runs the programs
// [Evaluator.Rules] lists, keeping values two policies share), and
// [Evaluator.Score] turns raw values into total, grade and removal exactly
// as Evaluate does. Score is itself two steps: [Evaluator.Earn] caps and
// rounds one raw value (what it gives depends on the value, the rule's
// [Evaluator.Cap] and the scheme's rounding alone, so a caller can keep
// earned points across policies that change only weights), and
// [Evaluator.Settle] adds up earned points and grades the total.
//
// # Scoring
//
// All arithmetic is exact decimal, in the formulas and here: a
// [formula.Fixed] (a decimal in machine words, which falls back to
// shopspring's [decimal.Decimal] for a number too large for them) for raw
// values and the total, decimal.Decimal for the parts explained; no score ever passes through a float, so 0.1 + 0.2 is 0.3 and
// 1.005 rounds to 1.01.
//
//   - Each second-level indicator's formula gives a raw value
//     ([IndicatorScore].Raw). It is capped to 0..Points first, then rounded by
//     the policy's rule (baseline: 2 places, HALF_UP, so 0.005 → 0.01 and
//     1.665 → 1.67). Lost is what the person could still earn there.
//   - A [DimensionScore] (first-level indicator) scores the sum of its rounded
//     indicators; [Result.Subtotal] is the sum of the dimensions.
//   - Each bonus is capped at its points and rounded the same way;
//     [Result.Bonuses] lists those that gave points and [Result.Bonus] is
//     their sum. Total is the subtotal plus the bonus capped at the
//     policy's total, so a bonus never lifts a score above 100.
//   - Vetoes (一票否决) that hold are listed by [Result.Vetoes] and make
//     Vetoed true; any one of them gives the policy's veto grade (D)
//     whatever the score. The score is still reported.
//   - Otherwise the grade is the band Total falls in ([Evaluator.Grade]:
//     from included, to excluded, the top band including the total; the
//     baseline's A ≥ 90, B 80–<90, C 60–<80, D < 60). Removed is true for
//     a grade whose holders leave the database.
//   - [Result.Gap], when there is a grade above and no veto, is the distance to the
//     next band up; its Levers are the indicators with points still to
//     earn, most first (policy order among equals), and Closes marks those
//     that alone could close the gap.
//
// Every indicator shows the record's values its formula read
// ([formula.Reading]), and every [Result] carries the policy's id and
// fingerprint, so that a result can be explained to the person and
// reproduced later under the same rules.
//
// # Compact results, explanations on demand
//
// A [Result] keeps the total, the grade, the formulas' raw values as
// [formula.Fixed] numbers (in one allocation with the result, none per
// indicator) and the facts it was given. [Result.Dimensions],
// [Result.Bonuses], [Result.Vetoes], [Result.Gap] and [Result.Explain]
// work the rest out from these and the evaluator when they are called,
// and give what they would have given had Evaluate worked them out: a
// batch that only ranks people pays for no explanation. The formulas run
// as compiled closures over exact fixed point (package formula), and the
// caps, rounding and sums of this package run on the same numbers.
//
// # Errors
//
// A formula that fails on one record (a division by zero, a missing
// input) gives an [*Error] that names the record's key and the rule and
// wraps the formula's error, whose message has the position and the
// snippet with a caret; [errors.As] finds the [*Error]. Nothing is shared
// between calls, so a batch reports the record and goes on with the next.
//
// # JSON
//
// A [Result] marshals as {"key", "policy", "fingerprint", "as_of",
// "dimensions", "subtotal", "bonuses", "bonus", "total", "vetoes", "grade",
// "removed", "gap"} and reads back what it wrote, as do its parts
// ([DimensionScore], [IndicatorScore] with the values its formula read,
// [BonusScore], [VetoHeld], [Gap], [Lever]). Points and scores are strings
// that hold the exact value with at least two places ("85.50", "7.125"),
// never JSON numbers; grades are {"code": "B", "label": "B级"}, null when
// not graded; the date is 2006-01-02; an empty list is [] and a missing gap
// null. A [Grade] on its own keeps its plain text ("B级"), since a policy
// document holds it and a policy's fingerprint is taken over the
// document's JSON.
//
// # Concurrency and zero values
//
// An [Evaluator] is immutable: [Evaluator.Evaluate] reads it and the facts,
// changes neither, and returns a new [Result], so one evaluator may score
// any number of records from any number of goroutines at once. A [Raw] is
// the caller's and is not shared. The zero Evaluator scores nothing: its
// methods return [ErrNoInput].
//
// The zero [Result] is no evaluation: its Grade is the zero [Grade]
// (not graded), its Total is 0 and its methods give nil and 0. In a Result
// from Evaluate, nil Bonuses and Vetoes mean none applied and a nil Gap
// means the top grade or a veto.
//
// [classify]: https://pkg.go.dev/github.com/newstrata/newstrata/classify
// [qualify]: https://pkg.go.dev/github.com/newstrata/newstrata/qualify
package evaluate
