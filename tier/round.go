package tier

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Assessed is one person's assessment in a round, as [Round] reads it:
// what the classification, the qualification and the evaluation
// concluded. The package documentation shows how to fill it from an
// assessment.
type Assessed struct {
	// Key is the registration number; Unit the code of the
	// county-district that keeps the record.
	Key, Unit string
	// Group is the primary group (zero when in none), Secondary the
	// other groups the person fits.
	Group     classify.Group
	Secondary []classify.Group
	Grade     evaluate.Grade
	// Score is the comprehensive evaluation score, exact.
	Score decimal.Decimal
	// CityGrade and CityScore are the grade and score under the city's
	// policy, when the unit's policy (Grade, Score) is another: they rank
	// the person on the city list ([Candidate.CityGrade]). Zero when one
	// policy assessed the person. The registry keeps Grade and Score
	// only: a person carried forward competes for the city list with them.
	CityGrade evaluate.Grade
	CityScore decimal.Decimal
	// Post is the highest level of the person's NPC or CPPCC seat or
	// leading post ([Candidate.Post]).
	Post     roster.Level
	Standing Standing
	// Vetoes are the vetoes that held, each its id and name ("V1
	// 刑事处罚"); Failed the qualification conditions that failed and were
	// not waived, likewise ("Q8 遵纪守法").
	Vetoes, Failed []string
	// Policy and Fingerprint name the policy that assessed the person.
	Policy, Fingerprint string
	// AsOf is the assessment date; it may not be after the round's.
	AsOf roster.Date
}

// Place is where a person is: a seat and, on a list, the list's id. The
// zero Place is not in the database.
type Place struct {
	Seat Seat
	List string
}

// Label returns the place as a clerk reads it: 市级名单 450100,
// 在库未列入名单, or 不在库.
func (p Place) Label() string {
	switch {
	case p.Seat == 0:
		return "不在库"
	case p.List != "":
		return p.Seat.Label() + " " + p.List
	}
	return p.Seat.Label()
}

// Change is what a round did to one person.
type Change struct {
	Key  string
	Kind Kind
	// FromUnit is the person's unit before the round ("" when not in the
	// database), Unit after it (the round's, else the previous).
	FromUnit, Unit string
	// From and To are the places before and after the round.
	From, To Place
	// Basis is why the person is at To; zero when not in the database.
	Basis Basis
	// Cause is why the person left a list (Dropped), left the database
	// (Left), was not entered (Rejected), or, for a person in the database
	// on no list, why no list took them; zero otherwise.
	Cause Cause
	// Detail names the vetoes, conditions or grade of a removal or a
	// rejection.
	Detail []string
	// Carried is CauseUnassessed or CauseUnclassified when the round did
	// not assess the person and the previous assessment was carried
	// forward; zero when the round assessed them.
	Carried Cause
}

// Changes is the change list of a round.
type Changes struct {
	AsOf roster.Date
	// Unit is the county-district that ran the round, "" for the city.
	Unit string
	// Items has one change per person of the round and per person in the
	// database within the round's scope before it, by registration number.
	Items []Change
	// Selection is the selection the round ran: each list's line,
	// shortfalls and group coverage.
	Selection *Result
}

// Count returns the number of changes of kind k.
func (c *Changes) Count(k Kind) int {
	n := 0
	for _, ch := range c.Items {
		if ch.Kind == k {
			n++
		}
	}
	return n
}

// Option changes how [Round] runs.
type Option func(*roundConfig)

type roundConfig struct{ unit string }

// ByUnit runs the round for one county-district, by its code: it chooses
// only the unit's list, reads only the unit's people, and refuses anyone
// else's.
func ByUnit(unit string) Option { return func(c *roundConfig) { c.unit = unit } }

// Round runs one round of dynamic management (动态管理) on prev, the
// registry of the round before (nil for the first), with the rules and
// the round's assessments, on asOf. It returns the new registry and the
// change list; prev is not changed. See the package documentation for
// what happens to whom. It returns an error, and nothing else, for
// rules, assessments or a scope that cannot be used, listing every fault
// as an [*Error] joined with [errors.Join].
func Round(prev *Registry, rules Rules, round []Assessed, asOf roster.Date, opts ...Option) (*Registry, *Changes, error) {
	var cfg roundConfig
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	r := &rounder{prev: prev, asOf: asOf, unit: cfg.unit, rules: rules}
	if errs := r.check(round); len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	res, err := Select(r.used, r.candidates())
	if err != nil {
		return nil, nil, err
	}
	return r.apply(res)
}

type rounder struct {
	prev  *Registry
	asOf  roster.Date
	unit  string
	rules Rules
	used  Rules           // the rules of the lists this round chooses
	lists map[string]List // list id → list, of the used rules
	codes []string        // a county round's unit codes
	round map[string]*Assessed
	keys  []string // every key of the round's scope, sorted
}

