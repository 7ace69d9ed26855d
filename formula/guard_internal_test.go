package formula

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// guardReads are the fields a formula may read whose size within checks:
// every text, decimal and list of the record, and a String and a Decimal
// input.
var guardReads = []string{
	"Key", "Employer", "Education", "Seats", "OrgPosts", "Awards",
	"Donations", "Attendance", "Age", "CPC", "AsOf", "In.note", "In.rural", "In.villages",
}

func guardProgram(t testing.TB) *Program {
	env, err := NewEnv(Config{Inputs: map[string]InputType{"note": String, "rural": Decimal, "villages": Int}})
	require.NoError(t, err)
	p := &Program{reads: guardReads}
	p.guard(env)
	return p
}

// guardFacts is an ordinary record, well within the bounds.
func guardFacts() *roster.Facts {
	return &roster.Facts{
		Key: "R-0001", Employer: "广西某某科技有限公司", Education: "大学本科", Age: 41, CPC: true,
		Seats: []roster.SeatFacts{
			{Body: "政协委员", Level: "县级", Sector: "经济界", Current: true},
			{Body: "人大代表", Level: "市级", Sector: "", Current: false},
		},
		OrgPosts:   []roster.OrgPostFacts{{Kind: "社会组织", Level: "市级", Leading: true}},
		Awards:     []roster.AwardFacts{{Level: "县级", Year: 2021}, {Level: "省级", Year: 2023}},
		Donations:  decimal.RequireFromString("12.5"),
		Attendance: decimal.RequireFromString("0.85"),
		In:         map[string]any{"note": "乡村振兴", "rural": decimal.RequireFromString("2.5"), "villages": 3},
	}
}

func guardMessage(zh, en string) string { return bilingual(zh, en) }

func TestWithin(t *testing.T) {
	long := strings.Repeat("x", DefaultMaxText+1)
	dec := decimal.RequireFromString
	digits := func(name string, n int) string {
		return guardMessage(
			fmt.Sprintf("记录的 %s 写出来有 %d 位数字，超过公式代价估计所假定的 40 位", name, n),
			fmt.Sprintf("the record's %s has %d digits written out, more than the 40 the formula's cost bound assumes", name, n))
	}
	text := func(name string, n int) string {
		return guardMessage(
			fmt.Sprintf("记录的 %s 长 %d 字节，超过公式代价估计所假定的 1024 字节", name, n),
			fmt.Sprintf("the record's %s is %d bytes long, more than the 1024 the formula's cost bound assumes", name, n))
	}
	for _, tc := range []struct {
		name   string
		change func(f *roster.Facts)
		want   string // "" when the record passes
	}{
		{"ordinary record", func(*roster.Facts) {}, ""},
		{"zero values", func(f *roster.Facts) { *f = roster.Facts{} }, ""},
		{"text at the bound", func(f *roster.Facts) { f.Employer = long[1:] }, ""},
		{"text too long", func(f *roster.Facts) { f.Employer = long }, text("Employer", DefaultMaxText+1)},
		{"first failing bound", func(f *roster.Facts) { f.Key, f.Employer = long+"x", long }, text("Key", DefaultMaxText+2)},
		{"list at the bound", func(f *roster.Facts) { f.Awards = make([]roster.AwardFacts, DefaultMaxItems) }, ""},
		{"list too long", func(f *roster.Facts) { f.Awards = make([]roster.AwardFacts, DefaultMaxItems+1) }, guardMessage(
			"记录的 Awards 有 101 项，超过公式代价估计所假定的 100 项",
			"the record's Awards has 101 items, more than the 100 the formula's cost bound assumes")},
		{"text of a list item too long", func(f *roster.Facts) {
			f.Seats = append(f.Seats, roster.SeatFacts{Body: "政协委员", Sector: long + "xx"})
		}, text("Seats[2].Sector", DefaultMaxText+3)},
		{"first text of a list item", func(f *roster.Facts) { f.Seats[1].Body, f.Seats[1].Level = long, long }, text("Seats[1].Body", DefaultMaxText+1)},
		{"text of another list's item", func(f *roster.Facts) { f.OrgPosts[0].Level = long }, text("OrgPosts[0].Level", DefaultMaxText+1)},
		{"40 digits", func(f *roster.Facts) { f.Donations = dec(strings.Repeat("9", 40)) }, ""},
		{"huge coefficient", func(f *roster.Facts) { f.Donations = dec(strings.Repeat("9", 41)) }, digits("Donations", 41)},
		{"huge negative coefficient", func(f *roster.Facts) { f.Donations = dec("-" + strings.Repeat("9", 45)) }, digits("Donations", 45)},
		{"1e39", func(f *roster.Facts) { f.Donations = decimal.New(1, 39) }, ""},
		{"1e40", func(f *roster.Facts) { f.Donations = decimal.New(1, 40) }, digits("Donations", 41)},
		{"1e-39", func(f *roster.Facts) { f.Attendance = decimal.New(1, -39) }, ""},
		{"1e-50", func(f *roster.Facts) { f.Attendance = dec("1e-50") }, digits("Attendance", 51)},
		{"long fraction", func(f *roster.Facts) { f.Attendance = dec("0." + strings.Repeat("3", 40)) }, digits("Attendance", 41)},
		{"input text too long", func(f *roster.Facts) { f.In["note"] = long }, text("In.note", DefaultMaxText+1)},
		{"input decimal too long", func(f *roster.Facts) { f.In["rural"] = decimal.New(-7, -60) }, digits("In.rural", 61)},
		{"inputs missing", func(f *roster.Facts) { f.In = nil }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := guardProgram(t)
			f := guardFacts()
			tc.change(f)
			err := p.within(f)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

func TestWithinAllocs(t *testing.T) {
	p := guardProgram(t)
	f := guardFacts()
	require.NoError(t, p.within(f))
	assert.Zero(t, testing.AllocsPerRun(1000, func() { _ = p.within(f) }))
}

func BenchmarkWithin(b *testing.B) {
	p := guardProgram(b)
	f := guardFacts()
	b.ReportAllocs()
	for b.Loop() {
		if err := p.within(f); err != nil {
			b.Fatal(err)
		}
	}
}
