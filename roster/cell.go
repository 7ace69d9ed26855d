package roster

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// How one cell is read and written, by the kind of its field. Every
// message here says what is wrong and what the cell should hold, and none
// repeats the cell: a citizen ID typed into 粉丝数 must not come back in
// the error.

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

var (
	countRange = fmt.Sprintf("应填 0 到 %d 之间的整数", maxCount)
	digitRange = fmt.Sprintf("整数部分最多 %d 位，小数最多 %d 位", maxIntDigits, maxFracDigits)
)

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
				return cellFault(fmt.Sprintf("第 %d 个字符不是有效的 UTF-8 编码（文件中混有不同编码的文字，请另存为 CSV UTF-8）", n+1), "invalid UTF-8", ErrBadCell)
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

// normHeader drops white space (and stray byte-order marks or zero-width
// spaces) and the asterisks that mark a required column, and makes
// parentheses and brackets full-width parentheses, so that
// "公益捐赠(万元)", "公益捐赠【万元】", "*姓  名" match the form's titles.
func normHeader(h string) string {
	return strings.Map(func(c rune) rune {
		switch c {
		case '\uFEFF', '\u200B', '*', '＊', '※':
			return -1
		case '(', '[', '【', '〔', '［':
			return '（'
		case ')', ']', '】', '〕', '］':
			return '）'
		}
		if unicode.IsSpace(c) {
			return -1
		}
		return c
	}, h)
}

// codeValue is a closed set of this package.
type codeValue interface {
	~uint8
	Label() string
	Valid() bool
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
		return "", cellFault("代码值不在代码表中", "unknown code", ErrUnknownCode)
	}
	return v.Label(), nil
}

func parseDateCell(s string) (Date, error) {
	// A spreadsheet's date and time, the time midnight: the date is all
	// there is.
	for _, midnight := range []string{" 00:00:00", " 00:00", " 0:00"} {
		s = strings.TrimSuffix(s, midnight)
	}
	d, err := ParseDate(s)
	if err == nil {
		return d, nil
	}
	if d, ok := spreadsheetDate(s); ok {
		return d, nil
	}
	if y := strings.TrimSuffix(s, "年"); len(y) == 4 && isDigits(y) {
		return Date{}, cellFault("只写了年份，应写到月，如 2006-01", "year only: give the month too", ErrBadDate)
	}
	if dateShaped(s) {
		return d, cellFault("日期不存在", "bad date", err)
	}
	return d, cellFault("日期无法识别，应写作 2006-01-02 或 2006-01", "bad date", err)
}

// spreadsheetDate reads what a spreadsheet makes of a date: a year and
// month run together (198503), or the serial number of a day (31118 for
// 1985-03-12) when the cell lost its date format. Five digits are
// 1927-05-18 to 2173-10-14: no count or year is read as a date here,
// since only date columns call this.
func spreadsheetDate(s string) (Date, bool) {
	if len(s) == 6 && isDigits(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:])
		d := Date{Year: y, Month: time.Month(m)}
		return d, d.Valid()
	}
	i, f, _ := strings.Cut(s, ".")
	if len(i) != 5 || !isDigits(i) || (f != "" && !isDigits(f)) {
		return Date{}, false
	}
	n, _ := strconv.Atoi(i)
	// Day 0 of Excel's 1900 system is 1899-12-30 for every serial after
	// its fictitious 1900-02-29.
	t := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	d := Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	return d, d.Valid()
}

// dateShaped reports whether s is written like a date (digits and
// separators as ParseDate reads them), so that a failure means the date
// does not exist.
func dateShaped(s string) bool {
	parts := dateParts(s)
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
		return "", cellFault("日期不存在", "bad date", ErrBadDate)
	}
	return d.String(), nil
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

func parseCountCell(s string) (int, error) {
	s = ungroup(s)
	if isDigits(s) {
		t := strings.TrimLeft(s, "0")
		if len(t) <= 10 {
			if n, err := strconv.Atoi(s); err == nil && n <= maxCount {
				return n, nil
			}
		}
		return 0, cellFault("超出范围，"+countRange, "number out of range", ErrBadCell)
	}
	if strings.HasPrefix(s, "-") && isPlainNumber(s[1:]) {
		return 0, cellFault("不能为负数，"+countRange, "negative number", ErrBadCell)
	}
	return 0, cellFault("不是整数，应只写数字", "not a whole number", ErrBadCell)
}

