package classify

import (
	"errors"
	"fmt"
	"iter"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
)

// Result is the classification of one person.
//
// The zero value is an Undetermined result with no reason: it means that
// nothing was classified, and never reads as a conclusion.
type Result struct {
	Outcome Outcome
	// Primary is the group the person is kept under, for Classified: the
	// first of the matching groups in the declared priority.
	Primary Group
	// Secondary lists the other groups the person fits, in the declared
	// priority.
	Secondary []Group
	// Subkind is the freelance sub-kind when Primary is G3: the one the
	// rule that decided names (it gives the reason too).
	Subkind Subkind
	// Rule is the id of the rule that decided.
	Rule string
	// Reason is that rule's sentence, for the clerk.
	Reason string
	// Matched lists the ids of every rule that held, in the order the
	// classification took them (see [Classifier.Classify]).
	Matched []string
}

// Classifier classifies records by a set of compiled rules. It is
// immutable and safe for concurrent use. The zero Classifier is not ready:
// Classify returns an error wrapping [ErrInvalid]; make one with [Compile],
// or take a policy's.
type Classifier struct {
	rules Rules
	// programs holds the compiled rules of the screens, groups and
	// fallbacks, by step.
	programs [Fallback][]program
	// decisive runs the screens' and the groups' programs, in that order:
	// every record runs them all.
	decisive    *formula.Stage
	otherwise   *Rule
	fingerprint string
}

type program struct {
	*Rule
	prog *formula.Program
}

// Programs yields the rules of the screens, groups and fallbacks, in the
// order they are tried, with their compiled formulas' programs, for a
// caller that inspects them (which engine runs them, how often a run left
// fixed point).
func (c *Classifier) Programs() iter.Seq2[*Rule, *formula.Program] {
	return func(yield func(*Rule, *formula.Program) bool) {
		if c == nil {
			return
		}
		for _, step := range c.programs {
			for _, p := range step {
				if !yield(p.Rule, p.prog) {
					return
				}
			}
		}
	}
}

// Rules returns a copy of the rules c was compiled from; the zero Rules
// for a Classifier that is not ready.
func (c *Classifier) Rules() Rules {
	if c == nil {
		return Rules{}
	}
	return c.rules.Clone()
}

// Fingerprint returns the SHA-256, in hex, of c's rules in their canonical
// form (positions left out, formulas in one normal form): two classifiers
// with the same fingerprint classify every record alike.
func (c *Classifier) Fingerprint() string {
	if c == nil {
		return ""
	}
	return c.fingerprint
}

// ready reports whether c was made by Compile.
func (c *Classifier) ready() error {
	if c == nil || c.otherwise == nil {
		return &formula.Error{MessageZH: "分类器未初始化：请用 classify.Compile 创建，或取自政策（policy.Policy.Classifier）",
			Message: "the classifier is not ready: make it with classify.Compile, or take a policy's", Err: ErrInvalid}
	}
	return nil
}

