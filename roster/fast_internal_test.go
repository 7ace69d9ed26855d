package roster

import (
	"strings"
	"testing"
	"time"
)

// The shortcuts validation takes for speed give what the long way gives.

// daysIn agrees with package time over every month of the years a date
// may have, a citizen ID's included.
func TestDaysIn(t *testing.T) {
	for y := 1; y <= 9999; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("%d-%02d: %d days, want %d", y, m, got, want)
			}
		}
	}
}

// idShape returns printable ASCII without white space as it is, and
// anything else as the character-by-character mapping does.
func TestIDShapeShortcut(t *testing.T) {
	long := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case invisible(r):
				return -1
			case r >= '０' && r <= '９':
				return r - '０' + '0'
			case r == 'Ｘ' || r == 'ｘ':
				return 'X'
			}
			return r
		}, s)
	}
	inputs := []string{"", "NN-450103-00001", "45010319850314123x", " 450103", "4501\t03", "4501\x0003", "4501\x7f", "4501\u200b03", "４５０１", "ｘ", "a\u00a0b", "a\u0085b"}
	for c := range 128 {
		inputs = append(inputs, "45"+string(rune(c))+"01")
	}
	for _, s := range inputs {
		if got, want := idShape(s), long(s); got != want {
			t.Errorf("idShape(%q) = %q, want %q", s, got, want)
		}
	}
}
