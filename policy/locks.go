package policy

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/qualify"
	"slices"
	"strings"
)

// Locks say what the city's county-districts may change of its policy. The
// zero value is the defaults, which follow the notice: Annex 3 is each
// county-district's ("附件3由各县区结合工作实际，自行建立完善"), Annex 4 and
// the removal of grade D are the city's. So by default a county-district
// may change points, weights and formulas, add and disable indicators, move
// the grade cut-offs, add conditions or make one stricter (soft → hard), and
// change, disable or add classification rules and reorder the groups;
// it may not make a hard condition of the city's soft, remove or change a
// condition or a veto of the city's, change the veto grade, or keep in the
// database a grade the city removes. Locks loosen or tighten the defaults;
// what no lock can loosen is listed at [Lock].
type Locks struct {
	// Relax lists the city's hard conditions that a county-district may
	// make soft (loosens the default).
	Relax []string `yaml:"relax,omitempty" json:"relax,omitempty"`
	// Indicators lists indicators a county-district may not change or
	// disable (tightens the default); a first-level indicator is locked
	// with its points and its second-level indicators.
	Indicators []string `yaml:"indicators,omitempty" json:"indicators,omitempty"`
	// Grades says which grade bands a county-district may move.
	Grades GradeLock `yaml:"grades,omitempty" json:"grades,omitempty"`
	// Classification lists classification rules a county-district may not
	// change or disable, nor, for a screen or a fallback, put a rule before
	// (tightens the default, which leaves every classification rule and the
	// priority of the groups to the county-district).
	Classification []string `yaml:"classification,omitempty" json:"classification,omitempty"`

	// Where the locks and each of their entries are in the file.
	Pos               formula.Position   `yaml:"-" json:"-"`
	RelaxPos          []formula.Position `yaml:"-" json:"-"`
	IndicatorsPos     []formula.Position `yaml:"-" json:"-"`
	GradesPos         formula.Position   `yaml:"-" json:"-"`
	ClassificationPos []formula.Position `yaml:"-" json:"-"`
}

// GradeLock says which grade bands a county-district may move. Whatever it
// says, a grade the city removes from the database stays removed and below
// the others, and the veto grade stays the city's.
type GradeLock string

// The grade locks.
const (
	// GradesOpen (or "") lets a county-district move every cut-off.
	GradesOpen GradeLock = "open"
	// GradesRemoved keeps the bands the city removes (D < 60) as the city
	// wrote them; the cut-offs above them may move.
	GradesRemoved GradeLock = "removed"
	// GradesAll keeps every band as the city wrote it.
	GradesAll GradeLock = "all"
)

// IsZero reports whether l is the defaults, so that a policy that writes
// the defaults out has the fingerprint of one that leaves them out.
func (l Locks) IsZero() bool {
	return len(l.Relax) == 0 && len(l.Indicators) == 0 && len(l.Classification) == 0 && (l.Grades == "" || l.Grades == GradesOpen)
}

func (l Locks) clone() Locks {
	c := l
	c.Relax, c.Indicators, c.Classification = slices.Clone(l.Relax), slices.Clone(l.Indicators), slices.Clone(l.Classification)
	c.RelaxPos, c.IndicatorsPos, c.ClassificationPos = slices.Clone(l.RelaxPos), slices.Clone(l.IndicatorsPos), slices.Clone(l.ClassificationPos)
	return c
}

// place returns where the i-th id of the list key is, else where the locks
// are.
func (l *Locks) place(key string, i int) formula.Position {
	var at []formula.Position
	switch key {
	case "relax":
		at = l.RelaxPos
	case "indicators":
		at = l.IndicatorsPos
	case "classification":
		at = l.ClassificationPos
	case "grades":
		at = []formula.Position{l.GradesPos}
	}
	if i < len(at) && at[i].Line > 0 {
		return at[i]
	}
	return l.Pos
}

