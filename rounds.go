package newstrata

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

// ErrNoList: a record's unit has no list in the city's lists section: a
// development zone the city's policy gives no list, say. The record is
// rejected from the round, with its place, instead of failing the round.
var ErrNoList = errors.New("单位没有名单 (the unit has no list)")

// Round runs one round of dynamic management (动态管理) on prev, the
// registry of the round before (nil for the first): it assesses records
// on asOf, as [Assessor.AssessAll] does, and chooses the lists by the
// lists section of the city's policy in force on asOf
// ([policy.Set.Lists]) with [tier.Round]. It returns the new registry,
// the change list and the batch (every record assessed or rejected, with
// its place); prev is not changed.
//
// Whose score ranks where: a county-district scores its people under its
// own overlay, so the scores of two counties are not comparable. Each
// record is assessed under its unit's policy in force, which decides
// whether it stays in the database (grade D and vetoes are removed, 剔除)
// and ranks it on its county's list; when that policy is not the city's,
// the record is assessed under the city's too ([Assessment.City]), and
// that assessment ranks it on the city list ([tier.Assessed.CityGrade]).
// A person the city's policy does not make a candidate (unqualified,
// outside the four groups, or graded D) is kept off the city list and
// competes for the county's only.
//
// A record whose unit has no list is rejected with [ErrNoList]. Errors:
// the Assessor not ready, no policy of the city's in force or one without
// a lists section (policy.ErrNoLists), a cancelled context (with the batch
// so far), or what tier.Round refuses.
func (a *Assessor) Round(ctx context.Context, prev *tier.Registry, records []*roster.Record, asOf roster.Date, waivers map[string][]qualify.Waiver) (*tier.Registry, *tier.Changes, *Batch, error) {
	if err := a.ready(); err != nil {
		return nil, nil, nil, err
	}
	rules, city, err := a.policies.Lists(asOf)
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := a.AssessAll(ctx, records, asOf, waivers)
	if err != nil {
		return nil, nil, b, err
	}
	listed := map[string]bool{}
	for _, l := range rules.Lists {
		if l.Unit != "" {
			listed[l.Unit] = true
			for _, f := range l.Former {
				listed[f] = true
			}
		}
	}
	kept := b.Assessments[:0:0]
	round := make([]tier.Assessed, 0, len(b.Assessments))
	for i, as := range b.Assessments {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, b, stopped(i, len(b.Assessments), err)
			}
		}
		r := records[as.Index]
		if !listed[r.Unit] {
			b.Rejected = append(b.Rejected, Rejection{Index: as.Index, Key: printableKey(r.Key), Err: fmt.Errorf("%w：%s（%s）不在市级政策 %s 的名单规则（lists）中", ErrNoList, a.j.UnitName(r.Unit), r.Unit, city.ID())})
			continue
		}
		if as.Evaluation.Fingerprint != city.Fingerprint() {
			c, err := assess(city, r, asOf, waivers[r.Key])
			if err != nil {
				b.Rejected = append(b.Rejected, Rejection{Index: as.Index, Key: printableKey(r.Key), Err: fmt.Errorf("按市级政策 %s 评价 (under the city's policy %s): %w", city.ID(), city.ID(), err)})
				continue
			}
			c.Index = as.Index
			as.City = c
		}
		kept = append(kept, as)
		round = append(round, as.Tier())
	}
	b.Assessments = kept
	slices.SortFunc(b.Rejected, func(x, y Rejection) int { return x.Index - y.Index })
	reg, ch, err := tier.Round(prev, rules, round, asOf)
	if err != nil {
		return nil, nil, b, err
	}
	return reg, ch, b, nil
}

// Tier returns what [tier.Round] reads of as: the mapping the tier
// package's documentation gives ("From an assessment"), with the city's
// grade and score from as.City when the city's policy assessed the
// person too.
func (as *Assessment) Tier() tier.Assessed {
	e, q, c := as.Evaluation, as.Qualification, as.Classification
	out := tier.Assessed{
		Key: as.Key, Unit: as.Unit,
		Group: c.Primary, Secondary: slices.Clone(c.Secondary),
		Grade: e.Grade, Score: e.Total.Decimal(), Post: as.Post,
		Policy: e.Policy, Fingerprint: e.Fingerprint, AsOf: e.AsOf,
	}
	for _, v := range e.Vetoes() {
		out.Vetoes = append(out.Vetoes, v.ID+" "+v.Name)
	}
	for _, f := range q.Failures() {
		out.Failed = append(out.Failed, f.ID+" "+f.Name)
	}
	switch {
	case e.Removed:
		out.Standing = tier.StandingRemoved
	case c.Outcome == classify.NotNewStrata:
		out.Standing = tier.StandingNotNewStrata
	case c.Outcome == classify.Undetermined:
		out.Standing = tier.StandingUnclassified
	case !q.Qualified:
		out.Standing = tier.StandingUnqualified
	default:
		out.Standing = tier.StandingCandidate
	}
	if as.City != nil {
		out.CityGrade, out.CityScore = as.City.Evaluation.Grade, as.City.Evaluation.Total.Decimal()
		if as.City.Status != Candidate {
			out.CityGrade = evaluate.GradeD // off the city list
		}
	}
	return out
}

// PostLevel returns the highest level of r's NPC or CPPCC seats and
// leading posts in united-front and social organisations, the post that
// gives priority on a list ([tier.Candidate.Post]); zero for none. A post
// that is not a leading one gives no priority: the notice names the heads
// (负责人) of those organisations, and a seat whose term has ended by asOf
// (or not begun) is no longer held ([roster.Seat.HeldOn]).
func PostLevel(r *roster.Record, asOf roster.Date) roster.Level {
	var top roster.Level
	for _, s := range r.Seats {
		if s.Level.Valid() && s.HeldOn(asOf) {
			top = max(top, s.Level)
		}
	}
	for _, p := range r.OrgPosts {
		if p.Leading && p.Level.Valid() {
			top = max(top, p.Level)
		}
	}
	return top
}
