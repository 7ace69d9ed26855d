package policy

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// File is a parsed policy file: a full policy (Document) or, when it has
// `extends`, an Overlay. Exactly one of the two is set.
type File struct {
	Name string
	// From is the GB/T 2260 code of the city or county-district that hands
	// the file in, as the caller knows it (a county's upload, say): never
	// read from the file. It bounds what the file may do ([NewSet]).
	From     string
	Document *Document
	Overlay  *Overlay
}

// ID returns the id of the policy the file defines.
func (f *File) ID() string {
	if f.Overlay != nil {
		return f.Overlay.ID
	}
	return f.Document.ID
}

// Parse reads one policy file that the city or county-district with code
// from hands in; name is used in errors. from is the caller's word, never
// the file's: a county-district's file may change only what the city's
// [Locks] leave to it, which [NewSet] checks. Parse checks the form of the
// file (well-formed YAML, known fields, values of the right type); the
// invariants are checked when the policy is compiled.
func Parse(from, name string, data []byte) (f *File, err error) {
	// go-yaml v1.19.2 panics on some malformed files (a tag such as !x on a
	// scalar where a list belongs: goccy/go-yaml#735). A bad file is an
	// error for the clerk, never a crash of the program reading it.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &formula.Error{Position: formula.Position{File: name}, MessageZH: "文件无法按 YAML 读取，请检查标签（!...）和缩进", Message: fmt.Sprintf("the file cannot be read as YAML (the YAML reader failed: %v); check tags (!...) and indentation", r), Err: ErrSyntax}
		}
	}()
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, nil, err)
	}
	if len(tree.Docs) != 1 || tree.Docs[0].Body == nil {
		return nil, &formula.Error{Position: formula.Position{File: name}, MessageZH: "一个政策文件须恰好包含一个 YAML 文档", Message: "a policy file holds exactly one YAML document", Err: ErrSyntax}
	}
	body := tree.Docs[0].Body
	if _, ok := body.(*ast.MappingNode); !ok {
		return nil, &formula.Error{Position: nodePos(name, body), MessageZH: "政策文件须由字段组成（id、name 等）", Message: "a policy file is a mapping of fields (id, name, ...)", Err: ErrSyntax}
	}
	var head struct {
		Extends string `yaml:"extends"`
	}
	if err := yaml.NodeToValue(body, &head); err != nil {
		return nil, yamlError(name, body, placeError(body, &head, err))
	}
	f = &File{Name: name, From: from}
	if head.Extends == "" {
		f.Document = &Document{}
		err = placeError(body, f.Document, yaml.NodeToValue(body, f.Document, yaml.Strict()))
	} else {
		f.Overlay = &Overlay{}
		err = placeError(body, f.Overlay, yaml.NodeToValue(body, f.Overlay, yaml.Strict()))
	}
	if err != nil {
		return nil, yamlError(name, body, err)
	}
	top := formula.Position{File: name, Line: 1, Column: 1}
	lines := yamlsrc.Lines(data)
	if f.Document != nil {
		f.Document.Pos = top
		f.Document.fields = fieldPositions(name, body)
		f.Document.setFile(name, lines)
	} else {
		f.Overlay.Pos = top
		f.Overlay.fields = fieldPositions(name, body)
		f.Overlay.setFile(name, lines)
	}
	return f, nil
}

// fieldPositions records where the value of each top-level field starts.
func fieldPositions(file string, body ast.Node) map[string]formula.Position {
	m, ok := body.(*ast.MappingNode)
	if !ok {
		return nil
	}
	out := make(map[string]formula.Position, len(m.Values))
	for _, kv := range m.Values {
		if k := keyName(kv); k != "" && kv.Value != nil {
			out[k] = nodePos(file, kv.Value)
		}
	}
	return out
}

