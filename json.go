package newstrata

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/jsonwire"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
)

// The JSON model of a batch's results, the stages' own models composed:
// snake_case names, closed sets as {"code", "label"}, exact numbers as
// strings ("85.50"), dates as 2006-01-02, absent values as null (every
// name is always written), empty lists as [], and errors as [ErrorJSON]
// values. Every type reads back what it writes, refusing unknown names.

var statusCodes = map[Status]string{Candidate: "candidate", Removed: "removed", Unqualified: "unqualified"}

func (s Status) wire() (*jsonwire.Code, error) {
	if s == 0 {
		return nil, nil
	}
	c, ok := statusCodes[s]
	if !ok {
		return nil, fmt.Errorf("未知状态 (unknown status): %v", s)
	}
	return &jsonwire.Code{Code: c, Label: s.Label()}, nil
}

func statusOfCode(c *jsonwire.Code) (Status, error) {
	if c == nil {
		return 0, nil
	}
	for _, x := range []Status{Candidate, Removed, Unqualified} {
		if c.Text() == statusCodes[x] || c.Text() == x.Label() {
			return x, nil
		}
	}
	return 0, fmt.Errorf("%q 不是状态 (not a status)", c.Text())
}

// MarshalJSON writes s as {"code": "candidate", "label": "入库候选"}; the
// codes are candidate, removed and unqualified, and the zero Status, which
// is no assessment, is null. Any other value is an error.
func (s Status) MarshalJSON() ([]byte, error) { return jsonwire.Of(s.wire) }

// UnmarshalJSON reads what MarshalJSON writes (the label stands for an
// empty code); null leaves s as it is.
func (s *Status) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "状态 (status)", s, func(c jsonwire.Code) (Status, error) { return statusOfCode(&c) })
}

// Each type turns into its wire form (wire) and back (value); a parent's
// wire form holds its parts' wire forms, so that a batch is encoded in one
// pass over this package's part rather than once per level of MarshalJSON.

// jsonAssessment is an Assessment as JSON.
type jsonAssessment struct {
	Index          int              `json:"index"`
	Key            string           `json:"key"`
	Unit           string           `json:"unit"`
	Status         *jsonwire.Code   `json:"status"`
	Post           *jsonwire.Code   `json:"post"`
	Classification classify.Result  `json:"classification"`
	Qualification  *qualify.Result  `json:"qualification"`
	Evaluation     *evaluate.Result `json:"evaluation"`
	Undeclared     []string         `json:"undeclared"`
	City           *jsonAssessment  `json:"city"`
}

func (a *Assessment) wire() (jsonAssessment, error) {
	out := jsonAssessment{
		Index: a.Index, Key: a.Key, Unit: a.Unit,
		Classification: a.Classification, Qualification: a.Qualification, Evaluation: a.Evaluation,
		Undeclared: jsonwire.List(a.Undeclared),
	}
	var err error
	if out.Status, err = a.Status.wire(); err != nil {
		return out, err
	}
	if a.Post != 0 {
		if !a.Post.Valid() {
			return out, fmt.Errorf("%w: post level %d", roster.ErrUnknownCode, uint8(a.Post))
		}
		out.Post = jsonwire.NewCode(a.Post.Code(), a.Post.Label())
	}
	if a.City != nil {
		city, err := a.City.wire()
		if err != nil {
			return out, err
		}
		out.City = &city
	}
	return out, nil
}

func (in *jsonAssessment) value() (*Assessment, error) {
	out := &Assessment{
		Index: in.Index, Key: in.Key, Unit: in.Unit,
		Classification: in.Classification, Qualification: in.Qualification, Evaluation: in.Evaluation,
		Undeclared: jsonwire.Items(in.Undeclared),
	}
	var err error
	if out.Status, err = statusOfCode(in.Status); err != nil {
		return nil, err
	}
	if out.Post, err = roster.ParseLevel(in.Post.Text()); err != nil {
		return nil, err
	}
	if in.City != nil {
		if out.City, err = in.City.value(); err != nil {
			return nil, fmt.Errorf("city: %w", err)
		}
	}
	return out, nil
}

