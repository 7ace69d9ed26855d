package formula_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The closures and the VM must agree on every formula and every record:
// the same number, digit for digit and to the exponent, the same boolean,
// or the same error. These tests generate well-typed formulas and records
// at random (from fixed seeds) and compare the two.

// gen writes random well-typed formulas over roster.Facts and the inputs
// of nativeEnv.
type gen struct{ r *rand.Rand }

func (g gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

var (
	intFields  = []string{"Age", "FieldYears", "Followers", "TrainingHours", "VolunteerHours", "JobsCreated", "Proposals", "In.N"}
	decFields  = []string{"Donations", "Attendance", "In.R"}
	boolFields = []string{"CPC", "Reliable", "Investor", "NewMedia", "Local", "EmergencyRelief", "CriminalPenalty", "In.B"}
	textFields = []string{"Group", "Sex", "Politics", "PoliticalRating", "Education", "TitleLevel", "EmployerKind", "Role", "IndustryRating", "Occupation", "In.S"}
	labels     = []string{`"G1"`, `"G4"`, `"优秀"`, `"良好"`, `"一般"`, `"研究生"`, `"大学本科"`, `"中级"`, `"民营企业"`, `"经营管理"`, `""`, `"自由撰稿人"`, `"男性"`,
		`"Abcd"`, `"Abce"`, `"Abcdefgh"`, `"自由摄影人"`, `"自由撰稿人x"`, `"自由撰稿人xy"`}
	lists = map[string][]string{"Seats": {".Current", `.Level == "市级"`, `.Level in ["国家级", "省级"]`, `.Body == "政协委员"`},
		"OrgPosts": {".Leading", `.Level == "县级"`, `.Kind != ""`},
		"Awards":   {`.Level == "国家级"`, ".Year >= 2018", ".Year % 2 == 0"}}
	intLits   = []string{"0", "1", "2", "3", "4", "20", "-7", "100000", "999999999999", "9223372036854775807", "4611686018427387904"}
	floatLits = []string{"0.5", "2.25", "0.1", "0.001", "1.5", "100.75", "0.0000001", "123456789.125", "99999999999999.9"}
)

func (g gen) intExpr(d int) string {
	if d <= 0 || g.r.IntN(3) == 0 {
		if g.r.IntN(2) == 0 {
			return g.pick(intFields...)
		}
		return g.pick(intLits...)
	}
	switch g.r.IntN(9) {
	case 0, 1:
		return "(" + g.intExpr(d-1) + " " + g.pick("+", "-", "*") + " " + g.intExpr(d-1) + ")"
	case 2:
		return "(" + g.intExpr(d-1) + " % " + g.intExpr(d-1) + ")"
	case 3:
		l := g.pick("Seats", "OrgPosts", "Awards")
		return "count(" + l + ", " + g.pick(lists[l]...) + ")"
	case 4:
		return "len(" + g.pick(textFields...) + ")"
	case 5:
		return "years(" + g.pick("BirthDate", "WorkStart") + ", AsOf)"
	case 6:
		return "(" + g.boolExpr(d-1) + " ? " + g.intExpr(d-1) + " : " + g.intExpr(d-1) + ")"
	case 7:
		return "-" + g.intExpr(d-1)
	}
	return "len(" + g.pick("Seats", "Awards") + ")"
}

func (g gen) numExpr(d int) string {
	if d <= 0 || g.r.IntN(4) == 0 {
		switch g.r.IntN(4) {
		case 0:
			return g.pick(decFields...)
		case 1:
			return g.pick(floatLits...)
		}
		return g.intExpr(0)
	}
	switch g.r.IntN(12) {
	case 0, 1, 2:
		return "(" + g.numExpr(d-1) + " " + g.pick("+", "-", "*", "/") + " " + g.numExpr(d-1) + ")"
	case 3:
		return g.pick("min", "max") + "(" + g.numExpr(d-1) + ", " + g.numExpr(d-1) + ")"
	case 4:
		return "clamp(" + g.numExpr(d-1) + ", " + g.pick("0", "-1.5", "2") + ", " + g.pick("10", "0.75", "1", "-3") + ")"
	case 5:
		return g.pick("abs", "decimal") + "(" + g.numExpr(d-1) + ")"
	case 6:
		return "step(" + g.numExpr(d-1) + ", [[1000000, 8], [100000, 6.5], [0.25, 3], [-2, 0.125]])"
	case 7:
		return "points(" + g.textExpr() + `, {"优秀": 15, "良好": 12.5, "一般": 8, "G4": -2, "优秀": 14})`
	case 8:
		return "(" + g.boolExpr(d-1) + " ? " + g.numExpr(d-1) + " : " + g.numExpr(d-1) + ")"
	case 9:
		return "-" + g.numExpr(d-1)
	case 10:
		return "(" + g.boolExpr(d-1) + " ? " + g.pick(floatLits...) + " : " + g.pick(floatLits...) + ")"
	}
	return g.intExpr(d - 1)
}

func (g gen) textExpr() string {
	switch g.r.IntN(5) {
	case 0:
		return `trimPrefix(Occupation, "自由")`
	case 1:
		return g.pick(labels...)
	case 2:
		return g.pick("upper", "lower", "trim") + "(" + g.pick(textFields...) + ")"
	}
	return g.pick(textFields...)
}

func (g gen) boolExpr(d int) string {
	if d <= 0 || g.r.IntN(4) == 0 {
		return g.pick(boolFields...)
	}
	switch g.r.IntN(11) {
	case 0, 1:
		return "(" + g.numExpr(d-1) + " " + g.pick("<", "<=", ">", ">=", "==", "!=") + " " + g.numExpr(d-1) + ")"
	case 2:
		return "(" + g.intExpr(d-1) + " " + g.pick("<", "<=", ">", ">=", "==", "!=") + " " + g.pick(intLits...) + ")"
	case 3:
		return "(" + g.textExpr() + " " + g.pick("==", "!=", "<", ">=") + " " + g.textExpr() + ")"
	case 4:
		return "(" + g.textExpr() + " in [" + g.pick(labels...) + ", " + g.pick(labels...) + ", " + g.pick(labels...) + "])"
	case 5:
		return "(" + g.boolExpr(d-1) + " " + g.pick("&&", "||", "and", "or") + " " + g.boolExpr(d-1) + ")"
	case 6:
		return "not " + g.boolExpr(d-1)
	case 7:
		l := g.pick("Seats", "OrgPosts", "Awards")
		return g.pick("any", "all", "none", "one") + "(" + l + ", " + g.pick(lists[l]...) + ")"
	case 8:
		return "atLeast(" + g.pick("PoliticalRating", "Education", "TitleLevel", "IndustryRating") + ", " + g.pick(`"良好"`, `"大学本科"`, `"中级"`, `"市级"`) + ")"
	case 9:
		return "(" + g.textExpr() + " " + g.pick("startsWith", "endsWith", "contains") + " " + g.pick(labels...) + ")"
	}
	return "(" + g.intExpr(d-1) + " " + g.pick("<", ">=") + " " + g.pick(floatLits...) + ")"
}

func nativeEnv(t testing.TB) *formula.Env {
	t.Helper()
	env, err := formula.NewEnv(formula.Config{Policy: "test", Inputs: map[string]formula.InputType{
		"R": formula.Decimal, "N": formula.Int, "B": formula.Bool, "S": formula.String,
	}})
	require.NoError(t, err)
	return env
}

// randomFacts makes a record with values from the ordinary to the edge of
// what fixed point holds and past it.
func randomFacts(r *rand.Rand) *roster.Facts {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	ints := []int{0, 1, 3, 7, 25, 61, 100000, 1234567, math.MaxInt64 / 3, math.MaxInt64, math.MinInt64 + 1, -5}
	decs := []string{"0", "2.35", "0.75", "1", "-1.5", "0.000000000000001", "123456789012345678", "999999999999999999",
		"1234567890123456789", "0.1234567890123456789", "100000000000000000000000", "3.3333333333333333", "5e-20", "7e15"}
	dec := func() decimal.Decimal { return decimal.RequireFromString(pick(decs...)) }
	f := &roster.Facts{
		Key: "NN-450103-00001", Unit: "450103", AsOf: roster.NewDate(2019, 4, 15),
		Group: pick("G1", "G2", "G3", "G4", ""), Age: ints[r.IntN(6)], BirthDate: roster.NewDate(1960+r.IntN(40), 3, 12),
		WorkStart: roster.NewDate(1990+r.IntN(30), 7, 1), Sex: pick("男性", "女性"), Politics: pick("中共党员", "无党派人士", "群众"),
		CPC: r.IntN(2) == 0, Reliable: r.IntN(3) > 0, PoliticalRating: pick("优秀", "良好", "一般", "较差", ""),
		Education: pick("研究生", "大学本科", "大学专科", "高中", ""), TitleLevel: pick("正高", "副高", "中级", "初级", "无"),
		EmployerKind: pick("民营企业", "中介组织", "无工作单位", ""), Role: pick("经营管理", "专业技术", "出资人", ""),
		Occupation: pick("自由撰稿人", "律师", "画家", " 自由 ", "Ab", "Abcd", "Abcdefgh", "自由摄影人", "自由撰稿人x", "自由撰稿人xy", "自由撰稿人y"), IndustryRating: pick("优秀", "良好", "一般", ""),
		Investor: r.IntN(2) == 0, NewMedia: r.IntN(2) == 0, Local: r.IntN(2) == 0, EmergencyRelief: r.IntN(2) == 0,
		FieldYears: ints[r.IntN(len(ints))], Followers: ints[r.IntN(len(ints))], TrainingHours: ints[r.IntN(len(ints))],
		VolunteerHours: ints[r.IntN(len(ints))], JobsCreated: ints[r.IntN(8)], Proposals: ints[r.IntN(len(ints))],
		Donations: dec(), Attendance: dec(),
	}
	for range r.IntN(4) {
		f.Seats = append(f.Seats, roster.SeatFacts{Body: pick("人大代表", "政协委员"), Level: pick("国家级", "省级", "市级", "县级"), Current: r.IntN(2) == 0})
		f.OrgPosts = append(f.OrgPosts, roster.OrgPostFacts{Kind: pick("统战组织", ""), Level: pick("市级", "县级"), Leading: r.IntN(2) == 0})
		f.Awards = append(f.Awards, roster.AwardFacts{Level: pick("国家级", "市级"), Year: 2014 + r.IntN(8)})
	}
	f.In = map[string]any{"R": dec(), "N": ints[r.IntN(len(ints))], "B": r.IntN(2) == 0, "S": pick("优秀", "14285714285628571428571.5")}
	switch r.IntN(8) { // an input missing, or of another type: the VM's error to give
	case 0:
		delete(f.In, pick("R", "N", "B", "S"))
	case 1:
		f.In["R"] = 3
	}
	return f
}

// agree runs p on f through the closures (with the fallback) and through
// the VM alone and says how they differ, or "" when they agree.
func agree(p *formula.Program, kind formula.Kind, f *roster.Facts) string {
	if kind == formula.Predicate {
		got, gotErr := p.Bool(f)
		want, wantErr := p.VMBool(f)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || (wantErr == nil && got != want) {
			return fmt.Sprintf("closures %v (%v), VM %v (%v)", got, gotErr, want, wantErr)
		}
		return ""
	}
	got, gotErr := p.Decimal(f)
	want, wantErr := p.VMDecimal(f)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		return fmt.Sprintf("closures error %v, VM error %v", gotErr, wantErr)
	}
	if wantErr == nil && (got.String() != want.String() || got.Exponent() != want.Exponent()) {
		return fmt.Sprintf("closures %s (exp %d), VM %s (exp %d)", got, got.Exponent(), want, want.Exponent())
	}
	return ""
}

