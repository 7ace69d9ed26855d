package policytest

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/newstrata/newstrata/classify"
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

	policyAt Position // where Policy is written; the file alone when its name gives it
}

// Case is one case: a record and what the policy must make of it.
type Case struct {
	Name string
	Pos  Position // where the case starts
	// Example is the example the record starts from ("" for a record of
	// its own).
	Example string
	// Date is the case's own assessment date (zero: the suite's).
	Date    roster.Date
	Waivers []qualify.Waiver

	waiverAt []Position // where each waiver's condition is written
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
	key, at       Position // where the title and the value are written
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
	at    Position
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
	topFields    = "policy, date, examples, cases"
	caseFields   = "name, example, record, set, date, waivers, qualified, failed, vetoes, points, total, grade, group, error"
	expectFields = "qualified, failed, vetoes, points, total, grade, group or error"
	// minError is the fewest characters an expected error may have: the
	// text is looked for in the message, and a letter alone is in most.
	minError = 2
)

// Parse reads a cases file; name is used in errors and to find the policy
// when the file does not name it. Every mistake is reported at once, each
// an [*Error] at its line and column: unknown fields, unknown examples,
// values of the wrong kind, cells the roster reader refuses, and cases
// that could not fail (no expectation, an empty points, failed or vetoes,
// an error expected beside anything else or too short to pin a message,
// a file with no case at all).
func Parse(name string, data []byte) (*Suite, error) {
	d := &decoder{file: name}
	s := &Suite{Name: name, Policy: policyOf(name), policyAt: Position{File: name}}
	tree, err := yamlsrc.Parse(data)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) {
			d.fail(position(name, yamlsrc.TokenPlace(ye.GetToken())), "", ErrSyntax, "%s", ye.GetMessage())
		} else {
			d.fail(Position{File: name}, "", ErrSyntax, "%v", err)
		}
		return nil, d.err()
	}
	if len(tree.Docs) != 1 || tree.Docs[0].Body == nil {
		d.fail(Position{File: name}, "", ErrSyntax, "a cases file holds exactly one YAML document")
		return nil, d.err()
	}
	fields, ok := d.mapping(tree.Docs[0].Body, "", "a cases file")
	if !ok {
		return nil, d.err()
	}
	examples := map[string][]cell{}
	broken := map[string]bool{}
	var cases []keyValue
	for _, kv := range fields {
		switch kv.key {
		case "policy":
			if t, ok := d.text(kv, ""); ok {
				s.Policy, s.policyAt = t, d.valuePos(kv)
			}
		case "date":
			if t, ok := d.date(kv, ""); ok {
				s.Date = t
			}
		case "examples":
			ex, ok := d.mapping(kv.value, "", "examples")
			if !ok {
				continue
			}
			for _, e := range ex {
				if _, dup := examples[e.key]; dup {
					d.fail(e.at, e.key, ErrDuplicate, "example %q is defined twice", e.key)
					continue
				}
				cells, ok := d.cells(e, e.key)
				if ok {
					// An example is read alone, so that a bad cell is
					// reported once, at the example, not at every case.
					_, ok = d.build(e.key, cells, e.at)
				}
				examples[e.key] = cells
				broken[e.key] = !ok
			}
		case "cases":
			items, ok := d.sequence(kv, "")
			if !ok {
				continue
			}
			for _, it := range items {
				cases = append(cases, keyValue{at: nodePos(name, it), value: it})
			}
		default:
			d.fail(kv.at, "", ErrSyntax, "unknown field %q; the fields are %s", kv.key, topFields)
		}
	}
	if len(cases) == 0 && len(d.errs) == 0 {
		// A file of cases without a case checks nothing and cannot fail.
		d.fail(Position{File: name, Line: 1, Column: 1}, "", ErrSyntax, "the file has no cases; a suite without a case cannot fail")
	}
	names := map[string]bool{}
	for _, it := range cases {
		c := d.caseOf(it, examples, broken)
		if c == nil {
			continue
		}
		if names[c.Name] {
			d.fail(c.Pos, c.Name, ErrDuplicate, "a case of this name is already defined")
			continue
		}
		names[c.Name] = true
		s.Cases = append(s.Cases, c)
	}
	if err := d.err(); err != nil {
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

type decoder struct {
	file string
	errs []error
}

func (d *decoder) fail(at Position, name string, cause error, format string, args ...any) {
	d.errs = append(d.errs, &Error{Position: at, Case: name, Message: fmt.Sprintf(format, args...), Err: cause})
}

// err joins the mistakes found, in the order of the file.
func (d *decoder) err() error {
	slices.SortStableFunc(d.errs, func(a, b error) int {
		var x, y *Error
		if !errors.As(a, &x) || !errors.As(b, &y) {
			return 0
		}
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Column - y.Column
	})
	return errors.Join(d.errs...)
}

// position is a place of the shared reader in file.
func position(file string, p yamlsrc.Place) Position {
	return Position{File: file, Line: p.Line, Column: p.Column}
}

// nodePos is where a node starts: for a block mapping, its first key.
func nodePos(file string, n ast.Node) Position { return position(file, yamlsrc.NodePlace(n)) }

// keyValue is one field of a mapping, or one item of a list.
type keyValue struct {
	key   string
	at    Position // of the key
	value ast.Node
}

// valuePos is where a field's value is, or its key when it has none.
func (d *decoder) valuePos(kv keyValue) Position {
	if kv.value == nil {
		return kv.at
	}
	if _, null := kv.value.(*ast.NullNode); null {
		return kv.at
	}
	return nodePos(d.file, kv.value)
}

// refused are the YAML features a cases file does without: anchors,
// aliases, tags and merge keys let one place stand for another, and an
// error's position would no longer say where to look.
func (d *decoder) refused(n ast.Node, name string) bool {
	if yamlsrc.Indirect(n) {
		d.fail(nodePos(d.file, n), name, ErrSyntax, "anchors, aliases, tags, merge keys and complex keys are not used in a cases file")
		return true
	}
	return false
}

func (d *decoder) mapping(n ast.Node, name, what string) ([]keyValue, bool) {
	if d.refused(n, name) {
		return nil, false
	}
	if _, null := n.(*ast.NullNode); null || n == nil {
		return nil, true
	}
	values, ok := yamlsrc.Fields(n)
	if !ok {
		d.fail(nodePos(d.file, n), name, ErrSyntax, "%s must be a mapping of fields", what)
		return nil, false
	}
	out := make([]keyValue, 0, len(values))
	for _, mv := range values {
		if d.refused(mv.Key, name) || d.refused(mv.Value, name) {
			ok = false
			continue
		}
		key, isText := yamlsrc.ScalarText(mv.Key)
		if !isText || strings.TrimSpace(key) == "" {
			d.fail(nodePos(d.file, mv.Key), name, ErrSyntax, "a field's name must be a text")
			ok = false
			continue
		}
		out = append(out, keyValue{key: strings.TrimSpace(key), at: nodePos(d.file, mv.Key), value: mv.Value})
	}
	return out, ok
}

// sequence reads a list; a single value stands for a list of one.
func (d *decoder) sequence(kv keyValue, name string) ([]ast.Node, bool) {
	switch v := kv.value.(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.SequenceNode:
		for _, it := range v.Values {
			if d.refused(it, name) {
				return nil, false
			}
		}
		return v.Values, true
	case *ast.MappingNode, *ast.MappingValueNode:
		d.fail(d.valuePos(kv), name, ErrSyntax, "%s must be a list", kv.key)
		return nil, false
	}
	if d.refused(kv.value, name) {
		return nil, false
	}
	return []ast.Node{kv.value}, true
}

// text reads a field whose value is a non-empty text.
func (d *decoder) text(kv keyValue, name string) (string, bool) {
	s, ok := yamlsrc.ScalarText(kv.value)
	if !ok {
		d.fail(d.valuePos(kv), name, ErrSyntax, "%s must be a text", kv.key)
		return "", false
	}
	if s = strings.TrimSpace(s); s == "" {
		d.fail(d.valuePos(kv), name, ErrSyntax, "%s is empty", kv.key)
		return "", false
	}
	return s, true
}

func (d *decoder) date(kv keyValue, name string) (roster.Date, bool) {
	s, ok := d.text(kv, name)
	if !ok {
		return roster.Date{}, false
	}
	t, err := roster.ParseDate(s)
	if err != nil || t.Day == 0 {
		d.fail(d.valuePos(kv), name, ErrSyntax, "%s: %q is not a date (2019-04-15)", kv.key, s)
		return roster.Date{}, false
	}
	return t, true
}

func (d *decoder) decimal(kv keyValue, name string) (decimal.Decimal, bool) {
	s, ok := d.text(kv, name)
	if !ok {
		return decimal.Decimal{}, false
	}
	v, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eEiInN") {
		d.fail(d.valuePos(kv), name, ErrSyntax, "%s: %q is not a number", kv.key, s)
		return decimal.Decimal{}, false
	}
	return v, true
}

