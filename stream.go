package newstrata

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/internal/strtab"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
)

// Stream assesses records as they come, for a roster too large to hold:
// the records are read only as fast as the loop over [Stream.All] takes
// their outcomes, so a stream of any length holds at most 256 records a
// worker and their outcomes at a time, and what it needs to find repeats:
// each registration number and citizen ID read, about 140 bytes a record.
// It is what [Assessor.AssessAll] runs on a slice, and gives the same
// outcomes in the same order.
//
// A Stream is for one goroutine; range over All once at a time. Make one
// with [Assessor.Stream].
type Stream struct {
	a       *Assessor
	ctx     context.Context
	records iter.Seq[*roster.Record]
	asOf    roster.Date
	waivers map[string][]qualify.Waiver
	total   int // records expected, -1 when not known
	sum     Summary
	err     error
}

// Summary is what a stream knows once its loop is over.
type Summary struct {
	// Records counts the records accounted for: each was yielded as an
	// assessment or a rejection. They are the first Records of those
	// given: all of them when Complete.
	Records            int
	Assessed, Rejected int
	// Complete reports that the records ran out and each was yielded: the
	// loop was neither cancelled nor left early.
	Complete bool
	// UnmatchedWaivers lists, sorted, the registration numbers waivers were
	// given for that no record has, as [Batch].UnmatchedWaivers does; set
	// only when Complete, since a record not yet read might have matched.
	UnmatchedWaivers []string
	// Undeclared lists the county inputs the assessed records carried that
	// their policy does not declare, as [Batch].Undeclared does.
	Undeclared []UndeclaredInput
}

// Stream returns a [Stream] that validates and assesses records on asOf
// when its All is ranged over, going on past bad ones, as AssessAll does
// for a slice. waivers are by registration number. The errors are those of
// an Assessor not ready ([ErrNotReady]) and of an assessment date that is
// not a full date ([roster.ErrBadDate]); those of the loop are
// [Stream.Err]'s.
//
// Progress, when the Config sets it, is told of each few dozen records
// yielded, with a total of -1: a stream's length is not known until it
// ends.
func (a *Assessor) Stream(ctx context.Context, records iter.Seq[*roster.Record], asOf roster.Date, waivers map[string][]qualify.Waiver) (*Stream, error) {
	return a.stream(ctx, records, -1, asOf, waivers)
}

func (a *Assessor) stream(ctx context.Context, records iter.Seq[*roster.Record], total int, asOf roster.Date, waivers map[string][]qualify.Waiver) (*Stream, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if !asOf.Valid() || asOf.Day == 0 {
		return nil, fmt.Errorf("%w: assessment date %q is not a full date", roster.ErrBadDate, asOf.String())
	}
	if records == nil {
		records = func(func(*roster.Record) bool) {}
	}
	return &Stream{a: a, ctx: ctx, records: records, asOf: asOf, waivers: waivers, total: total}, nil
}

