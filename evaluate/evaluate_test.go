package evaluate_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// asOf is the assessment date of every test.
var asOf = roster.NewDate(2019, 6, 15)

var compileBaseline = sync.OnceValues(func() (*policy.Policy, error) { return policy.Baseline() })

func baseline(t testing.TB) *policy.Policy {
	t.Helper()
	p, err := compileBaseline()
	require.NoError(t, err)
	return p
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// blank is a person who earns nothing the baseline does not give for free:
// every indicator gives 0 except 学历职称 (A1), which gives 2 to any
// education below college.
func blank() *roster.Record {
	return &roster.Record{
		Key:       "NN-0001",
		Unit:      "450103",
		BirthDate: roster.NewDate(1980, 5, 1),
		Politics:  roster.NonParty,
		Reliable:  true,
		Local:     true,
	}
}

// full gives r every point of the baseline's index system: 100 without a
// bonus, in group G1 (行业影响力 from the industry rating).
func full(r *roster.Record) {
	r.PoliticalRating = roster.Excellent                                                        // P1 15
	r.Trainings = []roster.Training{{Name: "研修班", Date: roster.NewDate(2018, 9, 1), Hours: 40}} // P2 10
	r.Education = roster.Postgraduate                                                           // A1 8
	r.FieldYears = 7                                                                            // A2 7
	r.Awards = []roster.Award{{Name: "全国劳动模范", Level: roster.National, Year: 2017}}             // A3 10
	r.Seats = []roster.Seat{{Body: roster.CPPCC, Level: roster.National}}                       // S1 12
	r.IndustryRating = roster.Excellent                                                         // S2 8
	r.Donations = dec("16")                                                                     // C1 8
	r.JobsCreated = 140                                                                         // C2 7
	r.Proposals = 5                                                                             // D1 10
	r.Attendance = dec("1")                                                                     // D2 5
}

// fifty earns 50: P1 15, P2 10, A1 8, A2 7, A3 10, nothing else.
func fifty(r *roster.Record) {
	r.PoliticalRating = roster.Excellent
	r.Trainings = []roster.Training{{Name: "研修班", Date: roster.NewDate(2018, 9, 1), Hours: 40}}
	r.Education = roster.Postgraduate
	r.FieldYears = 7
	r.Awards = []roster.Award{{Name: "全国劳动模范", Level: roster.National, Year: 2017}}
}

// facts binds r under p as the pipeline does: p.Facts, then the group that
// classification gave.
func facts(t testing.TB, p *policy.Policy, r *roster.Record, group string) *roster.Facts {
	t.Helper()
	f, err := p.Facts(r, asOf)
	require.NoError(t, err)
	f.Group = group
	return &f
}

// score evaluates blank() changed by mods, in group G1, under the baseline.
func score(t testing.TB, mods ...func(*roster.Record)) *evaluate.Result {
	t.Helper()
	return scoreIn(t, "G1", mods...)
}

func scoreIn(t testing.TB, group string, mods ...func(*roster.Record)) *evaluate.Result {
	t.Helper()
	r := blank()
	for _, m := range mods {
		m(r)
	}
	p := baseline(t)
	res, err := p.Evaluator().Evaluate(facts(t, p, r, group))
	require.NoError(t, err)
	return res
}

func training(hours int, on roster.Date) func(*roster.Record) {
	return func(r *roster.Record) {
		r.Trainings = append(r.Trainings, roster.Training{Name: "培训", Date: on, Hours: hours})
	}
}

func seat(body roster.Body, level roster.Level) func(*roster.Record) {
	return func(r *roster.Record) { r.Seats = append(r.Seats, roster.Seat{Body: body, Level: level}) }
}

func orgPost(kind roster.OrgKind, level roster.Level, leading bool) func(*roster.Record) {
	return func(r *roster.Record) {
		r.OrgPosts = append(r.OrgPosts, roster.OrgPost{Kind: kind, Organization: "新的社会阶层人士联谊会", Level: level, Leading: leading})
	}
}

func awards(levels ...roster.Level) func(*roster.Record) {
	return func(r *roster.Record) {
		for _, l := range levels {
			r.Awards = append(r.Awards, roster.Award{Name: "表彰", Level: l, Year: 2018})
		}
	}
}

// TestIndicators pins every second-level indicator of the baseline: what
// its formula reads, its cap, and HALF_UP rounding to 2 places.
func TestIndicators(t *testing.T) {
	tests := []struct {
		name      string
		indicator string
		group     string // "" means G1
		mod       func(*roster.Record)
		raw       string // "" to leave unchecked
		want      string
	}{
		// P1 政治立场: the recommending unit's rating.
		{"P1 优秀", "P1", "", func(r *roster.Record) { r.PoliticalRating = roster.Excellent }, "15", "15"},
		{"P1 良好", "P1", "", func(r *roster.Record) { r.PoliticalRating = roster.Good }, "12", "12"},
		{"P1 一般", "P1", "", func(r *roster.Record) { r.PoliticalRating = roster.Fair }, "8", "8"},
		{"P1 较差", "P1", "", func(r *roster.Record) { r.PoliticalRating = roster.Poor }, "0", "0"},
		{"P1 not rated", "P1", "", func(*roster.Record) {}, "0", "0"},

		// P2 学习培训: hours in the three years up to the assessment date ÷ 4, cap 10.
		{"P2 no training", "P2", "", func(*roster.Record) {}, "0", "0"},
		{"P2 one hour", "P2", "", training(1, roster.NewDate(2019, 1, 10)), "0.25", "0.25"},
		{"P2 ten hours", "P2", "", training(10, roster.NewDate(2019, 1, 10)), "2.5", "2.5"},
		{"P2 39 hours", "P2", "", training(39, roster.NewDate(2019, 1, 10)), "9.75", "9.75"},
		{"P2 40 hours reach the cap", "P2", "", training(40, roster.NewDate(2019, 1, 10)), "10", "10"},
		{"P2 41 hours are capped", "P2", "", training(41, roster.NewDate(2019, 1, 10)), "10.25", "10"},
		{"P2 three years ago to the day counts", "P2", "", training(8, roster.NewDate(2016, 6, 15)), "2", "2"},
		{"P2 the day before does not", "P2", "", training(8, roster.NewDate(2016, 6, 14)), "0", "0"},
		{"P2 after the assessment date does not", "P2", "", training(8, roster.NewDate(2019, 6, 16)), "0", "0"},

		// A1 学历职称: the better of education and title.
		{"A1 研究生", "A1", "", func(r *roster.Record) { r.Education = roster.Postgraduate }, "8", "8"},
		{"A1 大学本科", "A1", "", func(r *roster.Record) { r.Education = roster.Undergraduate }, "6", "6"},
		{"A1 大学专科", "A1", "", func(r *roster.Record) { r.Education = roster.College }, "4", "4"},
		{"A1 高中 is other", "A1", "", func(r *roster.Record) { r.Education = roster.HighSchool }, "2", "2"},
		{"A1 中专 is other", "A1", "", func(r *roster.Record) { r.Education = roster.Vocational }, "2", "2"},
		{"A1 not filled in is other", "A1", "", func(*roster.Record) {}, "2", "2"},
		{"A1 正高 over 高中", "A1", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.HighSchool, roster.Senior }, "8", "8"},
		{"A1 副高 over 本科", "A1", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.Undergraduate, roster.ViceSenior }, "7", "7"},
		{"A1 中级 over 专科", "A1", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.College, roster.Intermediate }, "5", "5"},
		{"A1 初级 over 高中", "A1", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.HighSchool, roster.Junior }, "3", "3"},
		{"A1 本科 over 初级", "A1", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.Undergraduate, roster.Junior }, "6", "6"},
		{"A1 研究生 with 副高", "A1", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.Postgraduate, roster.ViceSenior }, "8", "8"},

		// A2 从业经历: 1 a year in the field, cap 7.
		{"A2 no years", "A2", "", func(*roster.Record) {}, "0", "0"},
		{"A2 3 years", "A2", "", func(r *roster.Record) { r.FieldYears = 3 }, "3", "3"},
		{"A2 7 years", "A2", "", func(r *roster.Record) { r.FieldYears = 7 }, "7", "7"},
		{"A2 20 years are capped", "A2", "", func(r *roster.Record) { r.FieldYears = 20 }, "20", "7"},

		// A3 荣誉表彰: 10/8/6/4 an award by level, cap 10.
		{"A3 none", "A3", "", func(*roster.Record) {}, "0", "0"},
		{"A3 national", "A3", "", awards(roster.National), "10", "10"},
		{"A3 provincial", "A3", "", awards(roster.Provincial), "8", "8"},
		{"A3 city", "A3", "", awards(roster.City), "6", "6"},
		{"A3 county", "A3", "", awards(roster.County), "4", "4"},
		{"A3 two county awards add up", "A3", "", awards(roster.County, roster.County), "8", "8"},
		{"A3 city and county reach the cap", "A3", "", awards(roster.City, roster.County), "10", "10"},
		{"A3 provincial and county are capped", "A3", "", awards(roster.Provincial, roster.County), "12", "10"},
		{"A3 an award without a level gives nothing", "A3", "", awards(0), "0", "0"},

		// S1 政治安排与社会职务: the best seat or leading post.
		{"S1 national NPC seat", "S1", "", seat(roster.NPC, roster.National), "12", "12"},
		{"S1 provincial CPPCC seat", "S1", "", seat(roster.CPPCC, roster.Provincial), "12", "12"},
		{"S1 city seat", "S1", "", seat(roster.CPPCC, roster.City), "10", "10"},
		{"S1 county seat", "S1", "", seat(roster.NPC, roster.County), "8", "8"},
		{"S1 leading post city level", "S1", "", orgPost(roster.UnitedFrontOrg, roster.City, true), "8", "8"},
		{"S1 leading post national level", "S1", "", orgPost(roster.SocialOrg, roster.National, true), "8", "8"},
		{"S1 leading post county level", "S1", "", orgPost(roster.SocialOrg, roster.County, true), "6", "6"},
		{"S1 a post that does not lead gives nothing", "S1", "", orgPost(roster.UnitedFrontOrg, roster.City, false), "0", "0"},
		{"S1 county seat beats a city post", "S1", "", func(r *roster.Record) {
			seat(roster.NPC, roster.County)(r)
			orgPost(roster.UnitedFrontOrg, roster.City, true)(r)
		}, "8", "8"},
		{"S1 city post beats a county post", "S1", "", func(r *roster.Record) {
			orgPost(roster.SocialOrg, roster.County, true)(r)
			orgPost(roster.UnitedFrontOrg, roster.City, true)(r)
		}, "8", "8"},
		{"S1 the best of two seats", "S1", "", func(r *roster.Record) {
			seat(roster.NPC, roster.County)(r)
			seat(roster.CPPCC, roster.City)(r)
		}, "10", "10"},
		{"S1 none", "S1", "", func(*roster.Record) {}, "0", "0"},

		// S2 行业影响力: G4 by followers, the other groups by industry rating.
		{"S2 G4 9,999 followers", "S2", "G4", func(r *roster.Record) { r.Followers = 9999 }, "0", "0"},
		{"S2 G4 10,000 followers", "S2", "G4", func(r *roster.Record) { r.Followers = 10000 }, "3", "3"},
		{"S2 G4 99,999 followers", "S2", "G4", func(r *roster.Record) { r.Followers = 99999 }, "3", "3"},
		{"S2 G4 100,000 followers", "S2", "G4", func(r *roster.Record) { r.Followers = 100000 }, "6", "6"},
		{"S2 G4 999,999 followers", "S2", "G4", func(r *roster.Record) { r.Followers = 999999 }, "6", "6"},
		{"S2 G4 1,000,000 followers", "S2", "G4", func(r *roster.Record) { r.Followers = 1000000 }, "8", "8"},
		{"S2 G4 ignores the industry rating", "S2", "G4", func(r *roster.Record) { r.IndustryRating = roster.Excellent }, "0", "0"},
		{"S2 G1 优秀", "S2", "G1", func(r *roster.Record) { r.IndustryRating = roster.Excellent }, "8", "8"},
		{"S2 G2 良好", "S2", "G2", func(r *roster.Record) { r.IndustryRating = roster.Good }, "6", "6"},
		{"S2 G3 一般", "S2", "G3", func(r *roster.Record) { r.IndustryRating = roster.Fair }, "3", "3"},
		{"S2 G1 较差", "S2", "G1", func(r *roster.Record) { r.IndustryRating = roster.Poor }, "0", "0"},
		{"S2 G2 ignores followers", "S2", "G2", func(r *roster.Record) { r.Followers = 2000000 }, "0", "0"},
		{"S2 unclassified reads the rating", "S2", "-", func(r *roster.Record) { r.IndustryRating = roster.Good }, "6", "6"},

		// C1 公益慈善: donations in 万元 ÷ 2 + volunteer hours ÷ 20, cap 8.
		{"C1 nothing", "C1", "", func(*roster.Record) {}, "0", "0"},
		{"C1 2 万元", "C1", "", func(r *roster.Record) { r.Donations = dec("2") }, "1", "1"},
		{"C1 20 volunteer hours", "C1", "", func(r *roster.Record) { r.VolunteerHours = 20 }, "1", "1"},
		{"C1 7 volunteer hours", "C1", "", func(r *roster.Record) { r.VolunteerHours = 7 }, "0.35", "0.35"},
		{"C1 both", "C1", "", func(r *roster.Record) { r.Donations, r.VolunteerHours = dec("3.5"), 30 }, "3.25", "3.25"},
		{"C1 16 万元 reach the cap", "C1", "", func(r *roster.Record) { r.Donations = dec("16") }, "8", "8"},
		{"C1 capped", "C1", "", func(r *roster.Record) { r.Donations, r.VolunteerHours = dec("10"), 100 }, "10", "8"},
		{"C1 0.005 rounds half up", "C1", "", func(r *roster.Record) { r.Donations = dec("0.01") }, "0.005", "0.01"},
		{"C1 0.0045 rounds down", "C1", "", func(r *roster.Record) { r.Donations = dec("0.009") }, "0.0045", "0"},
		{"C1 1.005 rounds half up (a float gives 1.00)", "C1", "", func(r *roster.Record) { r.Donations = dec("2.01") }, "1.005", "1.01"},
		{"C1 0.005 + 0.05 is 0.055, rounded half up", "C1", "", func(r *roster.Record) { r.Donations, r.VolunteerHours = dec("0.01"), 1 }, "0.055", "0.06"},
		{"C1 0.1 + 0.2 is 0.3", "C1", "", func(r *roster.Record) { r.Donations, r.VolunteerHours = dec("0.2"), 4 }, "0.3", "0.3"},

		// C2 带动就业: jobs ÷ 20, cap 7.
		{"C2 none", "C2", "", func(*roster.Record) {}, "0", "0"},
		{"C2 1 job", "C2", "", func(r *roster.Record) { r.JobsCreated = 1 }, "0.05", "0.05"},
		{"C2 13 jobs", "C2", "", func(r *roster.Record) { r.JobsCreated = 13 }, "0.65", "0.65"},
		{"C2 20 jobs", "C2", "", func(r *roster.Record) { r.JobsCreated = 20 }, "1", "1"},
		{"C2 140 jobs reach the cap", "C2", "", func(r *roster.Record) { r.JobsCreated = 140 }, "7", "7"},
		{"C2 141 jobs are capped", "C2", "", func(r *roster.Record) { r.JobsCreated = 141 }, "7.05", "7"},

		// D1 建言献策: 2 an adopted proposal, cap 10.
		{"D1 none", "D1", "", func(*roster.Record) {}, "0", "0"},
		{"D1 one", "D1", "", func(r *roster.Record) { r.Proposals = 1 }, "2", "2"},
		{"D1 five reach the cap", "D1", "", func(r *roster.Record) { r.Proposals = 5 }, "10", "10"},
		{"D1 six are capped", "D1", "", func(r *roster.Record) { r.Proposals = 6 }, "12", "10"},

		// D2 活动参与: attendance rate × 5.
		{"D2 none", "D2", "", func(*roster.Record) {}, "0", "0"},
		{"D2 full attendance", "D2", "", func(r *roster.Record) { r.Attendance = dec("1") }, "5", "5"},
		{"D2 80%", "D2", "", func(r *roster.Record) { r.Attendance = dec("0.8") }, "4", "4"},
		{"D2 1.665 rounds half up", "D2", "", func(r *roster.Record) { r.Attendance = dec("0.333") }, "1.665", "1.67"},
		{"D2 0.215 rounds half up (a float gives 0.21)", "D2", "", func(r *roster.Record) { r.Attendance = dec("0.043") }, "0.215", "0.22"},
		{"D2 1.025 rounds half up (a float gives 1.02)", "D2", "", func(r *roster.Record) { r.Attendance = dec("0.205") }, "1.025", "1.03"},
		{"D2 4.995 rounds up to the full 5", "D2", "", func(r *roster.Record) { r.Attendance = dec("0.999") }, "4.995", "5"},
		{"D2 0.005 rounds half up", "D2", "", func(r *roster.Record) { r.Attendance = dec("0.001") }, "0.005", "0.01"},
		{"D2 a rate above 1 is capped", "D2", "", func(r *roster.Record) { r.Attendance = dec("1.2") }, "6", "5"},
		{"D2 a negative rate gives 0", "D2", "", func(r *roster.Record) { r.Attendance = dec("-0.5") }, "-2.5", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			group := tt.group
			switch group {
			case "":
				group = "G1"
			case "-":
				group = ""
			}
			res := scoreIn(t, group, tt.mod)
			in, ok := res.Indicator(tt.indicator)
			require.True(t, ok, "indicator %s", tt.indicator)
			if tt.raw != "" {
				assert.Equal(t, dec(tt.raw).String(), in.Raw.String(), "raw")
			}
			assert.Equal(t, tt.want, in.Score.String(), "score")
			assert.Equal(t, in.Points.Sub(in.Score).String(), in.Lost.String(), "lost")
		})
	}
}