// check reports locks that name what the policy d does not hold.
func (l *Locks) check(d *Document, p *problems) {
	switch l.Grades {
	case "", GradesOpen, GradesRemoved, GradesAll:
	default:
		p.add(d.blame(l.place("grades", 0), l.Pos), ErrInvalid, "locks.grades：%q 不是 open、removed、all 之一", "locks.grades: %q is not one of open, removed, all", string(l.Grades))
	}
	for i, id := range l.Relax {
		if !slices.ContainsFunc(d.Conditions, func(c qualify.Condition) bool { return c.ID == id }) {
			p.add(d.blame(l.place("relax", i), l.Pos), ErrUnknownID, "locks.relax：%[2]s 中没有资格条件 %[1]q", "locks.relax: condition %q does not exist in %s", id, d.ID)
		}
	}
	for i, id := range l.Indicators {
		if findIndicator(d.Indicators, id) == nil {
			p.add(d.blame(l.place("indicators", i), l.Pos), ErrUnknownID, "locks.indicators：%[2]s 中没有指标 %[1]q", "locks.indicators: indicator %q does not exist in %s", id, d.ID)
		}
	}
	l.checkClassification(d, p)
}

// Lock names what a county-district's file may not do, for the clerk who
// must act on a refusal (errors.As(err, &lock)). LockOwnUnit, LockExtendsCity,
// LockIDs, LockLocks, LockVetoes, LockVetoGrade, LockRemovedGrades and
// LockLists hold
// whatever the city's [Locks] say; LockConditions yields to Locks.Relax,
// LockIndicators, LockGrades and LockClassification are the city's to set.
type Lock int

// The locks.
const (
	// LockOwnUnit: a county-district's file is for that unit only.
	LockOwnUnit Lock = iota + 1
	// LockExtendsCity: a county-district's file extends the city's policy
	// (or one of the unit's own versions); it is never a whole policy.
	LockExtendsCity
	// LockIDs: a county-district cannot use the id of a policy of the
	// city's or another unit's.
	LockIDs
	// LockLocks: only the city's policy says what county-districts may
	// change.
	LockLocks
	// LockConditions: the city's conditions may be made stricter, never
	// relaxed (hard → soft, unless listed in Locks.Relax), changed or
	// removed.
	LockConditions
	// LockVetoes: the city's vetoes cannot be removed or changed.
	LockVetoes
	// LockVetoGrade: the veto grade is the city's.
	LockVetoGrade
	// LockRemovedGrades: a grade the city removes from the database stays
	// removed.
	LockRemovedGrades
	// LockIndicators: the indicators listed in Locks.Indicators.
	LockIndicators
	// LockGrades: the bands Locks.Grades keeps.
	LockGrades
	// LockClassification: the classification rules listed in
	// Locks.Classification.
	LockClassification
	// LockLists: the lists (quotas, priority, group coverage, the grades
	// listed, the order) are the city's; no lock loosens it.
	LockLists
)

var lockText = map[Lock][2]string{
	LockOwnUnit:        {"区县只能制定本单位的政策", "a county-district sets rules for itself only"},
	LockExtendsCity:    {"区县政策须继承市级政策", "a county-district's policy extends the city's"},
	LockIDs:            {"政策编号不能与市级或其他单位的重复", "the policy ids of the city and of other units are theirs"},
	LockLocks:          {"区县可改范围（locks）由市级规定", "only the city says what county-districts may change (locks)"},
	LockConditions:     {"市级资格条件只能从严，不能放宽、修改或删除", "the city's conditions may be made stricter, never relaxed, changed or removed"},
	LockVetoes:         {"一票否决项由市级规定，不能删除或修改", "the city's vetoes cannot be removed or changed"},
	LockVetoGrade:      {"一票否决等次由市级规定", "the veto grade is the city's"},
	LockRemovedGrades:  {"市级规定剔除的等次仍须从数据库剔除", "a grade the city removes from the database stays removed"},
	LockIndicators:     {"市级锁定的指标不能修改或停用", "indicators the city locked cannot be changed or disabled"},
	LockGrades:         {"市级锁定的等次分数段不能修改", "grade bands the city locked cannot be changed"},
	LockClassification: {"市级锁定的分类规则不能修改", "classification rules the city locked cannot be changed"},
	LockLists:          {"名单规则由市级规定", "the lists are the city's"},
}

// Label returns the lock in Chinese, as messages name it; "" for the zero
// Lock, which is none.
func (l Lock) Label() string {
	if t, ok := lockText[l]; ok {
		return t[0]
	}
	if l == 0 {
		return ""
	}
	return fmt.Sprintf("Lock(%d)", int(l))
}

