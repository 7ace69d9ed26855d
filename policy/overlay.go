package policy

import (
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/qualify"
	"slices"

	"github.com/newstrata/newstrata/formula"
)

// Clone returns a deep copy of d, so that changing the copy never changes d.
func (d *Document) Clone() *Document {
	c := *d
	c.Inputs = cloneInputs(d.Inputs)
	c.Conditions = slices.Clone(d.Conditions)
	c.Indicators = cloneIndicators(d.Indicators)
	c.Bonuses = slices.Clone(d.Bonuses)
	c.Vetoes = slices.Clone(d.Vetoes)
	c.Grades = slices.Clone(d.Grades)
	c.Locks = d.Locks.clone()
	c.Classification = d.Classification.Clone()
	c.Lists = d.Lists.Clone()
	c.touched = d.touched.clone()
	return &c
}

func cloneInputs(in []Input) []Input {
	out := slices.Clone(in)
	for i := range out {
		if out[i].Min != nil {
			v := *out[i].Min
			out[i].Min = &v
		}
		if out[i].Max != nil {
			v := *out[i].Max
			out[i].Max = &v
		}
		if out[i].Default != nil {
			v := *out[i].Default
			out[i].Default = &v
		}
	}
	return out
}

func cloneIndicators(in []evaluate.Indicator) []evaluate.Indicator {
	if in == nil {
		return nil
	}
	out := make([]evaluate.Indicator, len(in))
	for i, x := range in {
		out[i] = x
		out[i].Children = cloneIndicators(x.Children)
	}
	return out
}

// Apply returns the policy that o makes of base. base is not changed. Every
// id that o changes or disables must exist in base; every id it adds must
// be new. All such problems are reported at once, each at its place in the
// overlay's file.
func (o *Overlay) Apply(base *Document) (*Document, error) {
	d, p := o.apply(base)
	if err := p.err(); err != nil {
		return nil, err
	}
	return d, nil
}

// apply is [Overlay.Apply] that also returns what it made when it found
// problems, leaving out the entries at fault, so that the locks are checked
// on it in the same pass.
func (o *Overlay) apply(base *Document) (*Document, *problems) {
	p := &problems{policy: o.ID}
	d := base.Clone()
	d.defaultListIDs() // by the base's jurisdiction
	d.ID, d.Extends = o.ID, base.ID
	if o.Name != "" {
		d.Name = o.Name
	}
	d.Jurisdiction = o.Jurisdiction
	// An overlay that gives valid_from gives its own period, open-ended
	// unless it gives valid_until: a version from 2022 built on rules that
	// ended in 2021 does not end with them. One that gives no valid_from
	// is in force when its base is: its valid_until may end it earlier,
	// never later.
	switch {
	case !o.ValidFrom.IsZero():
		if o.ValidFrom.Before(base.ValidFrom) {
			p.add(o.posOf("valid_from"), ErrInvalid, "生效日期（valid_from）%[1]s 早于所继承政策 %[3]s 的生效首日 %[2]s", "valid_from %s is before %s, the first day of %s, which it extends", o.ValidFrom, base.ValidFrom, base.ID)
		}
		d.ValidFrom, d.ValidUntil = o.ValidFrom, o.ValidUntil
	case !o.ValidUntil.IsZero() && (base.ValidUntil.IsZero() || o.ValidUntil.Before(base.ValidUntil)):
		d.ValidUntil = o.ValidUntil
	}
	d.Pos, d.fields = o.Pos, o.fields
	// The sums are checked on the result; a sum an overlay breaks is blamed
	// on the overlay's own entries, not on the base's file.
	d.touched = &pointChanges{sub: map[string][]formula.Position{}}
	d.Inputs = append(d.Inputs, cloneInputs(o.Inputs)...)

	for _, ch := range o.Conditions.Change {
		i := slices.IndexFunc(d.Conditions, func(c qualify.Condition) bool { return c.ID == ch.ID })
		if i < 0 {
			p.add(ch.Pos, ErrUnknownID, "conditions.change：%[2]s 中没有资格条件 %[1]q", "conditions.change: condition %q does not exist in %s", ch.ID, base.ID)
			continue
		}
		d.Conditions[i].Kind = ch.Kind
		d.Conditions[i].Pos = ch.Pos // the condition as changed stands in the overlay
	}
	d.Conditions = append(d.Conditions, o.Conditions.Add...)
	o.applyClassification(base, d, p)

	for _, ch := range o.Indicators.Change {
		in := findIndicator(d.Indicators, ch.ID)
		if in == nil {
			p.add(ch.Pos, ErrUnknownID, "indicators.change：%[2]s 中没有指标 %[1]q", "indicators.change: indicator %q does not exist in %s", ch.ID, base.ID)
			continue
		}
		in.Pos = ch.Pos // the indicator as changed stands in the overlay
		if ch.Points != nil {
			in.Points = *ch.Points
			d.touched.changed(d.Indicators, ch.ID, ch.Pos)
		}
		if ch.Formula != nil {
			in.Formula, in.FormulaPos = *ch.Formula, ch.FormulaPos
		}
	}
	for i, id := range o.Indicators.Disable {
		at := o.Pos
		if i < len(o.Indicators.DisablePos) {
			at = o.Indicators.DisablePos[i]
		}
		d.touched.changed(d.Indicators, id, at)
		if !removeIndicator(&d.Indicators, id) {
			p.add(at, ErrUnknownID, "indicators.disable：%[2]s 中没有指标 %[1]q", "indicators.disable: indicator %q does not exist in %s", id, base.ID)
		}
	}
	for _, add := range o.Indicators.Add {
		in := add.Indicator
		in.Children = cloneIndicators(in.Children)
		if add.Parent == "" {
			d.Indicators = append(d.Indicators, in)
			d.touched.changed(d.Indicators, in.ID, add.Pos)
			continue
		}
		i := slices.IndexFunc(d.Indicators, func(top evaluate.Indicator) bool { return top.ID == add.Parent })
		if i < 0 {
			p.add(add.Pos, ErrUnknownID, "indicators.add：上级指标 %[1]q 不是 %[2]s 的一级指标", "indicators.add: parent %q is not a first-level indicator of %s", add.Parent, base.ID)
			continue
		}
		d.Indicators[i].Children = append(d.Indicators[i].Children, in)
		d.touched.changed(d.Indicators, in.ID, add.Pos)
	}
	d.touched.sort()
	if len(o.Grades) > 0 {
		d.Grades = slices.Clone(o.Grades)
	}
	if o.Locks != nil {
		d.Locks = o.Locks.clone()
	}
	if o.Lists != nil {
		d.Lists = o.Lists.Clone()
		d.defaultListIDs()
	}
	return d, p
}

