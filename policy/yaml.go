package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// File is a parsed policy file: a full policy (Document) or, when it has
// `extends`, an Overlay. Exactly one of the two is set.
type File struct {
	Name     string
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

// Parse reads one policy file; name is used in errors. It checks the form
// of the file (well-formed YAML, known fields, values of the right type);
// the invariants are checked when the policy is compiled.
func Parse(name string, data []byte) (*File, error) {
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	if len(tree.Docs) != 1 || tree.Docs[0].Body == nil {
		return nil, &Error{Position: Position{File: name}, Message: "a policy file holds exactly one YAML document", Err: ErrSyntax}
	}
	body := tree.Docs[0].Body
	if _, ok := body.(*ast.MappingNode); !ok {
		return nil, &Error{Position: nodePos(name, body), Message: "a policy file is a mapping of fields (id, name, ...)", Err: ErrSyntax}
	}
	var head struct {
		Extends string `yaml:"extends"`
	}
	if err := yaml.NodeToValue(body, &head); err != nil {
		return nil, yamlError(name, err)
	}
	f := &File{Name: name}
	if head.Extends == "" {
		f.Document = &Document{}
		err = yaml.NodeToValue(body, f.Document, yaml.Strict())
	} else {
		f.Overlay = &Overlay{}
		err = yaml.NodeToValue(body, f.Overlay, yaml.Strict())
	}
	if err != nil {
		return nil, yamlError(name, err)
	}
	top := Position{File: name, Line: 1, Column: 1}
	lines := strings.Split(string(data), "\n")
	if f.Document != nil {
		f.Document.Pos = top
		f.Document.setFile(name, lines)
	} else {
		f.Overlay.Pos = top
		f.Overlay.setFile(name, lines)
	}
	return f, nil
}

// yamlError turns a go-yaml error into an *Error at its token.
func yamlError(name string, err error) error {
	e := &Error{Position: Position{File: name}, Message: err.Error(), Err: ErrSyntax}
	var withToken interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &withToken) {
		e.Message = withToken.GetMessage()
		if tk := withToken.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Column = tk.Position.Line, tk.Position.Column
		}
	}
	e.Message = strings.TrimSpace(e.Message)
	return e
}

func nodePos(file string, n ast.Node) Position {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key // a mapping's own token is its first colon
	}
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return Position{File: file}
	}
	p := n.GetToken().Position
	return Position{File: file, Line: p.Line, Column: p.Column}
}

// fieldPos returns where the value of key starts in a mapping node. For a
// block scalar (| or >) that is the first line of its content.
func fieldPos(n ast.Node, key string) Position {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return Position{}
	}
	for _, kv := range m.Values {
		if kv.Key == nil || kv.Key.String() != key {
			continue
		}
		if lit, ok := kv.Value.(*ast.LiteralNode); ok && lit.Value != nil {
			// The content's column is not kept by the parser; setFile
			// reads it from the line.
			p := nodePos("", lit.Value)
			p.Column = 0
			return p
		}
		return nodePos("", kv.Value)
	}
	return Position{}
}

// decodeAt decodes node into v (a plain alias of the caller's type, so the
// caller's UnmarshalYAML is not called again) and returns where node is.
func decodeAt(node ast.Node, v any) (Position, error) {
	if err := yaml.NodeToValue(node, v, yaml.Strict()); err != nil {
		return Position{}, err
	}
	return nodePos("", node), nil
}

// UnmarshalYAML records where the condition and its formula are.
func (c *Condition) UnmarshalYAML(node ast.Node) (err error) {
	type plain Condition
	c.Pos, err = decodeAt(node, (*plain)(c))
	c.FormulaPos = fieldPos(node, "formula")
	return err
}

// UnmarshalYAML records where the indicator and its formula are.
func (in *Indicator) UnmarshalYAML(node ast.Node) (err error) {
	type plain Indicator
	in.Pos, err = decodeAt(node, (*plain)(in))
	in.FormulaPos = fieldPos(node, "formula")
	return err
}

