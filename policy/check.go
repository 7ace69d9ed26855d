package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

var (
	idPattern    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,31}$`)
	inputPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,31}$`)
)

// check reports every invariant d breaks, each at its place.
func (d *Document) check(p *problems) {
	if !idPattern.MatchString(d.ID) {
		p.add(d.posOf("id"), ErrInvalid, "id %q must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter", d.ID)
	}
	if strings.TrimSpace(d.Jurisdiction) == "" {
		p.add(d.Pos, ErrInvalid, "jurisdiction is missing")
	}
	if d.ValidFrom.IsZero() {
		p.add(d.Pos, ErrInvalid, "valid_from is missing")
	}
	if !d.ValidUntil.IsZero() && d.ValidUntil.Before(d.ValidFrom) {
		p.add(d.posOf("valid_until"), ErrInvalid, "valid_until %s is before valid_from %s", d.ValidUntil, d.ValidFrom)
	}
	if !d.Total.IsPositive() {
		p.add(d.posOf("total"), ErrInvalid, "total must be above 0, not %s", d.Total)
	}
	switch d.Rounding.Mode {
	case HalfUp, HalfEven, Down:
	default:
		p.add(d.posOf("rounding"), ErrInvalid, "rounding.mode %q is not one of half_up, half_even, down", d.Rounding.Mode)
	}
	if d.Rounding.Places < 0 || d.Rounding.Places > 8 {
		p.add(d.posOf("rounding"), ErrInvalid, "rounding.places %d is not between 0 and 8", d.Rounding.Places)
	}

	ids := map[string]Position{}
	unique := func(id string, at Position, what string) {
		if !idPattern.MatchString(id) {
			p.add(at, ErrInvalid, "%s id %q must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter", what, id)
			return
		}
		if first, dup := ids[id]; dup {
			p.add(at, ErrInvalid, "%s id %q is already used at %s", what, id, first)
			return
		}
		ids[id] = at
	}
	d.checkInputs(p)
	for _, c := range d.Conditions {
		unique(c.ID, c.Pos, "condition")
		if c.Kind != Hard && c.Kind != Soft {
			p.add(c.Pos, ErrInvalid, "condition %s: kind %q is not hard or soft", c.ID, string(c.Kind))
		}
		needName(p, c.Pos, "condition", c.ID, c.Name)
	}
	d.checkIndicators(p, unique)
	for _, b := range d.Bonuses {
		unique(b.ID, b.Pos, "bonus")
		needName(p, b.Pos, "bonus", b.ID, b.Name)
		if !b.Points.IsPositive() {
			p.add(b.Pos, ErrInvalid, "bonus %s: points must be above 0, not %s", b.ID, b.Points)
		}
	}
	for _, v := range d.Vetoes {
		unique(v.ID, v.Pos, "veto")
		needName(p, v.Pos, "veto", v.ID, v.Name)
	}
	d.checkGrades(p)
}

func needName(p *problems, at Position, what, id, name string) {
	if strings.TrimSpace(name) == "" {
		p.add(at, ErrInvalid, "%s %s has no name", what, id)
	}
}

func (d *Document) checkInputs(p *problems) {
	seen := map[string]bool{}
	for _, in := range d.Inputs {
		if !inputPattern.MatchString(in.ID) {
			p.add(in.Pos, ErrInvalid, "input id %q must be a letter or '_' followed by up to 31 letters, digits or '_'", in.ID)
		}
		if seen[in.ID] {
			p.add(in.Pos, ErrInvalid, "input %q is declared twice", in.ID)
		}
		seen[in.ID] = true
		needName(p, in.Pos, "input", in.ID, in.Label)
		switch in.Type {
		case IntInput, DecimalInput:
			if in.Min != nil && in.Max != nil && in.Max.LessThan(*in.Min) {
				p.add(in.Pos, ErrInvalid, "input %s: max %s is below min %s", in.ID, in.Max, in.Min)
			}
		case BoolInput, StringInput:
			if in.Min != nil || in.Max != nil {
				p.add(in.Pos, ErrInvalid, "input %s: min and max apply to numbers, not %s", in.ID, in.Type)
			}
		default:
			p.add(in.Pos, ErrInvalid, "input %s: type %q is not one of int, decimal, bool, string", in.ID, in.Type)
			continue
		}
		if in.Default != nil {
			if _, err := in.convert(*in.Default); err != nil {
				p.add(in.Pos, ErrInvalid, "input %s: default: %v", in.ID, err)
			}
		}
	}
}

