package qualify_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/qualify"
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

// candidate meets every baseline condition: a non-CPC, reliable, local
// undergraduate of 39 with ten years in the field and a city CPPCC seat.
func candidate() *roster.Record {
	return &roster.Record{
		Key:        "NN-0001",
		Unit:       "450103",
		BirthDate:  roster.NewDate(1980, 5, 1),
		Politics:   roster.NonParty,
		Reliable:   true,
		Education:  roster.Undergraduate,
		FieldYears: 10,
		Local:      true,
		Seats:      []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Sector: "无党派人士"}},
	}
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

func check(t testing.TB, r *roster.Record, group string, waivers ...qualify.Waiver) *qualify.Result {
	t.Helper()
	p := baseline(t)
	res, err := p.Conditions().Check(facts(t, p, r, group), waivers...)
	require.NoError(t, err)
	return res
}

func condition(t testing.TB, res *qualify.Result, id string) qualify.Verdict {
	t.Helper()
	for _, c := range res.Verdicts() {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no condition %s", id)
	return qualify.Verdict{}
}

func born(y int, m time.Month, d int) func(*roster.Record) {
	return func(r *roster.Record) { r.BirthDate = roster.NewDate(y, m, d) }
}

// TestConditions runs every baseline condition met and failed, at its
// boundaries. The rest of the record meets every other condition, so the
// one condition under test decides the result.
func TestConditions(t *testing.T) {
	tests := []struct {
		name  string
		id    string
		group string // "" means G1; "-" means not classified
		mod   func(*roster.Record)
		met   bool
	}{
		// Q1 属于四个群体之一 (hard): the group classification gave.
		{"Q1 G1", "Q1", "G1", nil, true},
		{"Q1 G2", "Q1", "G2", nil, true},
		{"Q1 G3", "Q1", "G3", nil, true},
		{"Q1 G4", "Q1", "G4", nil, true},
		{"Q1 not classified", "Q1", "-", nil, false},
		{"Q1 an unknown group", "Q1", "G5", nil, false},

		// Q2 政治可靠 (hard): attested by the recommending unit.
		{"Q2 attested", "Q2", "", func(r *roster.Record) { r.Reliable = true }, true},
		{"Q2 not attested", "Q2", "", func(r *roster.Record) { r.Reliable = false }, false},

		// Q3 党外人士 (hard).
		{"Q3 无党派人士", "Q3", "", func(r *roster.Record) { r.Politics = roster.NonParty }, true},
		{"Q3 群众", "Q3", "", func(r *roster.Record) { r.Politics = roster.Masses }, true},
		{"Q3 民盟盟员", "Q3", "", func(r *roster.Record) { r.Politics = roster.CDL }, true},
		{"Q3 共青团员", "Q3", "", func(r *roster.Record) { r.Politics = roster.CYLMember }, true},
		{"Q3 中共党员", "Q3", "", func(r *roster.Record) { r.Politics = roster.CPCMember }, false},
		{"Q3 中共预备党员", "Q3", "", func(r *roster.Record) { r.Politics = roster.CPCProbationary }, false},

		// Q4 年龄25至60周岁 (soft), on the assessment date 2019-06-15.
		{"Q4 25 on the day", "Q4", "", born(1994, 6, 15), true},
		{"Q4 24, 25 tomorrow", "Q4", "", born(1994, 6, 16), false},
		{"Q4 60, 61 tomorrow", "Q4", "", born(1958, 6, 16), true},
		{"Q4 61 on the day", "Q4", "", born(1958, 6, 15), false},
		{"Q4 40", "Q4", "", born(1979, 1, 1), true},

		// Q5 大专及以上学历或中级及以上职称 (soft).
		{"Q5 研究生", "Q5", "", func(r *roster.Record) { r.Education = roster.Postgraduate }, true},
		{"Q5 大学本科", "Q5", "", func(r *roster.Record) { r.Education = roster.Undergraduate }, true},
		{"Q5 大学专科", "Q5", "", func(r *roster.Record) { r.Education = roster.College }, true},
		{"Q5 中专 without a title", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.Vocational, roster.NoTitle }, false},
		{"Q5 高中 with 初级", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.HighSchool, roster.Junior }, false},
		{"Q5 高中 with 中级", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.HighSchool, roster.Intermediate }, true},
		{"Q5 初中 with 副高", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.JuniorHigh, roster.ViceSenior }, true},
		{"Q5 no education filled in with 正高", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = 0, roster.Senior }, true},
		{"Q5 nothing filled in", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = 0, 0 }, false},
		{"Q5 其他 with 无", "Q5", "", func(r *roster.Record) { r.Education, r.TitleLevel = roster.EducationOther, roster.NoTitle }, false},

		// Q6 从业3年以上 (hard).
		{"Q6 3 years", "Q6", "", func(r *roster.Record) { r.FieldYears = 3 }, true},
		{"Q6 2 years", "Q6", "", func(r *roster.Record) { r.FieldYears = 2 }, false},
		{"Q6 none", "Q6", "", func(r *roster.Record) { r.FieldYears = 0 }, false},

		// Q7 在本地工作或居住 (hard).
		{"Q7 local", "Q7", "", func(r *roster.Record) { r.Local = true }, true},
		{"Q7 not local", "Q7", "", func(r *roster.Record) { r.Local = false }, false},

		// Q8 遵纪守法 (hard).
		{"Q8 clean", "Q8", "", nil, true},
		{"Q8 criminal penalty", "Q8", "", func(r *roster.Record) { r.CriminalPenalty = true }, false},
		{"Q8 dishonest judgment debtor", "Q8", "", func(r *roster.Record) { r.DishonestDebtor = true }, false},
		{"Q8 major tax violation", "Q8", "", func(r *roster.Record) { r.TaxViolation = true }, false},
		{"Q8 negative statements are a veto, not this condition", "Q8", "", func(r *roster.Record) { r.NegativeStatements = true }, true},

		// Q9 具有代表性 (hard): any one of four.
		{"Q9 a county NPC seat", "Q9", "", func(r *roster.Record) {
			r.Seats = []roster.Seat{{Body: roster.NPC, Level: roster.County}}
		}, true},
		{"Q9 a leading post", "Q9", "", func(r *roster.Record) {
			r.Seats = nil
			r.OrgPosts = []roster.OrgPost{{Kind: roster.SocialOrg, Organization: "南宁市律师协会", Title: "副会长", Level: roster.City, Leading: true}}
		}, true},
		{"Q9 a post that does not lead", "Q9", "", func(r *roster.Record) {
			r.Seats = nil
			r.OrgPosts = []roster.OrgPost{{Kind: roster.SocialOrg, Organization: "南宁市律师协会", Title: "会员", Level: roster.City}}
		}, false},
		{"Q9 a county award", "Q9", "", func(r *roster.Record) {
			r.Seats = nil
			r.Awards = []roster.Award{{Name: "优秀志愿者", Level: roster.County, Year: 2018}}
		}, true},
		{"Q9 a national award", "Q9", "", func(r *roster.Record) {
			r.Seats = nil
			r.Awards = []roster.Award{{Name: "全国劳动模范", Level: roster.National, Year: 2015}}
		}, true},
		{"Q9 an award without a level", "Q9", "", func(r *roster.Record) {
			r.Seats = nil
			r.Awards = []roster.Award{{Name: "单位表彰", Year: 2018}}
		}, false},
		{"Q9 industry rating 优秀", "Q9", "", func(r *roster.Record) { r.Seats, r.IndustryRating = nil, roster.Excellent }, true},
		{"Q9 industry rating 良好", "Q9", "", func(r *roster.Record) { r.Seats, r.IndustryRating = nil, roster.Good }, true},
		{"Q9 industry rating 一般", "Q9", "", func(r *roster.Record) { r.Seats, r.IndustryRating = nil, roster.Fair }, false},
		{"Q9 nothing", "Q9", "", func(r *roster.Record) { r.Seats = nil }, false},
	}
	p := baseline(t)
	kinds := map[string]qualify.Kind{}
	reasons := map[string]string{}
	for c := range p.Conditions().All() {
		kinds[c.ID], reasons[c.ID] = c.Kind, c.Reason
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := candidate()
			if tt.mod != nil {
				tt.mod(r)
			}
			group := tt.group
			switch group {
			case "":
				group = "G1"
			case "-":
				group = ""
			}
			res := check(t, r, group)
			c := condition(t, res, tt.id)
			assert.Equal(t, kinds[tt.id], c.Kind)
			assert.Equal(t, tt.met, res.Qualified, "qualified")
			if tt.met {
				assert.Equal(t, qualify.Met, c.Outcome)
				assert.Empty(t, c.Reason)
				assert.Empty(t, res.Failures())
				return
			}
			assert.Equal(t, qualify.Failed, c.Outcome)
			assert.Equal(t, reasons[tt.id], c.Reason)
			assert.Equal(t, []qualify.Verdict{c}, res.Failures(), "only %s fails", tt.id)
		})
	}
}

