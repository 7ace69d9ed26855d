package classify

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/newstrata/newstrata/internal/yamlsrc"
)

// pos is a place in a rules file: a 1-based line and a 1-based column
// counted in characters.
type pos struct{ line, col int }

// scalar is a text value and where it stands.
type scalar struct {
	text string
	at   pos
}

// draft is a rule as one document writes it, before it joins a [Rules].
type draft struct {
	rule
	// groupText is the group field as written; a replacement is checked
	// against the step of the rule it replaces only when it is applied.
	groupText string
	// isGroup and isOutcome tell whether groupText named one of the four
	// groups (in rule.Group) or an outcome (in rule.Outcome).
	isGroup, isOutcome bool
	hasWhen            bool
	before             *scalar
}

// doc is one rules document as read: a whole set of rules, or an overlay
// (extends is set) that changes a base.
type doc struct {
	file         string
	start        pos
	extends      *scalar
	jurisdiction *scalar
	priority     []Group
	adds         [stepCount][]*draft // new rules, by step
	replace      []*draft
	disable      []scalar
}

type decoder struct {
	file    string
	lines   [][]rune
	overlay bool
}

// fail returns an error at a place of the file: zh and en are the Chinese
// and English formats of its message, each of which takes all of args.
func (d *decoder) fail(at pos, cause error, rule, zh, en string, args ...any) error {
	return d.failText(at, cause, rule, bilingual(fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)))
}

// failText returns an error at a place of the file with the message as it is.
func (d *decoder) failText(at pos, cause error, rule, msg string) error {
	return &Error{File: d.file, Line: at.line, Column: at.col, Rule: rule, Message: msg, Err: cause}
}

// place turns a place of the shared reader into a position of this package.
func place(p yamlsrc.Place) pos { return pos{p.Line, p.Column} }

func tokenPos(tk *token.Token) pos { return place(yamlsrc.TokenPlace(tk)) }

// nodePos is where a node starts: for a block mapping, its first key.
func nodePos(n ast.Node) pos { return place(yamlsrc.NodePlace(n)) }

// The message of a when on the otherwise rule.
const (
	otherwiseWhenZh = "其余情形（otherwise）规则不写 when：其他规则都不成立时，它就成立"
	otherwiseWhen   = "the otherwise rule has no when: it holds when nothing else does"
)

// The message of yields on a rule that does not give a group.
const (
	yieldsStepZh = "yields（让位）只用于群体判断（groups）下的规则"
	yieldsStep   = "yields is only for a rule under groups"
)

const (
	topFields     = "jurisdiction, priority, screens, groups, fallbacks, otherwise"
	overlayFields = "extends, jurisdiction, priority, screens, groups, fallbacks, replace, disable"
)

