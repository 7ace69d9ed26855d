package tier

import (
	"errors"
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
	Group roster.Group
	Grade roster.Grade
	// Score is the comprehensive evaluation score, exact.
	Score decimal.Decimal
	// Post is the highest level of the person's NPC or CPPCC seat or
	// leading post in a united-front or social organisation; the zero
	// value means none. One level serves every list: the city list gives
	// priority from roster.City up, a county list from roster.County up
	// (each list's [List.PriorityLevel]).
	Post roster.Level
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
	Key   string
	Group roster.Group
	Grade roster.Grade
	// Rank is the 1-based place in the list's order; 0 for a candidate
	// not ranked (ReasonGrade, ReasonListed).
	Rank   int
	Reason Reason
}

// Cut describes the line of a list. The rank line falls after the
// min(Quota, Eligible)-th ranked candidate: above it a candidate is
// admitted unless its seat went to group coverage (ReasonReserved),
// below it a candidate is held back unless it takes such a seat
// (ReasonCoverage).
type Cut struct {
	// Score is the lowest admitted score (the 分数线); zero when no one
	// is admitted.
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
	Group roster.Group
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
	s := newRun(p, candidates)
	errs = append(errs, s.check()...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s.normalizeScores()
	res := &Result{Lists: make([]ListResult, 0, len(p.lists))}
	buckets := s.buckets()
	for n, li := range p.lists {
		res.Lists = append(res.Lists, s.choose(rules.Lists[li], buckets[n]))
	}
	res.Outcomes = make([]Outcome, len(candidates))
	for n, i := range s.byKey {
		res.Outcomes[n] = s.out[i]
	}
	return res, nil
}

// fact is what the order reads of one candidate, packed small.
type fact struct {
	score   uint64 // monotone in the score: higher is better
	keyRank uint32 // place in registration-number order
	grade   uint8
	post    uint8
}

type run struct {
	p      *plan
	cands  []Candidate
	byKey  []int32 // candidate indexes by registration number
	facts  []fact
	out    []Outcome // by candidate index
	listed []bool    // admitted to a list already
}

func newRun(p *plan, cands []Candidate) *run {
	s := &run{p: p, cands: cands}
	s.byKey = make([]int32, len(cands))
	for i := range s.byKey {
		s.byKey[i] = int32(i)
	}
	slices.SortFunc(s.byKey, func(a, b int32) int {
		if c := strings.Compare(cands[a].Key, cands[b].Key); c != 0 {
			return c
		}
		return int(a - b) // duplicates: report in input order
	})
	return s
}

func candErr(key, field, zh, en string, cause error) *Error {
	return &Error{Key: key, Field: field, Message: bilingual(zh, en), Err: cause}
}

// check finds every fault of the candidates, by registration number.
func (s *run) check() []error {
	var errs []error
	for n, i := range s.byKey {
		c := &s.cands[i]
		if c.Key == "" {
			errs = append(errs, &Error{Index: int(i) + 1, Field: "登记编号", Message: bilingual("不能为空", "registration number is empty"), Err: ErrInvalid})
			continue
		}
		if n > 0 && s.cands[s.byKey[n-1]].Key == c.Key {
			if n == 1 || s.cands[s.byKey[n-2]].Key != c.Key {
				errs = append(errs, candErr(c.Key, "登记编号", "重复", "registration number given twice", ErrDuplicate))
			}
			continue
		}
		if !c.Group.Valid() {
			errs = append(errs, candErr(c.Key, "群体", "未填或未知", "group missing or unknown", ErrInvalid))
		}
		if !c.Grade.Valid() {
			errs = append(errs, candErr(c.Key, "综合评价等次", "未填或未知", "grade missing or unknown", ErrInvalid))
		}
		if c.Post != 0 && !c.Post.Valid() {
			errs = append(errs, candErr(c.Key, "职务级别", "未知", "post level unknown", ErrInvalid))
		}
		if len(s.p.units) > 0 {
			if _, ok := s.p.units[c.Unit]; !ok {
				errs = append(errs, candErr(c.Key, "县区", "“"+c.Unit+"”没有县区级名单", "unit has no county-district list", ErrUnknownUnit))
			}
		}
	}
	return errs
}

// normalizeScores maps every score to a uint64 that orders as the scores
// do and is equal exactly when they are: the coefficients brought to the
// smallest exponent when they fit in 18 digits (the usual case), else the
// place among the distinct scores.
func (s *run) normalizeScores() {
	s.facts = make([]fact, len(s.cands))
	s.out = make([]Outcome, len(s.cands))
	s.listed = make([]bool, len(s.cands))
	for n, i := range s.byKey {
		c := &s.cands[i]
		s.facts[i] = fact{keyRank: uint32(n), grade: uint8(c.Grade), post: uint8(c.Post)}
		s.out[i].Key = c.Key
	}
	if len(s.cands) == 0 {
		return
	}
	minExp := s.cands[0].Score.Exponent()
	fits := true
	for i := range s.cands {
		d := s.cands[i].Score
		minExp = min(minExp, d.Exponent())
		if d.NumDigits() > 18 {
			fits = false
		}
	}
	if fits {
		for i := range s.cands {
			d := s.cands[i].Score
			shift := int(d.Exponent() - minExp)
			if d.NumDigits()+shift > 18 {
				fits = false
				break
			}
			v := d.CoefficientInt64()
			for range shift {
				v *= 10
			}
			s.facts[i].score = uint64(v) ^ 1<<63 // order int64 as uint64
		}
	}
	if fits {
		return
	}
	idx := make([]int32, len(s.cands))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return s.cands[a].Score.Cmp(s.cands[b].Score) })
	var place uint64
	for n, i := range idx {
		if n > 0 && !s.cands[i].Score.Equal(s.cands[idx[n-1]].Score) {
			place++
		}
		s.facts[i].score = place
	}
}

