package synth_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/roster"
)

var update = flag.Bool("update", false, "rewrite testdata/roster.csv from the generator")

const samplePath = "../../testdata/roster.csv"

// TestSampleFile keeps the checked-in sample in step with the generator:
// a change to either shows here, and -update (or the gensample command)
// rewrites the file.
func TestSampleFile(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, synth.WriteSample(&b))
	if *update {
		require.NoError(t, os.WriteFile(samplePath, b.Bytes(), 0o644))
	}
	want, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	if !bytes.Equal(want, b.Bytes()) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(b.String(), "\n")
		for i := 0; i < max(len(wl), len(gl)); i++ {
			w, g := at(wl, i), at(gl, i)
			if w != g {
				t.Fatalf("%s differs from the generator from line %d on (-want +got):\n-%s\n+%s\nrun go test ./internal/synth -update, or go run ./internal/synth/cmd/gensample",
					samplePath, i+1, w, g)
			}
		}
	}

	recs, err := roster.NewReader(bytes.NewReader(want)).ReadAll()
	require.NoError(t, err)
	assert.Empty(t, recs.Errors)
	assert.Len(t, recs.Records, synth.SampleSize)
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

func TestGenerateIsDeterministic(t *testing.T) {
	asOf := roster.NewDate(2023, time.June, 30)
	a := synth.Generate(3000, 42, asOf)
	b := synth.Generate(3000, 42, asOf)
	assert.Equal(t, a, b)
	c := synth.Generate(3000, 43, asOf)
	assert.NotEqual(t, a[0], c[0], "another seed, other people")
	short := synth.Generate(10, 42, asOf)
	assert.Equal(t, a[:10], short, "a shorter run is a prefix")
}

// Records yields the records Generate returns, one at a time, and stops
// when asked.
func TestRecords(t *testing.T) {
	asOf := roster.NewDate(2023, time.June, 30)
	want := synth.Generate(3000, 42, asOf)
	var got []roster.Record
	for r := range synth.Records(3000, 42, asOf) {
		got = append(got, *r)
	}
	assert.Equal(t, want, got)
	n := 0
	for range synth.Records(3000, 42, asOf) {
		if n++; n == 10 {
			break
		}
	}
	assert.Equal(t, 10, n)
	for range synth.Records(0, 42, asOf) {
		t.Fatal("no records")
	}
}

func TestGenerateEdges(t *testing.T) {
	assert.Nil(t, synth.Generate(0, 1, synth.SampleAsOf()))
	assert.Nil(t, synth.Generate(-5, 1, synth.SampleAsOf()))
	assert.Equal(t, synth.Generate(5, 1, synth.SampleAsOf()), synth.Generate(5, 1, roster.Date{}), "the zero date is the sample's")
	assert.Equal(t, synth.Generate(5, 1, roster.NewDate(2019, time.April, 1)), synth.Generate(5, 1, roster.NewDate(2019, time.April, 0)), "a month is its first day")
}

var (
	nameRE  = regexp.MustCompile(`^\p{Han}测试\d{4,}$`)
	phoneRE = regexp.MustCompile(`^1[3-9]\d{9}$`)
	keyRE   = regexp.MustCompile(`^NN-4501\d\d-\d{5}$`)
)

