package newstrata_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// valid makes a person a record the round's validation accepts: sex,
// ethnicity and a citizen ID that agrees with them (the n-th of the test).
func valid(t *testing.T, n int) func(*roster.Record) {
	return func(r *roster.Record) {
		han, err := roster.ParseEthnicity("汉族")
		require.NoError(t, err)
		first := fmt.Sprintf("45010319800501%03d", 2*n+1) // odd: male
		check, err := roster.CheckCharacter(first)
		require.NoError(t, err)
		r.Sex, r.Ethnicity, r.CitizenID = roster.Male, han, first+string(check)
	}
}

// smallLists is the baseline with a city list of one seat, one seat for
// 青秀区 and none elsewhere, and, when zone is set, a list of one seat for
// 南宁高新技术产业开发区 (4501A1).
func smallLists(t *testing.T, zone bool, overlays ...string) *newstrata.Assessor {
	t.Helper()
	city := policy.BaselineFile()
	lists := city.Document.Lists.Lists
	for i := range lists {
		lists[i].Quota, lists[i].CoverageShare = 0, dec("0")
		if lists[i].Unit == "" || lists[i].Unit == "450103" {
			lists[i].Quota = 1
		}
	}
	if zone {
		city.Document.Lists.Lists = append(lists, tier.List{Unit: "4501A1", Quota: 1, PriorityLevel: roster.County})
	}
	files := []*policy.File{city}
	for i, src := range overlays {
		f, err := policy.Parse("450103", "overlay.yaml", []byte(src))
		require.NoError(t, err, i)
		files = append(files, f)
	}
	set, err := policy.NewSet(roster.Nanning(), files)
	require.NoError(t, err)
	a, err := newstrata.New(newstrata.Config{Policies: set})
	require.NoError(t, err)
	return a
}