// String returns the lock in English; "" for the zero Lock.
// Error makes a Lock a cause an error can carry: errors.As(err, &lock)
// says which lock a refusal names.
func (l Lock) Error() string { return l.String() }

func (l Lock) String() string {
	if t, ok := lockText[l]; ok {
		return t[1]
	}
	if l == 0 {
		return ""
	}
	return fmt.Sprintf("Lock(%d)", int(l))
}

// locked records a refusal by lock at at: zh and en are formats of args,
// the detail after the lock's name.
func (p *problems) locked(at formula.Position, lock Lock, zh, en string, args ...any) {
	p.errs = append(p.errs, &formula.Error{
		Position:  at,
		Policy:    p.policy,
		MessageZH: "锁定「" + lock.Label() + "」：" + fmt.Sprintf(zh, args...),
		Message:   "lock \"" + lock.String() + "\": " + fmt.Sprintf(en, args...),
		Err:       errors.Join(ErrLocked, lock),
	})
}

// checkLocks reports what d, the policy a county-district's overlay o made,
// changes of city, the policy of the city's it is built on, against the
// city's locks. It compares the policies, not the overlay's entries, so
// that it holds whatever an overlay can say; the places are the overlay's
// entries that made the change.
func checkLocks(city, d *Document, o *Overlay, p *problems) {
	locks := &city.Locks
	// Names are required of conditions and vetoes: the Chinese one closes
	// with "）", and no space follows it.
	zh := func(id, n string) string { return id + "（" + n + "）" }
	en := func(id, n string) string { return id + " (" + n + ")" }
	for _, c := range city.Conditions {
		i := slices.IndexFunc(d.Conditions, func(x qualify.Condition) bool { return x.ID == c.ID })
		if i < 0 {
			p.locked(o.posOf("conditions"), LockConditions, "不能删除市级资格条件 %[1]s", "condition %[2]s of the city's cannot be removed", zh(c.ID, c.Name), en(c.ID, c.Name))
			continue
		}
		nc := d.Conditions[i]
		if canonical(nc.Formula) != canonical(c.Formula) {
			p.locked(d.blame(nc.FormulaPos, nc.Pos), LockConditions, "不能修改市级资格条件 %[1]s的公式", "the formula of condition %[2]s of the city's cannot be changed", zh(c.ID, c.Name), en(c.ID, c.Name))
		}
		if c.Kind == qualify.Hard && nc.Kind != qualify.Hard && !slices.Contains(locks.Relax, c.ID) {
			p.locked(nc.Pos, LockConditions, "资格条件 %[1]s是市级刚性条件（hard），不能改为 %[3]s；只有市级政策在 locks.relax 中列出的条件才可放宽", "condition %[2]s is a hard condition of the city's and cannot be made %[3]s; only the conditions the city lists in locks.relax may be", zh(c.ID, c.Name), en(c.ID, c.Name), string(nc.Kind))
		}
	}
	for _, v := range city.Vetoes {
		i := slices.IndexFunc(d.Vetoes, func(x evaluate.Veto) bool { return x.ID == v.ID })
		switch {
		case i < 0:
			p.locked(o.posOf("vetoes"), LockVetoes, "不能删除市级一票否决项 %[1]s", "veto %[2]s of the city's cannot be removed", zh(v.ID, v.Name), en(v.ID, v.Name))
		case canonical(d.Vetoes[i].Formula) != canonical(v.Formula):
			p.locked(d.blame(d.Vetoes[i].FormulaPos, d.Vetoes[i].Pos), LockVetoes, "不能修改市级一票否决项 %[1]s的公式", "the formula of veto %[2]s of the city's cannot be changed", zh(v.ID, v.Name), en(v.ID, v.Name))
		}
	}
	if d.VetoGrade != city.VetoGrade {
		p.locked(o.posOf("veto_grade"), LockVetoGrade, "一票否决等次（veto_grade）须为市级规定的 %s，不能改为 %s", "the veto grade is %s, as the city says, not %s", city.VetoGrade.Code(), d.VetoGrade.Code())
	}
	for _, b := range city.Grades {
		if !b.Removed {
			continue
		}
		i := slices.IndexFunc(d.Grades, func(x evaluate.Band) bool { return x.Grade == b.Grade })
		switch {
		case i < 0:
			p.locked(o.posOf("grades"), LockRemovedGrades, "等次 %[1]s 由市级规定从数据库剔除，不能取消；请保留等次 %[1]s 并写明 removed: true", "grade %[1]s is removed from the database by the city and cannot be dropped; keep grade %[1]s with removed: true", b.Grade.Code())
		case !d.Grades[i].Removed:
			p.locked(d.Grades[i].Pos, LockRemovedGrades, "等次 %[1]s 由市级规定从数据库剔除；请写明 removed: true", "grade %[1]s is removed from the database by the city; write removed: true", b.Grade.Code())
		}
	}
	checkGradeLock(city, d, o, p)
	for _, id := range locks.Indicators {
		checkIndicatorLock(city, d, o, id, p)
	}
	checkClassificationLocks(city, d, o, p)
	checkListLock(city, d, o, p)
}

