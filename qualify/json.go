package qualify

import (
	"errors"
	"fmt"

	"github.com/newstrata/newstrata/internal/jsonwire"
)

// The JSON model of a qualification: snake_case names, closed sets as
// {"code", "label"}, dates as 2006-01-02, text that is absent as null,
// lists as [] when empty. Kind keeps its plain JSON text ("hard"): a
// policy document holds it, and its JSON is what its fingerprint is taken
// over. A Verdict writes it as {"code", "label"}.

// errCode: a code that is no member of its set.
var errCode = errors.New("unknown code")

var outcomeCodes = map[Outcome]string{Met: "met", Failed: "failed", Waived: "waived"}

// MarshalJSON writes o as {"code": "failed", "label": "不符合"}; the codes are
// met, failed and waived, and the zero Outcome, which is no result, is
// null. Any other value is an error.
func (o Outcome) MarshalJSON() ([]byte, error) {
	if o == 0 {
		return []byte("null"), nil
	}
	c, ok := outcomeCodes[o]
	if !ok {
		return nil, fmt.Errorf("%w: %v is not an outcome", errCode, o)
	}
	return jsonwire.Marshal(jsonwire.Code{Code: c, Label: o.Label()})
}

// UnmarshalJSON reads what MarshalJSON writes (the label stands for an
// empty code); null leaves o as it is.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	const what = "资格条件结论 (condition outcome)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var c jsonwire.Code
	if err := jsonwire.Decode(b, &c, what); err != nil {
		return err
	}
	for _, x := range []Outcome{Met, Failed, Waived} {
		if c.Text() == outcomeCodes[x] || c.Text() == x.Label() {
			*o = x
			return nil
		}
	}
	return jsonwire.Fail(what, fmt.Errorf("%w: %q is not an outcome", errCode, c.Text()))
}

func kindOf(c *jsonwire.Code) (Kind, error) {
	for _, k := range []Kind{Hard, Soft} {
		if c.Text() == string(k) || c.Text() == k.Label() {
			return k, nil
		}
	}
	if c == nil {
		return "", nil
	}
	return "", fmt.Errorf("%w: %q is not a kind of condition", errCode, c.Text())
}

// jsonWaiver is a Waiver as JSON.
type jsonWaiver struct {
	Condition  string  `json:"condition"`
	Reason     string  `json:"reason"`
	ApprovedBy string  `json:"approved_by"`
	Date       *string `json:"date"`
}

// MarshalJSON writes w as {"condition", "reason", "approved_by", "date"},
// the date as 2006-01-02 (null when not given).
func (w Waiver) MarshalJSON() ([]byte, error) {
	return jsonwire.Marshal(jsonWaiver{w.Condition, w.Reason, w.ApprovedBy, jsonwire.Date(w.Date)})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves w as it is.
func (w *Waiver) UnmarshalJSON(b []byte) error {
	const what = "放宽 (waiver)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonWaiver
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	d, err := jsonwire.ParseDate(in.Date)
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	*w = Waiver{Condition: in.Condition, Reason: in.Reason, ApprovedBy: in.ApprovedBy, Date: d}
	return nil
}

// jsonVerdict is a Verdict as JSON.
type jsonVerdict struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Kind    *jsonwire.Code `json:"kind"`
	Outcome Outcome        `json:"outcome"`
	Reason  *string        `json:"reason"`
	Waiver  *Waiver        `json:"waiver"`
}

// MarshalJSON writes v as {"id", "name", "kind", "outcome", "reason",
// "waiver"}: kind as {"code": "hard" or "soft", "label"}, outcome as
// [Outcome.MarshalJSON] writes it, reason null when met, waiver null but
// for a waived condition.
func (v Verdict) MarshalJSON() ([]byte, error) {
	var kind *jsonwire.Code
	switch v.Kind {
	case Hard, Soft:
		kind = jsonwire.NewCode(string(v.Kind), v.Kind.Label())
	case "":
	default:
		return nil, fmt.Errorf("%w: %q is not a kind of condition", errCode, string(v.Kind))
	}
	return jsonwire.Marshal(jsonVerdict{v.ID, v.Name, kind, v.Outcome, jsonwire.Text(v.Reason), v.Waiver})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields
// and codes; null leaves v as it is.
func (v *Verdict) UnmarshalJSON(b []byte) error {
	const what = "资格条件结论 (verdict)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonVerdict
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	kind, err := kindOf(in.Kind)
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	*v = Verdict{ID: in.ID, Name: in.Name, Kind: kind, Outcome: in.Outcome, Reason: jsonwire.String(in.Reason), Waiver: in.Waiver}
	return nil
}

// jsonResult is a Result as JSON.
type jsonResult struct {
	Key         string    `json:"key"`
	Policy      string    `json:"policy"`
	Fingerprint string    `json:"fingerprint"`
	AsOf        *string   `json:"as_of"`
	Qualified   bool      `json:"qualified"`
	Conditions  []Verdict `json:"conditions"`
}

// MarshalJSON writes r as {"key", "policy", "fingerprint", "as_of",
// "qualified", "conditions"}: the date as 2006-01-02 (null when not
// given), every condition as [Verdict.MarshalJSON] writes it, [] when
// there is none.
func (r Result) MarshalJSON() ([]byte, error) {
	return jsonwire.Marshal(jsonResult{r.Key, r.Policy, r.Fingerprint, jsonwire.Date(r.AsOf), r.Qualified, jsonwire.List(r.Conditions)})
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// the conditions read from [] are nil. null leaves r as it is.
func (r *Result) UnmarshalJSON(b []byte) error {
	const what = "资格审查结果 (qualification)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonResult
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	d, err := jsonwire.ParseDate(in.AsOf)
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	*r = Result{Key: in.Key, Policy: in.Policy, Fingerprint: in.Fingerprint, AsOf: d, Qualified: in.Qualified, Conditions: jsonwire.Items(in.Conditions)}
	return nil
}
