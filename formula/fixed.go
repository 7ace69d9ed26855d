package formula

import (
	"math"
	"math/bits"
	"strconv"

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
	if a.e == b.e { // the common case, kept small enough to inline
		s := a.m + b.m
		if (s^a.m)&(s^b.m) < 0 || s == math.MinInt64 {
			return fix{}, false
		}
		return fix{s, a.e}, true
	}
	return a.addAligned(b)
}

func (a fix) addAligned(b fix) (fix, bool) {
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
	if a.e == b.e {
		switch {
		case a.m < b.m:
			return -1, true
		case a.m > b.m:
			return 1, true
		}
		return 0, true
	}
	return a.cmpAligned(b)
}

func (a fix) cmpAligned(b fix) (int, bool) {
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

// Fixed is an exact decimal number as the engine computes it: a
// coefficient and an exponent in machine words, or, for a number too large
// for them, a shopspring/decimal.Decimal. It converts to and from
// shopspring's type without loss, and its operations give what
// shopspring's of the same names give, to the exponent: they run in
// machine words when the operands and the result fit and through
// shopspring's big numbers when they do not. The zero Fixed is 0.
type Fixed struct {
	x   fix
	big *decimal.Decimal // the number, when it does not fit in x
}

// Word is a number held in one machine word without a pointer: a
// coefficient of up to 56 bits (some 3.6 × 10^16) and an exponent from
// -127 to 127, which is what almost every number a formula gives needs. A
// caller that keeps many numbers (a result's raw values) keeps Words,
// which the garbage collector does not scan, and the rare Fixed that is
// not one aside. The zero Word is 0.
type Word struct{ w uint64 }

// Word gives x as a Word, and false when x does not fit one.
func (x Fixed) Word() (Word, bool) {
	if x.big != nil {
		return Word{}, false
	}
	w, ok := pack(x.x)
	return Word{w}, ok
}

// Fixed gives w as a Fixed.
func (w Word) Fixed() Fixed { return Fixed{x: unpack(w.w)} }

// pack gives x in one word, its coefficient shifted over its exponent's
// byte, and false when either does not fit. No packed word has the
// exponent byte 0x80 (-128), which a [Column] uses as a mark.
func pack(x fix) (uint64, bool) {
	if x.e <= -128 || x.e > 127 || x.m<<8>>8 != x.m {
		return 0, false
	}
	return uint64(x.m)<<8 | uint64(uint8(int8(x.e))), true
}

// unpack is the value pack packed.
func unpack(w uint64) fix { return fix{m: int64(w) >> 8, e: int32(int8(uint8(w)))} }

// FixedOf converts d.
func FixedOf(d decimal.Decimal) Fixed {
	if x, ok := fixFromDecimal(d); ok {
		return Fixed{x: x}
	}
	return Fixed{big: &d}
}

// FixedInt returns the whole number i.
func FixedInt(i int64) Fixed { return Fixed{x: fix{m: i}} }

// Decimal converts x to shopspring's type.
func (x Fixed) Decimal() decimal.Decimal {
	if x.big != nil {
		return *x.big
	}
	return x.x.decimal()
}

// String writes x as shopspring's String does: no exponent, no trailing
// zeros after the point.
func (x Fixed) String() string {
	if x.big != nil {
		return x.big.String()
	}
	if x.x.e == 0 {
		return strconv.FormatInt(x.x.m, 10)
	}
	return x.x.decimal().String()
}

// StringFixed writes x rounded half away from zero to places decimal
// places, keeping trailing zeros, as shopspring's StringFixed does.
func (x Fixed) StringFixed(places int32) string { return x.Decimal().StringFixed(places) }

// Sign is -1, 0 or 1.
func (x Fixed) Sign() int {
	switch {
	case x.big != nil:
		return x.big.Sign()
	case x.x.m < 0:
		return -1
	case x.x.m > 0:
		return 1
	}
	return 0
}

// Exponent is the exponent shopspring's Decimal of x has.
func (x Fixed) Exponent() int32 {
	if x.big != nil {
		return x.big.Exponent()
	}
	return x.x.e
}

// Cmp compares x and y as numbers: -1, 0 or 1.
func (x Fixed) Cmp(y Fixed) int {
	if x.big != nil || y.big != nil {
		return x.cmpBig(y)
	}
	am, ae, bm, be := x.x.m, x.x.e, y.x.m, y.x.e
	switch {
	case ae == be:
		return cmp64(am, bm)
	case am > 0 && bm > 0 && ae > be && ae-be < int32(len(pow10)):
		// Two positive numbers, as scores and caps are: the one with
		// the larger exponent is scaled to the other's here, not in
		// calls, for the scoring loops.
		if hi, lo := bits.Mul64(uint64(am), pow10[ae-be]); hi == 0 && lo <= math.MaxInt64 {
			return cmp64(int64(lo), bm)
		}
	case am > 0 && bm > 0 && be > ae && be-ae < int32(len(pow10)):
		if hi, lo := bits.Mul64(uint64(bm), pow10[be-ae]); hi == 0 && lo <= math.MaxInt64 {
			return cmp64(am, int64(lo))
		}
	}
	if c, ok := x.x.cmpAligned(y.x); ok {
		return c
	}
	return x.cmpBig(y)
}

// cmp64 compares a and b as Cmp does.
func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (x Fixed) cmpBig(y Fixed) int { return x.Decimal().Cmp(y.Decimal()) }

// Equal reports whether x and y are the same number.
func (x Fixed) Equal(y Fixed) bool { return x.Cmp(y) == 0 }

// Add returns x + y.
func (x Fixed) Add(y Fixed) Fixed {
	if x.big == nil && y.big == nil {
		if r, ok := x.x.add(y.x); ok {
			return Fixed{x: r}
		}
	}
	return x.addBig(y)
}

func (x Fixed) addBig(y Fixed) Fixed { return FixedOf(x.Decimal().Add(y.Decimal())) }

// Sum returns the sum of xs: what adding them one after another to zero
// gives, to the exponent (the least of theirs and 0). Numbers that fit
// machine words, with a sum that does too, are added in one pass.
func Sum(xs []Fixed) Fixed {
	e := int32(0)
	for _, x := range xs {
		if x.big != nil {
			return sumEach(xs)
		}
		e = min(e, x.x.e)
	}
	var s int64
	for _, x := range xs {
		m, ok := scale(x.x.m, int64(x.x.e)-int64(e))
		t := s + m
		if !ok || (t^s)&(t^m) < 0 {
			return sumEach(xs)
		}
		s = t
	}
	if s == math.MinInt64 {
		return sumEach(xs)
	}
	return Fixed{x: fix{s, e}}
}

func sumEach(xs []Fixed) (s Fixed) {
	for _, x := range xs {
		s = s.Add(x)
	}
	return s
}

// Sub returns x - y.
func (x Fixed) Sub(y Fixed) Fixed {
	if x.big == nil && y.big == nil {
		if r, ok := x.x.sub(y.x); ok {
			return Fixed{x: r}
		}
	}
	return FixedOf(x.Decimal().Sub(y.Decimal()))
}

// Round rounds x to places places, half away from zero (shopspring's
// Round).
func (x Fixed) Round(places int32) Fixed {
	if x.big == nil && x.x.e <= -places {
		return Fixed{x: x.x.round(places)}
	}
	return FixedOf(x.Decimal().Round(places))
}

// RoundBank rounds x to places places, half to even (shopspring's
// RoundBank).
func (x Fixed) RoundBank(places int32) Fixed {
	if x.big == nil && x.x.e < -places {
		r := x.x.round(places)
		// The rounding went half away from zero; a tie goes back to the
		// even neighbour.
		k := int64(-places) - int64(x.x.e) // digits dropped
		if k < int64(len(pow10)) {
			p := pow10[k]
			dropped := abs64(x.x.m) % p
			if dropped == p/2 && r.m%2 != 0 {
				if r.m < 0 {
					r.m++
				} else {
					r.m--
				}
			}
			return Fixed{x: r}
		}
	}
	return FixedOf(x.Decimal().RoundBank(places))
}

// Truncate drops the places of x past places (shopspring's Truncate).
func (x Fixed) Truncate(places int32) Fixed {
	if x.big == nil && places >= 0 && x.x.e < -places {
		k := int64(-places) - int64(x.x.e)
		if k >= int64(len(pow10)) {
			return Fixed{x: fix{0, -places}}
		}
		return Fixed{x: fix{x.x.m / int64(pow10[k]), -places}}
	}
	if x.big == nil {
		return x
	}
	return FixedOf(x.big.Truncate(places))
}

// Mul returns x × y.
func (x Fixed) Mul(y Fixed) Fixed {
	if x.big == nil && y.big == nil {
		if r, ok := x.x.mul(y.x); ok {
			return Fixed{x: r}
		}
	}
	return FixedOf(x.Decimal().Mul(y.Decimal()))
}

// Div returns x / y at [DivisionScale] places, half away from zero, as a
// formula divides (shopspring's DivRound); ok is false when y is 0.
func (x Fixed) Div(y Fixed) (q Fixed, ok bool) {
	if y.Sign() == 0 {
		return Fixed{}, false
	}
	if x.big == nil && y.big == nil {
		if r, ok := x.x.div(y.x); ok {
			return Fixed{x: r}, true
		}
	}
	return FixedOf(x.Decimal().DivRound(y.Decimal(), DivisionScale)), true
}
