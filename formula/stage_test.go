package formula_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alone runs progs one by one, as a stage did before it had a Stage: the
// values, how many ran and the error.
func alone(progs []*formula.Program, f *roster.Facts) (numbers []formula.Fixed, bools []bool, n int, err error) {
	for i, p := range progs {
		if p.Kind() == formula.Predicate {
			var b bool
			b, err = p.Bool(f)
			bools = append(bools, b)
		} else {
			var x formula.Fixed
			x, err = p.Fixed(f)
			numbers = append(numbers, x)
		}
		if err != nil {
			return numbers, bools, i, err
		}
	}
	return numbers, bools, len(progs), nil
}

// describeRun writes what a run gave, numbers to their exponent, for
// comparing two runs.
func describeRun(numbers []formula.Fixed, bools []bool, n int, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ran %d, error %v\n", n, err)
	for _, x := range numbers {
		d := x.Decimal()
		fmt.Fprintf(&b, "%s e%d ", d, d.Exponent())
	}
	fmt.Fprintln(&b, bools)
	return b.String()
}

// TestStageAgreesWithPrograms runs random stages of random formulas on
// random records, each program compiled twice: once run in a Stage, once
// alone. The values, how many ran, the error and the fallbacks counted
// must be the same. The records reach past fixed point (fallbacks) and
// miss inputs (errors midway); some stages hold a program that runs on
// the VM, and some records are beyond the bounds of the formulas' cost.
func TestStageAgreesWithPrograms(t *testing.T) {
	env := nativeEnv(t)
	r := rand.New(rand.NewPCG(20190415, 7))
	g := gen{r}
	records := make([]*roster.Facts, 30)
	for i := range records {
		records[i] = randomFacts(r)
	}
	records[3].Employer = strings.Repeat("律", 400)     // 1200 bytes: beyond the text bound
	records[7].Awards = make([]roster.AwardFacts, 101) // beyond the list bound
	records[11].Occupation = strings.Repeat("x", 1025) // a text every stage may read
	records[12].Awards = append(records[12].Awards, roster.AwardFacts{Level: strings.Repeat("级", 342)})
	vmOnly := []string{`let x = Age; x > 3`, `Employer matches "^律师"`}
	var stages, failed, fellBack, beyond int
	for i := range 200 {
		var batched, single []*formula.Program
		for j := range 1 + r.IntN(12) {
			kind, src := formula.Number, g.numExpr(3)
			switch {
			case r.IntN(3) == 0:
				kind, src = formula.Predicate, g.boolExpr(3)
			case r.IntN(20) == 0:
				kind, src = formula.Predicate, vmOnly[r.IntN(len(vmOnly))]
			case r.IntN(8) == 0:
				kind, src = formula.Predicate, `len(Occupation) > 3 && count(Awards, .Level == "国家级") > 0 || Employer == "x"`
			}
			id := "B" + strconv.Itoa(i) + "." + strconv.Itoa(j)
			p, err := env.Compile(id, src, kind, formula.Position{})
			if err != nil {
				continue
			}
			q, err := env.Compile(id, src, kind, formula.Position{})
			require.NoError(t, err)
			batched, single = append(batched, p), append(single, q)
		}
		if len(batched) == 0 {
			continue
		}
		stages++
		b := formula.NewStage(batched...)
		require.Equal(t, len(batched), b.Len())
		for k, f := range records {
			numbers, bools := make([]formula.Fixed, b.Numbers()), make([]bool, b.Bools())
			n, err := b.Run(f, numbers, bools)
			wantNumbers, wantBools, wantN, wantErr := alone(single, f)
			// A failed run leaves the values after it as they were; alone
			// stops there.
			got := describeRun(numbers[:len(wantNumbers)], bools[:len(wantBools)], n, err)
			require.Equal(t, describeRun(wantNumbers, wantBools, wantN, wantErr), got, "stage %d, record %d", i, k)
			if err != nil {
				failed++
				if k == 3 || k == 7 || k == 11 || k == 12 {
					beyond++
				}
			}
		}
		for j := range batched {
			assert.Equal(t, single[j].Fallbacks(), batched[j].Fallbacks(), batched[j].Source())
			if batched[j].Fallbacks() > 0 {
				fellBack++
			}
		}
	}
	t.Logf("%d stages; %d runs failed, %d of them on records beyond the bounds; %d programs fell back", stages, failed, beyond, fellBack)
	require.Greater(t, stages, 150)
	assert.Positive(t, failed, "some runs must fail midway")
	assert.Positive(t, beyond, "some records must be beyond the bounds")
	assert.Positive(t, fellBack, "some runs must fall back to the VM")
}

