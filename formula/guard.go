package formula

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// bound is a field of the record a formula reads whose size its cost
// estimate assumed: a text, a list, or a declared String input.
type bound struct {
	name     string
	index    []int   // in roster.Facts; nil for an input
	offset   uintptr // of the field in roster.Facts
	kind     boundKind
	input    string // the input's id
	maxItems uint64
	maxText  uint64
	// For a list of structs: the size of an item and its fields of kind
	// string, whose lengths are bounded too: worked out from the field's type
	// once, so that a run reads the slice without reflection.
	itemSize uintptr
	texts    []itemText
}

// itemText is a field of kind string of a list's item.
type itemText struct {
	name   string
	offset uintptr
}

// boundKind is what a bound's field holds.
type boundKind uint8

const (
	boundText boundKind = iota
	boundDecimal
	boundList
)

// bounds lists the fields among reads whose size the estimate assumed.
func (c *Env) bounds(reads []string) []bound {
	var out []bound
	for _, name := range reads {
		b := bound{name: name, maxItems: c.maxItems, maxText: c.maxText}
		if id, ok := strings.CutPrefix(name, "In."); ok {
			if t := c.inputs[id]; t != String && t != Decimal {
				continue
			}
			b.input = id
			out = append(out, b)
			continue
		}
		f, ok := factsType.FieldByName(name)
		if !ok {
			continue
		}
		b.index, b.offset = f.Index, f.Offset
		switch {
		case len(f.Index) != 1:
			continue
		case f.Type == decType:
			b.kind = boundDecimal
		case f.Type.Kind() == reflect.String:
			b.kind = boundText
		case f.Type.Kind() == reflect.Slice:
			b.kind = boundList
			if e := f.Type.Elem(); e.Kind() == reflect.Struct {
				b.itemSize = e.Size()
				for j := range e.NumField() {
					if x := e.Field(j); x.Type.Kind() == reflect.String {
						b.texts = append(b.texts, itemText{x.Name, x.Offset})
					}
				}
			}
		default:
			continue
		}
		out = append(out, b)
	}
	return out
}

// within checks that f is no larger where the formula reads it than its
// cost estimate assumed, so that no record makes it dearer than the
// budget it was held to.
func (p *Program) within(f *roster.Facts) error {
	if len(p.bounds) == 0 || f == nil {
		return nil
	}
	// Most bounds are texts of the record, read here in one loop; the
	// others, and a text too long (to be named), are checked by their
	// bound.
	base := unsafe.Pointer(f)
	long := false
	for _, off := range p.texts {
		long = long || uint64(len(*(*string)(unsafe.Add(base, off)))) > p.maxText
	}
	if !long && len(p.texts) == len(p.bounds) {
		return nil
	}
	for i := range p.bounds {
		if b := &p.bounds[i]; long || b.kind != boundText || b.index == nil {
			if err := b.check(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// guard works out what within checks: the bounds of the fields p reads,
// and the offsets of the record's texts among them.
func (p *Program) guard(c *Env) {
	p.bounds, p.texts, p.maxText = c.bounds(p.reads), nil, c.maxText
	for _, b := range p.bounds {
		if b.kind == boundText && b.index != nil {
			p.texts = append(p.texts, b.offset)
		}
	}
}

// check is the bound's test of one record, reading the field at its
// offset as the closures do.
func (b *bound) check(f *roster.Facts) error {
	if b.index == nil {
		switch x := f.In[b.input].(type) {
		case string:
			if uint64(len(x)) > b.maxText {
				return b.tooLong(len(x))
			}
		case decimal.Decimal:
			return b.digits(x)
		}
		return nil
	}
	at := unsafe.Add(unsafe.Pointer(f), b.offset)
	switch b.kind {
	case boundDecimal:
		return b.digits(*(*decimal.Decimal)(at))
	case boundText:
		if n := len(*(*string)(at)); uint64(n) > b.maxText {
			return b.tooLong(n)
		}
		return nil
	}
	// A list: its items' texts are bounded too. Every slice has the
	// header of a []byte, whatever its items; len counts the items.
	items := *(*[]byte)(at)
	if n := len(items); uint64(n) > b.maxItems {
		return fmt.Errorf("%s", bilingual(
			fmt.Sprintf("记录的 %s 有 %d 项，超过公式代价估计所假定的 %d 项", b.name, n, b.maxItems),
			fmt.Sprintf("the record's %s has %d items, more than the %d the formula's cost bound assumes", b.name, n, b.maxItems)))
	}
	if len(b.texts) == 0 {
		return nil
	}
	first := unsafe.Pointer(unsafe.SliceData(items))
	for i := range len(items) {
		item := unsafe.Add(first, uintptr(i)*b.itemSize)
		for _, t := range b.texts {
			if n := len(*(*string)(unsafe.Add(item, t.offset))); uint64(n) > b.maxText {
				return tooLong(fmt.Sprintf("%s[%d].%s", b.name, i, t.name), n, b.maxText)
			}
		}
	}
	return nil
}

func (b *bound) digits(d decimal.Decimal) error {
	if n := plainDigits(d); n > recordDigits {
		return fmt.Errorf("%s", bilingual(
			fmt.Sprintf("记录的 %s 写出来有 %d 位数字，超过公式代价估计所假定的 %d 位", b.name, n, recordDigits),
			fmt.Sprintf("the record's %s has %d digits written out, more than the %d the formula's cost bound assumes", b.name, n, recordDigits)))
	}
	return nil
}

func (b *bound) tooLong(n int) error { return tooLong(b.name, n, b.maxText) }

func tooLong(name string, n int, limit uint64) error {
	return fmt.Errorf("%s", bilingual(
		fmt.Sprintf("记录的 %s 长 %d 字节，超过公式代价估计所假定的 %d 字节", name, n, limit),
		fmt.Sprintf("the record's %s is %d bytes long, more than the %d the formula's cost bound assumes", name, n, limit)))
}
