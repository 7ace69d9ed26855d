package classify_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scenario is one case of a testdata folder: a record, and its result under
// the baseline and under the folder's rules.
type scenario struct {
	Name   string `yaml:"name"`
	Record struct {
		Employer     string              `yaml:"employer"`
		EmployerKind roster.EmployerKind `yaml:"employer_kind"`
		Role         roster.Role         `yaml:"role"`
		Occupation   string              `yaml:"occupation"`
		NewMedia     bool                `yaml:"new_media"`
		Followers    int                 `yaml:"followers"`
	} `yaml:"record"`
	Baseline expected `yaml:"baseline"`
	Overlay  expected `yaml:"overlay"`
}

type expected struct {
	Outcome   string           `yaml:"outcome"`
	Primary   classify.Group   `yaml:"primary"`
	Secondary []classify.Group `yaml:"secondary"`
	Subkind   classify.Subkind `yaml:"subkind"`
	Rule      string           `yaml:"rule"`
}

func (e expected) check(t *testing.T, got classify.Result) {
	t.Helper()
	assert.Equal(t, e.Outcome, got.Outcome.String(), "outcome")
	assert.Equal(t, e.Primary, got.Primary, "primary")
	assert.Equal(t, e.Secondary, got.Secondary, "secondary")
	assert.Equal(t, e.Subkind, got.Subkind, "subkind")
	assert.Equal(t, e.Rule, got.Rule, "rule")
}

// The overlay of testdata/qingxiu replaces, disables and adds rules and
// changes the priority; each case pins its effect against the baseline.
func TestOverlayScenario(t *testing.T) {
	dir := filepath.Join("testdata", "qingxiu")
	data, err := os.ReadFile(filepath.Join(dir, "rules.yaml"))
	require.NoError(t, err)
	rules, err := classify.Parse("rules.yaml", data)
	require.NoError(t, err)
	overlay, err := classify.New(rules)
	require.NoError(t, err)
	base := baseline(t)

	data, err = os.ReadFile(filepath.Join(dir, "cases.yaml"))
	require.NoError(t, err)
	var cases []scenario
	require.NoError(t, yaml.UnmarshalWithOptions(data, &cases, yaml.Strict()))
	require.NotEmpty(t, cases)
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			r := &roster.Record{Key: "QX-0001", Employer: tt.Record.Employer, EmployerKind: tt.Record.EmployerKind,
				Role: tt.Record.Role, Occupation: tt.Record.Occupation, NewMedia: tt.Record.NewMedia, Followers: tt.Record.Followers}
			got, err := base.Classify(r)
			require.NoError(t, err)
			tt.Baseline.check(t, got)
			got, err = overlay.Classify(r)
			require.NoError(t, err)
			tt.Overlay.check(t, got)
		})
	}
}

