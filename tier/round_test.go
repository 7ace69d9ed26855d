package tier_test

import (
	"errors"
	"github.com/newstrata/newstrata/classify"
	"testing"
	"time"

	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	day1 = roster.NewDate(2024, time.March, 1)
	day2 = roster.NewDate(2025, time.March, 1)
)

// assessed is a candidate of the round on day.
func assessed(key, unit string, g classify.Group, gr evaluate.Grade, score string, post roster.Level) tier.Assessed {
	return tier.Assessed{
		Key: key, Unit: unit, Group: g, Grade: gr, Score: decimal.RequireFromString(score), Post: post,
		Standing: tier.StandingCandidate, Policy: "nanning-2019", Fingerprint: "sha256:0a1b", AsOf: day1,
	}
}

func on(d roster.Date, as []tier.Assessed) []tier.Assessed {
	out := make([]tier.Assessed, len(as))
	for i, a := range as {
		a.AsOf = d
		out[i] = a
	}
	return out
}

// with returns as with the person of key changed by f (or removed when f
// is nil), and extra appended.
func with(as []tier.Assessed, key string, f func(*tier.Assessed), extra ...tier.Assessed) []tier.Assessed {
	var out []tier.Assessed
	for _, a := range as {
		if a.Key == key {
			if f == nil {
				continue
			}
			f(&a)
		}
		out = append(out, a)
	}
	return append(out, extra...)
}

// roundRules: a city list of 1 and a list of 1 for 青秀区 and for 江南区.
func roundRules(order ...tier.SortKey) tier.Rules {
	r := rules(
		tier.List{ID: "450100", Quota: 1, PriorityLevel: roster.City},
		tier.List{ID: qingxiu, Unit: qingxiu, Quota: 1, PriorityLevel: roster.County},
		tier.List{ID: jiangnan, Unit: jiangnan, Quota: 1, PriorityLevel: roster.County},
	)
	if order != nil {
		r.Order = order
	}
	return r
}

// firstRound: K1 on the city list, K2 on 青秀区's, K3 in the database
// without a list, K4 on 江南区's.
var firstRound = []tier.Assessed{
	assessed("K1", qingxiu, classify.G1, evaluate.GradeA, "95", 0),
	assessed("K2", qingxiu, classify.G2, evaluate.GradeB, "85.50", 0),
	assessed("K3", qingxiu, classify.G3, evaluate.GradeC, "70", 0),
	assessed("K4", jiangnan, classify.G4, evaluate.GradeB, "82", 0),
}

var (
	city   = tier.Place{Seat: tier.SeatCity, List: "450100"}
	qxList = tier.Place{Seat: tier.SeatCounty, List: qingxiu}
	jnList = tier.Place{Seat: tier.SeatCounty, List: jiangnan}
	inDB   = tier.Place{Seat: tier.SeatNone}
	out    = tier.Place{}
)

func changeOf(t *testing.T, ch *tier.Changes, key string) tier.Change {
	t.Helper()
	for _, c := range ch.Items {
		if c.Key == key {
			return c
		}
	}
	require.Failf(t, "no change", "key %s", key)
	return tier.Change{}
}