func TestIndicatorMetadata(t *testing.T) {
	res := score(t)
	var ids, names []string
	points := map[string]string{}
	for _, d := range res.Dimensions() {
		ids = append(ids, d.ID)
		names = append(names, d.Name)
		points[d.ID] = d.Points.String()
		for _, in := range d.Indicators {
			ids = append(ids, in.ID)
			points[in.ID] = in.Points.String()
		}
	}
	assert.Equal(t, []string{"P", "P1", "P2", "A", "A1", "A2", "A3", "S", "S1", "S2", "C", "C1", "C2", "D", "D1", "D2"}, ids)
	assert.Equal(t, []string{"政治素质", "专业成就与行业代表性", "社会影响与群众基础", "社会贡献", "参政议政与履职"}, names)
	assert.Equal(t, map[string]string{
		"P": "25", "P1": "15", "P2": "10",
		"A": "25", "A1": "8", "A2": "7", "A3": "10",
		"S": "20", "S1": "12", "S2": "8",
		"C": "15", "C1": "8", "C2": "7",
		"D": "15", "D1": "10", "D2": "5",
	}, points)
	_, ok := res.Indicator("X9")
	assert.False(t, ok)
}

// TestDimensionsAddUp checks that a dimension's score is the sum of its
// rounded indicators and the subtotal the sum of the dimensions, exactly.
func TestDimensionsAddUp(t *testing.T) {
	res := score(t, func(r *roster.Record) {
		r.PoliticalRating = roster.Good                   // P1 12
		training(13, roster.NewDate(2018, 1, 1))(r)       // P2 3.25
		r.Donations, r.VolunteerHours = dec("0.2"), 2     // C1 0.1 + 0.1 = 0.2
		r.JobsCreated = 2                                 // C2 0.1
		r.Attendance = dec("0.142")                       // D2 0.71
		r.Education, r.TitleLevel = roster.College, 0     // A1 4
		r.FieldYears = 3                                  // A2 3
		awards(roster.County)(r)                          // A3 4
		orgPost(roster.SocialOrg, roster.County, true)(r) // S1 6
	})
	want := map[string]string{"P": "15.25", "A": "11", "S": "6", "C": "0.3", "D": "0.71"}
	got := map[string]string{}
	for _, d := range res.Dimensions() {
		got[d.ID] = d.Score.String()
	}
	assert.Equal(t, want, got)
	assert.Equal(t, "33.26", res.Subtotal().String())
	assert.Equal(t, "33.26", res.Total.String())
	assert.Equal(t, evaluate.GradeD, res.Grade)
}