// decode reads one rules document. It checks the document's shape and the
// values of its fields; what depends on a base (replacing, disabling,
// duplicate ids) is checked when the document is applied.
func decode(name string, data []byte) (*doc, error) {
	d := &decoder{file: name}
	f, err := yamlsrc.Parse(data)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) {
			return nil, d.failText(tokenPos(ye.GetToken()), ErrSyntax, "", "YAML 格式错误："+ye.GetMessage())
		}
		return nil, d.failText(pos{}, ErrSyntax, "", "YAML 格式错误："+err.Error())
	}
	if len(f.Docs) > 1 {
		at := nodePos(f.Docs[1].Body)
		if f.Docs[1].Start != nil {
			at = tokenPos(f.Docs[1].Start)
		}
		return nil, d.fail(at, ErrSyntax, "", "一个规则文件只能有一个文档（文档之间以 --- 分隔），本文件有 %d 个",
			"a rules file holds one document, not %d", len(f.Docs))
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, d.fail(pos{1, 1}, ErrMissingField, "", "规则文件没有内容", "the document is empty")
	}
	d.lines = yamlsrc.Lines(data)
	body := f.Docs[0].Body
	fields, err := d.mapping(body, "规则文件", "the document")
	if err != nil {
		return nil, err
	}
	out := &doc{file: name, start: nodePos(body)}
	for _, kv := range fields {
		if kv.key == "extends" {
			d.overlay = true
		}
	}
	for _, kv := range fields {
		switch kv.key {
		case "extends":
			s, err := d.text(kv, "")
			if err != nil {
				return nil, err
			}
			out.extends = &s
		case "jurisdiction":
			s, err := d.text(kv, "")
			if err != nil {
				return nil, err
			}
			out.jurisdiction = &s
		case "priority":
			if out.priority, err = d.priority(kv); err != nil {
				return nil, err
			}
		case "screens", "groups", "fallbacks":
			step := stepOf(kv.key)
			items, err := d.sequence(kv)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				r, err := d.rule(it, step)
				if err != nil {
					return nil, err
				}
				out.adds[step-1] = append(out.adds[step-1], r)
			}
		case "otherwise":
			if d.overlay {
				return nil, d.fail(kv.at, ErrUnknownField, "", "覆盖文件不能写字段 %q：要修改其余情形规则，请按它的编号列在 replace 下",
					"field %q is not for an overlay: list the otherwise rule under replace, by its id", kv.key)
			}
			r, err := d.rule(kv.value, Otherwise)
			if err != nil {
				return nil, err
			}
			out.adds[Otherwise-1] = []*draft{r}
		case "replace", "disable":
			if !d.overlay {
				return nil, d.fail(kv.at, ErrUnknownField, "", "字段 %q 只能用在写有 extends 的覆盖文件中",
					"field %q is only for a document with extends", kv.key)
			}
			items, err := d.sequence(kv)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				if kv.key == "disable" {
					s, err := d.scalarNode(it, "要停用的规则编号", "an id to disable", "")
					if err != nil {
						return nil, err
					}
					out.disable = append(out.disable, s)
					continue
				}
				r, err := d.rule(it, 0)
				if err != nil {
					return nil, err
				}
				out.replace = append(out.replace, r)
			}
		default:
			want := topFields
			if d.overlay {
				want = overlayFields
			}
			return nil, d.fail(kv.at, ErrUnknownField, "", "未知字段 %q，可用字段为 %s", "unknown field %q (want %s)", kv.key, want)
		}
	}
	return out, nil
}

func stepOf(section string) Step {
	for s := Screening; s <= Otherwise; s++ {
		if s.String() == section {
			return s
		}
	}
	return 0
}

// keyValue is one field of a mapping.
type keyValue struct {
	key   string
	at    pos // of the key
	value ast.Node
}

// refuse rejects what a rules file does not use: anchors, aliases, tags
// and merge keys would let one place of the file stand for another, and
// positions in errors would no longer say where to look.
func (d *decoder) refuse(n ast.Node) error {
	if yamlsrc.Indirect(n) {
		return d.fail(nodePos(n), ErrSyntax, "", "规则文件中不能使用锚点、别名、标签、合并键或复杂键",
			"anchors, aliases, tags, merge keys and complex keys are not used in a rules file")
	}
	return nil
}

// mapping reads the fields of a mapping; whatZh and what name it in the
// error, in Chinese and in English.
func (d *decoder) mapping(n ast.Node, whatZh, what string) ([]keyValue, error) {
	if err := d.refuse(n); err != nil {
		return nil, err
	}
	values, ok := yamlsrc.Fields(n)
	if !ok {
		return nil, d.fail(nodePos(n), ErrSyntax, "", "%[1]s必须写成“字段: 值”的形式", "%[2]s must be a mapping of fields", whatZh, what)
	}
	out := make([]keyValue, 0, len(values))
	for _, mv := range values {
		if err := d.refuse(mv.Key); err != nil {
			return nil, err
		}
		if err := d.refuse(mv.Value); err != nil {
			return nil, err
		}
		key, ok := yamlsrc.ScalarText(mv.Key)
		if !ok {
			return nil, d.fail(nodePos(mv.Key), ErrSyntax, "", "字段名必须是文字", "a field name must be a text")
		}
		out = append(out, keyValue{key: key, at: nodePos(mv.Key), value: mv.Value})
	}
	return out, nil
}