func TestRoundChanges(t *testing.T) {
	removed := func(grade evaluate.Grade, st tier.Standing, vetoes, failed []string) func(*tier.Assessed) {
		return func(a *tier.Assessed) { a.Grade, a.Standing, a.Vetoes, a.Failed = grade, st, vetoes, failed }
	}
	tests := []struct {
		name   string
		rules  tier.Rules
		first  []tier.Assessed
		second []tier.Assessed
		key    string
		want   tier.Change
	}{
		{
			name: "stayed on the same list", second: firstRound, key: "K2",
			want: tier.Change{Kind: tier.Stayed, FromUnit: qingxiu, Unit: qingxiu, From: qxList, To: qxList, Basis: tier.BasisRank},
		},
		{
			name: "stayed in the database without a list, held back by the quota", second: firstRound, key: "K3",
			want: tier.Change{Kind: tier.Stayed, FromUnit: qingxiu, Unit: qingxiu, From: inDB, To: inDB, Basis: tier.BasisDatabase, Cause: tier.CauseQuota},
		},
		{
			name: "entered", key: "K5",
			second: with(firstRound, "", nil, assessed("K5", jiangnan, classify.G1, evaluate.GradeA, "91", 0)),
			want:   tier.Change{Kind: tier.Entered, Unit: jiangnan, To: jnList, Basis: tier.BasisRank},
		},
		{
			name: "moved from the city list to the county's", key: "K1",
			second: with(firstRound, "", nil, assessed("K6", qingxiu, classify.G1, evaluate.GradeA, "99", 0)),
			want:   tier.Change{Kind: tier.Moved, FromUnit: qingxiu, Unit: qingxiu, From: city, To: qxList, Basis: tier.BasisRank},
		},
		{
			name: "dropped from a list by the quota, kept in the database", key: "K2",
			second: with(firstRound, "", nil, assessed("K6", qingxiu, classify.G1, evaluate.GradeA, "99", 0)),
			want:   tier.Change{Kind: tier.Dropped, FromUnit: qingxiu, Unit: qingxiu, From: qxList, To: inDB, Basis: tier.BasisDatabase, Cause: tier.CauseQuota},
		},
		{
			name: "moved to another unit and its list", key: "K2",
			second: with(firstRound, "K2", func(a *tier.Assessed) { a.Unit = jiangnan; a.Score = decimal.RequireFromString("90") }),
			want:   tier.Change{Kind: tier.Moved, FromUnit: qingxiu, Unit: jiangnan, From: qxList, To: jnList, Basis: tier.BasisRank},
		},
		{
			name: "listed: the seat of one who moved away", key: "K3",
			second: with(firstRound, "K2", func(a *tier.Assessed) { a.Unit = jiangnan; a.Score = decimal.RequireFromString("90") }),
			want:   tier.Change{Kind: tier.Listed, FromUnit: qingxiu, Unit: qingxiu, From: inDB, To: qxList, Basis: tier.BasisRank},
		},
		{
			name:   "dropped for a lost priority post",
			first:  with(firstRound, "K3", func(a *tier.Assessed) { a.Post = roster.County }),
			second: firstRound, key: "K3",
			want: tier.Change{Kind: tier.Dropped, FromUnit: qingxiu, Unit: qingxiu, From: qxList, To: inDB, Basis: tier.BasisDatabase, Cause: tier.CauseLostPriority},
		},
		{
			name: "removed for grade D", key: "K2",
			second: with(firstRound, "K2", removed(evaluate.GradeD, tier.StandingRemoved, nil, nil)),
			want:   tier.Change{Kind: tier.Left, FromUnit: qingxiu, Unit: qingxiu, From: qxList, To: out, Cause: tier.CauseGradeRemoved, Detail: []string{"D级"}},
		},
		{
			name: "removed for a veto whose facts also fail a condition", key: "K2",
			second: with(firstRound, "K2", removed(evaluate.GradeD, tier.StandingUnqualified, []string{"V1 刑事处罚"}, []string{"Q8 遵纪守法"})),
			want:   tier.Change{Kind: tier.Left, FromUnit: qingxiu, Unit: qingxiu, From: qxList, To: out, Cause: tier.CauseVeto, Detail: []string{"V1 刑事处罚"}},
		},
		{
			name: "removed: no longer qualified", key: "K4",
			second: with(firstRound, "K4", removed(evaluate.GradeB, tier.StandingUnqualified, nil, []string{"Q6 从业年限", "Q7 在本地工作或居住"})),
			want:   tier.Change{Kind: tier.Left, FromUnit: jiangnan, Unit: jiangnan, From: jnList, To: out, Cause: tier.CauseUnqualified, Detail: []string{"Q6 从业年限", "Q7 在本地工作或居住"}},
		},
		{
			name: "removed: no longer in any of the four groups", key: "K3",
			second: with(firstRound, "K3", func(a *tier.Assessed) { a.Group, a.Standing = 0, tier.StandingNotNewStrata }),
			want:   tier.Change{Kind: tier.Left, FromUnit: qingxiu, Unit: qingxiu, From: inDB, To: out, Cause: tier.CauseNotNewStrata},
		},
		{
			name: "not entered: new and graded D", key: "K7",
			second: with(firstRound, "", nil, tier.Assessed{Key: "K7", Unit: jiangnan, Group: classify.G1, Grade: evaluate.GradeD,
				Score: decimal.RequireFromString("52"), Standing: tier.StandingRemoved, AsOf: day1}),
			want: tier.Change{Kind: tier.Rejected, Unit: jiangnan, To: out, Cause: tier.CauseGradeRemoved, Detail: []string{"D级"}},
		},
		{
			name: "not entered: new and in no group can be decided", key: "K7",
			second: with(firstRound, "", nil, tier.Assessed{Key: "K7", Unit: jiangnan, Standing: tier.StandingUnclassified, AsOf: day1}),
			want:   tier.Change{Kind: tier.Rejected, Unit: jiangnan, To: out, Cause: tier.CauseUnclassified},
		},
		{
			name: "absent from the round: kept with the last assessment", key: "K4",
			second: with(firstRound, "K4", nil),
			want:   tier.Change{Kind: tier.Stayed, FromUnit: jiangnan, Unit: jiangnan, From: jnList, To: jnList, Basis: tier.BasisRank, Carried: tier.CauseUnassessed},
		},
		{
			name: "unclassified this round: kept with the last assessment", key: "K4",
			second: with(firstRound, "K4", func(a *tier.Assessed) { a.Group, a.Standing = 0, tier.StandingUnclassified }),
			want:   tier.Change{Kind: tier.Stayed, FromUnit: jiangnan, Unit: jiangnan, From: jnList, To: jnList, Basis: tier.BasisRank, Carried: tier.CauseUnclassified},
		},
		{
			name:  "keep incumbents: the city's incumbent stays before a better newcomer",
			rules: roundRules(tier.ByIncumbent, tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey), key: "K1",
			second: with(firstRound, "", nil, assessed("K6", qingxiu, classify.G1, evaluate.GradeA, "99", 0)),
			want:   tier.Change{Kind: tier.Stayed, FromUnit: qingxiu, Unit: qingxiu, From: city, To: city, Basis: tier.BasisIncumbent},
		},
		{
			name:  "keep incumbents: the newcomer finds the county's seat taken too",
			rules: roundRules(tier.ByIncumbent, tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey), key: "K6",
			second: with(firstRound, "", nil, assessed("K6", qingxiu, classify.G1, evaluate.GradeA, "99", 0)),
			want:   tier.Change{Kind: tier.Entered, Unit: qingxiu, To: inDB, Basis: tier.BasisDatabase, Cause: tier.CauseQuota},
		},
		{
			name:  "keep incumbents: an incumbent no longer eligible goes",
			rules: roundRules(tier.ByIncumbent, tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey), key: "K1",
			second: with(firstRound, "K1", removed(evaluate.GradeD, tier.StandingRemoved, nil, nil)),
			want:   tier.Change{Kind: tier.Left, FromUnit: qingxiu, Unit: qingxiu, From: city, To: out, Cause: tier.CauseGradeRemoved, Detail: []string{"D级"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.rules
			if r.Lists == nil {
				r = roundRules()
			}
			first := tt.first
			if first == nil {
				first = firstRound
			}
			prev, _, err := tier.Round(nil, r, first, day1)
			require.NoError(t, err)
			next, ch, err := tier.Round(prev, r, on(day2, tt.second), day2)
			require.NoError(t, err)
			got := changeOf(t, ch, tt.key)
			tt.want.Key = tt.key
			assert.Equal(t, tt.want, got)

			// The registry agrees with the change.
			row, in := next.Get(tt.key)
			assert.Equal(t, tt.want.To != out, in)
			if in {
				assert.Equal(t, tt.want.To, tier.Place{Seat: row.Seat, List: row.List})
				assert.Equal(t, tt.want.Basis, row.Basis)
			}
			if tt.want.Kind == tier.Left {
				h := next.History(tt.key)
				require.Len(t, h, 1)
				assert.Equal(t, tier.Removed, h[0].Status)
				assert.Equal(t, day2, h[0].RemovedOn)
				assert.Equal(t, tt.want.Cause, h[0].RemovedFor)
				assert.Equal(t, tt.want.Detail, h[0].Detail)
			}
			// The previous registry is unchanged.
			assert.Equal(t, day1, prev.AsOf())
		})
	}
}

// A person removed and assessed again later comes back, and the removal
// stays in the history.
func TestRoundReentry(t *testing.T) {
	r := roundRules()
	reg, _, err := tier.Round(nil, r, firstRound, day1)
	require.NoError(t, err)
	reg, _, err = tier.Round(reg, r, on(day2, with(firstRound, "K3", func(a *tier.Assessed) { a.Standing, a.Grade = tier.StandingRemoved, evaluate.GradeD })), day2)
	require.NoError(t, err)
	day3 := roster.NewDate(2026, time.March, 1)
	reg, ch, err := tier.Round(reg, r, on(day3, firstRound), day3)
	require.NoError(t, err)
	assert.Equal(t, tier.Entered, changeOf(t, ch, "K3").Kind)
	h := reg.History("K3")
	require.Len(t, h, 2)
	assert.Equal(t, []tier.Status{tier.Removed, tier.Active}, []tier.Status{h[0].Status, h[1].Status})
	assert.Equal(t, day2, h[0].RemovedOn)
	assert.Equal(t, day3, h[1].Since)
}

func TestRoundErrors(t *testing.T) {
	prev, _, err := tier.Round(nil, roundRules(), firstRound, day1)
	require.NoError(t, err)
	tests := []struct {
		name  string
		rules tier.Rules
		round []tier.Assessed
		asOf  roster.Date
		opts  []tier.Option
		want  string
		is    error
	}{
		{
			name: "a county's round with another unit's person", opts: []tier.Option{tier.ByUnit(qingxiu)}, asOf: day2,
			round: on(day2, firstRound),
			want:  "记录 K4：所属单位 属于 450105，不在 450103 的范围内 (belongs to unit 450105, outside the scope of 450103)", is: tier.ErrScope,
		},
		{
			name: "a county's round with a person the registry keeps in another unit", opts: []tier.Option{tier.ByUnit(qingxiu)}, asOf: day2,
			round: on(day2, []tier.Assessed{assessed("K4", qingxiu, classify.G4, evaluate.GradeB, "82", 0)}),
			want:  "记录 K4：所属单位 属于 450105，不在 450103 的范围内 (belongs to unit 450105, outside the scope of 450103)", is: tier.ErrScope,
		},
		{
			name: "a county's round for a unit without a list", opts: []tier.Option{tier.ByUnit("450199")}, asOf: day2,
			want: "本轮：县区 规则中没有 450199 的县区级名单 (the rules have no list for unit 450199)", is: tier.ErrScope,
		},
		{
			name: "a round dated before the last", asOf: roster.NewDate(2023, time.January, 1),
			want: "本轮：评价日期 本轮日期早于上一轮 2024-03-01 (the round's date is before the last round's, 2024-03-01)", is: tier.ErrInvalid,
		},
		{
			name: "a candidate graded D", asOf: day2,
			round: on(day2, []tier.Assessed{assessed("K9", qingxiu, classify.G1, evaluate.GradeD, "50", 0)}),
			want:  "记录 K9：等次 入库候选必须有 A 至 C 级 (a candidate needs a grade from A to C)", is: tier.ErrInvalid,
		},
		{
			name: "unqualified without the conditions", asOf: day2,
			round: []tier.Assessed{{Key: "K9", Unit: qingxiu, Standing: tier.StandingUnqualified, AsOf: day2}},
			want:  "记录 K9：未满足的资格条件 不符合资格条件须列出未满足的条件 (name the conditions that failed)", is: tier.ErrInvalid,
		},
		{
			name: "a person twice", asOf: day2,
			round: on(day2, []tier.Assessed{firstRound[0], firstRound[0]}),
			want:  "记录 K1：登记编号 本轮重复 (registration number given twice in the round)", is: tier.ErrDuplicate,
		},
		{
			name: "an assessment after the round", asOf: day1,
			round: on(day2, firstRound[:1]),
			want:  "记录 K1：评价日期 晚于本轮日期 2024-03-01 (after the round's date 2024-03-01)", is: tier.ErrInvalid,
		},
		{
			name: "rules that put a person on two lists", asOf: day2, rules: func() tier.Rules { r := roundRules(); r.OneList = false; return r }(),
			want: "名单规则：一人一名单 数据库每人只记一个名单，规则须为一人只列入一个名单 (the registry keeps one list per person: the rules need OneList)", is: tier.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.rules
			if r.Lists == nil {
				r = roundRules()
			}
			next, ch, err := tier.Round(prev, r, tt.round, tt.asOf, tt.opts...)
			require.Error(t, err)
			assert.Nil(t, next)
			assert.Nil(t, ch)
			assert.EqualError(t, err, tt.want)
			assert.True(t, errors.Is(err, tt.is))
			var te *tier.Error
			assert.True(t, errors.As(err, &te))
		})
	}
}