// TestExactSums: scores add up as decimals; in float64 0.7 + 0.1 is
// 0.7999999999999999 and 0.1 + 0.2 is 0.30000000000000004.
func TestExactSums(t *testing.T) {
	tests := []struct {
		name          string
		mod           func(*roster.Record)
		dim, subtotal string
	}{
		{"0.7 + 0.1", func(r *roster.Record) { r.JobsCreated, r.Donations = 14, dec("0.2") }, "0.8", "2.8"},
		{"0.1 + 0.2", func(r *roster.Record) { r.Donations, r.JobsCreated = dec("0.2"), 4 }, "0.3", "2.3"},
		{"0.01 + 0.05", func(r *roster.Record) { r.Donations, r.JobsCreated = dec("0.02"), 1 }, "0.06", "2.06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, tt.mod)
			require.Equal(t, "C", res.Dimensions()[3].ID)
			assert.Equal(t, tt.dim, res.Dimensions()[3].Score.String())
			assert.Equal(t, tt.subtotal, res.Subtotal().String())
			assert.Equal(t, tt.subtotal, res.Total.String())
		})
	}
}

func TestBonuses(t *testing.T) {
	tests := []struct {
		name     string
		mod      func(*roster.Record)
		bonuses  []evaluate.BonusScore
		bonus    string
		subtotal string
		total    string
		grade    evaluate.Grade
	}{
		{"no bonus", fifty, nil, "0", "50", "50", evaluate.GradeD},
		{"B1 emergency relief", func(r *roster.Record) { fifty(r); r.EmergencyRelief = true },
			[]evaluate.BonusScore{{ID: "B1", Name: "重大抢险救灾贡献", Points: dec("3")}}, "3", "50", "53", evaluate.GradeD},
		{"B2 national recognition", func(r *roster.Record) { fifty(r); r.NationalRecognition = true },
			[]evaluate.BonusScore{{ID: "B2", Name: "获得国家级新的社会阶层人士统战工作表彰", Points: dec("2")}}, "2", "50", "52", evaluate.GradeD},
		{"both", func(r *roster.Record) { fifty(r); r.EmergencyRelief, r.NationalRecognition = true, true },
			[]evaluate.BonusScore{{ID: "B1", Name: "重大抢险救灾贡献", Points: dec("3")}, {ID: "B2", Name: "获得国家级新的社会阶层人士统战工作表彰", Points: dec("2")}}, "5", "50", "55", evaluate.GradeD},
		{"a bonus lifts C to B", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                      // 60
			seat(roster.NPC, roster.National)(r) // 72
			r.Attendance = dec("1")              // 77
			r.EmergencyRelief = true             // 80
		}, []evaluate.BonusScore{{ID: "B1", Name: "重大抢险救灾贡献", Points: dec("3")}}, "3", "77", "80", evaluate.GradeB},
		{"97 with 3 reaches 100", func(r *roster.Record) {
			full(r)
			r.JobsCreated = 80 // C2 4: 97
			r.EmergencyRelief = true
		}, []evaluate.BonusScore{{ID: "B1", Name: "重大抢险救灾贡献", Points: dec("3")}}, "3", "97", "100", evaluate.GradeA},
		{"98 with 3 is capped at 100", func(r *roster.Record) {
			full(r)
			r.JobsCreated = 100 // C2 5: 98
			r.EmergencyRelief = true
		}, []evaluate.BonusScore{{ID: "B1", Name: "重大抢险救灾贡献", Points: dec("3")}}, "3", "98", "100", evaluate.GradeA},
		{"100 with both stays 100", func(r *roster.Record) { full(r); r.EmergencyRelief, r.NationalRecognition = true, true },
			[]evaluate.BonusScore{{ID: "B1", Name: "重大抢险救灾贡献", Points: dec("3")}, {ID: "B2", Name: "获得国家级新的社会阶层人士统战工作表彰", Points: dec("2")}}, "5", "100", "100", evaluate.GradeA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, tt.mod)
			assert.Equal(t, bonuses(tt.bonuses), bonuses(res.Bonuses()))
			assert.Equal(t, tt.bonus, res.Bonus().String(), "bonus")
			assert.Equal(t, tt.subtotal, res.Subtotal().String(), "subtotal")
			assert.Equal(t, tt.total, res.Total.String(), "total")
			assert.Equal(t, tt.grade, res.Grade)
		})
	}
}

