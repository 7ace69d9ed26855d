package policytest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/policytest"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func baseline(t testing.TB) (*newstrata.Assessor, *policy.Policy) {
	t.Helper()
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	p, err := policy.Baseline()
	require.NoError(t, err)
	return a, p
}

func load(t *testing.T, name string) *policytest.Suite {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	s, err := policytest.Parse(name, data)
	require.NoError(t, err)
	return s
}

// TestBaselineCases runs the baseline's cases: every condition, indicator,
// bonus, veto and grade boundary of nanning-2019, with the expected values
// worked out by hand from the policy file.
func TestBaselineCases(t *testing.T) {
	a, p := baseline(t)
	s := load(t, "nanning-2019_cases.yaml")
	require.Equal(t, "nanning-2019", s.Policy)
	rep := s.Run(a, p)
	assert.True(t, rep.OK(), "%s", rep)
	assert.Equal(t, len(s.Cases), rep.Passed)
	policytest.Check(t, a, p, s)
}

// TestBaselineCoverage keeps the baseline's cases covering every
// condition failing, every indicator, bonus and veto, and each side of
// every grade cut-off.
func TestBaselineCoverage(t *testing.T) {
	_, p := baseline(t)
	data, err := os.ReadFile(filepath.Join("testdata", "nanning-2019_cases.yaml"))
	require.NoError(t, err)
	text := string(data)
	var ids []string
	for c := range p.Conditions().All() {
		ids = append(ids, "failed: ["+c.ID+"]")
	}
	for _, d := range p.Evaluator().Scheme().Indicators {
		for _, in := range d.Children {
			ids = append(ids, in.ID+": ")
		}
	}
	for _, b := range p.Evaluator().Scheme().Bonuses {
		ids = append(ids, b.ID+": ")
	}
	for _, v := range p.Evaluator().Scheme().Vetoes {
		ids = append(ids, "vetoes: ["+v.ID+"]")
	}
	for _, total := range []string{"100", "90", "89.99", "80", "79.99", "60", "59.99"} {
		ids = append(ids, "total: "+total+" ")
	}
	for _, id := range ids {
		if !strings.Contains(text, id) && !strings.Contains(text, strings.TrimSpace(id)+"\n") {
			t.Errorf("no case has %q", strings.TrimSpace(id))
		}
	}
}

// TestWrongExpectation shows what a clerk reads when the policy does not
// do what a case says: the place of the expectation, the case, the
// indicator with its name, what was expected and what came out.
func TestWrongExpectation(t *testing.T) {
	a, p := baseline(t)
	s, err := policytest.Parse("wrong_cases.yaml", []byte(`policy: nanning-2019
date: 2019-04-15
cases:
  - name: 学习培训按学时计分
    record:
      单位性质: 民营企业
      岗位类别: 经营管理
      培训情况: 市委统战部培训班|2018-06-01|36
    points: {P2: 7.5, P1: 0}
    total: 12
    grade: C
    group: G1
`))
	require.NoError(t, err)
	rep := s.Run(a, p)
	require.Len(t, rep.Mismatches, 3)
	assert.Equal(t, policytest.Mismatch{
		Position: formula.Position{File: "wrong_cases.yaml", Line: 9, Column: 18},
		Case:     "学习培训按学时计分",
		What:     "P2",
		Name:     "学习培训",
		Want:     "7.5",
		Got:      "9",
	}, rep.Mismatches[0])
	assert.Equal(t, []string{
		"wrong_cases.yaml:9:18: 学习培训按学时计分: P2 学习培训 期望 7.5，实际 9 (want 7.5, got 9)",
		"wrong_cases.yaml:10:12: 学习培训按学时计分: total 期望 12，实际 11 (want 12, got 11)",
		"wrong_cases.yaml:11:12: 学习培训按学时计分: grade 期望 C，实际 D (want C, got D)",
	}, lines(rep.Mismatches))
	assert.Equal(t, 1, rep.Cases)
	assert.Equal(t, 0, rep.Passed)
	assert.Equal(t, 5, rep.Checks)
	assert.False(t, rep.OK())
	assert.Equal(t, strings.Join(lines(rep.Mismatches), "\n")+"\n"+
		"wrong_cases.yaml：政策 nanning-2019，用例 1 个，通过 0 个，不符 3 处，检查 5 项 (1 cases, 0 passed, 3 mismatches, 5 checks)\n",
		rep.String())

	// Check reports each mismatch as a test error.
	rec := &recorder{}
	policytest.Check(rec, a, p, s)
	assert.Equal(t, lines(rep.Mismatches), rec.errors)
}

