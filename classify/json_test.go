package classify_test

import (
	"encoding/json"
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/internal/jsonwire/jsontest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResultJSON(t *testing.T) {
	tests := []struct {
		name string
		in   classify.Result
		want string
	}{
		{
			name: "a freelancer with a secondary group",
			in: classify.Result{
				Outcome: classify.Classified, Primary: classify.G3, Secondary: []classify.Group{classify.G4},
				Subkind: classify.Writing, Rule: "G3.1", Reason: "自由写作人员。", Matched: []string{"G3.1", "G4.2"},
			},
			want: `{"outcome":{"code":"classified","label":"新的社会阶层人士"},` +
				`"primary":{"code":"G3","label":"自由职业人员"},"secondary":[{"code":"G4","label":"新媒体从业人员"}],` +
				`"subkind":{"code":"1","label":"自由写作人员"},"rule":"G3.1","reason":"自由写作人员。","matched":["G3.1","G4.2"]}`,
		},
		{
			name: "not new strata",
			in:   classify.Result{Outcome: classify.NotNewStrata, Rule: "N1", Reason: "在党政机关工作。", Matched: []string{"N1"}},
			want: `{"outcome":{"code":"not_new_strata","label":"非新的社会阶层人士"},"primary":null,"secondary":[],` +
				`"subkind":null,"rule":"N1","reason":"在党政机关工作。","matched":["N1"]}`,
		},
		{
			name: "the zero result: undetermined, lists [] and texts null",
			want: `{"outcome":{"code":"undetermined","label":"无法判定"},"primary":null,"secondary":[],` +
				`"subkind":null,"rule":null,"reason":null,"matched":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.JSONEq(t, tt.want, jsontest.RoundTrip(t, tt.in))
			assert.Equal(t, tt.want, jsontest.RoundTrip(t, &tt.in), "a pointer writes the same")
		})
	}
}

func TestOutcomeJSON(t *testing.T) {
	for _, o := range []classify.Outcome{classify.Undetermined, classify.Classified, classify.NotNewStrata} {
		t.Run(o.String(), func(t *testing.T) { jsontest.RoundTrip(t, o) })
	}
	_, err := json.Marshal(classify.Outcome(9))
	assert.ErrorIs(t, err, classify.ErrUnknownCode)
}

// A Result reads a group or sub-kind by its label when the code is empty,
// and refuses what it does not know.
func TestResultUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     classify.Result
		err      string
	}{
		{
			name: "labels",
			in:   `{"outcome":{"code":"","label":"新的社会阶层人士"},"primary":{"code":"","label":"自由职业人员"},"secondary":[],"subkind":{"code":"","label":"自由演艺人员"},"rule":"G3.3","reason":null,"matched":["G3.3"]}`,
			want: classify.Result{Outcome: classify.Classified, Primary: classify.G3, Subkind: classify.Performance, Rule: "G3.3", Matched: []string{"G3.3"}},
		},
		{
			name: "unknown group",
			in:   `{"outcome":{"code":"classified","label":""},"primary":{"code":"G9","label":""},"secondary":[],"subkind":null,"rule":null,"reason":null,"matched":[]}`,
			err:  `分类结果 JSON 无法读取 (classification JSON unreadable): unknown code: "G9" is not a group`,
		},
		{
			name: "unknown outcome",
			in:   `{"outcome":{"code":"maybe","label":""}}`,
			err:  `分类结果 JSON 无法读取 (classification JSON unreadable): unknown code: "maybe" is not an outcome`,
		},
		{
			name: "unknown name",
			in:   `{"outcome":null,"group":"G1"}`,
			err:  `分类结果 JSON 无法读取 (classification JSON unreadable): json: unknown field "group"`,
		},
		{
			name: "null secondary group",
			in:   `{"secondary":[null]}`,
			err:  `分类结果 JSON 无法读取 (classification JSON unreadable): unknown code: "" is not a group`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got classify.Result
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.err != "" {
				require.Error(t, err)
				assert.Equal(t, tt.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// Group and Subkind on their own keep their text: policy documents hold
// them, and a policy's fingerprint is taken over its JSON.
func TestClosedSetsKeepTheirText(t *testing.T) {
	b, err := json.Marshal(struct {
		G classify.Group
		S classify.Subkind
	}{classify.G1, classify.Writing})
	require.NoError(t, err)
	assert.Equal(t, `{"G":"G1","S":"自由写作人员"}`, string(b))
}