// TestBaselineConditions pins the baseline's conditions: ids, order, kinds
// and the sentence a clerk reads.
func TestBaselineConditions(t *testing.T) {
	r := candidate()
	r.Reliable, r.Politics, r.BirthDate = false, roster.CPCMember, roster.NewDate(1950, 1, 1)
	r.Education, r.FieldYears, r.Local, r.TaxViolation, r.Seats = roster.HighSchool, 1, false, true, nil
	res := check(t, r, "")
	type row struct {
		ID     string
		Kind   qualify.Kind
		Reason string
	}
	var got []row
	for _, c := range res.Verdicts() {
		assert.Equal(t, qualify.Failed, c.Outcome, c.ID)
		got = append(got, row{c.ID, c.Kind, c.Reason})
	}
	assert.Equal(t, []row{
		{"Q1", qualify.Hard, "未能归入四个群体中的任何一个"},
		{"Q2", qualify.Hard, "推荐单位未认定其政治可靠"},
		{"Q3", qualify.Hard, "中共党员（含预备党员）不属于党外代表人士"},
		{"Q4", qualify.Soft, "年龄不在25至60周岁之间"},
		{"Q5", qualify.Soft, "学历低于大专且无中级及以上职称"},
		{"Q6", qualify.Hard, "从业年限不足3年"},
		{"Q7", qualify.Hard, "不在本地工作或居住"},
		{"Q8", qualify.Hard, "有刑事处罚、失信被执行或重大税收违法记录"},
		{"Q9", qualify.Hard, "无政治安排、无组织负责人职务、无县级以上表彰且行业影响力不足良好"},
	}, got)
	assert.False(t, res.Qualified)
	assert.Len(t, res.Failures(), 9)
}

