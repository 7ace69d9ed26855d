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

// MarshalJSON writes s as {"id", "name", "points", "raw", "score",
// "lost", "read": [{"field", "value"}]}, numbers as strings.
func (s IndicatorScore) MarshalJSON() ([]byte, error) {
	out := jsonIndicator{
		ID: s.ID, Name: s.Name,
		Points: jsonwire.Decimal(s.Points), Raw: jsonwire.Decimal(s.Raw),
		Score: jsonwire.Decimal(s.Score), Lost: jsonwire.Decimal(s.Lost),
		Read: make([]jsonReading, len(s.Read)),
	}
	for i, r := range s.Read {
		out.Read[i] = jsonReading(r)
	}
	return jsonwire.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves s as it is.
func (s *IndicatorScore) UnmarshalJSON(b []byte) error {
	const what = "二级指标得分 (indicator score)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonIndicator
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	out := IndicatorScore{ID: in.ID, Name: in.Name}
	var p decimals
	p.read("points", in.Points, &out.Points)
	p.read("raw", in.Raw, &out.Raw)
	p.read("score", in.Score, &out.Score)
	p.read("lost", in.Lost, &out.Lost)
	if p.err != nil {
		return jsonwire.Fail(what, p.err)
	}
	for _, r := range in.Read {
		out.Read = append(out.Read, formula.Reading(r))
	}
	*s = out
	return nil
}

// jsonDimension is a DimensionScore as JSON.
type jsonDimension struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Points     string           `json:"points"`
	Score      string           `json:"score"`
	Indicators []IndicatorScore `json:"indicators"`
}

// MarshalJSON writes s as {"id", "name", "points", "score",
// "indicators"}, numbers as strings.
func (s DimensionScore) MarshalJSON() ([]byte, error) {
	return jsonwire.Marshal(jsonDimension{s.ID, s.Name, jsonwire.Decimal(s.Points), jsonwire.Decimal(s.Score), jsonwire.List(s.Indicators)})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves s as it is.
func (s *DimensionScore) UnmarshalJSON(b []byte) error {
	const what = "一级指标得分 (dimension score)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonDimension
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	out := DimensionScore{ID: in.ID, Name: in.Name, Indicators: jsonwire.Items(in.Indicators)}
	var p decimals
	p.read("points", in.Points, &out.Points)
	p.read("score", in.Score, &out.Score)
	if p.err != nil {
		return jsonwire.Fail(what, p.err)
	}
	*s = out
	return nil
}

// jsonBonus is a BonusScore as JSON.
type jsonBonus struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Points string `json:"points"`
}

