package policy

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// shortDecimal reads what decimal.NewFromString reads, to the exponent, or
// leaves the text to it: for hand-picked texts and random ones of digits,
// signs and points.
func TestShortDecimal(t *testing.T) {
	texts := []string{"", "0", "-0", "+0", "0.0", "-0.50", "3.25", "+3.25", ".5", "-.5", "5.", "-", "+", ".", "1.2.3",
		"007", "0.000000000000000001", "123456789012345678", "1234567890123456789", "99999999999999999.9",
		"9223372036854775807", "1e3", "1_000", " 1", "1 ", "１", "--1", "+-1", "0x10", "NaN", "Inf"}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(22) {
			b.WriteByte("0123456789012345678901234567890123456789.-+"[rng.IntN(43)])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		got, ok := shortDecimal(s)
		if !ok {
			continue
		}
		want, err := decimal.NewFromString(s)
		if err != nil {
			t.Fatalf("shortDecimal(%q) = %s, but NewFromString refuses it: %v", s, got, err)
		}
		if got.Cmp(want) != 0 || got.Exponent() != want.Exponent() {
			t.Fatalf("shortDecimal(%q) = %se%d, want %se%d", s, got.Coefficient(), got.Exponent(), want.Coefficient(), want.Exponent())
		}
	}
	for _, s := range []string{"3.25", "-0.5", "12", "123456789012345678", "+1.0"} {
		if _, ok := shortDecimal(s); !ok {
			t.Errorf("shortDecimal(%q) leaves it to the long way", s)
		}
	}
}
