package formula_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFixedAgreesWithDecimal checks every operation of Fixed against
// shopspring's of the same name, on numbers from the ordinary to past
// what machine words hold: the same number, to the exponent.
func TestFixedAgreesWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	values := []string{"0", "1", "-1", "2.5", "-2.5", "0.005", "-0.005", "0.015", "0.025", "12.345", "99.995", "100",
		"0.0000000000000001", "9223372036854775807", "-9223372036854775807", "922337203685477580.7",
		"123456789012345678901234567890", "-0.5", "3.14159265358979", "1e5", "85.50"}
	random := func() decimal.Decimal {
		if r.IntN(2) == 0 {
			return decimal.RequireFromString(values[r.IntN(len(values))])
		}
		return decimal.New(r.Int64N(2_000_000)-1_000_000, -int32(r.IntN(8)))
	}
	same := func(t *testing.T, want decimal.Decimal, got formula.Fixed, what string) {
		t.Helper()
		require.Equal(t, want.String(), got.String(), what)
		require.Equal(t, want.Exponent(), got.Exponent(), what)
		require.Equal(t, want.String(), got.Decimal().String(), what)
	}
	for range 20000 {
		a, b := random(), random()
		fa, fb := formula.FixedOf(a), formula.FixedOf(b)
		same(t, a, fa, "FixedOf "+a.String())
		same(t, a.Add(b), fa.Add(fb), a.String()+" + "+b.String())
		same(t, a.Sub(b), fa.Sub(fb), a.String()+" - "+b.String())
		same(t, a.Mul(b), fa.Mul(fb), a.String()+" * "+b.String())
		if q, ok := fa.Div(fb); b.IsZero() {
			assert.False(t, ok)
		} else {
			same(t, a.DivRound(b, formula.DivisionScale), q, a.String()+" / "+b.String())
		}
		assert.Equal(t, a.Cmp(b), fa.Cmp(fb), a.String()+" cmp "+b.String())
		assert.Equal(t, a.Sign(), fa.Sign())
		places := int32(r.IntN(4))
		same(t, a.Round(places), fa.Round(places), a.String()+" round")
		same(t, a.RoundBank(places), fa.RoundBank(places), a.String()+" round bank")
		same(t, a.Truncate(places), fa.Truncate(places), a.String()+" truncate")

		xs := make([]formula.Fixed, r.IntN(17))
		var sum decimal.Decimal
		for i := range xs {
			d := random()
			if r.IntN(2) == 0 { // points: rounded to 2 places, or whole
				d = d.Round(int32(r.IntN(3)))
			}
			xs[i], sum = formula.FixedOf(d), sum.Add(d)
		}
		same(t, sum, formula.Sum(xs), fmt.Sprint("sum of ", xs))
	}
}

func TestFixedInt(t *testing.T) {
	assert.Equal(t, "42", formula.FixedInt(42).String())
	assert.Equal(t, "0", formula.Fixed{}.String())
	assert.True(t, formula.FixedInt(5).Equal(formula.FixedOf(decimal.RequireFromString("5.00"))))
}

// A Fixed that fits machine words is a Word and back, to the exponent; one
// that does not says so.
func TestWord(t *testing.T) {
	for _, s := range []string{"0", "2.50", "-7", "36028797018963967", "-36028797018963968", "0.000000000001", "1E+5", "1E+127", "1E-127"} {
		x := formula.FixedOf(decimal.RequireFromString(s))
		w, ok := x.Word()
		require.True(t, ok, s)
		back := w.Fixed().Decimal()
		assert.Equal(t, x.Decimal().String(), back.String(), s)
		assert.Equal(t, x.Exponent(), back.Exponent(), s)
	}
	for _, s := range []string{
		"12345678901234567890123", // 23 digits
		"36028797018963968",       // 2^55: a coefficient past 56 bits
		"-36028797018963969",
		"1E-128", "1E+128", // exponents past a byte
	} {
		_, ok := formula.FixedOf(decimal.RequireFromString(s)).Word()
		assert.False(t, ok, s)
	}
	assert.Equal(t, "0", formula.Word{}.Fixed().String())
}
