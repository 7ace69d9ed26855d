// Package xlsx writes the two forms of package report, the Annex 1
// summary and the Annex 2 registration forms, to an Excel workbook with
// github.com/xuri/excelize/v2 (pure Go, no Excel needed).
//
// Why a workbook: the official form is printed, signed and stamped. The
// clerks who do it work in Excel or WPS, so [Write] lays each sheet out
// as the printed form: a title row, merged header cells, column widths,
// frozen headers, A4 fitted to the page width (landscape for the
// summary's many columns, portrait for a registration form, as such
// forms are printed), the header rows repeated on every page and
// 第 N 页，共 M 页 in the footer; under the summary, 填报单位（盖章）,
// 填报人, 联系电话 and 填报日期 to fill in; on each registration form the
// boxes 所在单位意见, 县区委统战部意见 and 市委统战部意见 to sign, and
// 填表日期. One sheet per form: 汇总表 first, then one sheet per
// registration form, named by its registration number. It is a package of
// its own so that a program that needs only CSV, JSON or HTML does not
// link a spreadsheet library.
//
// The values written are the forms' own: personal data is masked as the
// forms hold it (see report.RevealPersonalData). Counts are written as
// numbers, everything else as text.
//
// Write reads its forms and changes nothing; it keeps no state and is
// safe for concurrent use. A nil form is left out; with none at all Write
// returns [ErrEmpty].
package xlsx