// pointChanges holds where an overlay changed the points of the index
// system: the change, disable and add entries in its own file.
type pointChanges struct {
	// top holds the entries that changed first-level points, which add up
	// to the total; sub, per first-level id, those that changed the points
	// of that indicator or its children, which add up to its points.
	top []formula.Position
	sub map[string][]formula.Position
}

// changed records that the entry at changed the points of the indicator
// id, found in ins (before it is removed, for a disable). An id that is not
// in ins is reported elsewhere.
func (c *pointChanges) changed(ins []evaluate.Indicator, id string, at formula.Position) {
	for _, top := range ins {
		if top.ID == id {
			c.top = append(c.top, at)
			c.sub[id] = append(c.sub[id], at)
			return
		}
		if slices.ContainsFunc(top.Children, func(in evaluate.Indicator) bool { return in.ID == id }) {
			c.sub[top.ID] = append(c.sub[top.ID], at)
			return
		}
	}
}

// sort puts the entries in the order of the file, so that the first one
// written is blamed.
func (c *pointChanges) sort() {
	byPlace := func(a, b formula.Position) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	}
	slices.SortStableFunc(c.top, byPlace)
	for _, s := range c.sub {
		slices.SortStableFunc(s, byPlace)
	}
}

// clone copies c, so that a copy of a document shares none of it.
func (c *pointChanges) clone() *pointChanges {
	if c == nil {
		return nil
	}
	out := &pointChanges{top: slices.Clone(c.top), sub: make(map[string][]formula.Position, len(c.sub))}
	for id, s := range c.sub {
		out.sub[id] = slices.Clone(s)
	}
	return out
}

// findIndicator finds an indicator of either level by id.
func findIndicator(ins []evaluate.Indicator, id string) *evaluate.Indicator {
	for i := range ins {
		if ins[i].ID == id {
			return &ins[i]
		}
		if c := findIndicator(ins[i].Children, id); c != nil {
			return c
		}
	}
	return nil
}

func removeIndicator(ins *[]evaluate.Indicator, id string) bool {
	for i := range *ins {
		if (*ins)[i].ID == id {
			*ins = slices.Delete(*ins, i, i+1)
			return true
		}
		if removeIndicator(&(*ins)[i].Children, id) {
			return true
		}
	}
	return false
}