// All yields each record's outcome in the order given: its assessment, or
// why it was rejected (exactly one of the two is nil). Every record is
// yielded once, so a loop that runs to the end accounts for all of them.
// A record is rejected for its own faults (validation, a missing input, a
// formula's error), or when an earlier record holds its registration
// number ([ErrDuplicateKey]) or its citizen ID under another number
// ([roster.ErrDuplicateID]); the first holder keeps it, valid or not. The
// stream keeps every key and ID it has read for that, and nothing else of
// a record.
//
// The records are shared among a bounded pool of workers (Config.Workers),
// which never run the loop's body or the records' iterator: both run on
// the goroutine that ranges. When ctx is cancelled, or the loop is left,
// the workers stop after the record each holds and All returns once they
// have; [Stream.Err] says how far it got. Ranging again runs the stream
// again, over records ranged again.
func (s *Stream) All() iter.Seq2[*Assessment, *Rejection] {
	return func(yield func(*Assessment, *Rejection) bool) {
		s.sum, s.err = Summary{}, nil
		var (
			a        = s.a
			keys     strtab.Index // registration number → its first record
			ids      roster.IDIndex
			declared = map[string]int{} // undeclared input → its place in sum.Undeclared
			left     bool
		)
		p := &pool[outcome]{
			workers:  a.workers,
			total:    s.total,
			progress: a.progress,
			decide: func(i int, r *roster.Record, o *outcome) bool {
				if r == nil {
					o.rejected = &Rejection{Index: i, Err: errNilRecord}
					return true
				}
				// What depends on the order of the batch is decided here, in
				// order: the first record with a key or a citizen ID holds it,
				// even when it is invalid. Every record is noted, as
				// roster.DuplicateIDs sees a batch.
				idErr := ids.Add(r, i)
				if first, dup := keys.Add(r.Key, i); dup && r.Key != "" {
					key := printableKey(r.Key)
					name := "记录 " + key
					if key == "" {
						name = fmt.Sprintf("第 %d 条记录", i+1)
					}
					o.rejected = &Rejection{Index: i, Key: key, Err: fmt.Errorf("%w：%s 与第 %d 条记录相同 (same as record %d)", ErrDuplicateKey, name, first+1, first+1)}
					return true
				}
				if idErr != nil {
					o.rejected = &Rejection{Index: i, Key: printableKey(r.Key), Err: idErr}
					return true
				}
				return false
			},
			worker: func() func(int, *roster.Record, *outcome) {
				return func(i int, r *roster.Record, o *outcome) {
					*o = a.assessAt(i, r, s.asOf, s.waivers[r.Key])
				}
			},
			emit: func(_ int, _ *roster.Record, o *outcome) bool {
				if o.assessed != nil {
					s.sum.Assessed++
					for _, in := range o.assessed.Undeclared {
						k, ok := declared[in]
						if !ok {
							k = len(s.sum.Undeclared)
							declared[in] = k
							s.sum.Undeclared = append(s.sum.Undeclared, UndeclaredInput{Input: in, First: printableKey(o.assessed.Key)})
						}
						s.sum.Undeclared[k].Records++
					}
				} else {
					s.sum.Rejected++
				}
				if !yield(o.assessed, o.rejected) {
					left = true
					return false
				}
				return true
			},
		}
		s.sum.Records, s.sum.Complete = p.run(s.ctx, s.records)
		slices.SortFunc(s.sum.Undeclared, func(x, y UndeclaredInput) int { return strings.Compare(x.Input, y.Input) })
		if s.sum.Complete {
			for key := range s.waivers {
				if _, ok := keys.Get(key); !ok {
					s.sum.UnmatchedWaivers = append(s.sum.UnmatchedWaivers, printableKey(key))
				}
			}
			slices.Sort(s.sum.UnmatchedWaivers)
		} else if err := s.ctx.Err(); err != nil && !left {
			s.err = stopped(s.sum.Records, s.total, err)
		}
	}
}

// Summary returns what the last loop over All accounted for.
func (s *Stream) Summary() Summary { return s.sum }

// Err returns nil when the last loop over All ran to the end or was left
// by its body, and otherwise an error that says how many records were
// accounted for and wraps ctx's error.
func (s *Stream) Err() error { return s.err }

// outcome is what became of one record of a batch.
type outcome struct {
	assessed *Assessment
	rejected *Rejection
}

// assessAt validates r, the record at index i of a batch, and takes it
// through the stages.
func (a *Assessor) assessAt(i int, r *roster.Record, asOf roster.Date, waivers []qualify.Waiver) outcome {
	if err := a.validate.ValidateAt(r, i, asOf); err != nil {
		return outcome{rejected: &Rejection{Index: i, Key: printableKey(r.Key), Err: err}}
	}
	as, err := a.assessValid(r, asOf, waivers)
	if err != nil {
		return outcome{rejected: &Rejection{Index: i, Key: printableKey(r.Key), Err: err}}
	}
	as.Index = i
	return outcome{assessed: as}
}

// stopped is the error of a batch cancelled after done of total records
// (total -1 when not known).
func stopped(done, total int, err error) error {
	if total < 0 {
		return fmt.Errorf("已处理 %d 条记录后停止 (stopped after %d records): %w", done, done, err)
	}
	return fmt.Errorf("已处理 %d 条记录（共 %d 条）后停止 (stopped after %d of %d records): %w", done, total, done, total, err)
}
