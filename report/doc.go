// Package report fills in the two forms the Nanning notice of 2 April 2019
// asks every unit to report upward, and renders them: Annex 1, the
// summary table (新的社会阶层人士分级分类管理汇总表, [Summary]), and Annex 2,
// one registration form per representative (新的社会阶层代表人士分级分类管理
// 登记表, [Registration]). It is the last stage of the flow, after tier.
//
// # Values, then renderers
//
// [NewSummary] and [NewRegistrations] build the forms as values: rows and
// cells, counts as ints, scores as exact decimals, dates as
// [roster.Date]; they do no I/O. Each form then writes itself to an
// io.Writer as CSV (UTF-8 with a byte-order mark, so that Excel and WPS
// show Chinese), JSON (snake_case names that do not change, closed sets
// as {"code", "label"}, scores as strings that keep their places, ISO
// dates, null for what is not filled in, [] for an empty list), Markdown
// and HTML (one self-contained page: no script, style sheet or font
// fetched from elsewhere; the summary with inline SVG charts of the
// grades per unit, the score histogram with the grade cut lines and the
// group mix per list; A4 for print). Package [xlsx] writes both forms to
// an Excel workbook laid out as the printed forms, for the clerks who
// print, sign and stamp them.
//
// # Inputs
//
// A [Source] is the round's assessments ([Person]: the record, the
// classification, the evaluation), the database after the round
// ([tier.Registry], from [tier.Round]), the jurisdiction (its units give
// the summary's rows), the reporting unit and date, and the policy's
// grade bands for the histogram. The front door's assessment maps onto
// a Person field for field, with the record the batch was given:
//
//	p := report.Person{
//		Record:         records[a.Index],
//		Classification: a.Classification,
//		Evaluation:     a.Evaluation,
//	}
//
// Who is a representative, on which list and with which grade is the
// registry's word, never recomputed here. [NewSummary] says how each
// column is counted; in every row the representatives add up by group,
// by list and by grade, and the units' rows add up to the total.
//
// # Personal data
//
// Citizen IDs, phone numbers and postal addresses are masked in the forms'
// values, so in every format, as the record's field table masks them
// ([roster.Field.Mask]): 450102********123X, 138****5678, 广西南宁市青秀区****.
// Only [RevealPersonalData], named to be seen in review,
// keeps them whole. The summary holds no personal data; errors name a
// person by place and registration number, never by citizen ID.
//
// # Concurrency and zero values
//
// The builders read their Source and change nothing in it; they keep no
// state and are safe for concurrent use. A Summary or Registrations is a
// plain value: its Write methods only read it, so one value may be
// written by several goroutines at once, but not while it is changed. In
// a Source, a nil Jurisdiction is Nanning, a nil Registry the empty
// database (no representatives), the zero Date a date left blank for the
// hand, and nil Bands a histogram without cut lines. The zero [Code] is a
// closed set not filled in (null in JSON); a zero [RowKind] is not a row.
package report
