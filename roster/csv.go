package roster

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Causes of CSV errors that [errors.Is] matches, beside [ErrUnknownCode] and
// [ErrBadDate].
var (
	// ErrBadCell: a cell that cannot be read: bytes that are not UTF-8, a
	// control character, more than 4000 bytes, a number, a yes-or-no value or
	// a list item that is malformed.
	ErrBadCell = errors.New("bad cell")
	// ErrHeader: a header row that cannot be used: empty, missing a required
	// column or naming a column twice. Reading stops.
	ErrHeader = errors.New("bad header")
	// ErrFieldCount is [csv.ErrFieldCount]: a row with more or fewer cells
	// than the header.
	ErrFieldCount = csv.ErrFieldCount
)

const (
	maxCellBytes = 4000
	// maxCount bounds the counts on a form (followers, hours, years) so that
	// sums of them cannot overflow in a formula.
	maxCount = 1<<31 - 1
	// maxIntDigits and maxFracDigits bound a decimal cell: amounts in 万元
	// and rates need far fewer, and a bound keeps "1e999999999" style input
	// from costing memory.
	maxIntDigits  = 15
	maxFracDigits = 10
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
	var ce *cellError
	if errors.As(e.Err, &ce) {
		zh, en = ce.zh, ce.en
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

// cellError is a fault in a cell, told in Chinese for the clerk and in a
// short English phrase, wrapping the sentinels it stands for.
type cellError struct {
	zh, en string
	errs   []error
}

func (e *cellError) Error() string   { return e.en }
func (e *cellError) Unwrap() []error { return e.errs }

func cellFault(zh, en string, errs ...error) error {
	return &cellError{zh: zh, en: en, errs: errs}
}

// Batch is the result of [Reader.ReadAll]. It accounts for every row after
// the header: each is a record, an error or a blank row, so
// len(Records)+len(Errors)+len(Blank) is the number of rows read.
type Batch struct {
	Records []*Record
	// Lines holds the line each record starts on: Records[i] is on Lines[i].
	Lines []int
	// Errors holds one error per row that could not be read, in file order.
	Errors []*ParseError
	// Blank holds the lines of rows whose cells are all empty, which
	// spreadsheets leave behind; they are skipped.
	Blank []int
	// Missing lists the form's headers (see [Headers]) the file does not
	// have: their fields are left at the zero value in every record, so a
	// missing 政治可靠 column reads as "not attested" for everyone.
	Missing []string
}

// Reader reads a roster from CSV, one [Record] per row. Like
// [encoding/csv.Reader] it takes the data, not a file name.
//
// # Format
//
// The input is UTF-8 (a leading byte-order mark is skipped) in the CSV of
// RFC 4180 as [encoding/csv] reads it: cells separated by commas, a cell
// that holds a comma, a quote or a line break enclosed in double quotes, a
// quote inside doubled. Empty lines are skipped.
//
// The first row is the header: the column titles of the registration form
// (Annex 2), in any order. [Headers] lists them in the order [Writer]
// writes them:
//
//	登记编号 所属单位 姓名 性别 民族 出生年月 公民身份号码 籍贯 联系电话
//	政治面貌 政治可靠 政治立场评价 学历 学位 专业技术职称 职称级别
//	工作单位 单位性质 职务 职业 岗位类别 参加工作时间 从业年限 新媒体从业
//	粉丝数 在本地工作或居住 人大政协职务 统战社会组织职务 其他社会职务
//	获奖情况 培训情况 主要政治表现 主要成就和社会影响 行业影响力评价
//	公益捐赠（万元） 志愿服务时长（小时） 带动就业人数 建言献策采纳数
//	活动出勤率 应急救灾贡献 国家级表彰 刑事处罚 失信被执行人 重大税收违法
//	负面言论
//
// Titles are matched ignoring white space (so "姓  名" is 姓名) and the width
// of parentheses; a few common variants are accepted too (身份证号码 for
// 公民身份号码, 出生日期 for 出生年月, 手机号码 for 联系电话, 文化程度 for
// 学历, 职称 for 专业技术职称), and the labels [Validator] messages use
// (所属县区, 人大代表、政协委员, 受过刑事处罚 ...). 登记编号, 所属单位 and 姓名 are required;
// other columns may be left out, and [Reader.Missing] says which are.
// A column whose title is not on the form is a county-district input: its
// non-empty cells go to [Record.Extra] as strings, keyed by the title as
// written (trimmed). Title it with the input id the county's policy
// declares, such as bonus: policies and [Validator] look inputs up by id.
// A column with an empty title must have empty cells.
//
// Every cell is trimmed of surrounding white space (the ideographic space
// included); an empty cell leaves its field at the zero value. A cell must
// be valid UTF-8 (an Excel file saved as GBK is refused at the header), hold
// no control character other than tab and line feed, and be at most 4000
// bytes. Then, by column:
//
//   - Codes (性别, 民族, 政治面貌, 政治立场评价, 学历, 学位, 职称级别, 单位性质,
//     岗位类别, 行业影响力评价): the standard code, the
//     Chinese label or a common alias, as the Parse functions of this
//     package read them (男, 男性 and 1 are all [Male]).
//   - Dates (出生年月, 参加工作时间, and in lists): what
//     [ParseDate] reads, such as 2019-04-15, 2019-04, 2019/4/15, 20190415.
//   - Yes or no (政治可靠, 新媒体从业, 在本地工作或居住, 应急救灾贡献, 国家级表彰,
//     刑事处罚, 失信被执行人, 重大税收违法, 负面言论): 是/否, 有/无, true/false
//     or 1/0; empty is no.
//   - Counts (从业年限, 粉丝数, 志愿服务时长（小时）, 带动就业人数, 建言献策采纳数):
//     digits only, from 0 to 2147483647.
//   - Decimals (公益捐赠（万元）, 活动出勤率): digits with an
//     optional decimal point, at most 15 digits before it and 10 after; no
//     sign, exponent, NaN or Inf. 活动出勤率 is a rate from 0 to 1 and may
//     also be written as a percentage (95% is 0.95).
//   - Lists (人大政协职务, 统战社会组织职务, 获奖情况, 培训情况): items separated by
//     '；', ';' or a line break, the fields of an item by '|' (or '｜'), in
//     a fixed order; trailing fields may be left out:
//     人大政协职务 机构|级别|届次|界别, as 政协委员|市级|第十二届|经济界；人大代表|县级|第十届|;
//     统战社会组织职务 组织类别|组织名称|职务|级别|是否负责人, as
//     社会组织|南宁市测试软件行业协会|副会长|市级|是;
//     获奖情况 名称|级别|年份, as 南宁市优秀青年|市级|2021;
//     培训情况 名称|日期|学时, as 市委统战部新阶层培训班|2022-05-10|24.
//   - Text (all other columns): as written. 所属单位 holds the unit's code
//     (450103), not its name.
//
// # Errors
//
// Reading goes on past a bad row: each row ends up either as a record or as
// one [*ParseError] (for its first faulty cell, left to right), and rows
// whose cells are all empty are skipped. A header that cannot be used, or
// an error of the underlying reader, ends reading.
//
// The Reader checks that each cell can be read, not that the record is
// complete or consistent (a citizen ID that matches the birth date, a key
// used twice): that is [Validator.Validate]'s work.
//
// Make a Reader with [NewReader]; the zero value cannot read. A Reader is
// not safe for concurrent use; the records it returns are the caller's.
type Reader struct {
	csv     *csv.Reader
	started bool
	err     error // sticky: io.EOF, a header error or an I/O error
	slots   []csvSlot
	keyCol  int
	missing []string
}

// csvSlot is what the Reader does with one column of the file.
type csvSlot struct {
	col    *csvColumn // a form column, or nil
	header string     // the title as written, trimmed
	extra  bool       // a county-district input
}

// NewReader returns a Reader that reads a roster from r.
func NewReader(r io.Reader) *Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	c := csv.NewReader(br)
	c.ReuseRecord = true
	return &Reader{csv: c}
}

// Read returns the next record. At the end it returns [io.EOF]. A row that
// cannot be read gives a nil record and a [*ParseError] that does not wrap
// [ErrHeader]; the next call reads the next row. Any other error (a
// [*ParseError] wrapping [ErrHeader], an error of the underlying reader)
// ends reading, and every later call returns it again.
func (r *Reader) Read() (*Record, error) {
	for {
		rec, _, blank, rowErr, err := r.next()
		switch {
		case err != nil:
			return nil, err
		case rowErr != nil:
			return nil, rowErr
		case !blank:
			return rec, nil
		}
	}
}

// ReadAll reads the remaining rows. The error is nil at the end of the
// input; otherwise reading stopped early (an unusable header, an error of
// the underlying reader) and the Batch holds the rows read before.
func (r *Reader) ReadAll() (*Batch, error) {
	b := &Batch{}
	for {
		rec, line, blank, rowErr, err := r.next()
		switch {
		case err != nil:
			b.Missing = r.Missing()
			if err == io.EOF {
				return b, nil
			}
			return b, err
		case rowErr != nil:
			b.Errors = append(b.Errors, rowErr)
		case blank:
			b.Blank = append(b.Blank, line)
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

// next reads one row: a record, a blank row, a row error or, in err, the
// end of reading.
func (r *Reader) next() (rec *Record, line int, blank bool, rowErr *ParseError, err error) {
	if r.err != nil {
		return nil, 0, false, nil, r.err
	}
	if !r.started {
		r.started = true
		if err := r.readHeader(); err != nil {
			r.err = err
			return nil, 0, false, nil, err
		}
	}
	row, err := r.csv.Read()
	if err != nil {
		var ce *csv.ParseError
		if !errors.As(err, &ce) {
			r.err = err
			return nil, 0, false, nil, err
		}
		if errors.Is(ce.Err, csv.ErrFieldCount) {
			if isBlankRow(row) {
				// A spreadsheet's trailing ",,," of another width, or a
				// line of spaces: nothing is lost by skipping it.
				return nil, ce.StartLine, true, nil, nil
			}
			pe := &ParseError{Line: ce.StartLine, Key: r.key(row), Err: cellFault(
				fmt.Sprintf("有 %d 列，表头有 %d 列", len(row), len(r.slots)),
				"wrong number of fields", csv.ErrFieldCount)}
			return nil, ce.StartLine, false, pe, nil
		}
		// The cells before the faulty one are whole: the key may be among them.
		key := ""
		if r.keyCol < len(row)-1 {
			key = r.key(row)
		}
		return nil, ce.StartLine, false, &ParseError{Line: ce.StartLine, Key: key, Err: cellFault(quoteText(ce), ce.Err.Error(), ce.Err)}, nil
	}
	line, _ = r.csv.FieldPos(0)
	if isBlankRow(row) {
		return nil, line, true, nil, nil
	}
	rec, rowErr = r.parseRow(row, line)
	return rec, line, false, rowErr, nil
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

func (r *Reader) readHeader() error {
	row, err := r.csv.Read()
	if err == io.EOF {
		return &ParseError{Line: 1, Err: cellFault("没有表头：输入为空", "no header: the input is empty", ErrHeader)}
	}
	if err != nil {
		var ce *csv.ParseError
		if errors.As(err, &ce) {
			return &ParseError{Line: ce.StartLine, Err: cellFault("表头"+quoteText(ce), "header: "+ce.Err.Error(), ErrHeader, ce.Err)}
		}
		return err
	}
	line, _ := r.csv.FieldPos(0)
	r.slots = make([]csvSlot, len(row))
	seen := make(map[string]int, len(row)) // normalised title → column
	for i, h := range row {
		if err := checkCell(h); err != nil {
			ce := err.(*cellError)
			return &ParseError{Line: line, Column: i + 1, Err: cellFault("表头"+ce.zh, "header: "+ce.en, append([]error{ErrHeader}, ce.errs...)...)}
		}
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		// Two spellings of one form column (出生年月 and 出生日期) are
		// duplicates too, so a form column is known by its canonical title.
		n := normHeader(h)
		s := csvSlot{header: h, col: lookupColumn(n), extra: true}
		if s.col != nil {
			n, s.extra = normHeader(s.col.header), false
			if s.col.header == keyHeader {
				r.keyCol = i
			}
		}
		if j, dup := seen[n]; dup {
			return &ParseError{Line: line, Column: i + 1, Header: h, Err: cellFault(
				fmt.Sprintf("表头重复，第 %d 列已是 %s", j+1, r.slots[j].header), "duplicate header", ErrHeader)}
		}
		seen[n] = i
		r.slots[i] = s
	}
	var missing, required []string
	for i := range csvColumns {
		c := &csvColumns[i]
		if _, ok := seen[normHeader(c.header)]; ok {
			continue
		}
		missing = append(missing, c.header)
		if c.required {
			required = append(required, c.header)
		}
	}
	if len(required) > 0 {
		return &ParseError{Line: line, Err: cellFault("缺少必需的列："+strings.Join(required, "、"), "missing required headers", ErrHeader)}
	}
	r.missing = missing
	return nil
}

func (r *Reader) parseRow(row []string, line int) (*Record, *ParseError) {
	key := r.key(row)
	rec := &Record{}
	for i, cell := range row {
		s := r.slots[i]
		fail := func(err error) (*Record, *ParseError) {
			return nil, &ParseError{Line: line, Column: i + 1, Header: s.header, Key: key, Err: err}
		}
		if err := checkCell(cell); err != nil {
			return fail(err)
		}
		v := strings.TrimSpace(cell)
		if v == "" {
			continue
		}
		switch {
		case s.col != nil:
			if err := s.col.read(rec, v); err != nil {
				return fail(err)
			}
		case s.extra:
			if rec.Extra == nil {
				rec.Extra = make(map[string]any)
			}
			rec.Extra[s.header] = v
		default:
			return fail(cellFault("该列没有表头，却有内容", "cell under an empty header", ErrBadCell))
		}
	}
	return rec, nil
}

// checkCell refuses what no column can hold: bytes that are not UTF-8,
// control characters (tab and line feed aside) and overlong cells.
func checkCell(s string) error {
	if len(s) > maxCellBytes {
		return cellFault(fmt.Sprintf("内容过长：%d 字节，上限 %d 字节", len(s), maxCellBytes), "cell too long", ErrBadCell)
	}
	n := 0 // characters so far
	for i := 0; i < len(s); n++ {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			if c, size = utf8.DecodeRuneInString(s[i:]); c == utf8.RuneError && size == 1 {
				return cellFault(fmt.Sprintf("第 %d 个字符不是有效的 UTF-8 编码（文件可能是 GBK 编码，请另存为 UTF-8）", n+1), "invalid UTF-8", ErrBadCell)
			}
		}
		if isControlChar(c) {
			return cellFault(fmt.Sprintf("第 %d 个字符是控制字符 %U", n+1, c), "control character", ErrBadCell)
		}
		i += size
	}
	return nil
}

func isControlChar(c rune) bool {
	return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c < 0xa0)
}

// normHeader drops white space (and stray byte-order marks or zero-width
// spaces) and makes parentheses full-width, so that "公益捐赠(万元)" and
// "姓  名" match the form's titles.
func normHeader(h string) string {
	return strings.Map(func(c rune) rune {
		switch {
		case unicode.IsSpace(c), c == '\uFEFF', c == '\u200B':
			return -1
		case c == '(':
			return '（'
		case c == ')':
			return '）'
		}
		return c
	}, h)
}

func lookupColumn(norm string) *csvColumn {
	for i := range csvColumns {
		c := &csvColumns[i]
		if normHeader(c.header) == norm {
			return c
		}
		for _, a := range c.aliases {
			if normHeader(a) == norm {
				return c
			}
		}
	}
	return nil
}

// Headers returns the titles of the form's columns in the order [Writer]
// writes them.
func Headers() []string {
	h := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		h[i] = c.header
	}
	return h
}

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

// NewWriter returns a Writer that writes a roster to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{out: w, csv: csv.NewWriter(w)}
}

// Write writes the header, if not written yet, and one record. Rows are
// buffered: call [Writer.Flush] at the end.
func (w *Writer) Write(rec *Record) error {
	if rec == nil {
		return errors.New("roster: Write of a nil *Record")
	}
	if err := w.header(); err != nil {
		return err
	}
	row := w.row[:0]
	for i := range csvColumns {
		c := &csvColumns[i]
		s, err := c.write(rec)
		if err == nil {
			err = checkWritable(s)
		}
		if err != nil {
			return writeFault(rec.Key, c.header, err)
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
		case lookupColumn(n) != nil || seen[n]:
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
// to; it prints in Chinese, then in English, and wraps the causes.
func writeFault(key, header string, err error) error {
	var ce *cellError
	if !errors.As(err, &ce) {
		ce = &cellError{zh: err.Error(), en: err.Error(), errs: []error{err}}
	}
	if _, err := ParseCitizenID(key); key == "" || err == nil {
		return fmt.Errorf("%s：%s (%s: %w)", header, ce.zh, header, ce)
	}
	return fmt.Errorf("登记编号 %s，%s：%s (key %s, %s: %w)", key, header, ce.zh, key, header, ce)
}

func formatExtraCell(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int:
		if x < 0 {
			return "", cellFault(fmt.Sprintf("不能为负数：%d", x), "negative number", ErrBadCell)
		}
		return strconv.Itoa(x), nil
	case bool:
		return formatBoolCell(x), nil
	case decimal.Decimal:
		if x == (decimal.Decimal{}) {
			return "0", nil
		}
		return formatDecimalCell(x)
	}
	return "", cellFault(fmt.Sprintf("值的类型 %T 无法写入", v), fmt.Sprintf("cannot write a %T", v), ErrBadCell)
}

// checkWritable refuses text the Reader would not read back as written.
func checkWritable(s string) error {
	if err := checkCell(s); err != nil {
		return err
	}
	if strings.TrimSpace(s) != s {
		return cellFault("首尾有空白字符", "surrounding white space", ErrBadCell)
	}
	return nil
}

// column is one column of the form: how its cell fills a Record and how it
// is written from one. read gets the trimmed, non-empty cell.
type csvColumn struct {
	header   string
	aliases  []string
	required bool
	read     func(r *Record, s string) error
	write    func(r *Record) (string, error)
}

const keyHeader = "登记编号"

// cellAccess returns the field a column reads and writes; create is for
// fields inside an optional part of the record, of which there is none now.
type cellAccess[T any] func(r *Record, create bool) *T

func recordField[T any](f func(r *Record) *T) cellAccess[T] {
	return func(r *Record, _ bool) *T { return f(r) }
}

var csvColumns = []csvColumn{
	requiredColumn(textCol(keyHeader, recordField(func(r *Record) *string { return &r.Key }), "登记号")),
	requiredColumn(textCol("所属单位", recordField(func(r *Record) *string { return &r.Unit }), "所属县区")),
	requiredColumn(textCol("姓名", recordField(func(r *Record) *string { return &r.Name }))),
	codeCol("性别", recordField(func(r *Record) *Sex { return &r.Sex }), ParseSex, SexLabels),
	codeCol("民族", recordField(func(r *Record) *Ethnicity { return &r.Ethnicity }), ParseEthnicity, EthnicityLabels),
	dateCol("出生年月", recordField(func(r *Record) *Date { return &r.BirthDate }), "出生日期"),
	textCol("公民身份号码", recordField(func(r *Record) *string { return &r.CitizenID }), "身份证号码", "身份证号", "公民身份证号码"),
	textCol("籍贯", recordField(func(r *Record) *string { return &r.NativePlace })),
	textCol("联系电话", recordField(func(r *Record) *string { return &r.Phone }), "手机号码", "手机号", "电话"),
	codeCol("政治面貌", recordField(func(r *Record) *Politics { return &r.Politics }), ParsePolitics, PoliticsLabels),
	boolCol("政治可靠", recordField(func(r *Record) *bool { return &r.Reliable })),
	codeCol("政治立场评价", recordField(func(r *Record) *Rating { return &r.PoliticalRating }), ParseRating, RatingLabels),
	codeCol("学历", recordField(func(r *Record) *Education { return &r.Education }), ParseEducation, EducationLabels, "文化程度"),
	codeCol("学位", recordField(func(r *Record) *Degree { return &r.Degree }), ParseDegree, DegreeLabels),
	textCol("专业技术职称", recordField(func(r *Record) *string { return &r.Title }), "职称"),
	codeCol("职称级别", recordField(func(r *Record) *TitleLevel { return &r.TitleLevel }), ParseTitleLevel, TitleLevelLabels, "职称等级"),
	textCol("工作单位", recordField(func(r *Record) *string { return &r.Employer })),
	codeCol("单位性质", recordField(func(r *Record) *EmployerKind { return &r.EmployerKind }), ParseEmployerKind, EmployerKindLabels),
	textCol("职务", recordField(func(r *Record) *string { return &r.Position })),
	textCol("职业", recordField(func(r *Record) *string { return &r.Occupation })),
	codeCol("岗位类别", recordField(func(r *Record) *Role { return &r.Role }), ParseRole, RoleLabels),
	dateCol("参加工作时间", recordField(func(r *Record) *Date { return &r.WorkStart })),
	countCol("从业年限", recordField(func(r *Record) *int { return &r.FieldYears })),
	boolCol("新媒体从业", recordField(func(r *Record) *bool { return &r.NewMedia })),
	countCol("粉丝数", recordField(func(r *Record) *int { return &r.Followers })),
	boolCol("在本地工作或居住", recordField(func(r *Record) *bool { return &r.Local })),
	listCol("人大政协职务", recordField(func(r *Record) *[]Seat { return &r.Seats }), seatItem, "人大代表、政协委员", "人大代表政协委员"),
	listCol("统战社会组织职务", recordField(func(r *Record) *[]OrgPost { return &r.OrgPosts }), orgPostItem, "统战组织和社会组织职务"),
	textCol("其他社会职务", recordField(func(r *Record) *string { return &r.OtherPosts })),
	listCol("获奖情况", recordField(func(r *Record) *[]Award { return &r.Awards }), awardItem),
	listCol("培训情况", recordField(func(r *Record) *[]Training { return &r.Trainings }), trainingItem),
	textCol("主要政治表现", recordField(func(r *Record) *string { return &r.Performance })),
	textCol("主要成就和社会影响", recordField(func(r *Record) *string { return &r.Achievements })),
	codeCol("行业影响力评价", recordField(func(r *Record) *Rating { return &r.IndustryRating }), ParseRating, RatingLabels),
	decimalCol("公益捐赠（万元）", recordField(func(r *Record) *decimal.Decimal { return &r.Donations }), false, "公益捐赠"),
	countCol("志愿服务时长（小时）", recordField(func(r *Record) *int { return &r.VolunteerHours }), "志愿服务时长"),
	countCol("带动就业人数", recordField(func(r *Record) *int { return &r.JobsCreated })),
	countCol("建言献策采纳数", recordField(func(r *Record) *int { return &r.Proposals })),
	decimalCol("活动出勤率", recordField(func(r *Record) *decimal.Decimal { return &r.Attendance }), true, "出勤率"),
	boolCol("应急救灾贡献", recordField(func(r *Record) *bool { return &r.EmergencyRelief }), "抢险救灾重大贡献"),
	boolCol("国家级表彰", recordField(func(r *Record) *bool { return &r.NationalRecognition }), "全国性表彰"),
	boolCol("刑事处罚", recordField(func(r *Record) *bool { return &r.CriminalPenalty }), "受过刑事处罚"),
	boolCol("失信被执行人", recordField(func(r *Record) *bool { return &r.DishonestDebtor })),
	boolCol("重大税收违法", recordField(func(r *Record) *bool { return &r.TaxViolation })),
	boolCol("负面言论", recordField(func(r *Record) *bool { return &r.NegativeStatements }), "严重负面言论"),
}

// required marks a column that names a record: without it no row can be
// told apart from another.
func requiredColumn(c csvColumn) csvColumn {
	c.required = true
	return c
}

func textCol(h string, get cellAccess[string], aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error { *get(r, true) = s; return nil },
		write: func(r *Record) (string, error) {
			if p := get(r, false); p != nil {
				return *p, nil
			}
			return "", nil
		},
	}
}

// code is a closed set of this package.
type codeValue interface {
	~uint8
	Label() string
	Valid() bool
}

func codeCol[T codeValue](h string, get cellAccess[T], parse func(string) (T, error), labels func() []string, aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error {
			v, err := parseCodeCell(s, parse, labels)
			if err == nil {
				*get(r, true) = v
			}
			return err
		},
		write: func(r *Record) (string, error) {
			if p := get(r, false); p != nil {
				return formatCodeCell(*p)
			}
			return "", nil
		},
	}
}

func parseCodeCell[T codeValue](s string, parse func(string) (T, error), labels func() []string) (T, error) {
	v, err := parse(s)
	if err != nil {
		zh := "未知代码"
		if l := labels(); len(l) <= 13 {
			zh += "，可填：" + strings.Join(l, "、")
		}
		var zero T
		return zero, cellFault(zh, "unknown code", err)
	}
	return v, nil
}

func formatCodeCell[T codeValue](v T) (string, error) {
	switch {
	case v == 0:
		return "", nil
	case !v.Valid():
		return "", cellFault(fmt.Sprintf("代码值 %d 不在代码表中", uint8(v)), "unknown code", ErrUnknownCode)
	}
	return v.Label(), nil
}

func dateCol(h string, get cellAccess[Date], aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error {
			d, err := parseDateCell(s)
			if err == nil {
				*get(r, true) = d
			}
			return err
		},
		write: func(r *Record) (string, error) {
			if p := get(r, false); p != nil {
				return formatDateCell(*p)
			}
			return "", nil
		},
	}
}