func TestOverlayLeavesBaseUnchanged(t *testing.T) {
	base := classify.Baseline()
	before := base.List()
	data, err := os.ReadFile(filepath.Join("testdata", "qingxiu", "rules.yaml"))
	require.NoError(t, err)
	over, err := base.Extend("rules.yaml", data)
	require.NoError(t, err)

	assert.Equal(t, before, base.List())
	assert.Equal(t, classify.Baseline().List(), base.List())
	assert.Equal(t, "450100", base.Jurisdiction())
	assert.Equal(t, []classify.Group{classify.G3, classify.G4, classify.G1, classify.G2}, base.Priority())
	_, ok := base.Lookup("QX.G3.1")
	assert.False(t, ok)
	_, ok = base.Lookup("U2")
	assert.True(t, ok)
	r, _ := base.Lookup("G4.4")
	assert.Equal(t, "NewMedia && Followers >= 100000", r.When)

	assert.Equal(t, "450103", over.Jurisdiction())
	assert.Equal(t, []classify.Group{classify.G4, classify.G1, classify.G2, classify.G3}, over.Priority())
	_, ok = over.Lookup("U2")
	assert.False(t, ok, "disabled")
	r, _ = over.Lookup("G4.4")
	assert.Equal(t, classify.Rule{ID: "G4.4", Name: "网络意见人士", Step: classify.Grouping, Outcome: classify.Classified,
		Group: classify.G4, Yields: true, When: "NewMedia && Followers >= 50000",
		Reason: "以新媒体为平台发表意见，主要账号粉丝在五万以上，属于网络意见人士，计入新媒体从业人员。",
		File:   "rules.yaml", Line: 12, Column: 5}, r)
	r, _ = base.Lookup("G4.4")
	assert.True(t, r.Yields, "the baseline's opinion-leader rule gives way")

	var ids []string
	for _, r := range over.List() {
		if r.Step == classify.Screening {
			ids = append(ids, r.ID)
		}
	}
	assert.Equal(t, []string{"N1", "N2", "N3", "N4", "QX.N1", "U1"}, ids, "QX.N1 before U1, U2 gone")
	last := over.List()[len(over.List())-2]
	assert.Equal(t, "U4", last.ID, "groups added, fallbacks kept")

	// Overlays stack: the second applies to the first and leaves it as it was.
	second, err := over.Extend("second.yaml", []byte("extends: qingxiu\npriority: [G1, G2, G3, G4]\ndisable: [QX.G3.1]\n"))
	require.NoError(t, err)
	assert.Equal(t, []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4}, second.Priority())
	assert.Equal(t, []classify.Group{classify.G4, classify.G1, classify.G2, classify.G3}, over.Priority())
	_, ok = second.Lookup("QX.G3.1")
	assert.False(t, ok)
	_, ok = over.Lookup("QX.G3.1")
	assert.True(t, ok)
}

// A whole document, not an overlay, stands alone.
func TestParseWholeDocument(t *testing.T) {
	rules, err := classify.Parse("own.yaml", []byte(`jurisdiction: 某市
priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 民营企业管理人员
    group: 1
    when: 'EmployerKind == "民营企业"'
    reason: 民营企业人员。
otherwise:
  id: Z
  name: 其余
  group: cannot tell
  reason: 其余情形。
`))
	require.NoError(t, err)
	c, err := classify.New(rules)
	require.NoError(t, err)
	got, err := c.Classify(person(t, "民营企业", "", "", false, 0))
	require.NoError(t, err)
	assert.Equal(t, classify.Result{Outcome: classify.Classified, Primary: classify.G1, Rule: "A", Reason: "民营企业人员。", Matched: []string{"A"}}, got)
	got, err = c.Classify(person(t, "国有企业", "", "", false, 0))
	require.NoError(t, err)
	assert.Equal(t, classify.Result{Outcome: classify.Undetermined, Rule: "Z", Reason: "其余情形。", Matched: []string{"Z"}}, got)
}

const whole = `priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 甲
    group: G1
    when: Role == "经营管理"
    reason: 理由。
otherwise:
  id: Z
  name: 其余
  group: 非新的社会阶层
  reason: 理由。
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		extra bool // apply to the baseline with Extend
		cause error
		want  string
	}{
		{"not YAML", "priority: [G1\n", false, classify.ErrSyntax,
			"bad.yaml:1:11: YAML 格式错误：sequence end token ']' not found"},
		{"empty", "# nothing\n", false, classify.ErrMissingField,
			"bad.yaml:1:1: 规则文件没有内容 (the document is empty)"},
		{"a list", "- a\n", false, classify.ErrSyntax,
			"bad.yaml:1:1: 规则文件必须写成“字段: 值”的形式 (the document must be a mapping of fields)"},
		{"two documents", whole + "---\n" + whole, false, classify.ErrSyntax,
			"bad.yaml:13:1: 一个规则文件只能有一个文档（文档之间以 --- 分隔），本文件有 2 个 (a rules file holds one document, not 2)"},
		{"unknown top-level field", "priority: [G1, G2, G3, G4]\nrulez: []\n", false, classify.ErrUnknownField,
			`bad.yaml:2:1: 未知字段 "rulez"，可用字段为 jurisdiction, priority, screens, groups, fallbacks, otherwise (unknown field "rulez" (want jurisdiction, priority, screens, groups, fallbacks, otherwise))`},
		{"unknown field of a rule", `priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 甲
    group: G1
    whn: Role == "经营管理"
    reason: 理由。
