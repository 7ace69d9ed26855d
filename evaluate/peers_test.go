package evaluate_test

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"testing"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/ext"
	"cel.dev/cel-go/interpreter"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The peers are what a careful user would write instead of this library:
// the baseline's formulas run by plain expr over float64 (expr-float) and
// by cel-go over doubles (cel-go), each compiled once, then per record the
// same work as nativeEvaluate: build the formulas' view of the record, run
// every indicator, cap it at its points, round it to 2 places, add up,
// add the bonuses, cap at the total, grade, and apply the vetoes.
// TestPeersMatchLibrary checks that they give the library's totals and
// grades, so that BenchmarkEvaluate compares the same work.

// BenchmarkEvaluate compares the compiled baseline with the hand-written
// one and with the two peers, on one record. All start from the record and
// build the formulas' view of it as the pipeline does (p.Facts for the
// library, which binds the policy's inputs; the baseline declares none, so
// it does what r.Facts does for the native one; the peers fill their float
// view, reused from record to record) and all set the group; then the
// library runs Evaluate and the others compute the scores and the grade.
// Evaluate keeps the raw values and works out the readings and the gap only
// when asked: newstrata-explained asks, by writing the explanation, to show
// what that costs.
func BenchmarkEvaluate(b *testing.B) {
	p := baseline(b)
	r := benchRecord()
	for _, explain := range []bool{false, true} {
		name := "newstrata"
		if explain {
			name += "-explained"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f, err := p.Facts(r, asOf)
				if err != nil {
					b.Fatal(err)
				}
				f.Group = "G1"
				res, err := p.Evaluator().Evaluate(&f)
				if err != nil {
					b.Fatal(err)
				}
				if explain {
					if err := res.Explain(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
	b.Run("native", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f := r.Facts(asOf)
			f.Group = "G1"
			nativeEvaluate(&f)
		}
	})
	b.Run("expr-float", func(b *testing.B) {
		peer := newExprPeer(b, p)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := peer.Evaluate(r, asOf, "G1"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cel-go", func(b *testing.B) {
		peer := newCELPeer(b, p)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := peer.Evaluate(r, asOf, "G1"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestPeersMatchLibrary checks that both peers give the library's score
// for every indicator, its total and its grade, after rounding to 2
// places: on the benchmark's record, on generated records that dwell on
// the edges (grade boundaries, caps, half cents), and on the sample roster,
// whose seats have terms that end.
func TestPeersMatchLibrary(t *testing.T) {
	p := baseline(t)
	peers := []struct {
		name string
		peer floatEvaluator
	}{
		{"expr-float", newExprPeer(t, p)},
		{"cel-go", newCELPeer(t, p)},
	}
	bench := []sample{{Record: benchRecord(), Group: "G1"}}
	sets := []struct {
		name    string
		asOf    roster.Date
		samples func(testing.TB) []sample
	}{
		{"bench record", asOf, func(testing.TB) []sample { return bench }},
		{"generated", asOf, func(testing.TB) []sample { return generated(3000, 20190402, asOf) }},
		{"sample roster", sampleAsOf, sampleRoster},
	}
	for _, set := range sets {
		samples := set.samples(t)
		for _, pe := range peers {
			t.Run(set.name+"/"+pe.name, func(t *testing.T) {
				failed := 0
				for _, s := range samples {
					f, err := p.Facts(s.Record, set.asOf)
					require.NoError(t, err)
					f.Group = s.Group
					want, err := p.Evaluator().Evaluate(&f)
					require.NoError(t, err, s.Record.Key)
					got, err := pe.peer.Evaluate(s.Record, set.asOf, s.Group)
					require.NoError(t, err, s.Record.Key)
					if d := floatMismatches(want, got); len(d) > 0 {
						failed++
						if failed <= 10 {
							t.Errorf("%s: %v", s.Record.Key, d)
						}
					}
				}
				assert.Zero(t, failed, "records of %d that differ", len(samples))
			})
		}
	}
}

// floatMismatches describes how a peer's result differs from the
// library's, each number compared after rounding to 2 places.
func floatMismatches(want *evaluate.Result, got floatResult) []string {
	var out []string
	diff := func(what string, w decimal.Decimal, g float64) {
		if !decimal.NewFromFloat(g).Round(2).Equal(w.Round(2)) {
			out = append(out, fmt.Sprintf("%s: library %s, peer %v", what, w, g))
		}
	}
	for i, id := range nativeIDs {
		in, ok := want.Indicator(id)
		if !ok {
			out = append(out, id+": missing")
			continue
		}
		diff(id, in.Score, got.Scores[i])
	}
	diff("subtotal", want.Subtotal(), got.Subtotal)
	diff("bonus", want.Bonus(), got.Bonus)
	diff("total", want.Total.Decimal(), got.Total)
	if want.Grade != got.Grade {
		out = append(out, fmt.Sprintf("grade: library %s, peer %s", want.Grade, got.Grade))
	}
	if vetoed := want.Vetoed; vetoed != got.Vetoed {
		out = append(out, fmt.Sprintf("vetoed: library %v, peer %v", vetoed, got.Vetoed))
	}
	return out
}

// floatEvaluator is a peer: it scores a record under the baseline.
type floatEvaluator interface {
	Evaluate(r *roster.Record, asOf roster.Date, group string) (floatResult, error)
}

// floatResult is what a peer gives: nativeResult in float64.
type floatResult struct {
	Scores   [len(nativeIDs)]float64
	Subtotal float64
	Bonus    float64
	Total    float64
	Vetoed   bool
	Grade    evaluate.Grade
}

// floatFacts mirrors roster.Facts with float64 for the decimals, for
// formulas that compute in floats. Key is left out: no formula may read
// it. In is left out: the baseline declares no inputs.
type floatFacts struct {
	Unit    string
	AsOf    roster.Date
	Group   string
	Subkind string

	Age             int
	BirthDate       roster.Date
	WorkStart       roster.Date
	Sex             string
	Ethnicity       string
	Politics        string
	CPC             bool
	Reliable        bool
	PoliticalRating string

	Education  string
	Degree     string
	TitleLevel string

	Employer     string
	EmployerKind string
	Position     string
	Occupation   string
	Role         string
	Investor     bool
	FieldYears   int
	NewMedia     bool
	Followers    int
	Local        bool

	Seats    []floatSeat
	OrgPosts []floatOrgPost
	Awards   []floatAward

	TrainingHours   int
	TrainingHours5y int

	IndustryRating      string
	Donations           float64
	VolunteerHours      int
	JobsCreated         int
	Proposals           int
	Attendance          float64
	EmergencyRelief     bool
	NationalRecognition bool

	CriminalPenalty    bool
	DishonestDebtor    bool
	TaxViolation       bool
	NegativeStatements bool
}

// floatSeat, floatOrgPost and floatAward mirror roster's SeatFacts,
// OrgPostFacts and AwardFacts.
type floatSeat struct {
	Body, Level, Sector string
	Current             bool
}

type floatOrgPost struct {
	Kind, Level string
	Leading     bool
}

type floatAward struct {
	Level string
	Year  int
}

// set makes f the view of r on asOf, as roster.Record.Facts does, keeping
// the lists' storage from the record before: a peer reuses one view.
func (f *floatFacts) set(r *roster.Record, asOf roster.Date) {
	seats, posts, awards := f.Seats[:0], f.OrgPosts[:0], f.Awards[:0]
	*f = floatFacts{
		Unit:                r.Unit,
		AsOf:                asOf,
		Age:                 r.BirthDate.YearsTo(asOf),
		BirthDate:           r.BirthDate,
		WorkStart:           r.WorkStart,
		Sex:                 label(r.Sex),
		Ethnicity:           label(r.Ethnicity),
		Politics:            label(r.Politics),
		CPC:                 r.Politics == roster.CPCMember || r.Politics == roster.CPCProbationary,
		Reliable:            r.Reliable,
		PoliticalRating:     label(r.PoliticalRating),
		Education:           label(r.Education),
		Degree:              label(r.Degree),
		TitleLevel:          label(r.TitleLevel),
		Employer:            r.Employer,
		EmployerKind:        label(r.EmployerKind),
		Position:            r.Position,
		Occupation:          r.Occupation,
		Role:                label(r.Role),
		Investor:            r.Investor,
		FieldYears:          r.FieldYears,
		NewMedia:            r.NewMedia,
		Followers:           r.Followers,
		Local:               r.Local,
		IndustryRating:      label(r.IndustryRating),
		Donations:           r.Donations.InexactFloat64(),
		VolunteerHours:      r.VolunteerHours,
		JobsCreated:         r.JobsCreated,
		Proposals:           r.Proposals,
		Attendance:          r.Attendance.InexactFloat64(),
		EmergencyRelief:     r.EmergencyRelief,
		NationalRecognition: r.NationalRecognition,
		CriminalPenalty:     r.CriminalPenalty,
		DishonestDebtor:     r.DishonestDebtor,
		TaxViolation:        r.TaxViolation,
		NegativeStatements:  r.NegativeStatements,
	}
	if f.TitleLevel == "" {
		f.TitleLevel = roster.NoTitle.Label()
	}
	for _, s := range r.Seats {
		seats = append(seats, floatSeat{Body: label(s.Body), Level: label(s.Level), Sector: s.Sector, Current: s.HeldOn(asOf)})
	}
	for _, p := range r.OrgPosts {
		posts = append(posts, floatOrgPost{Kind: label(p.Kind), Level: label(p.Level), Leading: p.Leading})
	}
	for _, a := range r.Awards {
		awards = append(awards, floatAward{Level: label(a.Level), Year: a.Year})
	}
	f.Seats, f.OrgPosts, f.Awards = seats, posts, awards
	from3, from5 := asOf.AddYears(-3), asOf.AddYears(-5)
	for _, t := range r.Trainings {
		if t.Date.After(asOf) || t.Hours <= 0 {
			continue
		}
		if !t.Date.Before(from5) {
			f.TrainingHours5y += t.Hours
		}
		if !t.Date.Before(from3) {
			f.TrainingHours += t.Hours
		}
	}
}

// label is a code's label, "" when it is not filled in.
func label[T interface {
	Label() string
	Valid() bool
}](v T) string {
	if !v.Valid() {
		return ""
	}
	return v.Label()
}

// floatScheme is the part of the baseline's index system that a peer
// applies around its formulas, in float64: each indicator's and bonus's
// points, the total and the grade bands, read from the compiled policy.
type floatScheme struct {
	indicators []string // ids, in the policy's order
	caps       []float64
	bonusCaps  []float64
	total      float64
	bands      []floatBand // from the top band down
	vetoGrade  evaluate.Grade
}

type floatBand struct {
	from  float64
	grade evaluate.Grade
}

func newFloatScheme(tb testing.TB, p *policy.Policy) floatScheme {
	tb.Helper()
	s := p.Evaluator().Scheme()
	fs := floatScheme{total: s.Total.InexactFloat64(), vetoGrade: s.VetoGrade}
	for _, top := range s.Indicators {
		for _, in := range top.Children {
			fs.indicators = append(fs.indicators, in.ID)
			fs.caps = append(fs.caps, in.Points.InexactFloat64())
		}
	}
	require.Equal(tb, nativeIDs[:], fs.indicators, "a peer gives the baseline's indicators in nativeIDs's order")
	for _, b := range s.Bonuses {
		fs.bonusCaps = append(fs.bonusCaps, b.Points.InexactFloat64())
	}
	for _, b := range s.Grades {
		fs.bands = append(fs.bands, floatBand{from: b.From.InexactFloat64(), grade: b.Grade})
	}
	slices.SortStableFunc(fs.bands, func(a, b floatBand) int { return cmp.Compare(b.from, a.from) })
	require.Equal(tb, 2, int(s.Rounding.Places), "the peers round to 2 places")
	require.Equal(tb, evaluate.HalfUp, s.Rounding.Mode, "the peers round half up")
	return fs
}

// floatPoints caps x to 0..limit and rounds it half up to 2 places.
func floatPoints(x, limit float64) float64 {
	return floatCents(min(max(x, 0), limit))
}

// floatCents rounds x half up to 2 places. A binary float holds most halves of
// a cent only approximately (1.005 is 1.00499999999999989...), so x is
// nudged up by a billionth of a cent, far below any amount the form
// records: without it 2.01 / 2 would round to 1.00, where the decimal
// gives 1.01, and one generated record in thirteen would lose a cent.
func floatCents(x float64) float64 {
	return math.Floor(x*100+0.5+1e-9) / 100
}

// finish adds up the scores in res and grades them, vetoed or not.
func (s *floatScheme) finish(res *floatResult) {
	res.Subtotal = floatCents(res.Subtotal) // the sum of cents, without the float's dust
	res.Bonus = floatCents(res.Bonus)
	res.Total = min(floatCents(res.Subtotal+res.Bonus), s.total)
	res.Grade = s.vetoGrade
	if res.Vetoed {
		return
	}
	for _, b := range s.bands {
		if res.Total >= b.from {
			res.Grade = b.grade
			return
		}
	}
}

// floatRules are a peer's compiled formulas, in the scheme's order.
type floatRules[P any] struct {
	indicators, bonuses, vetoes []P
}

// floatScore runs a peer's formulas, with number for the indicators and
// bonuses and holds for the vetoes, and scores what they give.
func floatScore[P any](s *floatScheme, rules *floatRules[P], number func(P) (float64, error), holds func(P) (bool, error)) (floatResult, error) {
	var res floatResult
	for i, prog := range rules.indicators {
		x, err := number(prog)
		if err != nil {
			return res, fmt.Errorf("%s: %w", s.indicators[i], err)
		}
		res.Scores[i] = floatPoints(x, s.caps[i])
		res.Subtotal += res.Scores[i]
	}
	for i, prog := range rules.bonuses {
		x, err := number(prog)
		if err != nil {
			return res, err
		}
		res.Bonus += floatPoints(x, s.bonusCaps[i])
	}
	for _, prog := range rules.vetoes {
		held, err := holds(prog)
		if err != nil {
			return res, err
		}
		res.Vetoed = res.Vetoed || held
	}
	s.finish(&res)
	return res, nil
}

// exprPeer runs the baseline's formulas, their text as the policy has it,
// with plain expr over float64: one program per formula, one VM and one
// view reused from record to record. It is not safe for concurrent use.
//
// Plain expr has no points or step; they are registered over float64 with
// the library's meaning (points: the label's points, 0 when not in the
// table; step: the points of the highest threshold reached, 0 for none).
// max, any, count and ?: are expr's own, and int / int is a float64 in
// expr, as TrainingHours / 4 needs.
type exprPeer struct {
	scheme floatScheme
	rules  floatRules[*vm.Program]
	vm     vm.VM
	env    floatFacts
}

func newExprPeer(tb testing.TB, p *policy.Policy) *exprPeer {
	tb.Helper()
	peer := &exprPeer{scheme: newFloatScheme(tb, p)}
	s := p.Evaluator().Scheme()
	opts := []expr.Option{
		expr.Env(&floatFacts{}),
		expr.Function("points", exprPoints, new(func(string, map[string]any) float64)),
		expr.Function("step", exprStep, new(func(int, []any) float64), new(func(float64, []any) float64)),
	}
	compile := func(id, src string, extra ...expr.Option) *vm.Program {
		prog, err := expr.Compile(src, append(opts[:len(opts):len(opts)], extra...)...)
		require.NoError(tb, err, id)
		return prog
	}
	for _, top := range s.Indicators {
		for _, in := range top.Children {
			peer.rules.indicators = append(peer.rules.indicators, compile(in.ID, in.Formula))
		}
	}
	for _, b := range s.Bonuses {
		peer.rules.bonuses = append(peer.rules.bonuses, compile(b.ID, b.Formula))
	}
	for _, v := range s.Vetoes {
		peer.rules.vetoes = append(peer.rules.vetoes, compile(v.ID, v.Formula, expr.AsBool()))
	}
	return peer
}

// Evaluate scores r on asOf in the given group.
func (p *exprPeer) Evaluate(r *roster.Record, asOf roster.Date, group string) (floatResult, error) {
	p.env.set(r, asOf)
	p.env.Group = group
	return floatScore(&p.scheme, &p.rules, p.number, p.holds)
}

func (p *exprPeer) holds(prog *vm.Program) (bool, error) {
	out, err := p.vm.Run(prog, &p.env)
	if err != nil {
		return false, err
	}
	return out.(bool), nil
}

func (p *exprPeer) number(prog *vm.Program) (float64, error) {
	out, err := p.vm.Run(prog, &p.env)
	if err != nil {
		return 0, err
	}
	return exprFloat(out)
}

func exprFloat(v any) (float64, error) {
	switch n := v.(type) {
	case int:
		return float64(n), nil
	case float64:
		return n, nil
	}
	return 0, fmt.Errorf("%v (%T) is not a number", v, v)
}

func exprPoints(params ...any) (any, error) {
	key, _ := params[0].(string)
	table, _ := params[1].(map[string]any)
	v, ok := table[key]
	if !ok {
		return 0.0, nil
	}
	return exprFloat(v)
}

func exprStep(params ...any) (any, error) {
	x, err := exprFloat(params[0])
	if err != nil {
		return nil, err
	}
	table, _ := params[1].([]any)
	best, pts, found := 0.0, 0.0, false
	for i, row := range table {
		pair, ok := row.([]any)
		if !ok || len(pair) != 2 {
			return nil, fmt.Errorf("step: row %d is not a pair [threshold, points]", i+1)
		}
		th, err := exprFloat(pair[0])
		if err != nil {
			return nil, err
		}
		if x >= th && (!found || th > best) {
			if pts, err = exprFloat(pair[1]); err != nil {
				return nil, err
			}
			best, found = th, true
		}
	}
	return pts, nil
}

// celFormulas are the baseline's indicators in CEL where the policy's text
// does not compile as CEL; the others (A2, D1, the bonuses and the vetoes)
// run as the policy writes them. What changed:
//   - int / int is whole-number division in CEL and int and double do not
//     mix, so a division is written over doubles (double(TrainingHours) / 4.0);
//   - max is ext.Math's math.greatest, and both arms of ?: are doubles in A1
//     (2.0);
//   - any(L, .x) is L.exists(e, e.x) and count(L, .x) is L.filter(e, e.x).size();
//   - points and step are registered as CEL functions over doubles with
//     the library's meaning, so their tables stay as written.
var celFormulas = map[string]string{
	"P1": `points(PoliticalRating, {"优秀": 15, "良好": 12, "一般": 8, "较差": 0})`,
	"P2": `double(TrainingHours) / 4.0`,
	"A1": `math.greatest(Education in ["研究生", "大学本科", "大学专科"]
	        ? points(Education, {"研究生": 8, "大学本科": 6, "大学专科": 4}) : 2.0,
	      points(TitleLevel, {"正高": 8, "副高": 7, "中级": 5, "初级": 3}))`,
	"A3": `10 * Awards.filter(a, a.Level == "国家级").size() + 8 * Awards.filter(a, a.Level == "省级").size()
	  + 6 * Awards.filter(a, a.Level == "市级").size() + 4 * Awards.filter(a, a.Level == "县级").size()`,
	"S1": `math.greatest(
	    Seats.exists(s, s.Current && s.Level in ["国家级", "省级"]) ? 12 :
	    Seats.exists(s, s.Current && s.Level == "市级") ? 10 :
	    Seats.exists(s, s.Current && s.Level == "县级") ? 8 : 0,
	    OrgPosts.exists(p, p.Leading && p.Level in ["国家级", "省级", "市级"]) ? 8 :
	    OrgPosts.exists(p, p.Leading && p.Level == "县级") ? 6 : 0)`,
	"S2": `Group == "G4"
	    ? step(Followers, [[1000000, 8], [100000, 6], [10000, 3]])
	    : points(IndustryRating, {"优秀": 8, "良好": 6, "一般": 3})`,
	"C1": `Donations / 2.0 + double(VolunteerHours) / 20.0`,
	"C2": `double(JobsCreated) / 20.0`,
	"D2": `Attendance * 5.0`,
}

// celPeer runs the baseline's formulas in CEL over doubles: one
// cel.Program per formula, planned with constant folding and OptOptimize
// (constant lists and maps built once, in over a constant list a set
// lookup), evaluated with one activation that reads the names straight
// from one reused view. It is not safe for concurrent use.
type celPeer struct {
	scheme floatScheme
	rules  floatRules[cel.Program]
	env    floatFacts
	vars   celVars
}

func newCELPeer(tb testing.TB, p *policy.Policy) *celPeer {
	tb.Helper()
	peer := &celPeer{scheme: newFloatScheme(tb, p)}
	peer.vars.f = &peer.env
	env, err := cel.NewEnv(celEnv()...)
	require.NoError(tb, err)
	folding, err := cel.NewConstantFoldingOptimizer()
	require.NoError(tb, err)
	optimizer, err := cel.NewStaticOptimizer(folding)
	require.NoError(tb, err)
	compile := func(id, src string, kinds ...*cel.Type) cel.Program {
		if t, ok := celFormulas[id]; ok {
			src = t
		}
		ast, iss := env.Compile(src)
		require.NoError(tb, iss.Err(), id)
		require.True(tb, slices.ContainsFunc(kinds, ast.OutputType().IsExactType), "%s gives %s", id, ast.OutputType())
		ast, iss = optimizer.Optimize(env, ast)
		require.NoError(tb, iss.Err(), id)
		prog, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize))
		require.NoError(tb, err, id)
		return prog
	}
	s := p.Evaluator().Scheme()
	for _, top := range s.Indicators {
		for _, in := range top.Children {
			peer.rules.indicators = append(peer.rules.indicators, compile(in.ID, in.Formula, cel.IntType, cel.DoubleType))
		}
	}
	for _, b := range s.Bonuses {
		peer.rules.bonuses = append(peer.rules.bonuses, compile(b.ID, b.Formula, cel.IntType, cel.DoubleType))
	}
	for _, v := range s.Vetoes {
		peer.rules.vetoes = append(peer.rules.vetoes, compile(v.ID, v.Formula, cel.BoolType))
	}
	return peer
}

// Evaluate scores r on asOf in the given group.
func (p *celPeer) Evaluate(r *roster.Record, asOf roster.Date, group string) (floatResult, error) {
	p.env.set(r, asOf)
	p.env.Group = group
	return floatScore(&p.scheme, &p.rules, p.number, p.holds)
}

func (p *celPeer) holds(prog cel.Program) (bool, error) {
	out, _, err := prog.Eval(&p.vars)
	if err != nil {
		return false, err
	}
	return out == types.True, nil
}

func (p *celPeer) number(prog cel.Program) (float64, error) {
	out, _, err := prog.Eval(&p.vars)
	if err != nil {
		return 0, err
	}
	switch n := out.(type) {
	case types.Int:
		return float64(n), nil
	case types.Double:
		return float64(n), nil
	}
	return 0, fmt.Errorf("%v (%T) is not a number", out, out)
}

// celEnv declares the names the baseline's formulas read, the lists'
// element types (read through reflection by ext.NativeTypes), math.greatest
// and the two scoring functions.
func celEnv() []cel.EnvOption {
	seat, post, award := reflect.TypeFor[floatSeat](), reflect.TypeFor[floatOrgPost](), reflect.TypeFor[floatAward]()
	listOf := func(t reflect.Type) *cel.Type {
		return cel.ListType(cel.ObjectType("evaluate_test." + t.Name()))
	}
	return []cel.EnvOption{
		ext.NativeTypes(seat, post, award),
		ext.Math(),
		cel.Variable("Group", cel.StringType),
		cel.Variable("PoliticalRating", cel.StringType),
		cel.Variable("Education", cel.StringType),
		cel.Variable("TitleLevel", cel.StringType),
		cel.Variable("IndustryRating", cel.StringType),
		cel.Variable("TrainingHours", cel.IntType),
		cel.Variable("FieldYears", cel.IntType),
		cel.Variable("Followers", cel.IntType),
		cel.Variable("VolunteerHours", cel.IntType),
		cel.Variable("JobsCreated", cel.IntType),
		cel.Variable("Proposals", cel.IntType),
		cel.Variable("Donations", cel.DoubleType),
		cel.Variable("Attendance", cel.DoubleType),
		cel.Variable("EmergencyRelief", cel.BoolType),
		cel.Variable("NationalRecognition", cel.BoolType),
		cel.Variable("CriminalPenalty", cel.BoolType),
		cel.Variable("DishonestDebtor", cel.BoolType),
		cel.Variable("TaxViolation", cel.BoolType),
		cel.Variable("NegativeStatements", cel.BoolType),
		cel.Variable("Seats", listOf(seat)),
		cel.Variable("OrgPosts", listOf(post)),
		cel.Variable("Awards", listOf(award)),
		cel.Function("points",
			cel.Overload("points_string_map_int", []*cel.Type{cel.StringType, cel.MapType(cel.StringType, cel.IntType)},
				cel.DoubleType, cel.BinaryBinding(celPoints))),
		cel.Function("step",
			cel.Overload("step_int_list_list_int", []*cel.Type{cel.IntType, cel.ListType(cel.ListType(cel.IntType))},
				cel.DoubleType, cel.BinaryBinding(celStep))),
	}
}

// celVars resolves the names celEnv declares from the view f points to.
type celVars struct{ f *floatFacts }

// ResolveName gives the value of a declared name.
func (a *celVars) ResolveName(name string) (any, bool) {
	f := a.f
	switch name {
	case "Group":
		return types.String(f.Group), true
	case "PoliticalRating":
		return types.String(f.PoliticalRating), true
	case "Education":
		return types.String(f.Education), true
	case "TitleLevel":
		return types.String(f.TitleLevel), true
	case "IndustryRating":
		return types.String(f.IndustryRating), true
	case "TrainingHours":
		return types.Int(f.TrainingHours), true
	case "FieldYears":
		return types.Int(f.FieldYears), true
	case "Followers":
		return types.Int(f.Followers), true
	case "VolunteerHours":
		return types.Int(f.VolunteerHours), true
	case "JobsCreated":
		return types.Int(f.JobsCreated), true
	case "Proposals":
		return types.Int(f.Proposals), true
	case "Donations":
		return types.Double(f.Donations), true
	case "Attendance":
		return types.Double(f.Attendance), true
	case "EmergencyRelief":
		return types.Bool(f.EmergencyRelief), true
	case "NationalRecognition":
		return types.Bool(f.NationalRecognition), true
	case "CriminalPenalty":
		return types.Bool(f.CriminalPenalty), true
	case "DishonestDebtor":
		return types.Bool(f.DishonestDebtor), true
	case "TaxViolation":
		return types.Bool(f.TaxViolation), true
	case "NegativeStatements":
		return types.Bool(f.NegativeStatements), true
	case "Seats":
		return f.Seats, true
	case "OrgPosts":
		return f.OrgPosts, true
	case "Awards":
		return f.Awards, true
	}
	return nil, false
}

// Parent is nil: the view is the only activation.
func (a *celVars) Parent() interpreter.Activation { return nil }

func celNumber(v ref.Val) (float64, bool) {
	switch n := v.(type) {
	case types.Int:
		return float64(n), true
	case types.Double:
		return float64(n), true
	}
	return 0, false
}

func celPoints(label, table ref.Val) ref.Val {
	v, found := table.(traits.Mapper).Find(label)
	if !found {
		return types.Double(0)
	}
	x, ok := celNumber(v)
	if !ok {
		return types.NewErr("points: %v is not a number", v)
	}
	return types.Double(x)
}

func celStep(value, table ref.Val) ref.Val {
	x, ok := celNumber(value)
	if !ok {
		return types.NewErr("step: %v is not a number", value)
	}
	rows := table.(traits.Lister)
	n, _ := rows.Size().(types.Int)
	best, pts, found := 0.0, 0.0, false
	for i := range n {
		pair, ok := rows.Get(i).(traits.Lister)
		if !ok || pair.Size() != types.Int(2) {
			return types.NewErr("step: row %d is not a pair [threshold, points]", i+1)
		}
		th, ok1 := celNumber(pair.Get(types.Int(0)))
		p, ok2 := celNumber(pair.Get(types.Int(1)))
		if !ok1 || !ok2 {
			return types.NewErr("step: row %d is not numbers", i+1)
		}
		if x >= th && (!found || th > best) {
			best, pts, found = th, p, true
		}
	}
	return types.Double(pts)
}