func checkGradeLock(city, d *Document, o *Overlay, p *problems) {
	span := func(bs []evaluate.Band) string {
		var parts []string
		for _, b := range bs {
			s := fmt.Sprintf("%s %s–%s", b.Grade.Code(), b.From, b.To)
			if b.Removed {
				s += " removed"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ", ")
	}
	same := func(a, b evaluate.Band) bool {
		return a.Grade == b.Grade && a.From.Equal(b.From) && a.To.Equal(b.To) && a.Removed == b.Removed
	}
	switch city.Locks.Grades {
	case GradesAll:
		if !slices.EqualFunc(city.Grades, d.Grades, same) {
			p.locked(o.posOf("grades"), LockGrades, "等次分数段由市级锁定（locks.grades: all），须与 %[1]s 相同：%[2]s", "the city locked the grade bands (locks.grades: all); they are those of %[1]s: %[2]s", city.ID, span(city.Grades))
		}
	case GradesRemoved:
		for _, b := range city.Grades {
			if !b.Removed {
				continue
			}
			i := slices.IndexFunc(d.Grades, func(x evaluate.Band) bool { return x.Grade == b.Grade })
			if i >= 0 && !same(b, d.Grades[i]) {
				p.locked(d.Grades[i].Pos, LockGrades, "剔除等次的分数段由市级锁定（locks.grades: removed），等次 %s 须为 %s–%s", "the city locked the bands of removed grades (locks.grades: removed); grade %s is %s–%s", b.Grade.Code(), b.From, b.To)
			}
		}
	}
}

// checkIndicatorLock reports a change to the indicator id, which the city
// locked.
func checkIndicatorLock(city, d *Document, o *Overlay, id string, p *problems) {
	was, now := findIndicator(city.Indicators, id), findIndicator(d.Indicators, id)
	if was == nil {
		return // Compile reports a lock on an id the city's policy lacks
	}
	if now == nil {
		at := o.posOf("indicators")
		if i := slices.Index(o.Indicators.Disable, id); i >= 0 && i < len(o.Indicators.DisablePos) {
			at = o.Indicators.DisablePos[i]
		}
		p.locked(at, LockIndicators, "指标 %s（%s）由市级锁定，不能停用", "indicator %s (%s) is locked by the city and cannot be disabled", id, was.Name)
		return
	}
	if !now.Points.Equal(was.Points) || canonical(now.Formula) != canonical(was.Formula) {
		p.locked(now.Pos, LockIndicators, "指标 %s（%s）由市级锁定，分值须为 %s，公式不能修改", "indicator %s (%s) is locked by the city: its points are %s and its formula cannot change", id, was.Name, was.Points)
	}
	for _, c := range now.Children {
		if findIndicator(was.Children, c.ID) == nil {
			p.locked(c.Pos, LockIndicators, "一级指标 %s（%s）由市级锁定，不能在其下新增二级指标 %s", "first-level indicator %s (%s) is locked by the city; indicator %s cannot be added under it", id, was.Name, c.ID)
		}
	}
	for _, c := range was.Children {
		if !slices.Contains(city.Locks.Indicators, c.ID) { // else checked on its own
			checkIndicatorLock(city, d, o, c.ID, p)
		}
	}
}
