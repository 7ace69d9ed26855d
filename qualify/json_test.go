package qualify_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/internal/jsonwire/jsontest"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A result read back from JSON carries its verdicts as written (it has no
// conditions to work them out from) and writes the same bytes.
func TestResultJSON(t *testing.T) {
	waiver := &qualify.Waiver{Condition: "Q4", Reason: "业绩突出", ApprovedBy: "市委统战部", Date: roster.NewDate(2019, 4, 1)}
	tests := []struct {
		name     string
		in       string
		verdicts []qualify.Verdict
	}{
		{
			name: "met, failed and waived",
			in: `{"key":"NN-1","policy":"nanning-2019","fingerprint":"ab12","as_of":"2019-04-15","qualified":false,"conditions":[` +
				`{"id":"Q1","name":"群体","kind":{"code":"hard","label":"刚性条件"},"outcome":{"code":"met","label":"符合"},"reason":null,"waiver":null},` +
				`{"id":"Q3","name":"党外人士","kind":{"code":"hard","label":"刚性条件"},"outcome":{"code":"failed","label":"不符合"},"reason":"中共党员不属于党外代表人士","waiver":null},` +
				`{"id":"Q4","name":"年龄","kind":{"code":"soft","label":"可放宽条件"},"outcome":{"code":"waived","label":"放宽"},"reason":"业绩突出",` +
				`"waiver":{"condition":"Q4","reason":"业绩突出","approved_by":"市委统战部","date":"2019-04-01"}}]}`,
			verdicts: []qualify.Verdict{
				{ID: "Q1", Name: "群体", Kind: qualify.Hard, Outcome: qualify.Met},
				{ID: "Q3", Name: "党外人士", Kind: qualify.Hard, Outcome: qualify.Failed, Reason: "中共党员不属于党外代表人士"},
				{ID: "Q4", Name: "年龄", Kind: qualify.Soft, Outcome: qualify.Waived, Reason: "业绩突出", Waiver: waiver},
			},
		},
		{
			name: "the zero result: no date, no condition",
			in:   `{"key":"","policy":"","fingerprint":"","as_of":null,"qualified":false,"conditions":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in qualify.Result
			require.NoError(t, json.Unmarshal([]byte(tt.in), &in))
			assert.Equal(t, tt.verdicts, in.Verdicts())
			assert.Equal(t, tt.in, jsontest.RoundTrip(t, in))
			assert.Equal(t, tt.in, jsontest.RoundTrip(t, &in), "a pointer writes the same")
		})
	}
	var zero qualify.Result
	assert.Equal(t, tests[1].in, jsontest.RoundTrip(t, zero), "the zero result reads back as the zero result")

	t.Run("verdicts are a copy", func(t *testing.T) {
		var in qualify.Result
		require.NoError(t, json.Unmarshal([]byte(tests[0].in), &in))
		vs := in.Verdicts()
		vs[0].Name = "changed"
		vs[2].Waiver.Reason = "changed"
		assert.Equal(t, tests[0].verdicts, in.Verdicts())
		fs := in.Failures()
		fs[0].Reason = "changed"
		assert.Equal(t, []qualify.Verdict{tests[0].verdicts[1]}, in.Failures())
	})
}

// A result Check made writes the verdicts it works out on demand, and
// reads back as a result that gives them, explains itself and writes
// itself as before.
func TestCheckedResultJSON(t *testing.T) {
	r := candidate()
	r.Key = "NN-1"
	r.BirthDate, r.FieldYears = roster.NewDate(1950, 1, 1), 1 // Q4 waived, Q6 failed
	res := check(t, r, "G1", qualify.Waiver{Condition: "Q4", Reason: " 业绩突出 ", ApprovedBy: "市委统战部", Date: roster.NewDate(2019, 4, 1)})
	b, err := json.Marshal(res)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"qualified":false,"conditions":[{"id":"Q1","name":`)
	assert.Contains(t, string(b), `"outcome":{"code":"waived","label":"放宽"},"reason":"业绩突出",`+
		`"waiver":{"condition":"Q4","reason":"业绩突出","approved_by":"市委统战部","date":"2019-04-01"}}`)
	assert.Contains(t, string(b), `"outcome":{"code":"failed","label":"不符合"},"reason":"从业年限不足3年","waiver":null}`)

	var back qualify.Result
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, res.Verdicts(), back.Verdicts())
	assert.Equal(t, res.Failures(), back.Failures())
	assert.Equal(t, string(b), jsontest.RoundTrip(t, back))
	var want, got strings.Builder
	require.NoError(t, res.Explain(&want))
	require.NoError(t, back.Explain(&got))
	assert.Equal(t, want.String(), got.String(), "read back, a result explains itself as before")
}