// TestGenerateValid checks every record against the form's rules and the
// promises of the package doc.
func TestGenerateValid(t *testing.T) {
	for _, asOf := range []roster.Date{synth.SampleAsOf(), roster.NewDate(2024, time.February, 29)} {
		t.Run(asOf.String(), func(t *testing.T) {
			recs := synth.Generate(20000, 2019, asOf)
			v, err := roster.NewValidator(roster.Nanning())
			require.NoError(t, err)
			keys, ids, phones := map[string]bool{}, map[string]bool{}, map[string]bool{}
			for i := range recs {
				r := &recs[i]
				require.NoError(t, v.ValidateAt(r, i+1, asOf))
				assert.Regexp(t, nameRE, r.Name)
				assert.Regexp(t, phoneRE, r.Phone)
				assert.Regexp(t, keyRE, r.Key)
				assert.True(t, strings.HasPrefix(r.CitizenID, "4501"), r.Key)
				id, err := roster.ParseCitizenID(r.CitizenID)
				require.NoError(t, err)
				assert.Equal(t, r.Sex, id.Sex())
				age := id.BirthDate().YearsTo(asOf)
				assert.True(t, age >= 20 && age <= 70, "%s is %d", r.Key, age)
				assert.False(t, keys[r.Key] || ids[r.CitizenID] || phones[r.Phone], "%s: key, ID and phone are unique", r.Key)
				keys[r.Key], ids[r.CitizenID], phones[r.Phone] = true, true, true
			}
		})
	}
}

// TestGenerateMix checks the shares the package doc promises, within a
// margin far wider than the sampling error of 20,000 records.
func TestGenerateMix(t *testing.T) {
	recs := synth.Generate(20000, 7, synth.SampleAsOf())
	share := func(f func(r *roster.Record) bool) float64 {
		n := 0
		for i := range recs {
			if f(&recs[i]) {
				n++
			}
		}
		return float64(n) / float64(len(recs))
	}
	kind := func(ks ...roster.EmployerKind) func(r *roster.Record) bool {
		return func(r *roster.Record) bool {
			for _, k := range ks {
				if r.EmployerKind == k {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		name     string
		f        func(r *roster.Record) bool
		min, max float64
	}{
		{"private or foreign-invested enterprise (G1, most of G4)", kind(roster.PrivateEnterprise, roster.ForeignEnterprise), 0.52, 0.58},
		{"intermediary or social organisation (G2)", kind(roster.Intermediary, roster.SocialGroup, roster.Foundation, roster.SocialService), 0.17, 0.21},
		{"no employer (G3, self-media)", kind(roster.NoEmployer), 0.20, 0.25},
		{"not new strata", kind(roster.Government, roster.PublicInstitution, roster.StateOwned), 0.02, 0.04},
		{"new media (G4 and overlaps)", func(r *roster.Record) bool { return r.NewMedia }, 0.18, 0.24},
		{"CPC", func(r *roster.Record) bool {
			return r.Politics == roster.CPCMember || r.Politics == roster.CPCProbationary
		}, 0.13, 0.17},
		{"NPC or CPPCC seat", func(r *roster.Record) bool { return len(r.Seats) > 0 }, 0.10, 0.18},
		{"integrity problem", func(r *roster.Record) bool {
			return r.CriminalPenalty || r.DishonestDebtor || r.TaxViolation || r.NegativeStatements
		}, 0.005, 0.015},
		{"award", func(r *roster.Record) bool { return len(r.Awards) > 0 }, 0.55, 0.80},
		{"followers only in new media", func(r *roster.Record) bool { return r.Followers > 0 != r.NewMedia }, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := share(tt.f)
			assert.True(t, s >= tt.min && s <= tt.max, "share %.4f not in [%.3f, %.3f]", s, tt.min, tt.max)
		})
	}

	units := map[string]int{}
	occupations := map[string]bool{}
	for i := range recs {
		units[recs[i].Unit]++
		occupations[recs[i].Occupation] = true
	}
	assert.Len(t, units, 12, "every county-level unit of Nanning")
	for _, o := range []string{"网络作家", "自由撰稿人", "画家", "书法家", "摄影师", "音乐创作人", "独立导演", "制片人", "歌手",
		"营销策划师", "企业培训师", "市场调研咨询师", "经纪人", "设计师", "翻译", "工程机械技术人员", "家电维修技师"} {
		assert.True(t, occupations[o], "freelance occupation %s", o)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{2000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				synth.Generate(n, 1, synth.SampleAsOf())
			}
		})
	}
}
