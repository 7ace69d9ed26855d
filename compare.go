package newstrata

import (
	"runtime"
	"sync"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Standing is a person's result under one policy, as Compare sees it.
type Standing struct {
	Qualified bool
	Grade     roster.Grade
	Total     decimal.Decimal
	Status    Status
}

// Shift is a person whose qualification, grade or total differs between
// two policies.
type Shift struct {
	Key, Unit     string
	Before, After Standing
}

// Impact is what adopting one policy instead of another does to a roster.
type Impact struct {
	Base, Next string // the policies' ids
	Records    int    // records given
	// Shifts lists, in roster order, everyone whose qualification, grade or
	// total changes.
	Shifts []Shift
	// Grades counts the grades under each policy, qualified or not,
	// indexed by roster.Grade (index 0 is unused).
	GradesBefore, GradesAfter [5]int
	// Qualified counts the qualified under each policy.
	QualifiedBefore, QualifiedAfter int
	// Rejected are the records that could not be assessed under one of the
	// policies (a missing input, a formula fault).
	Rejected []Rejection
}

// Compare assesses records under base and under next on asOf and lists who
// changes. Each record is classified once; the work is shared among the
// machine's processors and the result does not depend on how. Records are
// expected to be valid (see [roster.Validator]).
func (a *Assessor) Compare(base, next *policy.Policy, records []*roster.Record, asOf roster.Date) *Impact {
	type outcome struct {
		before, after Standing
		err           error
	}
	outs := make([]outcome, len(records))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(records)/256))
	var wg sync.WaitGroup
	chunk := (len(records) + workers - 1) / max(workers, 1)
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(records))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				o := &outs[i]
				o.before, o.after, o.err = a.standings(base, next, records[i], asOf)
			}
		}()
	}
	wg.Wait()

	im := &Impact{Base: base.ID(), Next: next.ID(), Records: len(records)}
	for i, o := range outs {
		r := records[i]
		if o.err != nil {
			key := ""
			if r != nil {
				key = r.Key
			}
			im.Rejected = append(im.Rejected, Rejection{Index: i, Key: key, Err: o.err})
			continue
		}
		im.GradesBefore[o.before.Grade]++
		im.GradesAfter[o.after.Grade]++
		if o.before.Qualified {
			im.QualifiedBefore++
		}
		if o.after.Qualified {
			im.QualifiedAfter++
		}
		if o.before.Qualified != o.after.Qualified || o.before.Grade != o.after.Grade || !o.before.Total.Equal(o.after.Total) {
			im.Shifts = append(im.Shifts, Shift{Key: r.Key, Unit: r.Unit, Before: o.before, After: o.after})
		}
	}
	return im
}

func (a *Assessor) standings(base, next *policy.Policy, r *roster.Record, asOf roster.Date) (before, after Standing, err error) {
	if r == nil {
		return before, after, errNilRecord
	}
	// Classification does not depend on the policy: do it once.
	f, err := base.Facts(r, asOf)
	if err != nil {
		return before, after, err
	}
	cls, err := a.classify.ClassifyFacts(&f)
	if err != nil {
		return before, after, err
	}
	if before, err = standing(base, r, asOf, cls); err != nil {
		return before, after, err
	}
	after, err = standing(next, r, asOf, cls)
	return before, after, err
}

func standing(pol *policy.Policy, r *roster.Record, asOf roster.Date, cls classify.Result) (Standing, error) {
	as, err := assessClassified(pol, r, asOf, cls, nil)
	if err != nil {
		return Standing{}, err
	}
	return Standing{Qualified: as.Qualification.Qualified, Grade: as.Evaluation.Grade, Total: as.Evaluation.Total, Status: as.Status}, nil
}