func lines(ms []policytest.Mismatch) []string {
	if len(ms) == 0 {
		return nil
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}

// TestRunProblems: what keeps a case from running is reported at its place,
// and a case may expect it.
func TestRunProblems(t *testing.T) {
	a, p := baseline(t)
	s, err := policytest.Parse("nanning-2019_cases.yaml", []byte(`date: 2019-04-15
examples:
  甲: {单位性质: 民营企业, 岗位类别: 经营管理, 出生年月: 1994-04-16}
cases:
  - name: 列名拼错
    example: 甲
    set: {从业年线: 5}
    qualified: false
  - name: 刚性条件不能放宽
    example: 甲
    waivers: {Q6: 特别优秀}
    qualified: false
  - name: 期望的错误没有出现
    example: 甲
    waivers: {Q4: 特别优秀}
    error: 只有可放宽条件可以放宽
  - name: 期望的错误
    example: 甲
    waivers: {Q3: 特别优秀}
    error: 只有可放宽条件可以放宽
  - name: 政策尚未生效
    example: 甲
    date: 2019-01-01
    qualified: false
`))
	require.NoError(t, err)
	assert.Equal(t, "nanning-2019", s.Policy, "a file that names no policy is for the policy of its name")
	rep := s.Run(a, p)
	assert.Equal(t, []string{
		"nanning-2019_cases.yaml:7:11: 列名拼错: 从业年线：既不是登记表的列，也不是政策 nanning-2019 声明的输入项 (neither a column of the form nor an input of the policy)",
		"nanning-2019_cases.yaml:11:15: 刚性条件不能放宽: error：无法评价 (cannot assess): 记录 刚性条件不能放宽：资格条件 Q6：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)",
		"nanning-2019_cases.yaml:16:12: 期望的错误没有出现: error 期望 只有可放宽条件可以放宽，实际 （无错误） (want 只有可放宽条件可以放宽, got （无错误）)",
		"nanning-2019_cases.yaml:21:5: 政策尚未生效: date：政策 nanning-2019 在 2019-01-01 不生效 (the policy is not in force on 2019-01-01)",
	}, lines(rep.Mismatches))
	assert.Equal(t, 5, rep.Cases)
	assert.Equal(t, 1, rep.Passed)
}

// TestParseErrors: every mistake of a file is reported at once, at its
// line and column, naming the case.
func TestParseErrors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "errors", "many_cases.yaml"))
	require.NoError(t, err)
	_, err = policytest.Parse("many_cases.yaml", data)
	require.Error(t, err)
	assert.Equal(t, strings.Join([]string{
		`many_cases.yaml:9:9: 样例「坏样例」：民族：未知代码 (unknown code)`,
		`many_cases.yaml:13:5: 未知字段 "qualifed"，是不是 "qualified"？ (unknown field "qualifed"; did you mean "qualified"?)`,
		`many_cases.yaml:15:14: 用例「样例不存在」：样例「样例乙」未在 examples 中定义 (example "样例乙" is not defined in examples)`,
		`many_cases.yaml:19:17: 用例「日期写法不对」：出生年月：日期无法识别，应写作 2006-01-02 或 2006-01 (bad date)`,
		`many_cases.yaml:23:12: total："八十" 不是数字 (total: "八十" is not a number)`,
		`many_cases.yaml:29:12: grade："E" 不是等次（A、B、C 或 D） (grade: "E" is not a grade (A, B, C or D))`,
	}, "\n"), err.Error())
	assert.ErrorIs(t, err, policytest.ErrSyntax)
	assert.ErrorIs(t, err, policytest.ErrUnknownExample)
	assert.ErrorIs(t, err, roster.ErrBadDate)
	assert.ErrorIs(t, err, roster.ErrUnknownCode)

	var fe *formula.Error
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, formula.Position{File: "many_cases.yaml", Line: 9, Column: 9}, fe.Position)

	var pe *roster.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 9, pe.Line, "the reader's error is placed in the cases file")
	assert.Equal(t, "民族", pe.Header)
}