// A county-district's round chooses its own list only, keeps its people
// on the city list there, and leaves other units' people alone.
func TestRoundByUnit(t *testing.T) {
	r := roundRules()
	prev, _, err := tier.Round(nil, r, firstRound, day1)
	require.NoError(t, err)
	round := on(day2, with(firstRound[:3], "", nil, assessed("K8", qingxiu, classify.G2, evaluate.GradeA, "93", 0)))
	next, ch, err := prev.View(qingxiu).Round(r, round, day2)
	require.NoError(t, err)
	var got []string
	for _, c := range ch.Items {
		got = append(got, c.String())
	}
	assert.Equal(t, []string{
		"K1 未变动 450103：市级名单 450100 → 市级名单 450100（按排序入选）",
		"K2 移出名单，保留在库 450103：县区级名单 450103 → 在库未列入名单（在库未列入名单）；名额已满",
		"K3 未变动 450103：在库未列入名单 → 在库未列入名单（在库未列入名单）；名额已满",
		"K8 新入库 450103：不在库 → 县区级名单 450103（按排序入选）",
	}, got)
	assert.Equal(t, qingxiu, ch.Unit)
	require.Len(t, ch.Selection.Lists, 1)
	assert.Equal(t, qingxiu, ch.Selection.Lists[0].List.ID)
	k4, ok := next.Get("K4")
	require.True(t, ok)
	assert.Equal(t, day1, k4.AssessedOn, "another unit's person is not touched")
	assert.Equal(t, jnList, tier.Place{Seat: k4.Seat, List: k4.List})
}

