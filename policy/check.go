package policy

import (
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/qualify"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

var (
	idPattern    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,31}$`)
	inputPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,31}$`)
)

// check reports every invariant d breaks, each at its place.
func (d *Document) check(p *problems) {
	if !idPattern.MatchString(d.ID) {
		p.add(d.posOf("id"), ErrInvalid, "编号 %q 须为 1 至 32 个字母、数字、'_'、'.' 或 '-'，并以字母开头", "id %q must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter", d.ID)
	}
	if strings.TrimSpace(d.Jurisdiction) == "" {
		p.add(d.Pos, ErrInvalid, "缺少适用地区（jurisdiction）", "jurisdiction is missing")
	}
	if d.ValidFrom.IsZero() {
		p.add(d.Pos, ErrInvalid, "缺少生效日期（valid_from）", "valid_from is missing")
	}
	if !d.ValidUntil.IsZero() && d.ValidUntil.Before(d.ValidFrom) {
		p.add(d.posOf("valid_until"), ErrInvalid, "失效日期（valid_until）%s 早于生效日期（valid_from）%s", "valid_until %s is before valid_from %s", d.ValidUntil, d.ValidFrom)
	}
	if !d.Total.IsPositive() {
		p.add(d.posOf("total"), ErrInvalid, "总分（total）须大于 0，现为 %s", "total must be above 0, not %s", d.Total)
	}
	switch d.Rounding.Mode {
	case evaluate.HalfUp, evaluate.HalfEven, evaluate.Down:
	default:
		p.add(d.posOf("rounding"), ErrInvalid, "计分精度的进位方式（rounding.mode）%q 不是 half_up、half_even、down 之一", "rounding.mode %q is not one of half_up, half_even, down", d.Rounding.Mode)
	}
	if d.Rounding.Places < 0 || d.Rounding.Places > 8 {
		p.add(d.posOf("rounding"), ErrInvalid, "计分精度的小数位数（rounding.places）%d 不在 0 到 8 之间", "rounding.places %d is not between 0 and 8", d.Rounding.Places)
	}

	ids := map[string]formula.Position{}
	unique := func(id string, at formula.Position, what string) {
		if !idPattern.MatchString(id) {
			p.addText(at, ErrInvalid,
				fmt.Sprintf("%s编号 %q 须为 1 至 32 个字母、数字、'_'、'.' 或 '-'，并以字母开头", kindZH[what], id),
				fmt.Sprintf("%s id %q must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter", what, id))
			return
		}
		if first, dup := ids[id]; dup {
			p.addText(at, ErrInvalid,
				fmt.Sprintf("%s编号 %q 已在 %s 使用过", kindZH[what], id, first),
				fmt.Sprintf("%s id %q is already used at %s", what, id, first))
			return
		}
		ids[id] = at
	}
	d.checkInputs(p)
	for _, c := range d.Conditions {
		unique(c.ID, c.Pos, "condition")
		if c.Kind != qualify.Hard && c.Kind != qualify.Soft {
			p.add(c.Pos, ErrInvalid, "资格条件 %s：类型（kind）%q 不是 hard 或 soft", "condition %s: kind %q is not hard or soft", c.ID, string(c.Kind))
		}
		needName(p, c.Pos, "condition", c.ID, c.Name)
	}
	d.checkIndicators(p, unique)
	for _, b := range d.Bonuses {
		unique(b.ID, b.Pos, "bonus")
		needName(p, b.Pos, "bonus", b.ID, b.Name)
		if !b.Points.IsPositive() {
			p.add(b.Pos, ErrInvalid, "加分项 %s：分值须大于 0，现为 %s", "bonus %s: points must be above 0, not %s", b.ID, b.Points)
		}
	}
	for _, v := range d.Vetoes {
		unique(v.ID, v.Pos, "veto")
		needName(p, v.Pos, "veto", v.ID, v.Name)
	}
	d.checkGrades(p)
	d.Locks.check(d, p)
	d.checkLists(p)
}

// kindZH names in Chinese the kinds of entry that messages name in English.
var kindZH = map[string]string{
	"condition": "资格条件",
	"indicator": "指标",
	"bonus":     "加分项",
	"veto":      "一票否决项",
	"input":     "输入项",
}

func needName(p *problems, at formula.Position, what, id, name string) {
	if strings.TrimSpace(name) == "" {
		p.addText(at, ErrInvalid, fmt.Sprintf("%s %s 没有名称", kindZH[what], id), fmt.Sprintf("%s %s has no name", what, id))
	}
}

