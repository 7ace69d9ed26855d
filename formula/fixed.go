package formula

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// fix is the exact number m × 10^e, held in machine words: what a
// shopspring/decimal.Decimal holds in a big.Int and an exponent, for the
// numbers a record and a policy actually carry. Every operation gives the
// coefficient and the exponent shopspring's would give (Add at the smaller
// exponent, Mul at the sum, DivRound at -DivisionScale rounding half away
// from zero, Round likewise), so a result converts to the same Decimal,
// digit for digit and exponent for exponent. An operation whose result
// would not fit reports it (ok false) and the caller hands the record to
// the exact slower path; nothing ever wraps around or rounds in a float.
type fix struct {
	m int64
	e int32
}

// pow10 holds 10^0 ... 10^19, the powers that fit in a uint64.
var pow10 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// maxFixExp bounds the exponents fix keeps; beyond it a number is handed
// to the exact slower path (no policy or record comes near).
const maxFixExp = 1 << 16

func fixOf(i int) fix { return fix{m: int64(i)} }

// fixFromDecimal converts d when its coefficient fits in an int64.
func fixFromDecimal(d decimal.Decimal) (fix, bool) {
	if d.NumDigits() > 18 {
		return fix{}, false
	}
	e := d.Exponent()
	if e > maxFixExp || e < -maxFixExp {
		return fix{}, false
	}
	return fix{m: d.CoefficientInt64(), e: e}, true
}

// decimal converts x to shopspring's representation.
func (x fix) decimal() decimal.Decimal { return decimal.New(x.m, x.e) }

func abs64(m int64) uint64 {
	if m < 0 {
		return uint64(-m) // also right for math.MinInt64
	}
	return uint64(m)
}

// signed gives back ±u when it fits in an int64 (math.MinInt64 is left
// out: it has no positive twin).
func signed(u uint64, negative bool) (int64, bool) {
	if u > math.MaxInt64 {
		return 0, false
	}
	if negative {
		return -int64(u), true
	}
	return int64(u), true
}

// scale gives m × 10^k for k ≥ 0.
func scale(m int64, k int64) (int64, bool) {
	if k == 0 || m == 0 {
		return m, true
	}
	if k >= int64(len(pow10)) {
		return 0, false
	}
	hi, lo := bits.Mul64(abs64(m), pow10[k])
	if hi != 0 {
		return 0, false
	}
	return signed(lo, m < 0)
}

// align gives a and b at the smaller of their exponents, as shopspring's
// Add does.
func align(a, b fix) (am, bm int64, e int32, ok bool) {
	e = min(a.e, b.e)
	if am, ok = scale(a.m, int64(a.e)-int64(e)); !ok {
		return
	}
	bm, ok = scale(b.m, int64(b.e)-int64(e))
	return
}

func (a fix) add(b fix) (fix, bool) {
	am, bm, e, ok := align(a, b)
	if !ok {
		return fix{}, false
	}
	s := am + bm
	if (am > 0 && bm > 0 && s <= 0) || (am < 0 && bm < 0 && s >= 0) || s == math.MinInt64 {
		return fix{}, false
	}
	return fix{s, e}, true
}

func (a fix) sub(b fix) (fix, bool) {
	if b.m == math.MinInt64 {
		return fix{}, false
	}
	return a.add(fix{-b.m, b.e})
}

func (a fix) mul(b fix) (fix, bool) {
	e := int64(a.e) + int64(b.e)
	if e > maxFixExp || e < -maxFixExp {
		return fix{}, false
	}
	hi, lo := bits.Mul64(abs64(a.m), abs64(b.m))
	if hi != 0 {
		return fix{}, false
	}
	m, ok := signed(lo, (a.m < 0) != (b.m < 0))
	return fix{m, int32(e)}, ok
}

// div is shopspring's a.DivRound(b, DivisionScale): the quotient truncated
// at DivisionScale places, then one unit of the last place away from zero
// when twice the remainder reaches the divisor. b must not be zero.
func (a fix) div(b fix) (fix, bool) {
	if b.m == 0 {
		return fix{}, false
	}
	// a / b at 10^-DivisionScale is a.m × 10^k / b.m.
	k := int64(a.e) - int64(b.e) + DivisionScale
	num, den := abs64(a.m), abs64(b.m)
	var q, r uint64
	if k >= 0 {
		if k >= int64(len(pow10)) {
			return fix{}, false
		}
		hi, lo := bits.Mul64(num, pow10[k])
		if hi >= den { // the quotient would not fit in 64 bits
			return fix{}, false
		}
		q, r = bits.Div64(hi, lo, den)
	} else {
		if -k >= int64(len(pow10)) {
			return fix{}, false
		}
		hi, lo := bits.Mul64(den, pow10[-k])
		if hi != 0 {
			return fix{}, false
		}
		den = lo
		q, r = num/den, num%den
	}
	if r >= den-r { // 2r ≥ den, without overflow
		q++
		if q == 0 {
			return fix{}, false
		}
	}
	m, ok := signed(q, (a.m < 0) != (b.m < 0))
	return fix{m, -DivisionScale}, ok
}

// round is shopspring's Round(places): truncate to places+1, add five in
// the last place away from zero, truncate to places.
func (a fix) round(places int32) fix {
	if a.e == -places {
		return a
	}
	if a.e > -places {
		m, ok := scale(a.m, int64(a.e)+int64(places))
		if ok {
			return fix{m, -places}
		}
		return a // too large to rescale; settle never asks for this
	}
	k := int64(-places) - int64(a.e) - 1 // digits to drop before the rounding digit
	var t int64
	if k < int64(len(pow10)) {
		t = int64(abs64(a.m) / pow10[k])
	}
	t = (t + 5) / 10
	if a.m < 0 {
		t = -t
	}
	return fix{t, -places}
}

// settle is the package's settle: what division left past resultPlaces
// places is rounded away.
func (a fix) settle() fix {
	if a.e >= -resultPlaces {
		return a
	}
	return a.round(resultPlaces)
}

// cmp compares a and b as numbers, whatever their exponents.
func (a fix) cmp(b fix) (int, bool) {
	switch {
	case a.m >= 0 && b.m < 0:
		return 1, true
	case a.m < 0 && b.m >= 0:
		return -1, true
	case a.m == 0 && b.m == 0:
		return 0, true
	}
	am, bm, _, ok := align(a, b)
	if !ok {
		return 0, false
	}
	switch {
	case am < bm:
		return -1, true
	case am > bm:
		return 1, true
	}
	return 0, true
}

func (a fix) abs() (fix, bool) {
	if a.m == math.MinInt64 {
		return fix{}, false
	}
	if a.m < 0 {
		return fix{-a.m, a.e}, true
	}
	return a, true
}
