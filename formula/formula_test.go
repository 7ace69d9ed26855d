package formula_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compiler(t testing.TB) *formula.Env {
	t.Helper()
	c, err := formula.NewEnv(formula.Config{
		Policy: "qingxiu-2019",
		Inputs: map[string]formula.InputType{"rural": formula.Decimal, "villages": formula.Int, "flag": formula.Bool},
	})
	require.NoError(t, err)
	return c
}

func facts() *roster.Facts {
	return &roster.Facts{
		Key:             "NN-0001",
		Age:             41,
		TrainingHours:   10,
		Donations:       decimal.RequireFromString("3.5"),
		VolunteerHours:  30,
		Attendance:      decimal.RequireFromString("0.75"),
		PoliticalRating: "良好",
		Followers:       250000,
		Awards:          []roster.AwardFacts{{Level: "省级"}, {Level: "县级"}},
		In:              map[string]any{"rural": decimal.RequireFromString("1.25"), "villages": 3},
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"int division is exact", "TrainingHours / 4", "2.5"},
		{"cap", "min(TrainingHours / 4, 2)", "2"},
		{"float literals are exact", "0.1 + 0.2", "0.3"},
		{"decimal plus int division", "Donations / 2 + VolunteerHours / 20", "3.25"},
		{"rate times int", "Attendance * 5", "3.75"},
		{"int stays int", "TrainingHours + 1", "11"},
		{"int times float", "VolunteerHours * 0.1", "3"},
		{"step table", "step(Followers, [[1000000, 8], [100000, 6], [10000, 3]])", "6"},
		{"step below every threshold", "step(5, [[10, 1]])", "0"},
		{"points table", `points(PoliticalRating, {"优秀": 15, "良好": 12, "一般": 8})`, "12"},
		{"points of a missing label", `points("", {"优秀": 15})`, "0"},
		{"clamp", "clamp(Donations * 10, 0, 8)", "8"},
		{"count by level", `min(8 * count(Awards, .Level == "省级") + 4 * count(Awards, .Level == "县级"), 10)`, "10"},
		{"declared decimal input", "In.rural * 2", "2.5"},
		{"declared int input", "In.villages + 1", "4"},
		{"ternary of decimals", "Donations > 3 ? Donations : 0.5", "3.5"},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("X1", tt.src, formula.Number, formula.Position{})
			require.NoError(t, err)
			got, err := p.Decimal(facts())
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

func TestPredicate(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"int comparison", "Age >= 25 && Age <= 60", true},
		{"decimal comparison with float", "Attendance >= 0.75", true},
		{"decimal equality ignores trailing zeros", "Donations == 3.50", true},
		{"decimal inequality", "Donations != 3.5", false},
		{"string membership", `PoliticalRating in ["优秀", "良好"]`, true},
		{"any over posts", `any(Awards, .Level == "国家级")`, false},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("Q1", tt.src, formula.Predicate, formula.Position{})
			require.NoError(t, err)
			got, err := p.Bool(facts())
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name, src string
		kind      formula.Kind
		at        formula.Position
		cause     error
		want      string
	}{
		{"unknown name", "Agee >= 25", formula.Predicate, formula.Position{File: "city.yaml", Line: 12, Column: 16},
			formula.ErrType, "city.yaml:12:16: 政策 qingxiu-2019：规则 R：公式类型错误 (rule R: unknown name Agee)\n | Agee >= 25\n | ^"},
		{"wrong result kind", "Age + 1", formula.Predicate, formula.Position{File: "city.yaml", Line: 3, Column: 9},
			formula.ErrType, "city.yaml:3:9: 政策 qingxiu-2019：规则 R：公式类型错误 (rule R: the formula gives a number, but the rule needs a boolean)\n | Age + 1\n | ^"},
		{"string for points", `Sex`, formula.Number, formula.Position{},
			formula.ErrType, "1:1: 政策 qingxiu-2019：规则 R：公式类型错误 (rule R: the formula gives a string, but the rule needs a number)\n | Sex\n | ^"},
		{"syntax on the second line", "Age >= 25 &&\n  (Local", formula.Predicate, formula.Position{File: "c.yaml", Line: 7, Column: 5, Indent: 5},
			formula.ErrSyntax, "c.yaml:8:12: 政策 qingxiu-2019：规则 R：公式语法错误 (rule R: unexpected token EOF)\n |   (Local\n | .......^"},
		{"undeclared input", "In.forest > 1", formula.Predicate, formula.Position{File: "c.yaml", Line: 2, Column: 10},
			formula.ErrRefused, "c.yaml:2:10: 政策 qingxiu-2019：规则 R：公式不被允许 (rule R: input \"forest\" is not declared by the policy)\n | In.forest > 1\n | ^"},
		{"computed input name", `In[Sex] > 1`, formula.Predicate, formula.Position{},
			formula.ErrRefused, "1:3: 政策 qingxiu-2019：规则 R：公式不被允许 (rule R: an input must be named as In.<id>, not computed)\n | In[Sex] > 1\n | ..^"},
		{"whole environment", `len($env) > 0`, formula.Predicate, formula.Position{},
			formula.ErrRefused, "1:5: 政策 qingxiu-2019：规则 R：公式不被允许 (rule R: $env is not available to formulas)\n | len($env) > 0\n | ....^"},
		{"wall clock", `now() != nil`, formula.Predicate, formula.Position{},
			formula.ErrType, "1:1: 政策 qingxiu-2019：规则 R：公式类型错误 (rule R: unknown name now)\n | now() != nil\n | ^"},
		{"method call on the record", `Donations.IsZero()`, formula.Predicate, formula.Position{},
			formula.ErrRefused, "1:11: 政策 qingxiu-2019：规则 R：公式不被允许 (rule R: method calls are not allowed; use the functions of the formula language)\n | Donations.IsZero()\n | ..........^"},
		{"empty", "  ", formula.Number, formula.Position{File: "c.yaml", Line: 4, Column: 3},
			formula.ErrSyntax, "c.yaml:4:3: 政策 qingxiu-2019：规则 R：公式为空 (rule R: the formula is empty)"},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Compile("R", tt.src, tt.kind, tt.at)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.cause)
			var fe *formula.Error
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, "R", fe.Rule)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestRuntimeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		f         func(*roster.Facts)
		want      string
	}{
		{"division by zero", "Donations / JobsCreated", nil, "division by zero"},
		{"missing input", "In.rural + 1", func(f *roster.Facts) { delete(f.In, "rural") }, `input "rural" is missing from the record`},
		{"input of the wrong type", "In.villages + 1", func(f *roster.Facts) { f.In["villages"] = "3" }, `input "villages" holds string, not int`},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("E1", tt.src, formula.Number, formula.Position{File: "c.yaml", Line: 5, Column: 12})
			require.NoError(t, err)
			f := facts()
			if tt.f != nil {
				tt.f(f)
			}
			_, err = p.Decimal(f)
			require.Error(t, err)
			assert.ErrorIs(t, err, formula.ErrRuntime)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "rule E1")
		})
	}
}

