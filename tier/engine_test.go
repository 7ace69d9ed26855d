package tier

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The large-input paths (radix sort, two-goroutine sort) agree with the
// standard library's sorts.
func TestSortsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, n := range []int{0, 1, 255, 256, 1000, 40_000} {
		a := make([]uint64, n)
		for i := range a {
			a[i] = rng.Uint64() >> rng.IntN(64) // many shared high bytes
		}
		want := slices.Clone(a)
		slices.Sort(want)
		assert.Equal(t, want, radixSort(a), "radix n=%d", n)

		b := make([]int, n)
		for i := range b {
			b[i] = rng.IntN(n + 1)
		}
		want2 := slices.Clone(b)
		slices.Sort(want2)
		parallelSort(b, cmp.Compare[int])
		assert.Equal(t, want2, b, "parallel n=%d", n)
	}
}