// buckets gives each list of the plan its scope, in registration-number
// order.
func (s *run) buckets() [][]int32 {
	out := make([][]int32, len(s.p.lists))
	at := map[int]int{} // rules.Lists index → plan position
	for n, li := range s.p.lists {
		at[li] = n
	}
	hasCity := len(s.p.lists) > 0 && s.p.rules.Lists[s.p.lists[0]].Unit == ""
	if hasCity {
		out[0] = s.byKey
	}
	if len(s.p.units) == 0 {
		return out
	}
	for _, i := range s.byKey {
		n := at[s.p.units[s.cands[i].Unit]]
		out[n] = append(out[n], i)
	}
	return out
}

// item is a ranked candidate: (hi, lo) is its place in the order as one
// 128-bit number, smaller first.
type item struct {
	hi, lo uint64
	i      int32
}

func push(hi, lo, v uint64, w uint) (uint64, uint64) {
	if w == 64 {
		return lo, v
	}
	return hi<<w | lo>>(64-w), lo<<w | v
}

// pack places candidate i in the order for a list whose priority level
// is lvl. Widths: priority 1, grade 3, post 3, score 64, key 32 bits.
func (s *run) pack(i int32, lvl roster.Level) item {
	f := &s.facts[i]
	var hi, lo uint64
	for _, k := range s.p.rules.Order {
		switch k {
		case ByPriority:
			v := uint64(1)
			if lvl != 0 && f.post != 0 && f.post >= uint8(lvl) {
				v = 0
			}
			hi, lo = push(hi, lo, v, 1)
		case ByGrade:
			hi, lo = push(hi, lo, uint64(f.grade), 3)
		case ByPost:
			hi, lo = push(hi, lo, uint64(7-f.post), 3)
		case ByScore:
			hi, lo = push(hi, lo, ^f.score, 64)
		case ByKey:
			hi, lo = push(hi, lo, uint64(f.keyRank), 32)
		}
	}
	return item{hi: hi, lo: lo, i: i}
}