// TestNativeAgreesWithVM is the differential test: thousands of random
// formulas, each on random records, through both engines.
func TestNativeAgreesWithVM(t *testing.T) {
	env := nativeEnv(t)
	r := rand.New(rand.NewPCG(20190415, 1))
	g := gen{r}
	records := make([]*roster.Facts, 40)
	for i := range records {
		records[i] = randomFacts(r)
	}
	var compiled, native, runs, fallbacks int
	for i := range 3000 {
		kind, src := formula.Number, g.numExpr(4)
		if i%3 == 0 {
			kind, src = formula.Predicate, g.boolExpr(4)
		}
		p, err := env.Compile("R"+strconv.Itoa(i), src, kind, formula.Position{})
		if err != nil {
			continue // refused by the rules of the language (a literal out of range, a cost): not the engine's business
		}
		compiled++
		if ok, why := p.Native(); ok {
			native++
		} else {
			t.Logf("%s runs on the VM: %s", src, why)
		}
		for _, f := range records {
			runs++
			if diff := agree(p, kind, f); diff != "" {
				t.Fatalf("%s\n%s", src, diff)
			}
		}
		fallbacks += int(p.Fallbacks())
	}
	t.Logf("%d formulas compiled, %d as closures; %d runs, %d handed to the VM", compiled, native, runs, fallbacks)
	require.Greater(t, compiled, 2000, "the generator must write formulas that compile")
	assert.Greater(t, native, compiled*99/100, "the closures must cover nearly every formula")
	assert.Less(t, fallbacks, runs/3, "most runs must stay in fixed point, or the test says little about it")
	assert.Greater(t, fallbacks, 0, "some runs must overflow, or the fallback is not tested")
}