// MarshalJSON writes a as {"index", "key", "unit", "status", "post",
// "classification", "qualification", "evaluation", "undeclared", "city"}:
// the unit by its code, status as [Status.MarshalJSON] writes it, post
// (the highest level of the record's seats and posts) as {"code",
// "label"} with roster's codes ("1" 国家级 to "4" 县级) or null, each
// stage's result in its package's model, undeclared [] when empty, city
// null unless [Assessor.Round] assessed the record under the city's
// policy too.
func (a Assessment) MarshalJSON() ([]byte, error) { return jsonwire.Of(a.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown names and
// codes; undeclared read from [] is nil. null leaves a as it is.
func (a *Assessment) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "评价结果 (assessment)", a, func(w jsonAssessment) (Assessment, error) {
		v, err := w.value()
		if err != nil {
			return Assessment{}, err
		}
		return *v, nil
	})
}

// jsonRejection is a Rejection as JSON.
type jsonRejection struct {
	Index int        `json:"index"`
	Key   *string    `json:"key"`
	Error *jsonError `json:"error"`
}

func (r Rejection) wire() (jsonRejection, error) {
	out := jsonRejection{Index: r.Index, Key: jsonwire.Text(r.Key)}
	if e := NewErrorJSON(r.Err); e != nil {
		if e.Record == "" {
			e.Record = printableKey(r.Key)
		}
		w := e.wire()
		out.Error = &w
	}
	return out, nil
}

func (in jsonRejection) value() (Rejection, error) {
	out := Rejection{Index: in.Index, Key: jsonwire.String(in.Key)}
	if in.Error != nil {
		out.Err = in.Error.value()
	}
	return out, nil
}

// MarshalJSON writes r as {"index", "key", "error"}: key null when the
// record has none (or has the shape of a citizen ID), the error as
// [NewErrorJSON] describes it, its record the rejection's key when the
// error does not name one; error null when r.Err is nil.
func (r Rejection) MarshalJSON() ([]byte, error) { return jsonwire.Of(r.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown names:
// Err is an [*ErrorJSON] that prints the message the original error
// printed and matches its cause with errors.Is. null leaves r as it is.
func (r *Rejection) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "退回记录 (rejection)", r, jsonRejection.value)
}

// jsonUndeclared is an UndeclaredInput as JSON.
type jsonUndeclared struct {
	Input   string  `json:"input"`
	Records int     `json:"records"`
	First   *string `json:"first"`
}

func (u UndeclaredInput) wire() (jsonUndeclared, error) {
	return jsonUndeclared{u.Input, u.Records, jsonwire.Text(u.First)}, nil
}

func (in jsonUndeclared) value() (UndeclaredInput, error) {
	return UndeclaredInput{Input: in.Input, Records: in.Records, First: jsonwire.String(in.First)}, nil
}

// MarshalJSON writes u as {"input", "records", "first"}, first null when
// the first record's number is not printed.
func (u UndeclaredInput) MarshalJSON() ([]byte, error) { return jsonwire.Of(u.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown names;
// null leaves u as it is.
func (u *UndeclaredInput) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "未声明的输入项 (undeclared input)", u, jsonUndeclared.value)
}

// jsonBatch is a Batch as JSON.
type jsonBatch struct {
	Assessments      []*jsonAssessment `json:"assessments"`
	Rejected         []jsonRejection   `json:"rejected"`
	UnmatchedWaivers []string          `json:"unmatched_waivers"`
	Undeclared       []jsonUndeclared  `json:"undeclared"`
}

