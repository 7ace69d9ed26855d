package formula

import (
	"math"
	"sync"

	"github.com/shopspring/decimal"
)

// Column holds one [Fixed] per record of a roster, for a caller that
// keeps the values of many formulas over many records (a prepared roster
// for comparing policies keeps one per formula). Each value takes sixteen
// bytes in a block without pointers, which the garbage collector does not
// scan, instead of a Fixed's twenty-four with a pointer; the rare value
// too large for machine words is kept aside. Set and At may be called
// from several goroutines at once for different indices.
type Column struct {
	small []fix
	mu    sync.Mutex
	big   map[int]decimal.Decimal // by index, for values small marks aside
}

// aside marks in a Column's small block a value kept in big: no fix has
// this exponent (see maxFixExp).
const aside = math.MinInt32

// NewColumn returns a column of n zeros.
func NewColumn(n int) *Column { return &Column{small: make([]fix, n)} }

// Len is how many values c holds.
func (c *Column) Len() int { return len(c.small) }

// Set stores x at index i.
func (c *Column) Set(i int, x Fixed) {
	if x.big == nil && x.x.e != aside {
		c.small[i] = x.x
		return
	}
	c.mu.Lock()
	if c.big == nil {
		c.big = map[int]decimal.Decimal{}
	}
	c.big[i] = x.Decimal()
	c.mu.Unlock()
	c.small[i] = fix{e: aside}
}

// At returns the value at index i.
func (c *Column) At(i int) Fixed {
	if x := c.small[i]; x.e != aside {
		return Fixed{x: x}
	}
	c.mu.Lock()
	d := c.big[i]
	c.mu.Unlock()
	return Fixed{big: &d}
}
