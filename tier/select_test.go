package tier_test

import (
	"errors"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"testing"

	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	qingxiu  = "450103"
	jiangnan = "450105"
)

func cand(key, unit string, g classify.Group, gr evaluate.Grade, score string, post roster.Level) tier.Candidate {
	return tier.Candidate{Key: key, Unit: unit, Group: g, Grade: gr, Score: decimal.RequireFromString(score), Post: post}
}

// rules gives baseline-shaped rules with the lists given.
func rules(lists ...tier.List) tier.Rules {
	return tier.Rules{
		Lists:   lists,
		OneList: true,
		Grades:  []evaluate.Grade{evaluate.GradeA, evaluate.GradeB, evaluate.GradeC},
		Order:   []tier.SortKey{tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey},
	}
}

func cityList(quota int) tier.List {
	return tier.List{ID: "city", Quota: quota, PriorityLevel: roster.City}
}

func countyList(unit string, quota int) tier.List {
	return tier.List{ID: unit, Unit: unit, Quota: quota, PriorityLevel: roster.County}
}

type admitted struct {
	Key    string
	Rank   int
	Reason tier.Reason
}

type held struct {
	Key    string
	Rank   int
	Reason tier.Reason
}

func admittedOf(lr tier.ListResult) []admitted {
	var out []admitted
	for _, a := range lr.Admitted {
		out = append(out, admitted{a.Candidate.Key, a.Rank, a.Reason})
	}
	return out
}

func heldOf(lr tier.ListResult) []held {
	var out []held
	for _, e := range lr.HeldBack {
		out = append(out, held{e.Key, e.Rank, e.Reason})
	}
	return out
}

