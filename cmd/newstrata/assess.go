package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/roster"
	"github.com/xuri/excelize/v2"
)

// result is one row of assess's table (CSV and workbook): a record
// assessed, rejected or that could not be read, by its line in the roster.
type result struct {
	Line                                   int
	Key, Unit, Group, Status, Total, Grade string
	// Message says why a record was rejected or a row not read.
	Message string
}

// header is the column titles of the CSV and the workbook, the fields of
// result in order.
var header = []string{"行号", "登记编号", "所属单位", "群体", "状态", "综合得分", "等次", "问题"}

func (r result) cells() []string {
	line := ""
	if r.Line > 0 {
		line = strconv.Itoa(r.Line)
	}
	return []string{line, r.Key, r.Unit, r.Group, r.Status, r.Total, r.Grade, r.Message}
}

// The statuses of rows that were not assessed.
const (
	statusRejected   = "退回"
	statusUnreadable = "无法读取"
)

// runAssess assesses a roster and writes each record's result, the
// rejected ones with their messages; it exits with exitProblems when any
// record was rejected or any row could not be read.
func runAssess(args []string, stdout, stderr io.Writer) int {
	fs := flags("assess", stderr)
	var rf roundFlags
	rf.add(fs)
	format := fs.String("format", "csv", "输出格式 csv、json 或 xlsx (output format)")
	out := fs.String("o", "", "输出文件；不给时写到标准输出 (output file; standard output when not given)")
	pos, code, ok := parse(fs, args, 1, 1)
	if !ok {
		return code
	}
	var write func(io.Writer, *roster.Batch, *newstrata.Batch) error
	switch *format {
	case "csv":
		write = rowsTo(writeCSV)
	case "json":
		write = writeJSON
	case "xlsx":
		write = rowsTo(writeXLSX)
	default:
		return usageError(stderr, "assess", "-format 只能是 csv、json 或 xlsx", "-format is csv, json or xlsx")
	}
	a, _, asOf, code := rf.setup(stderr, "assess")
	if a == nil {
		return code
	}
	batch, code := readRoster(stderr, "assess", pos[0], a.Jurisdiction())
	if batch == nil {
		return code
	}
	res, err := a.AssessAll(context.Background(), batch.Records, asOf, nil)
	if err != nil {
		return fail(stderr, "assess", exitProblems, err)
	}
	progressDone(stderr, len(batch.Records))

	var buf bytes.Buffer
	if err := write(&buf, batch, res); err != nil {
		return fail(stderr, "assess", exitProblems, err)
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fail(stderr, "assess", exitFile, err)
	}
	if n := len(res.Rejected) + len(batch.Errors); n > 0 {
		fmt.Fprintf(stderr, "newstrata assess: 评价 %d 条，退回 %d 条，无法读取 %d 行 (%d assessed, %d rejected, %d rows unreadable)\n",
			len(res.Assessments), len(res.Rejected), len(batch.Errors), len(res.Assessments), len(res.Rejected), len(batch.Errors))
		return exitProblems
	}
	return exitOK
}

// rowsTo returns a writer of the batch as the rows of a table.
func rowsTo(write func(io.Writer, []result) error) func(io.Writer, *roster.Batch, *newstrata.Batch) error {
	return func(w io.Writer, batch *roster.Batch, res *newstrata.Batch) error {
		return write(w, results(batch, res))
	}
}

// results turns a batch into rows in roster order: every record assessed
// or rejected, every row that could not be read.
func results(batch *roster.Batch, res *newstrata.Batch) []result {
	rows := make([]result, 0, len(batch.Records)+len(batch.Errors))
	for _, as := range res.Assessments {
		r := result{Line: batch.Lines[as.Index], Key: as.Key, Unit: as.Unit, Group: group(as.Classification), Status: as.Status.Label()}
		if as.Evaluation != nil {
			r.Total, r.Grade = as.Evaluation.Total.String(), as.Evaluation.Grade.Code()
		}
		rows = append(rows, r)
	}
	for _, rj := range res.Rejected {
		rows = append(rows, result{Line: batch.Lines[rj.Index], Key: rj.Key, Unit: batch.Records[rj.Index].Unit, Status: statusRejected, Message: rj.Err.Error()})
	}
	for _, e := range batch.Errors {
		rows = append(rows, result{Line: e.Line, Key: e.Key, Status: statusUnreadable, Message: e.Error()})
	}
	slices.SortStableFunc(rows, func(a, b result) int { return cmp.Compare(a.Line, b.Line) })
	return rows
}

// group is the group's label, or the outcome's when there is no group.
func group(c classify.Result) string {
	if c.Outcome == classify.Classified {
		return c.Primary.Label()
	}
	return c.Outcome.Label()
}

// writeCSV writes the rows as CSV in UTF-8 with a byte-order mark, so
// that Excel and WPS show the Chinese.
func writeCSV(w io.Writer, rows []result) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.cells()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// assessJSON is assess's JSON: the batch in the library's JSON model, the
// line each record starts on (lines[i] for the record of index i), and the
// rows that could not be read, as errors of that model with their line
// and column. A rejection's error carries its record's line too.
type assessJSON struct {
	Batch      *newstrata.Batch       `json:"batch"`
	Lines      []int                  `json:"lines"`
	Unreadable []*newstrata.ErrorJSON `json:"unreadable"`
}

func writeJSON(w io.Writer, batch *roster.Batch, res *newstrata.Batch) error {
	b := *res
	b.Rejected = make([]newstrata.Rejection, len(res.Rejected))
	for i, rj := range res.Rejected {
		e := newstrata.NewErrorJSON(rj.Err)
		if e != nil && e.Line == 0 {
			e.Line = batch.Lines[rj.Index]
		}
		rj.Err = e
		b.Rejected[i] = rj
	}
	out := assessJSON{Batch: &b, Lines: append([]int{}, batch.Lines...), Unreadable: []*newstrata.ErrorJSON{}}
	for _, e := range batch.Errors {
		out.Unreadable = append(out.Unreadable, newstrata.NewErrorJSON(e))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// resultSheet is the workbook's one sheet.
const resultSheet = "评价结果"

func writeXLSX(w io.Writer, rows []result) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", resultSheet); err != nil {
		return err
	}
	if err := f.SetSheetRow(resultSheet, "A1", &header); err != nil {
		return err
	}
	for i, r := range rows {
		cells := r.cells()
		if err := f.SetSheetRow(resultSheet, "A"+strconv.Itoa(i+2), &cells); err != nil {
			return err
		}
	}
	if err := f.SetPanes(resultSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.Write(w)
}
