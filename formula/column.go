package formula

import (
	"sync"

	"github.com/shopspring/decimal"
)

// Column holds one [Fixed] per record of a roster, for a caller that
// keeps the values of many formulas over many records (a prepared roster
// for comparing policies keeps one per formula). Each value takes eight
// bytes in a block without pointers, which the garbage collector does not
// scan, instead of a Fixed's twenty-four with a pointer: its coefficient
// in 56 bits and its exponent in 8. The rare value that does not fit is
// kept aside. Set and At may be called from several goroutines at once
// for different indices.
type Column struct {
	small []uint64 // packed values (see pack); asideExp marks one kept in big
	mu    sync.Mutex
	big   map[int]decimal.Decimal // by index, for values small marks aside
}

// asideExp is the exponent byte that marks, in a Column's small block, a
// value kept in big: pack gives no value this exponent.
const asideExp = 0x80 // -128

// NewColumn returns a column of n zeros.
func NewColumn(n int) *Column { return &Column{small: make([]uint64, n)} }

// Len is how many values c holds.
func (c *Column) Len() int { return len(c.small) }

// Set stores x at index i.
func (c *Column) Set(i int, x Fixed) {
	if w, ok := pack(x.x); ok && x.big == nil {
		c.small[i] = w
		return
	}
	c.setAside(i, x)
}

// setAside stores x at index i in c.big, and marks it so in c.small.
func (c *Column) setAside(i int, x Fixed) {
	c.mu.Lock()
	if c.big == nil {
		c.big = map[int]decimal.Decimal{}
	}
	c.big[i] = x.Decimal()
	c.mu.Unlock()
	c.small[i] = asideExp
}

// At returns the value at index i.
func (c *Column) At(i int) Fixed {
	if w := c.small[i]; uint8(w) != asideExp {
		return Fixed{x: unpack(w)}
	}
	return c.atAside(i)
}

// atAside returns the value kept aside at index i.
func (c *Column) atAside(i int) Fixed {
	c.mu.Lock()
	d := c.big[i]
	c.mu.Unlock()
	return FixedOf(d)
}
