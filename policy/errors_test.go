package policy_test

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The codes of the units that hand files in, in tests.
const (
	cityCode    = "450100" // 南宁市
	qingxiuCode = "450103" // 青秀区
)

// load parses a fixture under testdata as the city hands it in, named by
// its path there so that messages carry it.
func load(t *testing.T, name string) (*policy.File, error) {
	t.Helper()
	return loadFrom(t, cityCode, name)
}

// loadFrom parses a fixture under testdata as the unit from hands it in.
func loadFrom(t *testing.T, from, name string) (*policy.File, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	require.NoError(t, err)
	return policy.Parse(from, name, data)
}

// compileFixture parses and compiles a full policy under testdata.
func compileFixture(t *testing.T, name string) (*policy.Policy, error) {
	t.Helper()
	f, err := load(t, name)
	if err != nil {
		return nil, err
	}
	require.NotNil(t, f.Document, "%s is a full policy, not an overlay", name)
	return policy.Compile(f.Document)
}

// assertPlaced checks that every error joined in err is an *Error with a
// file and, when line is true, a line.
func assertPlaced(t *testing.T, err error, line bool) {
	t.Helper()
	for _, e := range leaves(err) {
		var pe *formula.Error
		if assert.True(t, errors.As(e, &pe), "%T is not a *formula.Error: %v", e, e) {
			assert.NotEmpty(t, pe.File, "%v", e)
			if line {
				assert.Positive(t, pe.Line, "%v", e)
			}
		}
	}
}

// leaves flattens errors.Join.
func leaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

func TestMiniCompiles(t *testing.T) {
	p, err := compileFixture(t, "mini/mini.yaml")
	require.NoError(t, err, "the fixture every errors/ file is made from must be valid")
	assert.Equal(t, "mini", p.ID())
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		want  string
		cause error
	}{
		{
			name:  "YAML syntax error",
			file:  "errors/syntax.yaml",
			want:  "errors/syntax.yaml:26:1: YAML 格式错误 (',' or '}' must be specified)",
			cause: policy.ErrSyntax,
		},
		{
			name:  "unknown field",
			file:  "errors/unknown-field.yaml",
			want:  `errors/unknown-field.yaml:24:30: 未知字段 "pionts"，是不是 "points"？ (unknown field "pionts"; did you mean "points"?)`,
			cause: policy.ErrSyntax,
		},
		{
			name:  "a decimal that is not a number",
			file:  "errors/wrong-type.yaml",
			want:  `errors/wrong-type.yaml:24:38: points："五" 不是数字 (points: "五" is not a decimal number)`,
			cause: policy.ErrSyntax,
		},
		{
			name:  "an int that is not a number",
			file:  "errors/wrong-type-int.yaml",
			want:  `errors/wrong-type-int.yaml:7:20: places："two" 不是整数 (places: "two" is not a whole number)`,
			cause: policy.ErrSyntax,
		},
		{
			name:  "a date that does not exist",
			file:  "errors/wrong-type-date.yaml",
			want:  `errors/wrong-type-date.yaml:5:13: valid_from："2019-02-30" 不是日期（格式 2006-01-02） (valid_from: "2019-02-30" is not a date (2006-01-02))`,
			cause: policy.ErrSyntax,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := load(t, tt.file)
			require.Error(t, err)
			assert.Nil(t, f)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
			assertPlaced(t, err, true)
		})
	}
}