func parseDateCell(s string) (Date, error) {
	d, err := ParseDate(s)
	if err == nil {
		return d, nil
	}
	if dateShaped(s) {
		return d, cellFault("日期不存在", "bad date", err)
	}
	return d, cellFault("日期无法识别，应写作 2006-01-02 或 2006-01", "bad date", err)
}

// dateShaped reports whether s is written like a date (digits and
// separators as ParseDate reads them), so that a failure means the date
// does not exist.
func dateShaped(s string) bool {
	if len(s) == 8 && isDigits(s) {
		return true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if !isDigits(p) || len(p) > 4 {
			return false
		}
	}
	return true
}

func formatDateCell(d Date) (string, error) {
	if !d.IsZero() && !d.Valid() {
		return "", cellFault(fmt.Sprintf("日期 %04d-%02d-%02d 不存在", d.Year, int(d.Month), d.Day), "bad date", ErrBadDate)
	}
	return d.String(), nil
}

func boolCol(h string, get cellAccess[bool], aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error {
			v, err := parseBoolCell(s)
			if err == nil {
				*get(r, true) = v
			}
			return err
		},
		write: func(r *Record) (string, error) {
			if p := get(r, false); p != nil {
				return formatBoolCell(*p), nil
			}
			return "", nil
		},
	}
}