func TestReads(t *testing.T) {
	p, err := compiler(t).Compile("R", `Donations / 2 + VolunteerHours / 20 + count(Awards, .Level == "县级") + In.villages + Donations`, formula.Number, formula.Position{})
	require.NoError(t, err)
	assert.Equal(t, []string{"Donations", "VolunteerHours", "Awards", "In.villages"}, p.Reads())
}

func TestNewRefusesBadFunctions(t *testing.T) {
	_, err := formula.NewEnv(formula.Config{Funcs: []formula.Func{{Name: "min", Fn: func(...any) (any, error) { return 0, nil }, Types: []any{new(func(int) int)}}}})
	assert.EqualError(t, err, `function "min": the name is taken`)
	_, err = formula.NewEnv(formula.Config{Funcs: []formula.Func{{Name: "f", Fn: func(...any) (any, error) { return 0, nil }}}})
	assert.EqualError(t, err, `function "f": a name, an implementation and at least one typed signature are required`)
}

func TestCustomFunction(t *testing.T) {
	c, err := formula.NewEnv(formula.Config{Funcs: []formula.Func{{
		Name:  "double",
		Fn:    func(p ...any) (any, error) { return p[0].(int) * 2, nil },
		Types: []any{new(func(int) int)},
	}}})
	require.NoError(t, err)
	p, err := c.Compile("F", "double(Age)", formula.Number, formula.Position{})
	require.NoError(t, err)
	got, err := p.Decimal(&roster.Facts{Age: 30})
	require.NoError(t, err)
	assert.Equal(t, "60", got.String())
}

// A misspelt name inside a call's arguments is refused at compile time, like
// one outside a call (expr skips call arguments in its last check once a
// patch has run, unless the types are cleared).
func TestCompileChecksCallArguments(t *testing.T) {
	for _, src := range []string{"max(1, Sexx)", "abs(min(2, Agee))", `max(1, count(OrgPosts, .Leadin))`} {
		_, err := compiler(t).Compile("R", src, formula.Number, formula.Position{})
		assert.ErrorIs(t, err, formula.ErrType, src)
	}
}

