// Package qualify checks a person against a jurisdiction's qualification
// conditions (资格条件, Annex 4 of the Nanning notice) and records, for
// each condition, whether it was met, failed or waived, and why.
//
// # Where it sits
//
// A record goes classify → qualify → evaluate, then onto the lists and the
// forms (see the root package). [classify] gives the group, which the
// baseline's first condition reads; qualify decides who may be a
// representative at all; [evaluate] scores and grades those who may.
//
// The conditions are data ([Condition]: id, name, [Kind], formula, the
// reason a clerk reads); a jurisdiction's policy holds them, and [Compile]
// turns them, against the policy's formula environment ([formula.Env]),
// into [Conditions]: every formula parsed and type-checked once, so
// checking parses nothing. [Conditions.Check] runs them on a record's
// facts, which come from the policy (binding the inputs it declares beyond
// the form) with their group given by classification. A comparison of
// two policies runs the compiled formulas themselves ([Conditions.All]).
//
// # Hard and soft conditions, and waivers
//
// A hard condition ([Hard]: the baseline's group, political
// reliability, non-CPC, years in the field, local, law-abiding,
// representative) that fails fails the person. A soft one ([Soft]:
// the baseline's age 25–60 and education or title) fails too, unless the
// approving unit waives it (特别优秀的可适当放宽): a [Waiver] names the
// condition, the reason, the unit that granted it and the day, which the
// result keeps and its verdict gives ([Verdict].Waiver), with the reason
// in place of the failure's.
//
// Waivers are checked before any condition runs. A waiver of a hard
// condition, of a condition the policy does not have, without a reason
// (white space is no reason), without the granting unit or day, dated
// after the assessment date, or a second one for the same condition is
// an [*Error] wrapping [ErrWaiver], and no result is given: a waiver that
// cannot be granted is a mistake to correct, never silently dropped. A
// waiver of a condition that is met is not recorded, since nothing was
// waived.
//
// # Results
//
// A [Result] gives every condition in the policy's order
// ([Result.Verdicts]: each a [Verdict] with id, name, kind, [Outcome],
// reason and waiver). Qualified is true when every hard condition is met
// and every soft one is met or waived; [Result.Failures] lists those that
// failed. A failed condition's reason is the policy's sentence for the
// clerk ("不符合：" and the condition's name when the policy has none), a
// waived one's the waiver's. The result carries the policy's id and
// fingerprint and the assessment date, so that it can be reproduced under
// the same rules.
//
// # Compact results, verdicts on demand
//
// A [Result] from Check keeps, besides its key, policy, fingerprint, date
// and Qualified, the compiled [Conditions] it was checked against, which
// conditions held (one bit each, in a machine word for a policy of up to
// 64 conditions) and the waivers used, usually none. [Result.Verdicts],
// [Result.Failures], [Result.Explain] and the JSON work the verdicts out
// from these when they are called, and give what Check would have given
// had it built them: a batch that only counts who qualified pays for no
// verdict, and Check allocates the Result alone unless a waiver is used.
// Verdicts works them out on every call and the caller may keep or change
// what it gets.
//
// A condition whose formula fails on one record gives an [*Error] naming
// the record's key and the condition, wrapping the formula's error with its
// position and snippet; a batch reports it and goes on.
//
// # JSON
//
// A [Result] marshals as {"key", "policy", "fingerprint", "as_of",
// "qualified", "conditions"}, the conditions as [Result.Verdicts] gives
// them, and reads back what it wrote: a result read back has no conditions
// to work its verdicts out from, so it carries them as written, and
// Verdicts gives a copy of them. Each [Verdict] is written as {"id",
// "name", "kind", "outcome", "reason", "waiver"}, kind and outcome as
// {"code", "label"} (hard, soft; met, failed, waived), the reason null
// when met, the [Waiver] null but for a waived condition and otherwise
// {"condition", "reason", "approved_by", "date"}. Dates are
// 2006-01-02, an empty list is []. A [Kind] on its own keeps its plain text
// ("hard"), since a policy document holds it and a policy's fingerprint is
// taken over the document's JSON.
//
// # Concurrency and zero values
//
// [Conditions] are immutable: Check reads them, the facts and the waivers,
// changes none of them, and returns a new [Result], so one policy's
// conditions may check any number of records from any number of goroutines
// at once. Nil Conditions check nothing: their methods return [ErrNoInput].
//
// The zero [Result] is no check: Qualified is false and there are no
// verdicts. A Result made by hand has none either (Verdicts and Failures
// give nil), and a nil *Result gives nil and explains as the zero one.
// The zero [Outcome] is not a result and prints as Outcome(0); the zero
// [Waiver] waives nothing and is refused.
//
// [classify]: https://pkg.go.dev/github.com/newstrata/newstrata/classify
// [evaluate]: https://pkg.go.dev/github.com/newstrata/newstrata/evaluate
package qualify