func (d *Document) checkInputs(p *problems) {
	seen := map[string]bool{}
	for _, in := range d.Inputs {
		if !inputPattern.MatchString(in.ID) {
			p.add(in.Pos, ErrInvalid, "输入项编号 %q 须以字母或 '_' 开头，后接至多 31 个字母、数字或 '_'", "input id %q must be a letter or '_' followed by up to 31 letters, digits or '_'", in.ID)
		}
		if seen[in.ID] {
			p.add(in.Pos, ErrInvalid, "输入项 %q 声明了两次", "input %q is declared twice", in.ID)
		}
		seen[in.ID] = true
		needName(p, in.Pos, "input", in.ID, in.Label)
		switch in.Type {
		case IntInput, DecimalInput:
			if in.Min != nil && in.Max != nil && in.Max.LessThan(*in.Min) {
				p.add(in.Pos, ErrInvalid, "输入项 %s：最大值 %s 小于最小值 %s", "input %s: max %s is below min %s", in.ID, in.Max, in.Min)
			}
		case BoolInput, StringInput:
			if in.Min != nil || in.Max != nil {
				p.add(in.Pos, ErrInvalid, "输入项 %s：最小值和最大值只适用于数值，不适用于 %s", "input %s: min and max apply to numbers, not %s", in.ID, in.Type)
			}
		default:
			p.add(in.Pos, ErrInvalid, "输入项 %s：类型 %q 不是 int、decimal、bool、string 之一", "input %s: type %q is not one of int, decimal, bool, string", in.ID, in.Type)
			continue
		}
		if in.Default != nil {
			if _, err := in.convert(*in.Default); err != nil {
				zh, en := texts(err)
				p.add(in.Pos, ErrInvalid, "输入项 %[1]s：默认值有误：%[2]s", "input %[1]s: default: %[3]s", in.ID, zh, en)
			}
		}
	}
}

func (d *Document) checkIndicators(p *problems, unique func(id string, at formula.Position, what string)) {
	if len(d.Indicators) == 0 {
		p.add(d.posOf("indicators"), ErrInvalid, "指标体系中没有指标", "the index system has no indicators")
	}
	// A sum that is off is blamed on a place in the policy's own file: for
	// a county's overlay, the entry that changed, disabled or added points.
	var all []formula.Position
	if d.touched != nil {
		all = append(all, d.touched.top...)
	}
	if at, ok := d.fields["total"]; ok {
		all = append(all, at)
	}
	sum := decimal.Zero
	for _, top := range d.Indicators {
		unique(top.ID, top.Pos, "indicator")
		needName(p, top.Pos, "indicator", top.ID, top.Name)
		sum = sum.Add(top.Points)
		if top.Formula != "" {
			p.add(top.FormulaPos, ErrInvalid, "一级指标 %s 写了公式；公式应写在其二级指标上", "first-level indicator %s has a formula; formulas belong to its second-level indicators", top.ID)
		}
		if len(top.Children) == 0 {
			p.add(top.Pos, ErrInvalid, "一级指标 %s 没有二级指标", "first-level indicator %s has no second-level indicators", top.ID)
			continue
		}
		sub := decimal.Zero
		var mine []formula.Position
		if d.touched != nil {
			mine = append(mine, d.touched.sub[top.ID]...)
		}
		mine = append(mine, top.Pos)
		all = append(all, top.Pos)
		for _, c := range top.Children {
			mine = append(mine, c.Pos)
			all = append(all, c.Pos)
			unique(c.ID, c.Pos, "indicator")
			needName(p, c.Pos, "indicator", c.ID, c.Name)
			sub = sub.Add(c.Points)
			if !c.Points.IsPositive() {
				p.add(c.Pos, ErrInvalid, "指标 %s：分值须大于 0，现为 %s", "indicator %s: points must be above 0, not %s", c.ID, c.Points)
			}
			if len(c.Children) > 0 {
				p.add(c.Pos, ErrInvalid, "指标 %s：指标体系只有两级，二级指标下不能再设指标", "indicator %s: the index system has two levels; a second-level indicator has no children", c.ID)
			}
			if strings.TrimSpace(c.Formula) == "" {
				p.add(c.Pos, ErrInvalid, "指标 %s 没有公式", "indicator %s has no formula", c.ID)
			}
		}
		if !sub.Equal(top.Points) {
			p.add(d.blame(mine...), ErrInvalid, "%s 的二级指标分值合计 %s 分，与其声明的 %s 分不符", "the second-level indicators of %s add up to %s points, not the %s it declares", top.ID, sub, top.Points)
		}
	}
	if len(d.Indicators) > 0 && !sum.Equal(d.Total) {
		if at, ok := d.fields["indicators"]; ok {
			all = append(all, at)
		}
		p.add(d.blame(all...), ErrInvalid, "一级指标分值合计 %s 分，与总分 %s 分不符", "the first-level indicators add up to %s points, not the total %s", sum, d.Total)
	}
}

