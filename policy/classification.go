package policy

import (
	"errors"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
)

// ClassificationChanges are an overlay's changes to the classification
// rules (its classification section):
//
//	classification:
//	  priority: [G4, G1, G2, G3]    # replaces the order whole
//	  change:                       # a rule by id: only the fields given change
//	    - {id: G4.4, when: NewMedia && Followers >= 50000}
//	  disable: [U2]                 # rules by id; never the otherwise rule
//	  add:                          # new rules, at the end of their step
//	    groups:                     # or before a rule of it (before: <id>)
//	      - {id: QX.G3.1, name: 无人机驾驶员, group: G3, subkind: ⑥, when: ..., reason: ...}
//
// They are applied in that order: the priority, the changes, the disabled
// rules, then the added ones.
type ClassificationChanges struct {
	Priority []classify.Group `yaml:"priority,omitempty" json:"priority,omitempty"`
	Change   []RuleChange     `yaml:"change,omitempty" json:"change,omitempty"`
	Disable  []string         `yaml:"disable,omitempty" json:"disable,omitempty"`
	Add      RuleAdds         `yaml:"add,omitempty" json:"add,omitzero"`

	Pos         formula.Position   `yaml:"-" json:"-"`
	PriorityPos []formula.Position `yaml:"-" json:"-"`
	DisablePos  []formula.Position `yaml:"-" json:"-"`
}

// RuleChange changes the fields it gives of the classification rule ID;
// the others stay as they were. subkind: "" takes a sub-kind away.
type RuleChange struct {
	ID      string               `yaml:"id" json:"id"`
	Name    *string              `yaml:"name,omitempty" json:"name,omitempty"`
	Gives   *classify.Conclusion `yaml:"group,omitempty" json:"group,omitempty"`
	Subkind *classify.Subkind    `yaml:"subkind,omitempty" json:"subkind,omitempty"`
	Yields  *bool                `yaml:"yields,omitempty" json:"yields,omitempty"`
	When    *string              `yaml:"when,omitempty" json:"when,omitempty"`
	Reason  *string              `yaml:"reason,omitempty" json:"reason,omitempty"`

	Pos        formula.Position `yaml:"-" json:"-"`
	GivesPos   formula.Position `yaml:"-" json:"-"`
	SubkindPos formula.Position `yaml:"-" json:"-"`
	YieldsPos  formula.Position `yaml:"-" json:"-"`
	WhenPos    formula.Position `yaml:"-" json:"-"`
}

// RuleAdds are the rules an overlay adds, by step.
type RuleAdds struct {
	Screens   []RuleAdd `yaml:"screens,omitempty" json:"screens,omitempty"`
	Groups    []RuleAdd `yaml:"groups,omitempty" json:"groups,omitempty"`
	Fallbacks []RuleAdd `yaml:"fallbacks,omitempty" json:"fallbacks,omitempty"`
}

// RuleAdd is a rule an overlay adds: at the end of its step, or before the
// rule Before of that step. Order matters in screens and fallbacks, where
// the first rule that holds decides.
type RuleAdd struct {
	Before        string `yaml:"before,omitempty" json:"before,omitempty"`
	classify.Rule `yaml:",inline" json:",inline"`

	BeforePos formula.Position `yaml:"-" json:"-"`
}

func (c *ClassificationChanges) isZero() bool {
	return c.Priority == nil && len(c.Change) == 0 && len(c.Disable) == 0 &&
		len(c.Add.Screens) == 0 && len(c.Add.Groups) == 0 && len(c.Add.Fallbacks) == 0
}

// Classifier returns the policy's compiled classification rules: the
// classifier of every record assessed under the policy.
func (p *Policy) Classifier() *classify.Classifier { return p.classifier }

// classificationOf returns d's classification rules; for a document that
// has none, those of the embedded baseline, which a policy without a
// classification section classifies by.
func classificationOf(d *Document) classify.Rules {
	if !d.Classification.IsZero() {
		return d.Classification
	}
	return BaselineFile().Document.Classification
}