func TestParseShapes(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty file", "", "x.yaml: 文件须恰好包含一个 YAML 文档 (the file holds exactly one YAML document)"},
		{"two documents", "id: a\n---\nid: b\n", "x.yaml: 文件须恰好包含一个 YAML 文档 (the file holds exactly one YAML document)"},
		{"a list, not a mapping", "- id: a\n", "x.yaml:1:1: 文件须由字段组成（id、name 等） (the file is a mapping of fields (id, name, ...))"},
		{"a key twice", "id: a\nid: b\n", `x.yaml:2:1: YAML 格式错误 (mapping key "id" already defined at [1:1])`},
		{"a list where text belongs", "id: [a]\n", `x.yaml:1:5: id：列表不是文本 (id: a list is not text)`},
		{"a mapping where a decimal belongs", "total: {a: 1}\n", `x.yaml:1:8: total：映射不是数字 (total: a mapping is not a decimal number)`},
		{"a grade that does not exist", "veto_grade: E\n", `x.yaml:1:13: veto_grade："E" 不是等次（A、B、C 或 D） (veto_grade: "E" is not a grade (A, B, C or D))`},
		{"an overlay's unknown field", "id: a\nextends: b\nindicators:\n  change:\n    - {id: P1, pionts: 3}\n", `x.yaml:5:16: 未知字段 "pionts"，是不是 "points"？ (unknown field "pionts"; did you mean "points"?)`},
		{"an overlay's bad points", "id: a\nextends: b\nindicators:\n  change:\n    - {id: P1, points: x}\n", `x.yaml:5:24: points："x" 不是数字 (points: "x" is not a decimal number)`},
		{"an input's bad minimum", "id: a\ninputs:\n  - {id: r, min: low}\n", `x.yaml:3:18: min："low" 不是数字 (min: "low" is not a decimal number)`},
		{
			"a tag on a scalar where a list belongs (goccy/go-yaml#735 panics)", "id: a\nvetoes: !x\n",
			"x.yaml:2:9: 不支持锚点、别名、标签和合并键（&、*、!、<<）：请把内容直接写出 (anchors, aliases, tags and merge keys (&, *, !, <<) are not supported: write the value out)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.Parse(cityCode, "x.yaml", []byte(tt.src))
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrSyntax)
			assertPlaced(t, err, false)
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		want  string
		cause error
	}{
		{
			name:  "second-level points not adding up to their first-level",
			file:  "errors/second-level-sum.yaml",
			want:  "errors/second-level-sum.yaml:14:5: 政策 mini：P 的二级指标分值合计 9 分，与其声明的 10 分不符 (the second-level indicators of P add up to 9 points, not the 10 it declares)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "first-level points not adding up to the total",
			file:  "errors/first-level-sum.yaml",
			want:  "errors/first-level-sum.yaml:6:8: 政策 mini：一级指标分值合计 22 分，与总分 20 分不符 (the first-level indicators add up to 22 points, not the total 20)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "grade band gap",
			file:  "errors/grade-gap.yaml",
			want:  "errors/grade-gap.yaml:30:6: 政策 mini：17 到 18 分之间没有对应的等次（在等次 B 与 A 之间） (no grade covers scores from 17 to 18 (between B and A))",
			cause: policy.ErrInvalid,
		},
		{
			name:  "grade overlap",
			file:  "errors/grade-overlap.yaml",
			want:  "errors/grade-overlap.yaml:31:6: 政策 mini：等次 C 与 B 在 15 到 16 分之间重叠 (grades C and B overlap from 15 to 16)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "bands not starting at 0",
			file:  "errors/grade-not-from-zero.yaml",
			want:  "errors/grade-not-from-zero.yaml:33:6: 政策 mini：0 到 1 分之间没有对应的等次 (no grade covers scores from 0 to 1)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "top band not ending at the total",
			file:  "errors/grade-top.yaml",
			want:  "errors/grade-top.yaml:30:6: 政策 mini：最高等次 A 截止于 19 分，而不是总分 20 分 (the top grade A ends at 19, not at the total 20)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "veto_grade not a band",
			file:  "errors/veto-grade.yaml",
			want:  `errors/veto-grade.yaml:28:13: 政策 mini：一票否决等次（veto_grade）"D" 不在所列等次之中 (veto_grade "D" is not one of the grades)`,
			cause: policy.ErrInvalid,
		},
		{
			name:  "duplicate id",
			file:  "errors/duplicate-id.yaml",
			want:  `errors/duplicate-id.yaml:19:10: 政策 mini：指标编号 "P1" 已在 errors/duplicate-id.yaml:18:10 使用过 (indicator id "P1" is already used at errors/duplicate-id.yaml:18:10)`,
			cause: policy.ErrInvalid,
		},
		{
			name: "formula type error",
			file: "errors/formula-type.yaml",
			want: "errors/formula-type.yaml:19:64: 政策 mini：规则 P2：公式类型错误 (rule P2: invalid operation: / (mismatched types int and string))\n" +
				" | TrainingHours / Sex\n" +
				" | ..............^",
			cause: formula.ErrType,
		},
		{
			name: "formula on the second line of a folded block scalar (>-), more indented",
			file: "errors/formula-folded.yaml",
			want: "errors/formula-folded.yaml:30:15: 政策 mini：规则 C2：公式类型错误 (rule C2: unknown name Sexx)\n" +
				" |   + Sexx * 2\n" +
				" | ....^",
			cause: formula.ErrType,
		},
		{
			name: "formula on the second line of a folded block scalar (>-), folded into the first",
			file: "errors/formula-folded-joined.yaml",
			want: "errors/formula-folded-joined.yaml:30:11: 政策 mini：规则 C2：公式类型错误 (rule C2: unknown name Sexx)\n" +
				" | JobsCreated / 20 + Sexx\n" +
				" | ...................^",
			cause: formula.ErrType,
		},
		{
			name: "formula on the second line of a literal block scalar (|)",
			file: "errors/formula-literal.yaml",
			want: "errors/formula-literal.yaml:30:30: 政策 mini：规则 C2：公式类型错误 (rule C2: invalid operation: / (mismatched types int and string))\n" +
				" |     VolunteerHours / Sex\n" +
				" | ...................^",
			cause: formula.ErrType,
		},
		{
			name: "formula in a double-quoted scalar with escapes",
			file: "errors/formula-quoted.yaml",
			want: "errors/formula-quoted.yaml:25:82: 政策 mini：规则 C2：公式类型错误 (rule C2: unknown name Sexx)\n" +
				" | Occupation == \"编\\\"辑\" ? 5 : Sexx\n" +
				" | ...........................^",
			cause: formula.ErrType,
		},
		{
			name: "formula using an undeclared input",
			file: "errors/formula-input.yaml",
			want: "errors/formula-input.yaml:25:50: 政策 mini：规则 C2：公式不被允许 (rule C2: input \"rural\" is not declared by the policy)\n" +
				" | In.rural / 2\n" +
				" | ^",
			cause: formula.ErrRefused,
		},
		{
			name: "formula giving a number for a condition",
			file: "errors/formula-condition-number.yaml",
			want: "errors/formula-condition-number.yaml:12:14: 政策 mini：规则 Q1：公式类型错误 (rule Q1: the formula gives a number, but the rule needs a boolean)\n" +
				" | FieldYears - 3\n" +
				" | ^",
			cause: formula.ErrType,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compileFixture(t, tt.file)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
			if errors.Is(tt.cause, formula.ErrType) || errors.Is(tt.cause, formula.ErrRefused) {
				assert.ErrorIs(t, err, policy.ErrFormula)
			}
			assertPlaced(t, err, true)
		})
	}
}

