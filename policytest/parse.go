package policytest

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Suite is the cases of one policy, as a cases file holds them. It is
// immutable once parsed and safe for concurrent use.
type Suite struct {
	// Name is the file's name, as given to [Parse].
	Name string
	// Policy is the id of the policy the cases pin: the file's policy
	// field, or else its name less the _cases.yaml ending.
	Policy string
	// Date is the assessment date of cases that give none; the zero Date
	// means the valid_from of the policy run.
	Date  roster.Date
	Cases []*Case

	policyAt formula.Position // where Policy is written; the file alone when its name gives it
}

// Case is one case: a record and what the policy must make of it.
type Case struct {
	Name string
	Pos  formula.Position // where the case starts
	// Example is the example the record starts from ("" for a record of
	// its own).
	Example string
	// Date is the case's own assessment date (zero: the suite's).
	Date    roster.Date
	Waivers []qualify.Waiver

	waiverAt []formula.Position // where each waiver's condition is written
	record   *roster.Record
	cells    []cell
	checks   []check
}

// Record returns a copy of the case's record as read from its cells. The
// 所属单位 of a case that gives none is left empty; [Suite.Run] fills in
// the policy's jurisdiction. A Case not read by [Parse] has no record:
// Record returns nil.
func (c *Case) Record() *roster.Record {
	if c == nil || c.record == nil {
		return nil
	}
	r := *c.record
	return &r
}

// cell is one field of a record as the file writes it.
type cell struct {
	header, value string
	key, at       formula.Position // where the title and the value are written
}

type checkKind uint8

const (
	checkQualified checkKind = iota + 1
	checkFailed
	checkVetoes
	checkPoints
	checkTotal
	checkGrade
	checkGroup
	checkError
)

// check is one expectation of a case.
type check struct {
	kind  checkKind
	at    formula.Position
	id    string // the indicator or bonus, for checkPoints
	flag  bool
	ids   []string
	num   decimal.Decimal
	grade evaluate.Grade
	text  string // a group, or the text an error must contain
}

// The groups a case can expect besides G1–G4.
var (
	notNewStrata = classify.NotNewStrata.Label()
	undetermined = classify.Undetermined.Label()
)

const (
	// minError is the fewest characters an expected error may have: the
	// text is looked for in the message, and a letter alone is in most.
	minError = 2
)

// source is a cases file as written. The order of the fields is the order
// the decoder lists them in when one is misspelt.
type source struct {
	Policy    string                 `yaml:"policy"`
	Date      *day                   `yaml:"date"`
	Examples  yamlsrc.Entries[cells] `yaml:"examples"`
	Cases     []caseSource           `yaml:"cases"`
	PolicyPos formula.Position       `yaml:"-"`
	DatePos   formula.Position       `yaml:"-"`
}

// cells is a record as written: column titles and their cells, a list
// cell (获奖情况, 培训情况 ...) as a list of its items.
type cells = yamlsrc.Entries[yamlsrc.Texts]

// caseSource is a case as written. A pointer is nil for a field absent or
// written blank; its Pos, set when it is written, tells the two apart.
type caseSource struct {
	Name      string                   `yaml:"name"`
	Example   string                   `yaml:"example"`
	Record    cells                    `yaml:"record"`
	Set       cells                    `yaml:"set"`
	Date      *day                     `yaml:"date"`
	Waivers   yamlsrc.Entries[*string] `yaml:"waivers"`
	Qualified *flag                    `yaml:"qualified"`
	Failed    yamlsrc.Texts            `yaml:"failed"`
	Vetoes    yamlsrc.Texts            `yaml:"vetoes"`
	Points    yamlsrc.Entries[*number] `yaml:"points"`
	Total     *number                  `yaml:"total"`
	Grade     *grade                   `yaml:"grade"`
	Group     *groupText               `yaml:"group"`
	Error     *string                  `yaml:"error"`

	Pos, NamePos, ExamplePos, RecordPos, SetPos, DatePos, QualifiedPos      formula.Position `yaml:"-"`
	FailedPos, VetoesPos, PointsPos, TotalPos, GradePos, GroupPos, ErrorPos formula.Position `yaml:"-"`
	// Unknown holds the misspelt fields, reported by the decoder.
	Unknown []string `yaml:"-"`
}

