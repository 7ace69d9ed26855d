package tier

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"maps"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Rules are a jurisdiction's rules for its lists, as data: the lists
// section of the city's policy document (policy.Policy.Lists), whose
// YAML fields are the tags below. Select never changes a Rules.
type Rules struct {
	// Lists are the city list (Unit "") and one list per county-district.
	// There is at most one city list, and at most one list per unit.
	Lists []List `yaml:"lists" json:"lists"`
	// OneList: a person sits on one list only. The city list is chosen
	// first from the whole city; each county-district's list is chosen
	// from the unit's candidates not on the city list.
	OneList bool `yaml:"one_list" json:"one_list"`
	// Grades are the grades that may be listed (baseline A, B, C). Grade
	// D never may.
	Grades []evaluate.Grade `yaml:"grades" json:"grades"`
	// Order is the tie-break chain, most significant key first. It must
	// end with ByKey, which makes it a strict total order. The baseline
	// is ByPriority, ByGrade, ByScore, ByPost, ByKey.
	Order []SortKey `yaml:"order" json:"order"`

	// Where the rules and their entries are in a policy file; zero for
	// rules built in Go.
	Pos       formula.Position   `yaml:"-" json:"-"`
	GradesPos []formula.Position `yaml:"-" json:"-"`
	OrderPos  []formula.Position `yaml:"-" json:"-"`
}

// IsZero reports whether r has no list, no grade and no order: a policy
// that gives no lists section.
func (r Rules) IsZero() bool {
	return len(r.Lists) == 0 && !r.OneList && len(r.Grades) == 0 && len(r.Order) == 0
}

// Clone returns a deep copy of r.
func (r Rules) Clone() Rules {
	c := r
	c.Lists = slices.Clone(r.Lists)
	for i := range c.Lists {
		c.Lists[i].Former = slices.Clone(r.Lists[i].Former)
		if r.Lists[i].Minimums != nil {
			c.Lists[i].Minimums = maps.Clone(r.Lists[i].Minimums)
		}
	}
	c.Grades, c.Order = slices.Clone(r.Grades), slices.Clone(r.Order)
	c.GradesPos, c.OrderPos = slices.Clone(r.GradesPos), slices.Clone(r.OrderPos)
	return c
}

// Check reports every fault of r that [Select] and [Round] would refuse,
// each an [*Error] joined with [errors.Join]; nil when r can be used.
func (r Rules) Check() error {
	_, errs := compile(r)
	return errors.Join(errs...)
}

// List is one list of representatives: the city's (重点联系培养, about 200)
// or a county-district's (50).
type List struct {
	// ID names the list in results and errors; the baseline uses the
	// unit's GB/T 2260 code (the city's for the city list).
	ID string `yaml:"id,omitempty" json:"id"`
	// Label is the Chinese name of the list, for forms.
	Label string `yaml:"label,omitempty" json:"label,omitempty"`
	// Unit is the county-district code of a county list; "" for the city
	// list, which draws on every unit.
	Unit string `yaml:"unit,omitempty" json:"unit,omitempty"`
	// Former are codes the unit had before (横县 450127 is now 横州市
	// 450181); candidates filed under them belong to this list. A policy
	// fills them in from its jurisdiction; its file never gives them.
	Former []string `yaml:"-" json:"former,omitempty"`
	// Quota is the number of seats; 0 keeps the list empty.
	Quota int `yaml:"quota" json:"quota"`
	// PriorityLevel is the lowest post level that comes first on this
	// list (roster.City for the city list, roster.County for a county
	// list). The zero value gives no one priority.
	PriorityLevel roster.Level `yaml:"priority_level,omitempty" json:"priority_level,omitempty"`
	// CoverageShare sets the minimum of each of the four groups to
	// ⌈CoverageShare × Quota⌉ (baseline 0.1). The zero value sets no
	// minimum. It is ignored when Minimums is not nil.
	CoverageShare decimal.Decimal `yaml:"coverage_share,omitempty" json:"coverage_share"`
	// Minimums, when not nil, gives each group's minimum explicitly; a
	// group it does not name has none. A policy file gives the share
	// only: Minimums are for rules built in Go.
	Minimums map[classify.Group]int `yaml:"-" json:"minimums,omitempty"`

	// Where the list and its fields are in a policy file; zero for a list
	// built in Go.
	Pos              formula.Position `yaml:"-" json:"-"`
	IDPos            formula.Position `yaml:"-" json:"-"`
	UnitPos          formula.Position `yaml:"-" json:"-"`
	QuotaPos         formula.Position `yaml:"-" json:"-"`
	PriorityLevelPos formula.Position `yaml:"-" json:"-"`
	CoverageSharePos formula.Position `yaml:"-" json:"-"`
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

// sortKeyCodes are the codes of the sort keys in a policy file, by key.
var sortKeyCodes = []string{"", "priority", "grade", "score", "post", "key", "incumbent"}

// Code returns the code of v in a policy file (priority, grade, score,
// post, key, incumbent); "" for a key outside the set.
func (v SortKey) Code() string {
	if !v.Valid() {
		return ""
	}
	return sortKeyCodes[v]
}

// MarshalText writes the code of v.
func (v SortKey) MarshalText() ([]byte, error) {
	if !v.Valid() {
		return nil, fmt.Errorf("tier: SortKey(%d) has no code", uint8(v))
	}
	return []byte(v.Code()), nil
}

// UnmarshalText reads a sort key by its code (score) or its Chinese label
// (综合评价得分).
func (v *SortKey) UnmarshalText(b []byte) error {
	s := string(b)
	for k := ByPriority; k.Valid(); k++ {
		if s == k.Code() || s == k.Label() {
			*v = k
			return nil
		}
	}
	return fmt.Errorf("排序键 %q 不是 %s 之一 (sort key %q is not one of %s)", s, strings.Join(sortKeyCodes[1:], "、"), s, strings.Join(sortKeyCodes[1:], ", "))
}
