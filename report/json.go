package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/newstrata/newstrata/roster"
)

// The JSON forms: snake_case names that do not change, closed sets as
// {"code", "label"}, exact numbers as strings ("85.50"), dates as
// 2006-01-02, values not filled in as null, empty lists as [].

type jsonCode struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

func codeOf(c Code) *jsonCode {
	if c.IsZero() {
		return nil
	}
	return &jsonCode{c.Code, c.Label}
}

func dateOf(d roster.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func textOf(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// object is a JSON object that keeps its keys in order.
type object []struct {
	key   string
	value any
}

func (o *object) add(key string, value any) {
	*o = append(*o, struct {
		key   string
		value any
	}{key, value})
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(kv.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteJSON writes the summary as JSON: {"title", "unit", "date",
// "columns": [{"code", "group", "label"}], "rows": [{"kind", "unit",
// "counts": {column code: count, in the columns' order}}], "excluded",
// "scores": {"width", "bins": [{"from", "to", "count"}], "cuts":
// [{"grade", "at"}]}, "lists": [{"list", "seat", "groups": {"g1" ...}}]}.
// It returns the first error of w.
func (s *Summary) WriteJSON(w io.Writer) error {
	var doc object
	doc.add("title", s.Title)
	doc.add("unit", codeOf(s.Unit))
	doc.add("date", dateOf(s.Date))
	cols := make([]object, len(s.Columns))
	for i, c := range s.Columns {
		cols[i].add("code", c.Code)
		cols[i].add("group", c.Group)
		cols[i].add("label", c.Label)
	}
	doc.add("columns", cols)
	rows := make([]object, len(s.Rows))
	for i, r := range s.Rows {
		var counts object
		for j, c := range s.Columns {
			counts.add(c.Code, r.Counts[j])
		}
		rows[i].add("kind", jsonCode{r.Kind.Code(), r.Kind.Label()})
		rows[i].add("unit", jsonCode{r.Unit.Code, r.Unit.Label})
		rows[i].add("counts", counts)
	}
	doc.add("rows", rows)
	doc.add("excluded", s.Excluded)
	var scores object
	scores.add("width", s.Scores.Width)
	bins := make([]object, len(s.Scores.Counts))
	for i, n := range s.Scores.Counts {
		bins[i].add("from", itoa(i*s.Scores.Width))
		bins[i].add("to", itoa((i+1)*s.Scores.Width))
		bins[i].add("count", n)
	}
	scores.add("bins", bins)
	cuts := make([]object, len(s.Scores.Cuts))
	for i, c := range s.Scores.Cuts {
		cuts[i].add("grade", codeOf(c.Grade))
		cuts[i].add("at", c.At.String())
	}
	scores.add("cuts", cuts)
	doc.add("scores", scores)
	lists := make([]object, len(s.Lists))
	for i, l := range s.Lists {
		var groups object
		for g, n := range l.Groups {
			groups.add("g"+itoa(g+1), n)
		}
		lists[i].add("list", codeOf(l.List))
		lists[i].add("seat", jsonCode{l.Seat.Code(), l.Seat.Label()})
		lists[i].add("groups", groups)
	}
	doc.add("lists", lists)
	return writeJSON(w, doc)
}

// WriteJSON writes the forms as JSON: {"title", "unit", "date", "forms":
// [{"key", "unit", "fields": {field name: text, or {"code", "label"} for
// a closed set, or null}, "group", "subkind", "secondary", "seat",
// "list", "grade", "score", "evaluation", "opinions": [{"title",
// "text"}], "filled_on"}], "unassessed"}. Personal data is masked as in
// every format. It returns the first error of w.
func (rs *Registrations) WriteJSON(w io.Writer) error {
	var doc object
	doc.add("title", rs.Title)
	doc.add("unit", codeOf(rs.Unit))
	doc.add("date", dateOf(rs.Date))
	forms := make([]object, len(rs.Forms))
	for i := range rs.Forms {
		f := &rs.Forms[i]
		var fields object
		for _, e := range f.Fields {
			switch {
			case e.Value == "":
				fields.add(e.Name, nil)
			case e.Code != "":
				fields.add(e.Name, jsonCode{e.Code, e.Value})
			default:
				fields.add(e.Name, e.Value)
			}
		}
		sec := make([]*jsonCode, len(f.Secondary))
		for j, g := range f.Secondary {
			sec[j] = codeOf(g)
		}
		var score *string
		if f.Scored {
			score = textOf(f.Score.StringFixed(2))
		}
		ops := make([]object, len(f.Opinions))
		for j, o := range f.Opinions {
			ops[j].add("title", o.Title)
			ops[j].add("text", textOf(o.Text))
		}
		o := &forms[i]
		o.add("key", f.Key)
		o.add("unit", codeOf(f.Unit))
		o.add("fields", fields)
		o.add("group", codeOf(f.Group))
		o.add("subkind", codeOf(f.Subkind))
		o.add("secondary", sec)
		o.add("seat", codeOf(f.Seat))
		o.add("list", textOf(f.List))
		o.add("grade", codeOf(f.Grade))
		o.add("score", score)
		o.add("evaluation", textOf(f.Evaluation))
		o.add("opinions", ops)
		o.add("filled_on", dateOf(f.FilledOn))
	}
	doc.add("forms", forms)
	un := rs.Unassessed
	if un == nil {
		un = []string{}
	}
	doc.add("unassessed", un)
	return writeJSON(w, doc)
}

func itoa(i int) string { return strconv.Itoa(i) }
