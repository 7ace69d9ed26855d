package newstrata_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/jsonwire/jsontest"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evaluation reads an evaluation written as JSON: a result with its parts
// as given, which no evaluator needs to work out.
func evaluation(text string) *evaluate.Result {
	var r evaluate.Result
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		panic(err)
	}
	return &r
}

// qualification reads a qualification written as JSON: a result with its
// verdicts as given, which no conditions need to work out.
func qualification(text string) *qualify.Result {
	var r qualify.Result
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		panic(err)
	}
	return &r
}

// assessed is an Assessment as the stages give it, with numbers written
// as the JSON model writes them, so that it reads back equal.
func assessed() *newstrata.Assessment {
	return &newstrata.Assessment{
		Index: 3, Key: "NN-450103-00001", Unit: "450103", Status: newstrata.Candidate, Post: roster.Provincial,
		Classification: classify.Result{Outcome: classify.Classified, Primary: classify.G1, Secondary: []classify.Group{classify.G4},
			Rule: "G1.1", Reason: "受聘于民营企业。", Matched: []string{"G1.1", "G4.1"}},
		Qualification: qualification(`{"key":"NN-450103-00001","policy":"nanning-2019","fingerprint":"ab12","as_of":"2019-04-15","qualified":true,` +
			`"conditions":[{"id":"Q1","name":"群体","kind":{"code":"hard","label":"刚性条件"},"outcome":{"code":"met","label":"符合"},"reason":null,"waiver":null}]}`),
		Evaluation: evaluation(`{"key":"NN-450103-00001","policy":"nanning-2019","fingerprint":"ab12","as_of":"2019-04-15",` +
			`"dimensions":[{"id":"P","name":"政治素质","points":"25.00","score":"25.00","indicators":[{"id":"P1","name":"政治立场",` +
			`"points":"15.00","raw":"15.00","score":"15.00","lost":"0.00","read":[{"field":"PoliticalRating","value":"优秀"}]}]}],` +
			`"subtotal":"81.50","bonuses":[],"bonus":"0.00","total":"81.50","vetoes":[],"grade":{"code":"B","label":"B级"},"removed":false,` +
			`"gap":{"next":{"code":"A","label":"A级"},"points":"8.50","levers":[]}}`),
		Undeclared: []string{"rural"},
	}
}

