package tier

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"io"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// A Registry is written and read as JSON and as CSV, and both round-trip
// without loss (see the package documentation for the shapes).

// code is a member of a closed set in JSON: {"code": ..., "label": ...}.
// Reading takes the code, or the label when the code is empty.
type code struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

type jsonRow struct {
	Key         string   `json:"key"`
	Unit        string   `json:"unit"`
	Seat        *code    `json:"seat"`
	List        string   `json:"list"`
	Group       *code    `json:"group"`
	Secondary   []code   `json:"secondary"`
	Grade       *code    `json:"grade"`
	Score       string   `json:"score"`
	Post        *code    `json:"post"`
	AssessedOn  *string  `json:"assessed_on"`
	Policy      string   `json:"policy"`
	Fingerprint string   `json:"fingerprint"`
	Basis       *code    `json:"basis"`
	Since       *string  `json:"since"`
	Status      *code    `json:"status"`
	RemovedOn   *string  `json:"removed_on"`
	RemovedFor  *code    `json:"removed_for"`
	Detail      []string `json:"detail"`
}

type jsonRegistry struct {
	AsOf *string   `json:"as_of"`
	Rows []jsonRow `json:"rows"`
}

func codeOf(c, label string) *code {
	if c == "" {
		return nil
	}
	return &code{c, label}
}

func dateOf(d roster.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// scoreText writes a score with its own places: 91.50 stays 91.50.
func scoreText(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return d.StringFixed(-d.Exponent())
	}
	return d.String()
}

