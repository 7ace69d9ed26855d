package classify

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
)

// Rule is one rule of a [Rules], as its document writes it.
type Rule struct {
	ID   string
	Name string // the rule's Chinese name
	Step Step
	// Outcome is Classified for a rule under groups, else what the rule
	// concludes: NotNewStrata or Undetermined.
	Outcome Outcome
	Group   Group   // for a rule under groups
	Subkind Subkind // for a G3 rule, if it names one
	// Yields marks a rule under groups whose group gives way: it is the
	// primary group only when no rule without Yields holds for another
	// group; when one does, the group is kept as secondary whatever the
	// priority. The baseline's 网络意见人士 rule yields: a lawyer with many
	// followers stays G2, and G4 is secondary.
	Yields bool
	// When is the rule's formula over [roster.Facts]; "" for the otherwise
	// rule, which holds when nothing else does.
	When string
	// Reason is the sentence a clerk reads when the rule decides.
	Reason string
	// File, Line and Column say where the rule's entry starts.
	File   string
	Line   int
	Column int
}

// rule is a Rule with what errors need: where its fields stand.
type rule struct {
	Rule
	idAt, groupAt, whenAt, yieldsAt pos
	// src is the file position of every character of When, and of its end.
	src []pos
}

const stepCount = int(Otherwise)

// Rules is a set of classification rules: the baseline, a jurisdiction's
// own document, or a base changed by overlays. [Parse] reads one,
// [Baseline] returns the built-in one, [Rules.Extend] applies an overlay.
//
// A Rules is immutable: Extend returns a new value and leaves its receiver
// as it was. It is safe for concurrent use. The zero value holds no rule;
// [New] refuses it.
type Rules struct {
	jurisdiction string
	priority     []Group
	steps        [stepCount][]*rule
	// retired holds the ids that an overlay on the way here disabled: an
	// id stays taken once used, so a later overlay cannot give it to a rule
	// of other meaning.
	retired map[string]bool
}

//go:embed baseline.yaml
var baselineYAML []byte

// BaselineFile is the name the baseline document carries in errors and in
// [Rule.File].
const BaselineFile = "classify/baseline.yaml"

// Baseline returns the built-in rules: the four groups of the Nanning
// notice of 2 April 2019 as the reference version of this module, with the
// exclusions the notice names and the cases where data are missing. Each
// call reads the embedded document afresh.
func Baseline() *Rules {
	r, err := Parse(BaselineFile, baselineYAML)
	if err != nil {
		// The embedded document is tested; reaching here is a build defect.
		panic(err)
	}
	return r
}

// Parse reads a rules document; name is the file name used in errors.
//
// A document without extends is a whole set of rules: it needs priority,
// at least one rule under groups, and otherwise. A document with
// "extends: baseline" is an overlay applied to [Baseline]; to apply an
// overlay to other rules, use [Rules.Extend].
//
// Parse checks the document's structure; the formulas are compiled by [New].
func Parse(name string, data []byte) (*Rules, error) {
	d, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	if d.extends == nil {
		return build(&Rules{}, d)
	}
	if d.extends.text != "baseline" {
		return nil, &Error{File: name, Line: d.extends.at.line, Column: d.extends.at.col, Err: ErrBase,
			Message: bilingual(fmt.Sprintf("extends %q：内置的只有基线（baseline）；要在其他规则上叠加覆盖文件，请用 Rules.Extend", d.extends.text),
				fmt.Sprintf("extends %q: only baseline is built in; apply an overlay to other rules with Rules.Extend", d.extends.text))}
	}
	return build(Baseline(), d)
}

// Extend applies an overlay document to r and returns the result; name is
// the file name used in errors. The document must have extends: here its
// value only records, for a reader, what the overlay was written for.
//
// An overlay may set jurisdiction and priority; add rules under screens,
// groups and fallbacks, at the end of the step or before one of its rules
// (before: <id>); replace rules by id under replace (the replacement takes
// the place of the rule, in the same step); and disable rules by id under
// disable. An id stays taken once used: an added rule may not have the id
// of a base rule, even a disabled one. r is not changed.
func (r *Rules) Extend(name string, data []byte) (*Rules, error) {
	d, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	if d.extends == nil {
		return nil, &Error{File: name, Line: d.start.line, Column: d.start.col, Err: ErrMissingField,
			Message: bilingual(`缺少字段 "extends"：覆盖文件须写明它基于哪套规则`, `missing field "extends": an overlay names the rules it extends`)}
	}
	return build(r, d)
}