// Each part of a result round-trips on its own.
func TestPartsJSON(t *testing.T) {
	t.Run("verdict", func(t *testing.T) {
		jsontest.RoundTrip(t, qualify.Verdict{ID: "Q5", Name: "学历", Kind: qualify.Soft, Outcome: qualify.Failed, Reason: "学历不足"})
	})
	t.Run("waiver", func(t *testing.T) {
		jsontest.RoundTrip(t, qualify.Waiver{Condition: "Q5", Reason: "技能突出", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 3, 2)})
	})
	t.Run("zero waiver", func(t *testing.T) {
		assert.Equal(t, `{"condition":"","reason":"","approved_by":"","date":null}`, jsontest.RoundTrip(t, qualify.Waiver{}))
	})
	for _, o := range []qualify.Outcome{0, qualify.Met, qualify.Failed, qualify.Waived} {
		t.Run("outcome "+o.String(), func(t *testing.T) { jsontest.RoundTrip(t, o) })
	}
}

func TestJSONRefused(t *testing.T) {
	tests := []struct {
		name string
		in   any
		err  string
	}{
		{"outcome out of range", qualify.Outcome(7), "json: error calling MarshalJSON for type qualify.Outcome: unknown code: Outcome(7) is not an outcome"},
		{"kind not hard or soft", qualify.Verdict{ID: "Q1", Kind: "firm"}, `json: error calling MarshalJSON for type qualify.Verdict: unknown code: "firm" is not a kind of condition`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := json.Marshal(tt.in)
			require.Error(t, err)
			assert.Equal(t, tt.err, err.Error())
		})
	}
}

func TestResultUnmarshalJSONRefused(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"date in another spelling", `{"as_of":"2019/4/15"}`, `资格审查结果 JSON 无法读取 (qualification JSON unreadable): bad date: "2019/4/15" 不是 2006-01-02 格式的日期 (not a date written 2006-01-02)`},
		{"unknown kind", `{"conditions":[{"id":"Q1","kind":{"code":"firm","label":""}}]}`, `资格审查结果 JSON 无法读取 (qualification JSON unreadable): conditions[0]: unknown code: "firm" is not a kind of condition`},
		{"unknown outcome", `{"conditions":[{"id":"Q1","outcome":{"code":"passed","label":""}}]}`, `资格审查结果 JSON 无法读取 (qualification JSON unreadable): conditions[0]: unknown code: "passed" is not an outcome`},
		{"bad waiver date", `{"conditions":[{"id":"Q4","waiver":{"condition":"Q4","reason":"r","approved_by":"u","date":"2019-4-1"}}]}`, `资格审查结果 JSON 无法读取 (qualification JSON unreadable): conditions[0]: waiver: bad date: "2019-4-1" 不是 2006-01-02 格式的日期 (not a date written 2006-01-02)`},
		{"unknown name", `{"key":"NN-1","qualifed":true}`, `资格审查结果 JSON 无法读取 (qualification JSON unreadable): json: unknown field "qualifed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got qualify.Result
			err := json.Unmarshal([]byte(tt.in), &got)
			require.Error(t, err)
			assert.Equal(t, tt.err, err.Error())
		})
	}
}
