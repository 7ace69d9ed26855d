package wordmap

import (
	"hash/maphash"
	"math/bits"
)

// Map maps uint64 keys to ints of 0 or more. It is an open-addressing
// table with linear probing, at most half full, keyed by a hash of the
// key under a seed of its own, so that keys chosen to collide under one
// map do not collide under another.
type Map struct {
	slots []slot // a power of two of them, or none
	shift uint8  // 64 less the power: a key's slot is the top bits of its hash
	n     int    // keys held
	seed  uint64
}

// slot holds a key and its value plus one; a zero val is an empty slot.
type slot struct {
	key, val uint64
}

// Add adds k with v (which must be 0 or more) when k is not in m yet and
// returns v and false; otherwise it returns the value k was first added
// with, and true. It panics if v is negative: that is a caller's bug, and
// would otherwise read as an empty slot.
func (m *Map) Add(k uint64, v int) (first int, found bool) {
	if v < 0 {
		panic("wordmap: negative value")
	}
	if 2*(m.n+1) > len(m.slots) {
		m.grow()
	}
	mask := uint64(len(m.slots) - 1)
	for i := m.hash(k) >> m.shift; ; i = (i + 1) & mask {
		s := &m.slots[i]
		switch {
		case s.val == 0:
			s.key, s.val = k, uint64(v)+1
			m.n++
			return v, false
		case s.key == k:
			return int(s.val - 1), true
		}
	}
}

// Get returns the value k was added with, if it was.
func (m *Map) Get(k uint64) (int, bool) {
	if m.n == 0 {
		return 0, false
	}
	mask := uint64(len(m.slots) - 1)
	for i := m.hash(k) >> m.shift; ; i = (i + 1) & mask {
		s := &m.slots[i]
		switch {
		case s.val == 0:
			return 0, false
		case s.key == k:
			return int(s.val - 1), true
		}
	}
}

// Len is how many keys m holds.
func (m *Map) Len() int { return m.n }

// Clear empties m and keeps its table for the keys to come.
func (m *Map) Clear() {
	clear(m.slots)
	m.n = 0
}

// hash scatters k under m's seed: the two halves of the 128-bit product
// of k and an odd constant, folded, so that every bit of k reaches the top
// bits that pick the slot.
func (m *Map) hash(k uint64) uint64 {
	hi, lo := bits.Mul64(k^m.seed, 0x9e3779b97f4a7c15)
	return hi ^ lo
}

// grow doubles the table (making the first one when there is none) and
// puts every key back in it. Since a slot is picked by the top bits of the
// hash, a key in slot i of the old table goes near slot 2i of the new one:
// read in order, the old table is written in order, and growing a table
// of millions reads and writes memory as a stream rather than at random.
func (m *Map) grow() {
	if m.slots == nil {
		m.seed = maphash.Comparable(maphash.MakeSeed(), uint64(0))
		m.shift = 64 - 4
		m.slots = make([]slot, 16)
		return
	}
	old := m.slots
	m.slots = make([]slot, 2*len(old))
	m.shift--
	mask := uint64(len(m.slots) - 1)
	for _, s := range old {
		if s.val == 0 {
			continue
		}
		i := m.hash(s.key) >> m.shift
		for m.slots[i].val != 0 {
			i = (i + 1) & mask
		}
		m.slots[i] = s
	}
}