func (d *decoder) sequence(kv keyValue) ([]ast.Node, error) {
	switch v := kv.value.(type) {
	case nil, *ast.NullNode:
		return nil, nil
	case *ast.SequenceNode:
		for _, it := range v.Values {
			if err := d.refuse(it); err != nil {
				return nil, err
			}
		}
		return v.Values, nil
	}
	return nil, d.fail(nodePos(kv.value), ErrSyntax, "", "字段 %q 必须是列表", "field %q must be a list", kv.key)
}

// scalarNode reads a text that must not be empty; whatZh and what name it
// in the error, in Chinese and in English, and rule names the rule, if known.
func (d *decoder) scalarNode(n ast.Node, whatZh, what, rule string) (scalar, error) {
	if err := d.refuse(n); err != nil {
		return scalar{}, err
	}
	if _, null := n.(*ast.NullNode); null || n == nil {
		return scalar{}, d.fail(nodePos(n), ErrMissingField, rule, "%[1]s为空", "%[2]s is empty", whatZh, what)
	}
	s, ok := yamlsrc.ScalarText(n)
	if !ok {
		return scalar{}, d.fail(nodePos(n), ErrSyntax, rule, "%[1]s必须是文字，不能是列表或映射", "%[2]s must be a text, not a list or a mapping", whatZh, what)
	}
	if strings.TrimSpace(s) == "" {
		return scalar{}, d.fail(nodePos(n), ErrMissingField, rule, "%[1]s为空", "%[2]s is empty", whatZh, what)
	}
	return scalar{text: s, at: nodePos(n)}, nil
}

func (d *decoder) text(kv keyValue, rule string) (scalar, error) {
	if kv.value == nil {
		return scalar{}, d.fail(kv.at, ErrMissingField, rule, "字段 %q 为空", "field %q is empty", kv.key)
	}
	if _, null := kv.value.(*ast.NullNode); null {
		return scalar{}, d.fail(kv.at, ErrMissingField, rule, "字段 %q 为空", "field %q is empty", kv.key)
	}
	return d.scalarNode(kv.value, fmt.Sprintf("字段 %q ", kv.key), fmt.Sprintf("field %q", kv.key), rule)
}

func (d *decoder) priority(kv keyValue) ([]Group, error) {
	items, err := d.sequence(kv)
	if err != nil {
		return nil, err
	}
	var out []Group
	seen := map[Group]bool{}
	for _, it := range items {
		s, err := d.scalarNode(it, "优先顺序（priority）中的群体", "a group in priority", "")
		if err != nil {
			return nil, err
		}
		g, err := ParseGroup(s.text)
		if err != nil || !g.Valid() {
			return nil, d.fail(s.at, ErrUnknownGroup, "", "优先顺序（priority）中的群体 %q 不存在，应为 G1、G2、G3 或 G4",
				"unknown group %q in priority (want G1, G2, G3 or G4)", s.text)
		}
		if seen[g] {
			return nil, d.fail(s.at, ErrPriority, "", "%s 在优先顺序（priority）中出现了两次", "%s appears twice in priority", groupCode(g))
		}
		seen[g] = true
		out = append(out, g)
	}
	for g := G1; g <= G4; g++ {
		if !seen[g] {
			return nil, d.fail(kv.at, ErrPriority, "", "优先顺序（priority）缺少 %s：G1、G2、G3、G4 须各列一次",
				"priority lacks %s: it lists each of G1, G2, G3 and G4 once", groupCode(g))
		}
	}
	return out, nil
}

// groupCode writes a group as the rules file does: G1 ... G4.
func groupCode(g Group) string { return g.Code() }