func TestParseErrorEach(t *testing.T) {
	tests := []struct {
		name, text, want string
		cause            error
	}{
		{"yaml", "cases:\n  - name: [\n", "x_cases.yaml:2:11: YAML 格式错误 (sequence end token ']' not found)", policytest.ErrSyntax},
		{"top field", "polcy: a\n", `x_cases.yaml:1:1: 未知字段 "polcy"，是不是 "policy"？ (unknown field "polcy"; did you mean "policy"?)`, policytest.ErrSyntax},
		{"two documents", "date: 2019-04-15\n---\ndate: 2019-04-16\n", "x_cases.yaml: 文件须恰好包含一个 YAML 文档 (the file holds exactly one YAML document)", policytest.ErrSyntax},
		{"date", "date: 2019-04\n", `x_cases.yaml:1:7: date："2019-04" 不是日期（如 2019-04-15） (date: "2019-04" is not a date (2019-04-15))`, policytest.ErrSyntax},
		{"no name", "cases:\n  - record: {从业年限: 3}\n", "x_cases.yaml:2:5: 用例缺少名称（name） (a case needs a name)", policytest.ErrSyntax},
		{"no record", "cases:\n  - name: a\n    total: 3\n", "x_cases.yaml:2:5: 用例「a」：用例需要记录（record），或作为起点的样例（example） (a case needs a record, or an example to start from)", policytest.ErrSyntax},
		{"set without example", "cases:\n  - name: a\n    set: {从业年限: 3}\n    qualified: true\n", "x_cases.yaml:2:5: 用例「a」：set 改动样例的列：请用 example 指明样例，或在 record 下写出完整的记录 (set changes an example: name it with example, or write the whole record under record)", policytest.ErrSyntax},
		{"duplicate case", "cases:\n  - name: a\n    record: {从业年限: 3}\n    total: 3\n  - name: a\n    record: {从业年限: 4}\n    total: 4\n", "x_cases.yaml:5:5: 用例「a」：已有同名的用例 (a case of this name is already defined)", policytest.ErrDuplicate},
		{"duplicate column", "cases:\n  - name: a\n    record: {从业年限: 3, 出生日期: 1985-03, 出生年月: 1985-04}\n    qualified: true\n", "x_cases.yaml:3:38: 用例「a」：出生年月：表头重复，第 2 列已是 出生日期 (duplicate header)", roster.ErrHeader},
		{"duplicate county input", "cases:\n  - name: a\n    record: {加分: 1, 加 分: 2}\n    qualified: true\n", "x_cases.yaml:3:21: 用例「a」：加 分：表头重复，第 1 列已是 加分 (duplicate header)", roster.ErrHeader},
		{"negative count", "cases:\n  - name: a\n    record: {从业年限: -1}\n    qualified: true\n", "x_cases.yaml:3:20: 用例「a」：从业年限：不能为负数，应填 0 到 2147483647 之间的整数 (negative number)", roster.ErrBadCell},
		{"group", "cases:\n  - name: a\n    record: {从业年限: 3}\n    group: G5\n", `x_cases.yaml:4:12: group："G5" 不是类别（G1、G2、G3、G4、非新的社会阶层人士或无法判定） (group: "G5" is not a group (G1, G2, G3, G4, 非新的社会阶层人士 or 无法判定))`, policytest.ErrSyntax},
		{"qualified", "cases:\n  - name: a\n    record: {从业年限: 3}\n    qualified: yes\n", `x_cases.yaml:4:16: qualified："yes" 不是true 或 false (qualified: "yes" is not true or false)`, policytest.ErrSyntax},
		{"failed", "cases:\n  - name: a\n    record: {从业年限: 3}\n    failed: {Q1: x}\n", `x_cases.yaml:4:13: failed：映射不是文本或文本的列表 (failed: a mapping is not a text or a list of texts)`, policytest.ErrSyntax},
		{"blank policy", "policy: \"\"\n", "x_cases.yaml:1:10: policy 为空 (policy is empty)", policytest.ErrSyntax},
		{"blank qualified", "cases:\n  - name: a\n    record: {从业年限: 3}\n    qualified:\n", "x_cases.yaml:4:16: 用例「a」：qualified 为空 (qualified is empty)", policytest.ErrSyntax},
		{"blank point", "cases:\n  - name: a\n    record: {从业年限: 3}\n    points: {A2: , A1: 3}\n", "x_cases.yaml:4:17: 用例「a」：points：A2 没有写分数 (points: A2 has no points)", policytest.ErrSyntax},
		{"point not a number", "cases:\n  - name: a\n    record: {从业年限: 3}\n    points: {A2: 1e3}\n", `x_cases.yaml:4:18: A2："1e3" 不是数字 (A2: "1e3" is not a number)`, policytest.ErrSyntax},
		{"blank waiver reason", "cases:\n  - name: a\n    record: {从业年限: 3}\n    waivers: {Q4: }\n    qualified: true\n", "x_cases.yaml:4:18: 用例「a」：waivers：Q4 没有写理由 (waivers: Q4: the reason is missing)", policytest.ErrSyntax},
		{"blank id", "cases:\n  - name: a\n    record: {从业年限: 3}\n    failed: [Q4, \" \"]\n", "x_cases.yaml:4:13: 用例「a」：failed：每一项是一个编号，如 Q4 (failed: each item is an id, such as Q4)", policytest.ErrSyntax},
		{"cases not a list", "cases: {name: a}\n", "x_cases.yaml:1:8: cases：映射不是列表 (cases: a mapping is not a list)", policytest.ErrSyntax},
		{"case not a mapping", "cases:\n  - a\n", `x_cases.yaml:2:5: "a" 不是字段和值 ("a" is not a mapping)`, policytest.ErrSyntax},
		{"list cell item", "cases:\n  - name: a\n    record: {获奖情况: [甲|市级|2017, [乙]]}\n    qualified: true\n", "x_cases.yaml:3:32: 获奖情况：列表不是文本 (获奖情况: a list is not text)", policytest.ErrSyntax},
		{"cell a mapping", "cases:\n  - name: a\n    record: {从业年限: {a: 1}}\n    qualified: true\n", "x_cases.yaml:3:20: 从业年限：映射不是文本或文本的列表 (从业年限: a mapping is not a text or a list of texts)", policytest.ErrSyntax},
		{"example twice", "examples:\n  甲: {从业年限: 3}\n  \"甲 \": {从业年限: 4}\ncases:\n  - name: a\n    example: 甲\n    qualified: true\n", `x_cases.yaml:3:3: 样例「甲」重复定义 (example "甲" is defined twice)`, policytest.ErrDuplicate},
		{"record and example", "examples:\n  甲: {从业年限: 3}\ncases:\n  - name: a\n    example: 甲\n    record: {从业年限: 4}\n    qualified: true\n", "x_cases.yaml:4:5: 用例「a」：用例要么写出自己的记录（record），要么从样例（example）开始并改动其中的列（set），不能两者都写 (a case has either a record of its own or an example and the cells it sets, not both)", policytest.ErrSyntax},
		{"too large", "cases:\n  - name: a\n    record: {备注: " + strings.Repeat("长", 1<<19) + "}\n", "x_cases.yaml: 文件过大（1572906 字节，上限 1048576 字节） (the file is too large (1572906 bytes, at most 1048576))", policytest.ErrSyntax},
		{"anchor", "examples:\n  a: &x {从业年限: 3}\n", `x_cases.yaml:2:6: 不支持锚点、别名、标签和合并键（&、*、!、<<）：请把内容直接写出 (anchors, aliases, tags and merge keys (&, *, !, <<) are not supported: write the value out)`, policytest.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policytest.Parse("x_cases.yaml", []byte(tt.text))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.ErrorIs(t, err, tt.cause)
			var e *formula.Error
			assert.True(t, errors.As(err, &e))
		})
	}
}