func TestResultCarriesThePolicy(t *testing.T) {
	p := baseline(t)
	res := check(t, candidate(), "G2")
	assert.Equal(t, "NN-0001", res.Key)
	assert.Equal(t, "nanning-2019", res.Policy)
	assert.Equal(t, p.Fingerprint(), res.Fingerprint)
	assert.Len(t, res.Fingerprint, 64)
	assert.Equal(t, asOf, res.AsOf)
	assert.True(t, res.Qualified)
	assert.Len(t, res.Verdicts(), 9)
}

func TestWaivers(t *testing.T) {
	old := born(1950, 1, 1)                                                                   // 69: Q4 fails
	unschooled := func(r *roster.Record) { r.Education, r.TitleLevel = roster.HighSchool, 0 } // Q5 fails
	tests := []struct {
		name      string
		mods      []func(*roster.Record)
		waivers   []qualify.Waiver
		qualified bool
		outcomes  map[string]qualify.Outcome
		reasons   map[string]string
	}{
		{"Q4 waived with a reason", []func(*roster.Record){old},
			[]qualify.Waiver{{Condition: "Q4", Reason: "全国劳动模范，特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
			true, map[string]qualify.Outcome{"Q4": qualify.Waived}, map[string]string{"Q4": "全国劳动模范，特别优秀"}},
		{"Q5 waived, the reason trimmed", []func(*roster.Record){unschooled},
			[]qualify.Waiver{{Condition: "Q5", Reason: "  非遗传承人，技艺精湛 \n", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
			true, map[string]qualify.Outcome{"Q5": qualify.Waived}, map[string]string{"Q5": "非遗传承人，技艺精湛"}},
		{"Q4 and Q5 both waived", []func(*roster.Record){old, unschooled},
			[]qualify.Waiver{{Condition: "Q5", Reason: "技艺精湛", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}, {Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
			true, map[string]qualify.Outcome{"Q4": qualify.Waived, "Q5": qualify.Waived}, map[string]string{"Q4": "德高望重", "Q5": "技艺精湛"}},
		{"Q4 waived but Q5 not", []func(*roster.Record){old, unschooled},
			[]qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
			false, map[string]qualify.Outcome{"Q4": qualify.Waived, "Q5": qualify.Failed}, map[string]string{"Q4": "德高望重", "Q5": "学历低于大专且无中级及以上职称"}},
		{"a waiver of a met condition is not recorded", nil,
			[]qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
			true, map[string]qualify.Outcome{"Q4": qualify.Met}, map[string]string{"Q4": ""}},
		{"a waived soft condition does not save a failed hard one", []func(*roster.Record){old, func(r *roster.Record) { r.FieldYears = 2 }},
			[]qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}},
			false, map[string]qualify.Outcome{"Q4": qualify.Waived, "Q6": qualify.Failed}, map[string]string{"Q4": "德高望重", "Q6": "从业年限不足3年"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := candidate()
			for _, m := range tt.mods {
				m(r)
			}
			res := check(t, r, "G3", tt.waivers...)
			assert.Equal(t, tt.qualified, res.Qualified)
			for id, want := range tt.outcomes {
				c := condition(t, res, id)
				assert.Equal(t, want, c.Outcome, id)
				assert.Equal(t, tt.reasons[id], c.Reason, id)
			}
			for _, c := range res.Verdicts() {
				if _, ok := tt.outcomes[c.ID]; !ok {
					assert.Equal(t, qualify.Met, c.Outcome, c.ID)
				}
			}
			for _, c := range res.Failures() {
				assert.Equal(t, qualify.Failed, c.Outcome, "Failures leaves out what was waived")
			}
		})
	}
}

func TestWaiverErrors(t *testing.T) {
	tests := []struct {
		name      string
		waivers   []qualify.Waiver
		condition string
		want      string
	}{
		{"a hard condition", []qualify.Waiver{{Condition: "Q6", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}, "Q6",
			"记录 NN-0001：资格条件 Q6：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)"},
		{"no reason", []qualify.Waiver{{Condition: "Q4"}}, "Q4",
			"记录 NN-0001：资格条件 Q4：invalid waiver: 放宽须记录理由 (a waiver needs a reason)"},
		{"a blank reason", []qualify.Waiver{{Condition: "Q5", Reason: " \t ", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}, "Q5",
			"记录 NN-0001：资格条件 Q5：invalid waiver: 放宽须记录理由 (a waiver needs a reason)"},
		{"an unknown condition", []qualify.Waiver{{Condition: "Q99", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}, "Q99",
			"记录 NN-0001：资格条件 Q99：invalid waiver: 政策 nanning-2019 没有资格条件 \"Q99\" (the policy has no such condition)"},
		{"twice for one condition", []qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}, {Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}, "Q4",
			"记录 NN-0001：资格条件 Q4：invalid waiver: 重复放宽 (waived twice)"},
		{"a bad waiver after a good one", []qualify.Waiver{{Condition: "Q4", Reason: "德高望重", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}, {Condition: "Q1", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 4, 10)}}, "Q1",
			"记录 NN-0001：资格条件 Q1：invalid waiver: 只有可放宽条件可以放宽 (only soft conditions can be waived)"},
	}
	p := baseline(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := candidate()
			r.BirthDate = roster.NewDate(1950, 1, 1)
			res, err := p.Conditions().Check(facts(t, p, r, "G1"), tt.waivers...)
			require.Error(t, err)
			assert.Nil(t, res)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, qualify.ErrWaiver)
			var qe *qualify.Error
			require.True(t, errors.As(err, &qe))
			assert.Equal(t, "NN-0001", qe.Key)
			assert.Equal(t, tt.condition, qe.Condition)
		})
	}
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		o           qualify.Outcome
		name, label string
	}{
		{qualify.Met, "met", "符合"},
		{qualify.Failed, "failed", "不符合"},
		{qualify.Waived, "waived", "放宽"},
		{0, "Outcome(0)", "Outcome(0)"},
		{9, "Outcome(9)", "Outcome(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.name, tt.o.String())
			assert.Equal(t, tt.label, tt.o.Label())
		})
	}
}