func TestVetoes(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(*roster.Record)
		want  []evaluate.VetoHeld
		total string
	}{
		{"V1 criminal penalty", func(r *roster.Record) { r.CriminalPenalty = true },
			[]evaluate.VetoHeld{{ID: "V1", Name: "受过刑事处罚"}}, "100"},
		{"V2 dishonest judgment debtor", func(r *roster.Record) { r.DishonestDebtor = true },
			[]evaluate.VetoHeld{{ID: "V2", Name: "被列为失信被执行人"}}, "100"},
		{"V3 major tax violation", func(r *roster.Record) { r.TaxViolation = true },
			[]evaluate.VetoHeld{{ID: "V3", Name: "有重大税收违法行为"}}, "100"},
		{"V4 negative statements", func(r *roster.Record) { r.NegativeStatements = true },
			[]evaluate.VetoHeld{{ID: "V4", Name: "公开发表造成严重负面影响的言论"}}, "100"},
		{"V4 even with every bonus", func(r *roster.Record) {
			r.NegativeStatements, r.EmergencyRelief, r.NationalRecognition = true, true, true
		}, []evaluate.VetoHeld{{ID: "V4", Name: "公开发表造成严重负面影响的言论"}}, "100"},
		{"two vetoes, in the policy's order", func(r *roster.Record) { r.TaxViolation, r.CriminalPenalty = true, true },
			[]evaluate.VetoHeld{{ID: "V1", Name: "受过刑事处罚"}, {ID: "V3", Name: "有重大税收违法行为"}}, "100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, full, tt.mod)
			assert.Equal(t, tt.want, res.Vetoes())
			assert.Equal(t, tt.total, res.Total.String(), "the score is kept")
			assert.Equal(t, evaluate.GradeD, res.Grade, "grade D whatever the score")
			assert.True(t, res.Removed)
			assert.Nil(t, res.Gap(), "no gap under a veto")
		})
	}
	t.Run("no veto", func(t *testing.T) {
		res := score(t, full)
		assert.Empty(t, res.Vetoes())
		assert.Equal(t, evaluate.GradeA, res.Grade)
		assert.False(t, res.Removed)
	})
}