// MarshalJSON writes s as {"id", "name", "points"}, points as a string.
func (s BonusScore) MarshalJSON() ([]byte, error) {
	return jsonwire.Marshal(jsonBonus{s.ID, s.Name, jsonwire.Decimal(s.Points)})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves s as it is.
func (s *BonusScore) UnmarshalJSON(b []byte) error {
	const what = "加分 (bonus)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonBonus
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	out := BonusScore{ID: in.ID, Name: in.Name}
	var p decimals
	p.read("points", in.Points, &out.Points)
	if p.err != nil {
		return jsonwire.Fail(what, p.err)
	}
	*s = out
	return nil
}

// jsonVeto is a VetoHeld as JSON.
type jsonVeto struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// MarshalJSON writes v as {"id", "name"}.
func (v VetoHeld) MarshalJSON() ([]byte, error) { return jsonwire.Marshal(jsonVeto(v)) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves v as it is.
func (v *VetoHeld) UnmarshalJSON(b []byte) error {
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonVeto
	if err := jsonwire.Decode(b, &in, "一票否决 (veto)"); err != nil {
		return err
	}
	*v = VetoHeld(in)
	return nil
}

// jsonLever is a Lever as JSON.
type jsonLever struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Available string `json:"available"`
	Closes    bool   `json:"closes"`
}

// MarshalJSON writes l as {"id", "name", "available", "closes"},
// available as a string.
func (l Lever) MarshalJSON() ([]byte, error) {
	return jsonwire.Marshal(jsonLever{l.ID, l.Name, jsonwire.Decimal(l.Available), l.Closes})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves l as it is.
func (l *Lever) UnmarshalJSON(b []byte) error {
	const what = "可提分指标 (lever)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonLever
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	out := Lever{ID: in.ID, Name: in.Name, Closes: in.Closes}
	var p decimals
	p.read("available", in.Available, &out.Available)
	if p.err != nil {
		return jsonwire.Fail(what, p.err)
	}
	*l = out
	return nil
}

// jsonGap is a Gap as JSON.
type jsonGap struct {
	Next   *jsonwire.Code `json:"next"`
	Points string         `json:"points"`
	Levers []Lever        `json:"levers"`
}

// MarshalJSON writes g as {"next", "points", "levers"}: the next grade as
// {"code", "label"}, points as a string, levers [] when there is none.
func (g Gap) MarshalJSON() ([]byte, error) {
	next, err := gradeCode(g.Next)
	if err != nil {
		return nil, err
	}
	return jsonwire.Marshal(jsonGap{next, jsonwire.Decimal(g.Points), jsonwire.List(g.Levers)})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields and
// grades; null leaves g as it is.
func (g *Gap) UnmarshalJSON(b []byte) error {
	const what = "距上一等次 (gap)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonGap
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	next, err := ParseGrade(in.Next.Text())
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	out := Gap{Next: next, Levers: jsonwire.Items(in.Levers)}
	var p decimals
	p.read("points", in.Points, &out.Points)
	if p.err != nil {
		return jsonwire.Fail(what, p.err)
	}
	*g = out
	return nil
}

// jsonResult is a Result as JSON.
type jsonResult struct {
	Key         string           `json:"key"`
	Policy      string           `json:"policy"`
	Fingerprint string           `json:"fingerprint"`
	AsOf        *string          `json:"as_of"`
	Dimensions  []DimensionScore `json:"dimensions"`
	Subtotal    string           `json:"subtotal"`
	Bonuses     []BonusScore     `json:"bonuses"`
	Bonus       string           `json:"bonus"`
	Total       string           `json:"total"`
	Vetoes      []VetoHeld       `json:"vetoes"`
	Grade       *jsonwire.Code   `json:"grade"`
	Removed     bool             `json:"removed"`
	Gap         *Gap             `json:"gap"`
}

// MarshalJSON writes r as {"key", "policy", "fingerprint", "as_of",
// "dimensions", "subtotal", "bonuses", "bonus", "total", "vetoes",
// "grade", "removed", "gap"}: numbers as strings ("85.50"), the date as
// 2006-01-02, the grade as {"code", "label"} (null when not graded), the
// lists [] when empty, gap null at the top grade or under a veto.
func (r Result) MarshalJSON() ([]byte, error) {
	grade, err := gradeCode(r.Grade)
	if err != nil {
		return nil, err
	}
	return jsonwire.Marshal(jsonResult{
		Key: r.Key, Policy: r.Policy, Fingerprint: r.Fingerprint, AsOf: jsonwire.Date(r.AsOf),
		Dimensions: jsonwire.List(r.Dimensions), Subtotal: jsonwire.Decimal(r.Subtotal),
		Bonuses: jsonwire.List(r.Bonuses), Bonus: jsonwire.Decimal(r.Bonus), Total: jsonwire.Decimal(r.Total),
		Vetoes: jsonwire.List(r.Vetoes), Grade: grade, Removed: r.Removed, Gap: r.Gap,
	})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields,
// grades and numbers that are not written as strings; lists read from []
// are nil, as Evaluate leaves them. null leaves r as it is.
func (r *Result) UnmarshalJSON(b []byte) error {
	const what = "综合评价结果 (evaluation)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonResult
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	asOf, err := jsonwire.ParseDate(in.AsOf)
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	grade, err := ParseGrade(in.Grade.Text())
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	out := Result{
		Key: in.Key, Policy: in.Policy, Fingerprint: in.Fingerprint, AsOf: asOf,
		Dimensions: jsonwire.Items(in.Dimensions), Bonuses: jsonwire.Items(in.Bonuses),
		Vetoes: jsonwire.Items(in.Vetoes), Grade: grade, Removed: in.Removed, Gap: in.Gap,
	}
	var p decimals
	p.read("subtotal", in.Subtotal, &out.Subtotal)
	p.read("bonus", in.Bonus, &out.Bonus)
	p.read("total", in.Total, &out.Total)
	if p.err != nil {
		return jsonwire.Fail(what, p.err)
	}
	*r = out
	return nil
}
