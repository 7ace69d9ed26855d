package evaluate

import (
	"fmt"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/jsonwire"
	"github.com/shopspring/decimal"
)

// The JSON model of an evaluation: snake_case names, grades as
// {"code": "B", "label": "B级"}, points and scores as strings that keep
// every place and have at least two ("85.50"), dates as 2006-01-02, lists
// as [] when empty. Grade keeps MarshalText, and with it its plain JSON
// text ("B级"): a policy document holds it, and its JSON is what its
// fingerprint is taken over. The results write it as {"code", "label"}.
//
// Each type turns into its wire form (wire) and back (value); a parent's
// wire form holds its parts' wire forms, so that a Result is encoded in
// one pass rather than once per level of MarshalJSON.

func gradeCode(g Grade) (*jsonwire.Code, error) {
	if g == 0 {
		return nil, nil
	}
	if !g.Valid() {
		return nil, fmt.Errorf("%w: %v", ErrGrade, g)
	}
	return jsonwire.NewCode(g.Code(), g.Label()), nil
}

// decimals reads the texts of several numbers into their places, keeping
// the first fault.
type decimals struct{ err error }

func (p *decimals) read(name, s string, to *decimal.Decimal) {
	d, err := jsonwire.ParseDecimal(s)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s: %w", name, err)
	}
	*to = d
}

// values turns the list name of wire forms into their values: nil for
// none. An error names the item: dimensions[2]: score: ...
func values[W any, T any](name string, ws []W, value func(W) (T, error)) ([]T, error) {
	var out []T
	for i, w := range ws {
		v, err := value(w)
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// wires turns a list of values into their wire forms: [] for none.
func wires[T any, W any](vs []T, wire func(T) (W, error)) ([]W, error) {
	out := make([]W, len(vs))
	for i, v := range vs {
		w, err := wire(v)
		if err != nil {
			return nil, err
		}
		out[i] = w
	}
	return out, nil
}

// jsonReading is a formula.Reading as JSON.
type jsonReading struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// jsonIndicator is an IndicatorScore as JSON.
type jsonIndicator struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	Points string        `json:"points"`
	Raw    string        `json:"raw"`
	Score  string        `json:"score"`
	Lost   string        `json:"lost"`
	Read   []jsonReading `json:"read"`
}

func (s IndicatorScore) wire() (jsonIndicator, error) {
	out := jsonIndicator{
		ID: s.ID, Name: s.Name,
		Points: jsonwire.Decimal(s.Points), Raw: jsonwire.Decimal(s.Raw),
		Score: jsonwire.Decimal(s.Score), Lost: jsonwire.Decimal(s.Lost),
		Read: make([]jsonReading, len(s.Read)),
	}
	for i, r := range s.Read {
		out.Read[i] = jsonReading(r)
	}
	return out, nil
}

func (in jsonIndicator) value() (IndicatorScore, error) {
	out := IndicatorScore{ID: in.ID, Name: in.Name}
	var p decimals
	p.read("points", in.Points, &out.Points)
	p.read("raw", in.Raw, &out.Raw)
	p.read("score", in.Score, &out.Score)
	p.read("lost", in.Lost, &out.Lost)
	for _, r := range in.Read {
		out.Read = append(out.Read, formula.Reading(r))
	}
	return out, p.err
}

// MarshalJSON writes s as {"id", "name", "points", "raw", "score",
// "lost", "read": [{"field", "value"}]}, numbers as strings.
func (s IndicatorScore) MarshalJSON() ([]byte, error) {
	w, _ := s.wire()
	return jsonwire.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves s as it is.
func (s *IndicatorScore) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "二级指标得分 (indicator score)", s, jsonIndicator.value)
}

// jsonDimension is a DimensionScore as JSON.
type jsonDimension struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Points     string          `json:"points"`
	Score      string          `json:"score"`
	Indicators []jsonIndicator `json:"indicators"`
}

func (s DimensionScore) wire() (jsonDimension, error) {
	ins, err := wires(s.Indicators, IndicatorScore.wire)
	return jsonDimension{s.ID, s.Name, jsonwire.Decimal(s.Points), jsonwire.Decimal(s.Score), ins}, err
}