// The city list ranks by the city's policy, a county's list by the
// county's. Under the city's baseline R1 scores 90 (A) and R2 89 (B);
// under 青秀区's overlay, which moves two points from 带动就业 to 公益慈善,
// R1 scores 88 (B) and R2 91 (A). R2 beats R1 in the county, yet R1 takes
// the one city seat: the county's scores never rank the city list.
func TestRoundCityAndCountyScores(t *testing.T) {
	records := func() []*roster.Record {
		return []*roster.Record{
			person("R1", valid(t, 1), jobs(140), attendance("0.6")),
			person("R2", valid(t, 2), donations("20"), attendance("0.2")),
		}
	}
	type seat struct {
		list                    string
		score, cityScore, grade string
	}
	tests := []struct {
		name     string
		overlays []string
		want     map[string]seat // by key: the list and the scores that ranked it
	}{
		{
			name: "one policy",
			want: map[string]seat{
				"R1": {"450100", "90", "0", "A"},
				"R2": {"450103", "89", "0", "B"},
			},
		},
		{
			name:     "the county's overlay",
			overlays: []string{weightOverlay},
			want: map[string]seat{
				"R1": {"450100", "88", "90", "B"},
				"R2": {"450103", "91", "89", "A"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := smallLists(t, false, tt.overlays...)
			reg, ch, b, err := a.Round(context.Background(), nil, records(), asOf, nil)
			require.NoError(t, err)
			require.Empty(t, b.Rejected)
			require.Len(t, ch.Selection.Lists, 13)
			for _, lr := range ch.Selection.Lists {
				for _, ad := range lr.Admitted {
					c := ad.Candidate
					w, ok := tt.want[c.Key]
					require.True(t, ok, c.Key)
					assert.Equal(t, w.list, lr.List.ID, c.Key)
					assert.Equal(t, w.score, c.Score.String(), c.Key)
					assert.Equal(t, w.cityScore, c.CityScore.String(), c.Key)
					assert.Equal(t, w.grade, c.Grade.Code(), c.Key)
				}
			}
			for key, w := range tt.want {
				row, ok := reg.Get(key)
				require.True(t, ok)
				assert.Equal(t, w.list, row.List, key)
				assert.Equal(t, w.score, row.Score.String(), "the registry keeps the unit's score")
			}
			assert.Equal(t, 2, ch.Count(tier.Entered))
			for _, as := range b.Assessments {
				assert.Equal(t, len(tt.overlays) > 0, as.City != nil, as.Key)
				assert.Equal(t, roster.Provincial, as.Post, as.Key)
			}
		})
	}
}

// A development zone has a list only where the city's policy gives it
// one; a record of a zone without one is rejected from the round.
func TestRoundZone(t *testing.T) {
	zoned := func() []*roster.Record {
		return []*roster.Record{person("Z1", valid(t, 3), func(r *roster.Record) { r.Unit = "4501A1" })}
	}
	t.Run("given a list", func(t *testing.T) {
		reg, ch, b, err := smallLists(t, true).Round(context.Background(), nil, zoned(), asOf, nil)
		require.NoError(t, err)
		assert.Empty(t, b.Rejected)
		require.Len(t, ch.Items, 1)
		row, _ := reg.Get("Z1")
		assert.Equal(t, tier.SeatCity, row.Seat) // the city list is chosen first
	})
	t.Run("without one", func(t *testing.T) {
		_, ch, b, err := smallLists(t, false).Round(context.Background(), nil, zoned(), asOf, nil)
		require.NoError(t, err)
		assert.Empty(t, ch.Items)
		require.Len(t, b.Rejected, 1)
		assert.ErrorIs(t, b.Rejected[0].Err, newstrata.ErrNoList)
		assert.EqualError(t, b.Rejected[0].Err, "单位没有名单 (the unit has no list)：南宁高新技术产业开发区（4501A1）不在市级政策 nanning-2019 的名单规则（lists）中")
	})
}

// PostLevel takes the highest seat and the highest leading post; a post
// that is not a leading one gives no priority.
func TestPostLevel(t *testing.T) {
	tests := []struct {
		name string
		r    roster.Record
		want roster.Level
	}{
		{"none", roster.Record{}, 0},
		{"a seat", roster.Record{Seats: []roster.Seat{{Body: roster.NPC, Level: roster.County}, {Body: roster.CPPCC, Level: roster.City}}}, roster.City},
		{"a leading post above the seat", roster.Record{Seats: []roster.Seat{{Body: roster.NPC, Level: roster.County}}, OrgPosts: []roster.OrgPost{{Level: roster.Provincial, Leading: true}}}, roster.Provincial},
		{"a post that is not leading", roster.Record{OrgPosts: []roster.OrgPost{{Level: roster.National}}}, 0},
		{"a seat whose term has ended", roster.Record{Seats: []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Until: roster.NewDate(2018, 12, 31)}, {Body: roster.NPC, Level: roster.County}}}, roster.County},
		{"a seat ending this month still held", roster.Record{Seats: []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Until: roster.Date{Year: 2019, Month: 4}}}}, roster.City},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, newstrata.PostLevel(&tt.r, roster.NewDate(2019, 4, 15)))
		})
	}
}

// The whole sample roster, a first round on the notice's reporting date:
// every list of the baseline filled from the scores of its own policy.
func TestRoundSample(t *testing.T) {
	a, err := newstrata.New(newstrata.Config{})
	require.NoError(t, err)
	reg, ch, b, err := a.Round(context.Background(), nil, readSample(t), asOf, nil)
	require.NoError(t, err)
	assert.Empty(t, b.Rejected)
	assert.Len(t, ch.Selection.Lists, 13)
	assert.Equal(t, 200, len(ch.Selection.Lists[0].Admitted))
	seated := 0
	for _, row := range reg.Active() {
		if row.Seat.Listed() {
			seated++
		}
		assert.NotEqual(t, evaluate.GradeD, row.Grade)
	}
	listed := 0
	for _, lr := range ch.Selection.Lists {
		listed += len(lr.Admitted)
	}
	assert.Equal(t, listed, seated)
}
