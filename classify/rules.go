package classify

import (
	"fmt"
	"iter"
	"slices"

	"github.com/newstrata/newstrata/formula"
)

// Rules are a jurisdiction's classification rules as plain data: what the
// classification section of a policy document holds (package policy reads
// and overlays it), or what a program builds in Go. [Compile] checks them
// and turns them into a [Classifier].
//
// The yaml tags name the fields of the document; the Pos fields say where
// each value stands in its file, and are zero for rules built in Go. The
// zero Rules hold no rule ([Rules.IsZero]); Compile refuses them.
type Rules struct {
	// Priority orders the four groups: a person who fits several is kept
	// under the first (primary), the others are secondary.
	Priority []Group `yaml:"priority" json:"priority"`
	// Screens run before the groups; the first that holds decides.
	Screens []Rule `yaml:"screens,omitempty" json:"screens,omitempty"`
	// Groups all run; the groups that hold are ordered by Priority.
	Groups []Rule `yaml:"groups" json:"groups"`
	// Fallbacks run when no group holds; the first that holds decides.
	Fallbacks []Rule `yaml:"fallbacks,omitempty" json:"fallbacks,omitempty"`
	// Otherwise decides when nothing else does; it has no formula.
	Otherwise Rule `yaml:"otherwise" json:"otherwise"`

	Pos         formula.Position   `yaml:"-" json:"-"`
	PriorityPos []formula.Position `yaml:"-" json:"-"`
}

// Rule is one classification rule.
type Rule struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"` // the rule's Chinese name
	// Gives is what the rule concludes when it holds, written in the
	// document's group field: one of the four groups for a rule under
	// groups, an outcome that is not a group (非新的社会阶层, 无法判定) for
	// the others.
	Gives Conclusion `yaml:"group" json:"group"`
	// Subkind is the G3 sub-kind a rule of G3 gives, if it names one.
	Subkind Subkind `yaml:"subkind,omitempty" json:"subkind,omitempty"`
	// Yields marks a rule under groups whose group gives way: it is the
	// primary group only when no rule without Yields holds for another
	// group; when one does, the group is kept as secondary whatever the
	// priority. The baseline's 网络意见人士 rule yields: a lawyer with many
	// followers stays G2, and G4 is secondary.
	Yields bool `yaml:"yields,omitempty" json:"yields,omitempty"`
	// When is the rule's formula over roster.Facts; "" for the otherwise
	// rule, which holds when nothing else does.
	When string `yaml:"when,omitempty" json:"when,omitempty"`
	// Reason is the sentence a clerk reads when the rule decides.
	Reason string `yaml:"reason" json:"reason"`

	Pos        formula.Position `yaml:"-" json:"-"`
	GivesPos   formula.Position `yaml:"-" json:"-"`
	SubkindPos formula.Position `yaml:"-" json:"-"`
	YieldsPos  formula.Position `yaml:"-" json:"-"`
	WhenPos    formula.Position `yaml:"-" json:"-"`
}

// Conclusion is what a rule concludes when it holds: Classified in one of
// the four groups, or an outcome that is no group. Its text is a group's
// code (G1) or label, or an outcome (非新的社会阶层, 无法判定). The zero
// value is Undetermined.
type Conclusion struct {
	Outcome Outcome
	Group   Group // for Classified
}

// InGroup is the conclusion of a rule under groups: Classified in g.
func InGroup(g Group) Conclusion { return Conclusion{Outcome: Classified, Group: g} }

// String writes c as a document does: G1 to G4, or the outcome's label.
func (c Conclusion) String() string {
	if c.Outcome == Classified {
		return c.Group.Code()
	}
	return c.Outcome.Label()
}

// MarshalText writes c as [Conclusion.String] does.
func (c Conclusion) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a group (G1, a code or label [ParseGroup] reads) or an
// outcome that is no group (非新的社会阶层, 无法判定, or their English names).
func (c *Conclusion) UnmarshalText(b []byte) error {
	if g, err := ParseGroup(string(b)); err == nil && g.Valid() {
		*c = InGroup(g)
		return nil
	}
	if o, ok := parseOutcome(string(b)); ok {
		*c = Conclusion{Outcome: o}
		return nil
	}
	return fmt.Errorf("%w: %q is neither a group nor an outcome", ErrUnknownGroup, string(b))
}

// IsZero reports whether r holds no rule and no priority: a document
// that has no classification section.
func (r Rules) IsZero() bool {
	return len(r.Priority) == 0 && len(r.Screens) == 0 && len(r.Groups) == 0 && len(r.Fallbacks) == 0 && r.Otherwise.ID == ""
}

// Clone returns a copy of r that shares nothing with it.
func (r Rules) Clone() Rules {
	c := r
	c.Priority, c.PriorityPos = slices.Clone(r.Priority), slices.Clone(r.PriorityPos)
	c.Screens, c.Groups, c.Fallbacks = slices.Clone(r.Screens), slices.Clone(r.Groups), slices.Clone(r.Fallbacks)
	return c
}

// Step returns the rules of a step: a copy, one rule for Otherwise.
func (r *Rules) Step(s Step) []Rule {
	switch s {
	case Screening:
		return slices.Clone(r.Screens)
	case Grouping:
		return slices.Clone(r.Groups)
	case Fallback:
		return slices.Clone(r.Fallbacks)
	case Otherwise:
		return []Rule{r.Otherwise}
	}
	return nil
}

// All yields every rule with its step, in the order a classification
// takes them: screens, groups, fallbacks, then the otherwise rule.
func (r *Rules) All() iter.Seq2[Step, Rule] {
	return func(yield func(Step, Rule) bool) {
		for s := Screening; s <= Otherwise; s++ {
			for _, x := range r.Step(s) {
				if !yield(s, x) {
					return
				}
			}
		}
	}
}

// Lookup returns the rule with the id, and its step.
func (r *Rules) Lookup(id string) (Rule, Step, bool) {
	for s, x := range r.All() {
		if x.ID == id {
			return x, s, true
		}
	}
	return Rule{}, 0, false
}

// Canonical returns a copy of r with every formula in the normal form of
// [formula.Canonical]: two sets of rules whose formulas parse alike have
// equal Canonical forms, whatever their white space and parentheses.
func (r Rules) Canonical() Rules {
	c := r.Clone()
	for _, list := range [][]Rule{c.Screens, c.Groups, c.Fallbacks} {
		for i := range list {
			list[i].When, _ = formula.Canonical(list[i].When)
		}
	}
	return c
}