func parseBoolCell(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "是", "有", "1", "true":
		return true, nil
	case "否", "无", "0", "false":
		return false, nil
	}
	return false, cellFault("无法识别的是否值，应填 是 或 否", "bad yes-or-no value", ErrBadCell)
}

func formatBoolCell(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func countCol(h string, get cellAccess[int], aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error {
			n, err := parseCountCell(s)
			if err == nil {
				*get(r, true) = n
			}
			return err
		},
		write: func(r *Record) (string, error) {
			if p := get(r, false); p != nil {
				return formatCountCell(*p, true)
			}
			return "", nil
		},
	}
}

func parseCountCell(s string) (int, error) {
	if isDigits(s) {
		t := strings.TrimLeft(s, "0")
		if len(t) <= 10 {
			if n, err := strconv.Atoi(s); err == nil && n <= maxCount {
				return n, nil
			}
		}
		return 0, cellFault(fmt.Sprintf("数值 %s 超出范围（上限 %d）", s, maxCount), "number out of range", ErrBadCell)
	}
	if strings.HasPrefix(s, "-") && isPlainNumber(s[1:]) {
		return 0, cellFault(fmt.Sprintf("不能为负数：%s", s), "negative number", ErrBadCell)
	}
	return 0, cellFault("不是整数，应只写数字", "not a whole number", ErrBadCell)
}

