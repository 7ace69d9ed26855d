package tier

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Candidate is a qualified, graded person who may be listed.
type Candidate struct {
	// Key is the registration number; it must be unique.
	Key string
	// Unit is the code of the county-district that keeps the record.
	Unit  string
	Group classify.Group
	Grade evaluate.Grade
	// Score is the comprehensive evaluation score, exact.
	Score decimal.Decimal
	// Post is the highest level of the person's NPC or CPPCC seat or
	// leading post in a united-front or social organisation; the zero
	// value means none. One level serves every list: the city list gives
	// priority from roster.City up, a county list from roster.County up
	// (each list's [List.PriorityLevel]).
	Post roster.Level
	// CityGrade and CityScore are the grade and score under the city's
	// policy, which rank the candidate on the city list, when another
	// policy gave Grade and Score: a county-district scores its people
	// under its own overlay, and scores of two counties are not
	// comparable, so the city list ranks everyone by the city's policy
	// and a county list by the county's. The zero CityGrade means one
	// policy assessed the person: the city list ranks by Grade and
	// Score. CityGrade D keeps the candidate off the city list (the
	// city's policy grades it D or does not qualify it) and leaves it
	// free for its county's.
	CityGrade evaluate.Grade
	CityScore decimal.Decimal
	// Incumbent is the id of the list the person sat on before (the
	// previous round's), "" for none. It counts only when the order has
	// [ByIncumbent], and only on that list; it must name a list of the
	// rules. [Round] fills it from the previous registry.
	Incumbent string
}

// On returns the grade and the score that rank c on a list of tier t:
// CityGrade and CityScore on the city list when CityGrade is given,
// else Grade and Score.
func (c Candidate) On(t Tier) (evaluate.Grade, decimal.Decimal) {
	if t == City && c.CityGrade != 0 {
		return c.CityGrade, c.CityScore
	}
	return c.Grade, c.Score
}

// Priority reports whether c holds a post at or above l's priority level.
func (c Candidate) Priority(l List) bool {
	return l.PriorityLevel != 0 && c.Post != 0 && c.Post >= l.PriorityLevel
}

// Result is the outcome of [Select]: each list, and each candidate's
// outcome. It is a plain value.
type Result struct {
	// Lists are the lists in the order they were chosen: the city list
	// first, then the county-district lists in the order of the rules.
	Lists []ListResult
	// Outcomes has one entry per candidate, sorted by registration number.
	Outcomes []Outcome
}

// Outcome is where one candidate ended up.
type Outcome struct {
	Key string
	// Lists are the ids of the lists the candidate sits on, in the order
	// they were chosen: none, one, or (without Rules.OneList) two.
	Lists []string
	// Reason is the reason of the first admission; for a candidate on no
	// list, the reason it was held back from the last list that
	// considered it (its county-district's, else the city's).
	Reason Reason
}

// Outcome returns the outcome of the candidate with registration number key.
func (r *Result) Outcome(key string) (Outcome, bool) {
	i, ok := slices.BinarySearchFunc(r.Outcomes, key, func(o Outcome, k string) int { return strings.Compare(o.Key, k) })
	if !ok {
		return Outcome{}, false
	}
	return r.Outcomes[i], true
}

// ListResult is one list: who was admitted, who was held back and why,
// where the line fell, and how each group fared.
type ListResult struct {
	List List
	// Considered counts the candidates of the list's scope: the whole
	// city, or the unit's.
	Considered int
	// Eligible counts those ranked: of a listed grade and, under
	// Rules.OneList, not on the city list.
	Eligible int
	// Admitted are best first.
	Admitted []Admission
	// HeldBack are every other candidate of the scope: the ranked ones by
	// rank, then the unranked ones by registration number.
	HeldBack []Entry
	// Short is how many seats stay empty because too few are eligible.
	Short int
	Cut   Cut
	// Groups reports G1 to G4, in that order.
	Groups []GroupCoverage
}

// Admission is a candidate admitted to a list.
type Admission struct {
	Candidate Candidate
	// Rank is the 1-based place in the list's order among the eligible.
	Rank   int
	Reason Reason
}

// Entry is a candidate held back from a list.
type Entry struct {
	Key string
	// Rank is the 1-based place in the list's order; 0 for a candidate
	// not ranked (ReasonGrade, ReasonListed).
	Rank  int
	Group classify.Group
	// Grade is the grade that ranks the candidate on this list
	// ([Candidate.On]).
	Grade  evaluate.Grade
	Reason Reason
}

// Cut describes the line of a list. The rank line falls after the
// min(Quota, Eligible)-th ranked candidate: above it a candidate is
// admitted unless its seat went to group coverage (ReasonReserved),
// below it a candidate is held back unless it takes such a seat
// (ReasonCoverage).
type Cut struct {
	// Score is the lowest admitted score (the 分数线), of the scores that
	// rank on this list ([Candidate.On]); zero when no one is admitted.
	Score decimal.Decimal
	// Last is the registration number of the last candidate above the
	// rank line, Next of the first below it ("" when there is none).
	Last, Next string
	// DecidedBy is the first key of the order on which Last and Next
	// differ: what put Next below the line. Zero when Next is "".
	DecidedBy SortKey
	// Ties are the candidates held back below the line with the same
	// score as Last, by rank, each with the key that put it below.
	Ties []Tie
}

// Tie is a candidate held back with the score of the last one above the line.
type Tie struct {
	Key       string
	DecidedBy SortKey
}

// GroupCoverage is how one group fared on a list.
type GroupCoverage struct {
	Group classify.Group
	// Minimum is the declared minimum ([List.Minimum]).
	Minimum int
	// Eligible counts the group's eligible candidates; the minimum
	// applied is min(Minimum, Eligible).
	Eligible int
	Admitted int
	// CoverageSeats counts those admitted below the rank line to meet
	// the minimum (ReasonCoverage).
	CoverageSeats int
	// Short is Minimum − Admitted when positive: the group has too few
	// eligible candidates to reach its minimum.
	Short int
}

// Select chooses every list of rules from candidates, the city list first.
// It returns an error only for invalid rules or candidates, listing every
// fault as an [*Error] joined by [errors.Join]; a shortfall is reported
// in the result. Select is safe for concurrent use; it does not change
// rules or candidates, and its result does not depend on their order.
func Select(rules Rules, candidates []Candidate) (*Result, error) {
	p, errs := compile(rules)
	if len(candidates) > maxCandidates {
		errs = append(errs, &Error{Field: "候选人", Message: bilingual(
			fmt.Sprintf("超过 %d 人", maxCandidates), fmt.Sprintf("more than %d candidates", maxCandidates)), Err: ErrInvalid})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s := newRun(p, candidates)
	if errs := s.check(); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s.prepare()
	return s.selectAll(), nil
}
