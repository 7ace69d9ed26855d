// Package jsontest holds the round-trip check the JSON tests of every
// package share. It stands apart from jsonwire because it imports the
// testing packages, which no production package may link.
package jsontest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// RoundTrip marshals v, reads it back, and checks that it is v and that it
// marshals to the same bytes; it returns the JSON.
func RoundTrip[T any](t testing.TB, v T) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	assert.Equal(t, v, back)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	return string(b)
}
