package roster

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"strings"
)

// A Record prints masked: String, every fmt verb (Format) and the
// default JSON (MarshalJSON) show the citizen ID as 450102********123X,
// the phone number as 138****5678 and the postal address as its
// administrative divisions only (广西南宁市青秀区****), so that a record
// logged or dumped while debugging gives away no one. A citizen ID typed
// where it does not belong (the key, a name, a list item, an input
// beyond the form) is masked too. The fields themselves hold the whole
// values: a program entitled to them reads them, or writes the record
// with a [Writer].

// plainRecord is a Record without its methods, for fmt and encoding/json
// to print field by field.
type plainRecord Record

// String returns the record as %v prints it, masked.
func (r Record) String() string { return fmt.Sprintf("%v", r) }

// Format prints the record masked, for every verb: %v and %s as
// {NN-000123 450103 ...}, %+v with the field names, %#v as Go syntax;
// any other verb is reported as a bad verb, as fmt does, with the masked
// record.
func (r Record) Format(f fmt.State, verb rune) {
	p := plainRecord(r.masked())
	switch {
	case verb == 'v' && f.Flag('#'):
		s := fmt.Sprintf("%#v", p)
		fmt.Fprint(f, "roster.Record"+strings.TrimPrefix(s, "roster.plainRecord"))
	case verb == 'v' && f.Flag('+'):
		fmt.Fprintf(f, "%+v", p)
	case verb == 'v' || verb == 's':
		fmt.Fprintf(f, "%v", p)
	default:
		fmt.Fprintf(f, "%%!%c(roster.Record=%v)", verb, p)
	}
}

// MarshalJSON writes the record as encoding/json writes its fields, by
// their Go names, masked. It is for logs and displays: a masked citizen
// ID does not read back as one, so records are kept with a [Writer] or
// field by field.
func (r Record) MarshalJSON() ([]byte, error) {
	return json.Marshal(plainRecord(r.masked()))
}

// masked returns a copy of r that may be printed: the personal fields of
// the form masked, and any other text that has the shape of a citizen ID
// ([LooksLikeCitizenID]) masked as one. r is not changed: lists and
// Extra are copied before they are masked.
func (r Record) masked() Record {
	m := r
	v := reflect.ValueOf(&m).Elem()
	for i := range formFields {
		f := &formFields[i]
		if f.mask != nil {
			s := v.FieldByName(f.name)
			s.SetString(f.mask(s.String()))
		}
	}
	maskIDs(v)
	if len(r.Extra) > 0 {
		m.Extra = maps.Clone(r.Extra)
		for k, x := range m.Extra {
			if s, ok := x.(string); ok && isCitizenID(s) {
				m.Extra[k] = MaskCitizenID(s)
			}
		}
		// a key is a name, but not one to print if it is an ID
		for k := range r.Extra {
			if isCitizenID(k) {
				m.Extra[MaskCitizenID(k)] = m.Extra[k]
				delete(m.Extra, k)
			}
		}
	}
	return m
}

// maskIDs masks, in place, every exported string of v (a struct, a list
// of structs) that has the shape of a citizen ID. A list is copied
// before its items are masked, since the copy of a Record shares them.
func maskIDs(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if isCitizenID(v.String()) {
			v.SetString(MaskCitizenID(v.String()))
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				maskIDs(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 || !hasString(v.Type().Elem()) {
			return
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		v.Set(c)
		for i := range c.Len() {
			maskIDs(c.Index(i))
		}
	}
}

// hasString reports whether a value of t can hold a string maskIDs would
// mask.
func hasString(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		return true
	case reflect.Struct:
		for f := range t.Fields() {
			if f.IsExported() && hasString(f.Type) {
				return true
			}
		}
	}
	return false
}