// ruleFields lists the fields of a rule by where it is written; step 0 is
// an entry of replace.
func ruleFields(step Step, overlay bool) []string {
	switch {
	case step == Otherwise:
		return []string{"id", "name", "group", "reason"}
	case step == 0:
		return []string{"id", "name", "group", "subkind", "yields", "when", "reason"}
	case step == Grouping && overlay:
		return []string{"id", "name", "group", "subkind", "yields", "when", "reason", "before"}
	case step == Grouping:
		return []string{"id", "name", "group", "subkind", "yields", "when", "reason"}
	case overlay:
		return []string{"id", "name", "group", "subkind", "when", "reason", "before"}
	}
	return []string{"id", "name", "group", "subkind", "when", "reason"}
}

func (d *decoder) rule(n ast.Node, step Step) (*draft, error) {
	whatZh, what := "规则", "a rule"
	if step != 0 {
		whatZh, what = fmt.Sprintf("%s（%s）下的规则", step.Label(), step), "a rule under "+step.String()
	}
	fields, err := d.mapping(n, whatZh, what)
	if err != nil {
		return nil, err
	}
	r := &draft{rule: rule{Rule: Rule{Step: step, File: d.file}}}
	start := nodePos(n)
	r.Line, r.Column = start.line, start.col
	byKey := map[string]keyValue{}
	for _, kv := range fields {
		byKey[kv.key] = kv
	}
	idKV, ok := byKey["id"]
	if !ok {
		return nil, d.fail(start, ErrMissingField, "", "规则缺少编号（id）", "a rule has no id")
	}
	id, err := d.text(idKV, "")
	if err != nil {
		return nil, err
	}
	if strings.IndexFunc(id.text, unicode.IsSpace) >= 0 {
		return nil, d.fail(id.at, ErrInvalid, "", "规则编号 %q 含有空格", "rule id %q contains a space", id.text)
	}
	r.ID, r.idAt = id.text, id.at
	allowed := ruleFields(step, d.overlay)
	for _, kv := range fields {
		if slices.Contains(allowed, kv.key) {
			continue
		}
		if kv.key == "before" && !d.overlay && step != 0 {
			return nil, d.fail(kv.at, ErrUnknownField, r.ID, "字段 %q 只能用在写有 extends 的覆盖文件中", "field %q is only for a document with extends", kv.key)
		}
		if kv.key == "when" && step == Otherwise {
			return nil, d.fail(kv.at, ErrUnknownField, r.ID, otherwiseWhenZh, otherwiseWhen)
		}
		if kv.key == "yields" {
			return nil, d.fail(kv.at, ErrUnknownField, r.ID, yieldsStepZh, yieldsStep)
		}
		return nil, d.fail(kv.at, ErrUnknownField, r.ID, "未知字段 %q，可用字段为 %s", "unknown field %q (want %s)", kv.key, strings.Join(allowed, ", "))
	}
	for _, req := range []string{"name", "group", "when", "reason"} {
		if _, ok := byKey[req]; !ok && slices.Contains(allowed, req) && (req != "when" || step != 0) {
			return nil, d.fail(start, ErrMissingField, r.ID, "缺少字段 %q", "missing field %q", req)
		}
	}
	for _, kv := range fields {
		switch kv.key {
		case "name", "reason":
			s, err := d.text(kv, r.ID)
			if err != nil {
				return nil, err
			}
			if kv.key == "name" {
				r.Name = strings.TrimSpace(s.text)
			} else {
				r.Reason = strings.TrimSpace(s.text)
			}
		case "group":
			s, err := d.text(kv, r.ID)
			if err != nil {
				return nil, err
			}
			if err := d.group(r, s); err != nil {
				return nil, err
			}
		case "when":
			s, err := d.text(kv, r.ID)
			if err != nil {
				return nil, err
			}
			r.When, r.whenAt, r.hasWhen = s.text, s.at, true
			r.src = d.sourceMap(kv.value, s.text)
		case "before":
			s, err := d.text(kv, r.ID)
			if err != nil {
				return nil, err
			}
			r.before = &s
		case "yields":
			s, err := d.text(kv, r.ID)
			if err != nil {
				return nil, err
			}
			switch s.text {
			case "true":
				r.Yields = true
			case "false":
			default:
				return nil, d.fail(s.at, ErrInvalid, r.ID, "字段 \"yields\" 应为 true 或 false，不是 %q", "field \"yields\" must be true or false, not %q", s.text)
			}
			r.yieldsAt = s.at
		}
	}
	// The sub-kind is read last: it needs the group.
	if kv, ok := byKey["subkind"]; ok {
		s, err := d.text(kv, r.ID)
		if err != nil {
			return nil, err
		}
		sk, err := ParseSubkind(s.text)
		if err != nil || !sk.Valid() {
			return nil, d.fail(s.at, ErrUnknownGroup, r.ID, "自由职业人员类别 %[1]q 不存在，应为 %[2]s 之一，或写 ① 至 ⑥",
				"unknown subkind %[1]q (want %[3]s, or ① to ⑥)", s.text, strings.Join(SubkindLabels(), "、"), strings.Join(SubkindLabels(), ", "))
		}
		if !r.isGroup || r.Group != G3 {
			return nil, d.fail(s.at, ErrInvalid, r.ID, "只有 G3 的规则才能写自由职业人员类别（subkind）", "subkind is only for G3 rules")
		}
		r.Subkind = sk
	}
	return r, nil
}