// words names what the values of a cases file must read as, for the
// decoder's messages.
var words = map[reflect.Type][2]string{
	reflect.TypeFor[flag]():   {"true 或 false", "true or false"},
	reflect.TypeFor[number](): {"数字", "a number"},
	reflect.TypeFor[day]():    {"日期（如 2019-04-15）", "a date (2019-04-15)"},
	reflect.TypeFor[grade]():  {"等次（A、B、C 或 D）", "a grade (A, B, C or D)"},
	reflect.TypeFor[groupText](): {"类别（G1、G2、G3、G4、" + notNewStrata + "或" + undetermined + "）",
		"a group (G1, G2, G3, G4, " + notNewStrata + " or " + undetermined + ")"},
}

// Parse reads a cases file; name is used in errors and to find the policy
// when the file does not name it. Every mistake is reported at once, each
// a [*formula.Error] at its line and column whose cause is [ErrSyntax],
// [ErrUnknownExample], [ErrDuplicate] or, for a cell the roster reader
// refuses, the reader's [*roster.ParseError]: a file that is not
// well-formed or too large, unknown fields (with the nearest known one),
// unknown examples, values of the wrong kind, and cases that could not
// fail (no expectation, an empty points, failed or vetoes, an error
// expected beside anything else or too short to pin a message, a file
// with no case at all).
func Parse(name string, data []byte) (*Suite, error) {
	doc, err := yamlsrc.Read(name, data, ErrSyntax, yamlsrc.Limits{}, words)
	if err != nil {
		return nil, err
	}
	var src source
	p := &parser{bad: map[[2]int]bool{}}
	p.decoded(doc.Decode(&src))
	s := &Suite{Name: name, Policy: policyOf(name), policyAt: formula.Position{File: name}}
	if p.given(src.PolicyPos, strings.TrimSpace(src.Policy) == "", "", "policy") {
		s.Policy, s.policyAt = strings.TrimSpace(src.Policy), plain(src.PolicyPos)
	}
	if p.given(src.DatePos, src.Date == nil, "", "date") {
		s.Date = src.Date.d
	}
	examples, broken := p.examples(src.Examples)
	if len(src.Cases) == 0 && len(p.errs) == 0 {
		// A file of cases without a case checks nothing and cannot fail.
		p.fail(formula.Position{File: name, Line: 1, Column: 1}, "", ErrSyntax,
			"文件中没有用例，无法检验政策", "the file has no cases; a suite without a case cannot fail")
	}
	names := map[string]bool{}
	for i := range src.Cases {
		c := p.caseOf(&src.Cases[i], examples, broken)
		if c == nil {
			continue
		}
		if names[c.Name] {
			p.fail(c.Pos, who(c.Name), ErrDuplicate, "已有同名的用例", "a case of this name is already defined")
			continue
		}
		names[c.Name] = true
		s.Cases = append(s.Cases, c)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// policyOf is the policy a cases file is for by its name:
// qingxiu-2019_cases.yaml is for qingxiu-2019.
func policyOf(name string) string {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	for _, suffix := range []string{"_cases.yaml", "_cases.yml", ".yaml", ".yml"} {
		if strings.HasSuffix(base, suffix) {
			return strings.TrimSuffix(base, suffix)
		}
	}
	return base
}

// parser checks what the decoder read: what a cases file means beyond the
// form of its fields.
type parser struct {
	errs []error
	// bad holds where the decoder reported a value it could not read: a
	// value of the wrong kind is reported where it starts, the place its
	// XPos holds, and is not checked again.
	bad map[[2]int]bool
}

// decoded takes in the decoder's errors.
func (p *parser) decoded(err error) {
	if err == nil {
		return
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		p.errs = append(p.errs, e)
		var fe *formula.Error
		if errors.As(e, &fe) {
			p.bad[[2]int{fe.Line, fe.Column}] = true
		}
	}
}

// readable reports whether the value at at was not reported already.
func (p *parser) readable(at formula.Position) bool { return !p.bad[[2]int{at.Line, at.Column}] }

// given reports whether a field is written with a value to check: not
// absent, not reported by the decoder, and not blank, which it reports.
func (p *parser) given(at formula.Position, blank bool, who, field string) bool {
	switch {
	case at.Line == 0 || !p.readable(at):
		return false
	case blank:
		p.fail(at, who, ErrSyntax, "%s 为空", "%s is empty", field)
		return false
	}
	return true
}

// who names a case in a message.
func who(name string) string { return "用例「" + name + "」" }

// fail reports a mistake at at, about who ("" for the file as a whole):
// zh and en are formats of the same args.
func (p *parser) fail(at formula.Position, who string, cause error, zh, en string, args ...any) {
	p.add(at, who, cause, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...))
}

func (p *parser) add(at formula.Position, who string, cause error, zh, en string) {
	if who != "" {
		zh = who + "：" + zh
	}
	p.errs = append(p.errs, &formula.Error{Position: plain(at), MessageZH: zh, Message: en, Err: cause})
}

// err joins the mistakes found, in the order of the file.
func (p *parser) err() error {
	slices.SortStableFunc(p.errs, func(a, b error) int {
		var x, y *formula.Error
		if !errors.As(a, &x) || !errors.As(b, &y) {
			return 0
		}
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column))
	})
	return errors.Join(p.errs...)
}