func TestSelectOneList(t *testing.T) {
	const (
		g1, g2, g3, g4 = classify.G1, classify.G2, classify.G3, classify.G4
		A, B, C, D     = evaluate.GradeA, evaluate.GradeB, evaluate.GradeC, evaluate.GradeD
	)
	tests := []struct {
		name      string
		rules     tier.Rules
		cands     []tier.Candidate
		admitted  []admitted
		held      []held
		short     int
		cut       tier.Cut
		groups    map[classify.Group]tier.GroupCoverage // only those checked
		otherList int                                   // index of the list checked (0: city)
	}{
		{
			name:  "quota: the best by grade, then score",
			rules: rules(cityList(2)),
			cands: []tier.Candidate{
				cand("N3", qingxiu, g1, B, "95", 0),
				cand("N1", qingxiu, g1, A, "91", 0),
				cand("N2", qingxiu, g1, A, "90.5", 0),
				cand("N4", qingxiu, g1, C, "79", 0),
			},
			admitted: []admitted{{"N1", 1, tier.ReasonRank}, {"N2", 2, tier.ReasonRank}},
			held:     []held{{"N3", 3, tier.ReasonQuota}, {"N4", 4, tier.ReasonQuota}},
			cut:      tier.Cut{Score: decimal.RequireFromString("90.5"), Last: "N2", Next: "N3", DecidedBy: tier.ByGrade},
		},
		{
			name:  "priority: a city-level seat comes before a better grade; a county-level one does not",
			rules: rules(cityList(1)),
			cands: []tier.Candidate{
				cand("N1", qingxiu, g1, A, "98", roster.County),
				cand("N2", qingxiu, g1, C, "61", roster.Provincial),
			},
			admitted: []admitted{{"N2", 1, tier.ReasonPriority}},
			held:     []held{{"N1", 2, tier.ReasonQuota}},
			cut:      tier.Cut{Score: decimal.RequireFromString("61"), Last: "N2", Next: "N1", DecidedBy: tier.ByPriority},
		},
		{
			name:  "ties: same grade and score, broken by post level, then registration number",
			rules: rules(cityList(1)),
			cands: []tier.Candidate{
				cand("N9", qingxiu, g1, A, "90.00", roster.County),
				cand("N2", qingxiu, g1, A, "90", 0),
				cand("N1", qingxiu, g1, A, "90.0", 0),
				cand("N0", qingxiu, g1, B, "90", 0),
			},
			admitted: []admitted{{"N9", 1, tier.ReasonRank}},
			held:     []held{{"N1", 2, tier.ReasonQuota}, {"N2", 3, tier.ReasonQuota}, {"N0", 4, tier.ReasonQuota}},
			cut: tier.Cut{Score: decimal.RequireFromString("90.00"), Last: "N9", Next: "N1", DecidedBy: tier.ByPost,
				Ties: []tier.Tie{{Key: "N1", DecidedBy: tier.ByPost}, {Key: "N2", DecidedBy: tier.ByPost}, {Key: "N0", DecidedBy: tier.ByGrade}}},
		},
		{
			name: "coverage: a seat kept for each group that has candidates",
			rules: rules(tier.List{ID: "city", Quota: 4, PriorityLevel: roster.City,
				CoverageShare: decimal.RequireFromString("0.25")}),
			cands: []tier.Candidate{
				cand("N1", qingxiu, g1, A, "99", 0),
				cand("N2", qingxiu, g1, A, "98", 0),
				cand("N3", qingxiu, g1, A, "97", 0),
				cand("N4", qingxiu, g1, A, "96", 0),
				cand("N5", qingxiu, g3, C, "60", 0),
				cand("N6", qingxiu, g4, B, "85", 0),
				cand("N7", qingxiu, g4, B, "84", 0),
			},
			admitted: []admitted{{"N1", 1, tier.ReasonRank}, {"N2", 2, tier.ReasonRank}, {"N6", 5, tier.ReasonCoverage}, {"N5", 7, tier.ReasonCoverage}},
			held:     []held{{"N3", 3, tier.ReasonReserved}, {"N4", 4, tier.ReasonReserved}, {"N7", 6, tier.ReasonQuota}},
			cut:      tier.Cut{Score: decimal.RequireFromString("60"), Last: "N4", Next: "N6", DecidedBy: tier.ByGrade},
			groups: map[classify.Group]tier.GroupCoverage{
				g1: {Group: g1, Minimum: 1, Eligible: 4, Admitted: 2},
				g2: {Group: g2, Minimum: 1, Short: 1},
				g3: {Group: g3, Minimum: 1, Eligible: 1, Admitted: 1, CoverageSeats: 1},
				g4: {Group: g4, Minimum: 1, Eligible: 2, Admitted: 1, CoverageSeats: 1},
			},
		},
		{
			name: "explicit minimums: two seats for G2, none asked of the others",
			rules: rules(tier.List{ID: "city", Quota: 3, PriorityLevel: roster.City,
				Minimums: map[classify.Group]int{g2: 2}}),
			cands: []tier.Candidate{
				cand("N1", qingxiu, g1, A, "99", 0),
				cand("N2", qingxiu, g1, A, "98", 0),
				cand("N3", qingxiu, g2, B, "80", 0),
				cand("N4", qingxiu, g2, C, "70", 0),
			},
			admitted: []admitted{{"N1", 1, tier.ReasonRank}, {"N3", 3, tier.ReasonRank}, {"N4", 4, tier.ReasonCoverage}},
			held:     []held{{"N2", 2, tier.ReasonReserved}},
			cut:      tier.Cut{Score: decimal.RequireFromString("70"), Last: "N3", Next: "N4", DecidedBy: tier.ByGrade},
		},
		{
			name:  "shortfall: fewer eligible than the quota; grade D is never listed",
			rules: rules(cityList(3)),
			cands: []tier.Candidate{
				cand("N1", qingxiu, g2, C, "60", 0),
				cand("N2", qingxiu, g2, D, "99", roster.National),
			},
			admitted: []admitted{{"N1", 1, tier.ReasonRank}},
			held:     []held{{"N2", 0, tier.ReasonGrade}},
			short:    2,
			cut:      tier.Cut{Score: decimal.RequireFromString("60"), Last: "N1"},
		},
		{
			name:  "one list: the county list is chosen from those the city left",
			rules: rules(cityList(1), countyList(qingxiu, 2), countyList(jiangnan, 1)),
			cands: []tier.Candidate{
				cand("N1", qingxiu, g1, A, "95", roster.City),
				cand("N2", qingxiu, g1, A, "94", 0),
				cand("N3", qingxiu, g1, B, "80", roster.County),
				cand("N4", qingxiu, g1, A, "99", 0),
				cand("J1", jiangnan, g1, A, "90", 0),
			},
			otherList: 1,
			admitted:  []admitted{{"N3", 1, tier.ReasonPriority}, {"N4", 2, tier.ReasonRank}},
			held:      []held{{"N2", 3, tier.ReasonQuota}, {"N1", 0, tier.ReasonListed}},
			cut:       tier.Cut{Score: decimal.RequireFromString("80"), Last: "N4", Next: "N2", DecidedBy: tier.ByScore},
		},
		{
			name:  "zero quota: every eligible candidate is held back",
			rules: rules(cityList(0)),
			cands: []tier.Candidate{cand("N1", qingxiu, g1, A, "95", roster.City)},
			held:  []held{{"N1", 1, tier.ReasonQuota}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tier.Select(tt.rules, tt.cands)
			require.NoError(t, err)
			require.Greater(t, len(res.Lists), tt.otherList)
			lr := res.Lists[tt.otherList]
			assert.Equal(t, tt.admitted, admittedOf(lr))
			assert.Equal(t, tt.held, heldOf(lr))
			assert.Equal(t, tt.short, lr.Short)
			assert.True(t, tt.cut.Score.Equal(lr.Cut.Score), "cut score %s", lr.Cut.Score)
			tt.cut.Score = lr.Cut.Score
			assert.Equal(t, tt.cut, lr.Cut)
			for _, gc := range lr.Groups {
				if want, ok := tt.groups[gc.Group]; ok {
					assert.Equal(t, want, gc)
				}
			}
		})
	}
}

