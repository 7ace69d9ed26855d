package yamlsrc

import (
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/nearest"
)

// Limits bound what a file may cost before it is decoded. The zero value
// takes the defaults.
type Limits struct {
	// Bytes bounds the file's size; 0 means 1 MiB.
	Bytes int
	// Depth bounds how deeply lists and mappings nest; 0 means 32.
	Depth int
	// Nodes bounds how many values the file holds; 0 means 100,000.
	Nodes int
}

func (l Limits) withDefaults() Limits {
	if l.Bytes == 0 {
		l.Bytes = 1 << 20
	}
	if l.Depth == 0 {
		l.Depth = 32
	}
	if l.Nodes == 0 {
		l.Nodes = 100_000
	}
	return l
}

// Doc is one YAML document read for decoding into Go values: the rule
// files of the library (policies and their overlays) are read through it,
// so that every one of them has the same grammar, the same refusals and
// the same messages.
type Doc struct {
	file  string
	body  ast.Node
	lines [][]rune
	cause error
	words map[reflect.Type][2]string
	errs  []error
	// lenient skips fields the target does not know, for DecodeKnown.
	lenient bool
}

// Read parses data, the file named file, as one YAML document whose body
// is a mapping. Anchors, aliases, tags and merge keys are refused (one
// place of a file never stands for another), and so is a file past the
// limits. Every error is a *formula.Error at its place wrapping cause.
// words names the types whose text a value must parse as (a decimal, a
// date): Chinese and English, for messages such as `points："五" 不是数字`.
func Read(file string, data []byte, cause error, lim Limits, words map[reflect.Type][2]string) (*Doc, error) {
	lim = lim.withDefaults()
	d := &Doc{file: file, cause: cause, words: words}
	if len(data) > lim.Bytes {
		return nil, d.errAt(Place{}, "文件过大（%d 字节，上限 %d 字节）", "the file is too large (%d bytes, at most %d)", len(data), lim.Bytes)
	}
	if depth, at := nesting(data); depth > lim.Depth {
		return nil, d.errAt(at, "嵌套过深（超过 %d 层）", "nested too deeply (more than %d levels)", lim.Depth, lim.Depth)
	}
	if !utf8.Valid(data) {
		return nil, d.errAt(Place{}, "文件不是 UTF-8 编码，请另存为 UTF-8", "the file is not UTF-8; save it as UTF-8")
	}
	tree, err := Parse(data)
	if err != nil {
		e := d.errAt(Place{}, "YAML 格式错误", "%s", err.Error())
		if te, ok := err.(interface {
			GetToken() *token.Token
			GetMessage() string
		}); ok {
			e.Message = strings.TrimSpace(te.GetMessage())
			at := TokenPlace(te.GetToken())
			e.Line, e.Column = at.Line, at.Column
		}
		return nil, e
	}
	if len(tree.Docs) != 1 || tree.Docs[0].Body == nil {
		return nil, d.errAt(Place{}, "文件须恰好包含一个 YAML 文档", "the file holds exactly one YAML document")
	}
	d.body = tree.Docs[0].Body
	if _, ok := d.body.(*ast.MappingNode); !ok {
		return nil, d.errAt(NodePlace(d.body), "文件须由字段组成（id、name 等）", "the file is a mapping of fields (id, name, ...)")
	}
	count := 0
	ast.Walk(visitor(func(n ast.Node) bool {
		count++
		if Indirect(n) && len(d.errs) < 20 {
			d.errs = append(d.errs, d.errAt(NodePlace(n), "不支持锚点、别名、标签和合并键（&、*、!、<<）：请把内容直接写出", "anchors, aliases, tags and merge keys (&, *, !, <<) are not supported: write the value out"))
		}
		return true
	}), d.body)
	if count > lim.Nodes {
		return nil, d.errAt(Place{}, "文件的值过多（%d 个，上限 %d 个）", "the file holds too many values (%d, at most %d)", count, lim.Nodes)
	}
	if len(d.errs) > 0 {
		return nil, joinErrs(d.errs)
	}
	d.lines = Lines(data)
	return d, nil
}

type visitor func(ast.Node) bool

func (v visitor) Visit(n ast.Node) ast.Visitor {
	if n == nil || !v(n) {
		return nil
	}
	return v
}