// Classify classifies the facts of one record and gives them the group it
// finds (Facts.Group "G1" to "G4", and Facts.Subkind for G3), which later
// stages read; facts of a person in none of the groups keep both empty. A
// classification does not depend on the assessment date: its rules read
// no fact that does.
//
// It runs every screen and every group rule, so that Matched shows all the
// rules that held. The first screen that holds, in the order of the rules,
// decides. Else the matching groups decide: the first in the declared
// priority is primary, the first of its rules that held gives the reason,
// the others are secondary. A group that only rules with yields gave comes
// after every group that a rule without it gave, whatever the priority; a
// rule without yields gives the reason before one with it. Else the first
// fallback that holds decides, and failing that the otherwise rule, which
// then ends Matched. Result.Rule always names the rule that decided; when a
// screen decides, Matched may also list group rules that held after it (an
// excluded 事业单位 journalist who would otherwise have been G4), for the
// record.
//
// A formula that fails on the record (an index past the end of a list, a
// division by zero) gives an Undetermined result that names the rule and
// says why, together with a [*formula.Error] wrapping [ErrRuntime] that
// names the record. A batch keeps the result, reports the error and goes on.
func (c *Classifier) Classify(f *roster.Facts) (Result, error) {
	if err := c.ready(); err != nil {
		return Result{Reason: "分类器未初始化，无法判定。"}, err
	}
	if f == nil {
		return Result{Reason: "没有登记记录，无法判定。"}, &formula.Error{MessageZH: "没有要分类的记录", Message: "no record to classify", Err: ErrInvalid}
	}
	f.Group, f.Subkind = "", "" // what an earlier classification gave is not this one's
	var (
		res     Result
		decided *Rule
		firstOf [G4 + 1]*Rule // the first rule that held, by group
		firmOf  [G4 + 1]*Rule // the first that held and does not yield
	)
	// The screens and the group rules all run, as one stage; the
	// fallbacks one by one, until one holds.
	screens, groups := c.programs[Screening-1], c.programs[Grouping-1]
	var buf [64]bool
	held := buf[:]
	if c.decisive.Bools() > len(buf) {
		held = make([]bool, c.decisive.Bools())
	}
	ran, err := c.decisive.Run(f, nil, held)
	for i, ok := range held[:ran] {
		switch {
		case !ok:
		case i < len(screens):
			p := screens[i]
			res.Matched = matched(res.Matched, p.ID)
			if decided == nil {
				decided = p.Rule
			}
		default:
			p := groups[i-len(screens)]
			res.Matched = matched(res.Matched, p.ID)
			g := p.Gives.Group
			if firstOf[g] == nil {
				firstOf[g] = p.Rule
			}
			if firmOf[g] == nil && !p.Yields {
				firmOf[g] = p.Rule
			}
		}
	}
	if err != nil {
		failed := screens
		if ran >= len(screens) {
			failed, ran = groups, ran-len(screens)
		}
		return fault(f, failed[ran].Rule, err, res.Matched)
	}
	if decided != nil {
		res.Outcome, res.Rule, res.Reason = decided.Gives.Outcome, decided.ID, decided.Reason
		return res, nil
	}
	// The primary group is the first in priority that a rule without
	// yields gives; only when every group that held came from yielding
	// rules does a yielding rule decide.
	by := firmOf
	if !anyHeld(firmOf) {
		by = firstOf
	}
	for _, g := range c.rules.Priority {
		if r := by[g]; r != nil {
			res.Outcome, res.Primary, res.Rule, res.Reason = Classified, g, r.ID, r.Reason
			if g == G3 {
				// The rule that decided gives the sub-kind, as it gives the reason.
				res.Subkind = r.Subkind
			}
			break
		}
	}
	for _, g := range c.rules.Priority {
		if firstOf[g] != nil && g != res.Primary {
			res.Secondary = append(res.Secondary, g)
		}
	}
	if res.Primary != 0 {
		res.Give(f)
		return res, nil
	}
	for _, p := range c.programs[Fallback-1] {
		held, err := p.prog.Bool(f)
		if err != nil {
			return fault(f, p.Rule, err, res.Matched)
		}
		if held {
			res.Matched = matched(res.Matched, p.ID)
			res.Outcome, res.Rule, res.Reason = p.Gives.Outcome, p.ID, p.Reason
			return res, nil
		}
	}
	o := c.otherwise
	res.Outcome, res.Rule, res.Reason = o.Gives.Outcome, o.ID, o.Reason
	res.Matched = append(res.Matched, o.ID)
	return res, nil
}

// Give gives f the group and sub-kind of a classified result, which the
// qualification conditions and the indicators read, as Classify does: for
// a caller that kept the result of an earlier classification of the same
// facts.
func (res Result) Give(f *roster.Facts) {
	f.Group = res.Primary.Code()
	if res.Subkind.Valid() {
		f.Subkind = res.Subkind.Label()
	}
}

// matched adds the id of a rule that held to those before it.
func matched(ids []string, id string) []string {
	if ids == nil {
		ids = make([]string, 0, 4)
	}
	return append(ids, id)
}

// anyHeld reports whether any group has a rule in rules.
func anyHeld(rules [G4 + 1]*Rule) bool {
	for _, r := range rules {
		if r != nil {
			return true
		}
	}
	return false
}

// fault is the result of a rule that failed on a record, and its error,
// which names the record.
func fault(f *roster.Facts, r *Rule, err error, matched []string) (Result, error) {
	fe, ok := err.(*formula.Error)
	if !ok {
		fe = &formula.Error{Position: r.WhenPos, Rule: r.ID, MessageZH: "公式计算出错", Message: err.Error(), Err: formula.ErrRuntime}
	}
	fe.Record = f.Key
	fe.Err = errors.Join(ErrRuntime, fe.Err)
	return Result{
		Outcome: Undetermined,
		Rule:    r.ID,
		Reason:  fmt.Sprintf("规则 %s（%s）对本记录无法运行，无法判定：%s。", r.ID, r.Name, fe.Message),
		Matched: matched,
	}, fe
}
