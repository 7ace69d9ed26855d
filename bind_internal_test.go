package newstrata

import (
	"reflect"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBindKeepsOnlyShortTexts: a scratch shares the inputs of records
// given the same short text, and keeps none bound from texts longer than
// maxBoundKey, from values that are not text, or that failed; nor more
// than maxBound sets.
func TestBindKeepsOnlyShortTexts(t *testing.T) {
	f, err := policy.Parse(roster.Nanning().Code, "rural.yaml", []byte(`id: rural-2019
extends: nanning-2019
jurisdiction: "450103"
inputs:
  - {id: rural, type: decimal, label: 乡村振兴捐助（万元）, min: 0}
`))
	require.NoError(t, err)
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(t, err)
	pol, ok := set.Policy(f.ID())
	require.True(t, ok)
	sd := &side{pol: pol, inputs: &inputColumn{ids: inputIDs(pol)}}
	s := &scratch{}
	bind := func(v any) map[string]any {
		t.Helper()
		var facts roster.Facts
		in, err := s.bind(0, sd, &facts, &roster.Record{Key: "NN-1", Extra: map[string]any{"rural": v}})
		if err != nil {
			return nil
		}
		return in
	}
	same := func(a, b map[string]any) bool { return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer() }

	short := bind(" 1.5 ")
	require.NotNil(t, short)
	assert.True(t, same(short, bind(" 1.5 ")), "the same short text shares one set")
	assert.Len(t, s.bound[0], 1)

	long := " 1.5" + strings.Repeat(" ", maxBoundKey)
	first := bind(long)
	require.NotNil(t, first)
	assert.Equal(t, short["rural"], first["rural"], "a long text binds as a short one")
	assert.False(t, same(first, bind(long)), "a long text is bound each time")
	assert.Len(t, s.bound[0], 1, "and kept by none")

	assert.Nil(t, bind("-1"), "below the minimum")
	assert.Nil(t, bind("-1"))
	assert.False(t, same(bind(1.5), bind(1.5)), "a number is bound each time")
	assert.Len(t, s.bound[0], 1, "failures and numbers are kept by none")

	for i := range 2 * maxBound {
		bind(strings.Repeat("1", 1+i%8) + "." + strings.Repeat("0", i/8))
	}
	assert.Len(t, s.bound[0], maxBound, "no more than maxBound sets")
}