// nesting returns how deeply the brackets and indented blocks of data
// nest, from the text alone, before any parser sees it, and where it is
// deepest. Indentation counts a level per step of two columns.
func nesting(data []byte) (int, Place) {
	deepest, at := 0, Place{}
	line, brackets, start := 1, 0, 0
	deepStart, deepAt := -1, 0 // where the deepest bracket's line starts, and where it is
	var quote byte
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			line, start = line+1, i+1
			quote = 0
			indent := 0
			for i+1+indent < len(data) && (data[i+1+indent] == ' ' || data[i+1+indent] == '-') {
				indent++
			}
			if lvl := brackets + indent/2; lvl > deepest {
				deepest, at = lvl, Place{Line: line, Column: indent + 1}
			}
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			brackets++
			if brackets > deepest {
				deepest, at, deepStart, deepAt = brackets, Place{Line: line}, start, i
			}
		case c == ']' || c == '}':
			brackets = max(0, brackets-1)
		}
	}
	if deepStart >= 0 && at.Column == 0 {
		at.Column = utf8.RuneCount(data[deepStart:deepAt]) + 1
	}
	return deepest, at
}

// Has reports whether the document's top level has the key.
func (d *Doc) Has(key string) bool {
	_, ok := d.field(key)
	return ok
}

func (d *Doc) field(key string) (*ast.MappingValueNode, bool) {
	m, _ := d.body.(*ast.MappingNode)
	if m == nil {
		return nil, false
	}
	for _, kv := range m.Values {
		if keyText(kv) == key {
			return kv, true
		}
	}
	return nil, false
}

// Fields returns where the value of each top-level key starts.
func (d *Doc) Fields() map[string]formula.Position {
	out := map[string]formula.Position{}
	m, _ := d.body.(*ast.MappingNode)
	if m == nil {
		return out
	}
	for _, kv := range m.Values {
		if k := keyText(kv); k != "" && kv.Value != nil {
			out[k] = d.pos(NodePlace(kv.Value))
		}
	}
	return out
}

// Decode fills v, a pointer to a struct, from the document. Fields are
// matched by their yaml tags (",inline" embeds a struct's fields, "-"
// skips one). By convention a field Pos of type formula.Position gets
// where its mapping starts, and a field XPos gets where the value of X
// starts: for text, a Position that places each character of it
// ([formula.Mapped]), so that an error inside a formula points into the
// file; for a list of text, XPos is a []formula.Position, one per item.
//
// A mapping whose keys are data (column titles, ids) decodes into
// [Entries], which keeps each key's place and its value's; a text or a list
// of texts into [Texts].
//
// Every problem of the document is reported, each once, joined: an unknown
// field (with the nearest known one, when one is near), a field given
// twice, a value of the wrong kind. v holds what could be decoded; a value
// reported as of the wrong kind is reported at where it starts, the place
// its XPos holds. A field Unknown of type []string gets the keys of its
// struct's mapping reported as unknown, so that a caller can hold back a
// message the misspelt key already explains.
func (d *Doc) Decode(v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("yamlsrc: Decode needs a non-nil pointer, not %T", v)
	}
	d.errs, d.lenient = nil, false
	d.value(d.body, rv.Elem(), "")
	return joinErrs(d.errs)
}

// DecodeKnown is [Doc.Decode] for a struct that knows some of the
// document's fields: a look at one of them before the whole is decoded.
func (d *Doc) DecodeKnown(v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("yamlsrc: DecodeKnown needs a non-nil pointer, not %T", v)
	}
	d.errs, d.lenient = nil, true
	d.value(d.body, rv.Elem(), "")
	d.lenient = false
	return joinErrs(d.errs)
}