func formatCountCell(n int, zero bool) (string, error) {
	switch {
	case n < 0:
		return "", cellFault(fmt.Sprintf("不能为负数：%d", n), "negative number", ErrBadCell)
	case n > maxCount:
		return "", cellFault(fmt.Sprintf("数值 %d 超出范围（上限 %d）", n, maxCount), "number out of range", ErrBadCell)
	case n == 0 && !zero:
		return "", nil
	}
	return strconv.Itoa(n), nil
}

// isPlainNumber reports whether s is digits with at most one decimal point.
func isPlainNumber(s string) bool {
	i, f, _ := strings.Cut(s, ".")
	return isDigits(i) && (f == "" || isDigits(f)) && !strings.HasSuffix(s, ".")
}

func decimalCol(h string, get cellAccess[decimal.Decimal], percent bool, aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error {
			d, err := parseDecimalCell(s, percent)
			if err == nil {
				*get(r, true) = d
			}
			return err
		},
		write: func(r *Record) (string, error) {
			if p := get(r, false); p != nil {
				return formatDecimalCell(*p)
			}
			return "", nil
		},
	}
}

func parseDecimalCell(s string, percent bool) (decimal.Decimal, error) {
	t := s
	pct := percent && (strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％"))
	if pct {
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％"))
	}
	if !isPlainNumber(t) {
		switch u := strings.ToLower(strings.TrimLeft(t, "+-")); {
		case u == "nan" || u == "inf" || u == "infinity":
			return decimal.Decimal{}, cellFault("不是有限的数值", "not a finite number", ErrBadCell)
		case strings.HasPrefix(t, "-") && isPlainNumber(t[1:]):
			return decimal.Decimal{}, cellFault(fmt.Sprintf("不能为负数：%s", s), "negative number", ErrBadCell)
		}
		return decimal.Decimal{}, cellFault("不是数值，应写作 12 或 12.5 这样的数", "not a number", ErrBadCell)
	}
	i, f, _ := strings.Cut(t, ".")
	places := len(f)
	if pct {
		places += 2
	}
	if len(strings.TrimLeft(i, "0")) > maxIntDigits || places > maxFracDigits {
		return decimal.Decimal{}, cellFault(fmt.Sprintf("数值 %s 位数过多（整数部分最多 %d 位，小数最多 %d 位）", s, maxIntDigits, maxFracDigits), "number out of range", ErrBadCell)
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, cellFault("不是数值", "not a number", ErrBadCell, err)
	}
	if pct {
		d = d.Shift(-2)
	}
	return d, nil
}

// formatDecimalCell keeps the places of a fraction, so that 1.50 is read back as
// 1.50 and not 1.5. The zero Decimal (not filled in) is written empty.
func formatDecimalCell(d decimal.Decimal) (string, error) {
	if d == (decimal.Decimal{}) {
		return "", nil
	}
	exp := d.Exponent()
	switch {
	case d.Sign() < 0:
		return "", cellFault(fmt.Sprintf("不能为负数：%s", d), "negative number", ErrBadCell)
	case exp < -maxFracDigits || int64(d.NumDigits())+int64(exp) > maxIntDigits:
		return "", cellFault("数值位数过多", "number out of range", ErrBadCell)
	case exp < 0:
		return d.StringFixed(-exp), nil
	}
	return d.String(), nil
}

// listItem describes the items of a list column: the names of their fields
// (for messages), how an item is read from its fields (as many as names,
// missing trailing ones empty) and written to them.
type listItem[T any] struct {
	fields []string
	read   func(f []string) (T, error)
	write  func(v T) ([]string, error)
}

var seatItem = listItem[Seat]{
	fields: []string{"机构", "级别", "届次", "界别"},
	read: func(f []string) (v Seat, err error) {
		if v.Body, err = itemCode(0, f, ParseBody, BodyLabels); err != nil {
			return v, err
		}
		if v.Level, err = itemCode(1, f, ParseLevel, LevelLabels); err != nil {
			return v, err
		}
		v.Term, v.Sector = f[2], f[3]
		return v, nil
	},
	write: func(v Seat) ([]string, error) {
		return itemStrings(itemCodeText(v.Body), itemCodeText(v.Level), itemText(v.Term), itemText(v.Sector))
	},
}

var orgPostItem = listItem[OrgPost]{
	fields: []string{"组织类别", "组织名称", "职务", "级别", "是否负责人"},
	read: func(f []string) (v OrgPost, err error) {
		if v.Kind, err = itemCode(0, f, ParseOrgKind, OrgKindLabels); err != nil {
			return v, err
		}
		v.Organization, v.Title = f[1], f[2]
		if v.Level, err = itemCode(3, f, ParseLevel, LevelLabels); err != nil {
			return v, err
		}
		if f[4] != "" {
			if v.Leading, err = parseBoolCell(f[4]); err != nil {
				return v, itemFieldErr(4, err)
			}
		}
		return v, nil
	},
	write: func(v OrgPost) ([]string, error) {
		return itemStrings(itemCodeText(v.Kind), itemText(v.Organization), itemText(v.Title), itemCodeText(v.Level), itemText(formatBoolCell(v.Leading)))
	},
}

var awardItem = listItem[Award]{
	fields: []string{"名称", "级别", "年份"},
	read: func(f []string) (v Award, err error) {
		v.Name = f[0]
		if v.Level, err = itemCode(1, f, ParseLevel, LevelLabels); err != nil {
			return v, err
		}
		if f[2] != "" {
			if v.Year, err = parseCountCell(f[2]); err != nil {
				return v, itemFieldErr(2, err)
			}
		}
		return v, nil
	},
	write: func(v Award) ([]string, error) {
		return itemStrings(itemText(v.Name), itemCodeText(v.Level), itemCount(v.Year))
	},
}

var trainingItem = listItem[Training]{
	fields: []string{"名称", "日期", "学时"},
	read: func(f []string) (v Training, err error) {
		v.Name = f[0]
		if f[1] != "" {
			if v.Date, err = parseDateCell(f[1]); err != nil {
				return v, itemFieldErr(1, err)
			}
		}
		if f[2] != "" {
			if v.Hours, err = parseCountCell(f[2]); err != nil {
				return v, itemFieldErr(2, err)
			}
		}
		return v, nil
	},
	write: func(v Training) ([]string, error) {
		d, err := formatDateCell(v.Date)
		return itemStrings(itemText(v.Name), func() (string, error) { return d, err }, itemCount(v.Hours))
	},
}

// itemFieldError is a fault in the i-th field of a list item.
type itemFieldError struct {
	i   int
	err error
}

func (e *itemFieldError) Error() string { return e.err.Error() }
func (e *itemFieldError) Unwrap() error { return e.err }

func itemFieldErr(i int, err error) error { return &itemFieldError{i: i, err: err} }

func itemCode[T codeValue](i int, f []string, parse func(string) (T, error), labels func() []string) (T, error) {
	if f[i] == "" {
		var zero T
		return zero, nil
	}
	v, err := parseCodeCell(f[i], parse, labels)
	if err != nil {
		return v, itemFieldErr(i, err)
	}
	return v, nil
}

func itemCodeText[T codeValue](v T) func() (string, error) {
	return func() (string, error) { return formatCodeCell(v) }
}

func itemText(s string) func() (string, error) {
	return func() (string, error) { return s, nil }
}

func itemCount(n int) func() (string, error) {
	return func() (string, error) { return formatCountCell(n, false) }
}

// itemStrings collects the fields of an item, refusing a field that holds
// a separator, since it would split the item when read back.
func itemStrings(fs ...func() (string, error)) ([]string, error) {
	out := make([]string, len(fs))
	for i, f := range fs {
		s, err := f()
		if err == nil {
			err = checkWritable(s)
		}
		if err == nil && strings.ContainsAny(s, "|｜;；\n") {
			err = cellFault("含有分隔符（| ｜ ; ；或换行）", "separator inside a list item field", ErrBadCell)
		}
		if err != nil {
			return nil, itemFieldErr(i, err)
		}
		out[i] = s
	}
	return out, nil
}

func isItemSep(r rune) bool { return r == ';' || r == '；' || r == '\n' }

func isFieldSep(r rune) bool { return r == '|' || r == '｜' }

func listCol[T any](h string, get cellAccess[[]T], kind listItem[T], aliases ...string) csvColumn {
	return csvColumn{header: h, aliases: aliases,
		read: func(r *Record, s string) error {
			n := 0
			for item := range strings.FieldsFuncSeq(s, isItemSep) {
				item = strings.TrimSpace(item)
				if item == "" {
					continue
				}
				n++
				f := splitItemFields(item)
				if len(f) > len(kind.fields) {
					return cellFault(fmt.Sprintf("第 %d 项有 %d 个字段，最多 %d 个（%s）", n, len(f), len(kind.fields), strings.Join(kind.fields, "|")),
						"bad list item: too many fields", ErrBadCell)
				}
				for len(f) < len(kind.fields) {
					f = append(f, "")
				}
				v, err := kind.read(f)
				if err != nil {
					return itemError(n, kind.fields, err)
				}
				p := get(r, true)
				*p = append(*p, v)
			}
			return nil
		},
		write: func(r *Record) (string, error) {
			p := get(r, false)
			if p == nil || len(*p) == 0 {
				return "", nil
			}
			items := make([]string, len(*p))
			for i, v := range *p {
				f, err := kind.write(v)
				if err != nil {
					return "", itemError(i+1, kind.fields, err)
				}
				items[i] = strings.Join(f, "|")
			}
			return strings.Join(items, "；"), nil
		},
	}
}

// splitItemFields splits an item at '|' or '｜', trimming each field.
func splitItemFields(item string) []string {
	var f []string
	start := 0
	for i, c := range item {
		if isFieldSep(c) {
			f = append(f, strings.TrimSpace(item[start:i]))
			start = i + utf8.RuneLen(c)
		}
	}
	return append(f, strings.TrimSpace(item[start:]))
}

// itemError places a fault in the n-th item (1-based) of a list.
func itemError(n int, names []string, err error) error {
	var fe *itemFieldError
	if !errors.As(err, &fe) {
		return err
	}
	zh, en := fe.err.Error(), fe.err.Error()
	errs := []error{ErrBadCell}
	var ce *cellError
	if errors.As(fe.err, &ce) {
		zh, en = ce.zh, ce.en
		errs = append(errs, ce.errs...)
	}
	return cellFault(fmt.Sprintf("第 %d 项第 %d 个字段（%s）：%s", n, fe.i+1, names[fe.i], zh), "bad list item: "+en, errs...)
}
