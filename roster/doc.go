// Package roster is the registration record of a new social strata person
// (the Annex 2 登记表 of the notice) and what every stage needs to read it:
// its fields, its codes, its validation and the reading of rosters.
//
// A [Record] holds what a unit knows about one person: identity, politics,
// education, work, posts, awards and training, and the facts behind the
// qualification conditions and the index system. Its closed sets carry the
// codes and Chinese labels of the national standards: [Sex] (GB/T 2261.1),
// [Ethnicity] (GB/T 3304), [Politics] (GB/T 4762), [Education] (GB/T
// 4658) and [Degree] (GB/T 6864). The groups and sub-kinds are classify's,
// the grades evaluate's: they are what those stages decide, and the facts
// carry a person's group as the text formulas read ([Facts].Group,
// [Facts].Subkind). [Record.Facts] is the view of a record that rule
// formulas read; [FactTitle] names each of its fields in a clerk's words
// (政治立场评价, 近三年培训学时) for explanations.
//
// # Units
//
// A [Jurisdiction] is the city, its units and its departments, as data;
// [Nanning] is the default, read from the embedded data/nanning.yaml.
// Units are the county-level units (GB/T 2260 codes) and the development
// zones (codes of the city's own, such as 4501A1): a record is kept by
// one of them ([Record.Unit]). Departments (市直部门, the notice's
// 各有关单位) recommend people by sector and keep no list and no record.
// A [UnitKind] says which is which: [UnitKind.KeepsList] for the
// county-districts the notice gives a list, [UnitKind.MayKeepList] for
// those and the zones. Whether a zone actually keeps a list is the
// policy's word (the list rules of tier), not the jurisdiction's.
//
// A record names who recommended the person ([Record.RecommendedBy]) by
// the code of a unit or a department; a [Reader] given the jurisdiction
// reads a name there as the code ([Jurisdiction.Find]). Names are dated:
// [Jurisdiction.UnitName] gives today's (横州市), and
// [Jurisdiction.UnitNameOn] the one in force on a day (横县 in 2019).
// [Jurisdiction.LevelLabel] writes a [Level] as the jurisdiction's
// clerks do: 自治区级 for the provincial level in Guangxi.
//
// # Why a package of its own
//
// roster is the vocabulary every stage imports: classify, qualify,
// evaluate, tier and report all read a Record and none of them imports
// another to do so. What was concluded last round (the list a person sat
// on, the last evaluation) is not on the record: the tier stage keeps that
// registry.
//
// # The form's fields
//
// Each field of the form is described once, as a [Field]: its title
// (从业年限), the other titles rosters give it (身份证号码 for 公民身份号码),
// the Record field it fills, what its cell holds (a code, a date, yes or
// no, a count, a decimal, a list, text) and how a cell is read and
// written. That one table drives the [Reader], the [Writer], [Headers],
// the field names in [Validator] messages, and [Field.Set] for a caller
// with one cell: [FieldByTitle] finds the field for a title, [Fields]
// lists them in the order of the form.
//
// # Validation
//
// [NewValidator] builds a [Validator] for one jurisdiction, once: the
// rules and their messages in two languages cost far more to set up than
// to run. [Validator.Validate] takes the assessment date of each call and
// returns nil or a [*RecordError] that lists every problem of the record
// at once, field by field in the order of the form, each with a message in
// Chinese and in English:
//
//	记录 NN-000123：公民身份号码校验码不符 (citizen ID check character does not match)
//
// [DuplicateIDs] finds one citizen ID under two registration numbers in a
// batch, and an [IDIndex] does so record by record, for a batch read as a
// stream and never held whole. [ParseCitizenID] reads a GB 11643 citizen
// ID on its own.
//
// Messages name the record (by its registration number, or through
// [Validator.ValidateAt] by its place in a batch), the field by its title
// and what the field should hold. They never repeat a value: not a cell,
// not a citizen ID, not a registration number that has the shape of one
// once white space, invisible characters and full-width digits are set
// aside ([LooksLikeCitizenID]). Errors wrap causes that [errors.Is]
// matches: [ErrInvalidRecord] for a record, [ErrCitizenID] for a citizen
// ID, [ErrDuplicateID] for an ID held twice, [ErrUnknownCode] and
// [ErrBadDate] for a code or a date that cannot be read, [ErrBadCell],
// [ErrHeader], [ErrUnknownColumn] and [ErrFormat] for a roster,
// [ErrJurisdiction] for a jurisdiction that cannot be used.
//
// # Personal data
//
// A Record prints masked: its String, every fmt verb and its default
// JSON show the citizen ID as 450102********123X, the phone number as
// 138****5678 and the postal address as its administrative divisions
// (广西南宁市青秀区****), and mask any other text that has the shape of a
// citizen ID. [MaskCitizenID], [MaskPhone] and [MaskAddress] are the
// masks; [Field.Personal] and [Field.Mask] let a form built from
// [Fields] mask the same cells. The fields themselves hold the whole
// values, and a [Writer] writes them whole.
//
// # Reading rosters
//
// A [Reader] reads records from a roster, one row per person, with the
// form's column titles as its header ([Headers]); the format is described
// on [Reader]. [NewReader] reads CSV as Excel and WPS save it on Chinese
// Windows: UTF-8 with or without a byte-order mark, GBK or GB18030, or
// UTF-16 ("Unicode 文本"), told from the bytes; a workbook, a PDF or an
// archive given as CSV is refused with what to do ([ErrFormat]).
// [NewRowReader] reads rows of cells from elsewhere through [Rows]: the
// subpackage roster/xlsx reads .xlsx workbooks so, and a program that
// reads only CSV does not link it. Either way the header is found below
// title rows ([Header]), each column is a form field, a county-district
// input declared in [Reader.Inputs], a column known to hold nothing (序号)
// or unknown and reported once ([ErrUnknownColumn]), and the values a
// spreadsheet writes (1985年3月, a date serial, 汉 for 汉族, 1 for 01,
// 113,811) are read; those it spoils (an ID in scientific notation) are
// refused saying what the spreadsheet did. Every row ends up a record, a
// [*ParseError] at its line and column, a blank row or a row of totals,
// and reading goes on past bad rows. A [Writer] writes CSV in UTF-8, so
// rosters round-trip exactly.
//
// # Zero values and concurrency
//
// The zero value of every closed set means "not filled in" and is not
// Valid; the zero [Date] is a date not filled in, and a Date whose Day is 0
// is a month. The zero Record is an empty form, which Validate refuses
// field by field. The zero Field, Validator, Reader and Writer cannot be
// used: get them from [FieldByTitle], [NewValidator], [NewReader] (or
// [NewRowReader]) and [NewWriter]. A Record is a plain value: copy it freely and share it
// read-only between goroutines. A *Field is immutable. A Validator is
// immutable once built (it keeps its own copy of the jurisdiction) and
// safe for concurrent use, on any number of dates; so is a Jurisdiction as
// long as no one changes it. A Reader or a Writer is for one goroutine.
// Nothing in this package keeps global state, reads the clock or opens a
// file.
package roster