var (
	positionType  = reflect.TypeOf(formula.Position{})
	positionsType = reflect.TypeOf([]formula.Position{})
	unmarshaler   = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// value decodes n into v; key names the field n is the value of, for
// messages.
func (d *Doc) value(n ast.Node, v reflect.Value, key string) {
	if n == nil {
		return
	}
	if _, null := n.(*ast.NullNode); null {
		v.SetZero()
		// An empty entry of a list is still at a place, for the messages
		// about what it lacks.
		if v.Kind() == reflect.Struct {
			if p := v.FieldByName("Pos"); p.IsValid() && p.Type() == positionType {
				p.Set(reflect.ValueOf(d.pos(NodePlace(n))))
			}
		}
		return
	}
	if v.Type().Implements(unmarshaler) || reflect.PointerTo(v.Type()).Implements(unmarshaler) {
		d.text(n, v, key)
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), key)
		return
	}
	switch {
	case v.Type() == textsType:
		d.texts(n, v, key)
		return
	case v.Type().Implements(entriesType):
		d.entries(n, v, key)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.wrong(n, key, "列表", "a list")
			return
		}
		out := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			d.value(item, out.Index(i), key)
		}
		v.Set(out)
	case reflect.Map:
		fields, ok := Fields(n)
		if !ok || v.Type().Key().Kind() != reflect.String {
			d.wrong(n, key, "字段和值", "a mapping")
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), len(fields))
		seen := map[string]bool{}
		for _, kv := range fields {
			k := keyText(kv)
			if seen[k] {
				d.fail(NodePlace(kv.Key), "字段 %q 重复", "field %q is given twice", k)
				continue
			}
			seen[k] = true
			item := reflect.New(v.Type().Elem()).Elem()
			d.value(kv.Value, item, k)
			out.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), item)
		}
		v.Set(out)
	case reflect.String:
		s, ok := ScalarText(n)
		if !ok {
			d.wrong(n, key, "文本", "text")
			return
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.wrong(n, key, "true 或 false", "true or false")
			return
		}
		v.SetBool(b.Value)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s, ok := ScalarText(n)
		i, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if _, isInt := n.(*ast.IntegerNode); !ok || !isInt || err != nil {
			d.wrong(n, key, "整数", "a whole number")
			return
		}
		v.SetInt(i)
	default:
		d.fail(NodePlace(n), "%s：无法读取", "%s: cannot be read", key)
	}
}

// text decodes a scalar through the type's UnmarshalText.
func (d *Doc) text(n ast.Node, v reflect.Value, key string) {
	s, ok := ScalarText(n)
	if ok {
		target := v
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
		} else {
			target = v.Addr()
		}
		if err := target.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err == nil {
			return
		}
	}
	t := v.Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	w, known := d.words[t]
	if !known {
		w = [2]string{"合法的值", "a valid value"}
	}
	d.wrong(n, key, w[0], w[1])
}

// wrong reports that n, the value of key, is not what it should be.
func (d *Doc) wrong(n ast.Node, key, zh, en string) {
	whatZh, whatEn := describe(n)
	if key != "" {
		key += "："
	}
	enKey := strings.TrimSuffix(key, "：")
	if enKey != "" {
		enKey += ": "
	}
	d.fail(NodePlace(n), "%s%s不是%s", "%s%s is not %s", key, whatZh, zh, enKey, whatEn, en)
}

// describe writes the value at n for a message, in Chinese and in English:
// a short quote of a scalar.
func describe(n ast.Node) (zh, en string) {
	switch n.(type) {
	case *ast.SequenceNode:
		return "列表", "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "映射", "a mapping"
	}
	s, _ := ScalarText(n)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s) + " ", strconv.Quote(s)
}

// field is one field of a struct as the decoder sees it.
type field struct {
	name  string // as the file spells it
	index []int
}

// fieldsOf lists the fields of struct type t by their yaml names, inline
// fields' own fields included.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") || (f.Anonymous && tag == "") {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			for _, sub := range fieldsOf(ft) {
				out = append(out, field{name: sub.name, index: append([]int{i}, sub.index...)})
			}
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		out = append(out, field{name: tag, index: []int{i}})
	}
	return out
}

// structure decodes a mapping into a struct and records its places.
func (d *Doc) structure(n ast.Node, v reflect.Value) {
	kvs, ok := Fields(n)
	if !ok {
		d.wrong(n, "", "字段和值", "a mapping")
		return
	}
	t := v.Type()
	fields := fieldsOf(t)
	if p := v.FieldByName("Pos"); p.IsValid() && p.Type() == positionType {
		// An entry is named by its first field, in a flow mapping too.
		at := NodePlace(n)
		if len(kvs) > 0 && kvs[0].Key != nil {
			at = NodePlace(kvs[0].Key)
		}
		p.Set(reflect.ValueOf(d.pos(at)))
	}
	seen := map[string]bool{}
	for _, kv := range kvs {
		k := keyText(kv)
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == k })
		if i < 0 && d.lenient {
			continue
		}
		if i < 0 {
			names := make([]string, len(fields))
			for j, f := range fields {
				names[j] = f.name
			}
			if near := Nearest(k, names); near != "" {
				d.fail(NodePlace(kv.Key), "未知字段 %q，是不是 %q？", "unknown field %q; did you mean %q?", k, near, k, near)
			} else {
				d.fail(NodePlace(kv.Key), "未知字段 %q，可用字段为 %s", "unknown field %q (want %s)", k, strings.Join(names, ", "), k, strings.Join(names, ", "))
			}
			unknown(v, k)
			continue
		}
		if seen[k] {
			d.fail(NodePlace(kv.Key), "字段 %q 重复", "field %q is given twice", k)
			continue
		}
		seen[k] = true
		fv := v.FieldByIndex(fields[i].index)
		d.value(kv.Value, fv, k)
		d.place(v, t, fields[i].index, kv.Value, fv)
	}
}