func (in jsonDimension) value() (DimensionScore, error) {
	out := DimensionScore{ID: in.ID, Name: in.Name}
	var p decimals
	p.read("points", in.Points, &out.Points)
	p.read("score", in.Score, &out.Score)
	if p.err != nil {
		return out, p.err
	}
	var err error
	out.Indicators, err = values("indicators", in.Indicators, jsonIndicator.value)
	return out, err
}

// MarshalJSON writes s as {"id", "name", "points", "score",
// "indicators"}, numbers as strings.
func (s DimensionScore) MarshalJSON() ([]byte, error) { return jsonwire.Of(s.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves s as it is.
func (s *DimensionScore) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "一级指标得分 (dimension score)", s, jsonDimension.value)
}

// jsonBonus is a BonusScore as JSON.
type jsonBonus struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Points string `json:"points"`
}

func (s BonusScore) wire() (jsonBonus, error) {
	return jsonBonus{s.ID, s.Name, jsonwire.Decimal(s.Points)}, nil
}

func (in jsonBonus) value() (BonusScore, error) {
	out := BonusScore{ID: in.ID, Name: in.Name}
	var p decimals
	p.read("points", in.Points, &out.Points)
	return out, p.err
}

// MarshalJSON writes s as {"id", "name", "points"}, points as a string.
func (s BonusScore) MarshalJSON() ([]byte, error) {
	w, _ := s.wire()
	return jsonwire.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves s as it is.
func (s *BonusScore) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "加分 (bonus)", s, jsonBonus.value)
}

// jsonVeto is a VetoHeld as JSON.
type jsonVeto struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (v VetoHeld) wire() (jsonVeto, error)   { return jsonVeto(v), nil }
func (in jsonVeto) value() (VetoHeld, error) { return VetoHeld(in), nil }

// MarshalJSON writes v as {"id", "name"}.
func (v VetoHeld) MarshalJSON() ([]byte, error) { return jsonwire.Marshal(jsonVeto(v)) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves v as it is.
func (v *VetoHeld) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "一票否决 (veto)", v, jsonVeto.value)
}

// jsonLever is a Lever as JSON.
type jsonLever struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Available string `json:"available"`
	Closes    bool   `json:"closes"`
}

func (l Lever) wire() (jsonLever, error) {
	return jsonLever{l.ID, l.Name, jsonwire.Decimal(l.Available), l.Closes}, nil
}

func (in jsonLever) value() (Lever, error) {
	out := Lever{ID: in.ID, Name: in.Name, Closes: in.Closes}
	var p decimals
	p.read("available", in.Available, &out.Available)
	return out, p.err
}

// MarshalJSON writes l as {"id", "name", "available", "closes"},
// available as a string.
func (l Lever) MarshalJSON() ([]byte, error) {
	w, _ := l.wire()
	return jsonwire.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves l as it is.
func (l *Lever) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "可提分指标 (lever)", l, jsonLever.value)
}

// jsonGap is a Gap as JSON.
type jsonGap struct {
	Next   *jsonwire.Code `json:"next"`
	Points string         `json:"points"`
	Levers []jsonLever    `json:"levers"`
}

func (g Gap) wire() (jsonGap, error) {
	next, err := gradeCode(g.Next)
	if err != nil {
		return jsonGap{}, err
	}
	levers, _ := wires(g.Levers, Lever.wire)
	return jsonGap{next, jsonwire.Decimal(g.Points), levers}, nil
}

func (in jsonGap) value() (Gap, error) {
	next, err := ParseGrade(in.Next.Text())
	if err != nil {
		return Gap{}, err
	}
	out := Gap{Next: next}
	var p decimals
	p.read("points", in.Points, &out.Points)
	if p.err != nil {
		return out, p.err
	}
	out.Levers, err = values("levers", in.Levers, jsonLever.value)
	return out, err
}

// MarshalJSON writes g as {"next", "points", "levers"}: the next grade as
// {"code", "label"}, points as a string, levers [] when there is none.
func (g Gap) MarshalJSON() ([]byte, error) { return jsonwire.Of(g.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields and
// grades; null leaves g as it is.
func (g *Gap) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "距上一等次 (gap)", g, jsonGap.value)
}

