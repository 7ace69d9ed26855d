package classify

import (
	"fmt"

	"github.com/newstrata/newstrata/internal/jsonwire"
)

// The JSON model of a classification: snake_case names, closed sets as
// {"code", "label"} (null for the zero Group or Subkind), lists as [] when
// empty. Group and Subkind keep MarshalText, and with it their plain JSON
// text ("G1"): a policy document holds them, and its JSON is what its
// fingerprint is taken over. A Result writes them as {"code", "label"}.

var outcomeCodes = [...]string{
	Undetermined: "undetermined",
	Classified:   "classified",
	NotNewStrata: "not_new_strata",
}

func (o Outcome) wire() (*jsonwire.Code, error) {
	if int(o) >= len(outcomeCodes) {
		return nil, fmt.Errorf("%w: %v is not an outcome", ErrUnknownCode, o)
	}
	return &jsonwire.Code{Code: outcomeCodes[o], Label: o.Label()}, nil
}

// outcomeOf reads an outcome's code, or its label; null is Undetermined.
func outcomeOf(c *jsonwire.Code) (Outcome, error) {
	if c == nil {
		return Undetermined, nil
	}
	for v := range outcomeCodes {
		if x := Outcome(v); c.Text() == outcomeCodes[v] || c.Text() == x.Label() {
			return x, nil
		}
	}
	return 0, fmt.Errorf("%w: %q is not an outcome", ErrUnknownCode, c.Text())
}

// MarshalJSON writes o as {"code": "classified", "label": "新的社会阶层人士"};
// the codes are undetermined, classified and not_new_strata. A value that
// is no outcome is an error.
func (o Outcome) MarshalJSON() ([]byte, error) { return jsonwire.Of(o.wire) }

// UnmarshalJSON reads what MarshalJSON writes (the label stands for an
// empty code); null leaves o as it is.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	const what = "分类结论 (outcome)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var c jsonwire.Code
	if err := jsonwire.Decode(b, &c, what); err != nil {
		return err
	}
	v, err := outcomeOf(&c)
	if err != nil {
		return jsonwire.Fail(what, err)
	}
	*o = v
	return nil
}

func groupCode(g Group) (*jsonwire.Code, error) {
	if g == 0 {
		return nil, nil
	}
	if !g.Valid() {
		return nil, fmt.Errorf("%w: %v is not a group", ErrUnknownCode, g)
	}
	return jsonwire.NewCode(g.Code(), g.Label()), nil
}

func subkindCode(s Subkind) (*jsonwire.Code, error) {
	if s == 0 {
		return nil, nil
	}
	if !s.Valid() {
		return nil, fmt.Errorf("%w: %v is not a freelance sub-kind", ErrUnknownCode, s)
	}
	return jsonwire.NewCode(s.Code(), s.Label()), nil
}

// jsonResult is a Result as JSON.
type jsonResult struct {
	Outcome   *jsonwire.Code   `json:"outcome"`
	Primary   *jsonwire.Code   `json:"primary"`
	Secondary []*jsonwire.Code `json:"secondary"`
	Subkind   *jsonwire.Code   `json:"subkind"`
	Rule      *string          `json:"rule"`
	Reason    *string          `json:"reason"`
	Matched   []string         `json:"matched"`
}

// MarshalJSON writes r as {"outcome", "primary", "secondary", "subkind",
// "rule", "reason", "matched"}: the outcome, groups and sub-kind as
// {"code", "label"} (a group by its code G1 to G4, a sub-kind by 1 to 6),
// primary and subkind null when there is none, rule and reason null when
// empty, the lists [] when empty.
func (r Result) MarshalJSON() ([]byte, error) {
	out := jsonResult{
		Secondary: make([]*jsonwire.Code, len(r.Secondary)),
		Rule:      jsonwire.Text(r.Rule),
		Reason:    jsonwire.Text(r.Reason),
		Matched:   jsonwire.List(r.Matched),
	}
	var err error
	if out.Outcome, err = r.Outcome.wire(); err != nil {
		return nil, err
	}
	if out.Primary, err = groupCode(r.Primary); err != nil {
		return nil, err
	}
	for i, g := range r.Secondary {
		if out.Secondary[i], err = groupCode(g); err != nil {
			return nil, err
		}
	}
	if out.Subkind, err = subkindCode(r.Subkind); err != nil {
		return nil, err
	}
	return jsonwire.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown fields and
// codes; a group or sub-kind is read by its code, or by its label when the
// code is empty. Lists read from [] are nil, as Classify leaves them; null
// leaves r as it is.
func (r *Result) UnmarshalJSON(b []byte) error {
	const what = "分类结果 (classification)"
	if jsonwire.IsNull(b) {
		return nil
	}
	var in jsonResult
	if err := jsonwire.Decode(b, &in, what); err != nil {
		return err
	}
	out := Result{Rule: jsonwire.String(in.Rule), Reason: jsonwire.String(in.Reason), Matched: jsonwire.Items(in.Matched)}
	var err error
	if out.Outcome, err = outcomeOf(in.Outcome); err != nil {
		return jsonwire.Fail(what, err)
	}
	if out.Primary, err = ParseGroup(in.Primary.Text()); err != nil {
		return jsonwire.Fail(what, err)
	}
	for _, c := range in.Secondary {
		g, err := ParseGroup(c.Text())
		if err != nil || g == 0 {
			return jsonwire.Fail(what, fmt.Errorf("%w: %q is not a group", ErrUnknownCode, c.Text()))
		}
		out.Secondary = append(out.Secondary, g)
	}
	if out.Subkind, err = ParseSubkind(in.Subkind.Text()); err != nil {
		return jsonwire.Fail(what, err)
	}
	*r = out
	return nil
}
