package nearest_test

import (
	"testing"

	"github.com/newstrata/newstrata/internal/nearest"
	"github.com/stretchr/testify/assert"
)

func TestIndex(t *testing.T) {
	names := []string{"points", "formula", "身份证号", "政治面貌"}
	tests := []struct {
		in   string
		want int
	}{
		{"pionts", 0},
		{"fromula", 1},
		{"身分证号", 2},
		{"政治面目", 3},
		{"weight", -1},
		{"x", -1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) { assert.Equal(t, tt.want, nearest.Index(tt.in, names)) })
	}
	assert.Equal(t, 3, nearest.Distance("kitten", "sitting"))
}