func TestAssessmentJSON(t *testing.T) {
	city := assessed()
	city.Undeclared = nil
	withCity := assessed()
	withCity.City = city
	tests := []struct {
		name string
		in   *newstrata.Assessment
	}{
		{"assessed", assessed()},
		{"with the city's assessment", withCity},
		{"unqualified, without a post", &newstrata.Assessment{Key: "NN-2", Unit: "450107", Status: newstrata.Unqualified,
			Classification: classify.Result{Outcome: classify.NotNewStrata, Rule: "N1", Reason: "党政机关。", Matched: []string{"N1"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { jsontest.RoundTrip(t, tt.in) })
	}
}

func TestStatusJSON(t *testing.T) {
	tests := []struct {
		in   newstrata.Status
		want string
	}{
		{newstrata.Candidate, `{"code":"candidate","label":"入库候选"}`},
		{newstrata.Removed, `{"code":"removed","label":"剔除"}`},
		{newstrata.Unqualified, `{"code":"unqualified","label":"不符合资格条件"}`},
		{0, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, jsontest.RoundTrip(t, tt.in))
		})
	}
	_, err := json.Marshal(newstrata.Status(9))
	assert.EqualError(t, err, "json: error calling MarshalJSON for type newstrata.Status: 未知状态 (unknown status): Status(9)")
	var s newstrata.Status
	require.NoError(t, json.Unmarshal([]byte(`{"code":"","label":"入库候选"}`), &s))
	assert.Equal(t, newstrata.Candidate, s, "the label stands for an empty code")
}

func TestBatchJSON(t *testing.T) {
	b := &newstrata.Batch{
		Assessments: []*newstrata.Assessment{assessed()},
		Rejected: []newstrata.Rejection{{Index: 4, Key: "NN-450103-00002", Err: &newstrata.ErrorJSON{
			Code: "invalid_record", Record: "NN-450103-00002", Field: "Education", Label: "学历",
			MessageZH: "记录 NN-450103-00002：学历为必填字段", MessageEN: "education is a required field",
			Message:  "记录 NN-450103-00002：学历为必填字段 (education is a required field)",
			Problems: []roster.Problem{{Field: "Education", Label: "学历", Tag: "required", Message: "学历为必填字段", MessageEN: "education is a required field"}},
		}}},
		UnmatchedWaivers: []string{"NN-450103-00009"},
		Undeclared:       []newstrata.UndeclaredInput{{Input: "rural", Records: 1, First: "NN-450103-00001"}},
	}
	jsontest.RoundTrip(t, b)
	t.Run("rejection without a key", func(t *testing.T) {
		got := jsontest.RoundTrip(t, newstrata.Rejection{Index: 2, Err: &newstrata.ErrorJSON{Code: "nil_record", Message: "记录为空 (nil record)"}})
		assert.Equal(t, `{"index":2,"key":null,"error":{"code":"nil_record","record":null,"field":null,"label":null,"policy":null,"rule":null,`+
			`"file":null,"line":null,"column":null,"message_zh":null,"message_en":null,"message":"记录为空 (nil record)","problems":[]}}`, got)
	})
	t.Run("error with every name", func(t *testing.T) {
		jsontest.RoundTrip(t, &newstrata.ErrorJSON{
			Code: "formula_failed", Record: "NN-6", Field: "Donations", Label: "公益捐赠（万元）", Policy: "qingxiu-2019", Rule: "C1",
			File: "qingxiu-2019.yaml", Line: 12, Column: 18, MessageZH: "公式计算出错", MessageEN: "division by zero",
			Message: "记录 NN-6：qingxiu-2019.yaml:12:18: 政策 qingxiu-2019：规则 C1：公式计算出错 (rule C1: division by zero)",
		})
	})
	t.Run("undeclared input, first record not printed", func(t *testing.T) {
		assert.Equal(t, `{"input":"rural","records":2,"first":null}`, jsontest.RoundTrip(t, newstrata.UndeclaredInput{Input: "rural", Records: 2}))
	})
}

// Every list is written [], never null; every name is written.
func TestJSONEmptyLists(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"batch", newstrata.Batch{}, `{"assessments":[],"rejected":[],"unmatched_waivers":[],"undeclared":[]}`},
		{"assessment", newstrata.Assessment{}, `{"index":0,"key":"","unit":"","status":null,"post":null,` +
			`"classification":{"outcome":{"code":"undetermined","label":"无法判定"},"primary":null,"secondary":[],"subkind":null,"rule":null,"reason":null,"matched":[]},` +
			`"qualification":null,"evaluation":null,"undeclared":[],"city":null}`},
		{"stages", struct {
			Q qualify.Result
			E evaluate.Result
		}{}, `{"Q":{"key":"","policy":"","fingerprint":"","as_of":null,"qualified":false,"conditions":[]},` +
			`"E":{"key":"","policy":"","fingerprint":"","as_of":null,"dimensions":[],"subtotal":"0.00","bonuses":[],"bonus":"0.00","total":"0.00","vetoes":[],"grade":null,"removed":false,"gap":null}}`},
		{"error", newstrata.ErrorJSON{Code: "error", Message: "boom"}, `{"code":"error","record":null,"field":null,"label":null,"policy":null,"rule":null,` +
			`"file":null,"line":null,"column":null,"message_zh":null,"message_en":null,"message":"boom","problems":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))
			assert.NotContains(t, string(b), ":[null", "no null in a list")
		})
	}
}

func TestBatchUnmarshalJSONRefused(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"unknown name", `{"assessments":[],"rejections":[]}`, `评价批次 JSON 无法读取 (batch JSON unreadable): json: unknown field "rejections"`},
		{"null assessment", `{"assessments":[null]}`, `评价批次 JSON 无法读取 (batch JSON unreadable): assessments[0]: 评价结果为 null (an assessment is null)`},
		{"unknown status", `{"assessments":[{"status":{"code":"kept","label":""}}]}`, `评价批次 JSON 无法读取 (batch JSON unreadable): assessments[0]: "kept" 不是状态 (not a status)`},
		{"unknown post", `{"assessments":[{"post":{"code":"9","label":""}}]}`, `评价批次 JSON 无法读取 (batch JSON unreadable): assessments[0]: unknown code: not a code or label of 级别`},
		{"city's unknown status", `{"assessments":[{"city":{"status":{"code":"x","label":""}}}]}`, `评价批次 JSON 无法读取 (batch JSON unreadable): assessments[0]: city: "x" 不是状态 (not a status)`},
		{"error's unknown name", `{"rejected":[{"index":0,"key":null,"error":{"code":"error","msg":"x"}}]}`, `评价批次 JSON 无法读取 (batch JSON unreadable): json: unknown field "msg"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got newstrata.Batch
			err := json.Unmarshal([]byte(tt.in), &got)
			require.Error(t, err)
			assert.Equal(t, tt.err, err.Error())
		})
	}
}

