package tier

import (
	"cmp"
	"encoding/binary"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"

	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// The engine turns a list's order into one uint64 per candidate, so that
// ranking a million candidates is a radix sort of machine words, never a
// comparison of decimals or strings. Everything it keeps per candidate
// is indexed by the candidate's place in registration-number order
// ("pos"), which is also the last key of every order; the input is read
// in its own order, once.

// maxCandidates keeps every packed order within 64 bits: 8 bits of
// incumbency, priority, grade and post, and at most 28 bits each for the score's
// place and pos.
const maxCandidates = 1 << 28

// fact is what a list reads of one candidate.
type fact struct {
	score uint64 // best score 0; equal exactly when the scores are
	unit  int32  // plan position of the candidate's county list, -1 none
	inc   int32  // plan position of the list the candidate sat on, -1 none
	group classify.Group
	grade evaluate.Grade
	post  roster.Level
	// cityScore and cityGrade rank the candidate on the city list
	// ([Candidate.On]); they equal score and grade when one policy
	// assessed the candidate.
	cityScore uint64
	cityGrade evaluate.Grade
}

// on returns the grade and the score of f on the city list or on a
// county's.
func (f *fact) on(city bool) (evaluate.Grade, uint64) {
	if city {
		return f.cityGrade, f.cityScore
	}
	return f.grade, f.score
}

type run struct {
	p     *plan
	cands []Candidate
	byKey []int32 // candidate index at each pos
	posOf []int32 // pos of each candidate index
	dup   []uint8 // by pos: 1 for a key's second copy, 2 for later ones; nil when none

	facts  []fact   // by pos
	keys   []string // by pos
	order  []uint64 // by pos: packed order, priority bit clear
	city   []uint64 // by pos: packed order on the city list; nil when it is order
	two    bool     // some candidate has a CityGrade
	reason []Reason // by pos: the outcome's reason so far
	listed []bool   // by pos: admitted to a list already
	prio   uint64   // the priority bit of the packed order
	inc    uint64   // the incumbent bit of the packed order
	width  [7]uint  // bits of each SortKey
	shift  [7]uint  // offset of each SortKey
	posMax uint64   // mask of pos in the packed order
	scores []uint64 // normalised scores by pos, before compression
	exps   []int32  // exponents by pos, while normalising
	cscore []uint64 // the same for the city scores, when two
	cexps  []int32
	errPos []posErrs // candidate faults, by pos
}

type posErrs struct {
	pos  int32
	errs []error
}

// keyed is a registration number cut into its first 16 bytes, which
// decide almost every comparison without reading the string.
type keyed struct {
	p0, p1 uint64
	i      int32
}

func newRun(p *plan, cands []Candidate) *run {
	s := &run{p: p, cands: cands}
	ks := make([]keyed, len(cands))
	for i := range cands {
		var b [16]byte
		copy(b[:], cands[i].Key)
		ks[i] = keyed{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), int32(i)}
	}
	byKey := func(a, b keyed) int {
		if c := cmp.Compare(a.p0, b.p0); c != 0 {
			return c
		}
		if c := cmp.Compare(a.p1, b.p1); c != 0 {
			return c
		}
		if c := strings.Compare(cands[a.i].Key, cands[b.i].Key); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i) // duplicates: report in input order
	}
	parallelSort(ks, byKey)
	s.byKey = make([]int32, len(cands))
	s.posOf = make([]int32, len(cands))
	for pos, k := range ks {
		s.byKey[pos] = k.i
		s.posOf[k.i] = int32(pos)
		if pos > 0 && k.p0 == ks[pos-1].p0 && k.p1 == ks[pos-1].p1 && cands[k.i].Key == cands[ks[pos-1].i].Key {
			if s.dup == nil {
				s.dup = make([]uint8, len(cands))
			}
			s.dup[pos] = s.dup[pos-1] + 1 // 1 for the second, 2 for later ones
			s.dup[pos] = min(s.dup[pos], 2)
		}
	}
	return s
}

// parallelSort sorts halves of a on two goroutines, when there are two
// processors and enough to sort, and merges them. The result is the one
// total order whatever the scheduling: cmp never returns 0 for distinct
// elements.
func parallelSort[T any](a []T, cmp func(a, b T) int) {
	if len(a) < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(a, cmp)
		return
	}
	mid := len(a) / 2
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(a[:mid], cmp) })
	slices.SortFunc(a[mid:], cmp)
	wg.Wait()
	merged := make([]T, 0, len(a))
	i, j := 0, mid
	for i < mid && j < len(a) {
		if cmp(a[j], a[i]) < 0 {
			merged = append(merged, a[j])
			j++
		} else {
			merged = append(merged, a[i])
			i++
		}
	}
	merged = append(merged, a[i:mid]...)
	merged = append(merged, a[j:]...)
	copy(a, merged)
}

