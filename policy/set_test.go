package policy_test

import (
	"os"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetFor(t *testing.T) {
	s, err := policy.LoadFS(roster.Nanning(), cityCode, os.DirFS("testdata"), "versions", policy.WithBaseline())
	require.NoError(t, err)
	d := roster.NewDate
	tests := []struct {
		name string
		unit string
		day  roster.Date
		want string // a policy id, or the error
	}{
		{"the city's first version on its first day", "450100", d(2019, 4, 2), "city-2019"},
		{"the city's first version on its last day", "450100", d(2021, 12, 31), "city-2019"},
		{"the city's second version on its first day", "450100", d(2022, 1, 1), "city-2022"},
		{"a unit without a version of its own takes the city's", "450105", d(2020, 6, 1), "city-2019"},
		{"...and the city's next version", "450105", d(2023, 6, 1), "city-2022"},
		{"a unit's own version beats the city's", "450103", d(2020, 6, 1), "qingxiu-2020"},
		{"before the unit's version the city's", "450103", d(2019, 12, 31), "city-2019"},
		{"after the unit's version ends the city's", "450103", d(2022, 1, 1), "city-2022"},
		{"a unit named by its former code", "450127", d(2020, 6, 1), "hengxian-2019"},
		{"a policy filed under a former code serves the unit", "450181", d(2020, 6, 1), "hengxian-2019"},
		{"an overlay with its own valid_from and no valid_until is open-ended", "450181", d(2023, 6, 1), "hengxian-2019"},
		{"before any version", "450100", d(2019, 4, 1), "南宁市（450100）在 2019-04-01 没有生效的政策 (no policy in force: 南宁市 (450100) on 2019-04-01)"},
		{"before any version, for a unit", "450103", d(2018, 1, 1), "青秀区（450103）在 2018-01-01 没有生效的政策 (no policy in force: 青秀区 (450103) on 2018-01-01)"},
		{"a code that is not the city's or a unit's", "450199", d(2020, 6, 1), `没有生效的政策："450199" 既不是南宁市（450100），也不是其下辖区县 (no policy in force: "450199" is neither 南宁市 (450100) nor one of its units)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.For(tt.unit, tt.day)
			if p == nil {
				require.Error(t, err)
				assert.EqualError(t, err, tt.want)
				assert.ErrorIs(t, err, policy.ErrNoPolicy)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.ID())
			assert.True(t, p.InForce(tt.day))
		})
	}
}

// The embedded baseline is in force for the city on the days no policy of
// the city's own is, so a city's new version extends it without editing it.
func TestSetBaselineTakesOver(t *testing.T) {
	f, err := load(t, "versions/city-2022.yaml")
	require.NoError(t, err)
	s, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(t, err)
	for _, tc := range []struct {
		day  roster.Date
		want string
	}{
		{roster.NewDate(2019, 4, 2), policy.BaselineID},
		{roster.NewDate(2021, 12, 31), policy.BaselineID},
		{roster.NewDate(2022, 1, 1), "city-2022"},
		{roster.NewDate(2030, 1, 1), "city-2022"},
	} {
		p, err := s.For("450108", tc.day)
		require.NoError(t, err)
		assert.Equal(t, tc.want, p.ID(), "%s", tc.day)
	}
	_, err = s.For("450108", roster.NewDate(2019, 4, 1))
	assert.ErrorIs(t, err, policy.ErrNoPolicy)
}

func TestSetOfBaselineAlone(t *testing.T) {
	s, err := policy.NewSet(roster.Nanning(), nil, policy.WithBaseline())
	require.NoError(t, err)
	p, err := s.For("450123", roster.NewDate(2024, 3, 1))
	require.NoError(t, err)
	assert.Equal(t, policy.BaselineID, p.ID())
	base, err := policy.Baseline()
	require.NoError(t, err)
	assert.Equal(t, base.Fingerprint(), p.Fingerprint())
}

// A file with the baseline's id replaces it, and is then an ordinary policy
// of the city.
func TestSetReplacesBaseline(t *testing.T) {
	f := policy.BaselineFile()
	f.Document.ValidUntil = roster.NewDate(2021, 12, 31)
	next, err := load(t, "versions/city-2022.yaml")
	require.NoError(t, err)
	s, err := policy.NewSet(roster.Nanning(), []*policy.File{f, next}, policy.WithBaseline())
	require.NoError(t, err)
	p, err := s.For("450100", roster.NewDate(2021, 12, 31))
	require.NoError(t, err)
	assert.Equal(t, policy.BaselineID, p.ID())
	assert.Equal(t, roster.NewDate(2021, 12, 31), p.Document().ValidUntil)

	f.Document.ValidUntil = roster.Date{}
	_, err = policy.NewSet(roster.Nanning(), []*policy.File{f, next}, policy.WithBaseline())
	assert.EqualError(t, err, "versions/city-2022.yaml:6:13: 南宁市（450100）的政策 nanning-2019 和 city-2022 在 2022-01-01 同时生效；请用失效日期（valid_until）结束前一个 (policies nanning-2019 and city-2022 of 南宁市 (450100) are both in force on 2022-01-01; end the first with valid_until)")
}

// An overlay that extends a broken one is not reported again.
func TestSetReportsAChainOnce(t *testing.T) {
	bad, err := load(t, "overlay-errors/change-unknown-indicator.yaml")
	require.NoError(t, err)
	child, err := policy.Parse(qingxiuCode, "child.yaml", []byte("id: child\nname: 子\njurisdiction: \"450103\"\nextends: qingxiu-bad\nvalid_from: 2020-01-01\n"))
	require.NoError(t, err)
	_, err = policy.NewSet(roster.Nanning(), []*policy.File{child, bad}, policy.WithBaseline())
	assert.EqualError(t, err, `overlay-errors/change-unknown-indicator.yaml:8:8: 政策 qingxiu-bad：indicators.change：nanning-2019 中没有指标 "C9" (indicators.change: indicator "C9" does not exist in nanning-2019)`)
}

func TestSetConcurrentUse(t *testing.T) {
	s, err := policy.LoadFS(roster.Nanning(), cityCode, os.DirFS("testdata"), "versions", policy.WithBaseline())
	require.NoError(t, err)
	done := make(chan string)
	for i := range 16 {
		go func() {
			p, err := s.For("450103", roster.NewDate(2019+i%5, 6, 1))
			if err != nil {
				done <- err.Error()
				return
			}
			done <- p.ID()
		}()
	}
	seen := map[string]bool{}
	for range 16 {
		seen[<-done] = true
	}
	assert.Equal(t, map[string]bool{"city-2019": true, "qingxiu-2020": true, "city-2022": true}, seen)
}

// The embedded baseline is Nanning's: another city's set does without it,
// and its own files stand alone.
func TestSetOfAnotherCity(t *testing.T) {
	j, err := roster.ParseJurisdiction("liuzhou.yaml", []byte("code: \"450200\"\nname: 柳州市\nunits:\n  - {code: \"450202\", name: 城中区, kind: 市辖区}\n"))
	require.NoError(t, err)
	s, err := policy.NewSet(j, nil, policy.WithBaseline())
	require.NoError(t, err)
	_, err = s.For("450202", roster.NewDate(2024, 1, 1))
	assert.EqualError(t, err, "城中区（450202）在 2024-01-01 没有生效的政策 (no policy in force: 城中区 (450202) on 2024-01-01)")

	f := policy.BaselineFile()
	f.From, f.Document.ID, f.Document.Jurisdiction = "450200", "liuzhou-2024", "450200"
	// Nanning's lists name Nanning's units: Liuzhou writes its own.
	f.Document.Lists.Lists = []tier.List{{Quota: 200, PriorityLevel: roster.City}, {Unit: "450202", Quota: 50, PriorityLevel: roster.County}}
	over, err := policy.Parse("450202", "chengzhong.yaml", []byte("id: chengzhong-2024\nname: 城中区\njurisdiction: \"450202\"\nextends: liuzhou-2024\nvalid_from: 2024-06-01\n"))
	require.NoError(t, err)
	s, err = policy.NewSet(j, []*policy.File{f, over}, policy.WithBaseline())
	require.NoError(t, err)
	for _, tc := range []struct {
		day  roster.Date
		want string
	}{{roster.NewDate(2024, 1, 1), "liuzhou-2024"}, {roster.NewDate(2024, 6, 1), "chengzhong-2024"}} {
		p, err := s.For("450202", tc.day)
		require.NoError(t, err)
		assert.Equal(t, tc.want, p.ID())
	}
	_, ok := s.Policy(policy.BaselineID)
	assert.False(t, ok)
}

// A full document built in Go keeps Extends for the record: naming a policy
// that is not in the set, or one built on it, is no error.
func TestSetDocumentExtendsForTheRecord(t *testing.T) {
	f := policy.BaselineFile()
	f.Document.ID, f.Document.Extends, f.Document.ValidUntil = "city-2019", "city-2018", roster.NewDate(2021, 12, 31)
	s, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(t, err)
	p, err := s.For("450100", roster.NewDate(2020, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, "city-2019", p.ID())

	over, err := policy.Parse(cityCode, "next.yaml", []byte("id: city-2022\nname: 南宁市（2022）\njurisdiction: \"450100\"\nextends: city-2019\nvalid_from: 2022-01-01\n"))
	require.NoError(t, err)
	f.Document.Extends = "city-2022"
	s, err = policy.NewSet(roster.Nanning(), []*policy.File{f, over}, policy.WithBaseline())
	require.NoError(t, err)
	p, err = s.For("450100", roster.NewDate(2022, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, "city-2022", p.ID())
}
