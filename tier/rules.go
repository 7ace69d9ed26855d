package tier

import (
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"maps"
	"slices"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Rules are a jurisdiction's rules for its lists, as data. [Baseline]
// gives the reference rules; a later stage reads them from the policy
// document. Select never changes a Rules.
type Rules struct {
	// Lists are the city list (Unit "") and one list per county-district.
	// There is at most one city list, and at most one list per unit.
	Lists []List
	// OneList: a person sits on one list only. The city list is chosen
	// first from the whole city; each county-district's list is chosen
	// from the unit's candidates not on the city list.
	OneList bool
	// Grades are the grades that may be listed (baseline A, B, C). Grade
	// D never may.
	Grades []evaluate.Grade
	// Order is the tie-break chain, most significant key first. It must
	// end with ByKey, which makes it a strict total order. The baseline
	// is ByPriority, ByGrade, ByScore, ByPost, ByKey.
	Order []SortKey
}

// List is one list of representatives: the city's (重点联系培养, about 200)
// or a county-district's (50).
type List struct {
	// ID names the list in results and errors; the baseline uses the
	// unit's GB/T 2260 code.
	ID string
	// Label is the Chinese name of the list, for forms.
	Label string
	// Unit is the county-district code of a county list; "" for the city
	// list, which draws on every unit.
	Unit string
	// Former are codes the unit had before (横县 450127 is now 横州市
	// 450181); candidates filed under them belong to this list.
	Former []string
	// Quota is the number of seats; 0 keeps the list empty.
	Quota int
	// PriorityLevel is the lowest post level that comes first on this
	// list (roster.City for the city list, roster.County for a county
	// list). The zero value gives no one priority.
	PriorityLevel roster.Level
	// CoverageShare sets the minimum of each of the four groups to
	// ⌈CoverageShare × Quota⌉ (baseline 0.1). The zero value sets no
	// minimum. It is ignored when Minimums is not nil.
	CoverageShare decimal.Decimal
	// Minimums, when not nil, gives each group's minimum explicitly; a
	// group it does not name has none.
	Minimums map[classify.Group]int
}

// Tier returns City for the city list and County for a county-district's.
func (l List) Tier() Tier {
	if l.Unit == "" {
		return City
	}
	return County
}

// groups are the four groups in their fixed order; every per-group report
// and loop follows it, never a map's order.
var groups = [...]classify.Group{classify.G1, classify.G2, classify.G3, classify.G4}

// Minimum returns the declared minimum of group g on l, before it is
// capped by the candidates there are.
func (l List) Minimum(g classify.Group) int {
	if l.Minimums != nil {
		return l.Minimums[g]
	}
	if l.CoverageShare.Sign() <= 0 || l.Quota <= 0 {
		return 0
	}
	return int(l.CoverageShare.Mul(decimal.NewFromInt(int64(l.Quota))).Ceil().IntPart())
}

// Baseline returns the reference rules for jurisdiction j: a city list of
// 200 with priority from city-level posts, a list of 50 for each
// county-district (各县区分别联系50名) with priority from county-level
// posts, none for a development zone (a zone gets a list only where the
// city's rules add one), every group at least 10 % of a
// list, one list per person, grades A to C, and the order priority,
// grade, score, post level, registration number.
func Baseline(j *roster.Jurisdiction) Rules {
	share := decimal.New(1, -1)
	r := Rules{
		OneList: true,
		Grades:  []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC},
		Order:   []SortKey{ByPriority, ByGrade, ByScore, ByPost, ByKey},
	}
	r.Lists = append(r.Lists, List{
		ID: j.Code, Label: j.Name + "市级新的社会阶层代表人士", Quota: 200,
		PriorityLevel: roster.City, CoverageShare: share,
	})
	for _, u := range j.Units {
		if !u.Kind.KeepsList() {
			continue // a development zone's list is the city's to give
		}
		r.Lists = append(r.Lists, List{
			ID: u.Code, Label: u.Name + "新的社会阶层代表人士", Unit: u.Code,
			Former: slices.Clone(u.Former), Quota: 50,
			PriorityLevel: roster.County, CoverageShare: share,
		})
	}
	return r
}

// plan is Rules checked and prepared for one run.
type plan struct {
	rules    Rules
	lists    []int            // indexes into rules.Lists: the city list first
	units    map[string]int   // unit code (former codes too) → index into rules.Lists
	ids      map[string]int32 // list id → plan position
	eligible [evaluate.GradeD + 1]bool
}

func ruleErr(list, field, zh, en string, cause error) *Error {
	return &Error{List: list, Field: field, Message: bilingual(zh, en), Err: cause}
}