func (d *Document) checkIndicators(p *problems, unique func(id string, at Position, what string)) {
	if len(d.Indicators) == 0 {
		p.add(d.posOf("indicators"), ErrInvalid, "the index system has no indicators")
	}
	// A sum that is off is blamed on a place in the policy's own file: for
	// a county's overlay, the entry that changed, disabled or added points.
	var all []Position
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
			p.add(top.FormulaPos, ErrInvalid, "first-level indicator %s has a formula; formulas belong to its second-level indicators", top.ID)
		}
		if len(top.Children) == 0 {
			p.add(top.Pos, ErrInvalid, "first-level indicator %s has no second-level indicators", top.ID)
			continue
		}
		sub := decimal.Zero
		var mine []Position
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
				p.add(c.Pos, ErrInvalid, "indicator %s: points must be above 0, not %s", c.ID, c.Points)
			}
			if len(c.Children) > 0 {
				p.add(c.Pos, ErrInvalid, "indicator %s: the index system has two levels; a second-level indicator has no children", c.ID)
			}
			if strings.TrimSpace(c.Formula) == "" {
				p.add(c.Pos, ErrInvalid, "indicator %s has no formula", c.ID)
			}
		}
		if !sub.Equal(top.Points) {
			p.add(d.blame(mine...), ErrInvalid, "the second-level indicators of %s add up to %s points, not the %s it declares", top.ID, sub, top.Points)
		}
	}
	if len(d.Indicators) > 0 && !sum.Equal(d.Total) {
		if at, ok := d.fields["indicators"]; ok {
			all = append(all, at)
		}
		p.add(d.blame(all...), ErrInvalid, "the first-level indicators add up to %s points, not the total %s", sum, d.Total)
	}
}

func (d *Document) checkGrades(p *problems) {
	if len(d.Grades) == 0 {
		p.add(d.posOf("grades"), ErrInvalid, "grades are missing")
		return
	}
	seen := map[roster.Grade]bool{}
	for _, b := range d.Grades {
		if !b.Grade.Valid() {
			p.add(b.Pos, ErrInvalid, "grade is missing or not A, B, C or D")
		} else if seen[b.Grade] {
			p.add(b.Pos, ErrInvalid, "grade %s has two bands", b.Grade)
		}
		seen[b.Grade] = true
		if !b.From.LessThan(b.To) {
			p.add(b.Pos, ErrInvalid, "grade %s: from %s is not below to %s", b.Grade, b.From, b.To)
		}
	}
	if !seen[d.VetoGrade] {
		at := []Position{d.posOf("veto_grade")}
		for _, b := range d.Grades {
			at = append(at, b.Pos)
		}
		p.add(d.blame(at...), ErrInvalid, "veto_grade %q is not one of the grades", d.VetoGrade.Code())
	} else if i := slices.IndexFunc(d.Grades, func(b Band) bool { return b.Grade == d.VetoGrade }); !d.Grades[i].Removed {
		// A veto gives the veto grade whatever the score, and a vetoed
		// person must leave the database.
		p.add(d.blame(d.Grades[i].Pos, d.posOf("veto_grade")), ErrInvalid, "veto_grade %s must be a removed grade (removed: true), since a veto removes the person from the database", d.VetoGrade.Code())
	}
	bands := slices.Clone(d.Grades)
	slices.SortStableFunc(bands, func(a, b Band) int { return a.From.Cmp(b.From) })
	if low := bands[0]; !low.From.IsZero() {
		p.add(low.Pos, ErrInvalid, "no grade covers scores from 0 to %s", low.From)
	}
	for i := 1; i < len(bands); i++ {
		prev, next := bands[i-1], bands[i]
		switch {
		case next.From.GreaterThan(prev.To):
			p.add(next.Pos, ErrInvalid, "no grade covers scores from %s to %s (between %s and %s)", prev.To, next.From, prev.Grade.Code(), next.Grade.Code())
		case next.From.LessThan(prev.To):
			p.add(next.Pos, ErrInvalid, "grades %s and %s overlap from %s to %s", prev.Grade.Code(), next.Grade.Code(), next.From, decimal.Min(prev.To, next.To))
		}
	}
	if top := bands[len(bands)-1]; !top.To.Equal(d.Total) {
		p.add(top.Pos, ErrInvalid, "the top grade %s ends at %s, not at the total %s", top.Grade.Code(), top.To, d.Total)
	}
	// The grades rise from D at the bottom to A at the top, and the grades
	// that leave the database are the lowest: a score can only lose a
	// person a grade by falling.
	for i := 1; i < len(bands); i++ {
		prev, next := bands[i-1], bands[i]
		if prev.Grade.Valid() && next.Grade.Valid() && next.Grade >= prev.Grade {
			p.add(next.Pos, ErrInvalid, "grade %s is above grade %s in score; the grades rise from D at the bottom to A at the top", next.Grade.Code(), prev.Grade.Code())
		}
		if next.Removed && !prev.Removed {
			p.add(next.Pos, ErrInvalid, "grade %s is removed but grade %s below it is not; the removed grades are the lowest", next.Grade.Code(), prev.Grade.Code())
		}
	}
}

// posOf returns where the value of a top-level field is, or where the
// policy starts when the field is not in its file.
func (d *Document) posOf(field string) Position {
	if at, ok := d.fields[field]; ok {
		return at
	}
	return d.Pos
}

// blame returns the first of places that is in the policy's own file (an
// overlay's, for a policy built on another), else the first of them, else
// where the policy starts.
func (d *Document) blame(places ...Position) Position {
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

// String names the kind of formula for messages.
func (k ConditionKind) String() string { return fmt.Sprintf("%s (%s)", string(k), k.Label()) }
