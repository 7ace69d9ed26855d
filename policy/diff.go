package policy

import (
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/qualify"
	"strings"

	"github.com/shopspring/decimal"
)

// ChangeKind is what a [Change] is about.
type ChangeKind uint8

// The kinds of change.
const (
	NameChanged             ChangeKind = iota + 1 // the policy's name
	JurisdictionChanged                           // the city or unit it is for
	ValidityChanged                               // valid_from or valid_until
	TotalChanged                                  // the full score
	RoundingChanged                               // places or mode
	InputAdded                                    // an input declared
	InputRemoved                                  // an input no longer declared
	InputChanged                                  // an input's label, type, range or default
	ConditionAdded                                // a qualification condition added
	ConditionRemoved                              // a condition removed
	ConditionKindChanged                          // hard ↔ soft
	ConditionChanged                              // a condition's name, formula or reason
	IndicatorAdded                                // an indicator added, with its parent and points
	IndicatorRemoved                              // an indicator disabled
	IndicatorPointsChanged                        // an indicator's points (its weight)
	IndicatorFormulaChanged                       // a second-level indicator's formula
	IndicatorChanged                              // an indicator's name, note or parent
	BonusAdded                                    // a bonus added
	BonusRemoved                                  // a bonus removed
	BonusChanged                                  // a bonus's name, points or formula
	VetoAdded                                     // a veto added
	VetoRemoved                                   // a veto removed
	VetoChanged                                   // a veto's name or formula
	VetoGradeChanged                              // the grade a veto gives
	GradeAdded                                    // a grade band added
	GradeRemoved                                  // a grade band removed
	GradeChanged                                  // a band's cut-offs or its removal from the database
)

var changeKindNames = [...]struct{ name, label string }{
	NameChanged:             {"name changed", "名称变更"},
	JurisdictionChanged:     {"jurisdiction changed", "适用地区变更"},
	ValidityChanged:         {"validity changed", "有效期变更"},
	TotalChanged:            {"total changed", "总分变更"},
	RoundingChanged:         {"rounding changed", "计分精度变更"},
	InputAdded:              {"input added", "新增输入项"},
	InputRemoved:            {"input removed", "删除输入项"},
	InputChanged:            {"input changed", "输入项变更"},
	ConditionAdded:          {"condition added", "新增条件"},
	ConditionRemoved:        {"condition removed", "删除条件"},
	ConditionKindChanged:    {"condition kind changed", "条件类别变更"},
	ConditionChanged:        {"condition changed", "条件变更"},
	IndicatorAdded:          {"indicator added", "新增指标"},
	IndicatorRemoved:        {"indicator removed", "停用指标"},
	IndicatorPointsChanged:  {"indicator points changed", "指标分值变更"},
	IndicatorFormulaChanged: {"indicator formula changed", "指标公式变更"},
	IndicatorChanged:        {"indicator changed", "指标变更"},
	BonusAdded:              {"bonus added", "新增加分项"},
	BonusRemoved:            {"bonus removed", "删除加分项"},
	BonusChanged:            {"bonus changed", "加分项变更"},
	VetoAdded:               {"veto added", "新增否决项"},
	VetoRemoved:             {"veto removed", "删除否决项"},
	VetoChanged:             {"veto changed", "否决项变更"},
	VetoGradeChanged:        {"veto grade changed", "否决等次变更"},
	GradeAdded:              {"grade added", "新增等次"},
	GradeRemoved:            {"grade removed", "删除等次"},
	GradeChanged:            {"grade changed", "等次分数线变更"},

	ClassificationPriorityChanged: {"classification priority changed", "分类优先顺序变更"},
	ClassificationRuleAdded:       {"classification rule added", "新增分类规则"},
	ClassificationRuleRemoved:     {"classification rule removed", "停用分类规则"},
	ClassificationRuleChanged:     {"classification rule changed", "分类规则变更"},
}

// String returns the English name of the kind.
func (k ChangeKind) String() string {
	if int(k) < len(changeKindNames) && k > 0 {
		return changeKindNames[k].name
	}
	return fmt.Sprintf("ChangeKind(%d)", uint8(k))
}

// Label returns the Chinese name of the kind.
func (k ChangeKind) Label() string {
	if int(k) < len(changeKindNames) && k > 0 {
		return changeKindNames[k].label
	}
	return k.String()
}