// TestGrades pins the band edges: from is included, to excluded, the top
// band includes the total.
func TestGrades(t *testing.T) {
	tests := []struct {
		name    string
		mod     func(*roster.Record)
		total   string
		grade   evaluate.Grade
		removed bool
	}{
		{"a blank form is D", func(*roster.Record) {}, "2", evaluate.GradeD, true},
		{"59.99 is D", func(r *roster.Record) { fifty(r); r.Proposals = 4; r.Donations = dec("3.98") }, "59.99", evaluate.GradeD, true},
		{"60.00 is C", func(r *roster.Record) { fifty(r); r.Proposals = 5 }, "60", evaluate.GradeC, false},
		{"79.99 is C", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                      // 60
			seat(roster.NPC, roster.National)(r) // 72
			r.IndustryRating = roster.Good       // 78
			r.Donations = dec("3.98")            // 79.99
		}, "79.99", evaluate.GradeC, false},
		{"80 is B", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                      // 60
			seat(roster.NPC, roster.National)(r) // 72
			r.IndustryRating = roster.Excellent  // 80
		}, "80", evaluate.GradeB, false},
		{"89.99 is B", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                      // 60
			seat(roster.NPC, roster.National)(r) // 72
			r.IndustryRating = roster.Excellent  // 80
			r.JobsCreated = 140                  // 87
			r.Donations = dec("5.98")            // 89.99
		}, "89.99", evaluate.GradeB, false},
		{"90 is A", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                      // 60
			seat(roster.NPC, roster.National)(r) // 72
			r.IndustryRating = roster.Excellent  // 80
			r.JobsCreated = 140                  // 87
			r.Donations = dec("6")               // 90
		}, "90", evaluate.GradeA, false},
		{"100 is A", full, "100", evaluate.GradeA, false},
		{"100 with bonus stays 100 and A", func(r *roster.Record) { full(r); r.EmergencyRelief = true }, "100", evaluate.GradeA, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, tt.mod)
			assert.Equal(t, tt.total, res.Total.String())
			assert.Equal(t, tt.grade, res.Grade)
			assert.Equal(t, tt.removed, res.Removed)
		})
	}
}