// plain is a place alone, without the map of a text's characters that the
// decoder gives the place of a text: the places of expectations are
// compared and shown, never looked into.
func plain(at formula.Position) formula.Position {
	return formula.Position{File: at.File, Line: at.Line, Column: at.Column}
}

// examples reads the examples, each on its own, so that a bad cell is
// reported once, at the example, not at every case that starts from it.
// broken holds the examples that could not be read.
func (p *parser) examples(es yamlsrc.Entries[cells]) (examples map[string][]cell, broken map[string]bool) {
	examples, broken = map[string][]cell{}, map[string]bool{}
	for _, e := range es {
		name := strings.TrimSpace(e.Key)
		if _, dup := examples[name]; dup {
			p.fail(e.KeyPos, "", ErrDuplicate, "样例「%s」重复定义", "example %q is defined twice", name)
			continue
		}
		about := "样例「" + name + "」"
		cs, ok := p.cells(e.Value, about)
		ok = ok && p.readable(e.ValuePos)
		if ok {
			_, ok = p.build(name, about, cs, e.KeyPos)
		}
		examples[name] = cs
		broken[name] = !ok
	}
	return examples, broken
}

// cells reads a record: column titles and their cells, a list's items
// joined by "；" as a roster writes a list cell.
func (p *parser) cells(es cells, who string) ([]cell, bool) {
	out, ok := make([]cell, 0, len(es)), true
	for _, e := range es {
		c := cell{header: strings.TrimSpace(e.Key), value: strings.Join(e.Value, "；"), key: plain(e.KeyPos), at: plain(e.ValuePos)}
		if !p.readable(e.ValuePos) {
			ok = false
			continue
		}
		if slices.ContainsFunc(out, func(o cell) bool { return o.header == c.header }) {
			p.fail(c.key, who, ErrDuplicate, "%s 写了两次", "%s is given twice", c.header)
			ok = false
			continue
		}
		out = append(out, c)
	}
	return out, ok
}

// expected is an expectation as written: its field and where its value is.
type expected struct {
	field string
	at    formula.Position
}

