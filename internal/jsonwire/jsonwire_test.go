package jsonwire_test

import (
	"errors"
	"testing"

	"github.com/newstrata/newstrata/internal/jsonwire"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	text := func(s string) *string { return &s }
	tests := []struct {
		name string
		in   *string
		want roster.Date
		err  bool
	}{
		{"null", nil, roster.Date{}, false},
		{"a day", text("2019-04-15"), roster.NewDate(2019, 4, 15), false},
		{"a month", text("1985-03"), roster.NewDate(1985, 3, 0), false},
		{"another spelling", text("2019/4/15"), roster.Date{}, true},
		{"no such day", text("2019-02-30"), roster.Date{}, true},
		{"empty", text(""), roster.Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonwire.ParseDate(tt.in)
			if tt.err {
				assert.ErrorIs(t, err, roster.ErrBadDate)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, jsonwire.Date(got))
		})
	}
}

func TestDecode(t *testing.T) {
	var c jsonwire.Code
	err := jsonwire.Decode([]byte(`{"code":"G1","label":"x"} {}`), &c, "群体 (group)")
	require.Error(t, err)
	assert.Equal(t, "群体 JSON 无法读取 (group JSON unreadable): 值后还有内容 (data after the value)", err.Error())

	err = jsonwire.Decode([]byte(`{"code":"G1","name":"x"}`), &c, "群体 (group)")
	require.Error(t, err)
	assert.Equal(t, `群体 JSON 无法读取 (group JSON unreadable): json: unknown field "name"`, err.Error())

	cause := errors.New("cause")
	inner := jsonwire.Fail("指标 (indicator)", cause)
	assert.Equal(t, inner, jsonwire.Fail("结果 (result)", inner), "the innermost name is kept")
	assert.ErrorIs(t, inner, cause)
}

func TestCode(t *testing.T) {
	assert.Nil(t, jsonwire.NewCode("", "无"))
	assert.Equal(t, "", (*jsonwire.Code)(nil).Text())
	assert.Equal(t, "G1", jsonwire.NewCode("G1", "民营企业和外商投资企业管理技术人员").Text())
	assert.Equal(t, "自由职业人员", (&jsonwire.Code{Label: "自由职业人员"}).Text(), "the label stands for an empty code")
}
