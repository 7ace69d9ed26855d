package roster

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
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
//	登记编号 所属单位 推荐单位 姓名 性别 民族 出生年月 公民身份号码 籍贯 联系电话
//	政治面貌 政治可靠 政治立场评价 学历 学位 专业技术职称 职称级别
//	工作单位 单位性质 职务 职业 岗位类别 是否出资人 参加工作时间 从业年限 新媒体从业
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
// (所属县区, 人大代表、政协委员, 受过刑事处罚 ...); [Field.Aliases] lists them.
// 登记编号, 所属单位 and 姓名 are required;
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
//   - Yes or no (政治可靠, 是否出资人, 新媒体从业, 在本地工作或居住, 应急救灾贡献, 国家级表彰,
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
//     (450103), not its name. 推荐单位 holds the code of a unit or a
//     department (4501D03); with [Reader.Jurisdiction] set it may name
//     one instead (南宁市司法局), and is read as the code.
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
	// Jurisdiction, when set before the first Read, lets 推荐单位 name the
	// unit or department rather than give its code: a cell that is a
	// name, a former name or a former code of one is read as its present
	// code (南宁市司法局 as 4501D03, 横县 as 450181). A cell it does not
	// know is kept as written, for [Validator.Validate] to refuse.
	// Without it every cell is kept as written.
	Jurisdiction *Jurisdiction

	csv     *csv.Reader
	started bool
	err     error // sticky: io.EOF, a header error or an I/O error
	slots   []csvSlot
	keyCol  int
	missing []string
}

// csvSlot is what the Reader does with one column of the file.
type csvSlot struct {
	field  *Field // a form column, or nil
	header string // the title as written, trimmed
	extra  bool   // a county-district input
}

// errNoInput is what a Reader made from a nil io.Reader, or a zero
// Reader, gives.
var errNoInput = errors.New("roster: 没有可读取的名册 (no roster to read: the io.Reader is nil)")

// NewReader returns a Reader that reads a roster from r. A nil r gives a
// Reader whose every call returns an error.
func NewReader(r io.Reader) *Reader {
	if r == nil {
		return &Reader{}
	}
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
	if r == nil || r.csv == nil {
		return nil, errNoInput
	}
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
	if r == nil || r.csv == nil {
		return b, errNoInput
	}
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
			ce := err.(*CellError)
			return &ParseError{Line: line, Column: i + 1, Err: cellFault("表头"+ce.Reason, "header: "+ce.ReasonEN, append([]error{ErrHeader}, ce.errs...)...)}
		}
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		// Two spellings of one form column (出生年月 and 出生日期) are
		// duplicates too, so a form column is known by its canonical title.
		n := normHeader(h)
		s := csvSlot{header: h, field: lookupField(n), extra: true}
		if s.field != nil {
			n, s.extra = normHeader(s.field.title), false
			if s.field.title == keyTitle {
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
	for i := range formFields {
		f := &formFields[i]
		if _, ok := seen[normHeader(f.title)]; ok {
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
		case s.field != nil:
			if s.field.unitRef && r.Jurisdiction != nil {
				if u, ok := r.Jurisdiction.Find(v); ok {
					v = u.Code
				}
			}
			if err := s.field.decode(rec, v); err != nil {
				return fail(titled(s.field.title, err))
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