// Change is one difference between two policies, in words: Chinese first,
// then English in brackets.
type Change struct {
	Kind ChangeKind
	// ID is the id of what changed: an indicator, condition, input, bonus
	// or veto id, a grade (A, B, C, D), or for the policy as a whole the
	// field's name in the file (name, valid_from, total, veto_grade ...).
	ID   string
	Text string
}

// String returns the change's text.
func (c Change) String() string { return c.Text }

// Diff lists what next changes of base: what a county-district's overlay
// did to the policy it extends, or what a new version of a policy does to
// the old one. It works on any two documents, resolved (an overlay applied
// by [Overlay.Apply], or a compiled policy's [Policy.Document]); the ids of
// the two policies, what they extend and where their text stands in files
// are not changes, and formulas with the same parse are equal (white space,
// line breaks, comments and redundant parentheses aside); a changed formula
// is shown as written, its white space folded.
// The changes come in the order of the policy: the policy's own fields,
// inputs, classification, conditions, indicators (each first-level indicator followed by
// its second-level ones), bonuses, vetoes, grades; what next no longer has
// comes after what it has, in base's order.
func Diff(base, next *Document) []Change {
	var d differ
	d.policy(base, next)
	d.inputs(base.Inputs, next.Inputs)
	d.classification(base, next)
	d.conditions(base.Conditions, next.Conditions)
	d.indicators(base.Indicators, next.Indicators)
	d.bonuses(base.Bonuses, next.Bonuses)
	d.vetoes(base.Vetoes, next.Vetoes)
	if base.VetoGrade != next.VetoGrade {
		d.add(VetoGradeChanged, "veto_grade", "一票否决等次：%s → %s (veto grade %s → %s)",
			base.VetoGrade.Code(), next.VetoGrade.Code(), base.VetoGrade.Code(), next.VetoGrade.Code())
	}
	d.grades(base.Grades, next.Grades)
	return d.changes
}

type differ struct{ changes []Change }

func (d *differ) add(kind ChangeKind, id, format string, args ...any) {
	d.changes = append(d.changes, Change{Kind: kind, ID: id, Text: fmt.Sprintf(format, args...)})
}

func (d *differ) policy(base, next *Document) {
	if base.Name != next.Name {
		d.add(NameChanged, "name", "名称：%s → %s (name changed)", orNone(base.Name), orNone(next.Name))
	}
	if base.Jurisdiction != next.Jurisdiction {
		d.add(JurisdictionChanged, "jurisdiction", "适用地区：%s → %s (jurisdiction %s → %s)",
			orNone(base.Jurisdiction), orNone(next.Jurisdiction), orNoneEn(base.Jurisdiction), orNoneEn(next.Jurisdiction))
	}
	if base.ValidFrom != next.ValidFrom {
		d.add(ValidityChanged, "valid_from", "生效日期：%s → %s (valid from %s → %s)",
			orNone(base.ValidFrom.String()), orNone(next.ValidFrom.String()), orNoneEn(base.ValidFrom.String()), orNoneEn(next.ValidFrom.String()))
	}
	if base.ValidUntil != next.ValidUntil {
		d.add(ValidityChanged, "valid_until", "失效日期：%s → %s (valid until %s → %s)",
			orOpen(base.ValidUntil.String()), orOpen(next.ValidUntil.String()), orOpenEn(base.ValidUntil.String()), orOpenEn(next.ValidUntil.String()))
	}
	if !base.Total.Equal(next.Total) {
		d.add(TotalChanged, "total", "总分：%s → %s (total %s → %s)", base.Total, next.Total, base.Total, next.Total)
	}
	if base.Rounding != next.Rounding {
		d.add(RoundingChanged, "rounding", "计分精度：%s → %s (rounding %s → %s)",
			roundingLabel(base.Rounding), roundingLabel(next.Rounding), roundingName(base.Rounding), roundingName(next.Rounding))
	}
}