// keyName returns a mapping key as text ("" for a complex key).
func keyName(kv *ast.MappingValueNode) string {
	if kv == nil || kv.Key == nil {
		return ""
	}
	if tk := kv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// tokenError is the form of go-yaml's errors that know their place.
type tokenError interface {
	GetToken() *token.Token
	GetMessage() string
}

// yamlError turns a go-yaml error into an *formula.Error at its token. body, when
// not nil, is the file's tree, to name the field of a value of the wrong
// type.
func yamlError(name string, body ast.Node, err error) error {
	e := &formula.Error{Position: formula.Position{File: name}, MessageZH: "YAML 格式错误", Message: err.Error(), Err: ErrSyntax}
	var withToken tokenError
	if errors.As(err, &withToken) {
		e.Message = withToken.GetMessage()
		var ne *nodeError
		if errors.As(err, &ne) && ne.zh != "" {
			e.MessageZH = ne.zh
		}
		at := yamlsrc.TokenPlace(withToken.GetToken())
		e.Line, e.Column = at.Line, at.Column
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && te.Token != nil && te.DstType != nil {
		e.MessageZH = isNotZH(te.Token, te.DstType)
		e.Message = fmt.Sprintf("%s is not %s", quoteToken(te.Token), typeWords(te.DstType))
		if key := keyOf(body, te.Token); key != "" {
			e.MessageZH = key + "：" + e.MessageZH
			e.Message = key + ": " + e.Message
		}
	}
	e.Message = strings.TrimSpace(e.Message)
	return e
}

// keyOf returns the key whose value is at tok, searching the tree under n.
func keyOf(n ast.Node, tok *token.Token) string {
	if n == nil || tok == nil {
		return ""
	}
	var key string
	ast.Walk(keyFinder{tok: tok, key: &key}, n)
	return key
}

type keyFinder struct {
	tok *token.Token
	key *string
}

func (f keyFinder) Visit(n ast.Node) ast.Visitor {
	if *f.key != "" {
		return nil
	}
	if kv, ok := n.(*ast.MappingValueNode); ok && kv.Value != nil && kv.Value.GetToken() == f.tok {
		*f.key = keyName(kv)
		return nil
	}
	return f
}

// nodeError is a decoding error given the place go-yaml left out.
type nodeError struct {
	tok *token.Token
	msg string
	zh  string // the message in Chinese, when this package wrote it
}

func (e *nodeError) Error() string          { return e.msg }
func (e *nodeError) GetToken() *token.Token { return e.tok }
func (e *nodeError) GetMessage() string     { return e.msg }

// placeError gives an error that go-yaml returned without a place — a
// value refused by its type's UnmarshalText: a decimal, a date, a grade —
// the place of the field that holds the value. v is what node was decoded
// into; each field of node is decoded again alone to find the one at fault.
func placeError(node ast.Node, v any, err error) error {
	var withToken tokenError
	if err == nil || (errors.As(err, &withToken) && withToken.GetToken() != nil) {
		return err
	}
	m, ok := node.(*ast.MappingNode)
	if !ok || v == nil {
		if node == nil {
			return err
		}
		return &nodeError{tok: node.GetToken(), msg: err.Error()}
	}
	typ := reflect.TypeOf(v).Elem()
	for _, kv := range m.Values {
		one := *m
		one.Values = []*ast.MappingValueNode{kv}
		e := yaml.NodeToValue(&one, reflect.New(typ).Interface())
		if e == nil {
			continue
		}
		if errors.As(e, &withToken) && withToken.GetToken() != nil {
			return e
		}
		key := keyName(kv)
		msg, zh := fmt.Sprintf("%s: %v", key, e), key+"：值有误"
		if ft := fieldType(typ, key); ft != nil {
			msg = fmt.Sprintf("%s: %s is not %s", key, quoteToken(kv.Value.GetToken()), typeWords(ft))
			zh = key + "：" + isNotZH(kv.Value.GetToken(), ft)
		}
		return &nodeError{tok: kv.Value.GetToken(), msg: msg, zh: zh}
	}
	return &nodeError{tok: node.GetToken(), msg: err.Error()}
}

var (
	decimalType = reflect.TypeOf(decimal.Decimal{})
	dateType    = reflect.TypeOf(roster.Date{})
	gradeType   = reflect.TypeOf(roster.Grade(0))
)

// fieldType returns the type of the field of struct type typ named key in
// YAML, when it is one whose text is checked on reading (a decimal, a date,
// a grade); nil otherwise.
func fieldType(typ reflect.Type, key string) reflect.Type {
	if typ.Kind() != reflect.Struct {
		return nil
	}
	for i := range typ.NumField() {
		f := typ.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" && f.Anonymous {
			if t := fieldType(f.Type, key); t != nil {
				return t
			}
			continue
		}
		if tag != key {
			continue
		}
		t := f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t == decimalType || t == dateType || t == gradeType {
			return t
		}
		return nil
	}
	return nil
}

// quoteToken writes the value at a token for a message.
func quoteToken(tk *token.Token) string {
	if tk == nil {
		return "the value"
	}
	switch tk.Type {
	case token.SequenceStartType, token.SequenceEntryType:
		return "a list"
	case token.MappingStartType, token.MappingValueType:
		return "a mapping"
	}
	v := tk.Value
	if len([]rune(v)) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return strconv.Quote(v)
}

// typeWords names a Go type for a clerk.
func typeWords(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case decimalType:
		return "a decimal number"
	case dateType:
		return "a date (2006-01-02)"
	case gradeType:
		return "a grade (A, B, C or D)"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping of fields"
	}
	return t.String()
}