`, false, classify.ErrUnknownField,
			`bad.yaml:6:5: 规则 A：未知字段 "whn"，可用字段为 id, name, group, subkind, yields, when, reason (unknown field "whn" (want id, name, group, subkind, yields, when, reason))`},
		{"yields not a boolean", `priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 甲
    group: G1
    yields: 是
    when: Role == "经营管理"
    reason: 理由。
`, false, classify.ErrInvalid,
			`bad.yaml:6:13: 规则 A：字段 "yields" 应为 true 或 false，不是 "是" (field "yields" must be true or false, not "是")`},
		{"yields on a screen", `priority: [G1, G2, G3, G4]
screens:
  - id: S
    name: 乙
    group: 非新的社会阶层
    yields: true
    when: Role == "其他"
    reason: 理由。
`, false, classify.ErrUnknownField,
			`bad.yaml:6:5: 规则 S：yields（让位）只用于群体判断（groups）下的规则 (yields is only for a rule under groups)`},
		{"yields on a replaced fallback", `extends: baseline
replace:
  - id: U3
    name: 无工作单位但职业未列入六类
    group: 无法判定
    yields: true
    when: EmployerKind == "无工作单位"
    reason: 无法判定。
`, true, classify.ErrInvalid,
			`bad.yaml:6:13: 规则 U3：yields（让位）只用于群体判断（groups）下的规则 (yields is only for a rule under groups)`},
		{"unknown group", `priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 甲
    group: G5
    when: Role == "经营管理"
    reason: 理由。
`, false, classify.ErrUnknownGroup,
			`bad.yaml:5:12: 规则 A：群体 "G5" 不存在，应为 G1、G2、G3 或 G4 (unknown group "G5" (want G1, G2, G3 or G4))`},
		{"outcome under groups", `priority: [G1, G2, G3, G4]
groups:
  - {id: A, name: 甲, group: 非新的社会阶层, when: "true", reason: 理由。}
`, false, classify.ErrUnknownGroup,
			`bad.yaml:3:29: 规则 A：群体 "非新的社会阶层" 是分类结论，不是四个群体之一：请把这条规则移到先行判断（screens）或兜底判断（fallbacks）下 (group "非新的社会阶层" is an outcome, not one of the four groups: put the rule under screens or fallbacks)`},
		{"group under screens", `priority: [G1, G2, G3, G4]
screens:
  - {id: A, name: 甲, group: G1, when: "true", reason: 理由。}
`, false, classify.ErrUnknownGroup,
			`bad.yaml:3:29: 规则 A：先行判断（screens）下的规则不能归入群体 "G1"，应为 非新的社会阶层 或 无法判定 (group "G1" is not allowed under screens (want 非新的社会阶层 or 无法判定))`},
		{"unknown subkind", `priority: [G1, G2, G3, G4]
groups:
  - {id: A, name: 甲, group: G3, subkind: 七, when: "true", reason: 理由。}
`, false, classify.ErrUnknownGroup,
			`bad.yaml:3:42: 规则 A：自由职业人员类别 "七" 不存在，应为 自由写作人员、自由文艺创作人员、自由演艺人员、自由策划咨询人员、知识型市场服务人员、技能型市场服务人员 之一，或写 ① 至 ⑥ (unknown subkind "七" (want 自由写作人员, 自由文艺创作人员, 自由演艺人员, 自由策划咨询人员, 知识型市场服务人员, 技能型市场服务人员, or ① to ⑥))`},
		{"subkind outside G3", `priority: [G1, G2, G3, G4]
