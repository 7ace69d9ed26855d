package tier_test

import (
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The city list ranks by the city's policy, a county list by the
// county's: QX-1 beats QX-2 under 青秀区's overlay (88 to 85) but not under
// the city's (80 to 84), so QX-2 takes the city seat and QX-1 the county's.
func TestCityAndCountyScores(t *testing.T) {
	rules := tier.Rules{
		Lists: []tier.List{
			{ID: "450100", Quota: 1, PriorityLevel: roster.City},
			{ID: "450103", Unit: "450103", Quota: 1, PriorityLevel: roster.County},
		},
		OneList: true,
		Grades:  []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC},
		Order:   []tier.SortKey{tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey},
	}
	d := decimal.RequireFromString
	person := func(key, county string, cityGrade evaluate.Grade, city string) tier.Candidate {
		c := tier.Candidate{Key: key, Unit: "450103", Group: classify.G1, Grade: evaluate.GradeB, Score: d(county), CityGrade: cityGrade}
		if city != "" {
			c.CityScore = d(city)
		}
		return c
	}
	tests := []struct {
		name      string
		cands     []tier.Candidate
		city      string // who takes the city seat
		county    string // who takes the county seat
		cityCut   string // the city list's 分数线
		countyCut string
		cityHeld  tier.Entry
		decidedBy tier.SortKey
	}{
		{
			name:  "one policy: the county score ranks both lists",
			cands: []tier.Candidate{person("QX-1", "88", 0, ""), person("QX-2", "85", 0, "")},
			city:  "QX-1", county: "QX-2", cityCut: "88", countyCut: "85",
			cityHeld:  tier.Entry{Key: "QX-2", Rank: 2, Group: classify.G1, Grade: evaluate.GradeB, Reason: tier.ReasonQuota},
			decidedBy: tier.ByScore,
		},
		{
			name:  "two policies: the city's score ranks the city list",
			cands: []tier.Candidate{person("QX-1", "88", evaluate.GradeB, "80"), person("QX-2", "85", evaluate.GradeB, "84")},
			city:  "QX-2", county: "QX-1", cityCut: "84", countyCut: "88",
			cityHeld:  tier.Entry{Key: "QX-1", Rank: 2, Group: classify.G1, Grade: evaluate.GradeB, Reason: tier.ReasonQuota},
			decidedBy: tier.ByScore,
		},
		{
			name:  "the city's grade ranks too: A under the city, B under the county",
			cands: []tier.Candidate{person("QX-1", "88", evaluate.GradeB, "85"), person("QX-2", "85", evaluate.GradeA, "90")},
			city:  "QX-2", county: "QX-1", cityCut: "90", countyCut: "88",
			cityHeld:  tier.Entry{Key: "QX-1", Rank: 2, Group: classify.G1, Grade: evaluate.GradeB, Reason: tier.ReasonQuota},
			decidedBy: tier.ByGrade,
		},
		{
			name:  "D under the city's policy: off the city list, free for the county's",
			cands: []tier.Candidate{person("QX-1", "88", evaluate.GradeD, "55"), person("QX-2", "85", evaluate.GradeB, "84")},
			city:  "QX-2", county: "QX-1", cityCut: "84", countyCut: "88",
			cityHeld: tier.Entry{Key: "QX-1", Group: classify.G1, Grade: evaluate.GradeD, Reason: tier.ReasonGrade},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tier.Select(rules, tt.cands)
			require.NoError(t, err)
			require.Len(t, res.Lists, 2)
			city, county := res.Lists[0], res.Lists[1]
			require.Len(t, city.Admitted, 1)
			require.Len(t, county.Admitted, 1)
			assert.Equal(t, tt.city, city.Admitted[0].Candidate.Key)
			assert.Equal(t, tt.county, county.Admitted[0].Candidate.Key)
			assert.Equal(t, tt.cityCut, city.Cut.Score.String())
			assert.Equal(t, tt.countyCut, county.Cut.Score.String())
			assert.Equal(t, []tier.Entry{tt.cityHeld}, city.HeldBack)
			assert.Equal(t, tt.decidedBy, city.Cut.DecidedBy)
		})
	}
}

// A city grade outside the set is refused like any other.
func TestCityGradeUnknown(t *testing.T) {
	rules := tier.Rules{
		Lists:   []tier.List{{ID: "450100", Quota: 1}},
		OneList: true,
		Grades:  []evaluate.Grade{evaluate.GradeA},
		Order:   []tier.SortKey{tier.ByScore, tier.ByKey},
	}
	_, err := tier.Select(rules, []tier.Candidate{{Key: "X-1", Group: classify.G1, Grade: evaluate.GradeA, CityGrade: 9}})
	assert.EqualError(t, err, "记录 X-1：市级综合评价等次 未知 (city grade unknown)")
	assert.ErrorIs(t, err, tier.ErrInvalid)
}
