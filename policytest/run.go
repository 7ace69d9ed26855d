package policytest

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Report is what running a suite against a policy found.
type Report struct {
	Suite  string // the cases file
	Policy string // the id of the policy run
	// Cases counts the cases run, Passed those with no mismatch, Checks the
	// expectations checked.
	Cases, Passed, Checks int
	// Mismatches lists, in the order of the file, every expectation the
	// policy does not meet and every case that could not run.
	Mismatches []Mismatch
}

// OK reports whether every case passed.
func (r *Report) OK() bool { return len(r.Mismatches) == 0 }

// String writes the mismatches one a line, then the counts.
func (r *Report) String() string {
	var b strings.Builder
	for _, m := range r.Mismatches {
		b.WriteString(m.String())
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%s：政策 %s，用例 %d 个，通过 %d 个，不符 %d 处，检查 %d 项 (%d cases, %d passed, %d mismatches, %d checks)\n",
		r.Suite, r.Policy, r.Cases, r.Passed, len(r.Mismatches), r.Checks, r.Cases, r.Passed, len(r.Mismatches), r.Checks)
	return b.String()
}

// Mismatch is an expectation a policy does not meet, or a case that could
// not run.
type Mismatch struct {
	// Position is where the expectation is written (for a case that could
	// not run, where the case or the faulty cell is).
	formula.Position
	Case string
	// What is checked: qualified, failed, vetoes, total, grade, group,
	// error, an indicator's or a bonus's id, or the title of a column.
	What string
	// Name is the Chinese name of the indicator or bonus, if What is one.
	Name      string
	Want, Got string
}

// String writes the mismatch for a clerk, Chinese first:
//
//	nanning-2019_cases.yaml:40:21: 学习培训按学时计分: P2 学习培训 期望 7.5，实际 9 (want 7.5, got 9)
func (m Mismatch) String() string {
	what := m.What
	if m.Name != "" {
		what += " " + m.Name
	}
	where := m.Position.String()
	if m.Case != "" { // a mismatch of the suite as a whole names no case
		where += ": " + m.Case
	}
	if m.Want == "" {
		return fmt.Sprintf("%s: %s：%s", where, what, m.Got)
	}
	return fmt.Sprintf("%s: %s 期望 %s，实际 %s (want %s, got %s)", where, what, m.Want, m.Got, m.Want, m.Got)
}

// Run runs every case of s under p, classified by p's rules, and reports
// every expectation p does not meet. A case that cannot run (a missing
// input, a waiver that cannot be granted, a column the policy does not
// know) is reported too, unless it expects that error; a waiver is
// reported at its own line. Run does not stop at the first mismatch; it
// does not change s.
//
// Cases pin one policy, s.Policy: when p is another, no case is run and
// the report holds a single Mismatch of What "policy", at the file's
// policy field (or at the file, when its name gives the policy), wanting
// s.Policy and getting p's id.
func (s *Suite) Run(a *newstrata.Assessor, p *policy.Policy) *Report {
	rep := &Report{Suite: s.Name, Policy: p.ID()}
	if s.Policy != p.ID() {
		at := s.policyAt
		if at == (formula.Position{}) {
			at.File = s.Name
		}
		rep.Mismatches = []Mismatch{{Position: at, What: "policy", Want: s.Policy, Got: p.ID()}}
		return rep
	}
	doc := p.Document()
	inputs := make(map[string]bool, len(doc.Inputs))
	for _, in := range doc.Inputs {
		inputs[in.ID] = true
	}
	for _, c := range s.Cases {
		rep.Cases++
		before := len(rep.Mismatches)
		rep.Mismatches = append(rep.Mismatches, s.run(a, p, doc.ValidFrom, inputs, c, &rep.Checks)...)
		if len(rep.Mismatches) == before {
			rep.Passed++
		}
	}
	return rep
}

func (s *Suite) run(a *newstrata.Assessor, p *policy.Policy, validFrom roster.Date, inputs map[string]bool, c *Case, checks *int) []Mismatch {
	fail := func(at formula.Position, what, got string) []Mismatch {
		return []Mismatch{{Position: at, Case: c.Name, What: what, Got: got}}
	}
	asOf := c.Date
	if asOf.IsZero() {
		asOf = s.Date
	}
	if asOf.IsZero() {
		asOf = validFrom
	}
	if !p.InForce(asOf) {
		return fail(c.Pos, "date", fmt.Sprintf("政策 %s 在 %s 不生效 (the policy is not in force on %s)", p.ID(), asOf, asOf))
	}
	rec := c.Record()
	if rec == nil {
		return fail(c.Pos, "record", "用例没有记录 (the case has no record; cases come from Parse)")
	}
	if rec.Unit == "" {
		rec.Unit = p.Jurisdiction()
	}
	var out []Mismatch
	for _, cl := range c.cells {
		if _, extra := rec.Extra[cl.header]; extra && !inputs[cl.header] {
			out = append(out, Mismatch{Position: cl.key, Case: c.Name, What: cl.header,
				Got: fmt.Sprintf("既不是登记表的列，也不是政策 %s 声明的输入项 (neither a column of the form nor an input of the policy)", p.ID())})
		}
	}
	if len(out) > 0 {
		return out
	}
	as, err := a.AssessUnder(p, rec, asOf, granted(c.Waivers, p.Jurisdiction(), asOf)...)
	i := slices.IndexFunc(c.checks, func(k check) bool { return k.kind == checkError })
	switch {
	case i >= 0:
		*checks++
		want := c.checks[i]
		if err == nil {
			return []Mismatch{{Position: want.at, Case: c.Name, What: "error", Want: want.text, Got: "（无错误）"}}
		}
		if !strings.Contains(err.Error(), want.text) {
			return []Mismatch{{Position: want.at, Case: c.Name, What: "error", Want: want.text, Got: err.Error()}}
		}
		return nil
	case err != nil:
		return fail(c.at(err), "error", fmt.Sprintf("无法评价 (cannot assess): %v", err))
	}
	for _, k := range c.checks {
		*checks++
		if m, ok := compare(p, as, k); !ok {
			m.Position, m.Case = k.at, c.Name
			out = append(out, m)
		}
	}
	return out
}

