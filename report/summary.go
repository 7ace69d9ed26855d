package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
)

// SummaryTitle is the title of Annex 1 as the notice gives it. It says
// 人士, not 代表人士: the table counts everyone surveyed, and the
// representatives among them.
const SummaryTitle = "新的社会阶层人士分级分类管理汇总表"

// Summary is Annex 1, the summary table (汇总表), as values: a row per
// unit, columns of counts, the header and the data of its charts. It is
// made by [NewSummary] and rendered by its Write methods; it holds no
// personal data.
type Summary struct {
	Title string
	// Unit is the reporting unit (填报单位): the city, or the unit whose
	// own report it is.
	Unit Code
	// Date is the reporting date; zero when it is left to be written.
	Date roster.Date
	// Columns are the columns of counts, in order; every Row's Counts has
	// one count per column.
	Columns []Column
	// Rows are the units' rows (county-districts, then development zones,
	// then the city departments), the total of those rows, and the city
	// list's row (其中：市级名单), a part of the total.
	Rows []Row
	// Excluded counts the round's people the table leaves out: those in
	// none of the four groups, or whose group could not be decided. Every
	// person given is either counted or here.
	Excluded int
	// Scores is the histogram of the scores of the people counted.
	Scores Histogram
	// Lists is the group mix of each list: the city's first, then the
	// county-districts' in the jurisdiction's order.
	Lists []ListMix
}

// Column is one column of counts: Code names it for programs
// (people_g1, reps_total, grade_a ...), Group is the header it sits under,
// Label its own header.
type Column struct {
	Code, Group, Label string
}

// RowKind is the kind of a row of the summary. The zero value is not
// filled in.
type RowKind uint8

// The kinds of row.
const (
	RowCounty      RowKind = iota + 1 // a county-district (县、市、区)
	RowZone                           // a development zone (开发区)
	RowDepartments                    // the city departments (市直有关单位) together
	RowTotal                          // the total of the rows above
	RowCityList                       // 其中：市级名单, a part of the total
)

var rowKinds = []struct{ code, label string }{{},
	{"county", "县（市、区）"},
	{"zone", "开发区"},
	{"departments", "市直有关单位"},
	{"total", "合计"},
	{"city_list", "其中：市级名单"},
}

// Code returns the kind's code: county, zone, departments, total,
// city_list.
func (k RowKind) Code() string {
	if k == 0 || int(k) >= len(rowKinds) {
		return ""
	}
	return rowKinds[k].code
}

// Label returns the kind's Chinese label.
func (k RowKind) Label() string {
	if k == 0 || int(k) >= len(rowKinds) {
		return fmt.Sprintf("RowKind(%d)", uint8(k))
	}
	return rowKinds[k].label
}

// Row is one row of the summary.
type Row struct {
	Kind RowKind
	// Unit is the unit's code and name; the name only for the rows of
	// kind departments, total and city list.
	Unit Code
	// Counts has one count per column of the summary.
	Counts []int
}

// Histogram counts scores in bins of Width points from 0: bin i holds
// [i×Width, (i+1)×Width), the last one up to the top included.
type Histogram struct {
	Width  int
	Counts []int
	// Cuts are the lower bounds of the grade bands above the lowest: the
	// lines where a grade begins.
	Cuts []Cut
}

// Cut is where a grade begins.
type Cut struct {
	Grade Code
	At    decimal.Decimal
}

// ListMix is one list's representatives by group.
type ListMix struct {
	// List is the list's id (the unit's code, the city's for the city
	// list) and its name.
	List Code
	Seat tier.Seat
	// Groups counts the list's members of G1 to G4.
	Groups [4]int
}

// Column returns the index of the column with the code, or -1.
func (s *Summary) Column(code string) int {
	return slices.IndexFunc(s.Columns, func(c Column) bool { return c.Code == code })
}

// Row returns the row of the kind (the first, for county and zone rows).
func (s *Summary) Row(kind RowKind) (Row, bool) {
	i := slices.IndexFunc(s.Rows, func(r Row) bool { return r.Kind == kind })
	if i < 0 {
		return Row{}, false
	}
	return s.Rows[i], true
}

