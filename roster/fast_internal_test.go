package roster

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
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

// plain says what the rules utf8, line or text and max say together, for
// every three-byte lead and a set of continuations, controls, separators
// and lengths.
func TestPlain(t *testing.T) {
	inputs := []string{"", "a", "李明", "\u3000", "\u9fff", "\ua000", "\u2028", "\u2029", "\u0085", "\u00a0", "\ufffd",
		"a\nb", "a\r", "\t", "\x7f", "\xff", "\xed\xa0\x80", "\xe0\x80\x80", "\xf0\x9f\x98\x80", "字字字", "字字a字", "a字字字字", "字\n字", "李明\u2028", "字\xe4\xb8"}
	for lead := 0xe0; lead <= 0xef; lead++ {
		for _, c1 := range []byte{0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0} {
			for _, c2 := range []byte{0x7f, 0x80, 0xbf, 0xc0} {
				inputs = append(inputs, string([]byte{byte(lead), c1, c2}), "x"+string([]byte{byte(lead), c1}), string([]byte{byte(lead), c1, c2, 'y'}))
			}
		}
	}
	// Runs long enough to be read two characters at a time, with a wrong
	// sequence, or another character, at each place.
	for _, bad := range append(inputs, "a", "\u2028", "\u3000", "\u9fff", "\n") {
		for before := range 9 {
			inputs = append(inputs, strings.Repeat("字", before)+bad+strings.Repeat("字", 3), strings.Repeat("字", before)+bad)
		}
	}
	for _, s := range inputs {
		for _, most := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 50} {
			fits := utf8.RuneCountInString(s) <= most
			if got, want := lineUpTo(s, most), utf8.ValidString(s) && singleLine(s) && fits; got != want {
				t.Errorf("lineUpTo(%q, %d) = %v, want %v", s, most, got, want)
			}
			if got, want := textUpTo(s, most), utf8.ValidString(s) && freeText(s) && fits; got != want {
				t.Errorf("textUpTo(%q, %d) = %v, want %v", s, most, got, want)
			}
		}
	}
}

// plain agrees with the rules on long runs of Chinese and other
// three-byte characters with a byte changed, or a character put in, at
// random places.
func TestPlainRandomRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	odd := []string{"a", "\n", "\u2028", "\u3000", "\u9fff", "\ua000", "\u2fff", "\u00a0", "\xe3", "\x80", "，", "\u2014", "\ufeff", "\uffff", "\u1000", "\u0fff", "\ud7ff", "\ue000"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			if rng.IntN(4) == 0 {
				b.WriteRune(rune(0x800 + rng.IntN(0xf800))) // any three-byte character
			} else {
				b.WriteRune(rune(0x3000 + rng.IntN(0x7000)))
			}
		}
		s := []byte(b.String())
		for range rng.IntN(3) {
			if len(s) == 0 {
				break
			}
			switch at := rng.IntN(len(s)); rng.IntN(2) {
			case 0:
				s[at] = byte(rng.IntN(256))
			default:
				s = append(s[:at:at], append([]byte(odd[rng.IntN(len(odd))]), s[at:]...)...)
			}
		}
		most := rng.IntN(45)
		fits := utf8.RuneCount(s) <= most
		if got, want := textUpTo(string(s), most), utf8.Valid(s) && freeText(string(s)) && fits; got != want {
			t.Fatalf("textUpTo(%q, %d) = %v, want %v", s, most, got, want)
		}
		if got, want := lineUpTo(string(s), most), utf8.Valid(s) && singleLine(string(s)) && fits; got != want {
			t.Fatalf("lineUpTo(%q, %d) = %v, want %v", s, most, got, want)
		}
	}
}

// A ceiling holds an amount exactly when Cmp says it is at most the bound,
// for amounts either side of it.
func TestCeiling(t *testing.T) {
	for _, b := range []string{"1", "100000000", "0.5", "1E3"} {
		bound := decimal.RequireFromString(b)
		for _, d := range []string{"0", "0.0", "0E5", "0.999", "1", "1.0", "1.000001", "9", "10", "99999999.99", "100000000", "100000000.01", "1000000000", "12345678901234567890123.5"} {
			x := decimal.RequireFromString(d)
			if got, want := ceilingOf(bound).holds(x), x.Cmp(bound) <= 0; got != want {
				t.Errorf("ceiling %s holds %s: %v, want %v", b, d, got, want)
			}
		}
	}
}
