package newstrata

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
)

// Config says what an [Assessor] works with. A nil field takes the
// default: the policies of Nanning with the embedded baseline. The
// jurisdiction is the one the policies were loaded for: records are checked
// against the units it lists. Each policy holds its classification rules
// ([policy.Policy.Classifier]).
type Config struct {
	Policies *policy.Set
	// Progress, when set, is told how many records of a batch have been
	// accounted for, out of how many: after each few dozen records, in
	// order, on the goroutine that called AssessAll or Compare or ranges
	// over a [Stream] (whose total is -1: not known). It holds the batch
	// up while it runs.
	Progress func(done, total int)
	// Workers bounds how many records are assessed at once; 0 means one
	// per processor (runtime.GOMAXPROCS). The outcome is the same whatever
	// their number.
	Workers int
}

// Assessor runs the stages for one jurisdiction: validation, classification,
// qualification and evaluation under the policy in force for each record's
// unit on the assessment date. It is immutable and safe for concurrent use.
// The zero Assessor is not ready: its methods return [ErrNotReady]; make
// one with [New].
type Assessor struct {
	j        *roster.Jurisdiction
	policies *policy.Set
	validate *roster.Validator // built once: it serves every date
	progress func(done, total int)
	workers  int
}

// ErrNotReady: a method was called on a nil or zero [Assessor], or given a
// nil policy.
var ErrNotReady = errors.New("未初始化：请用 newstrata.New 创建 (not ready: make it with newstrata.New)")

// New returns an Assessor for cfg, filling in the defaults.
func New(cfg Config) (*Assessor, error) {
	a := &Assessor{policies: cfg.Policies, progress: cfg.Progress, workers: max(cfg.Workers, 0)}
	if a.policies == nil {
		s, err := policy.NewSet(roster.Nanning(), nil, policy.WithBaseline())
		if err != nil {
			return nil, err
		}
		a.policies = s
	}
	a.j = a.policies.Jurisdiction()
	if a.j == nil {
		return nil, fmt.Errorf("%w: policy.Set", ErrNotReady)
	}
	v, err := roster.NewValidator(a.j)
	if err != nil {
		return nil, err
	}
	a.validate = v
	return a, nil
}

// ready reports whether a was made by New.
func (a *Assessor) ready() error {
	if a == nil || a.j == nil || a.policies == nil || a.validate == nil {
		return ErrNotReady
	}
	return nil
}

// Jurisdiction returns the jurisdiction the Assessor works for.
func (a *Assessor) Jurisdiction() *roster.Jurisdiction {
	if a == nil {
		return nil
	}
	return a.j
}

// Status is where an assessment leaves a person.
type Status uint8

// The statuses of an assessment.
const (
	// Candidate: qualified and graded in a band that stays in the database.
	Candidate Status = iota + 1
	// Removed: qualified but graded D (or vetoed): removed from the database.
	Removed
	// Unqualified: a condition failed and was not waived, or the person is
	// in none of the four groups.
	Unqualified
)