// errorsOfABatch gives the errors a batch and the roster reader give, by
// name: each made by the call that makes it in use.
func errorsOfABatch(t *testing.T) map[string]error {
	t.Helper()
	out := map[string]error{}
	v, err := roster.NewValidator(roster.Nanning())
	require.NoError(t, err)
	out["one problem"] = v.Validate(person("NN-450103-00001", func(r *roster.Record) { r.Education = 0 }), asOf)
	out["two problems"] = v.Validate(person("NN-450103-00002", func(r *roster.Record) { r.Education, r.Sex = 0, 0 }), asOf)
	dup := roster.DuplicateIDs([]*roster.Record{person("NN-1"), person("NN-2")})
	require.Len(t, dup, 1)
	out["duplicate ID"] = dup[0]

	a, _, next := qingxiu(t)
	b, err := a.AssessAll(context.Background(), []*roster.Record{person("NN-1"), person("NN-1", func(r *roster.Record) { r.CitizenID = "" })}, asOf, nil)
	require.NoError(t, err)
	require.Len(t, b.Rejected, 1)
	out["duplicate key"] = b.Rejected[0].Err
	_, out["bad input"] = a.AssessUnder(next, person("NN-3", func(r *roster.Record) { r.Extra = map[string]any{"rural": "很多"} }), asOf)
	_, out["bad waiver"] = a.Assess(person("NN-4"), asOf, qualify.Waiver{Condition: "Q3", Reason: "表现突出", ApprovedBy: "市委统战部", Date: asOf})

	csv := "登记编号,所属单位,姓名,民族\nNN-5,450103,张测试,火星族\n"
	rb, err := roster.NewReader(strings.NewReader(csv)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rb.Errors, 1)
	out["unreadable cell"] = rb.Errors[0]

	out["formula failed"] = &evaluate.Error{Key: "NN-6", Rule: "C1", Err: &formula.Error{
		Position: formula.Position{File: "qingxiu-2019.yaml", Line: 12, Column: 18}, Policy: "qingxiu-2019", Rule: "C1", Record: "NN-6",
		MessageZH: "公式计算出错", Message: "division by zero", Snippet: "\n | Donations / 0\n | ..........^", Err: formula.ErrRuntime,
	}}
	out["no list"] = fmt.Errorf("%w：五象新区（450199）不在市级政策 nanning-2019 的名单规则（lists）中", newstrata.ErrNoList)
	out["cancelled"] = context.Canceled
	out["other"] = errors.New("磁盘已满 (disk full)")
	return out
}