// tally is the counts of one row before they are laid out in columns.
type tally struct {
	people          [5]int // by group, 1 to 4
	reps            [5]int
	sub             [7]int // G3 representatives by sub-kind; 0 not known
	seat            [4]int // by tier.Seat
	grade           [4]int // A, B, C by evaluate.Grade
	removed, vetoed int
}

func (t *tally) add(u *tally) {
	for i := range t.people {
		t.people[i] += u.people[i]
		t.reps[i] += u.reps[i]
	}
	for i := range t.sub {
		t.sub[i] += u.sub[i]
	}
	for i := range t.seat {
		t.seat[i] += u.seat[i]
		t.grade[i] += u.grade[i]
	}
	t.removed += u.removed
	t.vetoed += u.vetoed
}

func (t *tally) rep(g classify.Group, sub classify.Subkind, e *tier.Row) {
	t.reps[g]++
	if g == classify.G3 {
		t.sub[sub]++
	}
	t.seat[e.Seat]++
	t.grade[e.Grade]++
}

func sum(a []int) int {
	n := 0
	for _, v := range a {
		n += v
	}
	return n
}

type column struct {
	Column
	value func(t *tally) int
}

// columns lays out the columns: the sub-kinds of G3 when split, and a
// column for representatives of G3 of no known sub-kind only when there
// are some (carried from an earlier round without a classification).
func columns(split, unknownSub bool) []column {
	const people, reps, lists, grades, removed = "新的社会阶层人士", "代表人士", "分级管理", "综合评价等次", "剔除"
	var cols []column
	add := func(code, group, label string, v func(t *tally) int) {
		cols = append(cols, column{Column{code, group, label}, v})
	}
	groups := []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4}
	add("people_total", people, "合计", func(t *tally) int { return sum(t.people[:]) })
	for _, g := range groups {
		add("people_"+lower(g.Code()), people, g.Label(), func(t *tally) int { return t.people[g] })
	}
	add("reps_total", reps, "合计", func(t *tally) int { return sum(t.reps[:]) })
	for _, g := range groups {
		add("reps_"+lower(g.Code()), reps, g.Label(), func(t *tally) int { return t.reps[g] })
		if g != classify.G3 || !split {
			continue
		}
		for s := classify.Writing; s <= classify.SkillService; s++ {
			add("reps_g3_"+s.Code(), reps, "其中："+circled[s]+s.Label(), func(t *tally) int { return t.sub[s] })
		}
		if unknownSub {
			add("reps_g3_unknown", reps, "其中：未细分", func(t *tally) int { return t.sub[0] })
		}
	}
	add("list_city", lists, tier.SeatCity.Label(), func(t *tally) int { return t.seat[tier.SeatCity] })
	add("list_county", lists, tier.SeatCounty.Label(), func(t *tally) int { return t.seat[tier.SeatCounty] })
	add("list_none", lists, tier.SeatNone.Label(), func(t *tally) int { return t.seat[tier.SeatNone] })
	for _, g := range []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC} {
		add("grade_"+lower(g.Code()), grades, g.Label(), func(t *tally) int { return t.grade[g] })
	}
	add("removed", removed, "D级（含一票否决）", func(t *tally) int { return t.removed })
	add("removed_veto", removed, "其中：一票否决", func(t *tally) int { return t.vetoed })
	return cols
}

var circled = [...]string{"", "①", "②", "③", "④", "⑤", "⑥"}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// row is a row being counted.
type row struct {
	kind     RowKind
	unit     Code
	all      tally
	cityList tally // the row's people on the city list
}

