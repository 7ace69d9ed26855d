package policy_test

import (
	"errors"
	"github.com/newstrata/newstrata/formula"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// checkFuzzError fails unless every error joined in err is a *formula.Error
// that names its file.
func checkFuzzError(t *testing.T, err error) {
	t.Helper()
	for _, e := range leaves(err) {
		var pe *formula.Error
		if !errors.As(e, &pe) {
			t.Fatalf("%T is not a *formula.Error: %v", e, e)
		}
		if pe.File == "" {
			t.Fatalf("the error names no file: %v", e)
		}
	}
}

// seedFiles adds the baseline and every YAML fixture under testdata.
func seedFiles(f *testing.F) {
	data, err := os.ReadFile("data/nanning-2019.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	err = filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil {
			f.Add(data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
}

// FuzzParse reads arbitrary bytes as a policy file, applies it to the
// baseline when it is an overlay, compiles it and, when it compiles, builds
// a set of it. Nothing may panic, and every error names the file.
func FuzzParse(f *testing.F) {
	seedFiles(f)
	base := policy.BaselineFile().Document
	// The loader runs under a memory limit, and an input that makes it
	// allocate past the limit fails: a county's file, whatever it holds,
	// costs the city's process a bounded amount.
	const limit = 256 << 20
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		defer func() {
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; n > limit {
				t.Fatalf("loading %d bytes allocated %d MB", len(data), n>>20)
			}
		}()
		file, err := policy.Parse(cityCode, "fuzz.yaml", data)
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		doc := file.Document
		if file.Overlay != nil {
			if doc, err = file.Overlay.Apply(base); err != nil {
				checkFuzzError(t, err)
				return
			}
		}
		_ = policy.Diff(base, doc)
		_ = doc.Fingerprint()
		if _, err := policy.Compile(doc); err != nil {
			checkFuzzError(t, err)
			return
		}
		// A set compiles the baseline again: only for what compiles alone.
		if _, err := policy.NewSet(roster.Nanning(), []*policy.File{file}, policy.WithBaseline()); err != nil {
			checkFuzzError(t, err)
		}
	})
}

// FuzzCompileFormula puts an arbitrary formula into the baseline's
// indicator P2 and compiles it; when it compiles, it runs it on an empty
// record and on a full one. Nothing may panic.
func FuzzCompileFormula(f *testing.F) {
	for _, s := range baselineFormulas(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"", " ", "In.x", "In", `In["x"]`, "$env", "now()", "__in_int(In, \"x\")",
		"[1, 2][5]", "1 / 0", "Donations / 0", "let x = 1; x", `{"a": 1}["b"]`,
		"step(Followers, [[1, 2]])", "step(Followers, [[1]])", `step(Followers, [["a", 2]])`,
		`points("a", {"a": "b"})`, "points(Sex, {})", "clamp(1, 3, 2)", "clamp(Age, 0.5, 10)",
		"abs(-1)", "decimal(1e308) * decimal(1e308) * 10", "1e308 * 10", "0.1 + 0.2",
		"max(Age, Sexx)", "min()", "sum(map(Awards, .Year))", "count(Seats, .Level == \"省级\") * 1.5",
		"Age > 3 ? 1 : \"x\"", "TrainingHours / 4\n  + 1", "Donations.IsZero()", "-Age", "Age ** 40",
		"Age % 0", "len(Sex) / len(Ethnicity)", "repeat(\"x\", 1000000)", "upper(Sex) == Sex ? 1 : 0",
	} {
		f.Add(s)
	}
	base := policy.BaselineFile().Document
	empty := roster.Facts{}
	full := roster.Facts{
		Key: "NN-0001", Group: "G4", Age: 40, Sex: "男性", PoliticalRating: "优秀", Education: "研究生",
		TitleLevel: "正高", FieldYears: 12, Followers: 2000000, Local: true, TrainingHours: 48,
		Seats:     []roster.SeatFacts{{Body: "政协委员", Level: "市级"}},
		OrgPosts:  []roster.OrgPostFacts{{Kind: "社会组织", Level: "县级", Leading: true}},
		Awards:    []roster.AwardFacts{{Level: "省级", Year: 2022}},
		Donations: dec("12.5"), VolunteerHours: 100, JobsCreated: 300, Proposals: 7, Attendance: dec("0.9"),
	}
	f.Fuzz(func(t *testing.T, src string) {
		d := base.Clone()
		d.Indicators[0].Children[1].Formula = src
		p, err := policy.Compile(d)
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		for _, facts := range []roster.Facts{empty, full} {
			_, _ = p.Evaluator().Evaluate(&facts)
		}
	})
}

func baselineFormulas(tb testing.TB) []string {
	p, err := policy.Baseline()
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for c := range p.Conditions().All() {
		out = append(out, c.Formula)
	}
	indicators, bonuses, _ := p.Evaluator().Rules()
	for _, r := range append(indicators, bonuses...) {
		out = append(out, r.Source())
	}
	return out
}