// compile checks r and returns every fault it finds, in the order of the
// rules.
func compile(r Rules) (*plan, []error) {
	p := &plan{rules: r, units: map[string]int{}}
	var errs []error
	add := func(e *Error) { errs = append(errs, e) }

	if len(r.Grades) == 0 {
		add(ruleErr("", "可入选等次", "不能为空", "no grade may be listed", ErrOrder))
	}
	for _, g := range r.Grades {
		switch {
		case !g.Valid():
			add(ruleErr("", "可入选等次", fmt.Sprintf("含未知等次 %d", g), fmt.Sprintf("unknown grade %d", g), ErrOrder))
		case g == evaluate.GradeD:
			add(ruleErr("", "可入选等次", "不能含 D级，D级从数据库中剔除", "grade D is never listed", ErrOrder))
		default:
			p.eligible[g] = true
		}
	}
	seen := map[SortKey]bool{}
	for _, k := range r.Order {
		switch {
		case !k.Valid():
			add(ruleErr("", "排序", fmt.Sprintf("含未知排序键 %d", k), fmt.Sprintf("unknown sort key %d", k), ErrOrder))
		case seen[k]:
			add(ruleErr("", "排序", "排序键“"+k.Label()+"”重复", "sort key "+k.String()+" given twice", ErrOrder))
		}
		seen[k] = true
	}
	if len(r.Order) == 0 || r.Order[len(r.Order)-1] != ByKey {
		add(ruleErr("", "排序", "必须以登记编号结束，才能分出先后", "must end with the registration number to be a strict order", ErrOrder))
	}

	ids := map[string]bool{}
	city := -1
	for i, l := range r.Lists {
		name := l.ID
		if l.ID == "" {
			name = fmt.Sprintf("#%d", i+1)
			add(ruleErr(name, "名单编号", "不能为空", "list id is empty", ErrInvalid))
		} else if ids[l.ID] {
			add(ruleErr(name, "名单编号", "重复", "list id used twice", ErrDuplicate))
		}
		ids[l.ID] = true
		if l.Unit == "" {
			if city >= 0 {
				add(ruleErr(name, "县区", "市级名单只能有一个", "a second city list", ErrDuplicate))
			}
			city = i
		} else {
			for _, code := range append([]string{l.Unit}, l.Former...) {
				if _, dup := p.units[code]; dup {
					add(ruleErr(name, "县区", "单位 "+code+" 已有名单", "unit "+code+" has a list already", ErrDuplicate))
					continue
				}
				p.units[code] = i
			}
		}
		if l.Quota < 0 {
			add(ruleErr(name, "名额", "不能为负数", "quota is negative", ErrQuota))
		}
		if l.PriorityLevel != 0 && !l.PriorityLevel.Valid() {
			add(ruleErr(name, "优先职务级别", fmt.Sprintf("未知级别 %d", l.PriorityLevel), fmt.Sprintf("unknown level %d", l.PriorityLevel), ErrInvalid))
		}
		if l.Minimums == nil && (l.CoverageShare.Sign() < 0 || l.CoverageShare.GreaterThan(decimal.NewFromInt(1))) {
			add(ruleErr(name, "群体最低比例", "应在 0 到 1 之间", "coverage share must be between 0 and 1", ErrInvalid))
			continue
		}
		for _, g := range slices.Sorted(maps.Keys(l.Minimums)) {
			m := l.Minimums[g]
			if !g.Valid() {
				add(ruleErr(name, "群体最低人数", fmt.Sprintf("未知群体 %d", g), fmt.Sprintf("unknown group %d", g), ErrInvalid))
			} else if m < 0 {
				add(ruleErr(name, "群体最低人数", g.Label()+" 不能为负数", "minimum of "+g.String()+" is negative", ErrInvalid))
			}
		}
		sum := 0
		for _, g := range groups {
			sum += max(l.Minimum(g), 0)
		}
		if l.Quota >= 0 && sum > l.Quota {
			add(ruleErr(name, "群体最低人数",
				fmt.Sprintf("合计 %d 人，超过名额 %d 人，无法同时满足", sum, l.Quota),
				fmt.Sprintf("minimums add up to %d, more than the quota of %d", sum, l.Quota), ErrCoverage))
		}
	}
	if city >= 0 {
		p.lists = append(p.lists, city)
	}
	for i, l := range r.Lists {
		if l.Unit != "" {
			p.lists = append(p.lists, i)
		}
	}
	p.ids = make(map[string]int32, len(p.lists))
	for n, li := range p.lists {
		p.ids[r.Lists[li].ID] = int32(n)
	}
	return p, errs
}