groups:
  - {id: A, name: 甲, group: G1, subkind: ①, when: "true", reason: 理由。}
`, false, classify.ErrInvalid,
			`bad.yaml:3:42: 规则 A：只有 G3 的规则才能写自由职业人员类别（subkind） (subkind is only for G3 rules)`},
		{"unknown group in priority", "priority: [G1, G2, G3, G7]\n", false, classify.ErrUnknownGroup,
			`bad.yaml:1:24: 优先顺序（priority）中的群体 "G7" 不存在，应为 G1、G2、G3 或 G4 (unknown group "G7" in priority (want G1, G2, G3 or G4))`},
		{"group twice in priority", "priority: [G1, G2, G1, G4]\n", false, classify.ErrPriority,
			`bad.yaml:1:20: G1 在优先顺序（priority）中出现了两次 (G1 appears twice in priority)`},
		{"group missing from priority", "priority: [G1, G2, G4]\n", false, classify.ErrPriority,
			`bad.yaml:1:1: 优先顺序（priority）缺少 G3：G1、G2、G3、G4 须各列一次 (priority lacks G3: it lists each of G1, G2, G3 and G4 once)`},
		{"duplicate id", whole + `fallbacks:
  - id: A
    name: 乙
    group: 无法判定
    when: "true"
    reason: 理由。
`, false, classify.ErrDuplicateID,
			`bad.yaml:14:9: 规则 A：编号重复，bad.yaml:3:9 也用了这个编号 (duplicate id, also used at bad.yaml:3:9)`},
		{"duplicate field", "priority: [G1, G2, G3, G4]\npriority: [G1, G2, G3, G4]\n", false, classify.ErrSyntax,
			`bad.yaml:2:1: YAML 格式错误：mapping key "priority" already defined at [1:1]`},
		{"missing field", `priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 甲
    group: G1
    reason: 理由。
`, false, classify.ErrMissingField,
			`bad.yaml:3:5: 规则 A：缺少字段 "when" (missing field "when")`},
		{"empty reason", `priority: [G1, G2, G3, G4]
groups:
  - {id: A, name: 甲, group: G1, when: "true", reason: ""}
`, false, classify.ErrMissingField,
			`bad.yaml:3:55: 规则 A：字段 "reason" 为空 (field "reason" is empty)`},
		{"rule without id", `priority: [G1, G2, G3, G4]
groups:
  - name: 甲
`, false, classify.ErrMissingField,
			`bad.yaml:3:5: 规则缺少编号（id） (a rule has no id)`},
		{"id with a space", `priority: [G1, G2, G3, G4]
groups:
  - id: G 1
`, false, classify.ErrInvalid,
			`bad.yaml:3:9: 规则编号 "G 1" 含有空格 (rule id "G 1" contains a space)`},
		{"no otherwise", "priority: [G1, G2, G3, G4]\ngroups:\n  - {id: A, name: 甲, group: G1, when: \"true\", reason: 理由。}\n", false, classify.ErrMissingField,
			`bad.yaml:1:1: 缺少字段 "otherwise"（其余情形规则） (missing field "otherwise")`},
		{"when on otherwise", whole + "  when: \"true\"\n", false, classify.ErrUnknownField,
			`bad.yaml:13:3: 规则 Z：其余情形（otherwise）规则不写 when：其他规则都不成立时，它就成立 (the otherwise rule has no when: it holds when nothing else does)`},
		{"anchor", "priority: &p [G1, G2, G3, G4]\n", false, classify.ErrSyntax,
			`bad.yaml:1:11: 规则文件中不能使用锚点、别名、标签、合并键或复杂键 (anchors, aliases, tags, merge keys and complex keys are not used in a rules file)`},
		{"replace without extends", whole + "replace: []\n", false, classify.ErrUnknownField,
			`bad.yaml:13:1: 字段 "replace" 只能用在写有 extends 的覆盖文件中 (field "replace" is only for a document with extends)`},
		{"unknown base", "extends: shanghai\n", false, classify.ErrBase,
			`bad.yaml:1:10: extends "shanghai"：内置的只有基线（baseline）；要在其他规则上叠加覆盖文件，请用 Rules.Extend (extends "shanghai": only baseline is built in; apply an overlay to other rules with Rules.Extend)`},
		{"overlay without extends", "priority: [G1, G2, G3, G4]\n", true, classify.ErrMissingField,
			`bad.yaml:1:1: 缺少字段 "extends"：覆盖文件须写明它基于哪套规则 (missing field "extends": an overlay names the rules it extends)`},
		{"replace a missing id", `extends: baseline
