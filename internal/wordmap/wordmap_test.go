package wordmap

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMap(t *testing.T) {
	var m Map
	v, ok := m.Get(7)
	assert.False(t, ok, "the zero Map is empty")
	assert.Zero(t, v)

	tests := []struct {
		key       uint64
		val       int
		want      int
		wantFound bool
	}{
		{7, 0, 0, false},
		{0, 3, 3, false}, // the zero key is a key like any other
		{7, 9, 0, true},  // the first value stays
		{1<<64 - 1, 5, 5, false},
		{0, 4, 3, true},
		{1<<64 - 1, 6, 5, true},
	}
	for _, tt := range tests {
		got, found := m.Add(tt.key, tt.val)
		assert.Equal(t, tt.want, got, "Add(%d, %d)", tt.key, tt.val)
		assert.Equal(t, tt.wantFound, found, "Add(%d, %d)", tt.key, tt.val)
	}
	assert.Equal(t, 3, m.Len())
	for key, want := range map[uint64]int{7: 0, 0: 3, 1<<64 - 1: 5} {
		got, ok := m.Get(key)
		assert.True(t, ok, "Get(%d)", key)
		assert.Equal(t, want, got, "Get(%d)", key)
	}
	_, ok = m.Get(8)
	assert.False(t, ok)

	m.Clear()
	assert.Zero(t, m.Len())
	_, ok = m.Get(7)
	assert.False(t, ok, "cleared")
	got, found := m.Add(7, 2)
	assert.Equal(t, 2, got)
	assert.False(t, found, "added anew after Clear")
}

// TestMapAgreesWithGoMap adds and looks up random keys, many of them
// repeated and many close together (as packed IDs are), in a Map and in a
// Go map, through several growths and a Clear, and checks they always
// agree.
func TestMapAgreesWithGoMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var m Map
	for round := range 2 {
		want := map[uint64]int{}
		for i := range 200_000 {
			var k uint64
			switch rng.IntN(3) {
			case 0:
				k = rng.Uint64()
			case 1:
				k = uint64(rng.IntN(50_000)) // repeats
			default:
				k = 450103_19900101_000*11 + uint64(rng.IntN(100_000))*11
			}
			if rng.IntN(4) == 0 {
				got, ok := m.Get(k)
				w, wok := want[k]
				require.Equal(t, wok, ok, "round %d, Get(%d)", round, k)
				require.Equal(t, w, got, "round %d, Get(%d)", round, k)
				continue
			}
			got, found := m.Add(k, i)
			w, seen := want[k]
			if !seen {
				want[k], w = i, i
			}
			require.Equal(t, seen, found, "round %d, Add(%d)", round, k)
			require.Equal(t, w, got, "round %d, Add(%d)", round, k)
		}
		require.Equal(t, len(want), m.Len())
		m.Clear()
	}
}

// BenchmarkAdd adds a million keys shaped as packed citizen IDs, one in
// ten of them a repeat, to a Map and, as its baseline, to a Go map.
func BenchmarkAdd(b *testing.B) {
	const n = 1_000_000
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]uint64, n)
	for i := range keys {
		if i > 0 && rng.IntN(10) == 0 {
			keys[i] = keys[rng.IntN(i)]
			continue
		}
		area, day, seq := 450000+rng.Uint64N(10_000), 19500101+rng.Uint64N(600_000), rng.Uint64N(1000)
		keys[i] = ((area*100_000_000+day)*1000+seq)*11 + rng.Uint64N(11)
	}
	b.Run("wordmap", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var m Map
			for i, k := range keys {
				m.Add(k, i)
			}
		}
	})
	b.Run("go-map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := map[uint64]int{}
			for i, k := range keys {
				if _, ok := m[k]; !ok {
					m[k] = i
				}
			}
		}
	})
}

func TestAddNegativePanics(t *testing.T) {
	var m Map
	assert.PanicsWithValue(t, "wordmap: negative value", func() { m.Add(1, -1) })
	_, found := m.Get(1)
	assert.False(t, found, "a refused value is not added")
}