// caseOf reads one case; nil when it is too broken to run.
func (p *parser) caseOf(src *caseSource, examples map[string][]cell, broken map[string]bool) *Case {
	if src.Pos.Line == 0 {
		return nil // not a mapping, which the decoder reported
	}
	c := &Case{Pos: plain(src.Pos), Name: strings.TrimSpace(src.Name)}
	if c.Name == "" {
		if p.readable(src.NamePos) {
			p.fail(c.Pos, "", ErrSyntax, "用例缺少名称（name）", "a case needs a name")
		}
		return nil
	}
	w := who(c.Name)
	before := len(p.errs)
	if p.given(src.DatePos, src.Date == nil, w, "date") {
		c.Date = src.Date.d
	}
	p.waivers(c, src.Waivers, w)
	p.expectations(c, src, w)

	hasOwn, hasSet, hasExample := src.RecordPos.Line != 0, src.SetPos.Line != 0, src.ExamplePos.Line != 0
	c.Example = strings.TrimSpace(src.Example)
	if hasExample && c.Example == "" && p.readable(src.ExamplePos) {
		p.fail(src.ExamplePos, w, ErrSyntax, "%s 为空", "%s is empty", "example")
	}
	own, ownOK := p.cells(src.Record, w)
	set, setOK := p.cells(src.Set, w)
	cellsOK := ownOK && setOK && p.readable(src.RecordPos) && p.readable(src.SetPos)
	switch {
	case hasOwn && (hasExample || hasSet):
		p.fail(c.Pos, w, ErrSyntax,
			"用例要么写出自己的记录（record），要么从样例（example）开始并改动其中的列（set），不能两者都写",
			"a case has either a record of its own or an example and the cells it sets, not both")
		return nil
	case hasExample:
		if c.Example == "" || !p.readable(src.ExamplePos) {
			return nil // reported
		}
		base, known := examples[c.Example]
		if !known {
			p.fail(src.ExamplePos, w, ErrUnknownExample, "样例「%s」未在 examples 中定义", "example %q is not defined in examples", c.Example)
			return nil
		}
		if broken[c.Example] {
			return nil // reported at the example
		}
		own = merge(base, set)
	case hasSet:
		p.fail(c.Pos, w, ErrSyntax,
			"set 改动样例的列：请用 example 指明样例，或在 record 下写出完整的记录",
			"set changes an example: name it with example, or write the whole record under record")
		return nil
	case !hasOwn:
		p.fail(c.Pos, w, ErrSyntax, "用例需要记录（record），或作为起点的样例（example）", "a case needs a record, or an example to start from")
		return nil
	}
	if !cellsOK {
		return nil
	}
	// The record is read even when an expectation is wrong, so that all
	// the mistakes of a case are reported at once.
	c.cells = own
	var ok bool
	if c.record, ok = p.build(c.Name, w, own, c.Pos); !ok || len(p.errs) > before {
		return nil
	}
	return c
}