// MarshalJSON writes the registry: its date and every row, with closed
// sets as {"code", "label"}, decimals as strings, dates as 2006-01-02,
// absent values as null and empty lists as [].
func (r *Registry) MarshalJSON() ([]byte, error) {
	out := jsonRegistry{AsOf: dateOf(r.AsOf()), Rows: []jsonRow{}}
	for _, e := range r.rowsOf() {
		j := jsonRow{
			Key: e.Key, Unit: e.Unit, List: e.List,
			Seat:       codeOf(e.Seat.Code(), e.Seat.Label()),
			Group:      codeOf(e.Group.Code(), e.Group.Label()),
			Secondary:  []code{},
			Grade:      codeOf(e.Grade.Code(), e.Grade.Label()),
			Score:      scoreText(e.Score),
			Post:       codeOf(e.Post.Code(), e.Post.Label()),
			AssessedOn: dateOf(e.AssessedOn), Policy: e.Policy, Fingerprint: e.Fingerprint,
			Basis:      codeOf(e.Basis.Code(), e.Basis.Label()),
			Since:      dateOf(e.Since),
			Status:     codeOf(e.Status.Code(), e.Status.Label()),
			RemovedOn:  dateOf(e.RemovedOn),
			RemovedFor: codeOf(e.RemovedFor.Code(), e.RemovedFor.Label()),
			Detail:     append([]string{}, e.Detail...),
		}
		for _, g := range e.Secondary {
			j.Secondary = append(j.Secondary, code{g.Code(), g.Label()})
		}
		out.Rows = append(out.Rows, j)
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields,
// and checks the rows as [NewRegistry] does. A Registry read so must not
// be shared before it returns.
func (r *Registry) UnmarshalJSON(b []byte) error {
	var in jsonRegistry
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return fmt.Errorf("数据库 JSON 无法读取 (registry JSON unreadable): %w", err)
	}
	var errs []error
	var p cellParser
	asOf := p.date(in.AsOf, "数据库日期")
	rows := make([]Row, len(in.Rows))
	for i, j := range in.Rows {
		p.errs = nil
		e := Row{Key: j.Key, Unit: j.Unit, List: j.List, Policy: j.Policy, Fingerprint: j.Fingerprint, Detail: j.Detail}
		e.Seat = Seat(p.member(seats, j.Seat, "名单"))
		e.Group = p.group(j.Group, "群体")
		for _, g := range j.Secondary {
			e.Secondary = append(e.Secondary, p.group(&g, "兼属群体"))
		}
		e.Grade = p.grade(j.Grade)
		e.Score = p.score(j.Score)
		e.Post = p.post(j.Post)
		e.AssessedOn = p.date(j.AssessedOn, "评价日期")
		e.Basis = Basis(p.member(bases, j.Basis, "入库理由"))
		e.Since = p.date(j.Since, "入库日期")
		e.Status = Status(p.member(statuses, j.Status, "状态"))
		e.RemovedOn = p.date(j.RemovedOn, "剔除日期")
		e.RemovedFor = Cause(p.member(causes, j.RemovedFor, "剔除理由"))
		for _, f := range p.errs {
			errs = append(errs, &Error{Index: i + 1, Key: j.Key, Field: f.field, Message: f.msg, Err: ErrInvalid})
		}
		rows[i] = e.clone()
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	reg, err := NewRegistry(asOf, rows)
	if err != nil {
		return err
	}
	*r = *reg
	return nil
}

type cellFault struct{ field, msg string }

// cellParser reads the values of one row and keeps every fault.
type cellParser struct{ errs []cellFault }

func (p *cellParser) fail(field, zh, en string) {
	p.errs = append(p.errs, cellFault{field, bilingual(zh, en)})
}

func (p *cellParser) text(c *code) string {
	if c == nil {
		return ""
	}
	if c.Code != "" {
		return c.Code
	}
	return c.Label
}

func (p *cellParser) member(set []member, c *code, field string) uint8 {
	v, ok := parseMember(set, p.text(c))
	if !ok {
		p.fail(field, "不是可用的代码或名称", "not a code or label of the set")
	}
	return v
}

func (p *cellParser) group(c *code, field string) classify.Group {
	g, err := classify.ParseGroup(p.text(c))
	if err != nil {
		p.fail(field, "不是四个群体之一", "not one of the four groups")
	}
	return g
}

func (p *cellParser) grade(c *code) evaluate.Grade {
	g, err := evaluate.ParseGrade(p.text(c))
	if err != nil {
		p.fail("等次", "不是 A 至 D 级", "not a grade from A to D")
	}
	return g
}

func (p *cellParser) post(c *code) roster.Level {
	l, err := roster.ParseLevel(p.text(c))
	if err != nil {
		p.fail("职务级别", "不是国家级、省级、市级或县级", "not a level")
	}
	return l
}

func (p *cellParser) score(s string) decimal.Decimal {
	if strings.TrimSpace(s) == "" {
		return decimal.Decimal{}
	}
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		p.fail("综合得分", "不是数字", "not a number")
	}
	return d
}

func (p *cellParser) date(s *string, field string) roster.Date {
	if s == nil {
		return roster.Date{}
	}
	d, err := roster.ParseDate(*s)
	if err != nil {
		p.fail(field, "不是日期（应写作 2006-01-02）", "not a date written 2006-01-02")
	}
	return d
}

// The CSV columns, in the order WriteCSV writes them; ReadCSV takes them
// in any order.
var csvHeader = []string{
	"登记编号", "所属单位", "名单", "名单编号", "群体", "兼属群体", "等次", "综合得分", "职务级别",
	"评价日期", "政策", "版本校验码", "入库理由", "入库日期", "状态", "剔除日期", "剔除理由", "剔除说明", "数据库日期",
}

// itemSep separates the items of a list cell (兼属群体, 剔除说明).
const itemSep = "；"

// CSVError is a fault at a place of a registry's CSV: a 1-based line and
// column (0 when the fault is the whole line's or the file's) and the
// column's header.
type CSVError struct {
	Line, Column int
	Header       string
	Err          error
}

func (e *CSVError) Error() string {
	switch {
	case e.Column > 0:
		return fmt.Sprintf("第 %d 行第 %d 列（%s）：%v", e.Line, e.Column, e.Header, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("第 %d 行：%v", e.Line, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the fault.
func (e *CSVError) Unwrap() error { return e.Err }

// WriteCSV writes the registry to w as CSV with a header of Chinese
// column names (登记编号, 所属单位, 名单 ...), one line per row, closed
// sets by their Chinese labels, lists joined by "；", and the registry's
// date in every line's 数据库日期 (so a registry without rows keeps no
// date). It refuses a list item that holds "；".
func (r *Registry) WriteCSV(w io.Writer) error {
	if w == nil {
		return errors.New("没有可写入的目标 (nil io.Writer)")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, e := range r.rowsOf() {
		var sec []string
		for _, g := range e.Secondary {
			sec = append(sec, g.Label())
		}
		for _, d := range e.Detail {
			if strings.Contains(d, itemSep) {
				return candErr(e.Key, "剔除说明", "含分隔符“；”，无法写入", "an item holds the separator ；", ErrInvalid)
			}
		}
		label := func(l string, valid bool) string {
			if !valid {
				return ""
			}
			return l
		}
		rec := []string{
			e.Key, e.Unit, label(e.Seat.Label(), e.Seat.Valid()), e.List,
			label(e.Group.Label(), e.Group.Valid()), strings.Join(sec, itemSep),
			label(e.Grade.Label(), e.Grade.Valid()), scoreText(e.Score), label(e.Post.Label(), e.Post.Valid()),
			e.AssessedOn.String(), e.Policy, e.Fingerprint, label(e.Basis.Label(), e.Basis.Valid()),
			e.Since.String(), label(e.Status.Label(), e.Status.Valid()), e.RemovedOn.String(),
			label(e.RemovedFor.Label(), e.RemovedFor.Valid()), strings.Join(e.Detail, itemSep), r.asOf.String(),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCSV reads a registry that [Registry.WriteCSV] wrote (a leading
// UTF-8 byte order mark is skipped). Every fault of a cell is a
// [*CSVError] at its line and column, wrapping an [*Error] that names
// the key and the field; they are joined. It then checks the rows as
// [NewRegistry] does.
func ReadCSV(rd io.Reader) (*Registry, error) {
	if rd == nil {
		return nil, errors.New("没有可读取的来源 (nil io.Reader)")
	}
	cr := csv.NewReader(rd)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &CSVError{Line: 1, Err: newFault("文件为空", "the file is empty", ErrInvalid)}
	}
	if err != nil {
		return nil, &CSVError{Err: err}
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	col := map[string]int{}
	var errs []error
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case !slices.Contains(csvHeader, h):
			errs = append(errs, &CSVError{Line: 1, Column: i + 1, Header: h, Err: newFault("不是数据库的列", "not a column of the registry", ErrInvalid)})
		case col[h] > 0:
			errs = append(errs, &CSVError{Line: 1, Column: i + 1, Header: h, Err: newFault("重复", "column given twice", ErrDuplicate)})
		default:
			col[h] = i + 1
		}
	}
	for _, h := range csvHeader {
		if col[h] == 0 {
			errs = append(errs, &CSVError{Line: 1, Err: newFault("缺少“"+h+"”列", "column "+h+" is missing", ErrInvalid)})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var rows []Row
	var asOf roster.Date
	asOfSet := false
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &CSVError{Line: line, Err: err}
		}
		if len(rec) != len(header) {
			errs = append(errs, &CSVError{Line: line, Err: newFault(fmt.Sprintf("有 %d 列，表头有 %d 列", len(rec), len(header)), fmt.Sprintf("%d fields, the header has %d", len(rec), len(header)), ErrInvalid)})
			continue
		}
		cell := func(h string) string { return strings.TrimSpace(rec[col[h]-1]) }
		var p cellParser
		str := func(h string) *string {
			s := cell(h)
			if s == "" {
				return nil
			}
			return &s
		}
		lab := func(h string) *code {
			if cell(h) == "" {
				return nil
			}
			return &code{Label: cell(h)}
		}
		e := Row{Key: cell("登记编号"), Unit: cell("所属单位"), List: cell("名单编号"), Policy: cell("政策"), Fingerprint: cell("版本校验码")}
		e.Seat = Seat(p.member(seats, lab("名单"), "名单"))
		e.Group = p.group(lab("群体"), "群体")
		for _, s := range splitItems(cell("兼属群体")) {
			e.Secondary = append(e.Secondary, p.group(&code{Label: s}, "兼属群体"))
		}
		e.Grade = p.grade(lab("等次"))
		e.Score = p.score(cell("综合得分"))
		e.Post = p.post(lab("职务级别"))
		e.AssessedOn = p.date(str("评价日期"), "评价日期")
		e.Basis = Basis(p.member(bases, lab("入库理由"), "入库理由"))
		e.Since = p.date(str("入库日期"), "入库日期")
		e.Status = Status(p.member(statuses, lab("状态"), "状态"))
		e.RemovedOn = p.date(str("剔除日期"), "剔除日期")
		e.RemovedFor = Cause(p.member(causes, lab("剔除理由"), "剔除理由"))
		e.Detail = splitItems(cell("剔除说明"))
		d := p.date(str("数据库日期"), "数据库日期")
		if !asOfSet {
			asOf, asOfSet = d, true
		} else if d != asOf {
			p.fail("数据库日期", "与前面各行不同", "differs from the lines before")
		}
		for _, f := range p.errs {
			errs = append(errs, &CSVError{Line: line, Column: col[f.field], Header: f.field,
				Err: &Error{Key: e.Key, Field: f.field, Message: f.msg, Err: ErrInvalid}})
		}
		if len(p.errs) == 0 {
			for _, err := range checkEntry(len(rows), e, asOf) {
				var te *Error
				if errors.As(err, &te) {
					err = &CSVError{Line: line, Column: col[te.Field], Header: te.Field, Err: err}
				}
				errs = append(errs, err)
			}
		}
		rows = append(rows, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return NewRegistry(asOf, rows)
}

func splitItems(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, it := range strings.Split(s, itemSep) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}
