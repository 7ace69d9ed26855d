package roster

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The quick way is taken only while the record's tags are the rules it
// was written for. When this fails, a tag changed: change quickRules and
// quickValid with it.
func TestQuickRulesAreTheTags(t *testing.T) {
	assert.True(t, quickAgrees(), "the record's validate tags differ from quickRules: change quickRules and quickValid with them")
	v := newTestValidator(t)
	assert.True(t, v.quick)
}

// quickSays compares the quick way with the validator's on r: they must
// agree, and the quick way must never pass a record the validator fails.
func quickSays(t *testing.T, v *Validator, r *Record, asOf Date, what string) {
	t.Helper()
	probs, err := v.problems(r, asOf)
	require.NoError(t, err)
	if quick := v.quickValid(r, asOf); quick != (len(probs) == 0) {
		var tags []string
		for _, p := range probs {
			tags = append(tags, p.Field+":"+p.Tag)
		}
		t.Errorf("%s: the quick way says %v, the validator %v", what, quick, tags)
	}
}

// The quick way says what the validator says of every field of a record
// set to each of a set of values on either side of its rules, one field at
// a time, and of generated records.
func TestQuickValidIsTheValidators(t *testing.T) {
	v := newTestValidator(t)
	woman := withCheck(t, "45010219900708002") // a woman born on 8 July 1990
	strs := []string{"", "a", "NN-000123", "NN 1", "450103", "450127", "4501D01", "4501A1", "999999", woman, " " + woman,
		strings.Repeat("字", 20), strings.Repeat("字", 21), strings.Repeat("字", 50), strings.Repeat("字", 51),
		strings.Repeat("字", 100), strings.Repeat("字", 101), strings.Repeat("字", 200), strings.Repeat("字", 201),
		strings.Repeat("a", 32), strings.Repeat("a", 33), strings.Repeat("字", 2000), strings.Repeat("字", 2001),
		"a\nb", "a\r\nb", "a\tb", "a\x00", "a\x7f", "\xff", "a\u2028b", "a\u2029", "a\u0085b", "a\u009f", "a\u00a0b", "\ufffd", "\xed\xa0\x80", "\xf4\x90\x80\x80", "13912345678", "12912345678", "0771-5612345", "010-62345678-808",
		"0771-0612345", "x.jpg", ".x", "x.", "CON.txt", "com1", "a/b.jpg", "照片.jpg"}
	ints := []int{-1, 0, 1, 80, 81, 1899, 1900, 2026, 2027, 100000, 100001, 1000000, 1000001, 100000000, 100000001, 2000000000, 2000000001}
	codes := []uint64{0, 1, 2, 3, 8, 10, 56, 57, 99, 255}
	dates := []Date{{}, NewDate(1985, time.March, 0), NewDate(1985, time.March, 14), NewDate(1985, time.March, 15),
		NewDate(1990, time.July, 8), NewDate(2021, time.December, 0), NewDate(2020, time.January, 0), NewDate(2026, time.June, 30),
		NewDate(2026, time.July, 1), NewDate(2026, time.June, 0), NewDate(2027, time.January, 0), NewDate(2019, time.February, 29),
		NewDate(2019, time.February, 0), NewDate(2019, 13, 1), NewDate(1799, time.January, 1), NewDate(0, 0, 5)}
	decs := []decimal.Decimal{{}, decimal.New(-1, 0), decimal.New(-1, -9), decimal.New(5, -1), decimal.New(1, 0),
		decimal.New(101, -2), decimal.New(1, 8), decimal.New(100000001, 0)}
	dateType, decType := reflect.TypeFor[Date](), reflect.TypeFor[decimal.Decimal]()

	// probe sets each field of the struct at rv to each value of its kind.
	var probe func(path string, rv reflect.Value, check func(what string))
	probe = func(path string, rv reflect.Value, check func(what string)) {
		for i := range rv.NumField() {
			f, sf := rv.Field(i), rv.Type().Field(i)
			if _, tagged := sf.Tag.Lookup("validate"); !tagged {
				continue
			}
			was := reflect.New(f.Type()).Elem()
			was.Set(f)
			try := func(x reflect.Value, shown any) {
				f.Set(x)
				check(path + sf.Name + "=" + strings.ToValidUTF8(fmtShort(shown), "?"))
			}
			switch {
			case f.Type() == dateType:
				for _, d := range dates {
					try(reflect.ValueOf(d), d)
				}
			case f.Type() == decType:
				for _, d := range decs {
					try(reflect.ValueOf(d), d)
				}
			case f.Kind() == reflect.String:
				for _, s := range strs {
					try(reflect.ValueOf(s).Convert(f.Type()), s)
				}
			case f.Kind() == reflect.Int:
				for _, n := range ints {
					try(reflect.ValueOf(n).Convert(f.Type()), n)
				}
			case f.Kind() == reflect.Uint8:
				for _, n := range codes {
					try(reflect.ValueOf(n).Convert(f.Type()), n)
				}
			case f.Kind() == reflect.Slice:
				try(reflect.Zero(f.Type()), "nil")
				f.Set(was)
				if f.Len() > 0 {
					probe(path+sf.Name+"[0].", f.Index(0), check)
				}
			default:
				t.Fatalf("%s%s: a field of a kind this test does not probe", path, sf.Name)
			}
			f.Set(was)
		}
	}
	for _, asOf := range []Date{testAsOf, NewDate(2022, time.January, 1), NewDate(1985, time.March, 14)} {
		r := validRecord(t)
		quickSays(t, v, r, asOf, "the valid record")
		probe("", reflect.ValueOf(r).Elem(), func(what string) {
			// The lists are shared with validRecord's other calls: copy them.
			c := *r
			quickSays(t, v, &c, asOf, asOf.String()+" "+what)
		})
	}
}