func TestDomainFunctions(t *testing.T) {
	f := facts()
	f.AsOf = roster.NewDate(2019, 4, 15)
	f.WorkStart = roster.NewDate(2010, 4, 16)
	f.TitleLevel = "中级"
	f.Education = "大学本科"
	tests := []struct {
		name, src string
		want      bool
	}{
		{"years of service, a day short of nine", "years(WorkStart, AsOf) == 8", true},
		{"years from a date not filled in", "years(BirthDate, AsOf) == 0", true},
		{"awards at city level or above", `count(Awards, atLeast(.Level, "市级")) == 1`, true},
		{"awards at county level or above", `count(Awards, atLeast(.Level, "县级")) == 2`, true},
		{"rating at least good", `atLeast(PoliticalRating, "良好")`, true},
		{"rating at least excellent", `atLeast(PoliticalRating, "优秀")`, false},
		{"title at least intermediate", `atLeast(TitleLevel, "中级")`, true},
		{"education at least college", `atLeast(Education, "大学专科")`, true},
		{"education at least postgraduate", `atLeast(Education, "研究生")`, false},
		{"not filled in is below every floor", `atLeast(IndustryRating, "较差")`, false},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("F", tt.src, formula.Predicate, formula.Position{})
			require.NoError(t, err)
			got, err := p.Bool(f)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDomainFunctionErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown floor", `atLeast(PoliticalRating, "很好")`, `atLeast: "很好" is not a level, rating, title level or education`},
		{"label and floor on two scales", `atLeast(PoliticalRating, "市级")`, `atLeast: "良好" and "市级" are not on one scale`},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("F", tt.src, formula.Predicate, formula.Position{})
			require.NoError(t, err)
			_, err = p.Bool(facts())
			assert.ErrorIs(t, err, formula.ErrRuntime)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A formula is bounded in size when it compiles and in memory when it runs,
// so that no policy file can make loading or scoring run away.
func TestLimits(t *testing.T) {
	c := compiler(t)
	huge := "Age" + strings.Repeat(" + 1", 300) + " > 0"
	_, err := c.Compile("BIG", huge, formula.Predicate, formula.Position{File: "c.yaml", Line: 3, Column: 14})
	require.Error(t, err)
	assert.ErrorIs(t, err, formula.ErrRefused)
	assert.Contains(t, err.Error(), "c.yaml:3:14: 政策 qingxiu-2019：规则 BIG：公式不被允许 (rule BIG: the formula is too large (more than 256 parts); split it into several indicators)\n | Age + 1")

	// Within the cost budget, over the memory budget: the range alone
	// holds 200000 items, twice the 100000 a run may allocate.
	p, err := c.Compile("MEM", "len(map(1..200000, #)) > 0", formula.Predicate, formula.Position{})
	require.NoError(t, err)
	_, err = p.Bool(facts())
	assert.ErrorIs(t, err, formula.ErrRuntime)
	assert.Contains(t, err.Error(), "memory budget exceeded")
}

// Points are exact: whatever would compute in floats, or on values whose
// type cannot be known, is refused when the formula compiles.
func TestInexactRefused(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"power", "FieldYears ** 2", "1:12: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: ** computes in floats, which are not exact; multiply instead (x * x))"},
		{"caret power", "FieldYears ^ 2", "1:12: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: ^ computes in floats, which are not exact; multiply instead (x * x))"},
		{"mean", "mean([1, 2])", "1:1: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: mean computes in floats, which are not exact; add the terms and divide)"},
		{"float()", "float(Age)", "1:1: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: float computes in floats, which are not exact; numbers are exact decimals already)"},
		{"round()", "round(Donations)", "1:1: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: round computes in floats, which are not exact; the policy rounds every indicator as it declares)"},
		{"sum of decimals", `sum(Awards, points(.Level, {"国家级": 10}))`, "1:1: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: sum adds whole numbers only; for points that are not whole, add the terms (a + b) or count by level and multiply)"},
		{"arithmetic on an unknown type", "first([0.1]) + 0.2", "1:14: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: + here works on a value whose type cannot be known, which is not exact; give both sides a known type (a ? 1.0 : 0.5 rather than a ? 1 : 0.5, decimal(x), points() for a table of values))"},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Compile("X", tt.src, formula.Number, formula.Position{})
			require.Error(t, err)
			assert.ErrorIs(t, err, formula.ErrRefused)
			assert.Equal(t, tt.want, strings.SplitN(err.Error(), "\n", 2)[0])
		})
	}
}

