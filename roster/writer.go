package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Writer writes records as a roster CSV in the format [Reader] reads: the
// form's columns in the order of [Headers], then the columns of Extra.
// Codes are written as their Chinese labels, yes-or-no as 是/否, dates as
// 2006-01-02 (or 2006-01 for a month), decimals with their places (1.50
// stays 1.50), lists with '；' between items and '|' between fields.
//
// Reading what a Writer wrote gives the records back exactly. To keep that
// promise the Writer refuses, with an error wrapping [ErrBadCell] (or
// [ErrUnknownCode], [ErrBadDate], [ErrHeader] as fits), a value the Reader
// would read differently: text with surrounding white space,
// control characters or more than 4000 bytes, a separator ('|', '；', ';'
// or a line break) inside a list item's field, a negative number, a code
// or date that is not valid, an Extra value that is not a string, int,
// bool or decimal, an Extra title that is also a form column's.
//
// Two things come back otherwise than they went in: an Extra value comes
// back as its text (the Reader keeps county inputs raw, and the policy that
// declares an input converts it: 1.50 comes back as "1.50", true as "是"),
// and an Extra value that is "" reads back as absent.
//
// Make a Writer with [NewWriter] and set its fields before the first
// Write; the zero value cannot write. A Writer is not safe for concurrent
// use.
type Writer struct {
	// Extra lists the county-district input columns, written after the
	// form's. When it is nil on the first call of WriteAll, WriteAll sets it
	// to every Extra key of the records, sorted. A record with an Extra key
	// that is not listed is refused.
	Extra []string
	// UseCRLF ends lines with \r\n instead of \n.
	UseCRLF bool
	// BOM starts the output with a UTF-8 byte-order mark; Excel needs one to
	// open a UTF-8 CSV as UTF-8.
	BOM bool

	out     io.Writer
	csv     *csv.Writer
	started bool
	row     []string
}

// NewWriter returns a Writer that writes a roster to w. A nil w gives a
// Writer whose every call returns an error.
func NewWriter(w io.Writer) *Writer {
	if w == nil {
		return &Writer{}
	}
	return &Writer{out: w, csv: csv.NewWriter(w)}
}

// errNoOutput is what a Writer made from a nil io.Writer gives.
var errNoOutput = errors.New("roster: 没有可写入的目标 (nowhere to write: the io.Writer is nil)")

// Write writes the header, if not written yet, and one record. Rows are
// buffered: call [Writer.Flush] at the end.
func (w *Writer) Write(rec *Record) error {
	if w == nil || w.csv == nil {
		return errNoOutput
	}
	if rec == nil {
		return errors.New("roster: Write of a nil *Record")
	}
	if err := w.header(); err != nil {
		return err
	}
	row := w.row[:0]
	for i := range formFields {
		f := &formFields[i]
		s, err := f.Format(rec)
		if err != nil {
			return writeFault(rec.Key, f.title, err)
		}
		row = append(row, s)
	}
	found := 0
	for _, k := range w.Extra {
		v, ok := rec.Extra[k]
		if !ok {
			row = append(row, "")
			continue
		}
		found++
		s, err := formatExtraCell(v)
		if err == nil {
			err = checkWritable(s)
		}
		if err != nil {
			return writeFault(rec.Key, k, err)
		}
		row = append(row, s)
	}
	if found < len(rec.Extra) {
		var unknown []string
		for k := range rec.Extra {
			if !slices.Contains(w.Extra, k) {
				unknown = append(unknown, k)
			}
		}
		slices.Sort(unknown)
		return writeFault(rec.Key, unknown[0], cellFault("不在 Writer.Extra 所列的列中", "not a column of Writer.Extra", ErrBadCell))
	}
	w.row = row
	return w.csv.Write(row)
}

// WriteAll writes the header and the records, then flushes. With no
// records it writes the header alone: an empty roster.
func (w *Writer) WriteAll(records []*Record) error {
	if w == nil || w.csv == nil {
		return errNoOutput
	}
	if !w.started && w.Extra == nil {
		keys := map[string]bool{}
		for _, r := range records {
			if r == nil {
				continue
			}
			for k := range r.Extra {
				keys[k] = true
			}
		}
		for k := range keys {
			w.Extra = append(w.Extra, k)
		}
		slices.Sort(w.Extra)
	}
	if err := w.header(); err != nil {
		return err
	}
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return w.Flush()
}

// Flush writes buffered rows to the underlying writer and returns the first
// error met.
func (w *Writer) Flush() error {
	if w == nil || w.csv == nil {
		return errNoOutput
	}
	w.csv.Flush()
	return w.csv.Error()
}

func (w *Writer) header() error {
	if w.started {
		return nil
	}
	seen := map[string]bool{}
	row := Headers()
	for _, h := range row {
		seen[normHeader(h)] = true
	}
	for _, h := range w.Extra {
		if err := checkWritable(h); err != nil {
			return writeFault("", h, err)
		}
		n := normHeader(h)
		switch {
		case n == "":
			return writeFault("", h, cellFault("Writer.Extra 中有空的列名", "empty column title in Writer.Extra", ErrHeader))
		case lookupField(n) != nil || seen[n]:
			return writeFault("", h, cellFault("与登记表的列或 Writer.Extra 中的另一列重名", "title used by another column", ErrHeader))
		}
		seen[n] = true
		row = append(row, h)
	}
	w.started = true
	w.csv.UseCRLF = w.UseCRLF
	if w.BOM {
		if _, err := io.WriteString(w.out, "\uFEFF"); err != nil {
			return err
		}
	}
	return w.csv.Write(row)
}

// writeFault names the record and the column a value cannot be written
// to; it prints in Chinese, then in English, and wraps the causes. The
// record is named by its key unless the key has the shape of a citizen ID.
func writeFault(key, header string, err error) error {
	var ce *CellError
	if !errors.As(err, &ce) {
		ce = &CellError{Reason: err.Error(), ReasonEN: err.Error(), errs: []error{err}}
	}
	return &writeError{key: printableKey(key), header: header, cause: ce}
}

// writeError is a value a Writer refuses.
type writeError struct {
	key, header string
	cause       *CellError
}

func (e *writeError) Error() string {
	if e.key == "" {
		return fmt.Sprintf("%s：%s (%s: %s)", e.header, e.cause.Reason, e.header, e.cause.ReasonEN)
	}
	return fmt.Sprintf("登记编号 %s，%s：%s (key %s, %s: %s)", e.key, e.header, e.cause.Reason, e.key, e.header, e.cause.ReasonEN)
}

func (e *writeError) Unwrap() error { return e.cause }