func TestManyProblemsReportedAtOnce(t *testing.T) {
	_, err := compileFixture(t, "errors/many.yaml")
	require.Error(t, err)
	assert.EqualError(t, err, strings.Join([]string{
		"errors/many.yaml:6:14: 政策 mini：失效日期（valid_until）2019-01-01 早于生效日期（valid_from）2019-04-02 (valid_until 2019-01-01 is before valid_from 2019-04-02)",
		`errors/many.yaml:10:5: 政策 mini：资格条件 Q1：类型（kind）"firm" 不是 hard 或 soft (condition Q1: kind "firm" is not hard or soft)`,
		"errors/many.yaml:15:5: 政策 mini：P 的二级指标分值合计 9 分，与其声明的 10 分不符 (the second-level indicators of P add up to 9 points, not the 10 it declares)",
		`errors/many.yaml:26:10: 政策 mini：指标编号 "C1" 已在 errors/many.yaml:25:10 使用过 (indicator id "C1" is already used at errors/many.yaml:25:10)`,
		"errors/many.yaml:31:6: 政策 mini：17 到 18 分之间没有对应的等次（在等次 B 与 A 之间） (no grade covers scores from 17 to 18 (between B and A))",
	}, "\n"))
	assert.Len(t, leaves(err), 5)
	assert.ErrorIs(t, err, policy.ErrInvalid)
	assertPlaced(t, err, true)
}