func candErr(key, field, zh, en string, cause error) *Error {
	return &Error{Key: key, Field: field, Message: bilingual(zh, en), Err: cause}
}

// check reads every candidate once, in input order: it finds every fault,
// reported by registration number, and gathers the facts.
func (s *run) check() []error {
	n := len(s.cands)
	s.facts = make([]fact, n)
	s.keys = make([]string, n)
	s.scores = make([]uint64, n)
	s.exps = make([]int32, n)
	at := make(map[int]int32, len(s.p.lists)) // rules.Lists index → plan position
	for n, li := range s.p.lists {
		at[li] = int32(n)
	}
	lastUnit, lastAt := "", int32(-1)
	for i := range s.cands {
		c := &s.cands[i]
		pos := s.posOf[i]
		var errs []error
		if c.Key == "" {
			errs = append(errs, &Error{Index: i + 1, Field: "登记编号", Message: bilingual("不能为空", "registration number is empty"), Err: ErrInvalid})
		} else if s.dup != nil && s.dup[pos] > 0 {
			if s.dup[pos] == 1 {
				errs = append(errs, candErr(c.Key, "登记编号", "重复", "registration number given twice", ErrDuplicate))
			}
			s.errPos = append(s.errPos, posErrs{pos, errs})
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
		if c.CityGrade != 0 && !c.CityGrade.Valid() {
			errs = append(errs, candErr(c.Key, "市级综合评价等次", "未知", "city grade unknown", ErrInvalid))
		}
		unit := int32(-1)
		if len(s.p.units) > 0 {
			if c.Unit == lastUnit && lastAt >= 0 {
				unit = lastAt
			} else if li, ok := s.p.units[c.Unit]; ok {
				unit = at[li]
				lastUnit, lastAt = c.Unit, unit
			} else {
				errs = append(errs, candErr(c.Key, "县区", "“"+c.Unit+"”没有县区级名单", "unit has no county-district list", ErrUnknownUnit))
			}
		}
		inc := int32(-1)
		if c.Incumbent != "" {
			if n, ok := s.p.ids[c.Incumbent]; ok {
				inc = n
			} else {
				errs = append(errs, candErr(c.Key, "原名单", "“"+c.Incumbent+"”不是本规则的名单", "incumbent list is not one of the rules", ErrUnknownUnit))
			}
		}
		if len(errs) > 0 {
			s.errPos = append(s.errPos, posErrs{pos, errs})
			continue
		}
		cg, _ := c.On(City)
		s.facts[pos] = fact{unit: unit, inc: inc, group: c.Group, grade: c.Grade, post: c.Post, cityGrade: cg}
		s.keys[pos] = c.Key
		s.exps[pos], s.scores[pos] = coefficient(c.Score)
		if c.CityGrade != 0 && !s.two {
			s.two = true
			s.cscore, s.cexps = slices.Clone(s.scores), slices.Clone(s.exps) // so far, the same
		}
		if s.two {
			_, cs := c.On(City)
			s.cexps[pos], s.cscore[pos] = coefficient(cs)
		}
	}
	slices.SortFunc(s.errPos, func(a, b posErrs) int { return cmp.Compare(a.pos, b.pos) })
	var all []error
	for _, e := range s.errPos {
		all = append(all, e.errs...)
	}
	return all
}

// coefficient splits d into its exponent and coefficient, or marks it
// bigScore when the coefficient has more than 18 digits.
func coefficient(d decimal.Decimal) (int32, uint64) {
	if d.NumDigits() > 18 {
		return bigScore, 0
	}
	return d.Exponent(), uint64(d.CoefficientInt64())
}

// bigScore marks, in exps, a score whose coefficient has more than 18
// digits.
const bigScore = 1<<31 - 1

var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// normalizeScores maps every score to a uint64, best 0, that orders as
// the scores do and is equal exactly when they are: the coefficients at
// the smallest exponent when they stay under 10^18 (the usual case), else
// the place among the distinct scores; and the place again when the
// spread would not fit beside pos in 64 bits.
//
// scores and exps are those normalizeScores reads (it overwrites
// scores), score the decimal score of a pos, and set stores the result.
func (s *run) normalizeScores(room uint, scores []uint64, exps []int32, score func(pos int32) decimal.Decimal, set func(pos int, v uint64)) {
	n := len(s.cands)
	if n == 0 {
		return
	}
	minExp := exps[0]
	for _, e := range exps {
		minExp = min(minExp, e)
	}
	fits := true
	for pos, e := range exps {
		v, shift := int64(scores[pos]), int(e-minExp)
		if e == bigScore || shift > 18 || v >= pow10[18-shift] || v <= -pow10[18-shift] {
			fits = false
			break
		}
		scores[pos] = uint64(v*pow10[shift]) ^ 1<<63 // order int64 as uint64
	}
	if fits {
		hi, lo := scores[0], scores[0]
		for _, v := range scores {
			hi, lo = max(hi, v), min(lo, v)
		}
		if uint(bits.Len64(hi-lo)) <= room {
			for pos, v := range scores {
				set(pos, hi-v)
			}
			return
		}
	}
	// The place among distinct scores, best 0.
	idx := make([]int32, n)
	for pos := range idx {
		idx[pos] = int32(pos)
	}
	if fits {
		slices.SortFunc(idx, func(a, b int32) int { return cmp.Compare(scores[b], scores[a]) })
	} else {
		slices.SortFunc(idx, func(a, b int32) int { return score(b).Cmp(score(a)) })
	}
	var place uint64
	for r, pos := range idx {
		if r > 0 {
			prev := idx[r-1]
			if fits && scores[pos] != scores[prev] || !fits && !score(pos).Equal(score(prev)) {
				place++
			}
		}
		set(int(pos), place)
	}
}

// prepare packs, once the candidates are valid, each candidate's place in
// the declared order into one uint64, most significant key first, with
// the priority bit clear.
func (s *run) prepare() {
	n := len(s.cands)
	posBits := uint(bits.Len(uint(max(n-1, 0))))
	var fixed uint
	for _, k := range s.p.rules.Order {
		switch k {
		case ByPriority, ByIncumbent:
			s.width[k] = 1
		case ByGrade, ByPost:
			s.width[k] = 3
		case ByKey:
			s.width[k] = posBits
		}
		fixed += s.width[k]
	}
	room := 64 - fixed
	if !slices.Contains(s.p.rules.Order, ByScore) {
		room = 64
	}
	cand := func(pos int32) *Candidate { return &s.cands[s.byKey[pos]] }
	s.normalizeScores(room, s.scores, s.exps, func(pos int32) decimal.Decimal { return cand(pos).Score },
		func(pos int, v uint64) { s.facts[pos].score = v })
	if s.two {
		s.normalizeScores(room, s.cscore, s.cexps, func(pos int32) decimal.Decimal { _, d := cand(pos).On(City); return d },
			func(pos int, v uint64) { s.facts[pos].cityScore = v })
	} else {
		for pos := range s.facts {
			s.facts[pos].cityScore = s.facts[pos].score
		}
	}
	var top uint64
	for _, f := range s.facts {
		top = max(top, f.score, f.cityScore)
	}
	if slices.Contains(s.p.rules.Order, ByScore) {
		s.width[ByScore] = uint(bits.Len64(top))
	}
	var off uint
	for _, k := range slices.Backward(s.p.rules.Order) {
		s.shift[k] = off
		off += s.width[k]
	}
	if slices.Contains(s.p.rules.Order, ByPriority) {
		s.prio = 1 << s.shift[ByPriority]
	}
	if slices.Contains(s.p.rules.Order, ByIncumbent) {
		s.inc = 1 << s.shift[ByIncumbent]
	}
	s.posMax = 1<<posBits - 1
	pack := func(pos int, grade evaluate.Grade, score uint64) uint64 {
		return uint64(grade)<<s.shift[ByGrade]&s.mask(ByGrade) |
			uint64(7-s.facts[pos].post)<<s.shift[ByPost]&s.mask(ByPost) |
			score<<s.shift[ByScore]&s.mask(ByScore) |
			uint64(pos)
	}
	s.order = make([]uint64, n)
	for pos, f := range s.facts {
		s.order[pos] = pack(pos, f.grade, f.score)
	}
	if s.two {
		s.city = make([]uint64, n)
		for pos, f := range s.facts {
			s.city[pos] = pack(pos, f.cityGrade, f.cityScore)
		}
	}
	s.scores, s.exps, s.cscore, s.cexps = nil, nil, nil, nil
	s.reason = make([]Reason, n)
	s.listed = make([]bool, n)
}

// mask is the bits of key k in the packed order; none when the order
// does not name k.
func (s *run) mask(k SortKey) uint64 {
	if s.width[k] == 0 {
		return 0
	}
	return (1<<s.width[k] - 1) << s.shift[k]
}

// selectAll chooses the city list, then the county-district lists, which
// draw on disjoint candidates and so are chosen two at a time; each
// writes only its own slot and its own candidates.
func (s *run) selectAll() *Result {
	scopes := s.scopes()
	res := &Result{Lists: make([]ListResult, len(s.p.lists))}
	admitted := make([][]int32, len(s.p.lists))
	first := 0
	if len(s.p.lists) > 0 && s.p.rules.Lists[s.p.lists[0]].Unit == "" {
		res.Lists[0], admitted[0] = s.choose(0, scopes[0])
		first = 1
	}
	var next atomic.Int32
	next.Store(int32(first))
	work := func() {
		for n := int(next.Add(1) - 1); n < len(s.p.lists); n = int(next.Add(1) - 1) {
			res.Lists[n], admitted[n] = s.choose(n, scopes[n])
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(s.p.lists)-first) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()

	res.Outcomes = make([]Outcome, len(s.keys))
	for pos, key := range s.keys {
		res.Outcomes[pos] = Outcome{Key: key, Reason: s.reason[pos]}
	}
	for n, poss := range admitted {
		for _, pos := range poss {
			o := &res.Outcomes[pos]
			o.Lists = append(o.Lists, s.p.rules.Lists[s.p.lists[n]].ID)
		}
	}
	return res
}

// scopes gives each list of the plan the positions of its candidates,
// ascending: every one for the city list, the unit's for a county's.
func (s *run) scopes() [][]int32 {
	out := make([][]int32, len(s.p.lists))
	if len(s.p.lists) > 0 && s.p.rules.Lists[s.p.lists[0]].Unit == "" {
		all := make([]int32, len(s.facts))
		for pos := range all {
			all[pos] = int32(pos)
		}
		out[0] = all
	}
	if len(s.p.units) == 0 {
		return out
	}
	count := make([]int, len(s.p.lists))
	for _, f := range s.facts {
		count[f.unit]++
	}
	for n := range out {
		if s.p.rules.Lists[s.p.lists[n]].Unit != "" {
			out[n] = make([]int32, 0, count[n])
		}
	}
	for pos, f := range s.facts {
		out[f.unit] = append(out[f.unit], int32(pos))
	}
	return out
}

func priority(post, lvl roster.Level) bool { return lvl != 0 && post != 0 && post >= lvl }

// decidedBy returns the first key of the order on which a and b differ
// on the list at plan position n.
func (s *run) decidedBy(a, b int32, n int) SortKey {
	l := s.p.rules.Lists[s.p.lists[n]]
	fa, fb := &s.facts[a], &s.facts[b]
	ga, sa := fa.on(l.Unit == "")
	gb, sb := fb.on(l.Unit == "")
	for _, k := range s.p.rules.Order {
		switch k {
		case ByIncumbent:
			if (fa.inc == int32(n)) != (fb.inc == int32(n)) {
				return k
			}
		case ByPriority:
			if priority(fa.post, l.PriorityLevel) != priority(fb.post, l.PriorityLevel) {
				return k
			}
		case ByGrade:
			if ga != gb {
				return k
			}
		case ByPost:
			if fa.post != fb.post {
				return k
			}
		case ByScore:
			if sa != sb {
				return k
			}
		}
	}
	return ByKey
}

// choose fills list l from scope, the positions of the candidates of its
// unit (or of the city), ascending, and returns the positions admitted.
// See the package documentation for the algorithm and why it gives the
// best admitted set.
func (s *run) choose(n int, scope []int32) (ListResult, []int32) {
	l := s.p.rules.Lists[s.p.lists[n]]
	city := l.Unit == ""
	order := s.order
	if city && s.city != nil {
		order = s.city
	}
	lr := ListResult{List: l, Considered: len(scope), Groups: make([]GroupCoverage, len(groups))}
	var unranked []int32 // held back unranked: listed already, or of a grade not listed
	ranked := make([]uint64, 0, len(scope))
	var avail [classify.G4 + 1]int
	for _, pos := range scope {
		f := &s.facts[pos]
		grade, _ := f.on(city)
		switch {
		case s.p.rules.OneList && s.listed[pos], !s.p.eligible[grade]:
			unranked = append(unranked, pos)
		default:
			o := order[pos]
			if !priority(f.post, l.PriorityLevel) {
				o |= s.prio
			}
			if f.inc != int32(n) {
				o |= s.inc
			}
			ranked = append(ranked, o)
			avail[f.group]++
		}
	}
	ranked = radixSort(ranked)
	k := min(l.Quota, len(ranked))
	lr.Eligible, lr.Short = len(ranked), max(l.Quota-len(ranked), 0)

	// need[g] is the minimum of g still to meet, outstanding their sum,
	// seats the seats still free.
	var need [classify.G4 + 1]int
	outstanding := 0
	for gi, g := range groups {
		m := l.Minimum(g)
		need[g] = min(m, avail[g])
		outstanding += need[g]
		lr.Groups[gi] = GroupCoverage{Group: g, Minimum: m, Eligible: avail[g]}
	}
	seats := k
	in := make([]bool, len(ranked)) // in[r]: the r-th ranked is admitted
	var admitted []int32
	lr.Admitted = make([]Admission, 0, k)
	lr.HeldBack = make([]Entry, 0, len(scope)-k)
	for r, o := range ranked {
		pos := int32(o & s.posMax)
		f := &s.facts[pos]
		g := f.group
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
			case s.inc != 0 && f.inc == int32(n):
				reason = ReasonIncumbent
			case priority(f.post, l.PriorityLevel):
				reason = ReasonPriority
			}
			lr.Groups[g-1].Admitted++
			lr.Admitted = append(lr.Admitted, Admission{Candidate: s.cands[s.byKey[pos]], Rank: r + 1, Reason: reason})
			admitted = append(admitted, pos)
			if !s.listed[pos] {
				s.reason[pos] = reason
			}
			s.listed[pos] = true
			continue
		}
		reason := ReasonQuota
		if r < k {
			reason = ReasonReserved
		}
		grade, _ := f.on(city)
		lr.HeldBack = append(lr.HeldBack, Entry{Key: s.keys[pos], Group: g, Grade: grade, Rank: r + 1, Reason: reason})
		s.hold(pos, reason)
	}
	for _, pos := range unranked {
		f := &s.facts[pos]
		reason := ReasonGrade
		if s.p.rules.OneList && s.listed[pos] {
			reason = ReasonListed
		}
		grade, _ := f.on(city)
		lr.HeldBack = append(lr.HeldBack, Entry{Key: s.keys[pos], Group: f.group, Grade: grade, Reason: reason})
		s.hold(pos, reason)
	}
	for gi := range lr.Groups {
		gc := &lr.Groups[gi]
		gc.Short = max(gc.Minimum-gc.Admitted, 0)
	}
	lr.Cut = s.cut(n, ranked, in, k, lr.Admitted)
	return lr, admitted
}