func (d *differ) inputs(base, next []Input) {
	old := index(base, func(in Input) string { return in.ID })
	for _, in := range next {
		b, ok := old[in.ID]
		if !ok {
			d.add(InputAdded, in.ID, "新增输入项 %s %s：%s (input declared: %s)", in.ID, in.Label, inputLabel(in), inputName(in))
			continue
		}
		if b.Label != in.Label || inputName(b) != inputName(in) {
			d.add(InputChanged, in.ID, "输入项 %s：%s（%s）→ %s（%s）(input changed: %s → %s)",
				in.ID, b.Label, inputLabel(b), in.Label, inputLabel(in), inputName(b), inputName(in))
		}
	}
	for _, in := range gone(base, next, func(in Input) string { return in.ID }) {
		d.add(InputRemoved, in.ID, "删除输入项 %s %s (input removed)", in.ID, in.Label)
	}
}

func (d *differ) conditions(base, next []qualify.Condition) {
	old := index(base, func(c qualify.Condition) string { return c.ID })
	for _, c := range next {
		b, ok := old[c.ID]
		if !ok {
			d.add(ConditionAdded, c.ID, "新增条件 %s %s（%s）：%s (condition added: %s)", c.ID, c.Name, c.Kind.Label(), asWritten(c.Formula), string(c.Kind))
			continue
		}
		if b.Kind != c.Kind {
			d.add(ConditionKindChanged, c.ID, "条件 %s %s：%s → %s (kind %s → %s)", c.ID, c.Name, b.Kind.Label(), c.Kind.Label(), string(b.Kind), string(c.Kind))
		}
		if b.Name != c.Name {
			d.add(ConditionChanged, c.ID, "条件 %s：名称 %s → %s (name changed)", c.ID, b.Name, c.Name)
		}
		if !sameFormula(b.Formula, c.Formula) {
			d.add(ConditionChanged, c.ID, "条件 %s %s：公式 %s → %s (formula changed)", c.ID, c.Name, asWritten(b.Formula), asWritten(c.Formula))
		}
		if b.Reason != c.Reason {
			d.add(ConditionChanged, c.ID, "条件 %s %s：不符合时的说明 %s → %s (reason changed)", c.ID, c.Name, orNone(b.Reason), orNone(c.Reason))
		}
	}
	for _, c := range gone(base, next, func(c qualify.Condition) string { return c.ID }) {
		d.add(ConditionRemoved, c.ID, "删除条件 %s %s（%s）(condition removed)", c.ID, c.Name, c.Kind.Label())
	}
}

// placed is an indicator with its first-level indicator ("" for a
// first-level one).
type placed struct {
	evaluate.Indicator
	parent *evaluate.Indicator
}

func flatten(ins []evaluate.Indicator) map[string]placed {
	out := map[string]placed{}
	for i := range ins {
		top := &ins[i]
		out[top.ID] = placed{Indicator: *top}
		for _, c := range top.Children {
			out[c.ID] = placed{Indicator: c, parent: top}
		}
	}
	return out
}

func (d *differ) indicators(base, next []evaluate.Indicator) {
	old, now := flatten(base), flatten(next)
	for i := range next {
		top := &next[i]
		d.indicator(old, placed{Indicator: *top})
		for _, c := range top.Children {
			d.indicator(old, placed{Indicator: c, parent: top})
		}
		// What this first-level indicator no longer has, in base's order.
		if b, ok := old[top.ID]; ok && b.parent == nil {
			for _, c := range b.Children {
				if _, kept := now[c.ID]; !kept {
					d.add(IndicatorRemoved, c.ID, "停用指标 %s %s（原属 %s %s，分值 %s）(indicator disabled: was under %s, points %s)",
						c.ID, c.Name, b.ID, b.Name, c.Points, b.ID, c.Points)
				}
			}
		}
	}
	for _, b := range base {
		if _, kept := now[b.ID]; kept {
			continue
		}
		d.add(IndicatorRemoved, b.ID, "停用一级指标 %s %s（分值 %s%s）(first-level indicator disabled: points %s)",
			b.ID, b.Name, b.Points, childList(b.Children), b.Points)
		// Its second-level indicators that next keeps elsewhere were
		// reported as moved; the others went with it.
	}
}

func childList(children []evaluate.Indicator) string {
	if len(children) == 0 {
		return ""
	}
	ids := make([]string, len(children))
	for i, c := range children {
		ids[i] = c.ID
	}
	return "，含 " + strings.Join(ids, "、")
}

func parentID(p placed) string {
	if p.parent == nil {
		return ""
	}
	return p.parent.ID
}