// at is where to look for what kept c from being assessed: the waiver the
// policy refuses, or else the start of the case.
func (c *Case) at(err error) formula.Position {
	var qe *qualify.Error
	if !errors.Is(err, qualify.ErrWaiver) || !errors.As(err, &qe) {
		return c.Pos
	}
	// Parse refuses a condition waived twice, so the condition names one.
	i := slices.IndexFunc(c.Waivers, func(w qualify.Waiver) bool { return w.Condition == qe.Condition })
	if i < 0 || i >= len(c.waiverAt) {
		return c.Pos
	}
	return c.waiverAt[i]
}

// compare checks one expectation against an assessment.
func compare(p *policy.Policy, as *newstrata.Assessment, k check) (Mismatch, bool) {
	switch k.kind {
	case checkQualified:
		got := as.Qualification.Qualified
		return Mismatch{What: "qualified", Want: yesNo(k.flag), Got: yesNo(got)}, got == k.flag
	case checkFailed:
		var got []string
		for _, f := range as.Qualification.Failures() {
			got = append(got, f.ID)
		}
		return Mismatch{What: "failed", Want: list(k.ids), Got: list(got)}, sameSet(k.ids, got)
	case checkVetoes:
		var got []string
		for _, v := range as.Evaluation.Vetoes() {
			got = append(got, v.ID)
		}
		return Mismatch{What: "vetoes", Want: list(k.ids), Got: list(got)}, sameSet(k.ids, got)
	case checkPoints:
		name, got, known := points(p, as, k.id)
		if !known {
			return Mismatch{What: k.id, Got: fmt.Sprintf("政策 %s 没有这个指标或加分项 (no such indicator or bonus)", p.ID())}, false
		}
		return Mismatch{What: k.id, Name: name, Want: k.num.String(), Got: got.String()}, got.Equal(k.num)
	case checkTotal:
		got := as.Evaluation.Total
		return Mismatch{What: "total", Want: k.num.String(), Got: got.String()}, got.Equal(formula.FixedOf(k.num))
	case checkGrade:
		got := as.Evaluation.Grade
		return Mismatch{What: "grade", Want: k.grade.Code(), Got: got.Code()}, got == k.grade
	case checkGroup:
		got := group(as.Classification)
		return Mismatch{What: "group", Want: k.text, Got: got}, got == k.text
	}
	return Mismatch{}, true
}

// points finds what an id earned: a second-level indicator's score, a
// first-level indicator's sum, or a bonus's points (0 when it gave none).
func points(p *policy.Policy, as *newstrata.Assessment, id string) (name string, got decimal.Decimal, known bool) {
	for _, d := range as.Evaluation.Dimensions() {
		if d.ID == id {
			return d.Name, d.Score, true
		}
		for _, in := range d.Indicators {
			if in.ID == id {
				return in.Name, in.Score, true
			}
		}
	}
	for _, b := range p.Evaluator().Scheme().Bonuses {
		if b.ID != id {
			continue
		}
		for _, got := range as.Evaluation.Bonuses() {
			if got.ID == id {
				return b.Name, got.Points, true
			}
		}
		return b.Name, decimal.Zero, true
	}
	return "", decimal.Zero, false
}

func group(r classify.Result) string {
	if r.Outcome == classify.Classified {
		return r.Primary.Code()
	}
	return r.Outcome.Label()
}

func yesNo(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "[]"
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

func sameSet(want, got []string) bool {
	a, b := slices.Clone(want), slices.Clone(got)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// granted gives a case's waivers the unit and day that grant them: a case
// writes only the condition and the reason, and its waivers are taken as
// granted by the policy's own unit on the assessment date.
func granted(ws []qualify.Waiver, unit string, asOf roster.Date) []qualify.Waiver {
	out := slices.Clone(ws)
	for i := range out {
		if out[i].ApprovedBy == "" {
			out[i].ApprovedBy = unit
		}
		if out[i].Date.IsZero() {
			out[i].Date = asOf
		}
	}
	return out
}
