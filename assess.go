package newstrata

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
	// accounted for, out of how many: after each few dozen records, one
	// call at a time, from the batch's workers. It must return quickly.
	Progress func(done, total int)
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
}

// ErrNotReady: a method was called on a nil or zero [Assessor], or given a
// nil policy.
var ErrNotReady = errors.New("未初始化：请用 newstrata.New 创建 (not ready: make it with newstrata.New)")

// New returns an Assessor for cfg, filling in the defaults.
func New(cfg Config) (*Assessor, error) {
	a := &Assessor{policies: cfg.Policies, progress: cfg.Progress}
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
	f, err := pol.Facts(r, asOf)
	if err != nil {
		return nil, err
	}
	cls, err := pol.Classifier().Classify(&f)
	if err != nil {
		return nil, err
	}
	as, err := assessFacts(pol, r, &f, cls, waivers)
	if err != nil {
		return nil, err
	}
	as.Undeclared = undeclared(pol, r)
	return as, nil
}

func assessFacts(pol *policy.Policy, r *roster.Record, f *roster.Facts, cls classify.Result, waivers []qualify.Waiver) (*Assessment, error) {
	var err error
	out := &Assessment{Key: r.Key, Unit: r.Unit, Classification: cls, Post: PostLevel(r, f.AsOf)}
	if out.Qualification, err = pol.Conditions().Check(f, waivers...); err != nil {
		return nil, err
	}
	if out.Evaluation, err = pol.Evaluator().Evaluate(f); err != nil {
		return nil, err
	}
	// Only the four groups are new social strata, whatever a county does to
	// the condition that says so.
	out.Status = statusOf(out.Qualification.Qualified && cls.Outcome == classify.Classified, out.Evaluation.Removed)
	return out, nil
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

// checkEvery is how many records Compare runs between looks at its
// context.
const checkEvery = 256

// AssessAll validates and assesses records on asOf, going on past bad
// ones. waivers are by registration number. The records are shared among a
// bounded pool of workers, one per processor; the batch is the same, in
// the order given, whatever their number. When ctx is cancelled each
// worker stops after the few dozen records it holds, and AssessAll returns
// what was done, in order, with an error that says how far it got and
// wraps ctx's error.
func (a *Assessor) AssessAll(ctx context.Context, records []*roster.Record, asOf roster.Date, waivers map[string][]qualify.Waiver) (*Batch, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if !asOf.Valid() || asOf.Day == 0 {
		return nil, fmt.Errorf("%w: assessment date %q is not a full date", roster.ErrBadDate, asOf.String())
	}
	// What depends on the order of the batch is decided first, in order:
	// the first record with a key or a citizen ID holds it. The rest runs
	// on every processor, each record into its own slot.
	slots := make([]outcome, len(records))
	todo := make([]int, 0, len(records))
	dupIDs := map[int]error{}
	for _, err := range roster.DuplicateIDs(records) {
		if de, ok := err.(*roster.DuplicateIDError); ok {
			dupIDs[de.Position-1] = err
		}
	}
	seen := make(map[string]int, len(records))
	for i, r := range records {
		if r == nil {
			slots[i].rejected = &Rejection{Index: i, Err: errNilRecord}
			continue
		}
		// A later record with the same key is a duplicate to resolve,
		// never a stand-in, even when the first is invalid.
		key := printableKey(r.Key)
		if first, dup := seen[r.Key]; dup && r.Key != "" {
			name := "记录 " + key
			if key == "" {
				name = fmt.Sprintf("第 %d 条记录", i+1)
			}
			slots[i].rejected = &Rejection{Index: i, Key: key, Err: fmt.Errorf("%w：%s 与第 %d 条记录相同 (same as record %d)", ErrDuplicateKey, name, first+1, first+1)}
			continue
		}
		seen[r.Key] = i
		if err, dup := dupIDs[i]; dup {
			slots[i].rejected = &Rejection{Index: i, Key: key, Err: err}
			continue
		}
		todo = append(todo, i)
	}
	done := a.run(ctx, len(records), todo, func(i int) {
		r := records[i]
		key := printableKey(r.Key)
		if err := a.validate.ValidateAt(r, i, asOf); err != nil {
			slots[i].rejected = &Rejection{Index: i, Key: key, Err: err}
			return
		}
		as, err := a.assessValid(r, asOf, waivers[r.Key])
		if err != nil {
			slots[i].rejected = &Rejection{Index: i, Key: key, Err: err}
			return
		}
		as.Index = i
		slots[i].assessed = as
	})
	b := &Batch{}
	for i := range slots {
		switch o := &slots[i]; {
		case o.assessed != nil:
			b.Assessments = append(b.Assessments, o.assessed)
		case o.rejected != nil:
			b.Rejected = append(b.Rejected, *o.rejected)
		}
	}
	for key := range waivers {
		if _, ok := seen[key]; !ok {
			b.UnmatchedWaivers = append(b.UnmatchedWaivers, printableKey(key))
		}
	}
	for _, as := range b.Assessments {
		for _, in := range as.Undeclared {
			i := slices.IndexFunc(b.Undeclared, func(u UndeclaredInput) bool { return u.Input == in })
			if i < 0 {
				b.Undeclared = append(b.Undeclared, UndeclaredInput{Input: in, First: printableKey(as.Key)})
				i = len(b.Undeclared) - 1
			}
			b.Undeclared[i].Records++
		}
	}
	slices.SortFunc(b.Undeclared, func(x, y UndeclaredInput) int { return strings.Compare(x.Input, y.Input) })
	slices.Sort(b.UnmatchedWaivers)
	if err := ctx.Err(); err != nil {
		return b, stopped(done, len(records), err)
	}
	return b, nil
}

// outcome is what became of one record of a batch.
type outcome struct {
	assessed *Assessment
	rejected *Rejection
}

// chunk is how many records a worker takes at a time, and how often it
// looks at the context and reports progress.
const chunk = 64

// run calls do for each index of todo on a bounded pool of workers (one
// per processor), stopping when ctx is cancelled, and returns how many of
// the total records of the batch were accounted for. do writes only into
// its own index's slot, so the result is the same whatever the number of
// workers. The Config's Progress, if any, is called after each chunk.
func (a *Assessor) run(ctx context.Context, total int, todo []int, do func(i int)) int {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/chunk))
	var (
		next     atomic.Int64 // the next chunk to take
		finished atomic.Int64 // records of todo done
		mu       sync.Mutex   // one Progress call at a time
		wg       sync.WaitGroup
	)
	already := total - len(todo) // decided before the workers start
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				lo := int(next.Add(1)-1) * chunk
				if lo >= len(todo) {
					return
				}
				hi := min(lo+chunk, len(todo))
				for _, i := range todo[lo:hi] {
					do(i)
				}
				n := finished.Add(int64(hi - lo))
				if a.progress != nil {
					mu.Lock()
					a.progress(already+int(n), total)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return already + int(finished.Load())
}

// stopped is the error of a batch cancelled after done of total records.
func stopped(done, total int, err error) error {
	return fmt.Errorf("已处理 %d 条记录（共 %d 条）后停止 (stopped after %d of %d records): %w", done, total, done, total, err)
}