replace:
  - id: G9.9
    name: 甲
    group: G1
    when: "true"
    reason: 理由。
`, false, classify.ErrNoSuchRule,
			`bad.yaml:3:9: 规则 G9.9：所基于的规则中没有这个编号，无法替换 (no rule with this id in the base to replace)`},
		{"disable a missing id", "extends: baseline\ndisable: [G1.1, G9.9]\n", false, classify.ErrNoSuchRule,
			`bad.yaml:2:17: 规则 G9.9：所基于的规则中没有这个编号，无法停用 (no rule with this id in the base to disable)`},
		{"disable the otherwise rule", "extends: baseline\ndisable: [N9]\n", false, classify.ErrInvalid,
			`bad.yaml:2:11: 规则 N9：其余情形（otherwise）规则不能停用；要修改它，请列在 replace 下替换 (the otherwise rule cannot be disabled; replace it under replace)`},
		{"disable and replace", `extends: baseline
disable: [G1.1]
replace:
  - {id: G1.1, name: 甲, group: G1, when: "true", reason: 理由。}
`, false, classify.ErrDuplicateID,
			`bad.yaml:4:10: 规则 G1.1：本覆盖文件已在 bad.yaml:2:11 修改过这条规则 (the overlay already changes this rule at bad.yaml:2:11)`},
		{"add an id of the base", `extends: baseline
groups:
  - {id: G1.1, name: 甲, group: G1, when: "true", reason: 理由。}
`, false, classify.ErrDuplicateID,
			`bad.yaml:3:10: 规则 G1.1：所基于的规则在 classify/baseline.yaml:93:9 已有这个编号；要修改那条规则，请列在 replace 下 (the base has a rule with this id at classify/baseline.yaml:93:9; list it under replace to change it)`},
		{"replacement of another step", `extends: baseline
replace:
  - {id: N1, name: 甲, group: G1, when: "true", reason: 理由。}
`, false, classify.ErrUnknownGroup,
			`bad.yaml:3:30: 规则 N1：先行判断（screens）下的规则不能归入群体 "G1"，应为 非新的社会阶层 或 无法判定 (group "G1" is not allowed under screens (want 非新的社会阶层 or 无法判定))`},
		{"replacement without when", `extends: baseline
replace:
  - {id: G1.1, name: 甲, group: G1, reason: 理由。}
`, false, classify.ErrMissingField,
			`bad.yaml:3:5: 规则 G1.1：缺少字段 "when" (missing field "when")`},
		{"before a rule of another step", `extends: baseline
groups:
  - {id: X, name: 甲, group: G1, when: "true", reason: 理由。, before: U1}
`, false, classify.ErrNoSuchRule,
			`bad.yaml:3:68: 规则 X：before：群体判断（groups）下没有规则 "U1" (before: no rule "U1" under groups)`},
		{"otherwise in an overlay", "extends: baseline\notherwise: {}\n", false, classify.ErrUnknownField,
			`bad.yaml:2:1: 覆盖文件不能写字段 "otherwise"：要修改其余情形规则，请按它的编号列在 replace 下 (field "otherwise" is not for an overlay: list the otherwise rule under replace, by its id)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.extra {
				_, err = classify.Baseline().Extend("bad.yaml", []byte(tt.doc))
			} else {
				_, err = classify.Parse("bad.yaml", []byte(tt.doc))
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.cause)
			var ce *classify.Error
			require.True(t, errors.As(err, &ce))
			assert.Equal(t, "bad.yaml", ce.File)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// Formula errors are found by New, with the compiler's message and snippet
