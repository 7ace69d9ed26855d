package roster

import (
	"encoding/csv"
	"errors"
)

// Causes that [errors.Is] matches. The places they happen at are told by
// [*ParseError] (a row of a roster), [*CellError] (one cell),
// [*RecordError] (a record that breaks the form's rules) and
// [*DuplicateIDError] (a citizen ID under two registration numbers).
var (
	// ErrUnknownCode: a code or label that is not in its closed set.
	ErrUnknownCode = errors.New("unknown code")
	// ErrBadDate: a date that cannot be read or does not exist.
	ErrBadDate = errors.New("bad date")
	// ErrCitizenID: a citizen ID (公民身份号码) that is not a valid GB 11643 number.
	ErrCitizenID = errors.New("invalid citizen ID")
	// ErrBadCell: a cell that cannot be read: bytes that are not UTF-8, a
	// control character, more than 4000 bytes, a number, a yes-or-no value or
	// a list item that is malformed.
	ErrBadCell = errors.New("bad cell")
	// ErrHeader: a header row that cannot be used: empty, missing a required
	// column or naming a column twice. Reading stops.
	ErrHeader = errors.New("bad header")
	// ErrFormat: an input that is not a roster in text, such as an Excel
	// workbook given as CSV or a PDF; the message says what to do. Reading
	// stops.
	ErrFormat = errors.New("not a roster in text")
	// ErrUnknownColumn: a column that is neither the form's nor a declared
	// county-district input; see [Header.Unknown]. Its cells are not read.
	ErrUnknownColumn = errors.New("unknown column")
	// ErrFieldCount is [csv.ErrFieldCount]: a row with more or fewer cells
	// than the header.
	ErrFieldCount = csv.ErrFieldCount
	// ErrInvalidRecord: a record that breaks a rule of the registration form.
	// The error is a [*RecordError] that lists every problem.
	ErrInvalidRecord = errors.New("invalid record")
	// ErrDuplicateID: one citizen ID under two registration numbers in a
	// batch; see [DuplicateIDs].
	ErrDuplicateID = errors.New("duplicate citizen ID")
)

// CellError is a cell that cannot be read into a field, or a field that
// cannot be written as a cell: what is wrong and what the cell should
// hold, in Chinese and in English. It never quotes the cell: in a shifted
// row any cell may hold a citizen ID, a name or a birth date.
//
// [Field.Set] and [Field.Format] return one; a [*ParseError] wraps one
// with the place of the cell in a roster.
type CellError struct {
	// Title is the field's title on the form, such as 从业年限; "" for a
	// cell that is not a form field's (a county-district input, a header).
	Title string
	// Reason says what is wrong in Chinese, and what the cell should
	// hold: 不能为负数，应填 0 到 2147483647 之间的整数.
	Reason string
	// ReasonEN says the same in a short English phrase: negative number.
	ReasonEN string
	errs     []error // the causes
}

// Error writes the title (when there is one) and the reason, in Chinese,
// then in English: 从业年限：不是整数，应只写数字 (从业年限: not a whole number).
func (e *CellError) Error() string {
	if e.Title == "" {
		return e.Reason + " (" + e.ReasonEN + ")"
	}
	return e.Title + "：" + e.Reason + " (" + e.Title + ": " + e.ReasonEN + ")"
}

// Unwrap returns the causes: [ErrBadCell], [ErrUnknownCode], [ErrBadDate],
// [ErrHeader] ...
func (e *CellError) Unwrap() []error { return e.errs }

func cellFault(zh, en string, errs ...error) *CellError {
	return &CellError{Reason: zh, ReasonEN: en, errs: errs}
}

// titled returns err with the field's title, when it is a *CellError.
func titled(title string, err error) error {
	var ce *CellError
	if !errors.As(err, &ce) {
		return err
	}
	c := *ce
	c.Title = title
	return &c
}
