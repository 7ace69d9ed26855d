package strtab

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTable(t *testing.T) {
	var tab Table
	for i, s := range []string{"NN-1", "", "450103198503141230", "李测试"} {
		require.Equal(t, i, tab.Add(s))
	}
	assert.Equal(t, 4, tab.Len())
	assert.Equal(t, "", tab.String(1))
	assert.Equal(t, "450103198503141230", tab.String(2))
	assert.True(t, tab.Is(3, "李测试"))
	assert.False(t, tab.Is(0, "NN-10"))
}

// Strings of every length, over many pages, come back as they went in:
// empty ones, ones that end a page exactly, and ones longer than a page.
func TestTablePages(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var (
		tab  Table
		want []string
	)
	add := func(s string) {
		require.Equal(t, len(want), tab.Add(s))
		want = append(want, s)
	}
	for len(want) < 20000 {
		n := r.IntN(40)
		switch r.IntN(100) {
		case 0:
			n = 0
		case 1:
			n = textPage + r.IntN(3) - 1 // about a page, or more
		case 2:
			// exactly what is left of the page
			last := tab.pages[len(tab.pages)-1]
			n = max(cap(last), textPage) - len(last)
		}
		add(strings.Repeat(fmt.Sprintf("%d,", len(want)), n/2+1)[:n]) // n bytes of its own
	}
	require.Greater(t, len(tab.pages), 10, "the strings span many pages")
	require.Equal(t, len(want), tab.Len())
	for i, s := range want {
		require.Equal(t, s, tab.String(i), "string %d", i)
		require.True(t, tab.Is(i, s))
	}
}

func TestList(t *testing.T) {
	var l List[int]
	for i := range 3*listPage + 5 {
		l.Append(i * 7)
	}
	require.Equal(t, 3*listPage+5, l.Len())
	for i := range l.Len() {
		require.Equal(t, i*7, l.At(i))
	}
	for _, p := range l.pages[1:] {
		assert.Equal(t, listPage, cap(p), "pages after the first are made full size")
	}
}

func TestIndex(t *testing.T) {
	var x Index
	_, found := x.Get("NN-1")
	assert.False(t, found, "the zero Index is empty")
	for i := range 10000 {
		first, found := x.Add(fmt.Sprintf("NN-%05d", i), i)
		require.False(t, found)
		require.Equal(t, i, first)
	}
	first, found := x.Add("NN-00042", 99999)
	assert.True(t, found)
	assert.Equal(t, 42, first, "the first keeps it")
	v, ok := x.Get("NN-09999")
	assert.True(t, ok)
	assert.Equal(t, 9999, v)
	_, ok = x.Get("NN-10000")
	assert.False(t, ok)
	_, found = x.Add("", 7)
	assert.False(t, found, "the empty string is a string")
	assert.Equal(t, 10001, x.Len())
}

// Two strings with one hash are two: the second is kept apart, exactly.
func TestIndexSameHash(t *testing.T) {
	var x Index
	x.Add("a", 1)
	// Make "b" hash as "a" does, as a real collision would.
	a, _ := x.heads.Get(maphash.String(x.seed, "a"))
	x.heads.Add(maphash.String(x.seed, "b"), a)
	first, found := x.Add("b", 2)
	assert.False(t, found)
	assert.Equal(t, 2, first)
	v, ok := x.Get("b")
	assert.True(t, ok)
	assert.Equal(t, 2, v)
	v, ok = x.Get("a")
	assert.True(t, ok)
	assert.Equal(t, 1, v)
	first, found = x.Add("b", 3)
	assert.True(t, found)
	assert.Equal(t, 2, first)
	assert.Equal(t, 2, x.Len())
}