// nodePos is where a node starts: for a mapping, its first key. A policy
// names an entry of a list by its first field, in a flow mapping too.
func nodePos(file string, n ast.Node) formula.Position {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key
	}
	p := yamlsrc.NodePlace(n)
	return formula.Position{File: file, Line: p.Line, Column: p.Column}
}

// formulaPos returns where the formula field of a mapping node starts, to
// be mapped character by character once the file's text is at hand
// ([formula.Position.mapFormula]). For a block scalar (| or >) the position is its
// header and the text starts on the next line.
func formulaPos(n ast.Node) (formula.Position, *formulaSource) {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return formula.Position{}, nil
	}
	for _, kv := range m.Values {
		if keyName(kv) != "formula" || kv.Value == nil {
			continue
		}
		p := nodePos("", kv.Value)
		_, block := kv.Value.(*ast.LiteralNode)
		return p, &formulaSource{block: block, origin: yamlsrc.OriginOf(kv.Value)}
	}
	return formula.Position{}, nil
}

// decodeAt decodes node into v (a plain alias of the caller's type, so the
// caller's UnmarshalYAML is not called again) and returns where node is.
func decodeAt(node ast.Node, v any) (formula.Position, error) {
	if err := yaml.NodeToValue(node, v, yaml.Strict()); err != nil {
		return formula.Position{}, placeError(node, v, err)
	}
	return nodePos("", node), nil
}

// UnmarshalYAML records where the condition and its formula are.
func (c *Condition) UnmarshalYAML(node ast.Node) (err error) {
	type plain Condition
	c.Pos, err = decodeAt(node, (*plain)(c))
	c.FormulaPos, c.formulaSrc = formulaPos(node)
	return err
}

// UnmarshalYAML records where the indicator and its formula are.
func (in *Indicator) UnmarshalYAML(node ast.Node) (err error) {
	type plain Indicator
	in.Pos, err = decodeAt(node, (*plain)(in))
	in.FormulaPos, in.formulaSrc = formulaPos(node)
	return err
}

// UnmarshalYAML records where the bonus and its formula are.
func (b *Bonus) UnmarshalYAML(node ast.Node) (err error) {
	type plain Bonus
	b.Pos, err = decodeAt(node, (*plain)(b))
	b.FormulaPos, b.formulaSrc = formulaPos(node)
	return err
}

// UnmarshalYAML records where the veto and its formula are.
func (v *Veto) UnmarshalYAML(node ast.Node) (err error) {
	type plain Veto
	v.Pos, err = decodeAt(node, (*plain)(v))
	v.FormulaPos, v.formulaSrc = formulaPos(node)
	return err
}

