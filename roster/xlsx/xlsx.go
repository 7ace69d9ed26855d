package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/newstrata/newstrata/roster"
)

// Option sets how a workbook is read.
type Option func(*config)

type config struct{ sheet string }

// Sheet reads the worksheet of that name rather than the first.
func Sheet(name string) Option { return func(c *config) { c.sheet = name } }

// maxXML bounds what is unzipped into memory: a worksheet of 100,000
// rows of the form is some 150 MB of XML. excelize would otherwise spill
// a worksheet over 16 MB to a temporary file, and this package opens no
// file.
const maxXML = 1 << 30

// NewReader reads the workbook in r and returns a [roster.Reader] over the
// rows of its first worksheet (or the one [Sheet] names). The workbook is
// read into memory here; an input that is not an .xlsx workbook, or a
// sheet it does not have, is an error wrapping [roster.ErrFormat].
//
// Cells are read as Excel shows them on a Chinese system: a date as
// 2006-01-02, or 2006年1月 for a format without a day; a number with its
// format (113,811). A date cell that lost its format gives its serial
// number, which the roster reader reads as a date in date columns. Set the
// Reader's Jurisdiction and Inputs before the first Read, as for CSV.
func NewReader(r io.Reader, opts ...Option) (*roster.Reader, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	f, err := excelize.OpenReader(r, excelize.Options{
		CultureInfo:       excelize.CultureNameZhCN,
		ShortDatePattern:  "yyyy-mm-dd",
		LongDatePattern:   "yyyy-mm-dd",
		UnzipXMLSizeLimit: maxXML,
		UnzipSizeLimit:    maxXML,
	})
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("%w: 这不是 .xlsx 工作簿；Excel 97-2003 文件（.xls）请在 Excel 中另存为 .xlsx (not an .xlsx workbook: save an .xls as .xlsx): %v", roster.ErrFormat, err)
		}
		return nil, fmt.Errorf("roster/xlsx: 无法读取工作簿 (cannot read the workbook): %w", err)
	}
	sheet := c.sheet
	if sheet == "" {
		list := f.GetSheetList()
		if len(list) == 0 {
			_ = f.Close()
			return nil, fmt.Errorf("%w: 工作簿中没有工作表 (the workbook has no worksheet)", roster.ErrFormat)
		}
		sheet = list[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		_ = f.Close()
		var missing excelize.ErrSheetNotExist
		if errors.As(err, &missing) {
			return nil, fmt.Errorf("%w: 工作簿中没有名为“%s”的工作表 (no worksheet named %q)", roster.ErrFormat, sheet, sheet)
		}
		return nil, fmt.Errorf("roster/xlsx: 无法读取工作表 (cannot read the worksheet): %w", err)
	}
	return roster.NewRowReader(&sheetRows{f: f, rows: rows}), nil
}

// sheetRows gives the rows of a worksheet to the roster reader, with
// their row numbers as lines.
type sheetRows struct {
	f    *excelize.File
	rows *excelize.Rows
	line int
	done error
}

func (s *sheetRows) Next() ([]string, int, error) {
	if s.done != nil {
		return nil, 0, s.done
	}
	if !s.rows.Next() {
		s.done = io.EOF
		if err := s.rows.Error(); err != nil {
			s.done = fmt.Errorf("roster/xlsx: 第 %d 行之后无法读取 (cannot read after row %d): %w", s.line, s.line, err)
		}
		_ = s.rows.Close()
		_ = s.f.Close()
		return nil, 0, s.done
	}
	s.line++
	cells, err := s.rows.Columns()
	if err != nil {
		s.done = fmt.Errorf("roster/xlsx: 第 %d 行无法读取 (cannot read row %d): %w", s.line, s.line, err)
		return nil, 0, s.done
	}
	return cells, s.line, nil
}