// compileClassification compiles d's classification rules with env, the
// environment of its other formulas, reporting its problems to p as the
// policy's own.
func compileClassification(env *formula.Env, d *Document, p *problems) *classify.Classifier {
	c, err := classify.Compile(env, d.Classification)
	if err == nil {
		return c
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var fe *formula.Error
		if errors.As(e, &fe) {
			cause := ErrInvalid
			if errors.Is(fe, classify.ErrFormula) {
				cause = ErrFormula
			}
			fe.Err = errors.Join(cause, fe.Err)
			if fe.Policy == "" {
				fe.Policy = d.ID
			}
		}
		p.errs = append(p.errs, e)
	}
	return nil
}

// applyClassification applies o's classification section to d, a copy of
// base, reporting to p the ids it does not find.
func (o *Overlay) applyClassification(base, d *Document, p *problems) {
	ch := &o.Classification
	if ch.isZero() {
		return
	}
	r := classificationOf(base).Clone()
	if ch.Priority != nil {
		r.Priority, r.PriorityPos = slices.Clone(ch.Priority), slices.Clone(ch.PriorityPos)
	}
	changed := map[string]formula.Position{}
	for _, c := range ch.Change {
		x := findRule(&r, c.ID)
		if x == nil {
			p.add(c.Pos, ErrUnknownID, "classification.change：%[2]s 中没有分类规则 %[1]q", "classification.change: classification rule %q does not exist in %s", c.ID, base.ID)
			continue
		}
		changed[c.ID] = c.Pos
		x.Pos = c.Pos // the rule as changed stands in the overlay
		if c.Name != nil {
			x.Name = *c.Name
		}
		if c.Gives != nil {
			x.Gives, x.GivesPos = *c.Gives, c.GivesPos
		}
		if c.Subkind != nil {
			x.Subkind, x.SubkindPos = *c.Subkind, c.SubkindPos
		}
		if c.Yields != nil {
			x.Yields, x.YieldsPos = *c.Yields, c.YieldsPos
		}
		if c.When != nil {
			x.When, x.WhenPos = *c.When, c.WhenPos
		}
		if c.Reason != nil {
			x.Reason = *c.Reason
		}
	}
	for i, id := range ch.Disable {
		at := ch.Pos
		if i < len(ch.DisablePos) {
			at = ch.DisablePos[i]
		}
		if first, ok := changed[id]; ok {
			p.add(at, ErrInvalid, "classification.disable：分类规则 %[1]q 已在 %[2]s 修改，不能同时停用", "classification.disable: classification rule %[1]q is changed at %[2]s and cannot be disabled too", id, first)
			continue
		}
		switch {
		case id == r.Otherwise.ID:
			p.add(at, ErrInvalid, "classification.disable：其余情形（otherwise）规则 %[1]q 不能停用；要修改它，请列在 classification.change 下", "classification.disable: the otherwise rule %[1]q cannot be disabled; change it under classification.change", id)
		case !removeRule(&r, id):
			p.add(at, ErrUnknownID, "classification.disable：%[2]s 中没有分类规则 %[1]q", "classification.disable: classification rule %q does not exist in %s", id, base.ID)
		}
	}
	for s, adds := range [][]RuleAdd{ch.Add.Screens, ch.Add.Groups, ch.Add.Fallbacks} {
		s := classify.Step(s + 1)
		list := stepRules(&r, s)
		for _, a := range adds {
			if a.Before == "" {
				*list = append(*list, a.Rule)
				continue
			}
			i := slices.IndexFunc(*list, func(x classify.Rule) bool { return x.ID == a.Before })
			if i < 0 {
				p.add(or(a.BeforePos, a.Pos), ErrUnknownID, "classification.add：%[2]s（%[3]s）下没有分类规则 %[1]q，无法插在其前", "classification.add: no classification rule %[1]q under %[3]s to come before", a.Before, s.Label(), s)
				continue
			}
			*list = slices.Insert(*list, i, a.Rule)
		}
	}
	d.Classification = r
}

// stepRules returns the list of the rules of a step other than otherwise.
func stepRules(r *classify.Rules, s classify.Step) *[]classify.Rule {
	switch s {
	case classify.Screening:
		return &r.Screens
	case classify.Grouping:
		return &r.Groups
	}
	return &r.Fallbacks
}