func baselineDocument(t testing.TB) *policy.Document {
	return baseline(t).Document()
}

// TestRuntimeError: a condition whose formula fails on one record gives an
// *Error naming the record and the condition; the other records are checked.
func TestRuntimeError(t *testing.T) {
	doc := baselineDocument(t)
	doc.ID = "ratio-test"
	doc.Conditions = append(doc.Conditions, qualify.Condition{
		ID: "Q10", Name: "人均捐赠不低于0.1万元", Kind: qualify.Hard, Formula: "Donations / JobsCreated >= 0.1",
	})
	p, err := policy.Compile(doc)
	require.NoError(t, err)
	var got []string
	for i, jobs := range []int{10, 0, 100} {
		r := candidate()
		r.Key = fmt.Sprintf("NN-%04d", i+1)
		r.Donations, r.JobsCreated = decimal.NewFromInt(5), jobs
		res, err := p.Conditions().Check(facts(t, p, r, "G1"))
		if err != nil {
			assert.Nil(t, res)
			assert.EqualError(t, err, "记录 NN-0002：资格条件 Q10：1:11: 政策 ratio-test：规则 Q10：公式计算出错 (rule Q10: division by zero)\n | Donations / JobsCreated >= 0.1\n | ..........^")
			var qe *qualify.Error
			require.True(t, errors.As(err, &qe))
			assert.Equal(t, "Q10", qe.Condition)
			assert.ErrorIs(t, err, formula.ErrRuntime)
			assert.NotErrorIs(t, err, qualify.ErrWaiver)
			got = append(got, qe.Key+" error")
			continue
		}
		got = append(got, fmt.Sprintf("%s qualified=%v", res.Key, res.Qualified))
	}
	assert.Equal(t, []string{"NN-0001 qualified=true", "NN-0002 error", "NN-0003 qualified=false"}, got, "the other records are checked")
}