// The quick way says what the validator says of the sample rosters' records,
// the good and the bad.
func TestQuickValidOnRosters(t *testing.T) {
	v := newTestValidator(t)
	for _, name := range []string{"roster.csv", "roster_bad.csv"} {
		f, err := os.Open(filepath.Join("..", "testdata", name))
		require.NoError(t, err)
		batch, err := NewReader(f).ReadAll()
		f.Close()
		require.NoError(t, err)
		require.NotEmpty(t, batch.Records)
		for _, r := range batch.Records {
			quickSays(t, v, r, NewDate(2019, time.April, 15), name+" "+r.Key)
		}
	}
}

func fmtShort(x any) string {
	s := strings.ReplaceAll(reflect.ValueOf(x).String(), "\n", `\n`)
	if d, ok := x.(Date); ok {
		s = d.String()
	} else if d, ok := x.(decimal.Decimal); ok {
		s = d.String()
	} else if n, ok := x.(int); ok {
		s = decimal.NewFromInt(int64(n)).String()
	} else if n, ok := x.(uint64); ok {
		s = decimal.NewFromUint64(n).String()
	}
	if len([]rune(s)) > 24 {
		s = string([]rune(s)[:24]) + "…"
	}
	return s
}

// The codes quickValid looks up are those the jurisdiction finds: units
// by their present and former codes, and departments as recommenders
// only.
func TestQuickCodes(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		code              string
		unit, recommender bool
	}{
		{"450181", true, true},
		{"450127", true, true}, // 横县, now 横州市
		{"4501D01", false, true},
		{"450100", false, false}, // the city itself
		{"", false, false},
		{"999999", false, false},
	}
	for _, tt := range tests {
		_, unit := v.j.Unit(tt.code)
		_, rec := v.j.Recommender(tt.code)
		assert.Equal(t, tt.unit, unit, "j.Unit(%q)", tt.code)
		assert.Equal(t, tt.recommender, rec, "j.Recommender(%q)", tt.code)
		assert.Equal(t, tt.unit, v.isUnit(tt.code), "isUnit(%q)", tt.code)
		assert.Equal(t, tt.recommender, v.isRecommender(tt.code), "isRecommender(%q)", tt.code)
	}
}