// expectations reads what a case expects. A case expects something, since
// a case that checks nothing cannot fail, and an error alone, since a case
// that expects one is not assessed and nothing else of it would be
// checked. A case with an unknown field is not told it expects nothing:
// the field, reported already, may be a misspelt expectation.
func (p *parser) expectations(c *Case, src *caseSource, w string) {
	var written []expected
	for _, e := range []expected{
		{"qualified", src.QualifiedPos}, {"failed", src.FailedPos}, {"vetoes", src.VetoesPos},
		{"points", src.PointsPos}, {"total", src.TotalPos}, {"grade", src.GradePos},
		{"group", src.GroupPos}, {"error", src.ErrorPos},
	} {
		if e.at.Line != 0 {
			written = append(written, e)
		}
	}
	if len(written) == 0 {
		if len(src.Unknown) == 0 {
			p.fail(c.Pos, w, ErrSyntax,
				"用例没有任何期望，不会失败；请写 qualified、failed、vetoes、points、total、grade、group 或 error",
				"a case expects nothing, so it cannot fail; give it qualified, failed, vetoes, points, total, grade, group or error")
		}
		return
	}
	slices.SortFunc(written, func(a, b expected) int {
		return cmp.Or(cmp.Compare(a.at.Line, b.at.Line), cmp.Compare(a.at.Column, b.at.Column))
	})
	if i := slices.IndexFunc(written, func(e expected) bool { return e.field == "error" }); i >= 0 && len(written) > 1 {
		var others []string
		for _, e := range written {
			if e.field != "error" {
				others = append(others, e.field)
			}
		}
		p.add(written[i].at, w, ErrSyntax,
			"error：期望出错的用例不再期望别的，但它还写了 "+strings.Join(others, "、"),
			"error: a case that expects an error expects nothing else, yet it also has "+strings.Join(others, ", "))
	}

	add := func(k check) { c.checks = append(c.checks, k) }
	if p.given(src.QualifiedPos, src.Qualified == nil, w, "qualified") {
		add(check{kind: checkQualified, at: plain(src.QualifiedPos), flag: src.Qualified.yes})
	}
	if ids, ok := p.ids(src.Failed, src.FailedPos, w, "failed",
		"failed 为空：没有不符合的条件时写 []，否则写出不符合的条件，如 [Q4]",
		"failed is empty: write [] when no condition fails, or the conditions that fail, such as [Q4]"); ok {
		add(check{kind: checkFailed, at: plain(src.FailedPos), ids: ids})
	}
	if ids, ok := p.ids(src.Vetoes, src.VetoesPos, w, "vetoes",
		"vetoes 为空：没有否决项成立时写 []，否则写出成立的否决项，如 [V1]",
		"vetoes is empty: write [] when no veto holds, or the vetoes that hold, such as [V1]"); ok {
		add(check{kind: checkVetoes, at: plain(src.VetoesPos), ids: ids})
	}
	if at := src.PointsPos; at.Line != 0 && p.readable(at) {
		if len(src.Points) == 0 {
			p.fail(at, w, ErrSyntax, "points 为空：请写出指标或加分项的分数，如 {A2: 4.5}",
				"points is empty: give the points of an indicator or bonus, such as {A2: 4.5}")
		}
		for _, e := range src.Points {
			id := strings.TrimSpace(e.Key)
			switch {
			case !p.readable(e.ValuePos):
			case e.Value == nil:
				p.fail(e.ValuePos, w, ErrSyntax, "points：%s 没有写分数", "points: %s has no points", id)
			default:
				add(check{kind: checkPoints, at: plain(e.ValuePos), id: id, num: e.Value.d})
			}
		}
	}
	if p.given(src.TotalPos, src.Total == nil, w, "total") {
		add(check{kind: checkTotal, at: plain(src.TotalPos), num: src.Total.d})
	}
	if p.given(src.GradePos, src.Grade == nil, w, "grade") {
		add(check{kind: checkGrade, at: plain(src.GradePos), grade: src.Grade.g})
	}
	if p.given(src.GroupPos, src.Group == nil, w, "group") {
		add(check{kind: checkGroup, at: plain(src.GroupPos), text: src.Group.label})
	}
	if p.given(src.ErrorPos, src.Error == nil, w, "error") {
		s := strings.TrimSpace(*src.Error)
		if utf8.RuneCountInString(s) < minError {
			p.fail(src.ErrorPos, w, ErrSyntax,
				"error：%q 太短，无法确定是哪个错误；请写错误信息中的一个短语，至少 %d 个字符",
				"error: %q is too short to pin an error; write a phrase of the message, %d characters or more", s, minError)
		} else {
			add(check{kind: checkError, at: plain(src.ErrorPos), text: s})
		}
	}
}

