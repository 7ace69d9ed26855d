package policytest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/roster"
)

// The columns the roster reader requires, and what a case that leaves one
// out gets: its own name for 登记编号 and 姓名, so that messages name the
// case; an empty 所属单位, which Run fills in with the policy's
// jurisdiction.
var required = []struct {
	title   string
	setName bool
}{
	{"登记编号", true},
	{"所属单位", false},
	{"姓名", true},
}

// build writes cells as a one-row roster CSV and reads it with
// [roster.Reader], so that a case reads exactly as a roster would; a cell
// the reader refuses is reported at its place in the cases file.
func (d *decoder) build(name string, cells []cell, at Position) (*roster.Record, bool) {
	headers := make([]string, len(cells))
	for i, c := range cells {
		headers[i] = c.header
	}
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = c.value
	}
	for _, req := range required {
		if hasColumn(headers, req.title) {
			continue
		}
		headers = append(headers, req.title)
		if req.setName {
			row = append(row, name)
		} else {
			row = append(row, "")
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(headers) // a bytes.Buffer does not fail
	_ = w.Write(row)
	w.Flush()
	batch, err := roster.NewReader(&buf).ReadAll()
	var pe *roster.ParseError
	switch {
	case err != nil && errors.As(err, &pe):
	case err != nil:
		d.fail(at, name, ErrSyntax, "the record cannot be read: %v", err)
		return nil, false
	case len(batch.Errors) > 0:
		pe = batch.Errors[0]
	case len(batch.Records) != 1:
		d.fail(at, name, ErrSyntax, "the record is empty")
		return nil, false
	default:
		return batch.Records[0], true
	}
	where, header := at, ""
	if i := pe.Column - 1; i >= 0 && i < len(cells) {
		where, header = cells[i].at, cells[i].header
		if err != nil { // a header error: the title is at fault
			where = cells[i].key
		}
	}
	// The cell's place is in the cases file, not in the CSV made of it.
	cause := *pe
	cause.Line, cause.Column, cause.Header = where.Line, where.Column, header
	d.errs = append(d.errs, &Error{Position: where, Case: name, Message: cellMessage(&cause, header), Err: &cause})
	return nil, false
}

// hasColumn reports whether headers already hold title under any of the
// spellings the roster reader accepts: it then refuses title as a
// duplicate.
func hasColumn(headers []string, title string) bool {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(append(slices.Clone(headers), title))
	w.Flush()
	_, err := roster.NewReader(&buf).ReadAll()
	var pe *roster.ParseError
	return errors.As(err, &pe) && errors.Is(err, roster.ErrHeader) && pe.Column == len(headers)+1
}

// cellMessage is the reader's message without its place in the one-row
// CSV, which means nothing to the writer of the cases file: "出生年月：…
// (…)".
func cellMessage(pe *roster.ParseError, header string) string {
	bare := *pe
	bare.Line, bare.Column, bare.Header, bare.Key = 1, 0, "", ""
	msg := bare.Error() // 第 1 行：<Chinese> (line 1: <English>)
	if zh, ok := strings.CutPrefix(msg, "第 1 行："); ok {
		msg = strings.Replace(zh, " (line 1: ", " (", 1)
	}
	if header == "" {
		return msg
	}
	return fmt.Sprintf("%s：%s", header, msg)
}
