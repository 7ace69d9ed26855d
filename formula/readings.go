package formula

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Reading is a value a formula read from the record, as text for the
// explanation of a result.
type Reading struct {
	Field string // a roster.Facts field, or In.<id>
	Value string
}

type fieldRef struct {
	name  string
	input string // for In.<id>
	index int    // the field's index in roster.Facts
}

func fieldRefs(names []string) []fieldRef {
	refs := make([]fieldRef, 0, len(names))
	for _, n := range names {
		if id, ok := strings.CutPrefix(n, "In."); ok {
			refs = append(refs, fieldRef{name: n, input: id})
			continue
		}
		if sf, ok := factsType.FieldByName(n); ok && len(sf.Index) == 1 {
			refs = append(refs, fieldRef{name: n, index: sf.Index[0]})
		}
	}
	return refs
}

// Readings returns the values the formula reads from f, as text, in the
// order of [Program.Reads]: what an explanation of a result shows.
func (p *Program) Readings(f *roster.Facts) []Reading {
	if len(p.refs) == 0 || f == nil {
		return nil
	}
	out := make([]Reading, len(p.refs))
	v := reflect.ValueOf(f).Elem()
	for i, ref := range p.refs {
		var x any
		if ref.input != "" {
			x = f.In[ref.input]
		} else {
			x = v.Field(ref.index).Interface()
		}
		out[i] = Reading{Field: ref.name, Value: formatValue(x)}
	}
	return out
}

func formatValue(x any) string {
	switch v := x.(type) {
	case string:
		if v == "" {
			return "（空）"
		}
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		if v {
			return "是"
		}
		return "否"
	case decimal.Decimal:
		return v.String()
	case nil:
		return "（缺）"
	}
	rv := reflect.ValueOf(x)
	if rv.Kind() == reflect.Slice {
		return fmt.Sprintf("%d 项", rv.Len())
	}
	return fmt.Sprint(x)
}
