// Package strtab keeps many short strings end to end in pages of a fixed
// size, without a pointer for each: the registration numbers and
// citizen IDs a stream of records must remember to find repeats, of which
// there may be millions. A Go map of strings costs a pointer and a separate
// allocation a string, and the garbage collector scans every one of them
// at each cycle; here a million 18-byte strings take about 50 MB and
// nothing to scan, and growing never copies them. It stands apart because
// roster (repeated citizen IDs) and the front door (repeated registration
// numbers) both need it.
//
// The zero values are empty and ready to use. They are for one goroutine.
package strtab

import (
	"hash/maphash"

	"github.com/newstrata/newstrata/internal/wordmap"
)

// Table is a list of strings stored end to end, each known by its number
// from 0 in the order added. The bytes are kept in pages of textPage bytes
// (a longer string in a page of its own), so that a table of millions
// never copies what it holds to grow, nor leaves the garbage of the
// slices it outgrew.
type Table struct {
	pages [][]byte
	// ends[i] is where string i ends: its page's number in the top 32
	// bits, the offset in that page in the bottom 32. It starts where the
	// string before it ends, or at 0 when that one is in another page.
	ends List[uint64]
}

// textPage is the size of a Table's pages but the first, which grows as
// a slice does until it is this large.
const textPage = 64 << 10

// Add appends s and returns its number.
func (t *Table) Add(s string) int {
	p := len(t.pages) - 1
	if p < 0 || len(t.pages[p])+len(s) > max(cap(t.pages[p]), textPage) {
		size := max(textPage, len(s))
		if p < 0 {
			size = 0 // the first page grows as a slice does: a small table stays small
		}
		t.pages = append(t.pages, make([]byte, 0, size))
		p++
	}
	t.pages[p] = append(t.pages[p], s...)
	t.ends.Append(uint64(p)<<32 | uint64(len(t.pages[p])))
	return t.ends.Len() - 1
}

// Len is how many strings t holds.
func (t *Table) Len() int { return t.ends.Len() }

// String returns string i.
func (t *Table) String(i int) string { return string(t.bytes(i)) }

// Is reports whether string i is s, without a copy.
func (t *Table) Is(i int, s string) bool { return string(t.bytes(i)) == s }

func (t *Table) bytes(i int) []byte {
	end := t.ends.At(i)
	page, start := end>>32, uint64(0)
	if i > 0 {
		if before := t.ends.At(i - 1); before>>32 == page {
			start = uint64(uint32(before))
		}
	}
	return t.pages[page][start:uint32(end)]
}

// List is a list of values appended one at a time, kept in pages of
// listPage values, so that, as a Table, it never copies what it holds to
// grow.
type List[T any] struct {
	pages [][]T
	n     int
}

// listPage is the number of values a page of a List holds (a power of
// two); the first grows as a slice does until it holds as many.
const (
	listShift = 12
	listPage  = 1 << listShift
)

// Append adds v at the end of l.
func (l *List[T]) Append(v T) {
	p := l.n >> listShift
	if p == len(l.pages) {
		size := listPage
		if p == 0 {
			size = 0
		}
		l.pages = append(l.pages, make([]T, 0, size))
	}
	l.pages[p] = append(l.pages[p], v)
	l.n++
}

// At returns value i.
func (l *List[T]) At(i int) T { return l.pages[i>>listShift][i&(listPage-1)] }

// Len is how many values l holds.
func (l *List[T]) Len() int { return l.n }

// Index maps strings to ints, each string to the int it was first added
// with. Lookups are exact: a hash of the string finds the candidate and
// its bytes decide, so two strings with one hash are still two.
type Index struct {
	seed  maphash.Seed
	heads wordmap.Map // hash → the number in keys of the first string with that hash
	keys  Table
	vals  List[int]      // value i is the int of keys' string i
	other map[string]int // strings whose hash an earlier, different string has: hardly ever any
}

// Add adds s with v when s is not in x yet and returns v and false;
// otherwise it returns the int s was first added with, and true.
func (x *Index) Add(s string, v int) (first int, found bool) {
	if x.heads.Len() == 0 {
		x.seed = maphash.MakeSeed()
	}
	k, taken := x.heads.Add(maphash.String(x.seed, s), x.keys.Len())
	switch {
	case !taken:
		x.keys.Add(s)
		x.vals.Append(v)
		return v, false
	case x.keys.Is(k, s):
		return x.vals.At(k), true
	}
	if w, ok := x.other[s]; ok {
		return w, true
	}
	if x.other == nil {
		x.other = map[string]int{}
	}
	x.other[string([]byte(s))] = v // a copy: s may share the memory of a whole row
	return v, false
}

// Get returns the int s was added with, if it was.
func (x *Index) Get(s string) (int, bool) {
	if x.heads.Len() == 0 {
		return 0, false
	}
	k, taken := x.heads.Get(maphash.String(x.seed, s))
	if !taken {
		return 0, false
	}
	if x.keys.Is(k, s) {
		return x.vals.At(k), true
	}
	v, ok := x.other[s]
	return v, ok
}

// Len is how many strings x holds.
func (x *Index) Len() int { return x.keys.Len() + len(x.other) }
