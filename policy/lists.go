package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
)

// The lists section of a policy: the city's rules for its lists of
// representatives (tier.Rules), as data. The notice gives them to the
// city: "南宁市重点联系培养200名……各县区分别联系50名……确保每个类别都掌握
// 一定数量的代表人士".
//
//	lists:
//	  one_list: true                  # a person sits on one list only
//	  grades: [A, B, C]               # the grades that may be listed; never D
//	  order: [priority, grade, score, post, key]   # the tie-break chain; ends with key
//	  lists:
//	    - {quota: 200, priority_level: 市级, coverage_share: 0.1}   # no unit: the city's list
//	    - {unit: "450102", quota: 50, priority_level: 县级, coverage_share: 0.1}
//	    - {unit: "4501A1", quota: 20, priority_level: 县级, coverage_share: 0.1}  # a zone given a list
//
// A list's id defaults to its unit's code (the city's for the city list)
// and its label to the unit's name; a unit's former codes come from the
// jurisdiction. Order keys: priority, grade, score, post, key, incumbent
// (or their Chinese labels).

// ErrNoLists: the city's policy in force has no lists section, so no
// list can be chosen.
var ErrNoLists = errors.New("no lists")

// Lists returns the rules for the lists in force on day: the lists
// section of the city's policy in force, which ranks the city list and,
// since a county-district may not change it, every county's. The error
// wraps [ErrNoPolicy] when no policy of the city's is in force, and
// [ErrNoLists] when that policy has no lists section.
func (s *Set) Lists(day roster.Date) (tier.Rules, *Policy, error) {
	if s == nil || s.j == nil {
		return tier.Rules{}, nil, errZeroSet
	}
	pol, err := s.For(s.j.Code, day)
	if err != nil {
		return tier.Rules{}, nil, err
	}
	r := pol.Lists()
	if r.IsZero() {
		return tier.Rules{}, pol, fmt.Errorf("%[1]s（%[2]s）在 %[3]s 生效的政策 %[4]s 没有名单规则（lists） (%[5]w: policy %[4]s of %[2]s in force on %[3]s has no lists section)", s.j.Name, s.j.Code, day, pol.ID(), ErrNoLists)
	}
	return r, pol, nil
}