// placed in the rules file, however the formula is written.
func TestFormulaErrors(t *testing.T) {
	rule := func(when string) string {
		return `jurisdiction: "450103"
priority: [G1, G2, G3, G4]
groups:
  - id: A
    name: 甲
    group: G1
    when: ` + when + `
    reason: 理由。
otherwise: {id: Z, name: 其余, group: 无法判定, reason: 理由。}
`
	}
	tests := []struct {
		name, when string
		cause      error
		want       string
	}{
		{"misspelt field", `EmployerKind == "民营企业" && Rol == "经营管理"`, formula.ErrType,
			"bad.yaml:7:37: 450103 规则 A：公式错误：unknown name Rol\n | EmployerKind == \"民营企业\" && Rol == \"经营管理\"\n | ..........................^"},
		{"number, not a boolean", `Followers + 1`, formula.ErrType,
			"bad.yaml:7:11: 450103 规则 A：公式错误：the formula gives a number, but the rule needs a boolean\n | Followers + 1\n | ^"},
		{"text compared with a number", `Occupation > 3`, formula.ErrType,
			"bad.yaml:7:22: 450103 规则 A：公式错误：invalid operation: > (mismatched types string and int)\n | Occupation > 3\n | ...........^"},
		{"syntax", `NewMedia && (Followers > 1`, formula.ErrSyntax,
			"bad.yaml:7:36: 450103 规则 A：公式错误：unexpected token EOF\n | NewMedia && (Followers > 1\n | .........................^"},
		{"double-quoted with escapes", `"Occupation == \"律师\" && Rol"`, formula.ErrType,
			"bad.yaml:7:36: 450103 规则 A：公式错误：unknown name Rol\n | Occupation == \"律师\" && Rol\n | ......................^"},
		{"single-quoted", `'Occupation == ''律'' && Rol'`, formula.ErrType,
			"bad.yaml:7:35: 450103 规则 A：公式错误：unknown name Rol\n | Occupation == '律' && Rol\n | .....................^"},
		{"literal block, second line", "|\n      NewMedia &&\n        Rol == \"采编\"", formula.ErrType,
			"bad.yaml:9:9: 450103 规则 A：公式错误：unknown name Rol\n |   Rol == \"采编\"\n | ..^"},
		{"folded block, second line", ">-\n      NewMedia &&\n      Rol == \"采编\"", formula.ErrType,
			"bad.yaml:9:7: 450103 规则 A：公式错误：unknown name Rol\n | NewMedia && Rol == \"采编\"\n | ............^"},
		{"plain on two lines", "NewMedia\n      && Rol == \"采编\"", formula.ErrType,
			"bad.yaml:8:10: 450103 规则 A：公式错误：unknown name Rol\n | NewMedia && Rol == \"采编\"\n | ............^"},
		{"the assessment date", `NewMedia && Age >= 25`, formula.ErrRefused,
			"bad.yaml:7:23: 450103 规则 A：公式错误：公式中不能使用 Age，因为它取决于评定日期，而分类不看评定日期 (Age depends on the assessment date, which a classification does not read)\n | NewMedia && Age >= 25\n | ............^"},
		{"the classification's own result", `Subkind == "自由写作人员" || Group == "G3"`, formula.ErrRefused,
			"bad.yaml:7:11: 450103 规则 A：公式错误：公式中不能使用 Subkind，因为它是分类得出的结果，不是分类的依据 (Subkind is what a classification gives, not what it reads)\n | Subkind == \"自由写作人员\" || Group == \"G3\"\n | ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := classify.Parse("bad.yaml", []byte(rule(tt.when)))
			require.NoError(t, err)
			_, err = classify.New(rules)
			require.Error(t, err)
			assert.ErrorIs(t, err, classify.ErrFormula)
			assert.ErrorIs(t, err, tt.cause)
			var ce *classify.Error
			require.True(t, errors.As(err, &ce))
			assert.Equal(t, "A", ce.Rule)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// New reports every formula that does not compile, in the order of the
// rules, including those an overlay brings from its base.
func TestFormulaErrorsJoined(t *testing.T) {
	rules, err := classify.Parse("county.yaml", []byte(`extends: baseline
jurisdiction: "450123"
replace:
  - id: G1.2
    name: 技术人员
    group: G1
    when: Role == 专业技术
    reason: 理由。
groups:
  - id: C1
    name: 粉丝
    group: G4
    when: Followers
    reason: 理由。
`))
	require.NoError(t, err)
	_, err = classify.New(rules)
	require.Error(t, err)
	assert.Equal(t, "county.yaml:7:19: 450123 规则 G1.2：公式错误：unknown name 专业技术\n | Role == 专业技术\n | ........^\n"+
		"county.yaml:13:11: 450123 规则 C1：公式错误：the formula gives a number, but the rule needs a boolean\n | Followers\n | ^", err.Error())
}

func TestNewRefusesEmptyRules(t *testing.T) {
	_, err := classify.New(&classify.Rules{})
	assert.ErrorIs(t, err, classify.ErrMissingField)
	_, err = classify.New(nil)
	assert.ErrorIs(t, err, classify.ErrMissingField)
	assert.Equal(t, "规则中没有群体判断（groups）规则或其余情形（otherwise）规则 (the rules have no group rule or no otherwise rule)", err.Error())
	var zero classify.Rules
	assert.Empty(t, zero.List())
	assert.Empty(t, zero.Priority())
}

// An id stays taken once used: an overlay cannot give an id that an overlay
// it builds on disabled to a rule of other meaning.
func TestExtendKeepsDisabledIDsTaken(t *testing.T) {
	first, err := classify.Baseline().Extend("one.yaml", []byte("extends: baseline\ndisable: [N1]\n"))
	require.NoError(t, err)
	_, err = first.Extend("two.yaml", []byte(`extends: one
screens:
  - id: N1
    name: 新规则
    group: 非新的社会阶层
    when: EmployerKind == "党政机关"
    reason: 新规则。
`))
	require.Error(t, err)
	assert.ErrorIs(t, err, classify.ErrDuplicateID)
	assert.Equal(t, "two.yaml:3:9: 规则 N1：这个编号的规则已被本文件所基于的覆盖文件停用；编号一经使用就不能再给别的规则，请另选编号 "+
		"(a rule with this id was disabled by an overlay this one builds on; an id stays taken once used, so choose another)", err.Error())
}

// The sub-kind comes from the rule that decided, as the reason does: a G3
// rule without one that holds first leaves the sub-kind empty rather than
// borrowing another rule's.
func TestSubkindFromTheDecidingRule(t *testing.T) {
	rules, err := classify.Baseline().Extend("county.yaml", []byte(`extends: baseline
groups:
  - id: G3.0
    name: 自由职业人员（未分类）
    group: G3
    before: G3.1
    when: EmployerKind == "无工作单位" && Occupation == "网络作家"
    reason: 无工作单位的网络作家。
`))
	require.NoError(t, err)
	c, err := classify.New(rules)
	require.NoError(t, err)
	res, err := c.Classify(&roster.Record{Key: "NN-1", EmployerKind: roster.NoEmployer, Role: roster.Professional, Occupation: "网络作家"})
	require.NoError(t, err)
	assert.Equal(t, "G3.0", res.Rule)
	assert.Equal(t, classify.G3, res.Primary)
	assert.Equal(t, classify.Subkind(0), res.Subkind)
	assert.Contains(t, res.Matched, "G3.1")
}