// jsonResult is a Result as JSON.
type jsonResult struct {
	Key         string          `json:"key"`
	Policy      string          `json:"policy"`
	Fingerprint string          `json:"fingerprint"`
	AsOf        *string         `json:"as_of"`
	Dimensions  []jsonDimension `json:"dimensions"`
	Subtotal    string          `json:"subtotal"`
	Bonuses     []jsonBonus     `json:"bonuses"`
	Bonus       string          `json:"bonus"`
	Total       string          `json:"total"`
	Vetoes      []jsonVeto      `json:"vetoes"`
	Grade       *jsonwire.Code  `json:"grade"`
	Removed     bool            `json:"removed"`
	Gap         *jsonGap        `json:"gap"`
}

func (r Result) wire() (jsonResult, error) {
	out := jsonResult{
		Key: r.Key, Policy: r.Policy, Fingerprint: r.Fingerprint, AsOf: jsonwire.Date(r.AsOf),
		Subtotal: jsonwire.Decimal(r.Subtotal()), Bonus: jsonwire.Decimal(r.Bonus()), Total: jsonwire.Decimal(r.Total.Decimal()),
		Removed: r.Removed,
	}
	var err error
	if out.Grade, err = gradeCode(r.Grade); err != nil {
		return out, err
	}
	if out.Dimensions, err = wires(r.Dimensions(), DimensionScore.wire); err != nil {
		return out, err
	}
	out.Bonuses, _ = wires(r.Bonuses(), BonusScore.wire)
	out.Vetoes, _ = wires(r.Vetoes(), VetoHeld.wire)
	if gap := r.Gap(); gap != nil {
		g, err := gap.wire()
		if err != nil {
			return out, err
		}
		out.Gap = &g
	}
	return out, nil
}

func (in jsonResult) value() (Result, error) {
	out := Result{Key: in.Key, Policy: in.Policy, Fingerprint: in.Fingerprint, Removed: in.Removed}
	var err error
	if out.AsOf, err = jsonwire.ParseDate(in.AsOf); err != nil {
		return out, err
	}
	if out.Grade, err = ParseGrade(in.Grade.Text()); err != nil {
		return out, err
	}
	// A result read back has no evaluator or facts to work its parts out
	// from: it carries them as they were written.
	x := &explained{}
	var p decimals
	p.read("subtotal", in.Subtotal, &x.subtotal)
	p.read("bonus", in.Bonus, &x.bonus)
	var total decimal.Decimal
	p.read("total", in.Total, &total)
	out.Total = formula.FixedOf(total)
	if p.err != nil {
		return out, p.err
	}
	if x.dimensions, err = values("dimensions", in.Dimensions, jsonDimension.value); err != nil {
		return out, err
	}
	if x.bonuses, err = values("bonuses", in.Bonuses, jsonBonus.value); err != nil {
		return out, err
	}
	x.vetoes, _ = values("vetoes", in.Vetoes, jsonVeto.value)
	out.Vetoed = len(x.vetoes) > 0
	if in.Gap != nil {
		g, err := in.Gap.value()
		if err != nil {
			return out, fmt.Errorf("gap: %w", err)
		}
		x.gap = &g
	}
	out.given = x
	return out, nil
}

// MarshalJSON writes r as {"key", "policy", "fingerprint", "as_of",
// "dimensions", "subtotal", "bonuses", "bonus", "total", "vetoes",
// "grade", "removed", "gap"}: numbers as strings ("85.50"), the date as
// 2006-01-02, the grade as {"code", "label"} (null when not graded), the
// lists [] when empty, gap null at the top grade or under a veto. Its
// parts are written as their own MarshalJSON writes them.
func (r Result) MarshalJSON() ([]byte, error) { return jsonwire.Of(r.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields,
// grades and numbers that are not written as strings; lists read from []
// are nil, as Evaluate leaves them. null leaves r as it is.
func (r *Result) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "综合评价结果 (evaluation)", r, jsonResult.value)
}
