package classify_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
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

// The overlay of testdata/qingxiu changes, disables and adds rules and
// changes the priority; each case pins its effect against the baseline.
func TestOverlayScenario(t *testing.T) {
	dir := filepath.Join("testdata", "qingxiu")
	data, err := os.ReadFile(filepath.Join(dir, "rules.yaml"))
	require.NoError(t, err)
	over, err := overlay(t, "rules.yaml", string(data))
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
			got, err := classifyRecord(base, r)
			require.NoError(t, err)
			tt.Baseline.check(t, got)
			got, err = classifyRecord(over, r)
			require.NoError(t, err)
			tt.Overlay.check(t, got)
		})
	}
}

func TestOverlayLeavesBaseUnchanged(t *testing.T) {
	baseDoc := policy.BaselineFile().Document
	before := baseDoc.Classification.Clone()
	data, err := os.ReadFile(filepath.Join("testdata", "qingxiu", "rules.yaml"))
	require.NoError(t, err)
	c, err := overlay(t, "rules.yaml", string(data))
	require.NoError(t, err)
	over := c.Rules()
	base := baseline(t).Rules()

	assert.Equal(t, before, base)
	assert.Equal(t, []classify.Group{classify.G3, classify.G4, classify.G1, classify.G2}, base.Priority)
	_, _, ok := base.Lookup("QX.G3.1")
	assert.False(t, ok)
	_, _, ok = base.Lookup("U2")
	assert.True(t, ok)
	r, _, _ := base.Lookup("G4.4")
	assert.Equal(t, "NewMedia && Followers >= 100000", r.When)
	assert.True(t, r.Yields, "the baseline's opinion-leader rule gives way")

	assert.Equal(t, []classify.Group{classify.G4, classify.G1, classify.G2, classify.G3}, over.Priority)
	_, _, ok = over.Lookup("U2")
	assert.False(t, ok, "disabled")
	r, s, _ := over.Lookup("G4.4")
	assert.Equal(t, classify.Grouping, s)
	assert.Equal(t, "网络意见人士", r.Name, "kept from the base")
	assert.True(t, r.Yields, "kept from the base")
	assert.Equal(t, classify.InGroup(classify.G4), r.Gives)
	assert.Equal(t, "NewMedia && Followers >= 50000", r.When)
	assert.Equal(t, "以新媒体为平台发表意见，主要账号粉丝在五万以上，属于网络意见人士，计入新媒体从业人员。", r.Reason)
	assert.Equal(t, "rules.yaml:12:7", r.Pos.String(), "the rule as changed stands in the overlay")
	assert.Equal(t, "rules.yaml:13:13", r.WhenPos.String())

	var ids []string
	for _, r := range over.Screens {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"N1", "N2", "N3", "N4", "QX.N1", "U1"}, ids, "QX.N1 before U1, U2 gone")
	assert.Equal(t, "QX.G3.1", over.Groups[len(over.Groups)-1].ID, "groups added at the end")
	assert.Equal(t, "U4", over.Fallbacks[len(over.Fallbacks)-1].ID, "fallbacks kept")
}

// Rules built in Go need no document: positions are zero and errors name
// the rule alone.
func TestCompileGoRules(t *testing.T) {
	env, err := formula.NewEnv(formula.Config{Policy: "某市"})
	require.NoError(t, err)
	c, err := classify.Compile(env, classify.Rules{
		Priority: []classify.Group{classify.G1, classify.G2, classify.G3, classify.G4},
		Groups: []classify.Rule{{ID: "A", Name: "民营企业管理人员", Gives: classify.InGroup(classify.G1),
			When: `EmployerKind == "民营企业"`, Reason: "民营企业人员。"}},
		Otherwise: classify.Rule{ID: "Z", Name: "其余", Reason: "其余情形。"}, // the zero Conclusion is Undetermined
	})
	require.NoError(t, err)
	got, err := classifyRecord(c, person(t, "民营企业", "", "", false, 0))
	require.NoError(t, err)
	assert.Equal(t, classify.Result{Outcome: classify.Classified, Primary: classify.G1, Rule: "A", Reason: "民营企业人员。", Matched: []string{"A"}}, got)
	got, err = classifyRecord(c, person(t, "国有企业", "", "", false, 0))
	require.NoError(t, err)
	assert.Equal(t, classify.Result{Outcome: classify.Undetermined, Rule: "Z", Reason: "其余情形。", Matched: []string{"Z"}}, got)
}

