// Package newstrata certifies representatives of the new social strata
// (新的社会阶层代表人士) by a city's rules: the Nanning notice of 2 April 2019
// and its annexes, with each county-district free to customise them.
//
// # The flow
//
// A registration record ([roster.Record], the Annex 2 form) goes through
// five stages, each a package of its own that can also be used alone:
//
//  1. [classify] puts the person in one of the four groups (G1 private and
//     foreign-invested enterprise staff, G2 intermediary and social
//     organisation staff, G3 freelancers in six sub-kinds, G4 new media),
//     with overlaps kept as secondary groups, or says the person is not new
//     social strata, or that it cannot tell and why.
//  2. [qualify] checks the qualification conditions (Annex 4): hard ones
//     fail the person, soft ones may be waived with a recorded reason.
//  3. [evaluate] scores the comprehensive evaluation index system (Annex 3)
//     exactly, applies bonuses and vetoes, grades A to D (D is removed from
//     the database) and explains every point.
//  4. tier keeps 200 on the city's list and 50 on each county-district's,
//     every group represented, round after round.
//  5. report fills in the two forms reported upward: the Annex 1 summary
//     table and the Annex 2 registration form.
//
// The tier and report stages are the next to be built; the stages above
// them are complete.
//
// # Rules are data
//
// The classification rules, conditions, indicators, bonuses, vetoes and
// grade bands are a [policy.Document]: YAML a county clerk can edit, or Go
// values. Annexes 3
// and 4 were never published, so the baseline that ships embedded
// ([policy.Baseline]) is a reference version built from comparable public
// schemes, never logic wired into Go; a county-district
// overlays it (extends) to change weights and formulas, add indicators that
// read inputs of its own, change grade cut-offs, add conditions or change
// its classification rules, within what the city locks. Formulas are
// expr-lang/expr expressions over [roster.Facts], compiled once when a
// policy loads, with exact decimal arithmetic. A county keeps test cases
// beside its overlay, in YAML keyed by the form's column titles, and runs
// them from go test with [policytest].
//
// # This package
//
// [Assessor] wires the stages for a batch: it picks the policy in force
// for the record's unit on the assessment date, classifies by that
// policy's classification rules, qualifies and evaluates, accounts for every record it is given and goes on past bad
// ones. [Assessor.Compare] runs two policies over a roster and lists who
// changes qualification, grade, status or total, so that a county sees the
// effect of an overlay before adopting it. An Assessor is immutable and
// safe for concurrent use; the zero [Config] gives Nanning with the
// baseline rules, and the jurisdiction is always the one the policies were
// loaded for. Long calls take a context.Context and stop when it is
// cancelled, saying how far they got; a nil or zero value is an error
// ([ErrNotReady]), never a panic.
//
// Nothing in the library opens a file, reads the clock or keeps global
// state: the assessment date is an argument, data comes in as values,
// []byte, io.Reader or fs.FS. Errors are sentinels for causes (errors.Is)
// and typed values for places (errors.As): a record's error names its
// registration number and field, never its citizen ID; a rule's error
// names its file, line and column.
package newstrata