func formatCountCell(n int, zero bool) (string, error) {
	switch {
	case n < 0:
		return "", cellFault("不能为负数，"+countRange, "negative number", ErrBadCell)
	case n > maxCount:
		return "", cellFault("超出范围，"+countRange, "number out of range", ErrBadCell)
	case n == 0 && !zero:
		return "", nil
	}
	return strconv.Itoa(n), nil
}

// ungroup drops the commas of digits grouped by thousands (113,811 or
// 1,234.5, as a spreadsheet shows numbers); anything else is returned as
// it is, so 1,23 stays a fault.
func ungroup(s string) string {
	i, f, hasFrac := strings.Cut(s, ".")
	groups := strings.Split(i, ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || !isDigits(groups[0]) {
		return s
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !isDigits(g) {
			return s
		}
	}
	out := strings.Join(groups, "")
	if hasFrac {
		out += "." + f
	}
	return out
}

// isPlainNumber reports whether s is digits with at most one decimal point.
func isPlainNumber(s string) bool {
	i, f, _ := strings.Cut(s, ".")
	return isDigits(i) && (f == "" || isDigits(f)) && !strings.HasSuffix(s, ".")
}

func parseDecimalCell(s string, percent bool) (decimal.Decimal, error) {
	t := ungroup(s)
	pct := percent && (strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％"))
	if pct {
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％"))
	}
	if !isPlainNumber(t) {
		switch u := strings.ToLower(strings.TrimLeft(t, "+-")); {
		case u == "nan" || u == "inf" || u == "infinity":
			return decimal.Decimal{}, cellFault("不是有限的数值", "not a finite number", ErrBadCell)
		case strings.HasPrefix(t, "-") && isPlainNumber(t[1:]):
			return decimal.Decimal{}, cellFault("不能为负数", "negative number", ErrBadCell)
		}
		return decimal.Decimal{}, cellFault("不是数值，应写作 12 或 12.5 这样的数", "not a number", ErrBadCell)
	}
	i, f, _ := strings.Cut(t, ".")
	places := len(f)
	if pct {
		places += 2
	}
	if len(strings.TrimLeft(i, "0")) > maxIntDigits || places > maxFracDigits {
		return decimal.Decimal{}, cellFault("位数过多（"+digitRange+"）", "number out of range", ErrBadCell)
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, cellFault("不是数值", "not a number", ErrBadCell)
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
		return "", cellFault("不能为负数", "negative number", ErrBadCell)
	case exp < -maxFracDigits || int64(d.NumDigits())+int64(exp) > maxIntDigits:
		return "", cellFault("位数过多（"+digitRange+"）", "number out of range", ErrBadCell)
	case exp < 0:
		return d.StringFixed(-exp), nil
	}
	return d.String(), nil
}

// formatExtraCell writes a county-district input as the text the Reader
// keeps.
func formatExtraCell(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int:
		if x < 0 {
			return "", cellFault("不能为负数", "negative number", ErrBadCell)
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

// listItem describes the items of a list column: their fields (names for
// messages), how an item is read from its fields (as many as names,
// missing trailing ones empty) and written to them.
type listItem[T any] struct {
	fields []itemField
	read   func(f []string) (T, error)
	write  func(v T) ([]string, error)
}

// seatItem reads a seat as 机构|级别|届次|界别|任期起始|任期届满. The term's
// dates came later than the other fields: a cell of four fields is a seat
// without them, and a seat without them is written in four fields, so
// rosters written before still read and write as they did.
var seatItem = listItem[Seat]{
	fields: []itemField{
		{"机构", "人大/政协", "seat body", "Body"},
		{"级别", "政协/人大级别", "seat level", "Level"},
		{"届次", "届次", "seat term", "Term"},
		{"界别", "界别", "seat sector", "Sector"},
		{"任期起始", "任期起始", "seat term start", "From"},
		{"任期届满", "任期届满", "seat term end", "Until"},
	},
	read: func(f []string) (v Seat, err error) {
		if v.Body, err = itemCode(0, f, ParseBody, BodyLabels); err != nil {
			return v, err
		}
		if v.Level, err = itemCode(1, f, ParseLevel, LevelLabels); err != nil {
			return v, err
		}
		v.Term, v.Sector = f[2], f[3]
		if v.From, err = itemDate(4, f); err != nil {
			return v, err
		}
		if v.Until, err = itemDate(5, f); err != nil {
			return v, err
		}
		return v, nil
	},
	write: func(v Seat) ([]string, error) {
		fs := []func() (string, error){itemCodeText(v.Body), itemCodeText(v.Level), itemText(v.Term), itemText(v.Sector)}
		if !v.From.IsZero() || !v.Until.IsZero() {
			fs = append(fs, itemDateText(v.From), itemDateText(v.Until))
		}
		return itemStrings(fs...)
	},
}

var orgPostItem = listItem[OrgPost]{
	fields: []itemField{
		{"组织类别", "组织类别", "organisation kind", "Kind"},
		{"组织名称", "组织名称", "organisation name", "Organization"},
		{"职务", "组织职务", "organisation post title", "Title"},
		{"级别", "组织级别", "organisation level", "Level"},
		{"是否负责人", "领导职务", "leading post", "Leading"},
	},
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
	fields: []itemField{
		{"名称", "奖项名称", "award name", "Name"},
		{"级别", "奖项级别", "award level", "Level"},
		{"年份", "获奖年份", "award year", "Year"},
	},
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
	fields: []itemField{
		{"名称", "培训名称", "training name", "Name"},
		{"日期", "培训时间", "training date", "Date"},
		{"学时", "培训学时", "training hours", "Hours"},
	},
	read: func(f []string) (v Training, err error) {
		v.Name = f[0]
		if v.Date, err = itemDate(1, f); err != nil {
			return v, err
		}
		if f[2] != "" {
			if v.Hours, err = parseCountCell(f[2]); err != nil {
				return v, itemFieldErr(2, err)
			}
		}
		return v, nil
	},
	write: func(v Training) ([]string, error) {
		return itemStrings(itemText(v.Name), itemDateText(v.Date), itemCount(v.Hours))
	},
}

// parse reads the items of a list cell: separated by '；', ';' or a line
// break, empty ones skipped; nil when there is none.
func (kind listItem[T]) parse(s string) ([]T, error) {
	var out []T
	n := 0
	for item := range strings.FieldsFuncSeq(s, isItemSep) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		n++
		f := splitItemFields(item)
		if len(f) > len(kind.fields) {
			return nil, cellFault(fmt.Sprintf("第 %d 项有 %d 个字段，最多 %d 个（%s）", n, len(f), len(kind.fields), kind.names()),
				"bad list item: too many fields", ErrBadCell)
		}
		for len(f) < len(kind.fields) {
			f = append(f, "")
		}
		v, err := kind.read(f)
		if err != nil {
			return nil, itemError(n, kind.fields, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func (kind listItem[T]) format(items []T) (string, error) {
	if len(items) == 0 {
		return "", nil
	}
	out := make([]string, len(items))
	for i, v := range items {
		f, err := kind.write(v)
		if err != nil {
			return "", itemError(i+1, kind.fields, err)
		}
		out[i] = strings.Join(f, "|")
	}
	return strings.Join(out, "；"), nil
}

func (kind listItem[T]) names() string {
	names := make([]string, len(kind.fields))
	for i, f := range kind.fields {
		names[i] = f.title
	}
	return strings.Join(names, "|")
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

// itemDate reads the i-th field of an item as a date; empty is the zero
// Date.
func itemDate(i int, f []string) (Date, error) {
	if f[i] == "" {
		return Date{}, nil
	}
	d, err := parseDateCell(f[i])
	if err != nil {
		return d, itemFieldErr(i, err)
	}
	return d, nil
}

func itemDateText(d Date) func() (string, error) {
	return func() (string, error) { return formatDateCell(d) }
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
func itemError(n int, fields []itemField, err error) error {
	var fe *itemFieldError
	if !errors.As(err, &fe) {
		return err
	}
	zh, en := fe.err.Error(), fe.err.Error()
	errs := []error{ErrBadCell}
	var ce *CellError
	if errors.As(fe.err, &ce) {
		zh, en = ce.Reason, ce.ReasonEN
		errs = append(errs, ce.errs...)
	}
	return cellFault(fmt.Sprintf("第 %d 项第 %d 个字段（%s）：%s", n, fe.i+1, fields[fe.i].title, zh), "bad list item: "+en, errs...)
}