// Nil conditions or nil facts are an error, never a panic.
func TestCheckNil(t *testing.T) {
	p, err := policy.Baseline()
	require.NoError(t, err)
	var none *qualify.Conditions
	_, err = none.Check(&roster.Facts{})
	assert.ErrorIs(t, err, qualify.ErrNoInput)
	_, err = p.Conditions().Check(nil)
	assert.EqualError(t, err, "没有资格条件或记录 (no conditions or no record)")
	_, err = qualify.Compile(nil, nil)
	assert.ErrorIs(t, err, qualify.ErrNoInput)
}

// A waiver records who granted it and when; one without either, or dated
// after the assessment date, is refused.
func TestWaiverApproval(t *testing.T) {
	p := baseline(t)
	r := candidate()
	r.BirthDate = roster.NewDate(1950, 1, 1) // too old: Q4 fails
	f := facts(t, p, r, "G1")
	day := roster.NewDate(2019, 4, 10)
	tests := []struct {
		name string
		w    qualify.Waiver
		want string
	}{
		{"no approving unit", qualify.Waiver{Condition: "Q4", Reason: "特别优秀", Date: day},
			"记录 NN-0001：资格条件 Q4：invalid waiver: 放宽须写明审批单位 (a waiver needs the unit that granted it)"},
		{"no date", qualify.Waiver{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部"},
			"记录 NN-0001：资格条件 Q4：invalid waiver: 放宽须写明审批日期 (a waiver needs the day it was granted)"},
		{"after the assessment date", qualify.Waiver{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: roster.NewDate(2019, 7, 1)},
			"记录 NN-0001：资格条件 Q4：invalid waiver: 审批日期晚于评价基准日 (the waiver is dated after the assessment date)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Conditions().Check(f, tt.w)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, qualify.ErrWaiver)
		})
	}
	res, err := p.Conditions().Check(f, qualify.Waiver{Condition: "Q4", Reason: " 特别优秀 ", ApprovedBy: " 青秀区委统战部 ", Date: day})
	require.NoError(t, err)
	c := condition(t, res, "Q4")
	assert.Equal(t, qualify.Waived, c.Outcome)
	require.NotNil(t, c.Waiver)
	assert.Equal(t, qualify.Waiver{Condition: "Q4", Reason: "特别优秀", ApprovedBy: "青秀区委统战部", Date: day}, *c.Waiver)
}