// NewSummary makes Annex 1 from src in one pass over its people and one
// over the database's people.
//
// Each person is counted in one row: a person recommended by a city
// department (Record.RecommendedBy) in the departments' row, every other
// in the row of the unit that keeps the record (Record.Unit, former codes
// included). A representative is a person in the database after the
// round (an active row of src.Registry); one the round did not assess
// (carried forward) is counted in the row of the database's unit and, with
// the database's group, among the people on record too. Columns:
//
//   - 新的社会阶层人士: the round's people in the four groups, by primary
//     group, with the representatives it did not assess;
//   - 代表人士: the representatives, by primary group (G3 by sub-kind
//     with [SplitFreelancers]);
//   - 分级管理: on the city's list, on a county-district's, in the
//     database on no list;
//   - 综合评价等次: the representatives by grade, A to C;
//   - 剔除: the round's people in the four groups graded in a band that
//     is removed (D), a veto included, and of them those vetoed.
//
// So in every row the representatives add up by group, by list and by
// grade; the total row is the sum of the rows above it; the city list's
// row counts, by the same columns, the representatives on the city list.
// A person given without a record, or of a unit the jurisdiction does not
// know, is an error matching [ErrInput]; all such are reported at once.
func NewSummary(src Source, opts ...Option) (*Summary, error) {
	cfg := configure(opts)
	j := src.jurisdiction()
	s := &Summary{Title: SummaryTitle, Date: src.Date, Unit: Code{j.Code, j.Name}}
	scope := ""
	if src.Unit != "" && src.Unit != j.Code {
		u, ok := j.Recommender(src.Unit)
		if !ok {
			return nil, fmt.Errorf("%w: 填报单位 %s 不在 %s (reporting unit %s is not in %s)", ErrInput, src.Unit, j.Name, src.Unit, j.Name)
		}
		scope = u.Code
		s.Unit = Code{u.Code, u.NameOn(src.Date)}
	}

	// The rows, and where each code leads.
	var rows []*row
	index := map[string]int{}
	for _, kind := range []roster.UnitKind{"", roster.Zone} {
		for _, u := range j.Units {
			if (u.Kind == roster.Zone) != (kind == roster.Zone) {
				continue
			}
			k := RowCounty
			if u.Kind == roster.Zone {
				k = RowZone
			}
			for _, c := range append([]string{u.Code}, u.Former...) {
				index[c] = len(rows)
			}
			rows = append(rows, &row{kind: k, unit: Code{u.Code, u.NameOn(src.Date)}})
		}
	}
	depts := len(rows)
	rows = append(rows, &row{kind: RowDepartments, unit: Code{"", RowDepartments.Label()}})
	isDept := map[string]bool{}
	for _, d := range j.Departments {
		for _, c := range append([]string{d.Code}, d.Former...) {
			isDept[c] = true
		}
	}
	scopeRow := -1 // the row of a unit's own report
	if scope != "" {
		scopeRow = depts
		if !isDept[scope] {
			scopeRow = index[scope]
		}
	}
	rowOf := func(unit, by string) (int, bool) {
		if by != "" && isDept[by] {
			return depts, true
		}
		i, ok := index[unit]
		return i, ok
	}

	// The database: who is a representative, and whom the round assessed.
	active := src.Registry.Active()
	at := make(map[string]int32, len(active))
	for i, e := range active {
		at[e.Key] = int32(i)
	}
	type seen struct {
		row int
		sub classify.Subkind
		ok  bool
	}
	assessed := make([]seen, len(active))

	hist := make([]int, 100/binWidth)
	var errs []error
	for i := range src.People {
		p := &src.People[i]
		if p.Record == nil {
			errs = append(errs, inputErr(i, "", "没有登记记录", "no record"))
			continue
		}
		ri, ok := rowOf(p.Record.Unit, p.Record.RecommendedBy)
		if !ok {
			errs = append(errs, inputErr(i, p.Record.Key, "所属单位 "+p.Record.Unit+" 不在 "+j.Name, "unit "+p.Record.Unit+" is not in "+j.Name))
			continue
		}
		c := &p.Classification
		if c.Outcome != classify.Classified || !c.Primary.Valid() {
			s.Excluded++
			continue
		}
		t := &rows[ri].all
		t.people[c.Primary]++
		if ev := p.Evaluation; ev != nil {
			hist[bin(ev.Total.Decimal(), len(hist))]++
			if ev.Removed {
				t.removed++
				if ev.Vetoed {
					t.vetoed++
				}
			}
		}
		if k, ok := at[p.Record.Key]; ok {
			sub := c.Subkind
			if c.Primary != classify.G3 {
				sub = 0
			}
			assessed[k] = seen{ri, sub, true}
		}
	}

	mixes := map[string]*ListMix{}
	for k := range active {
		e := &active[k]
		a := assessed[k]
		if !a.ok {
			ri, ok := rowOf(e.Unit, "")
			if !ok {
				errs = append(errs, fmt.Errorf("%w: 数据库中 %s 的所属单位 %s 不在 %s (unit %s of %s in the registry is not in %s)", ErrInput, e.Key, e.Unit, j.Name, e.Unit, e.Key, j.Name))
				continue
			}
			a.row = ri
			rows[ri].all.people[e.Group]++
		}
		if !e.Group.Valid() || e.Grade < evaluate.GradeA || e.Grade > evaluate.GradeC || !e.Seat.Valid() {
			errs = append(errs, fmt.Errorf("%w: 数据库中 %s 的群体、等次或名单不能汇总 (%s in the registry has a group, grade or seat the summary cannot count)", ErrInput, e.Key, e.Key))
			continue
		}
		rows[a.row].all.rep(e.Group, a.sub, e)
		if e.Seat == tier.SeatCity {
			c := &rows[a.row].cityList
			c.people[e.Group]++
			c.rep(e.Group, a.sub, e)
		}
		if e.List != "" && (scopeRow < 0 || a.row == scopeRow) {
			m := mixes[e.List]
			if m == nil {
				name := j.UnitNameOn(e.List, src.Date)
				if e.Seat == tier.SeatCity {
					name = "市级名单"
				} else {
					name += "名单"
				}
				m = &ListMix{List: Code{e.List, name}, Seat: e.Seat}
				mixes[e.List] = m
			}
			m.Groups[e.Group-1]++
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// A unit's own report keeps its row only.
	if scopeRow >= 0 {
		rows[scopeRow].unit = s.Unit
		rows = rows[scopeRow : scopeRow+1]
	}
	var total, city tally
	unknownSub := false
	for _, r := range rows {
		total.add(&r.all)
		city.add(&r.cityList)
		unknownSub = unknownSub || r.all.sub[0] > 0
	}
	cols := columns(cfg.split, unknownSub)
	for _, c := range cols {
		s.Columns = append(s.Columns, c.Column)
	}
	counts := func(t *tally) []int {
		out := make([]int, len(cols))
		for i, c := range cols {
			out[i] = c.value(t)
		}
		return out
	}
	for _, r := range rows {
		s.Rows = append(s.Rows, Row{Kind: r.kind, Unit: r.unit, Counts: counts(&r.all)})
	}
	s.Rows = append(s.Rows,
		Row{Kind: RowTotal, Unit: Code{"", RowTotal.Label()}, Counts: counts(&total)},
		Row{Kind: RowCityList, Unit: Code{"", RowCityList.Label()}, Counts: counts(&city)})

	s.Scores = Histogram{Width: binWidth, Counts: hist}
	for _, b := range src.Bands {
		if b.From.IsPositive() {
			s.Scores.Cuts = append(s.Scores.Cuts, Cut{Grade: gradeCode(b.Grade), At: b.From})
		}
	}
	slices.SortFunc(s.Scores.Cuts, func(a, b Cut) int { return a.At.Cmp(b.At) })
	order := map[string]int{}
	for i, u := range j.Units {
		order[u.Code] = i
	}
	for _, m := range mixes {
		s.Lists = append(s.Lists, *m)
	}
	slices.SortFunc(s.Lists, func(a, b ListMix) int {
		return cmp.Or(cmp.Compare(a.Seat, b.Seat), cmp.Compare(order[a.List.Code], order[b.List.Code]), cmp.Compare(a.List.Code, b.List.Code))
	})
	return s, nil
}

// binWidth is the width of the histogram's bins, in points of 100.
const binWidth = 5

// bin returns the bin of a score: its whole points over binWidth, the top
// score in the last bin.
func bin(score decimal.Decimal, n int) int {
	i := int(score.IntPart()) / binWidth
	return max(0, min(i, n-1))
}
