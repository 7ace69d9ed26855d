// Package strtab keeps many short strings end to end in a few large
// slices, without a pointer for each: the registration numbers and
// citizen IDs a stream of records must remember to find repeats, of which
// there may be millions. A Go map of strings costs a pointer and a separate
// allocation a string, and the garbage collector scans every one of them
// at each cycle; here a million 18-byte strings take about 50 MB and
// nothing to scan. It stands apart because roster (repeated citizen IDs)
// and the front door (repeated registration numbers) both need it.
//
// The zero values are empty and ready to use. They are for one goroutine.
package strtab

import (
	"hash/maphash"

	"github.com/newstrata/newstrata/internal/wordmap"
)

// Table is a list of strings stored end to end, each known by its number
// from 0 in the order added.
type Table struct {
	data []byte
	ends []int // ends[i] is where string i ends in data
}

// Add appends s and returns its number.
func (t *Table) Add(s string) int {
	t.data = append(t.data, s...)
	t.ends = append(t.ends, len(t.data))
	return len(t.ends) - 1
}

// Len is how many strings t holds.
func (t *Table) Len() int { return len(t.ends) }

// String returns string i.
func (t *Table) String(i int) string { return string(t.bytes(i)) }

// Is reports whether string i is s, without a copy.
func (t *Table) Is(i int, s string) bool { return string(t.bytes(i)) == s }

func (t *Table) bytes(i int) []byte {
	start := 0
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.data[start:t.ends[i]]
}

// Index maps strings to ints, each string to the int it was first added
// with. Lookups are exact: a hash of the string finds the candidate and
// its bytes decide, so two strings with one hash are still two.
type Index struct {
	seed  maphash.Seed
	heads wordmap.Map // hash → the number in keys of the first string with that hash
	keys  Table
	vals  []int          // vals[i] is the int of keys' string i
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
		x.vals = append(x.vals, v)
		return v, false
	case x.keys.Is(k, s):
		return x.vals[k], true
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
		return x.vals[k], true
	}
	v, ok := x.other[s]
	return v, ok
}

// Len is how many strings x holds.
func (x *Index) Len() int { return x.keys.Len() + len(x.other) }