// newSet builds a Nanning set from fixtures under testdata.
func newSet(t *testing.T, names ...string) (*policy.Set, error) {
	t.Helper()
	var files []*policy.File
	for _, n := range names {
		f, err := load(t, n)
		require.NoError(t, err)
		files = append(files, f)
	}
	return policy.NewSet(roster.Nanning(), files, policy.WithBaseline())
}

func TestOverlayErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		want  []string
		cause error
	}{
		{
			name:  "indicators.change of an id that does not exist",
			file:  "overlay-errors/change-unknown-indicator.yaml",
			want:  []string{`overlay-errors/change-unknown-indicator.yaml:8:8: 政策 qingxiu-bad：indicators.change：nanning-2019 中没有指标 "C9" (indicators.change: indicator "C9" does not exist in nanning-2019)`},
			cause: policy.ErrUnknownID,
		},
		{
			name:  "conditions.change of an id that does not exist",
			file:  "overlay-errors/change-unknown-condition.yaml",
			want:  []string{`overlay-errors/change-unknown-condition.yaml:8:8: 政策 qingxiu-bad：conditions.change：nanning-2019 中没有资格条件 "Q99" (conditions.change: condition "Q99" does not exist in nanning-2019)`},
			cause: policy.ErrUnknownID,
		},
		{
			name:  "disabling an id that does not exist",
			file:  "overlay-errors/disable-unknown.yaml",
			want:  []string{`overlay-errors/disable-unknown.yaml:7:17: 政策 qingxiu-bad：indicators.disable：nanning-2019 中没有指标 "X7" (indicators.disable: indicator "X7" does not exist in nanning-2019)`},
			cause: policy.ErrUnknownID,
		},
		{
			name: "adding under a missing parent, or under a second-level indicator",
			file: "overlay-errors/add-missing-parent.yaml",
			want: []string{
				`overlay-errors/add-missing-parent.yaml:8:7: 政策 qingxiu-bad：indicators.add：上级指标 "R" 不是 nanning-2019 的一级指标 (indicators.add: parent "R" is not a first-level indicator of nanning-2019)`,
				`overlay-errors/add-missing-parent.yaml:13:7: 政策 qingxiu-bad：indicators.add：上级指标 "C2" 不是 nanning-2019 的一级指标 (indicators.add: parent "C2" is not a first-level indicator of nanning-2019)`,
			},
			cause: policy.ErrUnknownID,
		},
		{
			name: "every problem of an overlay at once",
			file: "overlay-errors/many.yaml",
			want: []string{
				`overlay-errors/many.yaml:8:8: 政策 qingxiu-bad：conditions.change：nanning-2019 中没有资格条件 "Q99" (conditions.change: condition "Q99" does not exist in nanning-2019)`,
				`overlay-errors/many.yaml:11:8: 政策 qingxiu-bad：indicators.change：nanning-2019 中没有指标 "C9" (indicators.change: indicator "C9" does not exist in nanning-2019)`,
				`overlay-errors/many.yaml:12:13: 政策 qingxiu-bad：indicators.disable：nanning-2019 中没有指标 "X7" (indicators.disable: indicator "X7" does not exist in nanning-2019)`,
				`overlay-errors/many.yaml:14:8: 政策 qingxiu-bad：indicators.add：上级指标 "R" 不是 nanning-2019 的一级指标 (indicators.add: parent "R" is not a first-level indicator of nanning-2019)`,
			},
			cause: policy.ErrUnknownID,
		},
		{
			name:  "a sum an overlay breaks is blamed on the overlay's change",
			file:  "overlay-errors/sum-after-change.yaml",
			want:  []string{"overlay-errors/sum-after-change.yaml:8:7: 政策 qingxiu-bad：C 的二级指标分值合计 13 分，与其声明的 15 分不符 (the second-level indicators of C add up to 13 points, not the 15 it declares)"},
			cause: policy.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newSet(t, tt.file)
			require.Error(t, err)
			assert.Nil(t, s)
			assert.EqualError(t, err, strings.Join(tt.want, "\n"))
			assert.ErrorIs(t, err, tt.cause)
			assertPlaced(t, err, true)
		})
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		name  string
		dir   string
		want  string
		cause error
	}{
		{
			name:  "cycle in extends",
			dir:   "set-errors/extends-cycle",
			want:  "set-errors/extends-cycle/a.yaml:5:10: 政策 qingxiu-a：继承关系（extends）形成循环：qingxiu-a → qingxiu-b → qingxiu-a (extends forms a cycle: qingxiu-a → qingxiu-b → qingxiu-a)",
			cause: policy.ErrExtends,
		},
		{
			name:  "extends an unknown id",
			dir:   "set-errors/extends-unknown",
			want:  `set-errors/extends-unknown/qingxiu.yaml:5:10: 政策 qingxiu-2019：所继承的政策（extends）"nanning-2018" 不存在 (extends "nanning-2018", which is not a known policy)`,
			cause: policy.ErrExtends,
		},
		{
			name:  "a unit extending another unit's policy",
			dir:   "set-errors/extends-other-unit",
			want:  "set-errors/extends-other-unit/qingxiu.yaml:5:10: 政策 qingxiu-2019：青秀区的政策不能继承属于江南区的政策 jiangnan-2019；请继承市级政策或青秀区自己的政策 (a policy of 青秀区 cannot extend jiangnan-2019, which belongs to 江南区; extend the city's policy or one of 青秀区's own)",
			cause: policy.ErrExtends,
		},
		{
			name:  "a jurisdiction not in the roster",
			dir:   "set-errors/unit-unknown",
			want:  `set-errors/unit-unknown/zone.yaml:4:15: 政策 zone-2019：适用地区 "450199" 既不是南宁市（450100），也不是其下辖区县 (jurisdiction "450199" is neither 南宁市 (450100) nor one of its units)`,
			cause: policy.ErrExtends,
		},
		{
			name:  "two versions of one unit in force on the same day",
			dir:   "set-errors/overlap",
			want:  "set-errors/overlap/qingxiu-2020.yaml:5:13: 青秀区（450103）的政策 qingxiu-2019 和 qingxiu-2020 在 2020-01-01 同时生效；请用失效日期（valid_until）结束前一个 (policies qingxiu-2019 and qingxiu-2020 of 青秀区 (450103) are both in force on 2020-01-01; end the first with valid_until)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "one id in two files",
			dir:   "set-errors/duplicate-id",
			want:  `set-errors/duplicate-id/b.yaml:2:5: 政策编号 "qingxiu-2019" 在 set-errors/duplicate-id/a.yaml 中也有定义 (policy id "qingxiu-2019" is also defined in set-errors/duplicate-id/a.yaml)`,
			cause: policy.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := policy.LoadFS(roster.Nanning(), cityCode, os.DirFS("testdata"), tt.dir, policy.WithBaseline())
			require.Error(t, err)
			assert.Nil(t, s)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
			assertPlaced(t, err, true)
		})
	}
}