func TestSelectOutcomes(t *testing.T) {
	cands := []tier.Candidate{
		cand("N1", qingxiu, classify.G1, evaluate.GradeA, "95", roster.City),
		cand("N2", qingxiu, classify.G1, evaluate.GradeA, "94", 0),
		cand("N3", qingxiu, classify.G1, evaluate.GradeD, "94", 0),
		cand("N4", qingxiu, classify.G1, evaluate.GradeB, "80", 0),
	}
	tests := []struct {
		name    string
		oneList bool
		want    []tier.Outcome
	}{
		{
			name:    "one list: the city's pick is not on the county list",
			oneList: true,
			want: []tier.Outcome{
				{Key: "N1", Lists: []string{"city"}, Reason: tier.ReasonPriority},
				{Key: "N2", Lists: []string{qingxiu}, Reason: tier.ReasonRank},
				{Key: "N3", Reason: tier.ReasonGrade},
				{Key: "N4", Reason: tier.ReasonQuota},
			},
		},
		{
			name: "two lists allowed: the city's pick is also the county's first",
			want: []tier.Outcome{
				{Key: "N1", Lists: []string{"city", qingxiu}, Reason: tier.ReasonPriority},
				{Key: "N2", Reason: tier.ReasonQuota},
				{Key: "N3", Reason: tier.ReasonGrade},
				{Key: "N4", Reason: tier.ReasonQuota},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rules(cityList(1), countyList(qingxiu, 1))
			r.OneList = tt.oneList
			res, err := tier.Select(r, cands)
			require.NoError(t, err)
			assert.Equal(t, tt.want, res.Outcomes)
			o, ok := res.Outcome("N1")
			require.True(t, ok)
			assert.Equal(t, tt.want[0], o)
			_, ok = res.Outcome("N0")
			assert.False(t, ok)
		})
	}
}

