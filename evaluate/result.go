package evaluate

import (
	"slices"

	"github.com/newstrata/newstrata/formula"
	"github.com/shopspring/decimal"
)

// The parts of a Result worked out when asked for, from its raw values,
// its policy's index system and the facts it was given. Each call works
// them out again; a caller that reads them often keeps what it got.

// Dimensions returns the first-level indicators in the policy's order,
// each with its second-level ones: points, raw value, score, what was
// lost and the record's values the formula read. Nil for a Result not
// made by Evaluate.
func (r *Result) Dimensions() []DimensionScore {
	if r == nil || r.ev == nil {
		if r != nil && r.given != nil {
			return slices.Clone(r.given.dimensions)
		}
		return nil
	}
	e := r.ev
	out := make([]DimensionScore, 0, len(e.dims))
	k := 0
	for _, dim := range e.dims {
		d := DimensionScore{ID: dim.id, Name: dim.name, Points: dim.points, Indicators: make([]IndicatorScore, 0, len(dim.indicators))}
		var sum formula.Fixed
		for _, in := range dim.indicators {
			sum = sum.Add(e.points(&in, r.number(k)))
			d.Indicators = append(d.Indicators, r.indicator(in, k))
			k++
		}
		d.Score = sum.Decimal()
		out = append(out, d)
	}
	return out
}

// indicator scores the k-th second-level indicator, in; its readings are
// taken from the result's facts.
func (r *Result) indicator(in rule, k int) IndicatorScore {
	raw := r.number(k)
	score := r.ev.points(&in, raw)
	return IndicatorScore{
		ID: in.id, Name: in.name, Points: in.points,
		Raw: raw.Decimal(), Score: score.Decimal(), Lost: in.cap.Sub(score).Decimal(),
		Read: in.prog.Readings(r.facts),
	}
}

// Indicator returns the scored second-level indicator with the id, from
// any dimension, working out that one alone.
func (r *Result) Indicator(id string) (IndicatorScore, bool) {
	if r == nil || r.ev == nil {
		for _, d := range r.Dimensions() {
			for _, in := range d.Indicators {
				if in.ID == id {
					return in, true
				}
			}
		}
		return IndicatorScore{}, false
	}
	k := 0
	for _, d := range r.ev.dims {
		for _, in := range d.indicators {
			if in.id == id {
				return r.indicator(in, k), true
			}
			k++
		}
	}
	return IndicatorScore{}, false
}

// Subtotal is the sum of the dimensions' scores, before the bonus.
func (r *Result) Subtotal() decimal.Decimal {
	if r == nil || r.ev == nil {
		if r != nil && r.given != nil {
			return r.given.subtotal
		}
		return decimal.Decimal{}
	}
	var sum formula.Fixed
	k := 0
	for _, d := range r.ev.dims {
		for _, in := range d.indicators {
			sum = sum.Add(r.ev.points(&in, r.number(k)))
			k++
		}
	}
	return sum.Decimal()
}

// Bonuses returns the bonuses that gave points, in the policy's order.
func (r *Result) Bonuses() []BonusScore {
	if r == nil || r.ev == nil {
		if r != nil && r.given != nil {
			return slices.Clone(r.given.bonuses)
		}
		return nil
	}
	var out []BonusScore
	for i, b := range r.ev.bonuses {
		if pts := r.ev.points(&b, r.number(r.ev.rules+i)); pts.Sign() > 0 {
			out = append(out, BonusScore{ID: b.id, Name: b.name, Points: pts.Decimal()})
		}
	}
	return out
}

// Bonus is the points the bonuses gave together.
func (r *Result) Bonus() decimal.Decimal {
	if r != nil && r.ev == nil && r.given != nil {
		return r.given.bonus
	}
	var sum formula.Fixed
	for _, b := range r.Bonuses() {
		sum = sum.Add(formula.FixedOf(b.Points))
	}
	return sum.Decimal()
}

// Vetoes returns the vetoes that held, in the policy's order.
func (r *Result) Vetoes() []VetoHeld {
	if r == nil || r.ev == nil {
		if r != nil && r.given != nil {
			return slices.Clone(r.given.vetoes)
		}
		return nil
	}
	var out []VetoHeld
	for i, v := range r.ev.vetoes {
		if r.vetoes[i] {
			out = append(out, VetoHeld{ID: v.id, Name: v.name})
		}
	}
	return out
}

// Gap says how far the next grade up is and which indicators could close
// it; nil at the top grade, under a veto, or for a Result not made by
// Evaluate.
func (r *Result) Gap() *Gap {
	if r != nil && r.ev == nil && r.given != nil && r.given.gap != nil {
		g := *r.given.gap
		g.Levers = slices.Clone(g.Levers)
		return &g
	}
	if r == nil || r.ev == nil || r.Vetoed {
		return nil
	}
	e := r.ev
	total := r.Total
	current, ok := e.band(total)
	if !ok {
		return nil
	}
	next := -1
	for i := range e.bands {
		if e.from[i].Cmp(e.from[current]) > 0 && (next < 0 || e.from[i].Cmp(e.from[next]) < 0) {
			next = i
		}
	}
	if next < 0 {
		return nil
	}
	need := e.from[next].Sub(total)
	g := &Gap{Next: e.bands[next].Grade, Points: need.Decimal()}
	k := 0
	for _, d := range e.dims {
		for _, in := range d.indicators {
			lost := in.cap.Sub(e.points(&in, r.number(k)))
			if lost.Sign() > 0 {
				g.Levers = append(g.Levers, Lever{ID: in.id, Name: in.name, Available: lost.Decimal(), Closes: lost.Cmp(need) >= 0})
			}
			k++
		}
	}
	slices.SortStableFunc(g.Levers, func(a, b Lever) int { return b.Available.Cmp(a.Available) })
	return g
}

// Raw returns a copy of the raw values the formulas gave, in the order of
// the policy's indicators, bonuses and vetoes.
func (r *Result) Raw() Raw {
	if r == nil {
		return Raw{}
	}
	if r.ev == nil {
		return Raw{}
	}
	out := Raw{Indicators: make([]formula.Fixed, r.ev.rules), Bonuses: make([]formula.Fixed, len(r.ev.bonuses)), Vetoes: slices.Clone(r.vetoes)}
	for k := range out.Indicators {
		out.Indicators[k] = r.number(k)
	}
	for i := range out.Bonuses {
		out.Bonuses[i] = r.number(r.ev.rules + i)
	}
	return out
}

// number is the k-th raw number, in the order of a Raw's Indicators then
// Bonuses.
func (r *Result) number(k int) formula.Fixed {
	if r.spill != nil {
		return r.spill[k]
	}
	return r.words[k].Fixed()
}
