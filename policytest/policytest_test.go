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
	for c := range p.Conditions() {
		ids = append(ids, "failed: ["+c.ID()+"]")
	}
	for d := range p.Dimensions() {
		for in := range d.Indicators() {
			ids = append(ids, in.ID()+": ")
		}
	}
	for b := range p.Bonuses() {
		ids = append(ids, b.ID()+": ")
	}
	for v := range p.Vetoes() {
		ids = append(ids, "vetoes: ["+v.ID()+"]")
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
		Position: policytest.Position{File: "wrong_cases.yaml", Line: 9, Column: 18},
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
	s, err := policytest.Parse("run_cases.yaml", []byte(`date: 2019-04-15
examples:
  甲: {单位性质: 民营企业, 岗位类别: 经营管理, 出生年月: 1994-04-16}
cases:
  - name: 列名拼错
    example: 甲
    set: {从业年线: 5}
  - name: 刚性条件不能放宽
    example: 甲
    waivers: {Q6: 特别优秀}
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
	assert.Equal(t, "run", s.Policy, "a file that names no policy is for the policy of its name")
	rep := s.Run(a, p)
	assert.Equal(t, []string{
		"run_cases.yaml:7:11: 列名拼错: 从业年线：既不是登记表的列，也不是政策 nanning-2019 声明的输入项 (neither a column of the form nor an input of the policy)",
		"run_cases.yaml:8:5: 刚性条件不能放宽: error：无法评价 (cannot assess): 记录 刚性条件不能放宽：资格条件 Q6：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)",
		"run_cases.yaml:14:12: 期望的错误没有出现: error 期望 只有可放宽条件可以放宽，实际 （无错误） (want 只有可放宽条件可以放宽, got （无错误）)",
		"run_cases.yaml:19:5: 政策尚未生效: date：政策 nanning-2019 在 2019-01-01 不生效 (the policy is not in force on 2019-01-01)",
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
		`many_cases.yaml:9:9: 坏样例: 民族：未知代码 (unknown code)`,
		`many_cases.yaml:13:5: 字段拼错: unknown field "qualifed"; the fields of a case are name, example, record, set, date, waivers, qualified, failed, vetoes, points, total, grade, group, error`,
		`many_cases.yaml:15:14: 样例不存在: example "样例乙" is not defined in examples`,
		`many_cases.yaml:18:17: 日期写法不对: 出生年月：日期无法识别，应写作 2006-01-02 或 2006-01 (bad date)`,
		`many_cases.yaml:21:12: 总分不是数: total: "八十" is not a number`,
		`many_cases.yaml:26:12: 等次写错: grade: "E" is not a grade (A, B, C or D)`,
	}, "\n"), err.Error())
	assert.ErrorIs(t, err, policytest.ErrSyntax)
	assert.ErrorIs(t, err, policytest.ErrUnknownExample)
	assert.ErrorIs(t, err, roster.ErrBadDate)
	assert.ErrorIs(t, err, roster.ErrUnknownCode)

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
		{"yaml", "cases:\n  - name: [\n", "x_cases.yaml:2:11: sequence end token ']' not found", policytest.ErrSyntax},
		{"top field", "polcy: a\n", `x_cases.yaml:1:1: unknown field "polcy"; the fields are policy, date, examples, cases`, policytest.ErrSyntax},
		{"two documents", "date: 2019-04-15\n---\ndate: 2019-04-16\n", "x_cases.yaml: a cases file holds exactly one YAML document", policytest.ErrSyntax},
		{"date", "date: 2019-04\n", `x_cases.yaml:1:7: date: "2019-04" is not a date (2019-04-15)`, policytest.ErrSyntax},
		{"no name", "cases:\n  - record: {从业年限: 3}\n", "x_cases.yaml:2:5: a case needs a name", policytest.ErrSyntax},
		{"no record", "cases:\n  - name: a\n    total: 3\n", "x_cases.yaml:2:5: a: a case needs a record, or an example to start from", policytest.ErrSyntax},
		{"set without example", "cases:\n  - name: a\n    set: {从业年限: 3}\n", "x_cases.yaml:2:5: a: set changes an example: name it with example, or write the whole record under record", policytest.ErrSyntax},
		{"duplicate case", "cases:\n  - name: a\n    record: {从业年限: 3}\n  - name: a\n    record: {从业年限: 4}\n", "x_cases.yaml:4:5: a: a case of this name is already defined", policytest.ErrDuplicate},
		{"duplicate column", "cases:\n  - name: a\n    record: {从业年限: 3, 出生日期: 1985-03, 出生年月: 1985-04}\n", "x_cases.yaml:3:38: a: 出生年月：表头重复，第 2 列已是 出生日期 (duplicate header)", roster.ErrHeader},
		{"negative count", "cases:\n  - name: a\n    record: {从业年限: -1}\n", "x_cases.yaml:3:20: a: 从业年限：不能为负数：-1 (negative number)", roster.ErrBadCell},
		{"group", "cases:\n  - name: a\n    record: {从业年限: 3}\n    group: G5\n", `x_cases.yaml:4:12: a: group: "G5" is not G1, G2, G3, G4, 非新的社会阶层人士 or 无法判定`, policytest.ErrSyntax},
		{"qualified", "cases:\n  - name: a\n    record: {从业年限: 3}\n    qualified: yes\n", `x_cases.yaml:4:16: a: qualified: "yes" is not true or false`, policytest.ErrSyntax},
		{"failed", "cases:\n  - name: a\n    record: {从业年限: 3}\n    failed: {Q1: x}\n", `x_cases.yaml:4:13: a: failed must be a list`, policytest.ErrSyntax},
		{"anchor", "examples:\n  a: &x {从业年限: 3}\n", `x_cases.yaml:2:6: anchors, aliases, tags, merge keys and complex keys are not used in a cases file`, policytest.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policytest.Parse("x_cases.yaml", []byte(tt.text))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.ErrorIs(t, err, tt.cause)
			var e *policytest.Error
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
  - name: 自带编号
    record: {登记号: NN-450103-00001, 所属县区: "450103", 姓名: 韦测试}
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
	policytest.CheckFS(t, roster.Nanning(), os.DirFS("testdata"), ".")

	_, err = policytest.LoadFS(os.DirFS("testdata"), "errors")
	assert.ErrorIs(t, err, policytest.ErrUnknownExample)

	rec := &recorder{}
	rec.run(func() { policytest.CheckFS(rec, roster.Nanning(), os.DirFS("testdata"), "errors") })
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