func TestLoadFSReportsEveryFile(t *testing.T) {
	fsys := os.DirFS("testdata")
	_, err := policy.LoadFS(roster.Nanning(), cityCode, fsys, "errors", policy.WithBaseline())
	require.Error(t, err)
	// Every file of the folder that does not parse is reported, in name order.
	var names []string
	for _, e := range leaves(err) {
		var pe *formula.Error
		require.True(t, errors.As(e, &pe))
		names = append(names, path.Base(pe.File))
	}
	assert.Equal(t, []string{"syntax.yaml", "unknown-field.yaml", "wrong-type-date.yaml", "wrong-type-int.yaml", "wrong-type.yaml"}, names)
}

func TestErrorValue(t *testing.T) {
	_, err := compileFixture(t, "errors/formula-type.yaml")
	var pe *formula.Error
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, formula.Position{File: "errors/formula-type.yaml", Line: 19, Column: 64}, pe.Position)
	assert.Equal(t, "mini", pe.Policy)
	assert.Equal(t, "invalid operation: / (mismatched types int and string)", pe.Message)
	assert.Equal(t, "\n | TrainingHours / Sex\n | ..............^", pe.Snippet)
}

func TestRuntimeErrorPlacedInFile(t *testing.T) {
	p, err := compileFixture(t, "runtime/runtime.yaml")
	require.NoError(t, err)
	f := roster.Facts{Key: "NN-0003", JobsCreated: 40, Proposals: 0}
	_, err = rule(t, p, "C2").Value(&f)
	require.Error(t, err)
	assert.EqualError(t, err, "runtime/runtime.yaml:30:21: 政策 mini：规则 C2：公式计算出错 (rule C2: division by zero)\n"+
		" | JobsCreated / 20 + Donations / Proposals\n"+
		" | .............................^")
	assert.ErrorIs(t, err, formula.ErrRuntime)
	var fe *formula.Error
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, formula.Position{File: "runtime/runtime.yaml", Line: 30, Column: 21}, fe.Position)

	// The next record is unaffected: the program holds no state of a run.
	f.Proposals = 4
	v, err := rule(t, p, "C2").Value(&f)
	require.NoError(t, err)
	assert.Equal(t, "2", v.String())
}

