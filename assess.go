package newstrata

import (
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
)

// Config says what an [Assessor] works with. A nil field takes the
// default: the Policies' jurisdiction (else Nanning), the baseline
// classification rules, the baseline policy. A Jurisdiction and Policies
// for two different cities are refused.
type Config struct {
	Jurisdiction *roster.Jurisdiction
	Classifier   *classify.Classifier
	Policies     *policy.Set
}

// Assessor runs the stages for one jurisdiction: validation, classification,
// qualification and evaluation under the policy in force for each record's
// unit on the assessment date. It is immutable and safe for concurrent use.
type Assessor struct {
	j        *roster.Jurisdiction
	classify *classify.Classifier
	policies *policy.Set
}

// New returns an Assessor for cfg, filling in the defaults.
func New(cfg Config) (*Assessor, error) {
	a := &Assessor{j: cfg.Jurisdiction, classify: cfg.Classifier, policies: cfg.Policies}
	if a.j == nil {
		a.j = roster.Nanning()
	}
	if a.classify == nil {
		c, err := classify.New(classify.Baseline())
		if err != nil {
			return nil, err
		}
		a.classify = c
	}
	if a.policies == nil {
		s, err := policy.NewSet(a.j, nil)
		if err != nil {
			return nil, err
		}
		a.policies = s
	}
	if pj := a.policies.Jurisdiction(); cfg.Jurisdiction != nil && !sameJurisdiction(pj, a.j) {
		// Units are checked against one and policies picked by the other:
		// they must be the same city.
		if pj.Code == a.j.Code {
			return nil, fmt.Errorf("the jurisdiction %s %s given lists other units than the one the policies were loaded for", a.j.Code, a.j.Name)
		}
		return nil, fmt.Errorf("the policies are for %s %s, the records for %s %s", pj.Code, pj.Name, a.j.Code, a.j.Name)
	}
	if cfg.Jurisdiction == nil && cfg.Policies != nil {
		a.j = cfg.Policies.Jurisdiction() // the set knows its city
	}
	return a, nil
}

// Jurisdiction returns the jurisdiction the Assessor works for.
func (a *Assessor) Jurisdiction() *roster.Jurisdiction { return a.j }

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

// sameJurisdiction reports whether a and b are one city with the same units
// under the same codes.
func sameJurisdiction(a, b *roster.Jurisdiction) bool {
	codes := func(j *roster.Jurisdiction) []string {
		var out []string
		for _, u := range j.Units {
			out = append(out, u.Code)
			for _, f := range u.Former {
				out = append(out, u.Code+"<"+f)
			}
		}
		slices.Sort(out)
		return out
	}
	return a.Code == b.Code && slices.Equal(codes(a), codes(b))
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
	Key, Unit      string
	Classification classify.Result
	Qualification  *qualify.Result
	Evaluation     *evaluate.Result
	Status         Status
}

// Assess takes one record through the stages on asOf. r must be valid (see
// [roster.Validator]); [Assessor.AssessAll] validates for you. waivers
// apply to the record's soft conditions.
func (a *Assessor) Assess(r *roster.Record, asOf roster.Date, waivers ...qualify.Waiver) (*Assessment, error) {
	if r == nil {
		return nil, errNilRecord
	}
	pol, err := a.policies.For(r.Unit, asOf)
	if err != nil {
		return nil, fmt.Errorf("记录 %s：%w", printableKey(r.Key), err)
	}
	return assess(a.classify, pol, r, asOf, waivers)
}

// AssessUnder takes one record through the stages on asOf under pol, the
// policy given, instead of the one in force for the record's unit: to try
// a policy before it is adopted, or to pin it with test cases (package
// policytest). The Assessor's classifier still decides the group.
func (a *Assessor) AssessUnder(pol *policy.Policy, r *roster.Record, asOf roster.Date, waivers ...qualify.Waiver) (*Assessment, error) {
	if r == nil {
		return nil, errNilRecord
	}
	return assess(a.classify, pol, r, asOf, waivers)
}

func assess(c *classify.Classifier, pol *policy.Policy, r *roster.Record, asOf roster.Date, waivers []qualify.Waiver) (*Assessment, error) {
	f, err := pol.Facts(r, asOf)
	if err != nil {
		return nil, err
	}
	cls, err := c.ClassifyFacts(&f)
	if err != nil {
		return nil, err
	}
	return assessFacts(pol, r, &f, cls, waivers)
}

