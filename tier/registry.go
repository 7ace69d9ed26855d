package tier

import (
	"cmp"
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Row is one row of a [Registry]: a person in the database (Status
// Active), or one past stay of a person removed from it (Status Removed),
// kept as history with the date and the cause.
type Row struct {
	// Key is the registration number.
	Key string
	// Unit is the code of the county-district that keeps the record.
	Unit string
	// Seat is where an active person sits; zero for a removed row.
	Seat Seat
	// List is the id of the list ([List.ID]) for SeatCity and
	// SeatCounty, "" otherwise.
	List  string
	Group classify.Group
	// Secondary are the other groups the person fits, in the
	// classification's priority.
	Secondary []classify.Group
	Grade     evaluate.Grade
	// Score is the comprehensive evaluation score, exact.
	Score decimal.Decimal
	// Post is the highest level of the person's NPC or CPPCC seat or
	// leading post ([Candidate.Post]); zero for none.
	Post roster.Level
	// AssessedOn is the date of the assessment these values come from: an
	// earlier round's when the last round carried it forward.
	AssessedOn roster.Date
	// Policy and Fingerprint name the policy that assessed the person.
	Policy, Fingerprint string
	// Basis is why an active person is where they are; zero for a
	// removed row.
	Basis Basis
	// Since is the date the person entered the database (this stay).
	Since  roster.Date
	Status Status
	// RemovedOn, RemovedFor and Detail are set on a removed row only:
	// the round's date, the cause, and the vetoes or conditions (id and
	// name) or the grade that removed the person.
	RemovedOn  roster.Date
	RemovedFor Cause
	Detail     []string
}

// clone copies e's slices, and makes empty ones nil, so that rows
// compare equal however they were read.
func (e Row) clone() Row {
	e.Secondary, e.Detail = cloneOrNil(e.Secondary), cloneOrNil(e.Detail)
	return e
}

func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// Registry is the database of representatives (代表人士数据库) after a
// round: every person in it, where they sit and why, and every past
// removal. A Registry is immutable: [Round] returns a new one, and every
// method returns copies. It is safe for concurrent use. A nil *Registry
// is the empty database.
type Registry struct {
	asOf roster.Date
	// rows are sorted by key; a key's removed rows come first, by date,
	// then its active row, if any.
	rows []Row
}

// NewRegistry returns the registry of the rows given as of asOf, the date
// of its last round: rows read back from a file, or a database kept
// before this library. It checks every row and returns every fault, each
// an [*Error] naming the row's key and field, joined: a row's fields
// must be consistent with its status, no date may be after asOf, and a
// key may have one active row at most. The rows need not be sorted.
func NewRegistry(asOf roster.Date, rows []Row) (*Registry, error) {
	var errs []error
	if !asOf.Valid() && (len(rows) > 0 || !asOf.IsZero()) {
		errs = append(errs, &Error{Field: "数据库日期", Message: bilingual("不是有效日期", "not a valid date"), Err: ErrInvalid})
	}
	r := &Registry{asOf: asOf, rows: make([]Row, len(rows))}
	for i, e := range rows {
		r.rows[i] = e.clone()
		errs = append(errs, checkEntry(i, e, asOf)...)
	}
	slices.SortStableFunc(r.rows, compareRows)
	for i := 1; i < len(r.rows); i++ {
		if a, b := r.rows[i-1], r.rows[i]; a.Key == b.Key && a.Status == Active && b.Status == Active {
			errs = append(errs, candErr(b.Key, "状态", "在库记录不止一条", "more than one active row", ErrDuplicate))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

func compareRows(a, b Row) int {
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Status, a.Status); c != 0 { // removed (2) before active (1)
		return c
	}
	return a.RemovedOn.Compare(b.RemovedOn)
}

func checkEntry(i int, e Row, asOf roster.Date) []error {
	var errs []error
	bad := func(field, zh, en string) {
		if e.Key == "" {
			errs = append(errs, &Error{Index: i + 1, Field: field, Message: bilingual(zh, en), Err: ErrInvalid})
			return
		}
		errs = append(errs, candErr(e.Key, field, zh, en, ErrInvalid))
	}
	if e.Key == "" {
		bad("登记编号", "不能为空", "registration number is empty")
	}
	if e.Unit == "" {
		bad("所属单位", "不能为空", "unit is empty")
	}
	date := func(field string, d roster.Date, required bool) {
		switch {
		case d.IsZero():
			if required {
				bad(field, "不能为空", "date is missing")
			}
		case !d.Valid() || d.Day == 0:
			bad(field, "不是有效日期", "not a valid date")
		case asOf.Valid() && d.After(asOf):
			bad(field, "晚于数据库日期 "+asOf.String(), "after the registry's date "+asOf.String())
		}
	}
	if e.Group != 0 && !e.Group.Valid() {
		bad("群体", "未知", "unknown group")
	}
	for _, g := range e.Secondary {
		if !g.Valid() || g == e.Group {
			bad("兼属群体", "未知或与群体重复", "unknown, or the primary group again")
		}
	}
	if e.Grade != 0 && !e.Grade.Valid() {
		bad("等次", "未知", "unknown grade")
	}
	if e.Post != 0 && !e.Post.Valid() {
		bad("职务级别", "未知", "unknown post level")
	}
	date("评价日期", e.AssessedOn, e.Status == Active)
	date("入库日期", e.Since, true)
	switch e.Status {
	case Active:
		if !e.Group.Valid() {
			bad("群体", "在库人员必须有群体", "a person in the database needs a group")
		}
		if !e.Grade.Valid() {
			bad("等次", "在库人员必须有等次", "a person in the database needs a grade")
		}
		switch {
		case !e.Seat.Valid():
			bad("名单", "未填或未知", "seat missing or unknown")
		case e.Seat.Listed() != (e.List != ""):
			bad("名单编号", "列入名单的必须填名单编号，未列入的不能填", "a list id goes with a seat on a list, and only with one")
		}
		switch {
		case !e.Basis.Valid():
			bad("入库理由", "未填或未知", "basis missing or unknown")
		case (e.Basis == BasisDatabase) != (e.Seat == SeatNone):
			bad("入库理由", "“"+e.Basis.Label()+"”与名单“"+e.Seat.Label()+"”不符", "basis does not match the seat")
		}
		if !e.RemovedOn.IsZero() || e.RemovedFor != 0 || len(e.Detail) > 0 {
			bad("剔除理由", "在库人员不能有剔除记录", "a person in the database has no removal")
		}
	case Removed:
		if e.Seat != 0 || e.List != "" || e.Basis != 0 {
			bad("名单", "已剔除人员不在任何名单", "a removed person sits nowhere")
		}
		date("剔除日期", e.RemovedOn, true)
		if !e.RemovedFor.Removes() {
			bad("剔除理由", "未填或不是剔除理由", "missing, or not a cause of removal")
		}
	default:
		bad("状态", "未填或未知", "status missing or unknown")
	}
	return errs
}

// AsOf returns the date of the registry's last round.
func (r *Registry) AsOf() roster.Date {
	if r == nil {
		return roster.Date{}
	}
	return r.asOf
}

// Entries returns every row, active and removed, sorted by registration
// number; a key's removed rows come first, by date.
func (r *Registry) Entries() []Row {
	if r == nil {
		return nil
	}
	return cloneRows(r.rows)
}

// Active returns the people in the database, by registration number.
func (r *Registry) Active() []Row {
	var out []Row
	if r == nil {
		return out
	}
	for _, e := range r.rows {
		if e.Status == Active {
			out = append(out, e.clone())
		}
	}
	return out
}

// Get returns the active row of key: the person in the database.
func (r *Registry) Get(key string) (Row, bool) {
	rows := r.history(key)
	if len(rows) == 0 || rows[len(rows)-1].Status != Active {
		return Row{}, false
	}
	return rows[len(rows)-1].clone(), true
}

// History returns every row of key, the removed ones first by date, the
// active one last; nil for a key never in the database.
func (r *Registry) History(key string) []Row { return cloneRows(r.history(key)) }

func (r *Registry) history(key string) []Row {
	if r == nil {
		return nil
	}
	i, _ := slices.BinarySearchFunc(r.rows, key, func(e Row, k string) int { return strings.Compare(e.Key, k) })
	j := i
	for j < len(r.rows) && r.rows[j].Key == key {
		j++
	}
	return r.rows[i:j]
}

// unitOf is the unit a key belongs to: its latest row's.
func (r *Registry) unitOf(key string) (string, bool) {
	rows := r.history(key)
	if len(rows) == 0 {
		return "", false
	}
	return rows[len(rows)-1].Unit, true
}

func cloneRows(rows []Row) []Row {
	if rows == nil {
		return nil
	}
	out := make([]Row, len(rows))
	for i, e := range rows {
		out[i] = e.clone()
	}
	return out
}

// View is a unit's view of a registry: a county-district's reads and
// changes only its own unit's people (those whose latest row names the
// unit, or one of its former codes); the city's (unit "") sees all. A
// request outside the scope is an error naming the key and the unit,
// never a silent filter.
type View struct {
	reg   *Registry
	unit  string
	codes []string
}

// View returns the view of unit, a county-district's code, or "" for the
// city's. former are the unit's earlier codes (横县 450127 for 横州市
// 450181), whose rows the unit also owns.
func (r *Registry) View(unit string, former ...string) View {
	return View{reg: r, unit: unit, codes: append([]string{unit}, former...)}
}

// Unit returns the unit of the view, "" for the city's.
func (v View) Unit() string { return v.unit }

func (v View) owns(unit string) bool { return v.unit == "" || slices.Contains(v.codes, unit) }

// Entries returns the rows of the view's people, as [Registry.Entries].
func (v View) Entries() []Row {
	var out []Row
	for _, e := range v.reg.Entries() {
		if u, _ := v.reg.unitOf(e.Key); v.owns(u) {
			out = append(out, e)
		}
	}
	return out
}

// Get returns the active row of key. It is an error, matching
// [ErrScope], when key belongs to another unit, and matching
// [ErrNotFound] when key is not in the database.
func (v View) Get(key string) (Row, error) {
	if err := v.check(key); err != nil {
		return Row{}, err
	}
	e, ok := v.reg.Get(key)
	if !ok {
		return Row{}, candErr(key, "", "已剔除，不在库", "removed, not in the database", ErrNotFound)
	}
	return e, nil
}

// History returns every row of key, as [Registry.History], with the
// errors of [View.Get].
func (v View) History(key string) ([]Row, error) {
	if err := v.check(key); err != nil {
		return nil, err
	}
	return v.reg.History(key), nil
}

func (v View) check(key string) error {
	u, ok := v.reg.unitOf(key)
	if !ok {
		return candErr(key, "", "不在数据库中", "not in the registry", ErrNotFound)
	}
	if !v.owns(u) {
		return scopeErr(key, u, v.unit)
	}
	return nil
}

func scopeErr(key, unit, scope string) *Error {
	return candErr(key, "所属单位", fmt.Sprintf("属于 %s，不在 %s 的范围内", unit, scope),
		fmt.Sprintf("belongs to unit %s, outside the scope of %s", unit, scope), ErrScope)
}

// Round runs a round on the view: [Round] with [ByUnit] for a
// county-district's view, for the whole city for the city's.
func (v View) Round(rules Rules, round []Assessed, asOf roster.Date) (*Registry, *Changes, error) {
	if v.unit == "" {
		return Round(v.reg, rules, round, asOf)
	}
	return Round(v.reg, rules, round, asOf, ByUnit(v.unit))
}
