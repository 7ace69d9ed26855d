// Package xlsx reads a roster kept as an Excel workbook (.xlsx), the
// format clerks actually have, into the same records as a roster CSV.
//
// [NewReader] gives a [roster.Reader] over the rows of a worksheet: the
// header is found below title rows (merged or not), columns are matched,
// rows of totals and blank rows are skipped and cells are read exactly as
// for CSV, by the same code. Dates come as Excel shows them on a Chinese
// system, so a 出生年月 formatted as a month stays a month.
//
// # Why a package of its own
//
// Reading .xlsx takes github.com/xuri/excelize/v2, a large dependency: in
// a package of its own, a program that reads only CSV does not link it.
//
// # Concurrency
//
// The Reader NewReader returns is for one goroutine, as every
// [roster.Reader]. The package keeps no global state, opens no file and
// reads no clock: the workbook is read from the io.Reader into memory.
package xlsx