func (d *differ) indicator(old map[string]placed, in placed) {
	b, ok := old[in.ID]
	if !ok {
		if in.parent == nil {
			d.add(IndicatorAdded, in.ID, "新增一级指标 %s %s，分值 %s (first-level indicator added, points %s)", in.ID, in.Name, in.Points, in.Points)
			return
		}
		d.add(IndicatorAdded, in.ID, "新增指标 %s %s（属于 %s %s），分值 %s，公式 %s (indicator added under %s, points %s)",
			in.ID, in.Name, in.parent.ID, in.parent.Name, in.Points, asWritten(in.Formula), in.parent.ID, in.Points)
		return
	}
	if from, to := parentID(b), parentID(in); from != to {
		d.add(IndicatorChanged, in.ID, "指标 %s %s：从 %s 移到 %s (moved from %s to %s)", in.ID, in.Name, orTop(from), orTop(to), orTopEn(from), orTopEn(to))
	}
	if b.Name != in.Name {
		d.add(IndicatorChanged, in.ID, "指标 %s：名称 %s → %s (name changed)", in.ID, b.Name, in.Name)
	}
	if !b.Points.Equal(in.Points) {
		d.add(IndicatorPointsChanged, in.ID, "指标 %s %s：分值 %s → %s (points %s → %s)", in.ID, in.Name, b.Points, in.Points, b.Points, in.Points)
	}
	if !sameFormula(b.Formula, in.Formula) {
		d.add(IndicatorFormulaChanged, in.ID, "指标 %s %s：公式 %s → %s (formula changed)", in.ID, in.Name, orNone(asWritten(b.Formula)), orNone(asWritten(in.Formula)))
	}
	if b.Note != in.Note {
		d.add(IndicatorChanged, in.ID, "指标 %s %s：说明 %s → %s (note changed)", in.ID, in.Name, orNone(b.Note), orNone(in.Note))
	}
}

func (d *differ) bonuses(base, next []evaluate.Bonus) {
	old := index(base, func(b evaluate.Bonus) string { return b.ID })
	for _, n := range next {
		b, ok := old[n.ID]
		if !ok {
			d.add(BonusAdded, n.ID, "新增加分项 %s %s，最多 %s 分，公式 %s (bonus added, up to %s)", n.ID, n.Name, n.Points, asWritten(n.Formula), n.Points)
			continue
		}
		if b.Name != n.Name {
			d.add(BonusChanged, n.ID, "加分项 %s：名称 %s → %s (name changed)", n.ID, b.Name, n.Name)
		}
		if !b.Points.Equal(n.Points) {
			d.add(BonusChanged, n.ID, "加分项 %s %s：分值 %s → %s (points %s → %s)", n.ID, n.Name, b.Points, n.Points, b.Points, n.Points)
		}
		if !sameFormula(b.Formula, n.Formula) {
			d.add(BonusChanged, n.ID, "加分项 %s %s：公式 %s → %s (formula changed)", n.ID, n.Name, asWritten(b.Formula), asWritten(n.Formula))
		}
	}
	for _, b := range gone(base, next, func(b evaluate.Bonus) string { return b.ID }) {
		d.add(BonusRemoved, b.ID, "删除加分项 %s %s（最多 %s 分）(bonus removed)", b.ID, b.Name, b.Points)
	}
}

func (d *differ) vetoes(base, next []evaluate.Veto) {
	old := index(base, func(v evaluate.Veto) string { return v.ID })
	for _, n := range next {
		b, ok := old[n.ID]
		if !ok {
			d.add(VetoAdded, n.ID, "新增一票否决项 %s %s：%s (veto added)", n.ID, n.Name, asWritten(n.Formula))
			continue
		}
		if b.Name != n.Name {
			d.add(VetoChanged, n.ID, "一票否决项 %s：名称 %s → %s (name changed)", n.ID, b.Name, n.Name)
		}
		if !sameFormula(b.Formula, n.Formula) {
			d.add(VetoChanged, n.ID, "一票否决项 %s %s：公式 %s → %s (formula changed)", n.ID, n.Name, asWritten(b.Formula), asWritten(n.Formula))
		}
	}
	for _, v := range gone(base, next, func(v evaluate.Veto) string { return v.ID }) {
		d.add(VetoRemoved, v.ID, "删除一票否决项 %s %s (veto removed)", v.ID, v.Name)
	}
}

