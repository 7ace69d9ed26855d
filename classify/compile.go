package classify

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/newstrata/newstrata/formula"
)

var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,31}$`)

// unread are the facts a classification rule may not read, and why. A
// classification does not depend on the assessment date, and the group and
// sub-kind in the facts are what a classification gives.
var unread = map[string]struct{ zh, en string }{
	"Age":             {"因为它取决于评价基准日，而分类不看评价基准日", "depends on the assessment date, which a classification does not read"},
	"AsOf":            {"因为它是评价基准日，而分类不看评价基准日", "is the assessment date, which a classification does not read"},
	"TrainingHours":   {"因为它取决于评价基准日，而分类不看评价基准日", "depends on the assessment date, which a classification does not read"},
	"TrainingHours5y": {"因为它取决于评价基准日，而分类不看评价基准日", "depends on the assessment date, which a classification does not read"},
	"Group":           {"因为它是分类得出的结果，不是分类的依据", "is what a classification gives, not what it reads"},
	"Subkind":         {"因为它是分类得出的结果，不是分类的依据", "is what a classification gives, not what it reads"},
}

// Compile checks rules and compiles every formula with env, the
// environment the policy's other rules are compiled with (its inputs and
// functions), and returns a classifier. rules are copied.
//
// It reports every problem at once, joined, each a [*formula.Error] placed
// by the rules' positions: ids unique and of the form of a policy's ids;
// each of the four groups in the priority exactly once; a name and a reason
// on every rule; a group under groups and an outcome elsewhere; a sub-kind
// only on a G3 rule; yields only under groups; an otherwise rule without a
// formula; and formulas that compile to a boolean and read neither a fact
// that depends on the assessment date (Age, the training hours) nor the
// classification's own result (Group, Subkind).
func Compile(env *formula.Env, rules Rules) (*Classifier, error) {
	if env == nil {
		return nil, &formula.Error{MessageZH: "没有公式环境", Message: "no formula environment", Err: ErrInvalid}
	}
	rules = rules.Clone()
	c := &compiler{env: env}
	c.priority(&rules)
	if len(rules.Groups) == 0 {
		c.add(rules.Pos, "", ErrInvalid, "群体判断（groups）下没有规则", "no rule under groups")
	}
	if rules.Otherwise.ID == "" && rules.Otherwise.Pos.IsZero() {
		c.add(rules.Pos, "", ErrInvalid, "缺少其余情形规则（otherwise）", "the otherwise rule is missing")
	}
	cl := &Classifier{rules: rules}
	for s, list := range [][]Rule{rules.Screens, rules.Groups, rules.Fallbacks} {
		for i := range list {
			if p := c.rule(Step(s+1), &list[i]); p != nil {
				cl.programs[s] = append(cl.programs[s], program{Rule: &list[i], prog: p})
			}
		}
	}
	if rules.Otherwise.ID != "" || !rules.Otherwise.Pos.IsZero() {
		c.rule(Otherwise, &rules.Otherwise)
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	cl.otherwise = &cl.rules.Otherwise
	var decisive []*formula.Program
	for _, p := range slices.Concat(cl.programs[Screening-1], cl.programs[Grouping-1]) {
		decisive = append(decisive, p.prog)
	}
	cl.decisive = formula.NewStage(decisive...)
	b, err := json.Marshal(rules.Canonical())
	if err != nil {
		return nil, err // every field marshals; unreachable
	}
	sum := sha256.Sum256(b)
	cl.fingerprint = hex.EncodeToString(sum[:])
	return cl, nil
}

type compiler struct {
	env  *formula.Env
	errs []error
	ids  map[string]formula.Position
}

// add records a problem at at, about the rule id ("" for the rules as a whole).
// zh and en are formats: zh takes the first of args it needs, en the rest.
func (c *compiler) add(at formula.Position, id string, cause error, zh, en string, args ...any) {
	n := strings.Count(zh, "%") - 2*strings.Count(zh, "%%")
	zhArgs, enArgs := args, args
	if n < len(args) {
		zhArgs, enArgs = args[:n], args[n:]
	}
	c.errs = append(c.errs, &formula.Error{Position: at, Rule: id, MessageZH: fmt.Sprintf(zh, zhArgs...), Message: fmt.Sprintf(en, enArgs...), Err: cause})
}

func (c *compiler) priority(r *Rules) {
	at := func(i int) formula.Position {
		if i < len(r.PriorityPos) && !r.PriorityPos[i].IsZero() {
			return r.PriorityPos[i]
		}
		return r.Pos
	}
	seen := map[Group]bool{}
	for i, g := range r.Priority {
		switch {
		case !g.Valid():
			c.add(at(i), "", ErrUnknownGroup, "优先顺序（priority）中的群体 %s 不存在，应为 G1、G2、G3 或 G4", "unknown group %s in priority (want G1, G2, G3 or G4)", g, g)
		case seen[g]:
			c.add(at(i), "", ErrPriority, "%s 在优先顺序（priority）中出现了两次", "%s appears twice in priority", g.Code(), g.Code())
		}
		seen[g] = true
	}
	for g := G1; g <= G4; g++ {
		if !seen[g] {
			c.add(at(0), "", ErrPriority, "优先顺序（priority）缺少 %s：G1、G2、G3、G4 须各列一次", "priority lacks %s: it lists each of G1, G2, G3 and G4 once", g.Code(), g.Code())
		}
	}
}

// rule checks one rule of step s and compiles its formula; nil when it has
// none or it does not compile.
func (c *compiler) rule(s Step, r *Rule) *formula.Program {
	if c.ids == nil {
		c.ids = map[string]formula.Position{}
	}
	id := r.ID
	switch first, dup := c.ids[id]; {
	case !idPattern.MatchString(id):
		c.add(r.Pos, "", ErrInvalid, "分类规则编号 %q 须为 1 至 32 个字母、数字、'_'、'.' 或 '-'，并以字母开头", "classification rule id %q must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter", id, id)
	case dup:
		c.add(r.Pos, id, ErrDuplicateID, "编号已在 %s 使用过", "the id is already used at %s", first, first)
	default:
		c.ids[id] = r.Pos
	}
	if strings.TrimSpace(r.Name) == "" {
		c.add(r.Pos, id, ErrInvalid, "没有名称（name）", "no name")
	}
	if strings.TrimSpace(r.Reason) == "" {
		c.add(r.Pos, id, ErrInvalid, "没有理由（reason）", "no reason")
	}
	c.gives(s, r)
	if r.Yields && s != Grouping {
		c.add(or(r.YieldsPos, r.Pos), id, ErrInvalid, "yields（让位）只用于群体判断（groups）下的规则", "yields is only for a rule under groups")
	}
	if s == Otherwise {
		if r.When != "" {
			c.add(or(r.WhenPos, r.Pos), id, ErrInvalid, "其余情形（otherwise）规则不写 when：其他规则都不成立时，它就成立", "the otherwise rule has no when: it holds when nothing else does")
		}
		return nil
	}
	if strings.TrimSpace(r.When) == "" {
		c.add(r.Pos, id, ErrInvalid, "没有公式（when）", "no formula (when)")
		return nil
	}
	at := r.WhenPos.Of(r.When)
	p, err := c.env.Compile(id, r.When, formula.Predicate, at)
	if err != nil {
		var fe *formula.Error
		if errors.As(err, &fe) {
			fe.Err = errors.Join(ErrFormula, fe.Err)
			c.errs = append(c.errs, fe)
		} else {
			c.add(or(r.WhenPos, r.Pos), id, ErrFormula, "公式错误：%s", "formula error: %s", err, err)
		}
		return nil
	}
	if name, from := readsUnread(r.When); name != "" {
		why := unread[name]
		msg := name + " " + why.en
		bound := (&file.Error{Location: file.Location{From: from, To: from + 1}, Message: msg}).Bind(file.NewSource(r.When))
		c.errs = append(c.errs, &formula.Error{Position: at.At(bound.Line, bound.Column+1), Rule: id,
			MessageZH: "公式中不能使用 " + name + "，" + why.zh, Message: msg, Snippet: bound.Snippet,
			Err: errors.Join(ErrFormula, formula.ErrRefused)})
		return nil
	}
	return p
}

// gives checks that what r concludes fits its step.
func (c *compiler) gives(s Step, r *Rule) {
	at := or(r.GivesPos, r.Pos)
	g := r.Gives
	switch {
	case !r.Pos.IsZero() && r.GivesPos.IsZero():
		c.add(r.Pos, r.ID, ErrInvalid, "缺少字段 group（群体或分类结论）", "missing field group")
	case g.Outcome == Classified && !g.Group.Valid():
		c.add(at, r.ID, ErrUnknownGroup, "群体 %s 不存在，应为 G1、G2、G3 或 G4", "unknown group %s (want G1, G2, G3 or G4)", g.Group, g.Group)
	case s == Grouping && g.Outcome != Classified:
		c.add(at, r.ID, ErrUnknownGroup, "%q 是分类结论，不是四个群体之一：请把这条规则移到先行判断（screens）或兜底判断（fallbacks）下",
			"%q is an outcome, not one of the four groups: put the rule under screens or fallbacks", g, g)
	case s != Grouping && g.Outcome == Classified:
		c.add(at, r.ID, ErrUnknownGroup, "%s（%s）下的规则不能归入群体 %s，应为 非新的社会阶层人士 或 无法判定",
			"group %s is not allowed under %s (want 非新的社会阶层人士 or 无法判定)", s.Label(), s, g, g, s)
	}
	switch {
	case r.Subkind == 0:
	case !r.Subkind.Valid():
		c.add(or(r.SubkindPos, r.Pos), r.ID, ErrUnknownGroup, "自由职业人员类别 %s 不存在", "unknown subkind %s", r.Subkind, r.Subkind)
	case s != Grouping || g.Group != G3:
		c.add(or(r.SubkindPos, r.Pos), r.ID, ErrInvalid, "只有 G3 的规则才能写自由职业人员类别（subkind）", "subkind is only for G3 rules")
	}
}

// or returns at, or else when at is zero.
func or(at, otherwise formula.Position) formula.Position {
	if at.IsZero() {
		return otherwise
	}
	return at
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
