package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/internal/nearest"
	"io"
	"slices"
	"strings"
)

// ParseError is a row of a roster CSV that could not be read, or a header
// that could not be used. It names the place (line, column, header), the
// record (its 登记编号, when that cell could be read) and wraps the cause:
// [ErrBadCell], [ErrUnknownCode], [ErrBadDate], [ErrFieldCount],
// [ErrHeader], or [csv.ErrQuote] and [csv.ErrBareQuote] for broken quoting.
// Its message is in Chinese, then in English:
//
//	第 17 行第 5 列（民族），登记编号 NN-450103-00017：未知代码 (line 17, column 5: unknown code)
//
// Messages never repeat the content of a cell: in a shifted row any cell
// may hold a citizen ID, a name or a birth date. They give the line, the
// column and its title, and what the cell should hold.
type ParseError struct {
	Line   int    // line the row starts on, 1-based
	Column int    // 1-based column number of the faulty cell; 0 for the whole row
	Header string // the column's header as written in the file; "" when Column is 0
	Key    string // the row's 登记编号; "" when it could not be read or reads as a citizen ID
	Err    error  // the cause
}

// Error returns the message in Chinese, then in English.
func (e *ParseError) Error() string {
	zh, en := "未知错误", "unknown error"
	if e.Err != nil {
		zh, en = e.Err.Error(), e.Err.Error()
	}
	var ce *CellError
	if errors.As(e.Err, &ce) {
		zh, en = ce.Reason, ce.ReasonEN
	}
	var b strings.Builder
	fmt.Fprintf(&b, "第 %d 行", e.Line)
	if e.Column > 0 {
		fmt.Fprintf(&b, "第 %d 列", e.Column)
		if e.Header != "" {
			fmt.Fprintf(&b, "（%s）", e.Header)
		}
	}
	if e.Key != "" {
		fmt.Fprintf(&b, "，登记编号 %s", e.Key)
	}
	fmt.Fprintf(&b, "：%s (line %d", zh, e.Line)
	if e.Column > 0 {
		fmt.Fprintf(&b, ", column %d", e.Column)
	}
	fmt.Fprintf(&b, ": %s)", en)
	return b.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// Batch is the result of [Reader.ReadAll]. It accounts for every row after
// the header: each is a record, an error, a blank row or a row of totals,
// so len(Records)+len(Errors)+len(Blank)+len(Totals) is the number of rows
// read.
type Batch struct {
	Records []*Record
	// Lines holds the line each record starts on: Records[i] is on Lines[i].
	Lines []int
	// Errors holds one error per row that could not be read, in file order.
	Errors []*ParseError
	// Blank holds the lines of rows whose cells are all empty, which
	// spreadsheets leave behind; they are skipped.
	Blank []int
	// Totals holds the lines of rows of totals (合计, 总计, 小计, 共计 in
	// their first filled cell), which are not people; they are skipped.
	Totals []int
	// Missing lists the form's headers (see [Headers]) the file does not
	// have: their fields are left at the zero value in every record, so a
	// missing 政治可靠 column reads as "not attested" for everyone.
	Missing []string
	// Header tells where the header was and which columns are not read.
	Header Header
}

// Header is what a [Reader] made of a roster's header row.
type Header struct {
	// Line is the line of the header row.
	Line int
	// Skipped holds the lines of the rows above the header that are not
	// blank: a title, a unit's name, a date.
	Skipped []int
	// Ignored lists, as written, the columns known to hold nothing for
	// the form, such as 序号 and 备注; their cells are not read.
	Ignored []string
	// Unknown holds one [*ParseError] (wrapping [ErrUnknownColumn]) per
	// column that is neither the form's nor a declared county input,
	// with the title it may have meant; their cells are not read.
	Unknown []*ParseError
}

// Input is a county-district input a [Reader] reads into [Record.Extra]:
// the id the county's policy declares it by (policies and formulas look it
// up so) and its Chinese label. A column titled with either is the input.
type Input struct {
	ID    string
	Label string
}

// Rows is a source of a roster's rows other than CSV, such as a workbook
// read by roster/xlsx. [NewRowReader] reads records from it with the same
// header detection and cell decoding as CSV.
type Rows interface {
	// Next returns the cells of the next row and the 1-based line (row
	// number) it is on; io.EOF at the end. Any other error ends reading.
	Next() (cells []string, line int, err error)
}

// Reader reads a roster, one [Record] per row: a CSV file with
// [NewReader], or rows of cells from elsewhere (an .xlsx workbook, through
// roster/xlsx) with [NewRowReader]. Like [encoding/csv.Reader] it takes the
// data, not a file name.
//
// # Format
//
// A CSV roster is text in UTF-8 (with or without a byte-order mark),
// GBK or GB18030 (what Excel and WPS save as "CSV" on Chinese Windows),
// or UTF-16 with a byte-order mark (Excel's "Unicode 文本", whose cells are
// separated by tabs); the encoding is told from the bytes
// ([Reader.Encoding]) and the separator, comma or tab, from the first
// lines. Its syntax is RFC 4180 as [encoding/csv] reads it: a cell that
// holds a separator, a quote or a line break enclosed in double quotes, a
// quote inside doubled. Empty lines are skipped. A workbook (.xls, .xlsx,
// WPS .et), a web page saved as .xls, a PDF or an archive is refused
// with an error wrapping [ErrFormat] that says what to do.
//
// The header is the first row, among the first 10 that are not blank,
// with a column title of the form; rows above it (a title, merged or
// not, a unit's name, a date) are skipped and reported in
// [Header.Skipped]. The titles are those of the registration form
// (Annex 2), in any order. [Headers] lists them in the order [Writer]
// writes them:
//
//	登记编号 所属单位 推荐单位 姓名 性别 民族 出生年月 公民身份号码 籍贯 联系电话
//	通讯地址 照片 政治面貌 政治可靠 政治立场评价 学历 学位 毕业院校及专业
//	专业技术职称 职称级别 工作单位 单位性质 职务 职业 岗位类别 是否出资人
//	参加工作时间 从业年限 新媒体从业 粉丝数 在本地工作或居住 工作简历
//	人大政协职务 统战社会组织职务 其他社会职务
//	获奖情况 培训情况 主要政治表现 主要成就和社会影响 行业影响力评价
//	公益捐赠（万元） 志愿服务时长（小时） 带动就业人数 建言献策采纳数
//	活动出勤率 应急救灾贡献 国家级表彰 刑事处罚 失信被执行人 重大税收违法
//	负面言论
//
// Titles are matched ignoring white space (so "姓  名" is 姓名), an
// asterisk marking a required column (*政治面貌), the width of
// parentheses and brackets ([万元] and 【万元】 are （万元）); a few common
// variants are accepted too (身份证号码, 证件号码 for 公民身份号码, 出生日期
// for 出生年月, 手机号码 for 联系电话, 文化程度 for 学历, 职称 for
// 专业技术职称), and the labels [Validator] messages use (所属县区,
// 人大代表、政协委员, 受过刑事处罚 ...); [Field.Aliases] lists them.
// 登记编号, 所属单位 and 姓名 are required; other columns may be left out,
// and [Reader.Missing] says which are.
//
// Every other column is one of:
//
//   - a county-district input declared in [Reader.Inputs], titled with
//     its id or its label: its non-empty cells go to [Record.Extra] as
//     strings, keyed by the id;
//   - a column known to hold nothing for the form (序号, 备注, 说明): not
//     read, listed in [Header.Ignored];
//   - unknown: not read, and reported once in [Header.Unknown] with the
//     title it may have meant (身分证号 → 公民身份号码).
//
// With Inputs nil (no policy at hand), a column titled like an input id
// (a letter or '_', then letters, digits and '_', such as bonus) is taken
// as that input, as [Writer] writes them; a title in words is unknown. A
// column with an empty title must have empty cells.
//
// Every cell is trimmed of surrounding white space (the ideographic space
// included); an empty cell leaves its field at the zero value. A cell must
// hold no control character other than tab and line feed, and be at most
// 4000 bytes. Then, by column:
//
//   - Codes (性别, 民族, 政治面貌, 政治立场评价, 学历, 学位, 职称级别, 单位性质,
//     岗位类别, 行业影响力评价): the standard code, the Chinese label or a
//     common alias, as the Parse functions of this package read them (男,
//     男性 and 1 are all [Male]); a code whose leading zero a spreadsheet
//     dropped (1 for 01), and an ethnic group without 族 (汉, 壮), too.
//   - Dates (出生年月, 参加工作时间, and in lists): what [ParseDate] reads,
//     such as 2019-04-15, 2019-04, 2019/4/15, 20190415, 2019年4月,
//     2019年4月15日, and 201904 or a spreadsheet's date serial (43570).
//     A year alone is refused: the month is on the form.
//   - Yes or no (政治可靠, 是否出资人, 新媒体从业, 在本地工作或居住, 应急救灾贡献, 国家级表彰,
//     刑事处罚, 失信被执行人, 重大税收违法, 负面言论): 是/否, 有/无, true/false
//     or 1/0; empty is no.
//   - Counts (从业年限, 粉丝数, 志愿服务时长（小时）, 带动就业人数, 建言献策采纳数):
//     digits only, from 0 to 2147483647, optionally grouped by thousands
//     (113,811).
//   - Decimals (公益捐赠（万元）, 活动出勤率): digits with an optional
//     decimal point, optionally grouped by thousands, at most 15 digits
//     before it and 10 after; no sign, exponent, NaN or Inf. 活动出勤率 is
//     a rate from 0 to 1 and may also be written as a percentage (95% is
//     0.95).
//   - Lists (人大政协职务, 统战社会组织职务, 获奖情况, 培训情况): items separated by
//     '；', ';' or a line break, the fields of an item by '|' (or '｜'), in
//     a fixed order; trailing fields may be left out:
//     人大政协职务 机构|级别|届次|界别|任期起始|任期届满, as
//     政协委员|市级|第十二届|经济界|2017-01|2022-01；人大代表|县级|第十届| (a
//     seat without its term's dates is written in four fields, as before
//     the dates were asked for);
//     统战社会组织职务 组织类别|组织名称|职务|级别|是否负责人, as
//     社会组织|南宁市测试软件行业协会|副会长|市级|是;
//     获奖情况 名称|级别|年份, as 南宁市优秀青年|市级|2021;
//     培训情况 名称|日期|学时, as 市委统战部新阶层培训班|2022-05-10|24.
//   - Text (all other columns): as written; 工作简历 (like 其他社会职务,
//     主要政治表现 and 主要成就和社会影响) may hold line breaks. 公民身份号码 and 联系电话 in
//     scientific notation (4.50103E+17: a spreadsheet took the number
//     for a number and dropped its last digits) are refused with what to
//     do. 所属单位 holds the unit's code (450103), not its name. 推荐单位
//     holds the code of a unit or a department (4501D03); with
//     [Reader.Jurisdiction] set it may name one instead (南宁市司法局),
//     and is read as the code.
//
// A row whose first filled cell starts with 合计, 总计, 小计 or 共计 is a
// row of totals and is skipped ([Batch.Totals]).
//
// # Errors
//
// Reading goes on past a bad row: each row ends up either as a record or as
// one [*ParseError] (for its first faulty cell, left to right), and rows
// whose cells are all empty are skipped. A quoted cell of a CSV that runs
// over lines holding as many separators as half a row is a stray quote
// that swallowed whole rows, not a cell of several lines (a 工作简历): it
// is an error naming the line the quote opens on and the line it closes
// on. A header that cannot be used, an input that is not a roster, or an
// error of the underlying reader, ends reading.
//
// The Reader checks that each cell can be read, not that the record is
// complete or consistent (a citizen ID that matches the birth date, a key
// used twice): that is [Validator.Validate]'s work.
//
// Make a Reader with [NewReader] or [NewRowReader]; the zero value cannot
// read. A Reader is not safe for concurrent use; the records it returns
// are the caller's.
type Reader struct {
	// Jurisdiction, when set before the first Read, lets 推荐单位 name the
	// unit or department rather than give its code: a cell that is a
	// name, a former name or a former code of one is read as its present
	// code (南宁市司法局 as 4501D03, 横县 as 450181). A cell it does not
	// know is kept as written, for [Validator.Validate] to refuse.
	// Without it every cell is kept as written.
	Jurisdiction *Jurisdiction
	// Inputs, when set before the first Read, are the county-district
	// inputs the roster may carry beyond the form (a policy's declared
	// inputs): a column titled with an input's id or label is read into
	// [Record.Extra] under its id, and any other column not on the form
	// is unknown. When nil, a column titled like an input id is read as
	// that input.
	Inputs []Input

	src      rowSource
	csv      *csvRows // src when reading CSV, for the checks only CSV needs
	encoding string
	started  bool
	err      error // sticky: io.EOF, a header error or an I/O error
	slots    []slot
	keyCol   int
	missing  []string
	header   Header
}

// slot is what the Reader does with one column.
type slot struct {
	kind   slotKind
	field  *Field // slotField
	key    string // slotInput: the Extra key
	header string // the title as written, trimmed
}

type slotKind uint8

const (
	slotEmpty slotKind = iota // no title: the cells must be empty
	slotField                 // a form field
	slotInput                 // a county-district input
	slotSkip                  // ignored or unknown: not read
)

// rowSource is where the Reader's rows come from: CSV or [Rows].
type rowSource interface {
	next() (row []string, line int, err error)
}

// csvRows reads rows from CSV text.
type csvRows struct {
	r     *csv.Reader
	comma rune
}

func (c *csvRows) next() ([]string, int, error) {
	row, err := c.r.Read()
	if err != nil {
		return row, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return row, line, nil
}

// rowsSource adapts a caller's [Rows].
type rowsSource struct{ rows Rows }

func (s rowsSource) next() ([]string, int, error) { return s.rows.Next() }

// errNoInput is what a Reader made from a nil io.Reader, or a zero
// Reader, gives.
var errNoInput = errors.New("roster: 没有可读取的名册 (no roster to read: the io.Reader is nil)")

// NewReader returns a Reader that reads a roster CSV from r, in any of the
// encodings described on [Reader]. A nil r gives a Reader whose every call
// returns an error; an r that is not a roster in text (a workbook, a PDF)
// one whose every call returns an error wrapping [ErrFormat].
func NewReader(r io.Reader) *Reader {
	if r == nil {
		return &Reader{}
	}
	text, enc, comma, err := decodeInput(r)
	if err != nil {
		return &Reader{src: rowsSource{}, err: err}
	}
	c := csv.NewReader(text)
	c.ReuseRecord = true
	c.FieldsPerRecord = -1 // title rows above the header are narrower: widths are checked here
	c.Comma = comma
	cr := &csvRows{r: c, comma: comma}
	return &Reader{src: cr, csv: cr, encoding: enc}
}

// NewRowReader returns a Reader that reads a roster from rows of cells,
// such as a workbook's: the header is found, columns are matched and cells
// are read as for CSV, except that a row may be shorter than the header
// (a spreadsheet leaves out trailing empty cells). A nil rows gives a
// Reader whose every call returns an error.
func NewRowReader(rows Rows) *Reader {
	if rows == nil {
		return &Reader{}
	}
	return &Reader{src: rowsSource{rows}}
}

// Encoding returns the encoding a CSV roster was found in: UTF-8,
// GB18030 (which reads GBK and GB2312 too), UTF-16LE or UTF-16BE; "" for
// a Reader made by [NewRowReader] or one that could not start.
func (r *Reader) Encoding() string { return r.encoding }

// Read returns the next record. At the end it returns [io.EOF]. A row that
// cannot be read gives a nil record and a [*ParseError] that does not wrap
// [ErrHeader]; the next call reads the next row. Any other error (a
// [*ParseError] wrapping [ErrHeader], an error wrapping [ErrFormat], an
// error of the underlying reader) ends reading, and every later call
// returns it again.
func (r *Reader) Read() (*Record, error) {
	if r == nil || r.src == nil {
		return nil, errNoInput
	}
	for {
		rec, _, kind, rowErr, err := r.next()
		switch {
		case err != nil:
			return nil, err
		case rowErr != nil:
			return nil, rowErr
		case kind == rowRecord:
			return rec, nil
		}
	}
}

// ReadAll reads the remaining rows. The error is nil at the end of the
// input; otherwise reading stopped early (an unusable header, an error of
// the underlying reader) and the Batch holds the rows read before.
func (r *Reader) ReadAll() (*Batch, error) {
	b := &Batch{}
	if r == nil || r.src == nil {
		return b, errNoInput
	}
	for {
		rec, line, kind, rowErr, err := r.next()
		switch {
		case err != nil:
			b.Missing = r.Missing()
			b.Header = r.Header()
			if err == io.EOF {
				return b, nil
			}
			return b, err
		case rowErr != nil:
			b.Errors = append(b.Errors, rowErr)
		case kind == rowBlank:
			b.Blank = append(b.Blank, line)
		case kind == rowTotals:
			b.Totals = append(b.Totals, line)
		default:
			b.Records = append(b.Records, rec)
			b.Lines = append(b.Lines, line)
		}
	}
}

// Missing lists the form's headers (see [Headers]) that the file does not
// have, in form order. It is nil until the header has been read by the first
// call of Read or ReadAll.
func (r *Reader) Missing() []string { return slices.Clone(r.missing) }

// Header returns what the Reader made of the header; the zero Header
// until the header has been read by the first call of Read or ReadAll.
func (r *Reader) Header() Header {
	h := r.header
	h.Skipped = slices.Clone(h.Skipped)
	h.Ignored = slices.Clone(h.Ignored)
	h.Unknown = slices.Clone(h.Unknown)
	return h
}

type rowKind uint8

const (
	rowRecord rowKind = iota
	rowBlank
	rowTotals
)

// next reads one row: a record, a blank row, a row of totals, a row error
// or, in err, the end of reading.
func (r *Reader) next() (rec *Record, line int, kind rowKind, rowErr *ParseError, err error) {
	if r.err != nil {
		return nil, 0, 0, nil, r.err
	}
	if !r.started {
		r.started = true
		if err := r.readHeader(); err != nil {
			r.err = err
			return nil, 0, 0, nil, err
		}
	}
	row, line, err := r.src.next()
	if err != nil {
		var ce *csv.ParseError
		if !errors.As(err, &ce) {
			r.err = err
			return nil, 0, 0, nil, err
		}
		// The cells before the faulty one are whole: the key may be among them.
		key := ""
		if r.keyCol < len(row)-1 {
			key = r.key(row)
		}
		return nil, ce.StartLine, 0, &ParseError{Line: ce.StartLine, Key: key, Err: cellFault(quoteText(ce), ce.Err.Error(), ce.Err)}, nil
	}
	switch {
	case isBlankRow(row):
		// A spreadsheet's trailing ",,," of any width, or a line of
		// spaces: nothing is lost by skipping it.
		return nil, line, rowBlank, nil, nil
	case isTotalsRow(row):
		return nil, line, rowTotals, nil, nil
	}
	if r.csv != nil {
		if pe := r.strayQuote(row, line); pe != nil {
			return nil, line, 0, pe, nil
		}
		if len(row) != len(r.slots) {
			pe := &ParseError{Line: line, Key: r.key(row), Err: cellFault(
				fmt.Sprintf("有 %d 列，表头有 %d 列", len(row), len(r.slots)),
				"wrong number of fields", csv.ErrFieldCount)}
			return nil, line, 0, pe, nil
		}
	}
	rec, rowErr = r.parseRow(row, line)
	return rec, line, rowRecord, rowErr, nil
}

// strayQuote finds a quoted cell that runs over lines that look like whole
// rows: a quote opened by mistake (at the start of 主要政治表现, say) and
// closed by another mistake rows below, which encoding/csv reads as one
// long cell and so merges the rows between.
func (r *Reader) strayQuote(row []string, line int) *ParseError {
	enough := max(2, (len(r.slots)-1)/2)
	for i, cell := range row {
		if !strings.Contains(cell, "\n") {
			continue
		}
		rest := cell[strings.IndexByte(cell, '\n')+1:]
		for l := range strings.SplitSeq(rest, "\n") {
			if strings.Count(l, string(r.csv.comma)) < enough {
				continue
			}
			start, _ := r.csv.r.FieldPos(i)
			end := start + strings.Count(cell, "\n")
			h := ""
			if i < len(r.slots) {
				h = r.slots[i].header
			}
			return &ParseError{Line: line, Column: i + 1, Header: h, Key: r.key(row), Err: cellFault(
				fmt.Sprintf("这一格的引号从第 %d 行一直延续到第 %d 行，把其间看来是整行的内容并进了一格；请检查第 %d 行这一格开头的引号和第 %d 行的引号是否多余", start, end, start, end),
				fmt.Sprintf("a quoted cell runs from line %d to line %d and swallows whole rows: check the quotes on both lines", start, end),
				csv.ErrQuote)}
		}
	}
	return nil
}

// quoteText tells a quoting fault found by encoding/csv in Chinese. The
// byte offset it reports means nothing to a clerk, so only the line is
// kept, when the row spans several.
func quoteText(ce *csv.ParseError) string {
	where := ""
	if ce.Line != ce.StartLine {
		where = fmt.Sprintf("（错误在第 %d 行）", ce.Line)
	}
	switch {
	case errors.Is(ce.Err, csv.ErrBareQuote):
		return "未加引号的单元格中出现了引号" + where + "；含引号的单元格要整格加引号，格内的引号写两遍"
	case errors.Is(ce.Err, csv.ErrQuote):
		return "引号没有配对" + where
	}
	return "引号使用有误" + where
}

func isBlankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// isTotalsRow reports whether the first filled cell of row starts a row of
// totals, which spreadsheets add below the people.
func isTotalsRow(row []string) bool {
	for _, c := range row {
		c = normHeader(c)
		if c == "" {
			continue
		}
		for _, p := range []string{"合计", "总计", "小计", "共计"} {
			if strings.HasPrefix(c, p) {
				return true
			}
		}
		return false
	}
	return false
}

// key returns the row's 登记编号 when its cell can be read and is not a
// citizen ID typed into the wrong column: messages never show one.
func (r *Reader) key(row []string) string {
	if r.keyCol >= len(row) || checkCell(row[r.keyCol]) != nil {
		return ""
	}
	k := strings.TrimSpace(row[r.keyCol])
	if isCitizenID(k) {
		return ""
	}
	return k
}

// headerSearch is how many rows that are not blank may come before the
// header, itself included.
const headerSearch = 10

func (r *Reader) readHeader() error {
	first := 0 // the first line that is not blank
	var skipped []int
	for n := 0; n < headerSearch; {
		row, line, err := r.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ce *csv.ParseError
			if errors.As(err, &ce) {
				return &ParseError{Line: ce.StartLine, Err: cellFault("表头"+quoteText(ce), "header: "+ce.Err.Error(), ErrHeader, ce.Err)}
			}
			return err
		}
		if isBlankRow(row) {
			continue
		}
		n++
		if first == 0 {
			first = line
		}
		if isHeaderRow(row) {
			r.header.Skipped = skipped
			return r.useHeader(row, line)
		}
		skipped = append(skipped, line)
	}
	if first == 0 {
		return &ParseError{Line: 1, Err: cellFault("没有表头：输入为空", "no header: the input is empty", ErrHeader)}
	}
	return &ParseError{Line: first, Err: cellFault(
		fmt.Sprintf("前 %d 行中没有找到表头：表头应有登记编号、所属单位、姓名等登记表的列标题", headerSearch),
		fmt.Sprintf("no header in the first %d rows: it should hold the form's column titles", headerSearch), ErrHeader)}
}

// isHeaderRow reports whether a cell of row is a title of the form.
func isHeaderRow(row []string) bool {
	for _, c := range row {
		if checkCell(c) == nil && lookupField(normHeader(c)) != nil {
			return true
		}
	}
	return false
}

func (r *Reader) useHeader(row []string, line int) error {
	r.header.Line = line
	r.slots = make([]slot, len(row))
	seen := make(map[string]int, len(row)) // form field or input → column
	for i, h := range row {
		if err := checkCell(h); err != nil {
			ce := err.(*CellError)
			return &ParseError{Line: line, Column: i + 1, Err: cellFault("表头"+ce.Reason, "header: "+ce.ReasonEN, append([]error{ErrHeader}, ce.errs...)...)}
		}
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		s, id := r.column(h)
		if s.kind == slotSkip {
			if ignoredTitle(normHeader(h)) {
				r.header.Ignored = append(r.header.Ignored, h)
			} else {
				r.header.Unknown = append(r.header.Unknown, r.unknownColumn(h, line, i+1))
			}
			r.slots[i] = s
			continue
		}
		// Two spellings of one form column (出生年月 and 出生日期) are
		// duplicates too, so a column is known by what it fills.
		if j, dup := seen[id]; dup {
			return &ParseError{Line: line, Column: i + 1, Header: h, Err: cellFault(
				fmt.Sprintf("表头重复，第 %d 列已是 %s", j+1, r.slots[j].header), "duplicate header", ErrHeader)}
		}
		seen[id] = i
		if s.field != nil && s.field.title == keyTitle {
			r.keyCol = i
		}
		r.slots[i] = s
	}
	var missing, required []string
	for i := range formFields {
		f := &formFields[i]
		if _, ok := seen["field:"+f.title]; ok {
			continue
		}
		missing = append(missing, f.title)
		if f.required {
			required = append(required, f.title)
		}
	}
	if len(required) > 0 {
		return &ParseError{Line: line, Err: cellFault("缺少必需的列："+strings.Join(required, "、"), "missing required headers", ErrHeader)}
	}
	r.missing = missing
	return nil
}

// column returns what the Reader does with a column of that title, and
// what the column fills, to tell duplicates.
func (r *Reader) column(h string) (slot, string) {
	n := normHeader(h)
	if f := lookupField(n); f != nil {
		return slot{kind: slotField, field: f, header: h}, "field:" + f.title
	}
	for _, in := range r.Inputs {
		if (in.ID != "" && strings.EqualFold(normHeader(in.ID), n)) || (in.Label != "" && normHeader(in.Label) == n) {
			return slot{kind: slotInput, key: in.ID, header: h}, "input:" + in.ID
		}
	}
	if r.Inputs == nil && validInputID(h) {
		return slot{kind: slotInput, key: h, header: h}, "input:" + h
	}
	return slot{kind: slotSkip, header: h}, ""
}

// ignoredTitles are the columns spreadsheets add that hold nothing for the
// form: a row number, remarks.
var ignoredTitles = []string{"序号", "序", "行号", "顺序号", "备注", "说明", "备注说明"}

func ignoredTitle(norm string) bool { return slices.Contains(ignoredTitles, norm) }

// unknownColumn reports a column that is neither the form's nor an input,
// with the title it may have meant.
func (r *Reader) unknownColumn(h string, line, col int) *ParseError {
	var names, shown []string
	for i := range formFields {
		f := &formFields[i]
		for _, t := range append([]string{f.title}, f.aliases...) {
			names, shown = append(names, normHeader(t)), append(shown, f.title)
		}
	}
	for _, in := range r.Inputs {
		for _, t := range []string{in.ID, in.Label} {
			if t != "" {
				names, shown = append(names, normHeader(t)), append(shown, t)
			}
		}
	}
	zh, en := "不是登记表的列，也不是已声明的县区输入项，该列不读取", "not a column of the form nor a declared input: not read"
	if r.Inputs == nil {
		zh = "不是登记表的列，该列不读取（县区输入项以其代号作列标题，或由政策声明）"
	}
	if i := nearest.Index(normHeader(h), names); i >= 0 {
		zh += "；是否应为“" + shown[i] + "”？"
		en += "; did you mean " + shown[i] + "?"
	}
	return &ParseError{Line: line, Column: col, Header: h, Err: cellFault(zh, "unknown column: "+en, ErrUnknownColumn)}
}

func (r *Reader) parseRow(row []string, line int) (*Record, *ParseError) {
	key := r.key(row)
	rec := &Record{}
	for i, cell := range row {
		s := slot{}
		if i < len(r.slots) {
			s = r.slots[i]
		}
		fail := func(err error) (*Record, *ParseError) {
			return nil, &ParseError{Line: line, Column: i + 1, Header: s.header, Key: key, Err: err}
		}
		if s.kind == slotSkip {
			continue
		}
		if err := checkCell(cell); err != nil {
			return fail(err)
		}
		v := strings.TrimSpace(cell)
		if v == "" {
			continue
		}
		switch s.kind {
		case slotField:
			if s.field.unitRef && r.Jurisdiction != nil {
				if u, ok := r.Jurisdiction.Find(v); ok {
					v = u.Code
				}
			}
			if err := s.field.decode(rec, v); err != nil {
				return fail(titled(s.field.title, err))
			}
		case slotInput:
			if rec.Extra == nil {
				rec.Extra = make(map[string]any)
			}
			rec.Extra[s.key] = v
		default:
			return fail(cellFault("该列没有表头，却有内容", "cell under an empty header", ErrBadCell))
		}
	}
	return rec, nil
}