// build applies d to base. For a whole document base is the zero Rules.
func build(base *Rules, d *doc) (*Rules, error) {
	if base == nil {
		base = &Rules{}
	}
	dec := &decoder{file: d.file}
	fail := dec.fail
	where := func(r *rule) string { return fmt.Sprintf("%s:%d:%d", r.File, r.idAt.line, r.idAt.col) }
	out := &Rules{jurisdiction: base.jurisdiction, priority: base.priority, retired: maps.Clone(base.retired)}
	if out.retired == nil {
		out.retired = map[string]bool{}
	}
	for i := range out.steps {
		out.steps[i] = slices.Clone(base.steps[i])
	}
	if d.jurisdiction != nil {
		out.jurisdiction = d.jurisdiction.text
	}
	if d.priority != nil {
		out.priority = d.priority
	}

	known, inBase := map[string]*rule{}, map[string]bool{}
	for _, list := range base.steps {
		for _, r := range list {
			known[r.ID], inBase[r.ID] = r, true
		}
	}
	changed := map[string]pos{} // ids this overlay disables or replaces
	for _, s := range d.disable {
		r, ok := known[s.text]
		if !ok {
			return nil, fail(s.at, ErrNoSuchRule, s.text, "所基于的规则中没有这个编号，无法停用", "no rule with this id in the base to disable")
		}
		if at, dup := changed[s.text]; dup {
			return nil, fail(s.at, ErrDuplicateID, s.text, "本覆盖文件已在 %s:%d:%d 修改过这条规则", "the overlay already changes this rule at %s:%d:%d", d.file, at.line, at.col)
		}
		if r.Step == Otherwise {
			return nil, fail(s.at, ErrInvalid, s.text, "其余情形（otherwise）规则不能停用；要修改它，请列在 replace 下替换", "the otherwise rule cannot be disabled; replace it under replace")
		}
		changed[s.text] = s.at
		out.retired[s.text] = true
		i := r.Step - 1
		out.steps[i] = slices.DeleteFunc(out.steps[i], func(x *rule) bool { return x.ID == s.text })
	}
	for _, dr := range d.replace {
		r, ok := known[dr.ID]
		if !ok {
			return nil, fail(dr.idAt, ErrNoSuchRule, dr.ID, "所基于的规则中没有这个编号，无法替换", "no rule with this id in the base to replace")
		}
		if at, dup := changed[dr.ID]; dup {
			return nil, fail(dr.idAt, ErrDuplicateID, dr.ID, "本覆盖文件已在 %s:%d:%d 修改过这条规则", "the overlay already changes this rule at %s:%d:%d", d.file, at.line, at.col)
		}
		changed[dr.ID] = dr.idAt
		if err := dec.checkGroup(dr, r.Step); err != nil {
			return nil, err
		}
		if dr.Yields && r.Step != Grouping {
			return nil, fail(dr.yieldsAt, ErrInvalid, dr.ID, yieldsStepZh, yieldsStep)
		}
		switch {
		case r.Step == Otherwise && dr.hasWhen:
			return nil, fail(dr.whenAt, ErrInvalid, dr.ID, otherwiseWhenZh, otherwiseWhen)
		case r.Step != Otherwise && !dr.hasWhen:
			return nil, fail(pos{dr.Line, dr.Column}, ErrMissingField, dr.ID, `缺少字段 "when"`, `missing field "when"`)
		}
		nr := dr.rule
		nr.Step = r.Step
		i := r.Step - 1
		if j := slices.Index(out.steps[i], r); j >= 0 {
			out.steps[i][j] = &nr
		}
	}
	for step, list := range d.adds {
		for _, dr := range list {
			if base.retired[dr.ID] {
				return nil, fail(dr.idAt, ErrDuplicateID, dr.ID, "这个编号的规则已被本文件所基于的覆盖文件停用；编号一经使用就不能再给别的规则，请另选编号",
					"a rule with this id was disabled by an overlay this one builds on; an id stays taken once used, so choose another")
			}
			if prev, dup := known[dr.ID]; dup {
				if inBase[dr.ID] {
					return nil, fail(dr.idAt, ErrDuplicateID, dr.ID, "所基于的规则在 %s 已有这个编号；要修改那条规则，请列在 replace 下", "the base has a rule with this id at %s; list it under replace to change it", where(prev))
				}
				return nil, fail(dr.idAt, ErrDuplicateID, dr.ID, "编号重复，%s 也用了这个编号", "duplicate id, also used at %s", where(prev))
			}
			nr := &dr.rule
			known[dr.ID] = nr
			if dr.before == nil {
				out.steps[step] = append(out.steps[step], nr)
				continue
			}
			i := slices.IndexFunc(out.steps[step], func(x *rule) bool { return x.ID == dr.before.text })
			if i < 0 {
				return nil, fail(dr.before.at, ErrNoSuchRule, dr.ID, "before：%[2]s（%[3]s）下没有规则 %[1]q", "before: no rule %[1]q under %[3]s", dr.before.text, Step(step+1).Label(), Step(step+1))
			}
			out.steps[step] = slices.Insert(out.steps[step], i, nr)
		}
	}

	switch {
	case out.priority == nil:
		return nil, fail(d.start, ErrMissingField, "", `缺少字段 "priority"（优先顺序）`, `missing field "priority"`)
	case len(out.steps[Otherwise-1]) == 0:
		return nil, fail(d.start, ErrMissingField, "", `缺少字段 "otherwise"（其余情形规则）`, `missing field "otherwise"`)
	case len(out.steps[Grouping-1]) == 0:
		return nil, fail(d.start, ErrMissingField, "", "群体判断（groups）下没有规则", "no rule under groups")
	}
	return out, nil
}

// Jurisdiction returns the jurisdiction the rules are for, as their
// document names it (a code or a name); formula errors carry it.
func (r *Rules) Jurisdiction() string { return r.jurisdiction }

// Priority returns the groups in the order that picks the primary group
// when a person fits several.
func (r *Rules) Priority() []Group { return slices.Clone(r.priority) }

// List returns the rules in the order a classification takes them: screens,
// groups, fallbacks, then the otherwise rule.
func (r *Rules) List() []Rule {
	var out []Rule
	for _, list := range r.steps {
		for _, x := range list {
			out = append(out, x.Rule)
		}
	}
	return out
}

// Lookup returns the rule with the id.
func (r *Rules) Lookup(id string) (Rule, bool) {
	for _, list := range r.steps {
		for _, x := range list {
			if x.ID == id {
				return x.Rule, true
			}
		}
	}
	return Rule{}, false
}