func roundErr(field, zh, en string, cause error) *Error {
	return &Error{Place: "本轮", Field: field, Message: bilingual(zh, en), Err: cause}
}

func (r *rounder) check(round []Assessed) []error {
	var errs []error
	if !r.asOf.Valid() || r.asOf.Day == 0 {
		errs = append(errs, roundErr("评价日期", "本轮日期不是有效日期", "the round's date is not a valid date", ErrInvalid))
	} else if r.prev.AsOf().After(r.asOf) {
		errs = append(errs, roundErr("评价日期", "本轮日期早于上一轮 "+r.prev.AsOf().String(), "the round's date is before the last round's, "+r.prev.AsOf().String(), ErrInvalid))
	}
	if !r.rules.OneList {
		errs = append(errs, ruleErr("", "一人一名单", "数据库每人只记一个名单，规则须为一人只列入一个名单", "the registry keeps one list per person: the rules need OneList", ErrInvalid))
	}
	r.used = r.rules
	units := map[string]bool{} // codes with a county list
	for _, l := range r.rules.Lists {
		if l.Unit != "" {
			units[l.Unit] = true
			for _, f := range l.Former {
				units[f] = true
			}
		}
	}
	if r.unit != "" {
		i := slices.IndexFunc(r.rules.Lists, func(l List) bool { return l.Unit == r.unit })
		if i < 0 {
			errs = append(errs, roundErr("县区", "规则中没有 "+r.unit+" 的县区级名单", "the rules have no list for unit "+r.unit, ErrScope))
		} else {
			l := r.rules.Lists[i]
			r.used.Lists = []List{l}
			r.codes = append([]string{l.Unit}, l.Former...)
		}
	}
	r.lists = map[string]List{}
	for _, l := range r.used.Lists {
		r.lists[l.ID] = l
	}
	r.round = make(map[string]*Assessed, len(round))
	keys := map[string]bool{}
	for i := range round {
		a := &round[i]
		bad := func(field, zh, en string, cause error) {
			if a.Key == "" {
				errs = append(errs, &Error{Index: i + 1, Field: field, Message: bilingual(zh, en), Err: cause})
				return
			}
			errs = append(errs, candErr(a.Key, field, zh, en, cause))
		}
		if a.Key == "" {
			bad("登记编号", "不能为空", "registration number is empty", ErrInvalid)
			continue
		}
		if r.round[a.Key] != nil {
			bad("登记编号", "本轮重复", "registration number given twice in the round", ErrDuplicate)
			continue
		}
		r.round[a.Key] = a
		keys[a.Key] = true
		switch {
		case a.Unit == "":
			bad("所属单位", "不能为空", "unit is empty", ErrInvalid)
		case r.unit != "" && !slices.Contains(r.codes, a.Unit):
			errs = append(errs, scopeErr(a.Key, a.Unit, r.unit))
		case r.unit == "" && len(units) > 0 && !units[a.Unit]:
			bad("所属单位", "“"+a.Unit+"”没有县区级名单", "unit has no county-district list", ErrUnknownUnit)
		}
		if u, ok := r.prev.unitOf(a.Key); ok && r.unit != "" && slices.Contains(r.codes, a.Unit) && !slices.Contains(r.codes, u) {
			errs = append(errs, scopeErr(a.Key, u, r.unit)) // moving a person between units is the city's round
		}
		if !a.AsOf.Valid() || a.AsOf.Day == 0 {
			bad("评价日期", "未填或不是有效日期", "assessment date missing or not a valid date", ErrInvalid)
		} else if r.asOf.Valid() && a.AsOf.After(r.asOf) {
			bad("评价日期", "晚于本轮日期 "+r.asOf.String(), "after the round's date "+r.asOf.String(), ErrInvalid)
		}
		if a.Group != 0 && !a.Group.Valid() {
			bad("群体", "未知", "unknown group", ErrInvalid)
		}
		for _, g := range a.Secondary {
			if !g.Valid() || g == a.Group {
				bad("兼属群体", "未知或与群体重复", "unknown, or the primary group again", ErrInvalid)
			}
		}
		if a.Grade != 0 && !a.Grade.Valid() {
			bad("等次", "未知", "unknown grade", ErrInvalid)
		}
		if a.CityGrade != 0 && !a.CityGrade.Valid() {
			bad("市级等次", "未知", "unknown city grade", ErrInvalid)
		}
		if a.Post != 0 && !a.Post.Valid() {
			bad("职务级别", "未知", "unknown post level", ErrInvalid)
		}
		switch a.Standing {
		case StandingCandidate:
			if !a.Group.Valid() {
				bad("群体", "入库候选必须有群体", "a candidate needs a group", ErrInvalid)
			}
			if !a.Grade.Valid() || a.Grade == evaluate.GradeD {
				bad("等次", "入库候选必须有 A 至 C 级", "a candidate needs a grade from A to C", ErrInvalid)
			}
			if len(a.Vetoes) > 0 || len(a.Failed) > 0 {
				bad("评价状态", "入库候选不能有一票否决或未满足的资格条件", "a candidate has no veto and no failed condition", ErrInvalid)
			}
		case StandingRemoved:
			if len(a.Vetoes) == 0 && !a.Grade.Valid() {
				bad("等次", "剔除须有等次或一票否决", "a removal needs a grade or a veto", ErrInvalid)
			}
		case StandingUnqualified:
			if len(a.Failed) == 0 && len(a.Vetoes) == 0 {
				bad("未满足的资格条件", "不符合资格条件须列出未满足的条件", "name the conditions that failed", ErrInvalid)
			}
		case StandingNotNewStrata, StandingUnclassified:
		default:
			bad("评价状态", "未填或未知", "standing missing or unknown", ErrInvalid)
		}
	}
	for _, row := range r.prev.rowsOf() {
		if row.Status == Active && r.inScope(row.Unit) {
			keys[row.Key] = true
		}
	}
	for k := range keys {
		r.keys = append(r.keys, k)
	}
	slices.Sort(r.keys)
	return errs
}