// TestRecordReadsAsARoster: a case's record is what the roster reader
// makes of the same cells, with the required columns filled in.
func TestRecordReadsAsARoster(t *testing.T) {
	s, err := policytest.Parse("x_cases.yaml", []byte(`cases:
  - name: 读入
    record:
      出生年月: 1985-03
      职称级别: 中级
      获奖情况: [南宁市优秀青年|市级|2017, 青秀区先进个人|县级|2018]
      活动出勤率: 95%
      rural: "1.50"
    qualified: true
  - name: 自带编号
    record: {登记号: NN-450103-00001, 所属县区: "450103", 姓名: 韦测试}
    qualified: true
`))
	require.NoError(t, err)
	r := s.Cases[0].Record()
	assert.Equal(t, "读入", r.Key)
	assert.Equal(t, "读入", r.Name)
	assert.Equal(t, "", r.Unit)
	assert.Equal(t, roster.NewDate(1985, 3, 0), r.BirthDate)
	assert.Equal(t, roster.Intermediate, r.TitleLevel)
	require.Len(t, r.Awards, 2)
	assert.Equal(t, roster.County, r.Awards[1].Level)
	assert.Equal(t, "0.95", r.Attendance.String())
	assert.Equal(t, map[string]any{"rural": "1.50"}, r.Extra)

	r = s.Cases[1].Record()
	assert.Equal(t, "NN-450103-00001", r.Key, "an alias of a required title counts as that title")
	assert.Equal(t, "450103", r.Unit)
	assert.Equal(t, "韦测试", r.Name)
}