func TestGap(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*roster.Record)
		want *evaluate.Gap
	}{
		{"top grade has no gap", full, nil},
		{"89.99 needs 0.01 for A", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5
			seat(roster.NPC, roster.National)(r)
			r.IndustryRating = roster.Excellent
			r.JobsCreated = 140
			r.Donations = dec("5.98") // C1 2.99
		}, &evaluate.Gap{Next: evaluate.GradeA, Points: dec("0.01"), Levers: []evaluate.Lever{
			{ID: "C1", Name: "公益慈善", Available: dec("5.01"), Closes: true},
			{ID: "D2", Name: "活动参与", Available: dec("5"), Closes: true},
		}}},
		{"70 needs 10 for B, which only S1 could give alone", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                     // D1 10: 60
			r.IndustryRating = roster.Excellent // S2 8: 68
			r.JobsCreated = 40                  // C2 2: 70
		}, &evaluate.Gap{Next: evaluate.GradeB, Points: dec("10"), Levers: []evaluate.Lever{
			{ID: "S1", Name: "政治安排与社会职务", Available: dec("12"), Closes: true},
			{ID: "C1", Name: "公益慈善", Available: dec("8"), Closes: false},
			{ID: "C2", Name: "带动就业", Available: dec("5"), Closes: false},
			{ID: "D2", Name: "活动参与", Available: dec("5"), Closes: false},
		}}},
		{"a lever that exactly closes the gap closes it", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 5                     // D1 10: 60
			r.IndustryRating = roster.Excellent // S2 8: 68
			r.JobsCreated = 140                 // C2 7: 75
		}, &evaluate.Gap{Next: evaluate.GradeB, Points: dec("5"), Levers: []evaluate.Lever{
			{ID: "S1", Name: "政治安排与社会职务", Available: dec("12"), Closes: true},
			{ID: "C1", Name: "公益慈善", Available: dec("8"), Closes: true},
			{ID: "D2", Name: "活动参与", Available: dec("5"), Closes: true},
		}}},
		{"D needs what C asks", func(r *roster.Record) {
			fifty(r)
			r.Proposals = 4 // D1 8: 58
		}, &evaluate.Gap{Next: evaluate.GradeC, Points: dec("2"), Levers: []evaluate.Lever{
			{ID: "S1", Name: "政治安排与社会职务", Available: dec("12"), Closes: true},
			{ID: "S2", Name: "行业影响力", Available: dec("8"), Closes: true},
			{ID: "C1", Name: "公益慈善", Available: dec("8"), Closes: true},
			{ID: "C2", Name: "带动就业", Available: dec("7"), Closes: true},
			{ID: "D2", Name: "活动参与", Available: dec("5"), Closes: true},
			{ID: "D1", Name: "建言献策", Available: dec("2"), Closes: true},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, tt.mod)
			if tt.want == nil {
				assert.Nil(t, res.Gap())
				return
			}
			require.NotNil(t, res.Gap())
			assert.Equal(t, tt.want.Next, res.Gap().Next)
			assert.Equal(t, tt.want.Points.String(), res.Gap().Points.String())
			assert.Equal(t, levers(tt.want.Levers), levers(res.Gap().Levers))
		})
	}
}

// bonuses writes bonuses as text, so that decimals compare by value.
func bonuses(bs []evaluate.BonusScore) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.ID + " " + b.Name + " " + b.Points.String()
	}
	return out
}

// levers writes levers as text, so that decimals compare by value.
func levers(ls []evaluate.Lever) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.ID + " " + l.Name + " " + l.Available.String()
		if l.Closes {
			out[i] += " closes"
		}
	}
	return out
}

