package formula_test

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// measure runs f and returns how long it took and how many bytes it
// allocated.
func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return took, after.TotalAlloc - before.TotalAlloc
}

const (
	overBudget = "公式最坏情况下的计算代价估计为 %s，超过上限 1000000；请缩小范围或减少嵌套 (rule R: the formula's worst-case cost is estimated at %s, more than the 1000000 allowed; narrow its ranges or nest fewer loops)"
	tooDeep    = "公式嵌套超过 32 层（括号与一元运算符）；请拆分或简化 (rule R: the formula nests more than 32 deep (brackets and unary operators); split or simplify it)"
	mapOrder   = "的结果取决于映射中各项的顺序，而这一顺序每次运行都可能不同"
)

// Each formula a county could send to hang a batch, exhaust memory or
// single a person out is refused when its policy loads: quickly, with
// little memory, and saying what and where.
func TestRefusedBeforeRunning(t *testing.T) {
	at := formula.Position{File: "c.yaml", Line: 3, Column: 10}
	x1000 := strings.Repeat("x", 1000)
	tests := []struct {
		name, src string
		want      string
	}{
		{"a repeat of a repeat", `len(repeat(repeat("x", 99000), 1000000))`,
			"c.yaml:3:14: 政策 qingxiu-2019：规则 R：" + strings.ReplaceAll(overBudget, "%s", "99000099005") + "\n | len(repeat(repeat(\"x\", 99000), 1000000))\n | ....^"},
		{"a thousand bytes a million times", `len(repeat("` + x1000 + `", 1000000))`,
			"c.yaml:3:14: 政策 qingxiu-2019：规则 R：" + strings.ReplaceAll(overBudget, "%s", "1000000003") + "\n | len(repeat(\"" + x1000[:68] + "…\n | ....^"},
		{"a million unary minus signs", strings.Repeat("-", 1000000) + "1",
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：公式长 1000001 字节，超过上限 4096 字节；请拆分为几个指标 (rule R: the formula is 1000001 bytes long, more than the 4096 allowed; split it into several indicators)"},
		{"unary minus signs within the length", "Age > 0 &&\n  " + strings.Repeat("-", 33) + "Age < 0",
			"c.yaml:4:35: 政策 qingxiu-2019：规则 R：" + tooDeep + "\n |   " + strings.Repeat("-", 33) + "Age < 0\n | " + strings.Repeat(".", 34) + "^"},
		{"brackets", "Age > 0 &&\n  " + strings.Repeat("(", 33) + "Age" + strings.Repeat(")", 33) + " < 0",
			"c.yaml:4:35: 政策 qingxiu-2019：规则 R：" + tooDeep + "\n |   " + strings.Repeat("(", 33) + "Age" + strings.Repeat(")", 33) + " < 0\n | " + strings.Repeat(".", 34) + "^"},
		{"nested counts over ranges", `let a = 1..300; count(1..99000, count(a, count(a, true) == 300) == 300) > 0`,
			"c.yaml:3:26: 政策 qingxiu-2019：规则 R：" + strings.ReplaceAll(overBudget, "%s", "18624672004") + "\n | let a = 1..300; count(1..99000, count(a, count(a, true) == 300) == 300) > 0\n | ................^"},
		{"nested counts over a split", `let s = split(Employer, ""); count(s, count(s, count(s, # == "x") > 0) > 0) > 0`,
			"c.yaml:3:48: 政策 qingxiu-2019：规则 R：" + strings.ReplaceAll(overBudget, "%s", "5278752") + "\n | let s = split(Employer, \"\"); count(s, count(s, count(s, # == \"x\") > 0) > 0) > 0\n | ......................................^"},
		{"a 10 MB string", `Sex == "` + strings.Repeat("x", 10<<20) + `"`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：公式长 10485769 字节，超过上限 4096 字节；请拆分为几个指标 (rule R: the formula is 10485769 bytes long, more than the 4096 allowed; split it into several indicators)"},
		{"a string beyond the literal cap", `Sex == "` + strings.Repeat("男", 400) + `"`,
			"c.yaml:3:17: 政策 qingxiu-2019：规则 R：字符串长 1200 字节，超过上限 1024 字节 (rule R: the string is 1200 bytes long, more than the 1024 allowed)\n | Sex == \"" + strings.Repeat("男", 72) + "…\n | .......^"},
		{"keys of a map", `keys({"a": 1, "b": 2})[0] == "a"`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：keys " + mapOrder + " (rule R: keys gives a map's entries in an order that changes from run to run)\n | keys({\"a\": 1, \"b\": 2})[0] == \"a\"\n | ^"},
		{"values of a map", `values({"a": 1, "b": 2})[0] == 1`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：values " + mapOrder + " (rule R: values gives a map's entries in an order that changes from run to run)\n | values({\"a\": 1, \"b\": 2})[0] == 1\n | ^"},
		{"pairs of a map", `len(toPairs({"a": 1})) == 1`,
			"c.yaml:3:14: 政策 qingxiu-2019：规则 R：toPairs " + mapOrder + " (rule R: toPairs gives a map's entries in an order that changes from run to run)\n | len(toPairs({\"a\": 1})) == 1\n | ....^"},
		{"a walk over a map", `any(groupBy(Awards, .Level), true)`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：any 逐项遍历映射，其顺序每次运行都可能不同 (rule R: any walks a map's entries, whose order changes from run to run)\n | any(groupBy(Awards, .Level), true)\n | ^"},
		{"the registration number", `Key == "NN-450103-00001" ? true : false`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：公式不得读取识别个人身份的字段 Key：登记编号；规则须对每个人一视同仁 (rule R: a formula may not read Key, the registration number, which names a person; a rule must treat everyone alike)\n | Key == \"NN-450103-00001\" ? true : false\n | ^"},
		{"the name", `Age > 1 && Name == "张三"`,
			"c.yaml:3:21: 政策 qingxiu-2019：规则 R：公式不得读取识别个人身份的字段 Name：姓名；规则须对每个人一视同仁 (rule R: a formula may not read Name, the name, which names a person; a rule must treat everyone alike)\n | Age > 1 && Name == \"张三\"\n | ...........^"},
		{"the citizen ID", `CitizenID == "x"`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：公式不得读取识别个人身份的字段 CitizenID：公民身份号码；规则须对每个人一视同仁 (rule R: a formula may not read CitizenID, the citizen ID, which names a person; a rule must treat everyone alike)\n | CitizenID == \"x\"\n | ^"},
		{"the phone number", `Phone == "x"`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：公式不得读取识别个人身份的字段 Phone：联系电话；规则须对每个人一视同仁 (rule R: a formula may not read Phone, the phone number, which names a person; a rule must treat everyone alike)\n | Phone == \"x\"\n | ^"},
		{"a huge exponent", `Donations > 1e300`,
			"c.yaml:3:22: 政策 qingxiu-2019：规则 R：数字 1e300 超出公式可用的范围（绝对值小于 1e18，且为 0 或不小于 1e-16） (rule R: the number 1e300 is out of the range a formula may write (below 1e18 in size, and 0 or at least 1e-16))\n | Donations > 1e300\n | ............^"},
		{"a tiny exponent", `Donations * 1e-300 > 0`,
			"c.yaml:3:22: 政策 qingxiu-2019：规则 R：数字 1e-300 超出公式可用的范围（绝对值小于 1e18，且为 0 或不小于 1e-16） (rule R: the number 1e-300 is out of the range a formula may write (below 1e18 in size, and 0 or at least 1e-16))\n | Donations * 1e-300 > 0\n | ............^"},
		{"an exponent beyond a float", `Donations > 1e999999999`,
			"c.yaml:3:32: 政策 qingxiu-2019：规则 R：公式语法错误 (rule R: invalid float literal: strconv.ParseFloat: parsing \"1e999999999\": value out of range)\n | Donations > 1e999999999\n | ......................^"},
		{"a decimal squared again and again", `let a = Donations * 99999; let b = a * a; let c = b * b; let d = c * c; let e = d * d; let f = e * e; let g = f * f; let h = g * g; let i = h * h; let j = i * i; let k = j * j; let l = k * k; let m = l * l; let n = m * m; n > 0`,
			"c.yaml:3:191: 政策 qingxiu-2019：规则 R：" + strings.ReplaceAll(overBudget, "%s", "1013776") + "\n | … * h; let j = i * i; let k = j * j; let l = k * k; let m = l * l; let n = m * m;…\n | " + strings.Repeat(".", 41) + "^"},
		{"a text doubled again and again", `let a = Employer + Employer; let b = a + a; let c = b + b; let d = c + c; let e = d + d; let f = e + e; let g = f + f; let h = g + g; let i = h + h; let j = i + i; len(j) > 0`,
			"c.yaml:3:169: 政策 qingxiu-2019：规则 R：" + strings.ReplaceAll(overBudget, "%s", "1048579") + "\n | … = e + e; let g = f + f; let h = g + g; let i = h + h; let j = i + i; len(j) > 0\n | " + strings.Repeat(".", 66) + "^"},
		{"a range to a field", `count(1..Age, true) > 1`,
			"c.yaml:3:17: 政策 qingxiu-2019：规则 R：范围的两端须是整数常量（如 1..10） (rule R: a range's ends must be whole-number constants, as in 1..10)\n | count(1..Age, true) > 1\n | .......^"},
		{"repeat by a field", `repeat("x", Age) == ""`,
			"c.yaml:3:10: 政策 qingxiu-2019：规则 R：repeat 的次数须是整数常量 (rule R: repeat must be given its count as a whole-number constant)\n | repeat(\"x\", Age) == \"\"\n | ^"},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			took, allocated := measure(func() {
				_, err = c.Compile("R", tt.src, formula.Predicate, at)
			})
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			if strings.Contains(tt.want, "invalid float literal") {
				assert.ErrorIs(t, err, formula.ErrSyntax)
			} else {
				assert.ErrorIs(t, err, formula.ErrRefused)
			}
			assert.Less(t, took, 100*time.Millisecond)
			assert.Less(t, allocated, uint64(50<<20))
			t.Logf("%v, %d KB", took, allocated>>10)
		})
	}
}

// Formulas within the budget compile and report their estimate; the
// budget and the caps follow the Config.
func TestCost(t *testing.T) {
	tests := []struct {
		name, src string
		want      uint64
	}{
		{"a field", "Age >= 25", 24},
		{"a count over a list", `count(Awards, .Level == "县级") > 0`, 1224},
		{"a label in a list", `PoliticalRating in ["优秀", "良好"]`, 21},
		{"a constant range", "count(1..10, # > Age) > 0", 266},
		{"a regular expression", `Employer matches "(总工会|共青团)"`, 22553},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("R", tt.src, formula.Predicate, formula.Position{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.Cost())
		})
	}

	tight, err := formula.NewEnv(formula.Config{MaxCost: 100, MaxSource: 20, MaxDepth: 2, MaxLiteral: 3})
	require.NoError(t, err)
	for src, want := range map[string]string{
		`count(Awards, .Level == "县级") > 0`: "1:1: 规则 R：公式长 37 字节，超过上限 20 字节；请拆分为几个指标 (rule R: the formula is 37 bytes long, more than the 20 allowed; split it into several indicators)",
		`count(Awards, .Year > 0) > 0`:      "1:1: 规则 R：公式长 28 字节，超过上限 20 字节；请拆分为几个指标 (rule R: the formula is 28 bytes long, more than the 20 allowed; split it into several indicators)",
		`Sex == "男性"`:                       "1:8: 规则 R：字符串长 6 字节，超过上限 3 字节 (rule R: the string is 6 bytes long, more than the 3 allowed)\n | Sex == \"男性\"\n | .......^",
		`((-Age)) > 0`:                      "1:3: 规则 R：公式嵌套超过 2 层（括号与一元运算符）；请拆分或简化 (rule R: the formula nests more than 2 deep (brackets and unary operators); split or simplify it)\n | ((-Age)) > 0\n | ..^",
		`len(Seats) > 0 && len(Awards) > 0`: "1:1: 规则 R：公式长 33 字节，超过上限 20 字节；请拆分为几个指标 (rule R: the formula is 33 bytes long, more than the 20 allowed; split it into several indicators)",
		`any(Seats, true)`:                  "1:1: 规则 R：公式最坏情况下的计算代价估计为 202，超过上限 100；请缩小范围或减少嵌套 (rule R: the formula's worst-case cost is estimated at 202, more than the 100 allowed; narrow its ranges or nest fewer loops)\n | any(Seats, true)\n | ^",
	} {
		_, err := tight.Compile("R", src, formula.Predicate, formula.Position{})
		require.Error(t, err, src)
		assert.Equal(t, want, err.Error(), src)
	}
}

// A record larger than the estimate assumed fails the formulas that read
// the larger field, rather than run past the budget.
func TestRecordBeyondTheEstimate(t *testing.T) {
	c := compiler(t)
	tests := []struct {
		name, src string
		f         func(*roster.Facts)
		want      string
	}{
		{"too many awards", `count(Awards, .Level == "县级") > 0`, func(f *roster.Facts) { f.Awards = make([]roster.AwardFacts, 101) },
			"c.yaml:5:12: 政策 qingxiu-2019：规则 E1：记录的 Awards 有 101 项，超过公式代价估计所假定的 100 项 (rule E1: the record's Awards has 101 items, more than the 100 the formula's cost bound assumes)"},
		{"an award's level too long", `count(Awards, .Level == "县级") > 0`, func(f *roster.Facts) { f.Awards[0].Level = strings.Repeat("x", 1025) },
			"c.yaml:5:12: 政策 qingxiu-2019：规则 E1：记录的 Awards[0].Level 长 1025 字节，超过公式代价估计所假定的 1024 字节 (rule E1: the record's Awards[0].Level is 1025 bytes long, more than the 1024 the formula's cost bound assumes)"},
		{"an employer too long", `Employer == ""`, func(f *roster.Facts) { f.Employer = strings.Repeat("x", 1025) },
			"c.yaml:5:12: 政策 qingxiu-2019：规则 E1：记录的 Employer 长 1025 字节，超过公式代价估计所假定的 1024 字节 (rule E1: the record's Employer is 1025 bytes long, more than the 1024 the formula's cost bound assumes)"},
		{"a decimal with too many places", `Donations > 0`, func(f *roster.Facts) { f.Donations = f.Donations.Shift(-50) },
			"c.yaml:5:12: 政策 qingxiu-2019：规则 E1：记录的 Donations 写出来有 52 位数字，超过公式代价估计所假定的 40 位 (rule E1: the record's Donations has 52 digits written out, more than the 40 the formula's cost bound assumes)"},
		{"a decimal input with too many places", `In.rural > 0`, func(f *roster.Facts) { f.In["rural"] = f.Donations.Shift(-50) },
			"c.yaml:5:12: 政策 qingxiu-2019：规则 E1：记录的 In.rural 写出来有 52 位数字，超过公式代价估计所假定的 40 位 (rule E1: the record's In.rural has 52 digits written out, more than the 40 the formula's cost bound assumes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("E1", tt.src, formula.Predicate, formula.Position{File: "c.yaml", Line: 5, Column: 12})
			require.NoError(t, err)
			f := facts()
			tt.f(f)
			_, err = p.Bool(f)
			require.Error(t, err)
			assert.ErrorIs(t, err, formula.ErrRuntime)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}
