package policytest

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
)

// build reads cells into a record field by field with [roster.Field.Set],
// as the roster reader reads a row, so that a case reads exactly as a
// roster would; a cell that cannot be read is reported at its place in
// the cases file. A title that is not on the form is a county-district
// input, kept in Extra as written. A case that gives no 登记编号 or 姓名
// gets its own name for them, so that messages name the case; its 所属单位
// is left empty, and Run fills in the policy's jurisdiction. who names the
// case or the example in messages.
func (p *parser) build(name, who string, cells []cell, at formula.Position) (*roster.Record, bool) {
	rec := &roster.Record{}
	seen := make(map[*roster.Field]int, len(cells)) // field → its cell
	inputs := map[string]int{}                      // a county input's title, spaces left out → its cell
	filled, ok := false, true
	for i, c := range cells {
		value := strings.TrimSpace(c.value)
		filled = filled || value != ""
		f, onForm := roster.FieldByTitle(c.header)
		if !onForm {
			// "加分" and "加 分" are one input, as in a roster.
			n := strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, c.header)
			if j, dup := inputs[n]; dup {
				p.add(c.key, who, fmt.Errorf("%w: %s given twice", roster.ErrHeader, n),
					fmt.Sprintf("%s：表头重复，第 %d 列已是 %s", c.header, j+1, cells[j].header), "duplicate header")
				ok = false
				continue
			}
			inputs[n] = i
			if value != "" {
				if rec.Extra == nil {
					rec.Extra = make(map[string]any)
				}
				rec.Extra[strings.TrimSpace(c.header)] = value
			}
			continue
		}
		// Two spellings of one field (出生年月 and 出生日期) are one field
		// given twice.
		if j, dup := seen[f]; dup {
			p.add(c.key, who, fmt.Errorf("%w: %s given twice", roster.ErrHeader, f.Title()),
				fmt.Sprintf("%s：表头重复，第 %d 列已是 %s", c.header, j+1, cells[j].header), "duplicate header")
			ok = false
			continue
		}
		seen[f] = i
		if err := f.Set(rec, c.value); err != nil {
			p.cellError(who, c, err)
			ok = false
		}
	}
	if !ok {
		return nil, false
	}
	for _, title := range []string{"登记编号", "姓名"} {
		if f, _ := roster.FieldByTitle(title); !has(seen, f) {
			_ = f.Set(rec, name) // a name is text, which a text field takes as it is
			filled = filled || strings.TrimSpace(name) != ""
		}
	}
	if !filled {
		p.fail(at, who, ErrSyntax, "记录为空", "the record is empty")
		return nil, false
	}
	return rec, true
}

func has(seen map[*roster.Field]int, f *roster.Field) bool {
	_, ok := seen[f]
	return ok
}

// cellError reports a cell roster refused, at its place in the cases file
// and with roster's reason, never the cell: "出生年月：日期无法识别 … (bad
// date)". Its cause is a [*roster.ParseError] at that place, so that
// errors.Is(err, roster.ErrBadDate) and errors.As work as for a roster.
func (p *parser) cellError(who string, c cell, err error) {
	zh, en := c.header+"：无法读取", err.Error()
	var ce *roster.CellError
	if errors.As(err, &ce) {
		zh, en = fmt.Sprintf("%s：%s", c.header, ce.Reason), ce.ReasonEN
	}
	cause := &roster.ParseError{Line: c.at.Line, Column: c.at.Column, Header: c.header, Err: err}
	p.add(c.at, who, cause, zh, en)
}