// group reads the group field: one of the four groups for a rule under
// groups, an outcome for the other steps, either for a replacement.
func (d *decoder) group(r *draft, s scalar) error {
	r.groupText, r.groupAt = s.text, s.at
	if g, err := ParseGroup(s.text); err == nil && g.Valid() {
		r.isGroup, r.Group, r.Outcome = true, g, Classified
	} else if o, ok := parseOutcome(s.text); ok {
		r.isOutcome, r.Outcome = true, o
	}
	return d.checkGroup(r, r.Step)
}

// checkGroup tells whether the group field of r fits the step.
func (d *decoder) checkGroup(r *draft, step Step) error {
	const (
		outcomes   = "非新的社会阶层 or 无法判定"
		outcomesZh = "非新的社会阶层 或 无法判定"
	)
	switch {
	case !r.isGroup && !r.isOutcome:
		wantZh, want := outcomesZh, outcomes
		switch step {
		case 0:
			wantZh, want = "G1、G2、G3、G4、"+outcomesZh, "G1, G2, G3, G4, "+outcomes
		case Grouping:
			wantZh, want = "G1、G2、G3 或 G4", "G1, G2, G3 or G4"
		}
		return d.fail(r.groupAt, ErrUnknownGroup, r.ID, "群体 %[1]q 不存在，应为 %[2]s", "unknown group %[1]q (want %[3]s)", r.groupText, wantZh, want)
	case step == Grouping && r.isOutcome:
		return d.fail(r.groupAt, ErrUnknownGroup, r.ID, "群体 %q 是分类结论，不是四个群体之一：请把这条规则移到先行判断（screens）或兜底判断（fallbacks）下",
			"group %q is an outcome, not one of the four groups: put the rule under screens or fallbacks", r.groupText)
	case step != 0 && step != Grouping && r.isGroup:
		return d.fail(r.groupAt, ErrUnknownGroup, r.ID, "%[2]s（%[3]s）下的规则不能归入群体 %[1]q，应为 %[4]s",
			"group %[1]q is not allowed under %[3]s (want %[5]s)", r.groupText, step.Label(), step, outcomesZh, outcomes)
	}
	return nil
}

// sourceMap returns the file position of every character of the formula
// text, and one more for its end, so that an error the compiler reports
// inside the text points into the file.
func (d *decoder) sourceMap(n ast.Node, text string) []pos {
	places := yamlsrc.OriginOf(n).Map(d.lines, text)
	out := make([]pos, len(places))
	for i, p := range places {
		out[i] = place(p)
	}
	return out
}