// UnmarshalYAML records where the bonus and its formula are.
func (b *Bonus) UnmarshalYAML(node ast.Node) (err error) {
	type plain Bonus
	b.Pos, err = decodeAt(node, (*plain)(b))
	b.FormulaPos = fieldPos(node, "formula")
	return err
}

// UnmarshalYAML records where the veto and its formula are.
func (v *Veto) UnmarshalYAML(node ast.Node) (err error) {
	type plain Veto
	v.Pos, err = decodeAt(node, (*plain)(v))
	v.FormulaPos = fieldPos(node, "formula")
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
	c.FormulaPos = fieldPos(node, "formula")
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
		if kv.Key != nil && kv.Key.String() == "parent" {
			if err := yaml.NodeToValue(kv.Value, &a.Parent); err != nil {
				return err
			}
			continue
		}
		rest.Values = append(rest.Values, kv)
	}
	return a.Indicator.UnmarshalYAML(&rest)
}

// UnmarshalYAML records where each disabled id is.
func (c *IndicatorChanges) UnmarshalYAML(node ast.Node) error {
	type plain IndicatorChanges
	if err := yaml.NodeToValue(node, (*plain)(c), yaml.Strict()); err != nil {
		return err
	}
	if m, ok := node.(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if kv.Key == nil || kv.Key.String() != "disable" {
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

// in sets the file of a position read from it and, for the first line of
// a block scalar, the column where its content starts.
func (p *Position) in(file string, lines []string) {
	if p.Line == 0 {
		return
	}
	p.File = file
	if p.Column == 0 && p.Line <= len(lines) {
		line := lines[p.Line-1]
		p.Column = len([]rune(line)) - len([]rune(strings.TrimLeft(line, " "))) + 1
		p.Indent = p.Column
	}
}

func (d *Document) setFile(name string, lines []string) {
	for i := range d.Inputs {
		d.Inputs[i].Pos.in(name, lines)
	}
	for i := range d.Conditions {
		d.Conditions[i].Pos.in(name, lines)
		d.Conditions[i].FormulaPos.in(name, lines)
	}
	setIndicatorFile(d.Indicators, name, lines)
	for i := range d.Bonuses {
		d.Bonuses[i].Pos.in(name, lines)
		d.Bonuses[i].FormulaPos.in(name, lines)
	}
	for i := range d.Vetoes {
		d.Vetoes[i].Pos.in(name, lines)
		d.Vetoes[i].FormulaPos.in(name, lines)
	}
	for i := range d.Grades {
		d.Grades[i].Pos.in(name, lines)
	}
}

func setIndicatorFile(ins []Indicator, name string, lines []string) {
	for i := range ins {
		ins[i].Pos.in(name, lines)
		ins[i].FormulaPos.in(name, lines)
		setIndicatorFile(ins[i].Children, name, lines)
	}
}

func (o *Overlay) setFile(name string, lines []string) {
	for i := range o.Inputs {
		o.Inputs[i].Pos.in(name, lines)
	}
	for i := range o.Conditions.Add {
		o.Conditions.Add[i].Pos.in(name, lines)
		o.Conditions.Add[i].FormulaPos.in(name, lines)
	}
	for i := range o.Conditions.Change {
		o.Conditions.Change[i].Pos.in(name, lines)
	}
	for i := range o.Indicators.Add {
		o.Indicators.Add[i].Pos.in(name, lines)
		o.Indicators.Add[i].FormulaPos.in(name, lines)
		setIndicatorFile(o.Indicators.Add[i].Children, name, lines)
	}
	for i := range o.Indicators.Change {
		o.Indicators.Change[i].Pos.in(name, lines)
		o.Indicators.Change[i].FormulaPos.in(name, lines)
	}
	for i := range o.Indicators.DisablePos {
		o.Indicators.DisablePos[i].in(name, lines)
	}
	for i := range o.Grades {
		o.Grades[i].Pos.in(name, lines)
	}
}

// String names the file for messages.
func (f *File) String() string { return fmt.Sprintf("%s (%s)", f.Name, f.ID()) }