func cmpItem(a, b item) int {
	switch {
	case a.hi != b.hi:
		if a.hi < b.hi {
			return -1
		}
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

// decidedBy returns the first key of the order on which a and b differ.
func (s *run) decidedBy(a, b int32, l List) SortKey {
	fa, fb := &s.facts[a], &s.facts[b]
	for _, k := range s.p.rules.Order {
		switch k {
		case ByPriority:
			if s.cands[a].Priority(l) != s.cands[b].Priority(l) {
				return k
			}
		case ByGrade:
			if fa.grade != fb.grade {
				return k
			}
		case ByPost:
			if fa.post != fb.post {
				return k
			}
		case ByScore:
			if fa.score != fb.score {
				return k
			}
		case ByKey:
			return k
		}
	}
	return ByKey
}

// choose fills list l from scope, the candidates of its unit (or of the
// city) in registration-number order. See the package documentation for
// the algorithm and why it is the best admitted set.
func (s *run) choose(l List, scope []int32) ListResult {
	lr := ListResult{List: l, Considered: len(scope), Groups: make([]GroupCoverage, len(groups))}
	var unranked []Entry
	ranked := make([]item, 0, len(scope))
	var avail [roster.G4 + 1]int
	for _, i := range scope {
		c := &s.cands[i]
		switch {
		case s.p.rules.OneList && s.listed[i]:
			unranked = append(unranked, Entry{Key: c.Key, Group: c.Group, Grade: c.Grade, Reason: ReasonListed})
		case !s.p.eligible[c.Grade]:
			unranked = append(unranked, Entry{Key: c.Key, Group: c.Group, Grade: c.Grade, Reason: ReasonGrade})
			s.hold(i, ReasonGrade)
		default:
			ranked = append(ranked, s.pack(i, l.PriorityLevel))
			avail[c.Group]++
		}
	}
	slices.SortFunc(ranked, cmpItem)
	n := len(ranked)
	k := min(l.Quota, n)
	lr.Eligible, lr.Short = n, max(l.Quota-n, 0)

	// need[g] is the minimum of g still to meet, outstanding their sum,
	// seats the seats still free.
	var need [roster.G4 + 1]int
	outstanding := 0
	for gi, g := range groups {
		m := l.Minimum(g)
		need[g] = min(m, avail[g])
		outstanding += need[g]
		lr.Groups[gi] = GroupCoverage{Group: g, Minimum: m, Eligible: avail[g]}
	}
	seats := k
	in := make([]bool, n) // in[r]: the r-th ranked is admitted
	lr.Admitted = make([]Admission, 0, k)
	lr.HeldBack = make([]Entry, 0, len(scope)-k)
	for r, it := range ranked {
		c := &s.cands[it.i]
		g := c.Group
		admit := false
		if seats > 0 {
			if need[g] > 0 {
				need[g]--
				outstanding--
				admit = true
			} else if seats > outstanding {
				admit = true
			}
		}
		if admit {
			in[r] = true
			seats--
			reason := ReasonRank
			switch {
			case r >= k:
				reason = ReasonCoverage
				lr.Groups[g-1].CoverageSeats++
			case c.Priority(l):
				reason = ReasonPriority
			}
			lr.Groups[g-1].Admitted++
			lr.Admitted = append(lr.Admitted, Admission{Candidate: *c, Rank: r + 1, Reason: reason})
			s.admit(it.i, l.ID, reason)
			continue
		}
		reason := ReasonQuota
		if r < k {
			reason = ReasonReserved
		}
		lr.HeldBack = append(lr.HeldBack, Entry{Key: c.Key, Group: g, Grade: c.Grade, Rank: r + 1, Reason: reason})
		s.hold(it.i, reason)
	}
	lr.HeldBack = append(lr.HeldBack, unranked...)
	for gi := range lr.Groups {
		gc := &lr.Groups[gi]
		gc.Short = max(gc.Minimum-gc.Admitted, 0)
	}
	lr.Cut = s.cut(l, ranked, in, k, lr.Admitted)
	return lr
}

func (s *run) admit(i int32, list string, r Reason) {
	o := &s.out[i]
	if len(o.Lists) == 0 {
		o.Reason = r
	}
	o.Lists = append(o.Lists, list)
	s.listed[i] = true
}

func (s *run) hold(i int32, r Reason) {
	if !s.listed[i] {
		s.out[i].Reason = r
	}
}

func (s *run) cut(l List, ranked []item, in []bool, k int, admitted []Admission) Cut {
	var c Cut
	if len(admitted) > 0 {
		low := admitted[0]
		for _, a := range admitted[1:] {
			if a.Candidate.Score.LessThan(low.Candidate.Score) {
				low = a
			}
		}
		c.Score = low.Candidate.Score
	}
	if k == 0 {
		return c
	}
	last := ranked[k-1].i
	c.Last = s.cands[last].Key
	if k == len(ranked) {
		return c
	}
	next := ranked[k].i
	c.Next = s.cands[next].Key
	c.DecidedBy = s.decidedBy(last, next, l)
	for r, it := range ranked[k:] {
		if s.facts[it.i].score == s.facts[last].score && !in[k+r] {
			c.Ties = append(c.Ties, Tie{Key: s.cands[it.i].Key, DecidedBy: s.decidedBy(last, it.i, l)})
		}
	}
	return c
}