func assessFacts(pol *policy.Policy, r *roster.Record, f *roster.Facts, cls classify.Result, waivers []qualify.Waiver) (*Assessment, error) {
	var err error
	out := &Assessment{Key: r.Key, Unit: r.Unit, Classification: cls}
	setGroup(f, cls)
	if out.Qualification, err = qualify.Check(pol, f, waivers...); err != nil {
		return nil, err
	}
	if out.Evaluation, err = evaluate.Evaluate(pol, f); err != nil {
		return nil, err
	}
	// Only the four groups are new social strata, whatever a county does to
	// the condition that says so.
	out.Status = statusOf(out.Qualification.Qualified && cls.Outcome == classify.Classified, out.Evaluation.Removed)
	return out, nil
}

// setGroup gives the facts the group and sub-kind the classification
// found, which the conditions and indicators read.
func setGroup(f *roster.Facts, cls classify.Result) {
	if cls.Outcome == classify.Classified {
		f.Group = "G" + cls.Primary.Code()
		if cls.Subkind.Valid() {
			f.Subkind = cls.Subkind.Label()
		}
	}
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
// either assessed or rejected, in the order given.
type Batch struct {
	Assessments []*Assessment
	// Index holds each assessment's place in the batch.
	Index    []int
	Rejected []Rejection
	// UnmatchedWaivers lists, sorted, the registration numbers waivers were
	// given for that no record of the batch has: a mistyped number would
	// otherwise lose its waiver without a word.
	UnmatchedWaivers []string
}

// AssessAll validates and assesses records on asOf, going on past bad
// ones. waivers are by registration number.
func (a *Assessor) AssessAll(records []*roster.Record, asOf roster.Date, waivers map[string][]qualify.Waiver) (*Batch, error) {
	if !asOf.Valid() || asOf.Day == 0 {
		return nil, fmt.Errorf("%w: assessment date %q is not a full date", roster.ErrBadDate, asOf.String())
	}
	v, err := roster.NewValidator(a.j) // a Validator serves every date: an Assessor could keep one
	if err != nil {
		return nil, err
	}
	b := &Batch{}
	// A later record with an earlier one's citizen ID under another key is
	// rejected, like a repeated key.
	dupIDs := map[int]error{}
	for _, err := range roster.DuplicateIDs(records) {
		if de, ok := err.(*roster.DuplicateIDError); ok {
			dupIDs[de.Position-1] = err
		}
	}
	seen := make(map[string]int, len(records))
	for i, r := range records {
		if r == nil {
			b.Rejected = append(b.Rejected, Rejection{Index: i, Err: errNilRecord})
			continue
		}
		// The first record with a key holds it, valid or not: a later one
		// with the same key is a duplicate to resolve, never a stand-in.
		key := printableKey(r.Key)
		if first, dup := seen[r.Key]; dup && r.Key != "" {
			name := "记录 " + key
			if key == "" {
				name = fmt.Sprintf("第 %d 条记录", i+1)
			}
			b.Rejected = append(b.Rejected, Rejection{Index: i, Key: key, Err: fmt.Errorf("%w：%s 与第 %d 条记录相同 (same as record %d)", ErrDuplicateKey, name, first+1, first+1)})
			continue
		}
		seen[r.Key] = i
		if err, dup := dupIDs[i]; dup {
			b.Rejected = append(b.Rejected, Rejection{Index: i, Key: key, Err: err})
			continue
		}
		if err := v.ValidateAt(r, i, asOf); err != nil {
			b.Rejected = append(b.Rejected, Rejection{Index: i, Key: key, Err: err})
			continue
		}
		as, err := a.Assess(r, asOf, waivers[r.Key]...)
		if err != nil {
			b.Rejected = append(b.Rejected, Rejection{Index: i, Key: key, Err: err})
			continue
		}
		b.Assessments = append(b.Assessments, as)
		b.Index = append(b.Index, i)
	}
	for key := range waivers {
		if _, ok := seen[key]; !ok {
			b.UnmatchedWaivers = append(b.UnmatchedWaivers, printableKey(key))
		}
	}
	slices.Sort(b.UnmatchedWaivers)
	return b, nil
}
