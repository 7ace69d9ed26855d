package formula

import "unsafe"

// Texts compared with a constant, as a rule compares a field with a label
// ("优秀", "民营企业"): labels of one kind are often of one length, so that
// Go's == finds the lengths equal and calls the runtime to compare the
// bytes. A constText compares a text of the constant's length in one or two
// loads of machine words instead.

// constText is a constant text, with its bytes as machine words when it is 4
// to 16 bytes long: the first and the last 4 (under 8 bytes) or 8, which
// overlap in a shorter text and cover it together.
type constText struct {
	s      string
	lo, hi uint64
}

func constTextOf(s string) constText {
	w := constText{s: s}
	switch n := len(s); {
	case n >= 8 && n <= 16:
		w.lo, w.hi = load64(s), load64(s[n-8:])
	case n >= 4 && n < 8:
		w.lo, w.hi = uint64(load32(s)), uint64(load32(s[n-4:]))
	}
	return w
}

// is reports whether x is w's text.
func (w *constText) is(x string) bool {
	n := len(w.s)
	switch {
	case len(x) != n:
		return false
	case n >= 8 && n <= 16:
		return load64(x) == w.lo && load64(x[n-8:]) == w.hi
	case n >= 4 && n < 8:
		return uint64(load32(x)) == w.lo && uint64(load32(x[n-4:])) == w.hi
	}
	return x == w.s
}

// load64 reads the first eight bytes of s, little-endian, in one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 reads the first four bytes of s likewise.
func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// textIs compiles l == k for a text l and a constant k; a field is read in
// place, without the call of its closure.
func textIs(l val, k string) boolFn {
	w := constTextOf(k)
	switch at := l.at; {
	case at != nil && at.elem:
		off := at.off
		return func(fr frame) bool { return w.is(*(*string)(unsafe.Add(fr.e, off))) }
	case at != nil:
		off := at.off
		return func(fr frame) bool { return w.is(*(*string)(unsafe.Add(unsafe.Pointer(fr.f), off))) }
	}
	s := l.s
	return func(fr frame) bool { return w.is(s(fr)) }
}