// UnmarshalYAML records where the band is.
func (b *Band) UnmarshalYAML(node ast.Node) (err error) {
	type plain Band
	b.Pos, err = decodeAt(node, (*plain)(b))
	return err
}

// UnmarshalYAML records where the input is.
func (in *Input) UnmarshalYAML(node ast.Node) (err error) {
	type plain Input
	in.Pos, err = decodeAt(node, (*plain)(in))
	return err
}

// UnmarshalYAML records where the change is.
func (c *ConditionChange) UnmarshalYAML(node ast.Node) (err error) {
	type plain ConditionChange
	c.Pos, err = decodeAt(node, (*plain)(c))
	return err
}

// UnmarshalYAML records where the change and its formula are.
func (c *IndicatorChange) UnmarshalYAML(node ast.Node) (err error) {
	type plain IndicatorChange
	c.Pos, err = decodeAt(node, (*plain)(c))
	c.FormulaPos, c.formulaSrc = formulaPos(node)
	return err
}

// UnmarshalYAML reads the parent and the indicator beside it.
func (a *IndicatorAdd) UnmarshalYAML(node ast.Node) error {
	m, ok := node.(*ast.MappingNode)
	if !ok {
		return a.Indicator.UnmarshalYAML(node)
	}
	rest := *m
	rest.Values = nil
	for _, kv := range m.Values {
		if keyName(kv) == "parent" {
			if err := yaml.NodeToValue(kv.Value, &a.Parent); err != nil {
				return err
			}
			continue
		}
		rest.Values = append(rest.Values, kv)
	}
	if err := a.Indicator.UnmarshalYAML(&rest); err != nil {
		return err
	}
	a.Pos = nodePos("", node) // the entry starts at its first key, parent or not
	return nil
}

// UnmarshalYAML records where each disabled id is.
func (c *IndicatorChanges) UnmarshalYAML(node ast.Node) error {
	type plain IndicatorChanges
	if err := yaml.NodeToValue(node, (*plain)(c), yaml.Strict()); err != nil {
		return err
	}
	if m, ok := node.(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if keyName(kv) != "disable" {
				continue
			}
			if seq, ok := kv.Value.(*ast.SequenceNode); ok {
				for _, item := range seq.Values {
					c.DisablePos = append(c.DisablePos, nodePos("", item))
				}
			}
		}
	}
	return nil
}

// in sets the file of a position read from it; a position go-yaml left
// out becomes fallback.
func in(p *formula.Position, file string, fallback formula.Position) {
	if p.Line == 0 {
		*p = fallback
	}
	p.File = file
}

// formulaSource is where a formula's text starts in the file, until the
// file's lines are at hand to map each of its characters.
type formulaSource struct {
	block  bool           // a block scalar: the text starts on the line after the header
	origin yamlsrc.Origin // where the text starts
}

// mapFormula sets the file of a formula's position and maps each of its
// characters onto lines. The position becomes that of the formula's first
// character that is not white space.
func mapFormula(p *formula.Position, src *formulaSource, file string, lines [][]rune, text string) {
	if p.Line == 0 || src == nil {
		return
	}
	places := src.origin.Map(lines, text)
	ps := make([]formula.Position, len(places))
	for i, pl := range places {
		ps[i] = formula.Position{Line: pl.Line, Column: pl.Column}
	}
	*p = formula.Mapped(file, text, ps, src.block)
}

