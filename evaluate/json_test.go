package evaluate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/internal/jsonwire/jsontest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// d is a decimal as the JSON model writes it: read back, it is the same
// value with the same places.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A result read back from JSON carries its parts as written (it has no
// evaluator or facts to work them out from) and writes the same bytes.
func TestResultJSON(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"graded B, with a bonus and a gap",
			`{"key":"NN-1","policy":"nanning-2019","fingerprint":"ab12","as_of":"2019-04-15",` +
				`"dimensions":[{"id":"A","name":"专业成就","points":"25.00","score":"17.50","indicators":[` +
				`{"id":"A2","name":"从业经历","points":"10.00","raw":"7.125","score":"7.13","lost":"2.87","read":[{"field":"FieldYears","value":"7"}]}]}],` +
				`"subtotal":"79.50","bonuses":[{"id":"B1","name":"表彰","points":"2.00"}],"bonus":"2.00","total":"81.50",` +
				`"vetoes":[],"grade":{"code":"B","label":"B级"},"removed":false,` +
				`"gap":{"next":{"code":"A","label":"A级"},"points":"3.50","levers":[{"id":"A2","name":"从业经历","available":"2.87","closes":false}]}}`},
		{"vetoed: grade D, removed, no gap",
			`{"key":"NN-2","policy":"nanning-2019","fingerprint":"","as_of":"2019-04-15","dimensions":[],` +
				`"subtotal":"90.00","bonuses":[],"bonus":"0.00","total":"90.00","vetoes":[{"id":"V1","name":"违法失信"}],` +
				`"grade":{"code":"D","label":"D级"},"removed":true,"gap":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in evaluate.Result
			require.NoError(t, json.Unmarshal([]byte(tt.want), &in))
			assert.Equal(t, tt.want, jsontest.RoundTrip(t, in))
			assert.Equal(t, tt.want, jsontest.RoundTrip(t, &in), "a pointer writes the same")
		})
	}
	var vetoed evaluate.Result
	require.NoError(t, json.Unmarshal([]byte(tests[1].want), &vetoed))
	assert.True(t, vetoed.Vetoed)
	assert.Equal(t, "90", vetoed.Subtotal().String())
}

// A result Evaluate made writes the parts it works out on demand.
func TestEvaluatedResultJSON(t *testing.T) {
	res := score(t, full)
	b, err := json.Marshal(res)
	require.NoError(t, err)
	var back evaluate.Result
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	assert.Equal(t, res.Dimensions()[0].Indicators[0].Read, back.Dimensions()[0].Indicators[0].Read)
	var want, got strings.Builder
	require.NoError(t, res.Explain(&want))
	require.NoError(t, back.Explain(&got))
	assert.Equal(t, want.String(), got.String(), "read back, a result explains itself as before")
}

// Each part of a result round-trips on its own.
func TestPartsJSON(t *testing.T) {
	t.Run("dimension without indicators", func(t *testing.T) {
		assert.Equal(t, `{"id":"P","name":"政治素质","points":"25.00","score":"0.00","indicators":[]}`,
			jsontest.RoundTrip(t, evaluate.DimensionScore{ID: "P", Name: "政治素质", Points: d("25.00"), Score: d("0.00")}))
	})
	t.Run("indicator that read nothing", func(t *testing.T) {
		assert.Equal(t, `{"id":"S1","name":"社会服务","points":"8.00","raw":"0.00","score":"0.00","lost":"8.00","read":[]}`,
			jsontest.RoundTrip(t, evaluate.IndicatorScore{ID: "S1", Name: "社会服务", Points: d("8.00"), Raw: d("0.00"), Score: d("0.00"), Lost: d("8.00")}))
	})
	t.Run("bonus", func(t *testing.T) {
		jsontest.RoundTrip(t, evaluate.BonusScore{ID: "B1", Name: "表彰", Points: d("1.50")})
	})
	t.Run("veto", func(t *testing.T) { jsontest.RoundTrip(t, evaluate.VetoHeld{ID: "V1", Name: "违法失信"}) })
	t.Run("lever", func(t *testing.T) {
		jsontest.RoundTrip(t, evaluate.Lever{ID: "C1", Name: "社会贡献", Available: d("4.25"), Closes: true})
	})
	t.Run("gap without levers", func(t *testing.T) {
		assert.Equal(t, `{"next":{"code":"C","label":"C级"},"points":"0.01","levers":[]}`,
			jsontest.RoundTrip(t, evaluate.Gap{Next: evaluate.GradeC, Points: d("0.01")}))
	})
}

// Numbers are exact, with at least two places and no zero beyond them:
// the text depends on the value, not on how it was computed.
func TestNumbersJSON(t *testing.T) {
	tests := []struct {
		in   decimal.Decimal
		want string
	}{
		{decimal.Decimal{}, "0.00"},
		{decimal.New(0, -12), "0.00"},
		{decimal.New(3, 0), "3.00"},
		{decimal.New(855, -1), "85.50"},
		{decimal.New(85500, -3), "85.50"},
		{decimal.New(1125, -3), "1.125"},
		{decimal.New(1, 2), "100.00"},
		{d("-0.5"), "-0.50"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			b, err := json.Marshal(evaluate.BonusScore{Points: tt.in})
			require.NoError(t, err)
			assert.Equal(t, `{"id":"","name":"","points":"`+tt.want+`"}`, string(b))
			var back evaluate.BonusScore
			require.NoError(t, json.Unmarshal(b, &back))
			assert.True(t, tt.in.Equal(back.Points), "%s reads back as %s", tt.in, back.Points)
		})
	}
}

func TestResultUnmarshalJSONRefused(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"a number not written as a string", `{"total":85.5}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): json: cannot unmarshal number into Go struct field jsonResult.total of type string`},
		{"an exponent", `{"subtotal":"0.00","bonus":"0.00","total":"8.55e1"}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): total: 不是数字，应写作字符串 "85.50" (not a number written as a string such as "85.50"): "8.55e1"`},
		{"an empty number", `{"subtotal":"","bonus":"0.00","total":"0.00"}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): subtotal: 不是数字，应写作字符串 "85.50" (not a number written as a string such as "85.50"): ""`},
		{"unknown grade", `{"subtotal":"0.00","bonus":"0.00","total":"0.00","grade":{"code":"E","label":""}}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): unknown grade: 等次应为 A、B、C 或 D (a grade is A, B, C or D)`},
		{"bad dimension score", `{"subtotal":"0.00","bonus":"0.00","total":"0.00","dimensions":[{"id":"P","points":"25.00","score":"x","indicators":[]}]}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): dimensions[0]: score: 不是数字，应写作字符串 "85.50" (not a number written as a string such as "85.50"): "x"`},
		{"bad indicator score", `{"subtotal":"0.00","bonus":"0.00","total":"0.00","dimensions":[{"points":"25.00","score":"0.00","indicators":[{"points":"1.00","raw":"1.00","score":"1.00","lost":"-"}]}]}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): dimensions[0]: indicators[0]: lost: 不是数字，应写作字符串 "85.50" (not a number written as a string such as "85.50"): "-"`},
		{"bad gap", `{"subtotal":"0.00","bonus":"0.00","total":"0.00","gap":{"next":{"code":"Z","label":""},"points":"1.00","levers":[]}}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): gap: unknown grade: 等次应为 A、B、C 或 D (a grade is A, B, C or D)`},
		{"unknown name inside", `{"dimensions":[{"id":"P","weight":"1"}]}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): json: unknown field "weight"`},
		{"unknown name", `{"key":"NN-1","score":"85.50"}`, `综合评价结果 JSON 无法读取 (evaluation JSON unreadable): json: unknown field "score"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got evaluate.Result
			err := json.Unmarshal([]byte(tt.in), &got)
			require.Error(t, err)
			assert.Equal(t, tt.err, err.Error())
		})
	}
}

// Grade on its own keeps its text: policy documents hold it, and a
// policy's fingerprint is taken over its JSON.
func TestGradeKeepsItsText(t *testing.T) {
	b, err := json.Marshal(evaluate.Band{Grade: evaluate.GradeB, From: d("80"), To: d("90")})
	require.NoError(t, err)
	assert.Equal(t, `{"grade":"B级","from":"80","to":"90"}`, string(b))
}