func (r *Registry) rowsOf() []Row {
	if r == nil {
		return nil
	}
	return r.rows
}

func (r *rounder) inScope(unit string) bool { return r.unit == "" || slices.Contains(r.codes, unit) }

// carried reports whether the round keeps the previous assessment of key:
// the person is in the database and was not assessed, or not classified.
func (r *rounder) carried(key string) Cause {
	if _, ok := r.prev.Get(key); !ok {
		return 0
	}
	a := r.round[key]
	switch {
	case a == nil:
		return CauseUnassessed
	case a.Standing == StandingUnclassified && len(a.Vetoes) == 0:
		return CauseUnclassified
	}
	return 0
}

// pinned reports whether key keeps its city seat without selection: a
// county-district's round does not choose the city list.
func (r *rounder) pinned(key string) bool {
	p, ok := r.prev.Get(key)
	return ok && r.unit != "" && p.Seat == SeatCity && r.exit(key) == 0
}

// exit is the cause that removes key (or keeps it out), zero for none. A
// veto names the removal whatever else the assessment says.
func (r *rounder) exit(key string) Cause {
	a := r.round[key]
	switch {
	case a == nil:
		return 0
	case len(a.Vetoes) > 0:
		return CauseVeto
	case a.Standing == StandingRemoved:
		return CauseGradeRemoved
	case a.Standing == StandingNotNewStrata:
		return CauseNotNewStrata
	case a.Standing == StandingUnqualified:
		return CauseUnqualified
	case a.Standing == StandingUnclassified && r.carried(key) == 0:
		return CauseUnclassified
	}
	return 0
}

func (r *rounder) candidates() []Candidate {
	var out []Candidate
	for _, key := range r.keys {
		if r.exit(key) != 0 || r.pinned(key) {
			continue
		}
		var c Candidate
		p, in := r.prev.Get(key)
		if r.carried(key) != 0 {
			c = Candidate{Key: key, Unit: p.Unit, Group: p.Group, Grade: p.Grade, Score: p.Score, Post: p.Post}
		} else {
			a := r.round[key]
			c = Candidate{Key: key, Unit: a.Unit, Group: a.Group, Grade: a.Grade, Score: a.Score, Post: a.Post,
				CityGrade: a.CityGrade, CityScore: a.CityScore}
		}
		if _, ok := r.lists[p.List]; in && ok {
			c.Incumbent = p.List
		}
		out = append(out, c)
	}
	return out
}

var basisOf = map[Reason]Basis{
	ReasonPriority:  BasisPriority,
	ReasonRank:      BasisRank,
	ReasonCoverage:  BasisCoverage,
	ReasonIncumbent: BasisIncumbent,
}

var heldCause = map[Reason]Cause{
	ReasonQuota:    CauseQuota,
	ReasonReserved: CauseReserved,
	ReasonGrade:    CauseGrade,
}

func (r *rounder) apply(res *Result) (*Registry, *Changes, error) {
	next := &Registry{asOf: r.asOf}
	ch := &Changes{AsOf: r.asOf, Unit: r.unit, Selection: res}
	inRound := map[string]bool{}
	for _, k := range r.keys {
		inRound[k] = true
	}
	// Rows outside the round's scope, and history, pass through.
	for _, row := range r.prev.rowsOf() {
		if row.Status == Removed || !inRound[row.Key] {
			next.rows = append(next.rows, row.clone())
		}
	}
	for _, key := range r.keys {
		c, row := r.change(key, res)
		ch.Items = append(ch.Items, c)
		if row != nil {
			next.rows = append(next.rows, *row)
		}
	}
	slices.SortStableFunc(next.rows, compareRows)
	return next, ch, nil
}

