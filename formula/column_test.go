package formula_test

import (
	"sync"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestColumn(t *testing.T) {
	huge := decimal.RequireFromString("123456789012345678901234567890.5")
	tests := []struct {
		name string
		x    formula.Fixed
	}{
		{"zero", formula.Fixed{}},
		{"integer", formula.FixedInt(42)},
		{"fraction", formula.FixedOf(decimal.RequireFromString("-3.25"))},
		{"trailing zeros keep their exponent", formula.FixedOf(decimal.RequireFromString("85.50"))},
		{"too large for machine words", formula.FixedOf(huge)},
		{"exponent far out", formula.FixedOf(decimal.New(7, -40000))},
		{"largest coefficient packed", formula.FixedOf(decimal.New(1<<55-1, -2))},
		{"smallest coefficient packed", formula.FixedOf(decimal.New(-1<<55, -2))},
		{"coefficient past 56 bits", formula.FixedOf(decimal.New(1<<55, -2))},
		{"negative coefficient past 56 bits", formula.FixedOf(decimal.New(-1<<55-1, 3))},
		{"exponent -127", formula.FixedOf(decimal.New(-9, -127))},
		{"exponent -128, the mark of a value aside", formula.FixedOf(decimal.New(9, -128))},
		{"exponent 127", formula.FixedOf(decimal.New(9, 127))},
		{"exponent 128", formula.FixedOf(decimal.New(9, 128))},
	}
	c := formula.NewColumn(len(tests) + 1)
	require.Equal(t, len(tests)+1, c.Len())
	for i, tt := range tests {
		c.Set(i, tt.x)
	}
	for i, tt := range tests {
		got := c.At(i)
		assert.True(t, got.Equal(tt.x), "%s: %s, want %s", tt.name, got, tt.x)
		assert.Equal(t, tt.x.Exponent(), got.Exponent(), tt.name)
		assert.Equal(t, tt.x.String(), got.String(), tt.name)
	}
	assert.Equal(t, "0", c.At(len(tests)).String(), "an index never set holds 0")

	c.Set(4, formula.FixedInt(1)) // a value once aside is replaced
	assert.Equal(t, "1", c.At(4).String())
}

// Workers fill a column's indices at once, large values among them, as
// a comparison's workers do; the race detector watches.
func TestColumnConcurrent(t *testing.T) {
	const n = 2000
	c := formula.NewColumn(n)
	big := decimal.RequireFromString("1e30")
	value := func(i int) formula.Fixed {
		if i%7 == 0 {
			return formula.FixedOf(big.Add(decimal.NewFromInt(int64(i))))
		}
		return formula.FixedInt(int64(i))
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				c.Set(i, value(i))
				assert.True(t, c.At(i).Equal(value(i)))
			}
		}()
	}
	wg.Wait()
	for i := range n {
		require.True(t, c.At(i).Equal(value(i)), "index %d", i)
	}
}
