// Package newstrata certifies representatives of the new social strata
// (新的社会阶层代表人士) by a city's rules: the Nanning notice of 2 April 2019
// and its annexes, with each county-district free to customise them.
//
// # The flow
//
// A registration record ([roster.Record], the Annex 2 form) goes through
// the stages, each a package of its own that can also be used alone and
// that owns the types it decides:
//
//  1. [classify] puts the person in one of the four groups
//     ([classify.Group]: G1 private and foreign-invested enterprise staff,
//     G2 intermediary and social organisation staff, G3 freelancers in six
//     sub-kinds, G4 new media), with overlaps kept as secondary groups, or
//     says the person is not new social strata, or that it cannot tell and
//     why. It gives the facts the group that the later stages read.
//  2. [qualify] checks the qualification conditions (Annex 4): hard ones
//     fail the person, soft ones may be waived, with the reason, the unit
//     that granted the waiver and the day.
//  3. [evaluate] scores the comprehensive evaluation index system (Annex 3)
//     exactly, applies bonuses and vetoes, grades A to D
//     ([evaluate.Grade]; D is removed from the database) and explains every
//     point.
//  4. [tier] keeps 200 on the city's list and 50 on each
//     county-district's, every group represented, chosen provably best
//     under the lists section of the city's policy; the city list ranks
//     by the city's scores, a county's list by the county's.
//  5. report (next to be built) fills in the two forms reported upward:
//     the Annex 1 summary table and the Annex 2 registration form.
//
// # Rules are data
//
// A jurisdiction's rules for one version are one [policy.Document]: the
// classification rules, the conditions, the index system with its bonuses,
// vetoes, grade bands and rounding, and the locks the city puts on its
// county-districts — YAML a county clerk can edit, or Go values. Annexes 3
// and 4 were never published, so the baseline that ships embedded
// ([policy.Baseline]) is a reference version built from comparable public
// schemes, never logic wired into Go. A county-district overlays the
// city's policy (extends) to change weights and formulas, add indicators
// that read inputs of its own, change grade cut-offs, add conditions or
// change its classification rules, within what the city's locks leave it;
// who hands a file in is the caller's word, never the file's. Formulas are
// expr-lang/expr expressions over [roster.Facts] ([formula]), compiled once
// when a policy loads, with exact decimal arithmetic and a cost bound. A
// county keeps test cases beside its overlay, in YAML keyed by the form's
// column titles, and runs them from go test with [policytest].
//
// # The layout
//
// The import graph runs one way, down the flow (a test keeps it so):
//
//	roster            the record, its codes and units, validation, the CSV form
//	formula           the rule language: one environment per policy, positions, the one error type
//	internal/yamlsrc  the one decoder of rule files
//	internal/jsonwire the pieces of the results' JSON model: {code, label}, exact numbers, dates
//	classify qualify evaluate   the stages: each its types, its rules as data, its compiled engine
//	tier              the lists
//	policy            one document per jurisdiction and version: composes the stages' rules,
//	                  overlays, the city's locks, versions by date, Diff, fingerprint
//	newstrata         the front door; policytest, the county's test cases
//
// A package imports only packages above it in this list. internal/synth,
// the seeded generator of the sample roster, is imported by tests, its own
// command and internal/million, the program that takes a million generated
// records through the front door and prints records/s and peak memory.
//
// # This package
//
// [Assessor] wires the stages for a batch: it picks the policy in force
// for the record's unit on the assessment date, classifies by that
// policy's classification rules, qualifies and evaluates, accounts for
// every record it is given (a [Batch] of assessments and rejections, each
// with its place) and goes on past bad ones. [Assessor.Stream] does the
// same for records that come as an iter.Seq, one at a time, so that a
// roster of any size is never held whole; AssessAll collects what it
// yields:
//
//	s, err := a.Stream(ctx, records, asOf, waivers) // records: iter.Seq[*roster.Record]
//	if err != nil { ... }
//	for as, rej := range s.All() { // in the order given; one of the two is nil
//		...
//	}
//	if err := s.Err(); err != nil { ... } // cancelled: after how many records
//	sum := s.Summary()                    // counts, unmatched waivers, undeclared inputs
//
// A batch runs on a bounded pool of workers (one per processor, or
// [Config].Workers), at most 256 records a worker ahead of the loop that
// takes the outcomes, and its outcome does not depend on their number or
// on the order of the records: the same assessments, byte for byte in
// their explanations. What depends on the order (the first record with a
// registration number or a citizen ID keeps it) is decided in order,
// keeping only the keys and IDs. [Config].Progress hears how far a batch
// has got.
//
// [Assessor.Round] runs a round of dynamic management: it assesses a
// roster, under the city's policy too when a unit has its own, and turns
// the previous [tier.Registry] into the next with a change list, each list
// ranked by its own policy's scores. [Assessor.Compare] runs two
// policies over a roster made ready by [Assessor.Prepare] and counts who
// changes qualification, grade, status or total ([Impact]: a [Tally]
// before and after), running each stage's two steps so that a formula the
// two share runs once; the [Prepared] roster keeps what each Compare
// worked out (down to each record's standing under each policy), so that
// a what-if on it runs only what changed, and one that changes weights
// alone is scored column by column from the points kept. An Assessor is
// immutable and safe for concurrent use; the zero [Config] gives Nanning
// with the embedded baseline, and the jurisdiction is always the one the
// policies were loaded for. Long calls take a context.Context and stop
// promptly when it is cancelled, saying how far they got, and return only
// once their workers have; a nil or zero value is an error
// ([ErrNotReady]), never a panic.
//
// # JSON
//
// A [Batch] and everything in it marshal to one JSON model and read back
// from it: {"assessments", "rejected", "unmatched_waivers",
// "undeclared"}, each [Assessment] with its stages' results in their
// packages' models. Names are snake_case; closed sets are {"code",
// "label"} ({"code": "G1", "label": "民营企业和外商投资企业管理技术人员"},
// {"code": "candidate", "label": "入库候选"}); exact numbers are strings
// with at least two places ("81.50"); dates are 2006-01-02; what is
// absent is null and an empty list []. A rejection's error is an
// [ErrorJSON]: a stable code for its cause (invalid_record, duplicate_key,
// formula_failed ...), the record, field, rule and place it names, and its
// message in Chinese, in English and whole; read back, it prints the same
// message and matches the same sentinel with errors.Is. The report forms
// (package report) and the registry (package tier) write the same shapes.
//
// Nothing in the library opens a file, reads the clock or keeps global
// state: the assessment date is an argument, data comes in as values,
// []byte, io.Reader or fs.FS. Errors are sentinels for causes (errors.Is)
// and typed values for places (errors.As): a record's error names its
// registration number and field, never its citizen ID or a cell's value; a
// rule's error is a [formula.Error] naming its file, line and column.
package newstrata