func (d *differ) grades(base, next []evaluate.Band) {
	key := func(b evaluate.Band) string { return b.Grade.Code() }
	old := index(base, key)
	for _, n := range next {
		g := key(n)
		b, ok := old[g]
		if !ok {
			d.add(GradeAdded, g, "新增等次 %s：%s%s (grade added: %s%s)", g, span(n), removedLabel(n.Removed), span(n), removedName(n.Removed))
			continue
		}
		if !b.From.Equal(n.From) || !b.To.Equal(n.To) {
			d.add(GradeChanged, g, "等次 %s：%s → %s (band %s → %s)", g, span(b), span(n), span(b), span(n))
		}
		if b.Removed != n.Removed {
			d.add(GradeChanged, g, "等次 %s：从数据库剔除 %s → %s (removed from the database: %s → %s)",
				g, yesNo(b.Removed), yesNo(n.Removed), yesNoEn(b.Removed), yesNoEn(n.Removed))
		}
	}
	for _, b := range gone(base, next, key) {
		g := key(b)
		d.add(GradeRemoved, g, "删除等次 %s：%s (grade removed: %s)", g, span(b), span(b))
	}
}

// index maps items by key; the first of a duplicate key wins.
func index[T any](items []T, key func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		if _, dup := out[key(it)]; !dup {
			out[key(it)] = it
		}
	}
	return out
}

// gone returns the items of base whose key next does not have, in base's
// order.
func gone[T any](base, next []T, key func(T) string) []T {
	now := index(next, key)
	var out []T
	for _, it := range base {
		if _, ok := now[key(it)]; !ok {
			out = append(out, it)
		}
	}
	return out
}

func span(b evaluate.Band) string { return fmt.Sprintf("%s–%s", b.From, b.To) }

func removedLabel(removed bool) string {
	if removed {
		return "，从数据库剔除"
	}
	return ""
}

func removedName(removed bool) string {
	if removed {
		return ", removed from the database"
	}
	return ""
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func yesNoEn(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orNone(s string) string {
	if s == "" {
		return "（无）"
	}
	return s
}

func orNoneEn(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func orOpen(s string) string {
	if s == "" {
		return "（长期有效）"
	}
	return s
}

func orOpenEn(s string) string {
	if s == "" {
		return "open"
	}
	return s
}

func orTop(parent string) string {
	if parent == "" {
		return "一级指标"
	}
	return parent
}

func orTopEn(parent string) string {
	if parent == "" {
		return "first level"
	}
	return parent
}

func roundingLabel(r evaluate.Rounding) string {
	mode := map[evaluate.RoundingMode]string{evaluate.HalfUp: "四舍五入", evaluate.HalfEven: "银行家舍入", evaluate.Down: "截尾"}[r.Mode]
	if mode == "" {
		mode = string(r.Mode)
	}
	return fmt.Sprintf("保留 %d 位小数，%s", r.Places, mode)
}

func roundingName(r evaluate.Rounding) string { return fmt.Sprintf("%d places, %s", r.Places, r.Mode) }

func inputTypeLabel(t InputType) string {
	if l, ok := map[InputType]string{IntInput: "整数", DecimalInput: "小数", BoolInput: "是/否", StringInput: "文本"}[t]; ok {
		return l
	}
	return string(t)
}

// inputLabel describes an input's type, range and default in Chinese.
func inputLabel(in Input) string {
	parts := []string{inputTypeLabel(in.Type)}
	parts = append(parts, bounds(in, "最小 ", "最大 ", "默认 ")...)
	return strings.Join(parts, "，")
}

// inputName describes an input's type, range and default in English.
func inputName(in Input) string {
	parts := []string{string(in.Type)}
	parts = append(parts, bounds(in, "min ", "max ", "default ")...)
	return strings.Join(parts, ", ")
}

func bounds(in Input, lo, hi, def string) []string {
	var out []string
	for _, b := range []struct {
		word string
		v    *decimal.Decimal
	}{{lo, in.Min}, {hi, in.Max}} {
		if b.v != nil {
			out = append(out, b.word+b.v.String())
		}
	}
	if in.Default != nil {
		out = append(out, def+*in.Default)
	}
	return out
}