// A misspelt name inside the arguments of a function call must be refused
// when the policy compiles, like one outside a call. expr v1.17 skips the
// arguments of a call in its final type check once a patch visitor has run
// (the formula compiler's input and operator patches); internal/formula
// clears those types so that the final check sees the arguments.
func TestFormulaTypoInsideCall(t *testing.T) {
	_, err := compileFixture(t, "errors/formula-inside-call.yaml")
	require.Error(t, err)
	assert.EqualError(t, err, "errors/formula-inside-call.yaml:19:75: 政策 mini：规则 P2：公式类型错误 (rule P2: unknown name Sexx)\n"+
		" | max(TrainingHours / 10, Sexx)\n"+
		" | ........................^")
	assert.ErrorIs(t, err, formula.ErrType)
}

// A county's file with several mistakes gets them all in one report, each
// at its place, a misspelt field with the nearest known name.
func TestParseReportsEveryProblemAtOnce(t *testing.T) {
	_, err := policy.Parse("450103", "qingxiu.yaml", []byte(`id: qingxiu-2019
extends: nanning-2019
jurisdiction: "450103"
name: 青秀区
valid_form: 2019-04-15
indicators:
  change:
    - {id: C2, pionts: 5}
    - {id: A2, points: 五}
grades:
  - {grade: E, from: 0, to: 60, removed: true}
`))
	require.Error(t, err)
	assert.Equal(t, `qingxiu.yaml:5:1: 未知字段 "valid_form"，是不是 "valid_from"？ (unknown field "valid_form"; did you mean "valid_from"?)
qingxiu.yaml:8:16: 未知字段 "pionts"，是不是 "points"？ (unknown field "pionts"; did you mean "points"?)
qingxiu.yaml:9:24: points："五" 不是数字 (points: "五" is not a decimal number)
qingxiu.yaml:11:13: grade："E" 不是等次（A、B、C 或 D） (grade: "E" is not a grade (A, B, C or D))`, err.Error())
	assert.ErrorIs(t, err, policy.ErrSyntax)
	var fe *formula.Error
	assert.ErrorAs(t, err, &fe)
}