func TestExactStillAllowed(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"sum of whole numbers", `sum(Awards, .Level == "省级" ? 8 : 4)`, "12"},
		{"negative literal", "max(-0.5, 0.25)", "0.25"},
		// A quotient keeps 16 places; what the operations after it leave in
		// the last of them is settled before the policy rounds.
		{"a third of a third times three", "0.025 / 3 * 3", "0.025"},
		{"int thirds", "FieldYears / 3 * 3", "7"},
	}
	c := compiler(t)
	f := facts()
	f.FieldYears = 7
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("X", tt.src, formula.Number, formula.Position{})
			require.NoError(t, err)
			got, err := p.Decimal(f)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

// Comparisons and in on values whose type cannot be known, results that
// are not the rule's kind on every branch, and literals with more digits
// than a float64 keeps are refused when the formula compiles.
func TestMoreInexactRefused(t *testing.T) {
	tests := []struct {
		name, src string
		kind      formula.Kind
		cause     error
		want      string
	}{
		{"decimal in a list", "Donations in [1, 2, 3.5]", formula.Predicate, formula.ErrRefused,
			"1:11: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: in compares numbers by Go equality, which a decimal fails; compare with == and ||, or use atLeast or step)"},
		{"unknown type compared with a number", "first([Donations]) == 3.5", formula.Predicate, formula.ErrRefused,
			"1:20: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: == here compares a value whose type cannot be known; give both sides a known type (decimal(x) makes a number one))"},
		{"predicate that is not a boolean on every branch", "Age > 200 ? true : 1", formula.Predicate, formula.ErrType,
			"1:1: 政策 qingxiu-2019：规则 X：公式类型错误 (rule X: the formula does not give a boolean on every branch)"},
		{"number that is a string on one branch", "Age > 30 ? 'x' : 1", formula.Number, formula.ErrType,
			"1:1: 政策 qingxiu-2019：规则 X：公式类型错误 (rule X: the formula does not give a number on every branch)"},
		{"literal beyond a float64", "Donations * 1.0000000000000001", formula.Number, formula.ErrRefused,
			"1:13: 政策 qingxiu-2019：规则 X：公式不被允许 (rule X: the number 1.0000000000000001 has more digits than a formula keeps exactly (15 significant digits))"},
	}
	c := compiler(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Compile("X", tt.src, tt.kind, formula.Position{})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.cause)
			assert.Equal(t, tt.want, strings.SplitN(err.Error(), "\n", 2)[0])
		})
	}
}

func TestExactEdges(t *testing.T) {
	c := compiler(t)
	f := facts()
	f.TrainingHours = 1
	f.Followers = 3_000_000_000
	f.Education = "其他"
	bools := []struct {
		name, src string
		want      bool
	}{
		{"a third times three compares as whole", "TrainingHours / 3 * 3 >= 1", true},
		{"and equals the whole", "TrainingHours / 3 * 3 == TrainingHours", true},
		{"strings in a list", `PoliticalRating in ["优秀", "良好"]`, true},
		{"branches made one type with decimal()", "(Age > 30 ? decimal(12) : Donations) > 5", true},
		{"mixed number branches become decimals", "(Age > 30 ? Donations : 1) == 3.5", true},
		{"int and float branches compare exactly", "(Age > 30 ? 1 : 0.5) > 0.7", true},
		{"let of mixed branches", "let x = Age > 30 ? 5 : 2.5; x > 4.99", true},
		{"string concatenation", `Employer + Position == ""`, true},
		{"unary minus on a decimal", "-Donations < 0 && -(TrainingHours / 4) == -0.25 && +Donations == 3.5", true},
		{"nested mixed branches", "(Age > 50 ? 1 : Age > 30 ? Donations : 0.5) == 3.5", true},
		{"education no scale ranks", `atLeast(Education, "大学专科")`, false},
	}
	for _, tt := range bools {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Compile("X", tt.src, formula.Predicate, formula.Position{})
			require.NoError(t, err)
			got, err := p.Bool(f)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	p, err := c.Compile("X", "step(TrainingHours / 3 * 3, [[1, 5]])", formula.Number, formula.Position{})
	require.NoError(t, err)
	got, err := p.Decimal(f)
	require.NoError(t, err)
	assert.Equal(t, "5", got.String())

	p, err = c.Compile("X", "Age > 30 ? 8 : Donations", formula.Number, formula.Position{})
	require.NoError(t, err, "branches of two number types are a number")
	got, err = p.Decimal(f)
	require.NoError(t, err)
	assert.Equal(t, "8", got.String())

	p, err = c.Compile("OVF", "Followers * Followers * Followers", formula.Number, formula.Position{})
	require.NoError(t, err)
	_, err = p.Decimal(f)
	assert.ErrorIs(t, err, formula.ErrRuntime)
	assert.Contains(t, err.Error(), "is beyond what a whole number holds")
}