// findRule returns the rule with the id, the otherwise rule included.
func findRule(r *classify.Rules, id string) *classify.Rule {
	for _, list := range []*[]classify.Rule{&r.Screens, &r.Groups, &r.Fallbacks} {
		if i := slices.IndexFunc(*list, func(x classify.Rule) bool { return x.ID == id }); i >= 0 {
			return &(*list)[i]
		}
	}
	if r.Otherwise.ID == id {
		return &r.Otherwise
	}
	return nil
}

func removeRule(r *classify.Rules, id string) bool {
	for _, list := range []*[]classify.Rule{&r.Screens, &r.Groups, &r.Fallbacks} {
		if i := slices.IndexFunc(*list, func(x classify.Rule) bool { return x.ID == id }); i >= 0 {
			*list = slices.Delete(*list, i, i+1)
			return true
		}
	}
	return false
}

// or returns at, or else when at is zero.
func or(at, otherwise formula.Position) formula.Position {
	if at.IsZero() {
		return otherwise
	}
	return at
}

// checkClassificationLocks reports what d, the policy a county-district's
// overlay o made, changes of the classification rules the city locked in
// city: a locked rule must be there, as the city wrote it (its formula up
// to white space and parentheses), in the same step, and in screens and
// fallbacks, where the first rule that holds decides, no rule may come
// before it that does not in the city's.
func checkClassificationLocks(city, d *Document, o *Overlay, p *problems) {
	was, now := classificationOf(city), classificationOf(d)
	ahead := map[string]bool{} // rules refused for coming before a locked one
	for _, id := range city.Locks.Classification {
		old, step, ok := was.Lookup(id)
		if !ok {
			continue // Compile reports a lock on an id the city's policy lacks
		}
		cur, curStep, ok := now.Lookup(id)
		if !ok {
			at := o.posOf("classification")
			if i := slices.Index(o.Classification.Disable, id); i >= 0 && i < len(o.Classification.DisablePos) {
				at = o.Classification.DisablePos[i]
			}
			p.locked(at, LockClassification, "分类规则 %s（%s）由市级锁定，不能停用", "classification rule %s (%s) is locked by the city and cannot be disabled", id, old.Name)
			continue
		}
		if curStep != step || cur.Name != old.Name || cur.Gives != old.Gives || cur.Subkind != old.Subkind ||
			cur.Yields != old.Yields || !sameFormula(cur.When, old.When) || cur.Reason != old.Reason {
			p.locked(cur.Pos, LockClassification, "分类规则 %s（%s）由市级锁定，不能修改", "classification rule %s (%s) is locked by the city and cannot be changed", id, old.Name)
			continue
		}
		if step != classify.Screening && step != classify.Fallback {
			continue
		}
		before := func(r classify.Rules) []classify.Rule {
			list := r.Step(step)
			return list[:slices.IndexFunc(list, func(x classify.Rule) bool { return x.ID == id })]
		}
		first := before(was)
		for _, x := range before(now) {
			if !ahead[x.ID] && !slices.ContainsFunc(first, func(y classify.Rule) bool { return y.ID == x.ID }) {
				ahead[x.ID] = true
				p.locked(x.Pos, LockClassification, "分类规则 %[1]s（%[2]s）由市级锁定，不能在其前新增%[4]s规则 %[3]s", "classification rule %[1]s (%[2]s) is locked by the city; rule %[3]s cannot come before it", id, old.Name, x.ID, step.Label())
			}
		}
	}
}

// checkClassification reports the ids of locks.classification that the
// policy d does not hold.
func (l *Locks) checkClassification(d *Document, p *problems) {
	for i, id := range l.Classification {
		if _, _, ok := d.Classification.Lookup(id); !ok {
			p.add(d.blame(l.place("classification", i), l.Pos), ErrUnknownID, "locks.classification：%[2]s 中没有分类规则 %[1]q", "locks.classification: classification rule %q does not exist in %s", id, d.ID)
		}
	}
}