// setFile sets the file of every position of d and maps its formulas. An
// entry go-yaml gave no place (an empty "-" in a list) takes the place of
// its list.
func (d *Document) setFile(name string, lines [][]rune) {
	list := func(field string) formula.Position {
		if at, ok := d.fields[field]; ok {
			return at
		}
		return d.Pos
	}
	for i := range d.Inputs {
		in(&d.Inputs[i].Pos, name, list("inputs"))
	}
	for i := range d.Conditions {
		c := &d.Conditions[i]
		in(&c.Pos, name, list("conditions"))
		mapFormula(&c.FormulaPos, c.formulaSrc, name, lines, c.Formula)
	}
	setIndicatorFile(d.Indicators, name, lines, list("indicators"))
	for i := range d.Bonuses {
		b := &d.Bonuses[i]
		in(&b.Pos, name, list("bonuses"))
		mapFormula(&b.FormulaPos, b.formulaSrc, name, lines, b.Formula)
	}
	for i := range d.Vetoes {
		v := &d.Vetoes[i]
		in(&v.Pos, name, list("vetoes"))
		mapFormula(&v.FormulaPos, v.formulaSrc, name, lines, v.Formula)
	}
	for i := range d.Grades {
		in(&d.Grades[i].Pos, name, list("grades"))
	}
	d.Locks.setFile(name, list("locks"))
}

func setIndicatorFile(ins []Indicator, name string, lines [][]rune, parent formula.Position) {
	for i := range ins {
		in(&ins[i].Pos, name, parent)
		mapFormula(&ins[i].FormulaPos, ins[i].formulaSrc, name, lines, ins[i].Formula)
		setIndicatorFile(ins[i].Children, name, lines, ins[i].Pos)
	}
}

func (o *Overlay) setFile(name string, lines [][]rune) {
	list := func(field string) formula.Position {
		if at, ok := o.fields[field]; ok {
			return at
		}
		return o.Pos
	}
	for i := range o.Inputs {
		in(&o.Inputs[i].Pos, name, list("inputs"))
	}
	for i := range o.Conditions.Add {
		c := &o.Conditions.Add[i]
		in(&c.Pos, name, list("conditions"))
		mapFormula(&c.FormulaPos, c.formulaSrc, name, lines, c.Formula)
	}
	for i := range o.Conditions.Change {
		in(&o.Conditions.Change[i].Pos, name, list("conditions"))
	}
	for i := range o.Indicators.Add {
		a := &o.Indicators.Add[i]
		in(&a.Pos, name, list("indicators"))
		mapFormula(&a.FormulaPos, a.formulaSrc, name, lines, a.Formula)
		setIndicatorFile(a.Children, name, lines, a.Pos)
	}
	for i := range o.Indicators.Change {
		c := &o.Indicators.Change[i]
		in(&c.Pos, name, list("indicators"))
		if c.Formula != nil {
			mapFormula(&c.FormulaPos, c.formulaSrc, name, lines, *c.Formula)
		}
	}
	for i := range o.Indicators.DisablePos {
		in(&o.Indicators.DisablePos[i], name, list("indicators"))
	}
	for i := range o.Grades {
		in(&o.Grades[i].Pos, name, list("grades"))
	}
	if o.Locks != nil {
		o.Locks.setFile(name, list("locks"))
	}
}

// String names the file for messages.
func (f *File) String() string { return fmt.Sprintf("%s (%s)", f.Name, f.ID()) }

// isNotZH says in Chinese that the value at tk is not of type t.
func isNotZH(tk *token.Token, t reflect.Type) string {
	if tk == nil {
		return "该值不是" + typeWordsZH(t)
	}
	switch tk.Type {
	case token.SequenceStartType, token.SequenceEntryType:
		return "列表不是" + typeWordsZH(t)
	case token.MappingStartType, token.MappingValueType:
		return "映射不是" + typeWordsZH(t)
	}
	return quoteToken(tk) + " 不是" + typeWordsZH(t)
}

// typeWordsZH is [typeWords] in Chinese.
func typeWordsZH(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case decimalType:
		return "数字"
	case dateType:
		return "日期（格式 2006-01-02）"
	case gradeType:
		return "等次（A、B、C 或 D）"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数"
	case reflect.Bool:
		return " true 或 false"
	case reflect.String:
		return "文本"
	case reflect.Slice, reflect.Array:
		return "列表"
	case reflect.Struct, reflect.Map:
		return "字段映射"
	}
	return " " + t.String()
}