// src is a formula's text and kind.
type src struct {
	kind formula.Kind
	text string
}

// compileEach compiles each formula with compiler as the rule E1, E2 ...;
// in file, from line 5 on at column 12, when file is given.
func compileEach(t *testing.T, file string, srcs ...src) []*formula.Program {
	t.Helper()
	c := compiler(t)
	var progs []*formula.Program
	for i, s := range srcs {
		var at formula.Position
		if file != "" {
			at = formula.Position{File: file, Line: 5 + i, Column: 12}
		}
		p, err := c.Compile("E"+strconv.Itoa(i+1), s.text, s.kind, at)
		require.NoError(t, err)
		progs = append(progs, p)
	}
	return progs
}

// A record beyond the bounds of a stage's second program gives that
// program's error, after the first program's value.
func TestStageRecordBeyondTheEstimate(t *testing.T) {
	b := formula.NewStage(compileEach(t, "c.yaml", src{formula.Number, `Age * 2`},
		src{formula.Predicate, `count(Awards, .Level == "县级") > 0`}, src{formula.Predicate, `len(Employer) > 3`})...)
	require.Equal(t, 1, b.Numbers())
	require.Equal(t, 2, b.Bools())
	f := facts()
	f.Employer = strings.Repeat("x", 1025)
	numbers, bools := make([]formula.Fixed, 1), make([]bool, 2)
	n, err := b.Run(f, numbers, bools)
	assert.Equal(t, "82", numbers[0].String())
	assert.True(t, bools[0], "an award of 县级")
	assert.Equal(t, 2, n)
	require.ErrorIs(t, err, formula.ErrRuntime)
	assert.Equal(t, "c.yaml:7:12: 政策 qingxiu-2019：规则 E3：记录的 Employer 长 1025 字节，超过公式代价估计所假定的 1024 字节 (rule E3: the record's Employer is 1025 bytes long, more than the 1024 the formula's cost bound assumes)", err.Error())

	f.Employer = "律师事务所"
	n, err = b.Run(f, numbers, bools)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, []bool{true, true}, bools)
}

// A stage's record of nothing is run program by program, as each program
// takes it.
func TestStageNilRecord(t *testing.T) {
	c := compiler(t)
	p, err := c.Compile("E1", `Age > 3`, formula.Predicate, formula.Position{})
	require.NoError(t, err)
	b := formula.NewStage(p)
	bools := make([]bool, 1)
	n, err := b.Run(nil, nil, bools)
	_, want := p.Bool(nil)
	assert.Equal(t, 0, n)
	require.Error(t, err)
	assert.Equal(t, want.Error(), err.Error())
}

// Run panics, before running anything, when it is given less room than
// its programs need, as indexing would; a program that fails leaves its
// own value and the later ones as they were.
func TestStageRoom(t *testing.T) {
	st := formula.NewStage(compileEach(t, "", src{formula.Number, `Age * 2`},
		src{formula.Number, `Donations / (Age - 41)`}, src{formula.Predicate, `Age > 3`})...)
	f := facts()
	assert.Panics(t, func() { _, _ = st.Run(f, make([]formula.Fixed, 1, 2), make([]bool, 1)) })
	assert.Panics(t, func() { _, _ = st.Run(f, make([]formula.Fixed, 2), nil) })

	numbers := []formula.Fixed{formula.FixedInt(-1), formula.FixedInt(-2)}
	bools := []bool{true}
	n, err := st.Run(f, numbers, bools)
	require.Error(t, err, "a division by zero")
	assert.Equal(t, 1, n)
	assert.Equal(t, "[82 -2]", fmt.Sprint(numbers))
	assert.Equal(t, []bool{true}, bools)
}
