package roster

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// What a clerk's "CSV" turns out to be. Excel and WPS on Chinese Windows
// save CSV as GBK unless told "CSV UTF-8", "Unicode 文本" as UTF-16 with
// tabs, and a workbook is often sent where a CSV was asked for: the
// Reader decodes the first kinds and names the others with what to do.

// sniffSize is how much of the input is looked at to tell its kind: the
// header and a few rows of any roster.
const sniffSize = 64 << 10

// formatError is an input that is not a roster in text: a workbook, a
// PDF, an archive. It wraps [ErrFormat].
type formatError struct{ zh, en string }

func (e *formatError) Error() string { return "roster: " + e.zh + " (" + e.en + ")" }
func (e *formatError) Unwrap() error { return ErrFormat }

// magics are the starts of files that are not CSV, with what to tell the
// clerk. WPS saves its own .et workbooks as OLE2 too.
var magics = []struct {
	prefix string
	zh, en string
}{
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
		"这是 Excel 97-2003 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV UTF-8",
		"an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV UTF-8"},
	{"PK\x03\x04",
		"这是 Excel 工作簿（.xlsx）或压缩文件，不是 CSV；请用读取 .xlsx 的程序（roster/xlsx），或在 Excel 中另存为 CSV UTF-8",
		"an Excel workbook (.xlsx) or a zip archive, not CSV: read it with roster/xlsx or save it as CSV UTF-8"},
	{"%PDF",
		"这是 PDF 文件，无法从中读取名册；请提供 Excel 或 CSV 文件",
		"a PDF file: provide the roster as an Excel or CSV file"},
	{"{\\rtf",
		"这是 RTF 文档，不是表格；请提供 Excel 或 CSV 文件",
		"an RTF document: provide the roster as an Excel or CSV file"},
	{"\x1F\x8B", "这是压缩文件（gzip），请先解压", "a gzip archive: unpack it first"},
	{"Rar!", "这是压缩文件（rar），请先解压", "a rar archive: unpack it first"},
	{"7z\xBC\xAF\x27\x1C", "这是压缩文件（7z），请先解压", "a 7z archive: unpack it first"},
}

// decodeInput looks at the start of r and returns the text it holds as
// UTF-8, the name of its encoding and the cell separator (a comma, or a
// tab for Excel's "Unicode 文本"), or a *formatError for a file that is
// not text.
func decodeInput(r io.Reader) (text io.Reader, encoding string, comma rune, err error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	var src io.Reader = br
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		if len(head) == 0 {
			return nil, "", 0, err
		}
		// Read what came before the failure; the failure comes after it.
		src = io.MultiReader(bytes.NewReader(head), errReader{err})
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return nil, "", 0, &formatError{m.zh, m.en}
		}
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		_, _ = io.CopyN(io.Discard, src, 3)
		return src, "UTF-8", guessComma(string(head[3:])), nil
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return utf16Text(src, head, unicode.ExpectBOM)
	}
	if isHTML(head) {
		return nil, "", 0, &formatError{
			"这是网页（HTML）或 XML 格式的表格，常见于系统导出的 .xls；请在 Excel 中打开后另存为 .xlsx 或 CSV UTF-8",
			"an HTML or XML table, as systems export .xls: open it in Excel and save it as .xlsx or CSV UTF-8"}
	}
	if looksUTF16LE(head) {
		return utf16Text(src, head, unicode.IgnoreBOM)
	}
	if looksBinary(head) {
		return nil, "", 0, &formatError{
			"这不是文本格式的表格（含有二进制内容）；请在 Excel 中另存为 .xlsx 或 CSV UTF-8",
			"a binary file, not a text table: save it as .xlsx or CSV UTF-8"}
	}
	if mostlyUTF8(head) {
		return src, "UTF-8", guessComma(string(head)), nil
	}
	// GB18030 is a superset of GBK and GB2312: one decoder reads all three.
	dec := simplifiedchinese.GB18030.NewDecoder()
	sample, _, _ := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), head)
	return transform.NewReader(src, dec), "GB18030", guessComma(string(sample)), nil
}

// utf16Text decodes UTF-16 (little-endian unless a BOM says otherwise).
func utf16Text(src io.Reader, head []byte, bom unicode.BOMPolicy) (io.Reader, string, rune, error) {
	enc := unicode.UTF16(unicode.LittleEndian, bom)
	sample, _, _ := transform.Bytes(enc.NewDecoder(), head[:len(head)&^1])
	name := "UTF-16LE"
	if bytes.HasPrefix(head, []byte("\xFE\xFF")) {
		name = "UTF-16BE"
	}
	return transform.NewReader(src, enc.NewDecoder()), name, guessComma(string(sample)), nil
}

// looksUTF16LE reports whether text without a BOM is UTF-16LE: most odd
// bytes are zero where ASCII stands, which never happens in other text.
func looksUTF16LE(b []byte) bool {
	n := min(len(b), 1024) &^ 1
	zeroOdd, zeroEven := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			zeroEven++
		}
		if b[i+1] == 0 {
			zeroOdd++
		}
	}
	return n > 0 && zeroOdd > n/8 && zeroEven == 0
}

// looksBinary reports whether more than a tenth of b is control bytes
// that text does not hold; a stray one in a cell is the cell's fault.
func looksBinary(b []byte) bool {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
		}
	}
	return n*10 > len(b)
}

// mostlyUTF8 reports whether b is UTF-8 text, maybe with a few bad bytes
// (a pasted cell), rather than GBK: GBK Chinese rarely forms a valid
// UTF-8 character, so a valid one per bad byte or more is UTF-8.
func mostlyUTF8(b []byte) bool {
	b = trimPartialRune(b)
	if utf8.Valid(b) {
		return true
	}
	good, bad := 0, 0
	for i := 0; i < len(b); {
		c, size := utf8.DecodeRune(b[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			good++
		}
		i += size
	}
	return good > bad
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func isHTML(b []byte) bool {
	s := strings.ToLower(string(bytes.TrimLeft(b[:min(len(b), 512)], " \t\r\n\xEF\xBB\xBF")))
	for _, p := range []string{"<!doctype html", "<html", "<table", "<?xml", "<meta"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// trimPartialRune drops an incomplete character cut off by the end of the
// peeked bytes.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// guessComma returns a tab for text whose first lines hold more tabs than
// commas (Excel's "Unicode 文本", a tab-separated .txt), else a comma.
func guessComma(text string) rune {
	tabs, commas := 0, 0
	for i, line := range strings.SplitN(text, "\n", 21) {
		if i == 20 {
			break
		}
		tabs += strings.Count(line, "\t")
		commas += strings.Count(line, ",")
	}
	if tabs > commas {
		return '\t'
	}
	return ','
}