func (s Status) String() string {
	switch s {
	case Candidate:
		return "candidate"
	case Removed:
		return "removed"
	case Unqualified:
		return "unqualified"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// statusOf is where qualification and grade leave a person.
func statusOf(qualified, removed bool) Status {
	switch {
	case !qualified:
		return Unqualified
	case removed:
		return Removed
	}
	return Candidate
}

// Label returns the Chinese label of s.
func (s Status) Label() string {
	switch s {
	case Candidate:
		return "入库候选"
	case Removed:
		return "剔除"
	case Unqualified:
		return "不符合资格条件"
	}
	return s.String()
}

// Assessment is one record taken through the stages.
type Assessment struct {
	// Index is the record's place in the batch given, from 0 (0 for a
	// record assessed alone).
	Index int
	// Undeclared lists, sorted, the inputs the record carried that its
	// policy does not declare (see [Batch].Undeclared).
	Undeclared     []string
	Key, Unit      string
	Classification classify.Result
	Qualification  *qualify.Result
	Evaluation     *evaluate.Result
	Status         Status
	// Post is the highest level of the record's NPC or CPPCC seats and
	// leading posts ([PostLevel]), which gives priority on a list.
	Post roster.Level
	// City is the record's assessment under the city's policy, when
	// [Assessor.Round] assessed it under another (its county-district's
	// overlay): the one that ranks it on the city list. Nil otherwise.
	City *Assessment
}

// Assess validates one record and takes it through the stages on asOf,
// as [Assessor.AssessAll] does for a batch: an invalid record gives its
// [*roster.RecordError], never a result. waivers apply to the record's
// soft conditions.
func (a *Assessor) Assess(r *roster.Record, asOf roster.Date, waivers ...qualify.Waiver) (*Assessment, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errNilRecord
	}
	if err := a.validate.Validate(r, asOf); err != nil {
		return nil, err
	}
	return a.assessValid(r, asOf, waivers)
}

// assessValid is Assess for a record already validated.
func (a *Assessor) assessValid(r *roster.Record, asOf roster.Date, waivers []qualify.Waiver) (*Assessment, error) {
	pol, err := a.policies.For(r.Unit, asOf)
	if err != nil {
		return nil, fmt.Errorf("记录 %s：%w", printableKey(r.Key), err)
	}
	return assess(pol, r, asOf, waivers)
}

// AssessUnder takes one record through the stages on asOf under pol, the
// policy given, instead of the one in force for the record's unit: to try
// a policy before it is adopted, or to pin it with test cases (package
// policytest). That policy's classification rules decide the group.
func (a *Assessor) AssessUnder(pol *policy.Policy, r *roster.Record, asOf roster.Date, waivers ...qualify.Waiver) (*Assessment, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if pol == nil {
		return nil, fmt.Errorf("%w: policy", ErrNotReady)
	}
	if r == nil {
		return nil, errNilRecord
	}
	return assess(pol, r, asOf, waivers)
}

// assess classifies r by the rules of pol, the policy it is assessed
// under, and takes it through the later stages.
func assess(pol *policy.Policy, r *roster.Record, asOf roster.Date, waivers []qualify.Waiver) (*Assessment, error) {
	// The assessment and the facts its evaluation keeps are one
	// allocation.
	b := &assessBlock{}
	f := &b.facts
	// The facts are made in the block, not copied there from
	// Policy.Facts's result.
	*f = r.Facts(asOf)
	if err := pol.Bind(f, r); err != nil {
		return nil, err
	}
	cls, err := pol.Classifier().Classify(f)
	if err != nil {
		return nil, err
	}
	out := &b.Assessment
	*out = Assessment{Key: r.Key, Unit: r.Unit, Classification: cls, Post: PostLevel(r, f.AsOf)}
	if out.Qualification, err = pol.Conditions().Check(f, waivers...); err != nil {
		return nil, err
	}
	if out.Evaluation, err = pol.Evaluator().Evaluate(f); err != nil {
		return nil, err
	}
	// Only the four groups are new social strata, whatever a county does to
	// the condition that says so.
	out.Status = statusOf(out.Qualification.Qualified && cls.Outcome == classify.Classified, out.Evaluation.Removed)
	out.Undeclared = undeclared(pol, r)
	return out, nil
}

// assessBlock is an Assessment with the facts its evaluation keeps.
type assessBlock struct {
	Assessment
	facts roster.Facts
}

// Rejection is a record a batch could not assess, and why.
type Rejection struct {
	Index int    // the record's place in the batch, from 0
	Key   string // its registration number ("" when it has none, or has the shape of a citizen ID)
	Err   error  // a *roster.RecordError, a *policy.InputError, a formula's error ...
}

var errNilRecord = errors.New("记录为空 (nil record)")

// printableKey is the key a message may print: "" for one that has the
// shape of a citizen ID.
func printableKey(key string) string {
	if roster.LooksLikeCitizenID(key) {
		return ""
	}
	return key
}

// ErrDuplicateKey: a batch holds two records with one registration number;
// the first keeps it (assessed, or rejected for its own faults) and the
// later ones are rejected.
var ErrDuplicateKey = errors.New("登记编号重复 (duplicate registration number)")

// Batch is the outcome of [Assessor.AssessAll]: every record given is
// either assessed or rejected, each in the order given and carrying its
// place in the batch.
type Batch struct {
	Assessments []*Assessment
	Rejected    []Rejection
	// UnmatchedWaivers lists, sorted, the registration numbers waivers were
	// given for that no record of the batch has: a mistyped number would
	// otherwise lose its waiver without a word.
	UnmatchedWaivers []string
	// Undeclared lists, by input id, the county inputs records carried (a
	// value in Record.Extra) that the policy in force for their unit does
	// not declare, so that no formula read them: a column meant for another
	// county's policy, or a misspelt id. It is not an error, since a roster
	// may hold several counties' inputs; it is never silent.
	Undeclared []UndeclaredInput
}

// UndeclaredInput is an input id records carried that their policy does
// not declare, with how many records carried it and the first of them.
type UndeclaredInput struct {
	Input   string
	Records int
	First   string // the first such record's registration number ("" when ID-shaped)
}

// undeclared lists, sorted, the keys of r.Extra with a value that pol does
// not declare.
func undeclared(pol *policy.Policy, r *roster.Record) []string {
	if len(r.Extra) == 0 {
		return nil
	}
	var out []string
	for k, v := range r.Extra {
		if s, isText := v.(string); (isText && strings.TrimSpace(s) == "") || v == nil || pol.Declares(k) {
			continue
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// checkEvery is how many records Round runs between looks at its context.
const checkEvery = 256

// AssessAll validates and assesses records on asOf, going on past bad
// ones, and collects what [Assessor.Stream] yields for them: the batch is
// the same, in the order given, whatever the number of workers. waivers
// are by registration number. When ctx is cancelled the workers stop
// after the record each holds, and AssessAll returns the outcomes of the
// records before the first one not finished, in order, with an error that
// says how far it got and wraps ctx's error.
func (a *Assessor) AssessAll(ctx context.Context, records []*roster.Record, asOf roster.Date, waivers map[string][]qualify.Waiver) (*Batch, error) {
	s, err := a.stream(ctx, slices.Values(records), len(records), asOf, waivers)
	if err != nil {
		return nil, err
	}
	b := &Batch{}
	for as, rej := range s.All() {
		if rej != nil {
			b.Rejected = append(b.Rejected, *rej)
			continue
		}
		b.Assessments = append(b.Assessments, as)
	}
	sum := s.Summary()
	b.UnmatchedWaivers, b.Undeclared = sum.UnmatchedWaivers, sum.Undeclared
	return b, s.Err()
}
