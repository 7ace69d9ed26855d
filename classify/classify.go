package classify

import (
	"errors"
	"fmt"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
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
	// classification took them (see [Classifier.ClassifyFacts]).
	Matched []string
}

// Classifier classifies records by a set of compiled rules. It is
// immutable and safe for concurrent use.
type Classifier struct {
	rules    *Rules
	priority []Group
	// programs holds the compiled rules of the screens, groups and
	// fallbacks, by step.
	programs  [Fallback][]program
	otherwise *rule
}

type program struct {
	*rule
	prog *formula.Program
}

// unread are the facts a classification rule may not read, and why. A
// classification does not depend on the assessment date, and
// [Classifier.Classify] works out the facts for no date; the group and
// sub-kind in the facts are what a classification gives.
var unread = map[string]struct{ zh, en string }{
	"Age":             {"因为它取决于评定日期，而分类不看评定日期", "depends on the assessment date, which a classification does not read"},
	"TrainingHours":   {"因为它取决于评定日期，而分类不看评定日期", "depends on the assessment date, which a classification does not read"},
	"TrainingHours5y": {"因为它取决于评定日期，而分类不看评定日期", "depends on the assessment date, which a classification does not read"},
	"Group":           {"因为它是分类得出的结果，不是分类的依据", "is what a classification gives, not what it reads"},
	"Subkind":         {"因为它是分类得出的结果，不是分类的依据", "is what a classification gives, not what it reads"},
}