// change decides what the round does to key and returns the change and
// the row of key it leaves (a new active row, a removed row, or nil for
// a person never entered).
func (r *rounder) change(key string, res *Result) (Change, *Row) {
	a := r.round[key]
	p, in := r.prev.Get(key)
	c := Change{Key: key}
	if in {
		c.FromUnit, c.From = p.Unit, Place{p.Seat, p.List}
	}
	if cause := r.exit(key); cause != 0 {
		c.Unit, c.Cause = a.Unit, cause
		switch cause {
		case CauseVeto:
			c.Detail = slices.Clone(a.Vetoes)
		case CauseUnqualified:
			c.Detail = slices.Clone(a.Failed)
		case CauseGradeRemoved:
			c.Detail = []string{a.Grade.Label()}
		}
		if !in {
			c.Kind = Rejected
			return c, nil
		}
		c.Kind = Left
		row := r.assessedRow(a, p)
		row.Seat, row.List, row.Basis = 0, "", 0
		row.Status, row.RemovedOn, row.RemovedFor, row.Detail = Removed, r.asOf, cause, slices.Clone(c.Detail)
		return c, &row
	}
	c.Carried = r.carried(key)
	var row Row
	if c.Carried != 0 {
		row = p.clone()
	} else {
		row = r.assessedRow(a, p)
		if !in {
			row.Since = r.asOf
		}
	}
	row.Status = Active
	c.Unit = row.Unit
	if r.pinned(key) {
		c.To, c.Basis, c.Kind = c.From, p.Basis, Stayed
		return c, &row
	}
	o, _ := res.Outcome(key)
	if len(o.Lists) > 0 {
		l := r.lists[o.Lists[0]]
		row.Seat, row.List, row.Basis = SeatCounty, l.ID, basisOf[o.Reason]
		if l.Unit == "" {
			row.Seat = SeatCity
		}
	} else {
		row.Seat, row.List, row.Basis = SeatNone, "", BasisDatabase
		c.Cause = heldCause[o.Reason]
		if in && p.Basis == BasisPriority && c.From.Seat.Listed() {
			if l, ok := r.lists[p.List]; ok && !(Candidate{Post: row.Post}).Priority(l) {
				c.Cause = CauseLostPriority
			}
		}
	}
	c.To, c.Basis = Place{row.Seat, row.List}, row.Basis
	switch {
	case !in:
		c.Kind = Entered
	case c.From == c.To && c.FromUnit == c.Unit:
		c.Kind = Stayed
	case c.FromUnit != c.Unit || c.From.Seat.Listed() && c.To.Seat.Listed():
		c.Kind = Moved
	case c.To.Seat.Listed():
		c.Kind = Listed
	default:
		c.Kind = Dropped
	}
	return c, &row
}

// assessedRow is p (the row before, if any) with a's assessment.
func (r *rounder) assessedRow(a *Assessed, p Row) Row {
	row := Row{
		Key: a.Key, Unit: a.Unit, Group: a.Group, Secondary: slices.Clone(a.Secondary),
		Grade: a.Grade, Score: a.Score, Post: a.Post, AssessedOn: a.AsOf,
		Policy: a.Policy, Fingerprint: a.Fingerprint, Since: p.Since,
	}
	if row.Group == 0 { // not in a group: keep the group the person was kept under
		row.Group, row.Secondary = p.Group, slices.Clone(p.Secondary)
	}
	return row
}

// String writes c as one line of a change list.
func (c Change) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", c.Key, c.Kind.Label())
	switch {
	case c.FromUnit != "" && c.FromUnit != c.Unit:
		fmt.Fprintf(&b, " %s→%s", c.FromUnit, c.Unit)
	default:
		fmt.Fprintf(&b, " %s", c.Unit)
	}
	fmt.Fprintf(&b, "：%s → %s", c.From.Label(), c.To.Label())
	if c.Basis != 0 {
		fmt.Fprintf(&b, "（%s）", c.Basis.Label())
	}
	if c.Cause != 0 {
		fmt.Fprintf(&b, "；%s", c.Cause.Label())
	}
	if len(c.Detail) > 0 {
		fmt.Fprintf(&b, "：%s", strings.Join(c.Detail, "、"))
	}
	if c.Carried != 0 {
		fmt.Fprintf(&b, "；%s，沿用上次评价结果", c.Carried.Label())
	}
	return b.String()
}