func TestReadings(t *testing.T) {
	res := score(t, func(r *roster.Record) {
		r.Donations, r.VolunteerHours = dec("3.98"), 0
		r.Education = roster.Undergraduate
		seat(roster.CPPCC, roster.City)(r)
	})
	tests := []struct {
		indicator string
		want      []formula.Reading
	}{
		{"C1", []formula.Reading{{Field: "Donations", Value: "3.98"}, {Field: "VolunteerHours", Value: "0"}}},
		{"A1", []formula.Reading{{Field: "Education", Value: "大学本科"}, {Field: "TitleLevel", Value: "无"}}},
		{"S1", []formula.Reading{{Field: "Seats", Value: "1 项"}, {Field: "OrgPosts", Value: "0 项"}}},
		{"S2", []formula.Reading{{Field: "Group", Value: "G1"}, {Field: "Followers", Value: "0"}, {Field: "IndustryRating", Value: "（空）"}}},
	}
	for _, tt := range tests {
		t.Run(tt.indicator, func(t *testing.T) {
			in, ok := res.Indicator(tt.indicator)
			require.True(t, ok)
			assert.Equal(t, tt.want, in.Read)
		})
	}
}

func TestResultCarriesThePolicy(t *testing.T) {
	p := baseline(t)
	res := score(t, fifty)
	assert.Equal(t, "NN-0001", res.Key)
	assert.Equal(t, "nanning-2019", res.Policy)
	assert.Equal(t, p.Fingerprint(), res.Fingerprint)
	assert.Len(t, res.Fingerprint, 64)
	assert.Equal(t, asOf, res.AsOf)
}

// TestEvaluateDoesNotChangeFacts: Evaluate reads the facts and the policy
// and writes only its result.
func TestEvaluateDoesNotChangeFacts(t *testing.T) {
	p := baseline(t)
	r := blank()
	full(r)
	f := facts(t, p, r, "G1")
	before := *f
	_, err := p.Evaluator().Evaluate(f)
	require.NoError(t, err)
	assert.Equal(t, before, *f)
}

// divisionPolicy is a small policy built in Go whose only indicator divides
// by a count that may be zero.
func divisionPolicy(t testing.TB) *policy.Policy {
	t.Helper()
	p, err := policy.Compile(&policy.Document{
		ID:           "division-test",
		Name:         "除零测试",
		Jurisdiction: "450103",
		ValidFrom:    roster.NewDate(2019, 4, 2),
		Scheme: evaluate.Scheme{
			Total:    dec("10"),
			Rounding: evaluate.Rounding{Places: 2, Mode: evaluate.HalfUp},
			Indicators: []evaluate.Indicator{{
				ID: "X", Name: "履职效率", Points: dec("10"),
				Children: []evaluate.Indicator{{ID: "X1", Name: "每条建议的捐赠", Points: dec("10"), Formula: "Donations / Proposals"}},
			}},
			VetoGrade: evaluate.GradeD,
			Grades: []evaluate.Band{
				{Grade: evaluate.GradeA, From: dec("5"), To: dec("10")},
				{Grade: evaluate.GradeD, From: dec("0"), To: dec("5"), Removed: true},
			},
		},
	})
	require.NoError(t, err)
	return p
}

func TestRuntimeError(t *testing.T) {
	p := divisionPolicy(t)
	records := []*roster.Record{
		{Key: "NN-0001", Donations: dec("12"), Proposals: 2},
		{Key: "NN-0002", Donations: dec("12"), Proposals: 0},
		{Key: "NN-0003", Donations: dec("3"), Proposals: 1},
	}
	var totals []string
	var errs []error
	for _, r := range records {
		res, err := p.Evaluator().Evaluate(facts(t, p, r, "G1"))
		if err != nil {
			assert.Nil(t, res)
			errs = append(errs, err)
			continue
		}
		totals = append(totals, r.Key+" "+res.Total.String()+" "+res.Grade.String())
	}
	assert.Equal(t, []string{"NN-0001 6 A", "NN-0003 3 D"}, totals, "the other records are unaffected")
	require.Len(t, errs, 1)
	err := errs[0]
	assert.EqualError(t, err, "记录 NN-0002：X1 计算失败 (evaluation failed): 1:11: 政策 division-test：规则 X1：公式计算出错 (rule X1: division by zero)\n | Donations / Proposals\n | ..........^")
	var ee *evaluate.Error
	require.True(t, errors.As(err, &ee))
	assert.Equal(t, "NN-0002", ee.Key)
	assert.Equal(t, "X1", ee.Rule)
	assert.ErrorIs(t, err, formula.ErrRuntime)
	var fe *formula.Error
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "X1", fe.Rule)
}

// A nil or zero evaluator, or nil facts, is an error, never a panic.
func TestEvaluateNil(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	var none *evaluate.Evaluator
	_, err = none.Evaluate(&roster.Facts{})
	assert.ErrorIs(t, err, evaluate.ErrNoInput)
	_, err = (&evaluate.Evaluator{}).Evaluate(&roster.Facts{})
	assert.ErrorIs(t, err, evaluate.ErrNoInput)
	_, err = p.Evaluator().Evaluate(nil)
	assert.EqualError(t, err, "没有指标体系或记录 (no index system or no record)")
	_, err = evaluate.Compile(nil, evaluate.Scheme{})
	assert.ErrorIs(t, err, evaluate.ErrNoInput)
}

