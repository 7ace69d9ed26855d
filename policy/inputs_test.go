package policy_test

import (
	"encoding/json"
	"errors"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inputsPolicy is the baseline with a county's inputs of every type, built
// in Go.
func inputsPolicy(t testing.TB, inputs ...policy.Input) *policy.Policy {
	t.Helper()
	if inputs == nil {
		inputs = []policy.Input{
			{ID: "rural", Label: "乡村振兴贡献（万元）", Type: policy.DecimalInput, Min: ptr(dec("0"))},
			{ID: "villages", Label: "结对帮扶村数", Type: policy.IntInput, Min: ptr(dec("0")), Max: ptr(dec("20")), Default: ptr("0")},
			{ID: "model", Label: "是否示范单位", Type: policy.BoolInput, Default: ptr("否")},
			{ID: "area", Label: "帮扶片区", Type: policy.StringInput, Default: ptr("未分片")},
		}
	}
	o := &policy.Overlay{
		ID: "inputs-test", Name: "输入项测试", Jurisdiction: "450103", Extends: policy.BaselineID,
		Inputs: inputs,
		Indicators: policy.IndicatorChanges{
			Change: []policy.IndicatorChange{{ID: "C2", Points: ptr(dec("5"))}},
			Add: []policy.IndicatorAdd{{Parent: "C", Indicator: evaluate.Indicator{
				ID: "C3", Name: "乡村振兴贡献", Points: dec("2"), Formula: "In.rural / 5 + In.villages / 10",
			}}},
		},
	}
	d, err := o.Apply(policy.BaselineFile().Document)
	require.NoError(t, err)
	p, err := policy.Compile(d)
	require.NoError(t, err)
	return p
}

func TestInputs(t *testing.T) {
	p := inputsPolicy(t)
	tests := []struct {
		name  string
		extra map[string]any
		want  map[string]any // In, with decimals as text
		err   string
	}{
		{
			name:  "text converted to the declared type",
			extra: map[string]any{"rural": "3.5", "villages": "2", "model": "是", "area": "五象"},
			want:  map[string]any{"rural": "3.5", "villages": 2, "model": true, "area": "五象"},
		},
		{
			name:  "typed values kept",
			extra: map[string]any{"rural": dec("1.25"), "villages": 3, "model": false},
			want:  map[string]any{"rural": "1.25", "villages": 3, "model": false, "area": "未分片"},
		},
		{
			name:  "an int for a decimal",
			extra: map[string]any{"rural": 4},
			want:  map[string]any{"rural": "4", "villages": 0, "model": false, "area": "未分片"},
		},
		{
			name:  "white space around text",
			extra: map[string]any{"rural": " 4.0 ", "villages": " 1"},
			want:  map[string]any{"rural": "4", "villages": 1, "model": false, "area": "未分片"},
		},
		{
			name:  "defaults used when declared",
			extra: map[string]any{"rural": "0", "villages": "", "model": nil},
			want:  map[string]any{"rural": "0", "villages": 0, "model": false, "area": "未分片"},
		},
		{
			name:  "missing without a default",
			extra: map[string]any{"villages": "2"},
			err:   "记录 NN-0001：输入项 rural（乡村振兴贡献（万元））缺失 (missing)",
		},
		{
			name:  "empty text is missing",
			extra: map[string]any{"rural": ""},
			err:   "记录 NN-0001：输入项 rural（乡村振兴贡献（万元））缺失 (missing)",
		},
		{
			name:  "below the minimum",
			extra: map[string]any{"rural": "-1"},
			err:   "记录 NN-0001：输入项 rural（乡村振兴贡献（万元））有误：小于最小值 0 (is below the minimum 0)",
		},
		{
			name:  "above the maximum",
			extra: map[string]any{"rural": "1", "villages": 21},
			err:   "记录 NN-0001：输入项 villages（结对帮扶村数）有误：大于最大值 20 (is above the maximum 20)",
		},
		{
			name:  "not a whole number",
			extra: map[string]any{"rural": "1", "villages": "2.5"},
			err:   `记录 NN-0001：输入项 villages（结对帮扶村数）有误：应为整数 (should be a whole number)`,
		},
		{
			name:  "an exponent is not a decimal",
			extra: map[string]any{"rural": "1e3"},
			err:   `记录 NN-0001：输入项 rural（乡村振兴贡献（万元））有误：应为数字 (should be a decimal number)`,
		},
		{
			name:  "what database/sql and encoding/json give",
			extra: map[string]any{"rural": json.Number("3.25"), "villages": int64(4), "model": true},
			want:  map[string]any{"rural": "3.25", "villages": 4, "model": true, "area": "未分片"},
		},
		{
			name:  "a float a decimal holds exactly",
			extra: map[string]any{"rural": 3.5, "villages": float64(2)},
			want:  map[string]any{"rural": "3.5", "villages": 2, "model": false, "area": "未分片"},
		},
		{
			name:  "a float no decimal holds exactly",
			extra: map[string]any{"rural": 0.1},
			err:   "记录 NN-0001：输入项 rural（乡村振兴贡献（万元））有误：浮点数不能精确表示为小数；请以文本或 decimal.Decimal 给出 (a float64 that no decimal holds exactly; give it as text or decimal.Decimal)",
		},
		{
			name:  "a json.Number with an exponent",
			extra: map[string]any{"rural": json.Number("1e3")},
			err:   "记录 NN-0001：输入项 rural（乡村振兴贡献（万元））有误：应为数字 (should be a decimal number)",
		},
		{
			name:  "an int64 out of range",
			extra: map[string]any{"rural": "1", "villages": int64(1) << 40},
			err:   "记录 NN-0001：输入项 villages（结对帮扶村数）有误：整数超出范围 (the whole number is out of range)",
		},
		{
			name:  "not yes or no",
			extra: map[string]any{"rural": "1", "model": "也许"},
			err:   `记录 NN-0001：输入项 model（是否示范单位）有误：应填“是”或“否” (should be 是 or 否)`,
		},
	}
	asOf := roster.NewDate(2024, 1, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &roster.Record{Key: "NN-0001", Unit: "450103", Extra: tt.extra}
			f, err := p.Facts(r, asOf)
			if tt.err != "" {
				require.Error(t, err)
				assert.EqualError(t, err, tt.err)
				assert.ErrorIs(t, err, policy.ErrInput)
				var ie *policy.InputError
				require.True(t, errors.As(err, &ie))
				assert.Equal(t, "NN-0001", ie.Key)
				return
			}
			require.NoError(t, err)
			got := map[string]any{}
			for k, v := range f.In {
				if d, ok := v.(decimal.Decimal); ok {
					v = d.String()
				}
				got[k] = v
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestInputReadByFormula(t *testing.T) {
	p := inputsPolicy(t)
	r := &roster.Record{Key: "NN-0002", Unit: "450103", Extra: map[string]any{"rural": "3.5", "villages": "4"}}
	f, err := p.Facts(r, roster.NewDate(2024, 1, 1))
	require.NoError(t, err)
	c3 := rule(t, p, "C3")
	v, err := c3.Value(&f)
	require.NoError(t, err)
	assert.Equal(t, "1.1", v.String()) // 3.5 / 5 + 4 / 10
	assert.Equal(t, []formula.Reading{{Field: "In.rural", Value: "3.5"}, {Field: "In.villages", Value: "4"}}, c3.prog.Readings(&f))
}

func TestInputDeclarationErrors(t *testing.T) {
	tests := []struct {
		name  string
		input policy.Input
		want  string
	}{
		{
			name:  "a default that is not of the type",
			input: policy.Input{ID: "rural", Label: "乡村振兴贡献", Type: policy.IntInput, Default: ptr("many")},
			want:  `政策 inputs-test：输入项 rural：默认值有误：应为整数 (input rural: default: should be a whole number)`,
		},
		{
			name:  "a default out of range",
			input: policy.Input{ID: "rural", Label: "乡村振兴贡献", Type: policy.DecimalInput, Min: ptr(dec("0")), Default: ptr("-2")},
			want:  "政策 inputs-test：输入项 rural：默认值有误：小于最小值 0 (input rural: default: is below the minimum 0)",
		},
		{
			name:  "an unknown type",
			input: policy.Input{ID: "rural", Label: "乡村振兴贡献", Type: "money"},
			want:  `政策 inputs-test：输入项 rural：类型 "money" 不是 int、decimal、bool、string 之一 (input rural: type "money" is not one of int, decimal, bool, string)`,
		},
		{
			name:  "an id a formula cannot name",
			input: policy.Input{ID: "rural-contribution", Label: "乡村振兴贡献", Type: policy.DecimalInput},
			want:  `政策 inputs-test：输入项编号 "rural-contribution" 须以字母或 '_' 开头，后接至多 31 个字母、数字或 '_' (input id "rural-contribution" must be a letter or '_' followed by up to 31 letters, digits or '_')`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &policy.Overlay{ID: "inputs-test", Name: "输入项测试", Jurisdiction: "450103", Extends: policy.BaselineID, Inputs: []policy.Input{tt.input}}
			d, err := o.Apply(policy.BaselineFile().Document)
			require.NoError(t, err)
			_, err = policy.Compile(d)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrInvalid)
		})
	}
}

// Defaults are converted once, when the policy compiles: binding a record
// that leaves every input with a default to it makes its map of inputs and
// nothing else, and gives the defaults' values.
func TestBindDefaultsConvertedOnce(t *testing.T) {
	p := inputsPolicy(t, []policy.Input{
		{ID: "villages", Label: "结对帮扶村数", Type: policy.IntInput, Min: ptr(dec("0")), Max: ptr(dec("20")), Default: ptr("3")},
		{ID: "rural", Label: "乡村振兴贡献（万元）", Type: policy.DecimalInput, Min: ptr(dec("0")), Default: ptr("1.50")},
	}...)
	r := &roster.Record{Key: "NN-0001"}
	var f roster.Facts
	require.NoError(t, p.Bind(&f, r))
	assert.Equal(t, 3, f.In["villages"])
	assert.Equal(t, "1.50", f.In["rural"].(decimal.Decimal).StringFixed(2))
	assert.Equal(t, int32(-2), f.In["rural"].(decimal.Decimal).Exponent())
	villages, rural := f.In["villages"], f.In["rural"]
	theMap := testing.AllocsPerRun(100, func() {
		m := make(map[string]any, 2)
		m["villages"], m["rural"] = villages, rural
		mapSink = m
	})
	assert.Equal(t, theMap, testing.AllocsPerRun(100, func() { _ = p.Bind(&f, r) }), "the map alone")
}

var mapSink map[string]any

// BenchmarkBind binds a record's two inputs, one a decimal given as text
// (as a CSV cell gives it) and checked against its range.
func BenchmarkBind(b *testing.B) {
	p := inputsPolicy(b, []policy.Input{
		{ID: "villages", Label: "结对帮扶村数", Type: policy.IntInput, Min: ptr(dec("0")), Max: ptr(dec("20")), Default: ptr("3")},
		{ID: "rural", Label: "乡村振兴贡献（万元）", Type: policy.DecimalInput, Min: ptr(dec("0")), Max: ptr(dec("100"))},
	}...)
	r := &roster.Record{Key: "NN-0001", Extra: map[string]any{"rural": "3.25"}}
	var f roster.Facts
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Bind(&f, r); err != nil {
			b.Fatal(err)
		}
	}
}
