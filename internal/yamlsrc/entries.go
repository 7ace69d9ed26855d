package yamlsrc

import (
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/newstrata/newstrata/formula"
)

// Entry is one entry of a mapping whose keys are data rather than field
// names (the column titles of a form, the ids of conditions): the key, the
// value and where each is written, so that a message about either points
// at it.
type Entry[T any] struct {
	Key   string // as YAML decodes it, spaces kept
	Value T
	// KeyPos is where the key starts; ValuePos where the value starts, or
	// for an empty value (a key and its colon alone) just past the colon.
	KeyPos, ValuePos formula.Position
}

// Entries is a mapping decoded in the order of the file, each value as
// [Doc.Decode] decodes a T. null gives nil and {} an empty, non-nil
// Entries. Each key is a text that is not blank; a key given twice is
// refused when the file is read, and keys that differ only in spaces are
// left to the caller.
type Entries[T any] []Entry[T]

// entries marks every Entries type, whatever its T, for the decoder.
func (Entries[T]) entries() {}

// Texts is a list of texts that a lone text fills as a list of one: a value
// written either way, such as a cell of a form that holds one item or
// several. null gives nil and [] an empty, non-nil Texts; so does a list
// with an item that is not a text, which is reported.
type Texts []string

var (
	entriesType = reflect.TypeOf((*interface{ entries() })(nil)).Elem()
	textsType   = reflect.TypeOf(Texts(nil))
	stringsType = reflect.TypeOf([]string(nil))
)

// entries decodes mapping n into v, an Entries.
func (d *Doc) entries(n ast.Node, v reflect.Value, key string) {
	kvs, ok := Fields(n)
	if !ok {
		d.wrong(n, key, "字段和值", "a mapping")
		return
	}
	out := reflect.MakeSlice(v.Type(), 0, len(kvs))
	for _, kv := range kvs {
		k, text := ScalarText(kv.Key)
		switch {
		case !text:
			d.fail(NodePlace(kv.Key), "%s：键须是文本", "%s: a key is a text", key, key)
			continue
		case strings.TrimSpace(k) == "":
			d.fail(NodePlace(kv.Key), "%s：键为空", "%s: a key is blank", key, key)
			continue
		}
		e := reflect.New(v.Type().Elem()).Elem()
		e.FieldByName("Key").SetString(k)
		keyAt := d.pos(NodePlace(kv.Key))
		valueAt := d.pos(NodePlace(kv.Value))
		if valueAt.Line == 0 {
			valueAt = keyAt
		}
		e.FieldByName("KeyPos").Set(reflect.ValueOf(keyAt))
		e.FieldByName("ValuePos").Set(reflect.ValueOf(valueAt))
		d.value(kv.Value, e.FieldByName("Value"), k)
		out = reflect.Append(out, e)
	}
	v.Set(out)
}

// texts decodes a text or a list of texts into v, a Texts. A list with an
// item that is not a text is reported and leaves v empty: what is left of
// it is not read as a value, nor the list as null.
func (d *Doc) texts(n ast.Node, v reflect.Value, key string) {
	if s, ok := ScalarText(n); ok {
		v.Set(reflect.ValueOf(Texts{s}))
		return
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.wrong(n, key, "文本或文本的列表", "a text or a list of texts")
		return
	}
	out, good := make(Texts, 0, len(seq.Values)), true
	for _, item := range seq.Values {
		s, ok := ScalarText(item)
		if !ok {
			d.wrong(item, key, "文本", "text")
			good = false
			continue
		}
		out = append(out, s)
	}
	if !good {
		out = out[:0]
	}
	v.Set(reflect.ValueOf(out))
}

// unknown records key in the Unknown field of the struct v, if it has one.
func unknown(v reflect.Value, key string) {
	if u := v.FieldByName("Unknown"); u.IsValid() && u.Type() == stringsType && u.CanSet() {
		u.Set(reflect.Append(u, reflect.ValueOf(key)))
	}
}
