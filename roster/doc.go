// Package roster is the registration record of a new social strata person
// (the Annex 2 登记表 of the notice) and what every stage needs to read it:
// its fields, its codes, its validation and the reading of rosters.
//
// A [Record] holds what a unit knows about one person: identity, politics,
// education, work, posts, awards and training, and the facts behind the
// qualification conditions and the index system. Its closed
// sets carry the codes and Chinese labels of the national standards: [Sex]
// (GB/T 2261.1), [Ethnicity] (GB/T 3304), [Politics] (GB/T 4762),
// [Education] (GB/T 4658), [Degree] (GB/T 6864), and the sets of the
// notice itself ([Group], [Subkind], [Grade]). A [Jurisdiction] is
// the city and its county-level units, as data; [Nanning] is the default.
// [Record.Facts] is the view of a record that rule formulas read.
//
// # Why a package of its own
//
// roster is the vocabulary every stage imports: classify, qualify,
// evaluate, tier and report all read a Record and none of them imports
// another to do so. What was concluded last round (the list a person sat
// on, the last evaluation) is not on the record: the tier stage keeps that
// registry.
//
// # Validation
//
// [NewValidator] builds a [Validator] for one jurisdiction and one
// assessment date; [Validator.Validate] returns nil or a [*RecordError]
// that lists every problem of the record at once, field by field in the
// order of the form, each with a message in Chinese and in English:
//
//	记录 NN-000123：公民身份号码校验码不符 (citizen ID check character does not match)
//
// A record is named by its registration number (or, through
// [Validator.ValidateAt], by its place in a batch), never by its citizen
// ID; messages quote no personal data. [ParseCitizenID] reads a GB 11643
// citizen ID on its own. Errors wrap causes that [errors.Is] matches:
// [ErrInvalidRecord] for a record, [ErrCitizenID] for a citizen ID,
// [ErrUnknownCode] and [ErrBadDate] for a code or a date that cannot be
// read, [ErrJurisdiction] for a jurisdiction that cannot be used.
//
// # Reading rosters
//
// A [Reader] reads records from a roster in CSV, one row per person, with
// the form's column titles as its header ([Headers]); the format is
// described on [Reader]. Every row ends up a record, a [*ParseError] at its
// line and column, or a blank row, and reading goes on past bad rows. A
// [Writer] writes the same format, so rosters round-trip exactly.
//
// # Zero values and concurrency
//
// The zero value of every closed set means "not filled in" and is not
// Valid; the zero [Date] is a date not filled in, and a Date whose Day is 0
// is a month. The zero Record is an empty form, which Validate refuses
// field by field. A Record is a plain value: copy it freely and share it
// read-only between goroutines. A Validator is immutable once built (it
// keeps its own copy of the jurisdiction) and safe for concurrent use; so
// is a Jurisdiction as long as no one changes it. Nothing in this package
// keeps global state, reads the clock or opens a file.
package roster