// Compile reports every problem of the rules at once, each a
// *formula.Error wrapping its cause.
func TestCompileErrors(t *testing.T) {
	env, err := formula.NewEnv(formula.Config{Policy: "p"})
	require.NoError(t, err)
	ok := func(id string, g classify.Group) classify.Rule {
		return classify.Rule{ID: id, Name: "甲", Gives: classify.InGroup(g), When: "true", Reason: "理由。"}
	}
	_, err = classify.Compile(env, classify.Rules{
		Priority: []classify.Group{classify.G1, classify.G1, classify.G4, 9},
		Screens: []classify.Rule{
			ok("S1", classify.G2),
			{ID: "S2", Name: "乙", Gives: classify.Conclusion{Outcome: classify.NotNewStrata}, Yields: true, When: "true", Reason: "理由。"},
		},
		Groups: []classify.Rule{
			ok("A", classify.G1),
			ok("A", classify.G2),
			{ID: "B", Name: "丙", Gives: classify.Conclusion{Outcome: classify.NotNewStrata}, When: "true", Reason: "理由。"},
			{ID: "C", Gives: classify.InGroup(classify.G1), Subkind: classify.Writing, When: "Age > 3", Reason: ""},
			{ID: "D 1", Name: "丁", Gives: classify.InGroup(classify.G3), When: "Followers", Reason: "理由。"},
		},
		Fallbacks: []classify.Rule{{ID: "F", Name: "戊", Gives: classify.Conclusion{Outcome: classify.Undetermined}, Reason: "理由。"}},
		Otherwise: classify.Rule{ID: "Z", Name: "其余", When: "true", Reason: "理由。"},
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, classify.ErrPriority)
	assert.ErrorIs(t, err, classify.ErrUnknownGroup)
	assert.ErrorIs(t, err, classify.ErrDuplicateID)
	assert.ErrorIs(t, err, classify.ErrFormula)
	assert.Equal(t, `G1 在优先顺序（priority）中出现了两次 (G1 appears twice in priority)
优先顺序（priority）中的群体 Group(9) 不存在，应为 G1、G2、G3 或 G4 (unknown group Group(9) in priority (want G1, G2, G3 or G4))
优先顺序（priority）缺少 G2：G1、G2、G3、G4 须各列一次 (priority lacks G2: it lists each of G1, G2, G3 and G4 once)
优先顺序（priority）缺少 G3：G1、G2、G3、G4 须各列一次 (priority lacks G3: it lists each of G1, G2, G3 and G4 once)
规则 S1：先行判断（screens）下的规则不能归入群体 G2，应为 非新的社会阶层人士 或 无法判定 (rule S1: group G2 is not allowed under screens (want 非新的社会阶层人士 or 无法判定))
规则 S2：yields（让位）只用于群体判断（groups）下的规则 (rule S2: yields is only for a rule under groups)
规则 A：编号已在  使用过 (rule A: the id is already used at )
规则 B："非新的社会阶层人士" 是分类结论，不是四个群体之一：请把这条规则移到先行判断（screens）或兜底判断（fallbacks）下 (rule B: "非新的社会阶层人士" is an outcome, not one of the four groups: put the rule under screens or fallbacks)
规则 C：没有名称（name） (rule C: no name)
规则 C：没有理由（reason） (rule C: no reason)
规则 C：只有 G3 的规则才能写自由职业人员类别（subkind） (rule C: subkind is only for G3 rules)
1:1: 规则 C：公式中不能使用 Age，因为它取决于评价基准日，而分类不看评价基准日 (rule C: Age depends on the assessment date, which a classification does not read)
 | Age > 3
 | ^
分类规则编号 "D 1" 须为 1 至 32 个字母、数字、'_'、'.' 或 '-'，并以字母开头 (classification rule id "D 1" must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter)
1:1: 政策 p：规则 D 1：公式类型错误 (rule D 1: the formula gives a number, but the rule needs a boolean)
 | Followers
 | ^
规则 F：没有公式（when） (rule F: no formula (when))
规则 Z：其余情形（otherwise）规则不写 when：其他规则都不成立时，它就成立 (rule Z: the otherwise rule has no when: it holds when nothing else does)`, err.Error())
}

func TestCompileRefusesEmptyRules(t *testing.T) {
	env, err := formula.NewEnv(formula.Config{})
	require.NoError(t, err)
	_, err = classify.Compile(env, classify.Rules{})
	assert.ErrorIs(t, err, classify.ErrInvalid)
	assert.Equal(t, "优先顺序（priority）缺少 G1：G1、G2、G3、G4 须各列一次 (priority lacks G1: it lists each of G1, G2, G3 and G4 once)\n"+
		"优先顺序（priority）缺少 G2：G1、G2、G3、G4 须各列一次 (priority lacks G2: it lists each of G1, G2, G3 and G4 once)\n"+
		"优先顺序（priority）缺少 G3：G1、G2、G3、G4 须各列一次 (priority lacks G3: it lists each of G1, G2, G3 and G4 once)\n"+
		"优先顺序（priority）缺少 G4：G1、G2、G3、G4 须各列一次 (priority lacks G4: it lists each of G1, G2, G3 and G4 once)\n"+
		"群体判断（groups）下没有规则 (no rule under groups)\n"+
		"缺少其余情形规则（otherwise） (the otherwise rule is missing)", err.Error())
	_, err = classify.Compile(nil, classify.Rules{})
	assert.EqualError(t, err, "没有公式环境 (no formula environment)")
	assert.True(t, classify.Rules{}.IsZero())
}

// Formula errors are placed in the policy file, however the formula is
// written.
func TestFormulaErrors(t *testing.T) {
	doc := func(when string) string {
		return `id: county
name: 某县
jurisdiction: "450123"
extends: nanning-2019
classification:
  change:
    - id: G1.1
      when: ` + when + `
`
	}
	tests := []struct {
		name, when string
		cause      error
		want       string
	}{
		{"misspelt field", `EmployerKind == "民营企业" && Rol == "经营管理"`, formula.ErrType,
			"county.yaml:8:39: 政策 county：规则 G1.1：公式类型错误 (rule G1.1: unknown name Rol)\n | EmployerKind == \"民营企业\" && Rol == \"经营管理\"\n | ..........................^"},
		{"number, not a boolean", `Followers + 1`, formula.ErrType,
			"county.yaml:8:13: 政策 county：规则 G1.1：公式类型错误 (rule G1.1: the formula gives a number, but the rule needs a boolean)\n | Followers + 1\n | ^"},
		{"syntax", `NewMedia && (Followers > 1`, formula.ErrSyntax,
			"county.yaml:8:38: 政策 county：规则 G1.1：公式语法错误 (rule G1.1: unexpected token EOF)\n | NewMedia && (Followers > 1\n | .........................^"},
		{"double-quoted with escapes", `"Occupation == \"律师\" && Rol"`, formula.ErrType,
			"county.yaml:8:38: 政策 county：规则 G1.1：公式类型错误 (rule G1.1: unknown name Rol)\n | Occupation == \"律师\" && Rol\n | ......................^"},
		{"literal block, second line", "|\n        NewMedia &&\n          Rol == \"采编\"", formula.ErrType,
			"county.yaml:10:11: 政策 county：规则 G1.1：公式类型错误 (rule G1.1: unknown name Rol)\n |   Rol == \"采编\"\n | ..^"},
		{"the assessment date", `NewMedia && Age >= 25`, formula.ErrRefused,
			"county.yaml:8:25: 政策 county：规则 G1.1：公式中不能使用 Age，因为它取决于评价基准日，而分类不看评价基准日 (rule G1.1: Age depends on the assessment date, which a classification does not read)\n | NewMedia && Age >= 25\n | ............^"},
		{"the classification's own result", `Subkind == "自由写作人员" || Group == "G3"`, formula.ErrRefused,
			"county.yaml:8:13: 政策 county：规则 G1.1：公式中不能使用 Subkind，因为它是分类得出的结果，不是分类的依据 (rule G1.1: Subkind is what a classification gives, not what it reads)\n | Subkind == \"自由写作人员\" || Group == \"G3\"\n | ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := overlay(t, "county.yaml", doc(tt.when))
			require.Error(t, err)
			assert.ErrorIs(t, err, classify.ErrFormula)
			assert.ErrorIs(t, err, policy.ErrFormula)
			assert.ErrorIs(t, err, tt.cause)
			var fe *formula.Error
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, "G1.1", fe.Rule)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// Compile reports every formula that does not compile, in the order of the
// rules.
func TestFormulaErrorsJoined(t *testing.T) {
	_, err := overlay(t, "county.yaml", `id: county
name: 某县
jurisdiction: "450123"
extends: nanning-2019
classification:
  change:
    - id: G1.2
      when: Role == 专业技术
  add:
    groups:
      - id: C1
        name: 粉丝
        group: G4
        when: Followers
        reason: 理由。
`)
	require.Error(t, err)
	assert.Equal(t, "county.yaml:8:21: 政策 county：规则 G1.2：公式类型错误 (rule G1.2: unknown name 专业技术)\n | Role == 专业技术\n | ........^\n"+
		"county.yaml:14:15: 政策 county：规则 C1：公式类型错误 (rule C1: the formula gives a number, but the rule needs a boolean)\n | Followers\n | ^", err.Error())
}

// The sub-kind comes from the rule that decided, as the reason does: a G3
// rule without one that holds first leaves the sub-kind empty rather than
// borrowing another rule's.
func TestSubkindFromTheDecidingRule(t *testing.T) {
	c, err := overlay(t, "county.yaml", `id: county
name: 某县
jurisdiction: "450123"
extends: nanning-2019
classification:
  add:
    groups:
      - id: G3.0
        name: 自由职业人员（未分类）
        group: G3
        before: G3.1
        when: EmployerKind == "无工作单位" && Occupation == "网络作家"
        reason: 无工作单位的网络作家。
`)
	require.NoError(t, err)
	res, err := classifyRecord(c, &roster.Record{Key: "NN-1", EmployerKind: roster.NoEmployer, Role: roster.Professional, Occupation: "网络作家"})
	require.NoError(t, err)
	assert.Equal(t, "G3.0", res.Rule)
	assert.Equal(t, classify.G3, res.Primary)
	assert.Equal(t, classify.Subkind(0), res.Subkind)
	assert.Contains(t, res.Matched, "G3.1")
}