// TestLoadFS reads the cases files of a folder and runs them against the
// policies beside them.
func TestLoadFS(t *testing.T) {
	suites, err := policytest.LoadFS(os.DirFS("testdata"), ".")
	require.NoError(t, err)
	require.Len(t, suites, 1)
	assert.Equal(t, "nanning-2019_cases.yaml", suites[0].Name)
	policytest.CheckFS(t, roster.Nanning(), "450100", os.DirFS("testdata"), ".", policy.WithBaseline())

	_, err = policytest.LoadFS(os.DirFS("testdata"), "errors")
	assert.ErrorIs(t, err, policytest.ErrUnknownExample)

	rec := &recorder{}
	rec.run(func() {
		policytest.CheckFS(rec, roster.Nanning(), "450100", os.DirFS("testdata"), "errors", policy.WithBaseline())
	})
	require.Len(t, rec.fatals, 1)
	assert.True(t, strings.HasPrefix(rec.fatals[0], "cases of errors: errors/many_cases.yaml:9:9: "), rec.fatals[0])
}

// recorder is a testing.TB that keeps what a helper reports.
type recorder struct {
	testing.TB
	errors, fatals []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// Fatalf ends the goroutine, as testing's does: call what may fail
// through run.
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

func (r *recorder) run(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}

// TestParseExpectations: a case that cannot fail is refused, each at the
// place to fix: no expectation at all, an empty points, failed or vetoes,
// an error expected together with something it would hide, an error text
// too short to pin one message, a condition waived twice.
func TestParseExpectations(t *testing.T) {
	const head = "cases:\n  - name: a\n    record: {从业年限: 3}\n"
	tests := []struct {
		name, text, want string // want "" when the file is good
	}{
		{"no expectation", head,
			"x_cases.yaml:2:5: 用例「a」：用例没有任何期望，不会失败；请写 qualified、failed、vetoes、points、total、grade、group 或 error (a case expects nothing, so it cannot fail; give it qualified, failed, vetoes, points, total, grade, group or error)"},
		{"waivers are no expectation", head + "    waivers: {Q4: 特别优秀}\n",
			"x_cases.yaml:2:5: 用例「a」：用例没有任何期望，不会失败；请写 qualified、failed、vetoes、points、total、grade、group 或 error (a case expects nothing, so it cannot fail; give it qualified, failed, vetoes, points, total, grade, group or error)"},
		{"a misspelt expectation is reported once", head + "    qualifed: true\n",
			`x_cases.yaml:4:5: 未知字段 "qualifed"，是不是 "qualified"？ (unknown field "qualifed"; did you mean "qualified"?)`},
		{"points flow empty", head + "    points: {}\n",
			"x_cases.yaml:4:13: 用例「a」：points 为空：请写出指标或加分项的分数，如 {A2: 4.5} (points is empty: give the points of an indicator or bonus, such as {A2: 4.5})"},
		{"points null", head + "    points:\n",
			"x_cases.yaml:4:13: 用例「a」：points 为空：请写出指标或加分项的分数，如 {A2: 4.5} (points is empty: give the points of an indicator or bonus, such as {A2: 4.5})"},
		{"points null beside other expectations", head + "    total: 3\n    points:\n",
			"x_cases.yaml:5:13: 用例「a」：points 为空：请写出指标或加分项的分数，如 {A2: 4.5} (points is empty: give the points of an indicator or bonus, such as {A2: 4.5})"},
		{"failed null", head + "    failed:\n",
			"x_cases.yaml:4:13: 用例「a」：failed 为空：没有不符合的条件时写 []，否则写出不符合的条件，如 [Q4] (failed is empty: write [] when no condition fails, or the conditions that fail, such as [Q4])"},
		{"vetoes null", head + "    qualified: true\n    vetoes:\n",
			"x_cases.yaml:5:13: 用例「a」：vetoes 为空：没有否决项成立时写 []，否则写出成立的否决项，如 [V1] (vetoes is empty: write [] when no veto holds, or the vetoes that hold, such as [V1])"},
		{"failed [] is an expectation", head + "    failed: []\n", ""},
		{"vetoes [] is an expectation", head + "    vetoes: []\n", ""},
		{"a lone id is a list of one", head + "    failed: Q4\n", ""},
		{"error with another expectation", head + "    total: 3\n    error: 不能为负\n",
			"x_cases.yaml:5:12: 用例「a」：error：期望出错的用例不再期望别的，但它还写了 total (error: a case that expects an error expects nothing else, yet it also has total)"},
		{"error amid other expectations", head + "    qualified: false\n    error: 不能为负\n    points: {A2: 1}\n    grade: D\n",
			"x_cases.yaml:5:12: 用例「a」：error：期望出错的用例不再期望别的，但它还写了 qualified、points、grade (error: a case that expects an error expects nothing else, yet it also has qualified, points, grade)"},
		{"error with waivers and set", "examples:\n  甲: {从业年限: 3}\ncases:\n  - name: a\n    example: 甲\n    set: {从业年限: 2}\n    waivers: {Q6: 特别优秀}\n    error: 只有可放宽条件可以放宽\n", ""},
		{"error of one character", head + "    error: Q\n",
			`x_cases.yaml:4:12: 用例「a」：error："Q" 太短，无法确定是哪个错误；请写错误信息中的一个短语，至少 2 个字符 (error: "Q" is too short to pin an error; write a phrase of the message, 2 characters or more)`},
		{"error of one Chinese character", head + "    error: 负\n",
			`x_cases.yaml:4:12: 用例「a」：error："负" 太短，无法确定是哪个错误；请写错误信息中的一个短语，至少 2 个字符 (error: "负" is too short to pin an error; write a phrase of the message, 2 characters or more)`},
		{"error of two characters", head + "    error: Q6\n", ""},
		{"waiver given twice", head + "    qualified: true\n    waivers: {Q4: 特别优秀, \"Q4 \": 行业领军人物}\n",
			"x_cases.yaml:5:25: 用例「a」：waivers：Q4 写了两次 (waivers: Q4 is given twice)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := policytest.Parse("x_cases.yaml", []byte(tt.text))
			if tt.want == "" {
				require.NoError(t, err)
				assert.Len(t, s.Cases, 1)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			var e *formula.Error
			require.ErrorAs(t, err, &e)
			if strings.Contains(tt.want, "given twice") {
				assert.ErrorIs(t, err, policytest.ErrDuplicate)
			} else {
				assert.ErrorIs(t, err, policytest.ErrSyntax)
			}
		})
	}
}

// TestWaiverErrorAtWaiver: a waiver the policy cannot grant is reported at
// the waiver, not at the start of its case.
func TestWaiverErrorAtWaiver(t *testing.T) {
	a, p := baseline(t)
	const head = `policy: nanning-2019
date: 2019-04-15
cases:
  - name: a
    record: {单位性质: 民营企业, 岗位类别: 经营管理, 出生年月: 1994-04-16}
    qualified: true
`
	tests := []struct {
		name, waivers, want string
	}{
		{"empty reason", "    waivers:\n      Q4: \"\"\n",
			`x_cases.yaml:8:7: a: error：无法评价 (cannot assess): 记录 a：资格条件 Q4：invalid waiver: 放宽须记录理由 (a waiver needs a reason)`},
		{"blank reason", "    waivers: {Q4: \"  \"}\n",
			`x_cases.yaml:7:15: a: error：无法评价 (cannot assess): 记录 a：资格条件 Q4：invalid waiver: 放宽须记录理由 (a waiver needs a reason)`},
		{"hard condition after a good waiver", "    waivers:\n      Q5: 非遗传承人\n      Q6: 特别优秀\n",
			`x_cases.yaml:9:7: a: error：无法评价 (cannot assess): 记录 a：资格条件 Q6：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)`},
		{"unknown condition", "    waivers: {Q4: 特别优秀, Q99: 特别优秀}\n",
			`x_cases.yaml:7:25: a: error：无法评价 (cannot assess): 记录 a：资格条件 Q99：invalid waiver: 政策 nanning-2019 没有资格条件 "Q99" (the policy has no such condition)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := policytest.Parse("x_cases.yaml", []byte(head+tt.waivers))
			require.NoError(t, err)
			rep := s.Run(a, p)
			assert.Equal(t, []string{tt.want}, lines(rep.Mismatches))
		})
	}
}

// TestRunOtherPolicy: cases run against a policy they do not pin are not
// run; the report says which policy they pin, at the policy field or, when
// the file name gives the policy, at the file.
func TestRunOtherPolicy(t *testing.T) {
	a, p := baseline(t)
	const body = "date: 2019-04-15\ncases:\n  - name: a\n    record: {从业年限: 3}\n    qualified: false\n"
	tests := []struct {
		name, file, text string
		want             []string
	}{
		{"policy field", "x_cases.yaml", "policy: qingxiu-2019\n" + body,
			[]string{"x_cases.yaml:1:9: policy 期望 qingxiu-2019，实际 nanning-2019 (want qingxiu-2019, got nanning-2019)"}},
		{"file name", "qingxiu-2019_cases.yaml", body,
			[]string{"qingxiu-2019_cases.yaml: policy 期望 qingxiu-2019，实际 nanning-2019 (want qingxiu-2019, got nanning-2019)"}},
		{"same policy", "x_cases.yaml", "policy: nanning-2019\n" + body, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := policytest.Parse(tt.file, []byte(tt.text))
			require.NoError(t, err)
			rep := s.Run(a, p)
			assert.Equal(t, tt.want, lines(rep.Mismatches))
			assert.Equal(t, "nanning-2019", rep.Policy)
			if tt.want != nil {
				assert.Equal(t, 0, rep.Cases, "no case runs against another policy")
				assert.Equal(t, 0, rep.Checks)
				assert.False(t, rep.OK())
			} else {
				assert.Equal(t, 1, rep.Passed)
			}
			rec := &recorder{}
			policytest.Check(rec, a, p, s)
			assert.Equal(t, tt.want, rec.errors)
		})
	}
}

// A Case made by hand rather than read by Parse has no record: running it
// reports that instead of panicking.
func TestRunCaseWithoutRecord(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	s := &policytest.Suite{Name: "hand", Policy: p.ID(), Cases: []*policytest.Case{{Name: "手写"}}}
	assert.Nil(t, s.Cases[0].Record())
	rep := s.Run(a, p)
	require.Len(t, rep.Mismatches, 1)
	assert.Equal(t, "record", rep.Mismatches[0].What)
}

// A cases file without a case checks nothing, so it cannot pass either.
func TestParseNoCases(t *testing.T) {
	for _, src := range []string{"policy: nanning-2019\n", "policy: nanning-2019\ncases: []\n"} {
		_, err := policytest.Parse("empty_cases.yaml", []byte(src))
		assert.EqualError(t, err, "empty_cases.yaml:1:1: 文件中没有用例，无法检验政策 (the file has no cases; a suite without a case cannot fail)")
		assert.ErrorIs(t, err, policytest.ErrSyntax)
	}
}