// New compiles every rule of rules and returns a classifier. It fails when
// a formula does not compile, with an [*Error] for each such formula (joined
// by [errors.Join]) that points into the rules file.
func New(rules *Rules) (*Classifier, error) {
	if rules == nil || len(rules.steps[Grouping-1]) == 0 || len(rules.steps[Otherwise-1]) == 0 {
		return nil, &Error{Err: ErrMissingField, Message: bilingual("规则中没有群体判断（groups）规则或其余情形（otherwise）规则", "the rules have no group rule or no otherwise rule")}
	}
	comp, err := formula.NewEnv(formula.Config{Policy: rules.jurisdiction})
	if err != nil {
		return nil, &Error{Err: ErrInvalid, Message: "公式编译器设置有误：" + err.Error()}
	}
	c := &Classifier{rules: rules, priority: rules.priority, otherwise: rules.steps[Otherwise-1][0]}
	var errs []error
	for i := range c.programs {
		for _, r := range rules.steps[i] {
			p, err := compile(comp, rules.jurisdiction, r)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			c.programs[i] = append(c.programs[i], program{rule: r, prog: p})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

func compile(comp *formula.Env, jurisdiction string, r *rule) (*formula.Program, error) {
	p, err := comp.Compile(r.ID, r.When, formula.Predicate, formula.Position{File: r.File})
	if err != nil {
		return nil, r.formulaError(err, ErrFormula, "")
	}
	if name, from := readsUnread(r.When); name != "" {
		why := unread[name]
		msg := bilingual("公式中不能使用 "+name+"，"+why.zh, name+" "+why.en)
		fe := &formula.Error{Policy: jurisdiction, Rule: r.ID, Message: msg, Err: formula.ErrRefused}
		bound := (&file.Error{Location: file.Location{From: from, To: from + 1}, Message: msg}).Bind(file.NewSource(r.When))
		fe.Snippet = bound.Snippet
		fe.Line, fe.Column = bound.Line, bound.Column+1
		return nil, r.formulaError(fe, ErrFormula, "")
	}
	return p, nil
}

// readsUnread returns the first fact of unread that the formula reads, and
// where (a character offset).
func readsUnread(src string) (string, int) {
	tree, err := parser.Parse(src)
	if err != nil {
		return "", 0
	}
	v := &unreadFinder{}
	ast.Walk(&tree.Node, v)
	return v.name, v.from
}

type unreadFinder struct {
	name string
	from int
}

func (v *unreadFinder) Visit(node *ast.Node) {
	id, ok := (*node).(*ast.IdentifierNode)
	if !ok {
		return
	}
	if _, refused := unread[id.Value]; refused && (v.name == "" || id.Location().From < v.from) {
		v.name, v.from = id.Value, id.Location().From
	}
}

// formulaError turns an error of the formula compiler into an *Error whose
// position is in the rules file: the compiler saw only the formula's text.
func (r *rule) formulaError(err error, cause error, record string) error {
	var fe *formula.Error
	if !errors.As(err, &fe) {
		at := r.whenAt
		return &Error{Record: record, File: r.File, Line: at.line, Column: at.col, Rule: r.ID, Message: formulaPhrase(cause) + err.Error(), Err: cause}
	}
	at := r.whenAt
	if fe.Line > 0 && len(r.src) > 0 {
		at = r.src[min(max(offset(r.When, fe.Line, fe.Column), 0), len(r.src)-1)]
	}
	fe.Position = formula.Position{File: r.File, Line: at.line, Column: at.col}
	return &Error{Record: record, File: r.File, Line: at.line, Column: at.col, Rule: r.ID, Message: fe.Message, Err: cause, formula: fe}
}

// offset turns a 1-based line and column inside text into a character offset.
func offset(text string, line, col int) int {
	i, l := 0, 1
	for _, c := range text {
		if l == line {
			break
		}
		if c == '\n' {
			l++
		}
		i++
	}
	return i + col - 1
}

// Rules returns the rules c was made from.
func (c *Classifier) Rules() *Rules {
	if c == nil {
		return nil
	}
	return c.rules
}

// errNotReady is what a nil or zero Classifier gives.
var errNotReady = &Error{Err: ErrInvalid, Message: bilingual("分类器未初始化：请用 classify.New 创建", "the classifier is not ready: make it with classify.New")}

// ready reports whether c was made by New.
func (c *Classifier) ready() error {
	if c == nil || c.otherwise == nil {
		return errNotReady
	}
	return nil
}

// Classify classifies one record. A classification does not depend on the
// assessment date: Classify reads the record's facts for no date. A
// pipeline that already holds the facts calls [Classifier.ClassifyFacts].
func (c *Classifier) Classify(r *roster.Record) (Result, error) {
	if err := c.ready(); err != nil {
		return Result{Reason: "分类器未初始化，无法判定。"}, err
	}
	if r == nil {
		return Result{Reason: "没有登记记录，无法判定。"}, &Error{Err: ErrInvalid, Message: bilingual("没有要分类的记录", "no record to classify")}
	}
	f := r.Facts(roster.Date{})
	return c.ClassifyFacts(&f)
}

// ClassifyFacts classifies the facts of one record and gives them the
// group it finds (Facts.Group "G1" to "G4", and Facts.Subkind for G3), which
// later stages read; facts of a person in none of the groups keep both
// empty.
//
// It runs every screen and every group rule, so that Matched shows all the
// rules that held. The first screen that holds, in the order of the rules,
// decides. Else the matching groups decide: the first in the declared
// priority is primary, the first of its rules that held gives the reason,
// the others are secondary. A group that only rules with yields gave comes
// after every group that a rule without it gave, whatever the priority; a
// rule without yields gives the reason before one with it. Else the first fallback that holds decides,
// and failing that the otherwise rule, which then end Matched. Result.Rule
// always names the rule that decided; when a screen decides, Matched may
// also list group rules that held after it (an excluded 事业单位 journalist
// who would otherwise have been G4), for the record.
//
// A formula that fails on the record (an index past the end of a list, a
// division by zero) gives an Undetermined result that names the rule and
// says why, together with an [*Error] wrapping [ErrRuntime] that names the
// record. A batch keeps the result, reports the error and goes on.
func (c *Classifier) ClassifyFacts(f *roster.Facts) (Result, error) {
	if err := c.ready(); err != nil {
		return Result{Reason: "分类器未初始化，无法判定。"}, err
	}
	if f == nil {
		return Result{Reason: "没有登记记录，无法判定。"}, &Error{Err: ErrInvalid, Message: bilingual("没有要分类的记录", "no record to classify")}
	}
	f.Group, f.Subkind = "", "" // what an earlier classification gave is not this one's
	var (
		res     Result
		decided *rule
		firstOf [G4 + 1]*rule // the first rule that held, by group
		firmOf  [G4 + 1]*rule // the first that held and does not yield
	)
	run := func(p program) (bool, error) {
		ok, err := p.prog.Bool(f)
		if ok && err == nil {
			if res.Matched == nil {
				res.Matched = make([]string, 0, 4)
			}
			res.Matched = append(res.Matched, p.ID)
		}
		return ok, err
	}
	for _, p := range c.programs[Screening-1] {
		held, err := run(p)
		if err != nil {
			return c.fault(f, p.rule, err, res.Matched)
		}
		if held && decided == nil {
			decided = p.rule
		}
	}
	for _, p := range c.programs[Grouping-1] {
		held, err := run(p)
		if err != nil {
			return c.fault(f, p.rule, err, res.Matched)
		}
		if !held {
			continue
		}
		if firstOf[p.Group] == nil {
			firstOf[p.Group] = p.rule
		}
		if firmOf[p.Group] == nil && !p.Yields {
			firmOf[p.Group] = p.rule
		}
	}
	if decided != nil {
		res.Outcome, res.Rule, res.Reason = decided.Outcome, decided.ID, decided.Reason
		return res, nil
	}
	// The primary group is the first in priority that a rule without
	// yields gives; only when every group that held came from yielding
	// rules does a yielding rule decide.
	by := firmOf
	if !anyHeld(firmOf) {
		by = firstOf
	}
	for _, g := range c.priority {
		if r := by[g]; r != nil {
			res.Outcome, res.Primary, res.Rule, res.Reason = Classified, g, r.ID, r.Reason
			if g == G3 {
				// The rule that decided gives the sub-kind, as it gives the reason.
				res.Subkind = r.Subkind
			}
			break
		}
	}
	for _, g := range c.priority {
		if firstOf[g] != nil && g != res.Primary {
			res.Secondary = append(res.Secondary, g)
		}
	}
	if res.Primary != 0 {
		res.give(f)
		return res, nil
	}
	for _, p := range c.programs[Fallback-1] {
		held, err := run(p)
		if err != nil {
			return c.fault(f, p.rule, err, res.Matched)
		}
		if held {
			res.Outcome, res.Rule, res.Reason = p.Outcome, p.ID, p.Reason
			return res, nil
		}
	}
	o := c.otherwise
	res.Outcome, res.Rule, res.Reason = o.Outcome, o.ID, o.Reason
	res.Matched = append(res.Matched, o.ID)
	return res, nil
}

// give gives f the group and sub-kind of a classified result, which the
// qualification conditions and the indicators read.
func (res Result) give(f *roster.Facts) {
	f.Group = res.Primary.Code()
	if res.Subkind.Valid() {
		f.Subkind = res.Subkind.Label()
	}
}

// anyHeld reports whether any group has a rule in rules.
func anyHeld(rules [G4 + 1]*rule) bool {
	for _, r := range rules {
		if r != nil {
			return true
		}
	}
	return false
}

// fault is the result of a rule that failed on a record.
func (c *Classifier) fault(f *roster.Facts, r *rule, err error, matched []string) (Result, error) {
	e := r.formulaError(err, ErrRuntime, f.Key)
	msg := err.Error()
	var fe *formula.Error
	if errors.As(err, &fe) {
		msg = fe.Message
	}
	return Result{
		Outcome: Undetermined,
		Rule:    r.ID,
		Reason:  fmt.Sprintf("规则 %s（%s）对本记录无法运行，无法判定：%s。", r.ID, r.Name, msg),
		Matched: matched,
	}, e
}