func TestNewErrorJSON(t *testing.T) {
	errs := errorsOfABatch(t)
	tests := []struct {
		name  string
		want  newstrata.ErrorJSON
		cause error
	}{
		{"one problem", newstrata.ErrorJSON{
			Code: "invalid_record", Record: "NN-450103-00001", Field: "Education", Label: "学历",
			MessageZH: "记录 NN-450103-00001：学历为必填字段", MessageEN: "education is a required field",
			Message:  "记录 NN-450103-00001：学历为必填字段 (education is a required field)",
			Problems: []roster.Problem{{Field: "Education", Label: "学历", Tag: "required", Message: "学历为必填字段", MessageEN: "education is a required field"}},
		}, roster.ErrInvalidRecord},
		{"two problems", newstrata.ErrorJSON{
			Code: "invalid_record", Record: "NN-450103-00002",
			MessageZH: "记录 NN-450103-00002：性别为必填字段\n记录 NN-450103-00002：学历为必填字段", MessageEN: "sex is a required field\neducation is a required field",
			Message: "记录 NN-450103-00002：性别为必填字段 (sex is a required field)\n记录 NN-450103-00002：学历为必填字段 (education is a required field)",
			Problems: []roster.Problem{
				{Field: "Sex", Label: "性别", Tag: "required", Message: "性别为必填字段", MessageEN: "sex is a required field"},
				{Field: "Education", Label: "学历", Tag: "required", Message: "学历为必填字段", MessageEN: "education is a required field"},
			},
		}, roster.ErrInvalidRecord},
		{"duplicate ID", newstrata.ErrorJSON{
			Code: "duplicate_id", Record: "NN-2", Field: "CitizenID", Label: "公民身份号码",
			MessageZH: "第 2 条记录（登记编号 NN-2）与第 1 条记录（登记编号 NN-1）的公民身份号码相同",
			MessageEN: "record 2 (NN-2) has the citizen ID of record 1 (NN-1)",
			Message:   "第 2 条记录（登记编号 NN-2）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 2 (NN-2) has the citizen ID of record 1 (NN-1))",
		}, roster.ErrDuplicateID},
		{"duplicate key", newstrata.ErrorJSON{
			Code: "duplicate_key", Field: "Key", Label: "登记编号",
			MessageZH: "登记编号重复：记录 NN-1 与第 1 条记录相同", MessageEN: "duplicate registration number: same as record 1",
			Message: "登记编号重复 (duplicate registration number)：记录 NN-1 与第 1 条记录相同 (same as record 1)",
		}, newstrata.ErrDuplicateKey},
		{"bad input", newstrata.ErrorJSON{
			Code: "invalid_input", Record: "NN-3", Field: `Extra["rural"]`, Label: "乡村振兴捐助（万元）",
			MessageZH: "记录 NN-3：输入项 rural（乡村振兴捐助（万元））有误：应为数字", MessageEN: "should be a decimal number",
			Message: "记录 NN-3：输入项 rural（乡村振兴捐助（万元））有误：应为数字 (should be a decimal number)",
		}, policy.ErrInput},
		{"bad waiver", newstrata.ErrorJSON{
			Code: "invalid_waiver", Record: "NN-4", Rule: "Q3",
			MessageZH: "记录 NN-4：资格条件 Q3：invalid waiver: 只有可放宽条件可以放宽", MessageEN: "only soft conditions can be waived",
			Message: "记录 NN-4：资格条件 Q3：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)",
		}, qualify.ErrWaiver},
		{"unreadable cell", newstrata.ErrorJSON{
			Code: "unknown_code", Record: "NN-5", Field: "Ethnicity", Label: "民族", Line: 2, Column: 4,
			MessageZH: "第 2 行第 4 列（民族），登记编号 NN-5：未知代码", MessageEN: "line 2, column 4: unknown code",
			Message: "第 2 行第 4 列（民族），登记编号 NN-5：未知代码 (line 2, column 4: unknown code)",
		}, roster.ErrUnknownCode},
		{"formula failed", newstrata.ErrorJSON{
			Code: "formula_failed", Record: "NN-6", Policy: "qingxiu-2019", Rule: "C1", File: "qingxiu-2019.yaml", Line: 12, Column: 18,
			MessageZH: "公式计算出错", MessageEN: "division by zero",
			Message: "记录 NN-6：C1 计算失败 (evaluation failed): 记录 NN-6：qingxiu-2019.yaml:12:18: 政策 qingxiu-2019：规则 C1：公式计算出错 (rule C1: division by zero)\n | Donations / 0\n | ..........^",
		}, formula.ErrRuntime},
		{"no list", newstrata.ErrorJSON{
			Code: "no_list", MessageZH: "单位没有名单：五象新区（450199）不在市级政策 nanning-2019 的名单规则（lists）中", MessageEN: "the unit has no list",
			Message: "单位没有名单 (the unit has no list)：五象新区（450199）不在市级政策 nanning-2019 的名单规则（lists）中",
		}, newstrata.ErrNoList},
		{"cancelled", newstrata.ErrorJSON{Code: "canceled", MessageEN: "context canceled", Message: "context canceled"}, context.Canceled},
		{"other", newstrata.ErrorJSON{Code: "error", MessageZH: "磁盘已满", MessageEN: "disk full", Message: "磁盘已满 (disk full)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := errs[tt.name]
			require.Error(t, err)
			got := newstrata.NewErrorJSON(err)
			assert.Equal(t, tt.want, *got)
			// Read back from JSON, it prints the same and matches the same cause.
			b, jerr := json.Marshal(got)
			require.NoError(t, jerr)
			var back newstrata.ErrorJSON
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, err.Error(), back.Error())
			if tt.cause != nil {
				assert.ErrorIs(t, &back, tt.cause)
			}
			assert.NotErrorIs(t, &back, newstrata.ErrNotReady)
		})
	}
	assert.Nil(t, newstrata.NewErrorJSON(nil))
	e := &newstrata.ErrorJSON{Code: "duplicate_key", Message: "x", Problems: []roster.Problem{{Field: "Key"}}}
	c := newstrata.NewErrorJSON(fmt.Errorf("wrapped: %w", e))
	assert.Equal(t, e, c, "an ErrorJSON is taken as it is")
	c.Problems[0].Field = "Unit"
	assert.Equal(t, "Key", e.Problems[0].Field, "as a copy")
}