// listID is the form of a list's id: a unit code or a word of the city's.
var listID = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$`)

// Lists returns the policy's rules for the lists of representatives
// (its lists section), a copy the caller may change: the zero Rules when
// the policy has none. In a [Set] every list holds its unit's former
// codes and its label. The lists that count are the city's: a
// county-district's policy holds the city's, which it may not change.
func (p *Policy) Lists() tier.Rules { return p.lists.Clone() }

// defaultListIDs gives each list of d without an id its unit's code, or
// the jurisdiction's for the city list. An overlay calls it on what it
// inherits before it takes its own jurisdiction, so that a
// county-district's policy holds the city's list ids.
func (d *Document) defaultListIDs() {
	for i := range d.Lists.Lists {
		l := &d.Lists.Lists[i]
		if l.ID != "" {
			continue
		}
		l.ID = l.Unit
		if l.Unit == "" {
			l.ID = d.Jurisdiction
		}
	}
}

// checkLists reports what is wrong with the lists section of d on its
// own; the units are checked against the jurisdiction by [NewSet]
// ([bindLists]).
func (d *Document) checkLists(p *problems) {
	r := &d.Lists
	if r.IsZero() {
		return
	}
	at := d.posOf("lists")
	where := func(places ...formula.Position) formula.Position { return d.blame(append(places, r.Pos, at)...) }
	if !r.OneList {
		p.add(where(), ErrInvalid, "名单规则（lists）：one_list 须为 true：每人只列入一个名单，数据库每人只记一个名单", "lists: one_list must be true: a person sits on one list, and the registry keeps one list per person")
	}
	if len(r.Grades) == 0 {
		p.add(where(), ErrInvalid, "名单规则（lists）：缺少可入选等次（grades），如 [A, B, C]", "lists: grades that may be listed are missing, such as [A, B, C]")
	}
	seenGrade := map[evaluate.Grade]bool{}
	for i, g := range r.Grades {
		gat := where(item(r.GradesPos, i))
		switch {
		case g == evaluate.GradeD:
			// A grade the policy removes otherwise never reaches a list,
			// whatever this says; D is removed by the city everywhere.
			p.add(gat, ErrInvalid, "名单规则（lists.grades）：D 级从数据库剔除，不能入选名单", "lists.grades: grade D is removed from the database and cannot be listed")
		case seenGrade[g]:
			p.add(gat, ErrInvalid, "名单规则（lists.grades）：等次 %s 重复", "lists.grades: grade %s is given twice", g.Code())
		}
		seenGrade[g] = true
	}
	seenKey := map[tier.SortKey]bool{}
	for i, k := range r.Order {
		if seenKey[k] {
			p.add(where(item(r.OrderPos, i)), ErrInvalid, "名单规则（lists.order）：排序键 %s（%s）重复", "lists.order: sort key %s (%s) is given twice", k.Code(), k.Label())
		}
		seenKey[k] = true
	}
	if len(r.Order) == 0 || r.Order[len(r.Order)-1] != tier.ByKey {
		p.add(where(item(r.OrderPos, len(r.Order)-1)), ErrInvalid, "名单规则（lists.order）：排序须以登记编号（key）结束，才能分出先后", "lists.order: the order must end with key (the registration number) to tell every two candidates apart")
	}
	if len(r.Lists) == 0 {
		p.add(where(), ErrInvalid, "名单规则（lists.lists）：没有名单", "lists.lists: there is no list")
	}
	ids, units := map[string]formula.Position{}, map[string]formula.Position{}
	city := false
	for _, l := range r.Lists {
		lat := where(l.Pos)
		switch {
		case l.Unit == "" && city:
			p.add(lat, ErrInvalid, "名单规则（lists.lists）：市级名单（不写 unit 的一项）只能有一个", "lists.lists: there is one city list (the entry without unit), not two")
		case l.Unit == "":
			city = true
		default:
			if first, dup := units[l.Unit]; dup {
				p.add(where(l.UnitPos, l.Pos), ErrInvalid, "名单 %[1]s：单位 %[2]s 已在 %[3]s 有名单", "list %[1]s: unit %[2]s has a list already, at %[3]s", l.ID, l.Unit, first)
			}
			units[l.Unit] = where(l.UnitPos, l.Pos)
		}
		if !listID.MatchString(l.ID) {
			p.add(where(l.IDPos, l.Pos), ErrInvalid, "名单编号 %q 须为 1 至 32 个字母、数字、'_'、'.' 或 '-'", "list id %q must be 1 to 32 letters, digits, '_', '.' or '-'", l.ID)
		} else if first, dup := ids[l.ID]; dup {
			p.add(where(l.IDPos, l.Pos), ErrInvalid, "名单编号 %q 已在 %s 使用过", "list id %q is already used at %s", l.ID, first)
		} else {
			ids[l.ID] = where(l.IDPos, l.Pos)
		}
		if l.Quota < 0 {
			p.add(where(l.QuotaPos, l.Pos), ErrInvalid, "名单 %[1]s：名额（quota）%[2]d 不能为负数", "list %[1]s: quota %[2]d is negative", l.ID, l.Quota)
		}
		if l.CoverageShare.Sign() < 0 || l.CoverageShare.GreaterThan(decimal.NewFromInt(1)) {
			p.add(where(l.CoverageSharePos, l.Pos), ErrInvalid, "名单 %[1]s：群体最低比例（coverage_share）%[2]s 不在 0 到 1 之间", "list %[1]s: coverage_share %[2]s is not between 0 and 1", l.ID, l.CoverageShare)
			continue
		}
		if l.Quota < 0 {
			continue
		}
		sum := 0
		for _, g := range []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4} {
			sum += max(l.Minimum(g), 0)
		}
		if sum > l.Quota {
			p.add(where(l.CoverageSharePos, l.Pos), ErrInvalid, "名单 %[1]s：四个群体的最低人数合计 %[2]d 人，超过名额 %[3]d 人，无法同时满足；请降低 coverage_share", "list %[1]s: the minimums of the four groups add up to %[2]d, more than the quota of %[3]d; lower coverage_share", l.ID, sum, l.Quota)
		}
	}
	if len(r.Lists) > 0 && !city {
		p.add(where(), ErrInvalid, "名单规则（lists.lists）：缺少市级名单（不写 unit 的一项）", "lists.lists: the city list (the entry without unit) is missing")
	}
	if len(p.errs) == 0 {
		// What tier would refuse and the checks above let through.
		if err := r.Check(); err != nil {
			p.add(where(), ErrInvalid, "名单规则（lists）：%s", "lists: %s", err.Error())
		}
	}
}

// item returns the i-th place of at, or the zero place.
func item(at []formula.Position, i int) formula.Position {
	if i >= 0 && i < len(at) {
		return at[i]
	}
	return formula.Position{}
}

// bindLists checks the units of the lists of pol against j, reporting
// to p when report is set, and fills in each list's former codes and, when
// the file gives none, its label. Every county-district (市辖区, 县, 县级市)
// has a list, as the notice says (各县区分别联系50名); a development zone
// has one only where the policy gives it one; a department never does.
func bindLists(pol *Policy, j *roster.Jurisdiction, report bool, p *problems) {
	r := &pol.lists
	if r.IsZero() {
		return
	}
	d := pol.doc
	at := d.posOf("lists")
	has := map[string]bool{}
	for i := range r.Lists {
		l := &r.Lists[i]
		if l.Unit == "" {
			if l.Label == "" {
				l.Label = j.Name + "市级新的社会阶层代表人士"
			}
			continue
		}
		uat := d.blame(l.UnitPos, l.Pos, at)
		u, ok := j.Unit(l.Unit)
		switch {
		case l.Unit == j.Code:
			if report {
				p.add(uat, ErrInvalid, "名单 %[1]s：unit %[2]q 是%[3]s的代码；市级名单不写 unit", "list %[1]s: unit %[2]q is the code of %[3]s; the city list gives no unit", l.ID, l.Unit, j.Name)
			}
			continue
		case !ok:
			if dep, isDep := j.Department(l.Unit); isDep && report {
				p.add(uat, ErrInvalid, "名单 %[1]s：%[2]s（%[3]s）是市直部门，只推荐人选，不保有名单", "list %[1]s: %[2]s (%[3]s) is a city department, which recommends people and keeps no list", l.ID, dep.Name, l.Unit)
			} else if report {
				p.add(uat, ErrUnknownID, "名单 %[1]s：单位 %[2]q 不是%[3]s的区县或开发区", "list %[1]s: unit %[2]q is not a county-district or development zone of %[3]s", l.ID, l.Unit, j.Name)
			}
			continue
		case u.Code != l.Unit:
			if report {
				p.add(uat, ErrInvalid, "名单 %[1]s：%[2]s 是%[3]s的原代码；请写现行代码 %[4]s", "list %[1]s: %[2]s is a former code of %[3]s; write its code %[4]s", l.ID, l.Unit, u.Name, u.Code)
			}
			continue
		}
		has[u.Code] = true
		l.Former = slices.Clone(u.Former)
		if l.Label == "" {
			l.Label = u.Name + "新的社会阶层代表人士"
		}
	}
	if !report {
		return
	}
	for _, u := range j.Units {
		if u.Kind.KeepsList() && !has[u.Code] {
			p.add(d.blame(r.Pos, at), ErrInvalid, "名单规则（lists.lists）：%[1]s（%[2]s）没有名单；通知要求各县区分别联系代表人士，请为其列一项 unit: %[2]q", "lists.lists: %[1]s (%[2]s) has no list; the notice gives every county-district one: add an entry with unit: %[2]q", u.Name, u.Code)
		}
	}
}

// sameLists reports whether two rules for the lists say the same, their
// places aside.
func sameLists(a, b tier.Rules) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// checkListLock reports a change that d, the policy a county-district's
// overlay o made, makes to the lists of city, the policy of the city's it
// is built on: the lists — quotas, priority, group coverage, the grades
// listed and the order — are the city's, as the notice sets them for the
// city and for every county-district alike.
func checkListLock(city, d *Document, o *Overlay, p *problems) {
	// Ids left out are the city's, on either side.
	was := &Document{Jurisdiction: city.Jurisdiction, Lists: city.Lists.Clone()}
	now := &Document{Jurisdiction: city.Jurisdiction, Lists: d.Lists.Clone()}
	was.defaultListIDs()
	now.defaultListIDs()
	if sameLists(was.Lists, now.Lists) {
		return
	}
	p.locked(o.posOf("lists"), LockLists, "名单规则（lists）由市级规定：名额、优先顺序、群体覆盖、可入选等次和排序都是市级的，区县不能修改；请删去 lists 一节", "the lists are the city's: quotas, priority, group coverage, the grades listed and the order; a county-district cannot change them: remove the lists section")
}