// TestNativeCases pins the arithmetic at its edges, each against the VM.
func TestNativeCases(t *testing.T) {
	env := nativeEnv(t)
	f := facts()
	f.In = map[string]any{"R": decimal.RequireFromString("2.50"), "N": 4, "B": true, "S": "良好"}
	tests := []struct {
		src      string
		kind     formula.Kind
		want     string // the VM's answer, or its error
		fallback bool   // the closures hand this run to the VM
	}{
		{"0.1 + 0.2", formula.Number, "0.3", false},
		{"TrainingHours / 4", formula.Number, "2.5", false},
		{"0.025 / 3 * 3", formula.Number, "0.025", false},
		{"2 / 3", formula.Number, "0.666666666667", false},
		{"-2 / 3", formula.Number, "-0.666666666667", false},
		{"1 / 6 - 1 / 6", formula.Number, "0", false},
		{"In.R * 2", formula.Number, "5", false},
		{"max(2, 2.0) + min(-0, 0)", formula.Number, "2", false},
		{"clamp(Donations * 3, 0, 5)", formula.Number, "5", false},
		{"step(Followers, [[1000000, 8], [100000, 6], [10000, 3]])", formula.Number, "6", false},
		{`points(PoliticalRating, {"优秀": 15, "良好": 12})`, formula.Number, "12", false},
		{"9223372036854775807 + 1", formula.Number, "", true},
		{"9223372036854775807 * 2.5", formula.Number, "23058430092136939517.5", true},
		{"Donations / 0", formula.Number, "", true},
		{"Age % 0", formula.Number, "", true},
		{"999999999999 * 99999999999.5 / 7", formula.Number, "14285714285628571428571.5", true},
		{"In.N / In.R > 1.5", formula.Predicate, "true", false},
		{`atLeast(PoliticalRating, "良好")`, formula.Predicate, "true", false},
		{`atLeast(PoliticalRating, "市级")`, formula.Predicate, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := env.Compile("X", tt.src, tt.kind, formula.Position{})
			require.NoError(t, err)
			ok, why := p.Native()
			require.True(t, ok, why)
			assert.Empty(t, agree(p, tt.kind, f))
			var got string
			var runErr error
			if tt.kind == formula.Number {
				var d decimal.Decimal
				d, runErr = p.Decimal(f)
				got = d.String()
			} else {
				var b bool
				b, runErr = p.Bool(f)
				got = strconv.FormatBool(b)
			}
			if tt.want == "" {
				assert.Error(t, runErr)
			} else {
				require.NoError(t, runErr)
				assert.Equal(t, tt.want, got)
			}
			assert.Equal(t, tt.fallback, p.Fallbacks() > 0, "handed to the VM")
		})
	}
}