// writeJSON writes v as the command writes it: indented, <, > and & kept.
func writeJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(v))
	return b.String()
}

// readRoster reads a roster of testdata whole, the rows it could not read
// aside.
func readRoster(t *testing.T, name string) []*roster.Record {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	require.NoError(t, err)
	return batch.Records
}

// TestJSONGolden pins the JSON model on the sample roster assessed under
// the baseline on the notice's reporting date, and on the records of
// roster_bad.csv that the reader could read, every one rejected with a
// structured error. results.json keeps, of the 2,000 records assessed,
// the first of each status, group (or outcome) and grade: 30 of them,
// every part of the model among them (vetoes, bonuses, secondary groups,
// sub-kinds, posts, no gap). The whole batch is read back and must write
// the same bytes. Run go test -run TestJSONGolden -update to rewrite the
// files after a change that is meant, and read the diff.
func TestJSONGolden(t *testing.T) {
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	tests := []struct {
		file, roster string
		keep         func(*newstrata.Batch) *newstrata.Batch
	}{
		{"results.json", "roster.csv", firstOfEachKind},
		{"rejected.json", "roster_bad.csv", func(b *newstrata.Batch) *newstrata.Batch { return b }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := a.AssessAll(context.Background(), readRoster(t, tt.roster), asOf, nil)
			require.NoError(t, err)

			whole, err := json.Marshal(b)
			require.NoError(t, err)
			var back newstrata.Batch
			require.NoError(t, json.Unmarshal(whole, &back))
			again, err := json.Marshal(&back)
			require.NoError(t, err)
			require.True(t, bytes.Equal(whole, again), "the batch read back writes the same bytes")
			for i, rj := range back.Rejected {
				assert.Equal(t, b.Rejected[i].Err.Error(), rj.Err.Error(), "a rejection read back prints its message")
			}

			got := writeJSON(t, tt.keep(b))
			path := filepath.Join("testdata", "golden", tt.file)
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestJSONGolden -update to create it")
			if d := lineDiff(string(want), got); d != "" {
				t.Errorf("%s differs (-want +got); if the change is meant, run go test -run TestJSONGolden -update:\n%s", path, d)
			}
		})
	}
}

// firstOfEachKind keeps, of b's assessments, the first of each status,
// group (or outcome) and grade, in batch order, and the rest of b.
func firstOfEachKind(b *newstrata.Batch) *newstrata.Batch {
	out := *b
	out.Assessments = nil
	seen := map[string]bool{}
	for _, as := range b.Assessments {
		kind := fmt.Sprint(as.Status, groupOf(as.Classification), as.Evaluation.Grade)
		if !seen[kind] {
			seen[kind] = true
			out.Assessments = append(out.Assessments, as)
		}
	}
	return &out
}