func (b Batch) wire() (jsonBatch, error) {
	out := jsonBatch{
		Assessments:      make([]*jsonAssessment, len(b.Assessments)),
		Rejected:         make([]jsonRejection, len(b.Rejected)),
		UnmatchedWaivers: jsonwire.List(b.UnmatchedWaivers),
		Undeclared:       make([]jsonUndeclared, len(b.Undeclared)),
	}
	for i, as := range b.Assessments {
		if as == nil {
			continue // null, as encoding/json writes a nil pointer
		}
		w, err := as.wire()
		if err != nil {
			return out, fmt.Errorf("assessments[%d]: %w", i, err)
		}
		out.Assessments[i] = &w
	}
	for i, rj := range b.Rejected {
		out.Rejected[i], _ = rj.wire()
	}
	for i, u := range b.Undeclared {
		out.Undeclared[i], _ = u.wire()
	}
	return out, nil
}

func (in jsonBatch) value() (Batch, error) {
	out := Batch{UnmatchedWaivers: jsonwire.Items(in.UnmatchedWaivers)}
	for i, w := range in.Assessments {
		if w == nil {
			return out, fmt.Errorf("assessments[%d]: 评价结果为 null (an assessment is null)", i)
		}
		as, err := w.value()
		if err != nil {
			return out, fmt.Errorf("assessments[%d]: %w", i, err)
		}
		out.Assessments = append(out.Assessments, as)
	}
	for _, w := range in.Rejected {
		rj, _ := w.value()
		out.Rejected = append(out.Rejected, rj)
	}
	for _, w := range in.Undeclared {
		u, _ := w.value()
		out.Undeclared = append(out.Undeclared, u)
	}
	return out, nil
}

