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
//
// Each type turns into its wire form (wire) and back (value); a parent's
// wire form holds its parts' wire forms, so that a Result is encoded in
// one pass rather than once per level of MarshalJSON.

// errCode: a code that is no member of its set.
var errCode = errors.New("unknown code")

var outcomeCodes = map[Outcome]string{Met: "met", Failed: "failed", Waived: "waived"}

func (o Outcome) wire() (*jsonwire.Code, error) {
	if o == 0 {
		return nil, nil
	}
	c, ok := outcomeCodes[o]
	if !ok {
		return nil, fmt.Errorf("%w: %v is not an outcome", errCode, o)
	}
	return &jsonwire.Code{Code: c, Label: o.Label()}, nil
}

func outcomeOf(c *jsonwire.Code) (Outcome, error) {
	if c == nil {
		return 0, nil
	}
	for _, x := range []Outcome{Met, Failed, Waived} {
		if c.Text() == outcomeCodes[x] || c.Text() == x.Label() {
			return x, nil
		}
	}
	return 0, fmt.Errorf("%w: %q is not an outcome", errCode, c.Text())
}

// MarshalJSON writes o as {"code": "failed", "label": "不符合"}; the codes are
// met, failed and waived, and the zero Outcome, which is no result, is
// null. Any other value is an error.
func (o Outcome) MarshalJSON() ([]byte, error) { return jsonwire.Of(o.wire) }

// UnmarshalJSON reads what MarshalJSON writes (the label stands for an
// empty code); null leaves o as it is.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "资格条件结论 (condition outcome)", o, func(c jsonwire.Code) (Outcome, error) { return outcomeOf(&c) })
}

func kindOf(c *jsonwire.Code) (Kind, error) {
	if c == nil {
		return "", nil
	}
	for _, k := range []Kind{Hard, Soft} {
		if c.Text() == string(k) || c.Text() == k.Label() {
			return k, nil
		}
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

func (w Waiver) wire() jsonWaiver {
	return jsonWaiver{w.Condition, w.Reason, w.ApprovedBy, jsonwire.Date(w.Date)}
}

func (in jsonWaiver) value() (Waiver, error) {
	d, err := jsonwire.ParseDate(in.Date)
	return Waiver{Condition: in.Condition, Reason: in.Reason, ApprovedBy: in.ApprovedBy, Date: d}, err
}

// MarshalJSON writes w as {"condition", "reason", "approved_by", "date"},
// the date as 2006-01-02 (null when not given).
func (w Waiver) MarshalJSON() ([]byte, error) { return jsonwire.Marshal(w.wire()) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// null leaves w as it is.
func (w *Waiver) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "放宽 (waiver)", w, jsonWaiver.value)
}

// jsonVerdict is a Verdict as JSON.
type jsonVerdict struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Kind    *jsonwire.Code `json:"kind"`
	Outcome *jsonwire.Code `json:"outcome"`
	Reason  *string        `json:"reason"`
	Waiver  *jsonWaiver    `json:"waiver"`
}

func (v Verdict) wire() (jsonVerdict, error) {
	out := jsonVerdict{ID: v.ID, Name: v.Name, Reason: jsonwire.Text(v.Reason)}
	switch v.Kind {
	case Hard, Soft:
		out.Kind = jsonwire.NewCode(string(v.Kind), v.Kind.Label())
	case "":
	default:
		return out, fmt.Errorf("%w: %q is not a kind of condition", errCode, string(v.Kind))
	}
	var err error
	if out.Outcome, err = v.Outcome.wire(); err != nil {
		return out, err
	}
	if v.Waiver != nil {
		w := v.Waiver.wire()
		out.Waiver = &w
	}
	return out, nil
}

func (in jsonVerdict) value() (Verdict, error) {
	out := Verdict{ID: in.ID, Name: in.Name, Reason: jsonwire.String(in.Reason)}
	var err error
	if out.Kind, err = kindOf(in.Kind); err != nil {
		return out, err
	}
	if out.Outcome, err = outcomeOf(in.Outcome); err != nil {
		return out, err
	}
	if in.Waiver != nil {
		w, err := in.Waiver.value()
		if err != nil {
			return out, fmt.Errorf("waiver: %w", err)
		}
		out.Waiver = &w
	}
	return out, nil
}

// MarshalJSON writes v as {"id", "name", "kind", "outcome", "reason",
// "waiver"}: kind as {"code": "hard" or "soft", "label"}, outcome as
// [Outcome.MarshalJSON] writes it, reason null when met, waiver null but
// for a waived condition.
func (v Verdict) MarshalJSON() ([]byte, error) { return jsonwire.Of(v.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields
// and codes; null leaves v as it is.
func (v *Verdict) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "资格条件结论 (verdict)", v, jsonVerdict.value)
}

// jsonResult is a Result as JSON.
type jsonResult struct {
	Key         string        `json:"key"`
	Policy      string        `json:"policy"`
	Fingerprint string        `json:"fingerprint"`
	AsOf        *string       `json:"as_of"`
	Qualified   bool          `json:"qualified"`
	Conditions  []jsonVerdict `json:"conditions"`
}

func (r Result) wire() (jsonResult, error) {
	out := jsonResult{r.Key, r.Policy, r.Fingerprint, jsonwire.Date(r.AsOf), r.Qualified, make([]jsonVerdict, 0, r.count())}
	for c := range r.each() {
		w, err := c.wire()
		if err != nil {
			return out, err
		}
		out.Conditions = append(out.Conditions, w)
	}
	return out, nil
}

func (in jsonResult) value() (Result, error) {
	out := Result{Key: in.Key, Policy: in.Policy, Fingerprint: in.Fingerprint, Qualified: in.Qualified}
	var err error
	if out.AsOf, err = jsonwire.ParseDate(in.AsOf); err != nil {
		return out, err
	}
	// A result read back has no conditions to work its verdicts out from:
	// it carries them as they were written.
	var vs []Verdict
	for i, w := range in.Conditions {
		v, err := w.value()
		if err != nil {
			return out, fmt.Errorf("conditions[%d]: %w", i, err)
		}
		vs = append(vs, v)
	}
	if vs != nil {
		out.given = &given{verdicts: vs}
	}
	return out, nil
}

// MarshalJSON writes r as {"key", "policy", "fingerprint", "as_of",
// "qualified", "conditions"}: the date as 2006-01-02 (null when not
// given), every condition as [Verdict.MarshalJSON] writes it, in the order
// and with the reasons [Result.Verdicts] gives, [] when there is none.
func (r Result) MarshalJSON() ([]byte, error) { return jsonwire.Of(r.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields;
// the result carries the verdicts as written, which [Result.Verdicts]
// gives, and none read from []. null leaves r as it is.
func (r *Result) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "资格审查结果 (qualification)", r, jsonResult.value)
}