// ids reads a list of ids (conditions, vetoes); an empty list is a check
// that none hold.
func (d *decoder) ids(kv keyValue, name string) ([]string, bool) {
	items, ok := d.sequence(kv, name)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, isText := yamlsrc.ScalarText(it)
		if !isText || strings.TrimSpace(s) == "" {
			d.fail(nodePos(d.file, it), name, ErrSyntax, "%s: each item is an id, such as Q4", kv.key)
			return nil, false
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, true
}

// cells reads a record: column titles and their cells. A list stands for
// a list cell (获奖情况, 培训情况 ...), its items joined by "；".
func (d *decoder) cells(kv keyValue, name string) ([]cell, bool) {
	fields, ok := d.mapping(kv.value, name, kv.key)
	if !ok {
		return nil, false
	}
	out := make([]cell, 0, len(fields))
	for _, f := range fields {
		c := cell{header: f.key, key: f.at, at: d.valuePos(f)}
		switch v := f.value.(type) {
		case nil, *ast.NullNode:
		case *ast.SequenceNode:
			items := make([]string, 0, len(v.Values))
			for _, it := range v.Values {
				s, isText := yamlsrc.ScalarText(it)
				if !isText {
					d.fail(nodePos(d.file, it), name, ErrSyntax, "%s: each item of a list is a text", f.key)
					ok = false
				}
				items = append(items, s)
			}
			c.value = strings.Join(items, "；")
		default:
			s, isText := yamlsrc.ScalarText(v)
			if !isText {
				d.fail(c.at, name, ErrSyntax, "%s: a cell is a text or a list, not a mapping", f.key)
				ok = false
			}
			c.value = s
		}
		if i := slices.IndexFunc(out, func(o cell) bool { return o.header == c.header }); i >= 0 {
			d.fail(c.key, name, ErrDuplicate, "%s is given twice", c.header)
			ok = false
			continue
		}
		out = append(out, c)
	}
	return out, ok
}

// caseOf reads one case; nil when it is too broken to run.
func (d *decoder) caseOf(it keyValue, examples map[string][]cell, broken map[string]bool) *Case {
	c := &Case{Pos: it.at}
	fields, ok := d.mapping(it.value, "", "a case")
	if !ok {
		return nil
	}
	for _, kv := range fields {
		if kv.key == "name" {
			c.Name, ok = d.text(kv, "")
			if !ok {
				return nil
			}
		}
	}
	if c.Name == "" {
		d.fail(it.at, "", ErrSyntax, "a case needs a name")
		return nil
	}
	var (
		own, set       []cell
		hasOwn, hasSet bool
		exampleAt      Position
		good, cellsOK  = true, true
		// expects are the expectations written, in the order of the
		// file; unknown is set by a field that may be a misspelt one.
		expects []keyValue
		unknown bool
	)
	for _, kv := range fields {
		var ok bool
		switch kv.key {
		case "qualified", "failed", "vetoes", "points", "total", "grade", "group", "error":
			expects = append(expects, kv)
		}
		switch kv.key {
		case "name":
			continue
		case "example":
			c.Example, ok = d.text(kv, c.Name)
			exampleAt = d.valuePos(kv)
		case "record":
			own, ok = d.cells(kv, c.Name)
			hasOwn, cellsOK = true, cellsOK && ok
		case "set":
			set, ok = d.cells(kv, c.Name)
			hasSet, cellsOK = true, cellsOK && ok
		case "date":
			c.Date, ok = d.date(kv, c.Name)
		case "waivers":
			ok = d.waivers(c, kv)
		case "qualified":
			var s string
			if s, ok = d.text(kv, c.Name); ok {
				var yes bool
				switch s {
				case "true", "是":
					yes = true
				case "false", "否":
				default:
					d.fail(d.valuePos(kv), c.Name, ErrSyntax, "qualified: %q is not true or false", s)
					ok = false
				}
				c.checks = append(c.checks, check{kind: checkQualified, at: d.valuePos(kv), flag: yes})
			}
		case "failed", "vetoes":
			var ids []string
			if isNull(kv.value) {
				// A blank may be a list not yet filled in; none is [].
				if kv.key == "failed" {
					d.fail(kv.at, c.Name, ErrSyntax, "failed is empty: write [] when no condition fails, or the conditions that fail, such as [Q4]")
				} else {
					d.fail(kv.at, c.Name, ErrSyntax, "vetoes is empty: write [] when no veto holds, or the vetoes that hold, such as [V1]")
				}
			} else if ids, ok = d.ids(kv, c.Name); ok {
				kind := checkFailed
				if kv.key == "vetoes" {
					kind = checkVetoes
				}
				c.checks = append(c.checks, check{kind: kind, at: d.valuePos(kv), ids: ids})
			}
		case "points":
			var pts []keyValue
			if pts, ok = d.mapping(kv.value, c.Name, "points"); ok {
				if len(pts) == 0 {
					d.fail(d.valuePos(kv), c.Name, ErrSyntax, "points is empty: give the points of an indicator or bonus, such as {A2: 4.5}")
					ok = false
				}
				for _, p := range pts {
					if v, isNum := d.decimal(p, c.Name); isNum {
						c.checks = append(c.checks, check{kind: checkPoints, at: d.valuePos(p), id: p.key, num: v})
					} else {
						ok = false
					}
				}
			}
		case "total":
			var v decimal.Decimal
			if v, ok = d.decimal(kv, c.Name); ok {
				c.checks = append(c.checks, check{kind: checkTotal, at: d.valuePos(kv), num: v})
			}
		case "grade":
			var s string
			if s, ok = d.text(kv, c.Name); ok {
				g, err := evaluate.ParseGrade(s)
				if err != nil || !g.Valid() {
					d.fail(d.valuePos(kv), c.Name, ErrSyntax, "grade: %q is not a grade (A, B, C or D)", s)
					ok = false
				}
				c.checks = append(c.checks, check{kind: checkGrade, at: d.valuePos(kv), grade: g})
			}
		case "group":
			var s string
			if s, ok = d.text(kv, c.Name); ok {
				g, known := groupOf(s)
				if !known {
					d.fail(d.valuePos(kv), c.Name, ErrSyntax, "group: %q is not G1, G2, G3, G4, %s or %s", s, notNewStrata, undetermined)
					ok = false
				}
				c.checks = append(c.checks, check{kind: checkGroup, at: d.valuePos(kv), text: g})
			}
		case "error":
			var s string
			if s, ok = d.text(kv, c.Name); ok {
				if utf8.RuneCountInString(s) < minError {
					d.fail(d.valuePos(kv), c.Name, ErrSyntax, "error: %q is too short to pin an error; write a phrase of the message, %d characters or more", s, minError)
					ok = false
				}
				c.checks = append(c.checks, check{kind: checkError, at: d.valuePos(kv), text: s})
			}
		default:
			d.fail(kv.at, c.Name, ErrSyntax, "unknown field %q; the fields of a case are %s", kv.key, caseFields)
			unknown = true
		}
		good = good && ok
	}
	good = d.expectations(c, it.at, expects, unknown) && good
	switch {
	case hasOwn && (c.Example != "" || hasSet):
		d.fail(it.at, c.Name, ErrSyntax, "a case has either a record of its own or an example and the cells it sets, not both")
		return nil
	case c.Example != "":
		base, known := examples[c.Example]
		if !known {
			d.fail(exampleAt, c.Name, ErrUnknownExample, "example %q is not defined in examples", c.Example)
			return nil
		}
		if broken[c.Example] {
			return nil // reported at the example
		}
		own = merge(base, set)
	case hasSet:
		d.fail(it.at, c.Name, ErrSyntax, "set changes an example: name it with example, or write the whole record under record")
		return nil
	case !hasOwn:
		d.fail(it.at, c.Name, ErrSyntax, "a case needs a record, or an example to start from")
		return nil
	}
	if !cellsOK {
		return nil
	}
	// The record is read even when an expectation is wrong, so that all
	// the mistakes of a case are reported at once.
	c.cells = own
	if c.record, ok = d.build(c.Name, own, it.at); !ok || !good {
		return nil
	}
	return c
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

// expectations checks what a case expects as a whole: something, since a
// case that checks nothing cannot fail, and an error alone, since a case
// that expects one is not assessed and nothing else of it would be
// checked. A case with an unknown field is not told it expects nothing:
// the field, reported already, may be a misspelt expectation.
func (d *decoder) expectations(c *Case, at Position, expects []keyValue, unknown bool) bool {
	if len(expects) == 0 {
		if !unknown {
			d.fail(at, c.Name, ErrSyntax, "a case expects nothing, so it cannot fail; give it %s", expectFields)
		}
		return false
	}
	i := slices.IndexFunc(expects, func(kv keyValue) bool { return kv.key == "error" })
	if i < 0 || len(expects) == 1 {
		return true
	}
	others := make([]string, 0, len(expects)-1)
	for _, kv := range expects {
		if kv.key != "error" {
			others = append(others, kv.key)
		}
	}
	d.fail(expects[i].at, c.Name, ErrSyntax, "error: a case that expects an error expects nothing else, yet it also has %s", strings.Join(others, ", "))
	return false
}

func isNull(n ast.Node) bool {
	_, null := n.(*ast.NullNode)
	return n == nil || null
}

// waivers reads a case's waivers and where each is written, so that a
// waiver the policy refuses is reported at its line.
func (d *decoder) waivers(c *Case, kv keyValue) bool {
	ws, ok := d.mapping(kv.value, c.Name, "waivers (condition: reason)")
	if !ok {
		return false
	}
	for _, w := range ws {
		reason, isText := yamlsrc.ScalarText(w.value)
		if !isText {
			d.fail(d.valuePos(w), c.Name, ErrSyntax, "waivers: %s: the reason is a text", w.key)
			return false
		}
		if slices.ContainsFunc(c.Waivers, func(g qualify.Waiver) bool { return g.Condition == w.key }) {
			d.fail(w.at, c.Name, ErrDuplicate, "waivers: %s is given twice", w.key)
			return false
		}
		c.Waivers = append(c.Waivers, qualify.Waiver{Condition: w.key, Reason: reason})
		c.waiverAt = append(c.waiverAt, w.at)
	}
	return true
}

// groupOf reads an expected group: G1–G4 (a code, label or alias the
// roster reads), or one of the outcomes that are not a group.
func groupOf(s string) (string, bool) {
	switch strings.TrimSpace(s) {
	case "非新的社会阶层", notNewStrata, "not new strata":
		return notNewStrata, true
	case undetermined, "undetermined":
		return undetermined, true
	}
	g, err := classify.ParseGroup(s)
	if err != nil || !g.Valid() {
		return "", false
	}
	return g.Code(), true
}