// place sets the XPos field of the struct that holds field index, if it
// has one.
func (d *Doc) place(v reflect.Value, t reflect.Type, index []int, n ast.Node, fv reflect.Value) {
	owner := v
	if len(index) > 1 {
		owner = v.FieldByIndex(index[:len(index)-1])
		for owner.Kind() == reflect.Pointer {
			owner = owner.Elem()
		}
	}
	name := owner.Type().Field(index[len(index)-1]).Name
	p := owner.FieldByName(name + "Pos")
	if !p.IsValid() {
		return
	}
	switch {
	case p.Type() == positionsType:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			return
		}
		out := make([]formula.Position, len(seq.Values))
		for i, item := range seq.Values {
			out[i] = d.pos(NodePlace(item))
		}
		p.Set(reflect.ValueOf(out))
	case p.Type() != positionType:
	case fv.Kind() == reflect.String:
		p.Set(reflect.ValueOf(d.mapped(n, fv.String())))
	case fv.Kind() == reflect.Pointer && !fv.IsNil() && fv.Elem().Kind() == reflect.String:
		p.Set(reflect.ValueOf(d.mapped(n, fv.Elem().String())))
	default:
		p.Set(reflect.ValueOf(d.pos(NodePlace(n))))
	}
}

// mapped is the position of the text of scalar n, each of whose characters
// it places in the file.
func (d *Doc) mapped(n ast.Node, text string) formula.Position {
	_, block := n.(*ast.LiteralNode)
	places := OriginOf(n).Map(d.lines, text)
	ps := make([]formula.Position, len(places))
	for i, p := range places {
		ps[i] = formula.Position{Line: p.Line, Column: p.Column}
	}
	at := formula.Mapped(d.file, text, ps, block)
	if at.Line == 0 {
		return d.pos(NodePlace(n))
	}
	return at
}

func (d *Doc) pos(p Place) formula.Position {
	return formula.Position{File: d.file, Line: p.Line, Column: p.Column}
}

// errAt is a problem at p. zh takes the first of args it needs and en the
// rest, or both take all of them when zh needs them all.
func (d *Doc) errAt(p Place, zh, en string, args ...any) *formula.Error {
	nz := strings.Count(zh, "%") - 2*strings.Count(zh, "%%")
	zhArgs, enArgs := args, args
	if nz < len(args) {
		zhArgs, enArgs = args[:nz], args[nz:]
	}
	return &formula.Error{Position: d.pos(p), MessageZH: fmt.Sprintf(zh, zhArgs...), Message: fmt.Sprintf(en, enArgs...), Err: d.cause}
}

// fail records a problem at p, its text as [Doc.errAt] writes it.
func (d *Doc) fail(p Place, zh, en string, args ...any) {
	d.errs = append(d.errs, d.errAt(p, zh, en, args...))
}

// keyText is a mapping key as text.
func keyText(kv *ast.MappingValueNode) string {
	if kv == nil || kv.Key == nil {
		return ""
	}
	if tk := kv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// Nearest returns the one of names nearest to s when it is near enough to
// be a slip of the keyboard ([nearest.Index]), letter case aside, else "".
func Nearest(s string, names []string) string {
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	if i := nearest.Index(strings.ToLower(s), lower); i >= 0 {
		return names[i]
	}
	return ""
}

// joinErrs joins errs, nil for none.
func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return joined(errs)
}

// joined is errors.Join's result with one error a line, which a clerk reads
// as a list.
type joined []error

func (j joined) Error() string {
	var b strings.Builder
	for i, e := range j {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (j joined) Unwrap() []error { return j }