func TestSelectErrors(t *testing.T) {
	good := cand("N1", qingxiu, classify.G1, evaluate.GradeA, "90", 0)
	tests := []struct {
		name  string
		rules tier.Rules
		cands []tier.Candidate
		cause error
		msg   string
	}{
		{
			name:  "duplicate registration number",
			rules: rules(cityList(1)),
			cands: []tier.Candidate{good, good, good},
			cause: tier.ErrDuplicate,
			msg:   "记录 N1：登记编号 重复 (registration number given twice)",
		},
		{
			name:  "empty registration number",
			rules: rules(cityList(1)),
			cands: []tier.Candidate{good, {Group: classify.G1, Grade: evaluate.GradeA}},
			cause: tier.ErrInvalid,
			msg:   "第 2 条记录：登记编号 不能为空 (registration number is empty)",
		},
		{
			name:  "a unit without a county list",
			rules: rules(cityList(1), countyList(jiangnan, 1)),
			cands: []tier.Candidate{good},
			cause: tier.ErrUnknownUnit,
			msg:   "记录 N1：县区 “450103”没有县区级名单 (unit has no county-district list)",
		},
		{
			name:  "group not filled in",
			rules: rules(cityList(1)),
			cands: []tier.Candidate{cand("N1", qingxiu, 0, evaluate.GradeA, "90", 0)},
			cause: tier.ErrInvalid,
			msg:   "记录 N1：群体 未填或未知 (group missing or unknown)",
		},
		{
			name:  "negative quota",
			rules: rules(cityList(-1)),
			cause: tier.ErrQuota,
			msg:   "名单 city：名额 不能为负数 (quota is negative)",
		},
		{
			name: "minimums that no quota of 3 can meet",
			rules: rules(tier.List{ID: "450105", Unit: jiangnan, Quota: 3,
				CoverageShare: decimal.RequireFromString("0.1")}),
			cause: tier.ErrCoverage,
			msg:   "名单 450105：群体最低人数 合计 4 人，超过名额 3 人，无法同时满足 (minimums add up to 4, more than the quota of 3)",
		},
		{
			name:  "a coverage share over 1",
			rules: rules(tier.List{ID: "city", Quota: 3, CoverageShare: decimal.RequireFromString("1.5")}),
			cause: tier.ErrInvalid,
			msg:   "名单 city：群体最低比例 应在 0 到 1 之间 (coverage share must be between 0 and 1)",
		},
		{
			name: "an order that does not end with the registration number",
			rules: func() tier.Rules {
				r := rules(cityList(1))
				r.Order = []tier.SortKey{tier.ByGrade, tier.ByScore}
				return r
			}(),
			cause: tier.ErrOrder,
			msg:   "名单规则：排序 必须以登记编号结束，才能分出先后 (must end with the registration number to be a strict order)",
		},
		{
			name: "grade D among the grades listed",
			rules: func() tier.Rules {
				r := rules(cityList(1))
				r.Grades = append(r.Grades, evaluate.GradeD)
				return r
			}(),
			cause: tier.ErrOrder,
			msg:   "名单规则：可入选等次 不能含 D级，D级从数据库中剔除 (grade D is never listed)",
		},
		{
			name:  "two lists for one unit",
			rules: rules(countyList(qingxiu, 1), tier.List{ID: "qx2", Unit: qingxiu, Quota: 1}),
			cause: tier.ErrDuplicate,
			msg:   "名单 qx2：县区 单位 450103 已有名单 (unit 450103 has a list already)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tier.Select(tt.rules, tt.cands)
			require.Error(t, err)
			assert.Nil(t, res)
			assert.ErrorIs(t, err, tt.cause)
			var e *tier.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, tt.msg, err.Error())
		})
	}
}
