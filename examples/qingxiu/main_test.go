package main

import (
	"github.com/newstrata/newstrata/policy"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/policytest"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCases runs the county's cases against its overlay, as its own go
// test would.
func TestCases(t *testing.T) {
	policytest.CheckFS(t, roster.Nanning(), unit, policyFS, "policy", policy.WithBaseline())
}

// TestRun runs the example on the sample roster.
func TestRun(t *testing.T) {
	var b strings.Builder
	require.NoError(t, run(&b, "", "2019-04-15"))
	out := b.String()
	for _, want := range []string{
		"指标 A2 从业经历：公式 FieldYears → FieldYears / 2 (formula changed)",
		"指标 C2 带动就业：分值 7 → 5 (points 7 → 5)",
		"新增指标 C3 乡村振兴贡献（属于 C 社会贡献），分值 2，公式 In.rural (indicator added under C, points 2)",
		"等次 A：90–100 → 88–100 (band 90–100 → 88–100)",
		"policy/qingxiu-2019_cases.yaml：用例 13 个，通过 13 个",
		"按政策声明的默认值 0 计",
		"等次变化的记录",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "无法评价")
}