// ids reads a list of ids (conditions, vetoes); an empty list is a check
// that none hold, and a blank is refused rather than read as one.
func (p *parser) ids(list yamlsrc.Texts, at formula.Position, w, field, blankZH, blankEN string) ([]string, bool) {
	if at.Line == 0 || !p.readable(at) {
		return nil, false
	}
	if list == nil {
		p.add(at, w, ErrSyntax, blankZH, blankEN)
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, s := range list {
		if s = strings.TrimSpace(s); s == "" {
			p.fail(at, w, ErrSyntax, "%s：每一项是一个编号，如 Q4", "%s: each item is an id, such as Q4", field)
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// waivers reads a case's waivers and where each is written, so that a
// waiver the policy refuses is reported at its line. A condition is
// waived once.
func (p *parser) waivers(c *Case, ws yamlsrc.Entries[*string], w string) {
	for _, e := range ws {
		condition := strings.TrimSpace(e.Key)
		switch {
		case !p.readable(e.ValuePos):
			continue
		case e.Value == nil:
			p.fail(e.ValuePos, w, ErrSyntax, "waivers：%s 没有写理由", "waivers: %s: the reason is missing", condition)
			continue
		}
		if slices.ContainsFunc(c.Waivers, func(g qualify.Waiver) bool { return g.Condition == condition }) {
			p.fail(e.KeyPos, w, ErrDuplicate, "waivers：%s 写了两次", "waivers: %s is given twice", condition)
			continue
		}
		c.Waivers = append(c.Waivers, qualify.Waiver{Condition: condition, Reason: *e.Value})
		c.waiverAt = append(c.waiverAt, plain(e.KeyPos))
	}
}

// merge returns base with the cells of set in place of base's of the same
// title, and set's others after.
func merge(base, set []cell) []cell {
	out := slices.Clone(base)
	for _, s := range set {
		if i := slices.IndexFunc(out, func(b cell) bool { return b.header == s.header }); i >= 0 {
			out[i] = s
			continue
		}
		out = append(out, s)
	}
	return out
}

// The values a case expects, each read from its text; a text that does
// not read is reported by the decoder, with the words of [words].
type (
	// flag is yes or no: true or 是, false or 否.
	flag struct{ yes bool }
	// number is points or a total, written as a decimal: no exponent, no
	// infinity, which no form holds.
	number struct{ d decimal.Decimal }
	// day is a whole date: an assessment is on a day.
	day struct{ d roster.Date }
	// grade is A to D.
	grade struct{ g evaluate.Grade }
	// groupText is G1–G4 (a code, label or alias the roster reads), or one of
	// the outcomes that are not a group, as a case compares it.
	groupText struct{ label string }
)

func (f *flag) UnmarshalText(b []byte) error {
	switch strings.TrimSpace(string(b)) {
	case "true", "是":
		f.yes = true
	case "false", "否":
		f.yes = false
	default:
		return ErrSyntax
	}
	return nil
}

func (n *number) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	v, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eEiInN") {
		return ErrSyntax
	}
	n.d = v
	return nil
}

func (d *day) UnmarshalText(b []byte) error {
	t, err := roster.ParseDate(string(b))
	if err != nil || t.Day == 0 {
		return ErrSyntax
	}
	d.d = t
	return nil
}

func (g *grade) UnmarshalText(b []byte) error {
	v, err := evaluate.ParseGrade(string(b))
	if err != nil || !v.Valid() {
		return ErrSyntax
	}
	g.g = v
	return nil
}

func (g *groupText) UnmarshalText(b []byte) error {
	switch s := strings.TrimSpace(string(b)); s {
	case "非新的社会阶层", notNewStrata, "not new strata":
		g.label = notNewStrata
	case undetermined, "undetermined":
		g.label = undetermined
	default:
		v, err := classify.ParseGroup(s)
		if err != nil || !v.Valid() {
			return ErrSyntax
		}
		g.label = v.Code()
	}
	return nil
}