func (d *Document) checkGrades(p *problems) {
	if len(d.Grades) == 0 {
		p.add(d.posOf("grades"), ErrInvalid, "缺少等次（grades）", "grades are missing")
		return
	}
	seen := map[evaluate.Grade]bool{}
	for _, b := range d.Grades {
		if !b.Grade.Valid() {
			p.add(b.Pos, ErrInvalid, "等次缺失，或不是 A、B、C、D 之一", "grade is missing or not A, B, C or D")
		} else if seen[b.Grade] {
			p.add(b.Pos, ErrInvalid, "等次 %s 有两个分数段", "grade %s has two bands", b.Grade)
		}
		seen[b.Grade] = true
		if !b.From.LessThan(b.To) {
			p.add(b.Pos, ErrInvalid, "等次 %s：起始分（from）%s 不低于截止分（to）%s", "grade %s: from %s is not below to %s", b.Grade, b.From, b.To)
		}
	}
	if !seen[d.VetoGrade] {
		at := []formula.Position{d.posOf("veto_grade")}
		for _, b := range d.Grades {
			at = append(at, b.Pos)
		}
		p.add(d.blame(at...), ErrInvalid, "一票否决等次（veto_grade）%q 不在所列等次之中", "veto_grade %q is not one of the grades", d.VetoGrade.Code())
	} else if i := slices.IndexFunc(d.Grades, func(b evaluate.Band) bool { return b.Grade == d.VetoGrade }); !d.Grades[i].Removed {
		// A veto gives the veto grade whatever the score, and a vetoed
		// person must leave the database.
		p.add(d.blame(d.Grades[i].Pos, d.posOf("veto_grade")), ErrInvalid, "一票否决等次（veto_grade）%s 须为从数据库剔除的等次（removed: true），因为一票否决会将人员从数据库剔除", "veto_grade %s must be a removed grade (removed: true), since a veto removes the person from the database", d.VetoGrade.Code())
	}
	bands := slices.Clone(d.Grades)
	slices.SortStableFunc(bands, func(a, b evaluate.Band) int { return a.From.Cmp(b.From) })
	if low := bands[0]; !low.From.IsZero() {
		p.add(low.Pos, ErrInvalid, "0 到 %s 分之间没有对应的等次", "no grade covers scores from 0 to %s", low.From)
	}
	for i := 1; i < len(bands); i++ {
		prev, next := bands[i-1], bands[i]
		switch {
		case next.From.GreaterThan(prev.To):
			p.add(next.Pos, ErrInvalid, "%s 到 %s 分之间没有对应的等次（在等次 %s 与 %s 之间）", "no grade covers scores from %s to %s (between %s and %s)", prev.To, next.From, prev.Grade.Code(), next.Grade.Code())
		case next.From.LessThan(prev.To):
			p.add(next.Pos, ErrInvalid, "等次 %s 与 %s 在 %s 到 %s 分之间重叠", "grades %s and %s overlap from %s to %s", prev.Grade.Code(), next.Grade.Code(), next.From, decimal.Min(prev.To, next.To))
		}
	}
	if top := bands[len(bands)-1]; !top.To.Equal(d.Total) {
		p.add(top.Pos, ErrInvalid, "最高等次 %s 截止于 %s 分，而不是总分 %s 分", "the top grade %s ends at %s, not at the total %s", top.Grade.Code(), top.To, d.Total)
	}
	// The grades rise from D at the bottom to A at the top, and the grades
	// that leave the database are the lowest: a score can only lose a
	// person a grade by falling.
	for i := 1; i < len(bands); i++ {
		prev, next := bands[i-1], bands[i]
		if prev.Grade.Valid() && next.Grade.Valid() && next.Grade >= prev.Grade {
			p.add(next.Pos, ErrInvalid, "等次 %s 的分数段高于等次 %s；等次应自下而上由 D 升至 A", "grade %s is above grade %s in score; the grades rise from D at the bottom to A at the top", next.Grade.Code(), prev.Grade.Code())
		}
		if next.Removed && !prev.Removed {
			p.add(next.Pos, ErrInvalid, "等次 %s 从数据库剔除，而其下方的等次 %s 不剔除；剔除的等次须是最低的几个", "grade %s is removed but grade %s below it is not; the removed grades are the lowest", next.Grade.Code(), prev.Grade.Code())
		}
	}
}

// posOf returns where the value of a top-level field is, or where the
// policy starts when the field is not in its file.
func (d *Document) posOf(field string) formula.Position {
	if at, ok := d.fields[field]; ok {
		return at
	}
	return d.Pos
}

// blame returns the first of places that is in the policy's own file (an
// overlay's, for a policy built on another), else the first of them, else
// where the policy starts.
func (d *Document) blame(places ...formula.Position) formula.Position {
	for _, at := range places {
		if at.Line != 0 && at.File == d.Pos.File {
			return at
		}
	}
	if len(places) > 0 && places[0].Line != 0 {
		return places[0]
	}
	return d.Pos
}
