package formula

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A constText is its text and no other: of every length up to past two words,
// against the text itself, against texts one byte different at each place,
// and against texts one byte shorter or longer.
func TestConstText(t *testing.T) {
	for n := range 21 {
		k := strings.Repeat("字", n/3) + "abc"[:n%3]
		w := constTextOf(k)
		assert.True(t, w.is(k), "%q", k)
		assert.True(t, w.is(string([]byte(k))), "%q, a copy", k)
		for i := range n {
			b := []byte(k)
			b[i] ^= 0x01
			assert.False(t, w.is(string(b)), "%q against %q", k, b)
			b[i] ^= 0x81
			assert.False(t, w.is(string(b)), "%q against %q", k, b)
		}
		assert.False(t, w.is(k+"a"), "%q, longer", k)
		if n > 0 {
			assert.False(t, w.is(k[:n-1]), "%q, shorter", k)
		}
	}
}
