package formula_test

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// largest is a record as large as the cost estimate assumes: every list at
// DefaultMaxItems, every text at DefaultMaxText.
func largest() *roster.Facts {
	text := strings.Repeat("县", formula.DefaultMaxText/3)
	f := facts()
	f.Employer, f.Position, f.Occupation, f.Unit = text, text, text, text
	f.Donations = decimal.RequireFromString("99999999.123456789012345678901234567")
	for range formula.DefaultMaxItems {
		f.Seats = append(f.Seats, roster.SeatFacts{Body: "政协委员", Level: "市级", Sector: text})
		f.OrgPosts = append(f.OrgPosts, roster.OrgPostFacts{Kind: text, Level: "县级", Leading: true})
		f.Awards = append(f.Awards, roster.AwardFacts{Level: text, Year: 2020})
	}
	return f
}

// FuzzCompile compiles arbitrary formulas under a memory limit and runs
// what compiles on the largest record the estimate allows. No compile may
// take long or allocate much, and no run may take long: whatever a
// formula's text, the caps and the cost budget bound both.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"Age >= 25", `count(Awards, .Level == "县级") > 0`, `repeat("x", 1000000)`,
		`len(repeat(repeat("x", 99000), 1000000))`, strings.Repeat("-", 100) + "1",
		`let a = 1..300; count(1..99000, count(a, count(a, true) == 300) == 300)`,
		`let s = split(Employer, ""); count(s, count(s, # == "x") > 0)`,
		`keys({"a": 1})[0]`, `Key == "NN-450103-00001" ? 7 : 0`, "Donations * 1e300",
		`let a = Donations * 99999; let b = a * a; let c = b * b; let d = c * c; d > 0`,
		`let a = Employer + Employer; let b = a + a; len(b)`, `step(Followers, [[1000000, 8], [10000, 3]])`,
		`points(PoliticalRating, {"优秀": 15, "良好": 12})`, `Employer matches "(总工会|共青团)"`,
		`join(map(Awards, .Level), Employer)`, `replace(Employer, "", Employer)`, `toJSON(Awards)`,
		`sortBy(Awards, .Level)`, `flatten(map(Awards, split(.Level, "")))`,
	} {
		f.Add(s)
	}
	c, err := formula.NewEnv(formula.Config{
		Policy: "qingxiu-2019",
		Inputs: map[string]formula.InputType{"rural": formula.Decimal, "villages": formula.Int, "name": formula.String},
	})
	if err != nil {
		f.Fatal(err)
	}
	big := largest()
	big.In["name"] = strings.Repeat("x", formula.DefaultMaxText)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(256 << 20))
	f.Fuzz(func(t *testing.T, src string) {
		for _, kind := range []formula.Kind{formula.Predicate, formula.Number} {
			var p *formula.Program
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			p, err := c.Compile("F", src, kind, formula.Position{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if took > time.Second {
				t.Fatalf("compiling %q took %v", src, took)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
				t.Fatalf("compiling %q allocated %d MB", src, n>>20)
			}
			if err != nil {
				continue
			}
			start = time.Now()
			if kind == formula.Predicate {
				_, _ = p.Bool(big)
			} else {
				_, _ = p.Decimal(big)
			}
			if took := time.Since(start); took > time.Second {
				t.Fatalf("running %q (estimated cost %d) took %v", src, p.Cost(), took)
			}
		}
	})
}