func (s *run) hold(pos int32, r Reason) {
	if !s.listed[pos] {
		s.reason[pos] = r
	}
}

func (s *run) cut(n int, ranked []uint64, in []bool, k int, admitted []Admission) Cut {
	var c Cut
	tier := County
	if s.p.rules.Lists[s.p.lists[n]].Unit == "" {
		tier = City
	}
	if len(admitted) > 0 {
		_, c.Score = admitted[0].Candidate.On(tier)
		for _, a := range admitted[1:] {
			if _, sc := a.Candidate.On(tier); sc.LessThan(c.Score) {
				c.Score = sc
			}
		}
	}
	if k == 0 {
		return c
	}
	last := int32(ranked[k-1] & s.posMax)
	c.Last = s.keys[last]
	if k == len(ranked) {
		return c
	}
	next := int32(ranked[k] & s.posMax)
	c.Next = s.keys[next]
	c.DecidedBy = s.decidedBy(last, next, n)
	_, lastScore := s.facts[last].on(tier == City)
	for r, o := range ranked[k:] {
		if pos := int32(o & s.posMax); !in[k+r] {
			if _, sc := s.facts[pos].on(tier == City); sc != lastScore {
				continue
			}
			c.Ties = append(c.Ties, Tie{Key: s.keys[pos], DecidedBy: s.decidedBy(last, pos, n)})
		}
	}
	return c
}

// radixSort sorts a ascending, 8 bits at a time from the least
// significant, skipping the bytes on which every value agrees.
func radixSort(a []uint64) []uint64 {
	if len(a) < 256 {
		slices.Sort(a)
		return a
	}
	var count [8][256]int
	for _, v := range a {
		for d := range 8 {
			count[d][byte(v>>(8*d))]++
		}
	}
	buf := make([]uint64, len(a))
	for d := range 8 {
		c := &count[d]
		if c[byte(a[0]>>(8*d))] == len(a) {
			continue
		}
		sum := 0
		for b := range c {
			c[b], sum = sum, sum+c[b]
		}
		for _, v := range a {
			b := byte(v >> (8 * d))
			buf[c[b]] = v
			c[b]++
		}
		a, buf = buf, a
	}
	return a
}