// MarshalJSON writes b as {"assessments", "rejected",
// "unmatched_waivers", "undeclared"}, each a list in the batch's order, []
// when empty.
func (b Batch) MarshalJSON() ([]byte, error) { return jsonwire.Of(b.wire) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown names and
// null assessments; a list read from [] is nil, as AssessAll leaves it.
// null leaves b as it is.
func (b *Batch) UnmarshalJSON(data []byte) error {
	return jsonwire.Unmarshal(data, "评价批次 (batch)", b, jsonBatch.value)
}

// ErrorJSON is an error as the JSON model writes it: a stable code for
// its cause, the record, field and place it names, and its message in
// Chinese, in English and whole. [NewErrorJSON] describes an error of a
// batch or of reading a roster so; a [Rejection] read back from JSON
// holds one as its Err. It prints the message the original printed, and
// errors.Is matches it against the sentinel its code stands for.
//
// Each name is always written, null when it is unknown or does not apply:
//
//	{"code": "invalid_record", "record": "NN-450103-00001",
//	 "field": "Education", "label": "学历", "policy": null, "rule": null,
//	 "file": null, "line": null, "column": null,
//	 "message_zh": "记录 NN-450103-00001：学历为必填字段",
//	 "message_en": "education is a required field",
//	 "message": "记录 NN-450103-00001：学历为必填字段 (education is a required field)",
//	 "problems": [{"field": "Education", "label": "学历", "tag": "required",
//	   "message_zh": "学历为必填字段", "message_en": "education is a required field"}]}
//
// The codes, by the cause the error wraps (errors.Is), the first that
// matches:
//
//	duplicate_key      ErrDuplicateKey: a registration number the batch already holds
//	duplicate_id       roster.ErrDuplicateID: a citizen ID under another registration number
//	invalid_record     roster.ErrInvalidRecord: the record breaks the form's rules (see problems)
//	nil_record         a nil record
//	no_list            ErrNoList: the record's unit has no list (Assessor.Round)
//	no_policy          policy.ErrNoPolicy: no policy in force for the record's unit
//	invalid_input      policy.ErrInput: a county input the policy declares is missing or wrong
//	invalid_waiver     qualify.ErrWaiver: a waiver that cannot be granted
//	formula_failed     formula.ErrRuntime: a rule's formula failed on the record
//	formula_syntax, formula_type, formula_refused   formula.ErrSyntax, ErrType, ErrRefused
//	field_count        roster.ErrFieldCount: a row with more or fewer cells than the header
//	bad_quote, bare_quote   csv.ErrQuote, csv.ErrBareQuote: broken quoting in a row
//	unknown_code       roster.ErrUnknownCode: a code or label not in its set
//	bad_date           roster.ErrBadDate
//	citizen_id         roster.ErrCitizenID
//	bad_cell           roster.ErrBadCell: a cell that cannot be read
//	bad_header         roster.ErrHeader
//	not_a_roster       roster.ErrFormat
//	unknown_column     roster.ErrUnknownColumn
//	not_ready          ErrNotReady
//	canceled, deadline_exceeded   context.Canceled, context.DeadlineExceeded
//	error              any other cause
//
// The other names: record is the registration number the error names
// (never one with the shape of a citizen ID). field is the Go path of the
// field of [roster.Record] at fault (Education, Seats[1].Level,
// Extra["bonus"]) and label its title on the form (学历), or the column's
// header as written when it is no field of the form; for an invalid
// record with several problems both are null and problems lists each
// ({"field", "label", "tag", "message_zh", "message_en"}, tag naming the
// rule broken, as [roster.Problem] does; [] for any other error). policy
// and rule name the policy and the rule (a condition, an indicator, a
// classification rule) whose formula failed. file, line and column are
// the place: in the policy file for a rule's error, in the roster for a
// row that could not be read (file null: the roster is the caller's); a
// rejection's line is null, since a batch holds records, not lines, but a
// caller that knows it may set Line before writing. message_zh and
// message_en are the Chinese text and its English gloss (the parts in
// half-width parentheses of the message, joined with ": "), message the
// whole text, as the original error's Error method printed it.
type ErrorJSON struct {
	Code                 string
	Record               string
	Field, Label         string
	Policy, Rule         string
	File                 string
	Line, Column         int
	MessageZH, MessageEN string
	Message              string
	Problems             []roster.Problem
}

// errorCodes lists the causes an ErrorJSON's code stands for, in the order
// they are tried: a cause that more errors wrap comes after the ones that
// say more.
var errorCodes = []struct {
	cause error
	code  string
}{
	{ErrDuplicateKey, "duplicate_key"},
	{roster.ErrDuplicateID, "duplicate_id"},
	{roster.ErrInvalidRecord, "invalid_record"},
	{errNilRecord, "nil_record"},
	{ErrNoList, "no_list"},
	{policy.ErrNoPolicy, "no_policy"},
	{policy.ErrInput, "invalid_input"},
	{qualify.ErrWaiver, "invalid_waiver"},
	{formula.ErrRuntime, "formula_failed"},
	{formula.ErrSyntax, "formula_syntax"},
	{formula.ErrType, "formula_type"},
	{formula.ErrRefused, "formula_refused"},
	{roster.ErrFieldCount, "field_count"},
	{csv.ErrQuote, "bad_quote"},
	{csv.ErrBareQuote, "bare_quote"},
	{roster.ErrUnknownCode, "unknown_code"},
	{roster.ErrBadDate, "bad_date"},
	{roster.ErrCitizenID, "citizen_id"},
	{roster.ErrBadCell, "bad_cell"},
	{roster.ErrHeader, "bad_header"},
	{roster.ErrFormat, "not_a_roster"},
	{roster.ErrUnknownColumn, "unknown_column"},
	{ErrNotReady, "not_ready"},
	{context.Canceled, "canceled"},
	{context.DeadlineExceeded, "deadline_exceeded"},
}

// codeOther is the code of an error whose cause is none of errorCodes.
const codeOther = "error"

// NewErrorJSON describes err as the JSON model writes it; nil for nil. It
// reads the places the typed errors of the stages and of the roster
// reader keep ([*roster.RecordError], [*roster.DuplicateIDError],
// [*roster.ParseError], [*policy.InputError], [*qualify.Error],
// [*evaluate.Error], [*formula.Error]); an [*ErrorJSON] is returned as a
// copy.
func NewErrorJSON(err error) *ErrorJSON {
	if err == nil {
		return nil
	}
	var ej *ErrorJSON
	if errors.As(err, &ej) {
		c := *ej
		c.Problems = append([]roster.Problem(nil), ej.Problems...)
		return &c
	}
	out := &ErrorJSON{Code: codeOther, Message: err.Error()}
	for _, c := range errorCodes {
		if errors.Is(err, c.cause) {
			out.Code = c.code
			break
		}
	}
	out.MessageZH, out.MessageEN = splitMessage(out.Message)
	var (
		re *roster.RecordError
		de *roster.DuplicateIDError
		pe *roster.ParseError
		ie *policy.InputError
		qe *qualify.Error
		ee *evaluate.Error
		fe *formula.Error
	)
	switch {
	case errors.As(err, &re):
		out.Record = printableKey(re.Key)
		out.Problems = append([]roster.Problem(nil), re.Problems...)
		if len(re.Problems) == 1 {
			out.Field, out.Label = re.Problems[0].Field, re.Problems[0].Label
		}
	case errors.As(err, &de):
		out.Record, out.Field, out.Label = de.Key, "CitizenID", citizenIDTitle
	case errors.As(err, &pe):
		out.Record, out.Line, out.Column, out.Label = printableKey(pe.Key), pe.Line, pe.Column, pe.Header
		if f, ok := roster.FieldByTitle(pe.Header); ok && pe.Header != "" {
			out.Field, out.Label = f.Name(), f.Title()
		}
	case errors.As(err, &ie):
		out.Record, out.Field, out.Label = printableKey(ie.Key), fmt.Sprintf("Extra[%q]", ie.Input), ie.Label
	}
	if errors.Is(err, ErrDuplicateKey) {
		out.Field, out.Label = "Key", keyTitle
	}
	if errors.As(err, &qe) {
		out.Record, out.Rule = printableKey(qe.Key), qe.Condition
	}
	if errors.As(err, &ee) {
		out.Record, out.Rule = printableKey(ee.Key), ee.Rule
	}
	if errors.As(err, &fe) {
		if fe.Record != "" {
			out.Record = printableKey(fe.Record)
		}
		if fe.Rule != "" {
			out.Rule = fe.Rule
		}
		out.Policy, out.File, out.Line, out.Column = fe.Policy, fe.File, fe.Line, fe.Column
		if fe.MessageZH != "" {
			out.MessageZH, out.MessageEN = fe.MessageZH, fe.Message
		}
	}
	return out
}

// The titles on the form of the fields a batch's own errors are about.
var (
	keyTitle       = titleOf("Key", "登记编号")
	citizenIDTitle = titleOf("CitizenID", "公民身份号码")
)

func titleOf(name, fallback string) string {
	for _, f := range roster.Fields() {
		if f.Name() == name {
			return f.Title()
		}
	}
	return fallback
}

// Error returns the message the described error printed; for an ErrorJSON
// made by hand without one, the Chinese text with the English in
// parentheses.
func (e *ErrorJSON) Error() string {
	switch {
	case e.Message != "":
		return e.Message
	case e.MessageZH != "" && e.MessageEN != "":
		return e.MessageZH + " (" + e.MessageEN + ")"
	case e.MessageZH != "":
		return e.MessageZH
	case e.MessageEN != "":
		return e.MessageEN
	}
	return e.Code
}

// Is reports whether target is the sentinel that e's code stands for, so
// that errors.Is(rejection.Err, roster.ErrInvalidRecord) holds for a
// rejection read back from JSON as for the original.
func (e *ErrorJSON) Is(target error) bool {
	for _, c := range errorCodes {
		if c.cause == target {
			return c.code == e.Code
		}
	}
	return false
}

// jsonError is an ErrorJSON as JSON.
type jsonError struct {
	Code      string        `json:"code"`
	Record    *string       `json:"record"`
	Field     *string       `json:"field"`
	Label     *string       `json:"label"`
	Policy    *string       `json:"policy"`
	Rule      *string       `json:"rule"`
	File      *string       `json:"file"`
	Line      *int          `json:"line"`
	Column    *int          `json:"column"`
	MessageZH *string       `json:"message_zh"`
	MessageEN *string       `json:"message_en"`
	Message   string        `json:"message"`
	Problems  []jsonProblem `json:"problems"`
}

// jsonProblem is a roster.Problem as JSON.
type jsonProblem struct {
	Field     string `json:"field"`
	Label     string `json:"label"`
	Tag       string `json:"tag"`
	MessageZH string `json:"message_zh"`
	MessageEN string `json:"message_en"`
}

func place(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func placeOf(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func (e *ErrorJSON) wire() jsonError {
	out := jsonError{
		Code: e.Code, Record: jsonwire.Text(e.Record), Field: jsonwire.Text(e.Field), Label: jsonwire.Text(e.Label),
		Policy: jsonwire.Text(e.Policy), Rule: jsonwire.Text(e.Rule), File: jsonwire.Text(e.File),
		Line: place(e.Line), Column: place(e.Column),
		MessageZH: jsonwire.Text(e.MessageZH), MessageEN: jsonwire.Text(e.MessageEN), Message: e.Error(),
		Problems: make([]jsonProblem, len(e.Problems)),
	}
	if out.Code == "" {
		out.Code = codeOther
	}
	for i, p := range e.Problems {
		out.Problems[i] = jsonProblem{p.Field, p.Label, p.Tag, p.Message, p.MessageEN}
	}
	return out
}

func (in *jsonError) value() *ErrorJSON {
	out := &ErrorJSON{
		Code: in.Code, Record: jsonwire.String(in.Record), Field: jsonwire.String(in.Field), Label: jsonwire.String(in.Label),
		Policy: jsonwire.String(in.Policy), Rule: jsonwire.String(in.Rule), File: jsonwire.String(in.File),
		Line: placeOf(in.Line), Column: placeOf(in.Column),
		MessageZH: jsonwire.String(in.MessageZH), MessageEN: jsonwire.String(in.MessageEN), Message: in.Message,
	}
	for _, p := range in.Problems {
		out.Problems = append(out.Problems, roster.Problem{Field: p.Field, Label: p.Label, Tag: p.Tag, Message: p.MessageZH, MessageEN: p.MessageEN})
	}
	return out
}

// MarshalJSON writes e as the type's documentation shows: every name,
// null for what is empty or 0, problems [] when there is none, message
// as [ErrorJSON.Error] returns it.
func (e ErrorJSON) MarshalJSON() ([]byte, error) { return jsonwire.Marshal(e.wire()) }

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown names; a
// code it does not know is kept as it is (it matches no sentinel). null
// leaves e as it is.
func (e *ErrorJSON) UnmarshalJSON(b []byte) error {
	return jsonwire.Unmarshal(b, "错误 (error)", e, func(w jsonError) (ErrorJSON, error) { return *w.value(), nil })
}

// splitMessage splits a message written Chinese first, with English in
// half-width parentheses after a space ("学历为必填字段 (education is a
// required field)"), line by line, into the Chinese with the glosses left
// out and the glosses joined with ": ". A line without a gloss is Chinese
// when it holds a Chinese character, English otherwise.
func splitMessage(msg string) (zh, en string) {
	var zhs, ens []string
	for _, line := range strings.Split(msg, "\n") {
		z, e := splitLine(line)
		if z != "" {
			zhs = append(zhs, z)
		}
		if e != "" {
			ens = append(ens, e)
		}
	}
	return strings.Join(zhs, "\n"), strings.Join(ens, "\n")
}

func splitLine(line string) (zh, en string) {
	var z strings.Builder
	var glosses []string
	rest := line
	for {
		i := strings.Index(rest, " (")
		if i < 0 {
			break
		}
		end := closing(rest[i+2:])
		if end < 0 {
			break
		}
		z.WriteString(rest[:i])
		glosses = append(glosses, rest[i+2:i+2+end])
		rest = rest[i+2+end+1:]
	}
	z.WriteString(rest)
	if len(glosses) == 0 {
		if strings.IndexFunc(line, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			return line, ""
		}
		return "", line
	}
	return strings.TrimSpace(z.String()), strings.Join(glosses, ": ")
}

// closing returns the index in s of the ")" that closes a "(" just
// before s, or -1.
func closing(s string) int {
	depth := 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}
