package policy

import (
	"slices"
	"strings"

	"github.com/newstrata/newstrata/classify"
)

// The kinds of change of the classification rules.
const (
	ClassificationPriorityChanged ChangeKind = GradeChanged + 1 + iota // the order of the groups
	ClassificationRuleAdded                                            // a classification rule added
	ClassificationRuleRemoved                                          // a classification rule disabled
	ClassificationRuleChanged                                          // a rule's group, formula, name, reason, step or place
)

// classification lists what next changes of base's classification rules;
// a document without them has the baseline's, as it classifies by them.
func (d *differ) classification(base, next *Document) {
	if base.Classification.IsZero() && next.Classification.IsZero() {
		return
	}
	b, n := classificationOf(base), classificationOf(next)
	if !slices.Equal(b.Priority, n.Priority) {
		d.add(ClassificationPriorityChanged, "priority", "分类优先顺序：%s → %s (classification priority %s → %s)",
			groupList(b.Priority, "、"), groupList(n.Priority, "、"), groupList(b.Priority, ", "), groupList(n.Priority, ", "))
	}
	for s, r := range n.All() {
		old, os, ok := b.Lookup(r.ID)
		if !ok {
			d.add(ClassificationRuleAdded, r.ID, "新增分类规则 %s %s（%s，%s%s）：%s (classification rule added under %s: %s)",
				r.ID, r.Name, s.Label(), conclusionLabel(r), placeIn(n, s, r.ID), asWritten(r.When), s, r.Gives)
			continue
		}
		if os != s {
			d.add(ClassificationRuleChanged, r.ID, "分类规则 %s %s：从%s移到%s (moved from %s to %s)", r.ID, r.Name, os.Label(), s.Label(), os, s)
		}
		if old.Name != r.Name {
			d.add(ClassificationRuleChanged, r.ID, "分类规则 %s：名称 %s → %s (name changed)", r.ID, old.Name, r.Name)
		}
		if old.Gives != r.Gives || old.Subkind != r.Subkind {
			d.add(ClassificationRuleChanged, r.ID, "分类规则 %s %s：结论 %s → %s (group %s → %s)", r.ID, r.Name, conclusionLabel(old), conclusionLabel(r), old.Gives, r.Gives)
		}
		if old.Yields != r.Yields {
			d.add(ClassificationRuleChanged, r.ID, "分类规则 %s %s：让位（yields）%s → %s (yields %s → %s)", r.ID, r.Name, yesNo(old.Yields), yesNo(r.Yields), yesNoEn(old.Yields), yesNoEn(r.Yields))
		}
		if !sameFormula(old.When, r.When) {
			d.add(ClassificationRuleChanged, r.ID, "分类规则 %s %s：公式 %s → %s (formula changed)", r.ID, r.Name, orNone(asWritten(old.When)), orNone(asWritten(r.When)))
		}
		if old.Reason != r.Reason {
			d.add(ClassificationRuleChanged, r.ID, "分类规则 %s %s：理由 %s → %s (reason changed)", r.ID, r.Name, orNone(old.Reason), orNone(r.Reason))
		}
	}
	// In screens and fallbacks the first rule that holds decides: the order
	// of the rules both have is a change of its own.
	for _, s := range []classify.Step{classify.Screening, classify.Fallback} {
		was, now := kept(b.Step(s), n), kept(n.Step(s), b)
		if !slices.Equal(was, now) {
			d.add(ClassificationRuleChanged, s.String(), "%s规则的先后顺序：%s → %s (%s reordered)", s.Label(), strings.Join(was, "、"), strings.Join(now, "、"), s)
		}
	}
	for s, r := range b.All() {
		if _, _, ok := n.Lookup(r.ID); !ok {
			d.add(ClassificationRuleRemoved, r.ID, "停用分类规则 %s %s（%s，%s）(classification rule disabled)", r.ID, r.Name, s.Label(), conclusionLabel(r))
		}
	}
}

// kept lists the ids of rules that other has too, in the order of rules.
func kept(rules []classify.Rule, other classify.Rules) []string {
	var out []string
	for _, r := range rules {
		if _, _, ok := other.Lookup(r.ID); ok {
			out = append(out, r.ID)
		}
	}
	return out
}

// placeIn says, for a rule of screens or fallbacks, the rule it comes before.
func placeIn(r classify.Rules, s classify.Step, id string) string {
	if s != classify.Screening && s != classify.Fallback {
		return ""
	}
	list := r.Step(s)
	i := slices.IndexFunc(list, func(x classify.Rule) bool { return x.ID == id })
	if i+1 < len(list) {
		return "，在 " + list[i+1].ID + " 之前"
	}
	return ""
}

// conclusionLabel is what a rule concludes, in Chinese: a group and its
// sub-kind, or an outcome.
func conclusionLabel(r classify.Rule) string {
	s := r.Gives.String()
	if r.Subkind.Valid() {
		s += " " + r.Subkind.Label()
	}
	return s
}

func groupList(gs []classify.Group, sep string) string {
	codes := make([]string, len(gs))
	for i, g := range gs {
		codes[i] = g.Code()
	}
	return strings.Join(codes, sep)
}