func TestView(t *testing.T) {
	reg, _, err := tier.Round(nil, roundRules(), firstRound, day1)
	require.NoError(t, err)
	qx := reg.View(qingxiu)

	e, err := qx.Get("K2")
	require.NoError(t, err)
	assert.Equal(t, "K2", e.Key)

	_, err = qx.Get("K4")
	assert.EqualError(t, err, "记录 K4：所属单位 属于 450105，不在 450103 的范围内 (belongs to unit 450105, outside the scope of 450103)")
	assert.ErrorIs(t, err, tier.ErrScope)
	_, err = qx.History("K4")
	assert.ErrorIs(t, err, tier.ErrScope)
	_, err = qx.Get("K99")
	assert.EqualError(t, err, "记录 K99：不在数据库中 (not in the registry)")
	assert.ErrorIs(t, err, tier.ErrNotFound)

	var keys []string
	for _, e := range qx.Entries() {
		keys = append(keys, e.Key)
	}
	assert.Equal(t, []string{"K1", "K2", "K3"}, keys)
	assert.Len(t, reg.View("").Entries(), 4)
	_, err = reg.View("").Get("K4")
	assert.NoError(t, err)
}

// Under ByIncumbent, incumbents are taken first within the quota, and the
// group minimums still hold: an incumbent gives way to a group owed a
// seat, and the worst incumbents go when there are more than the seats.
func TestSelectKeepsIncumbents(t *testing.T) {
	order := []tier.SortKey{tier.ByIncumbent, tier.ByPriority, tier.ByGrade, tier.ByScore, tier.ByPost, tier.ByKey}
	inc := func(c tier.Candidate) tier.Candidate { c.Incumbent = "city"; return c }
	tests := []struct {
		name     string
		list     tier.List
		cands    []tier.Candidate
		admitted []admitted
		held     []held
	}{
		{
			name: "incumbents before a better newcomer",
			list: cityList(2),
			cands: []tier.Candidate{
				inc(cand("I1", qingxiu, classify.G1, evaluate.GradeC, "61", 0)),
				inc(cand("I2", qingxiu, classify.G1, evaluate.GradeB, "80", 0)),
				cand("N1", qingxiu, classify.G1, evaluate.GradeA, "99", roster.City),
			},
			admitted: []admitted{{"I2", 1, tier.ReasonIncumbent}, {"I1", 2, tier.ReasonIncumbent}},
			held:     []held{{"N1", 3, tier.ReasonQuota}},
		},
		{
			name: "a group minimum takes an incumbent's seat",
			list: func() tier.List { l := cityList(2); l.Minimums = map[classify.Group]int{classify.G4: 1}; return l }(),
			cands: []tier.Candidate{
				inc(cand("I1", qingxiu, classify.G1, evaluate.GradeA, "95", 0)),
				inc(cand("I2", qingxiu, classify.G1, evaluate.GradeB, "80", 0)),
				cand("N1", qingxiu, classify.G4, evaluate.GradeC, "60", 0),
			},
			admitted: []admitted{{"I1", 1, tier.ReasonIncumbent}, {"N1", 3, tier.ReasonCoverage}},
			held:     []held{{"I2", 2, tier.ReasonReserved}},
		},
		{
			name: "more incumbents than seats: the best of them stay",
			list: cityList(1),
			cands: []tier.Candidate{
				inc(cand("I1", qingxiu, classify.G1, evaluate.GradeB, "85", 0)),
				inc(cand("I2", qingxiu, classify.G2, evaluate.GradeA, "90", 0)),
			},
			admitted: []admitted{{"I2", 1, tier.ReasonIncumbent}},
			held:     []held{{"I1", 2, tier.ReasonQuota}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rules(tt.list)
			r.Order = order
			res, err := tier.Select(r, tt.cands)
			require.NoError(t, err)
			assert.Equal(t, tt.admitted, admittedOf(res.Lists[0]))
			assert.Equal(t, tt.held, heldOf(res.Lists[0]))
		})
	}

	_, err := tier.Select(rules(cityList(1)), []tier.Candidate{{Key: "X", Unit: qingxiu, Group: classify.G1, Grade: evaluate.GradeA, Incumbent: "gone"}})
	assert.EqualError(t, err, "记录 X：原名单 “gone”不是本规则的名单 (incumbent list is not one of the rules)")
	assert.ErrorIs(t, err, tier.ErrUnknownUnit)
}