// TestNativeNotCovered: a formula with a construct the closures do not
// cover runs on the VM, says why, and gives the same answers.
func TestNativeNotCovered(t *testing.T) {
	env := nativeEnv(t)
	for _, src := range []string{
		`let x = Age; x > 3`,
		`Employer matches "^律师"`,
		`count(filter(Awards, .Year > 2015), .Level == "国家级") > 0`,
		`Employer + "14285714285628571428571.5" == "律师x"`,
	} {
		p, err := env.Compile("X", src, formula.Predicate, formula.Position{})
		require.NoError(t, err, src)
		ok, why := p.Native()
		assert.False(t, ok, src)
		assert.NotEmpty(t, why, src)
		assert.Empty(t, agree(p, formula.Predicate, facts()), src)
	}
}

// FuzzNative generates a formula and a record from the fuzzer's seeds and
// checks that the closures and the VM agree on them.
func FuzzNative(f *testing.F) {
	for i := range uint64(20) {
		f.Add(i, i*7919)
	}
	env := nativeEnv(f)
	f.Fuzz(func(t *testing.T, formulaSeed, recordSeed uint64) {
		g := gen{rand.New(rand.NewPCG(formulaSeed, 3))}
		kind, src := formula.Number, g.numExpr(5)
		if formulaSeed%3 == 0 {
			kind, src = formula.Predicate, g.boolExpr(5)
		}
		p, err := env.Compile("F", src, kind, formula.Position{})
		if err != nil {
			return
		}
		rec := randomFacts(rand.New(rand.NewPCG(recordSeed, 5)))
		if diff := agree(p, kind, rec); diff != "" {
			t.Fatalf("%s\n%s", src, diff)
		}
		if ok, why := p.Native(); !ok && !strings.Contains(src, "..") {
			t.Fatalf("%s runs on the VM: %s", src, why)
		}
	})
}