// TestEarnSettle: Score in two steps, Earn on each raw number then Settle,
// gives Score's standing to the exponent, on records that dwell on caps,
// half cents and grade edges; and Earn depends on the cap and rounding
// alone.
func TestEarnSettle(t *testing.T) {
	p := baseline(t)
	ev := p.Evaluator()
	for _, s := range generated(2000, 20261127, asOf) {
		f := facts(t, p, s.Record, s.Group)
		res, err := ev.Evaluate(f)
		require.NoError(t, err, s.Record.Key)
		raw := res.Raw()
		numbers := append(slices.Clone(raw.Indicators), raw.Bonuses...)
		earned := make([]formula.Fixed, len(numbers))
		for j, x := range numbers {
			earned[j] = ev.Earn(j, x)
			require.False(t, earned[j].Cmp(ev.Cap(j)) > 0, "%s: rule %d earns more than its cap", s.Record.Key, j)
		}
		got, want := ev.Settle(earned, slices.Contains(raw.Vetoes, true)), ev.Score(&raw)
		require.Equal(t, want.Total.String(), got.Total.String(), s.Record.Key)
		require.Equal(t, want, got, s.Record.Key)
		require.Equal(t, res.Total.String(), got.Total.String(), s.Record.Key)
		require.Equal(t, res.Grade, got.Grade, s.Record.Key)
	}
	tests := []struct {
		raw, want string
	}{
		{"-1", "0"},
		{"0", "0"},
		{"2.345", "2.35"},
		{"2.344999", "2.34"},
		{"3", "3"},
		{"99", "15"}, // A1's cap
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			assert.Equal(t, "15", ev.Cap(0).String())
			assert.Equal(t, tt.want, ev.Earn(0, formula.FixedOf(dec(tt.raw))).String())
		})
	}
}

// rawPolicy is a small policy built in Go with one indicator, of one point,
// for each formula.
func rawPolicy(t testing.TB, formulas ...string) *policy.Policy {
	t.Helper()
	n := decimal.NewFromInt(int64(len(formulas)))
	top := evaluate.Indicator{ID: "X", Name: "原始值", Points: n}
	for i, src := range formulas {
		id := fmt.Sprintf("X%d", i+1)
		top.Children = append(top.Children, evaluate.Indicator{ID: id, Name: id, Points: dec("1"), Formula: src})
	}
	p, err := policy.Compile(&policy.Document{
		ID: "raw-test", Name: "原始值测试", Jurisdiction: "450103", ValidFrom: roster.NewDate(2019, 4, 2),
		Scheme: evaluate.Scheme{
			Total: n, Rounding: evaluate.Rounding{Places: 2, Mode: evaluate.HalfUp},
			Indicators: []evaluate.Indicator{top}, VetoGrade: evaluate.GradeD,
			Grades: []evaluate.Band{
				{Grade: evaluate.GradeA, From: dec("1"), To: n},
				{Grade: evaluate.GradeD, From: dec("0"), To: dec("1"), Removed: true},
			},
		},
	})
	require.NoError(t, err)
	return p
}

// A result keeps its raw numbers exactly, to the exponent, whether they
// are kept in machine words or not: a number too large for them, and more
// numbers than a result's own block holds.
func TestRawKeptExactly(t *testing.T) {
	tests := []struct {
		name     string
		formulas []string
		want     []string
	}{
		{"in words", []string{"Donations / 8", "Proposals", "0.50"}, []string{"1.5", "2", "0.5"}},
		{"too large for words", []string{"Donations * 1000000000 * 1000000000 * 1000", "Donations / 8"}, []string{"12000000000000000000000", "1.5"}},
		{"more than a block", slices.Repeat([]string{"Donations / 8", "Proposals - 1.25"}, 10), slices.Repeat([]string{"1.5", "0.75"}, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rawPolicy(t, tt.formulas...)
			f := facts(t, p, &roster.Record{Key: "NN-0001", Donations: dec("12"), Proposals: 2}, "G1")
			res, err := p.Evaluator().Evaluate(f)
			require.NoError(t, err)
			raw := res.Raw()
			progs, _, _ := p.Evaluator().Rules()
			require.Len(t, raw.Indicators, len(tt.want))
			var got []string
			for k, x := range raw.Indicators {
				got = append(got, x.String())
				want, err := progs[k].Decimal(f)
				require.NoError(t, err)
				assert.Equal(t, want.String(), x.Decimal().String(), "X%d", k+1)
				assert.Equal(t, want.Exponent(), x.Exponent(), "X%d's exponent", k+1)
				in, ok := res.Indicator(fmt.Sprintf("X%d", k+1))
				require.True(t, ok)
				assert.Equal(t, want.String(), in.Raw.String())
				assert.Equal(t, want.Exponent(), in.Raw.Exponent())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// Measure into a Raw used before: a formula that fails sets the values
// of the formulas before it and leaves its own and the later ones as they
// were.
func TestMeasureKeepsRawPastAFault(t *testing.T) {
	p := rawPolicy(t, "Proposals", "Donations / Proposals", "7")
	ev := p.Evaluator()
	var raw evaluate.Raw
	require.NoError(t, ev.Measure(facts(t, p, &roster.Record{Key: "NN-0001", Donations: dec("12"), Proposals: 2}, "G1"), &raw))
	require.Equal(t, "[2 6 7]", fmt.Sprint(raw.Indicators))
	err := ev.Measure(facts(t, p, &roster.Record{Key: "NN-0002", Donations: dec("12"), Proposals: 0}, "G1"), &raw)
	require.Error(t, err)
	assert.Equal(t, "[0 6 7]", fmt.Sprint(raw.Indicators), "X1 set; X2, which failed, and X3 as they were")
}
