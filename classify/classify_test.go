package classify_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// person builds a record from the labels a clerk writes on the form.
func person(t testing.TB, kind, role, occupation string, newMedia bool, followers int) *roster.Record {
	t.Helper()
	k, err := roster.ParseEmployerKind(kind)
	require.NoError(t, err)
	r, err := roster.ParseRole(role)
	require.NoError(t, err)
	return &roster.Record{Key: "NN-0001", EmployerKind: k, Role: r, Occupation: occupation, NewMedia: newMedia, Followers: followers}
}

// baseline is the classifier of the embedded baseline policy.
func baseline(t testing.TB) *classify.Classifier {
	t.Helper()
	p, err := policy.Baseline()
	require.NoError(t, err)
	return p.Classifier()
}

// overlay compiles the baseline policy changed by a policy overlay file
// that the city hands in, and returns its classifier.
func overlay(t testing.TB, name, doc string) (*classify.Classifier, error) {
	t.Helper()
	f, err := policy.Parse("450100", name, []byte(doc))
	require.NoError(t, err)
	require.NotNil(t, f.Overlay, "an overlay")
	d, err := f.Overlay.Apply(policy.BaselineFile().Document)
	if err != nil {
		return nil, err
	}
	p, err := policy.Compile(d)
	if err != nil {
		return nil, err
	}
	return p.Classifier(), nil
}

// classifyRecord classifies a record's facts, as the pipeline does.
func classifyRecord(c *classify.Classifier, r *roster.Record) (classify.Result, error) {
	f := r.Facts(roster.Date{})
	return c.Classify(&f)
}

func TestBaseline(t *testing.T) {
	type want struct {
		outcome   classify.Outcome
		primary   classify.Group
		secondary []classify.Group
		subkind   classify.Subkind
		rule      string
		matched   []string
	}
	tests := []struct {
		name                   string
		kind, role, occupation string
		newMedia               bool
		followers              int
		want                   want
	}{
		// G1
		{"G1 manager of a private enterprise", "民营企业", "经营管理", "总经理", false, 0,
			want{classify.Classified, classify.G1, nil, 0, "G1.1", []string{"G1.1"}}},
		{"G1 technician of a foreign-invested enterprise", "外商投资企业", "专业技术", "软件工程师", false, 0,
			want{classify.Classified, classify.G1, nil, 0, "G1.2", []string{"G1.2"}}},
		{"G1 Hong Kong, Macao and Taiwan capital counts as foreign", "港澳台资企业", "经营管理", "", false, 0,
			want{classify.Classified, classify.G1, nil, 0, "G1.1", []string{"G1.1"}}},
		// G2
		{"G2 lawyer of a law firm", "中介组织", "专业服务", "律师", false, 0,
			want{classify.Classified, classify.G2, nil, 0, "G2.1", []string{"G2.1"}}},
		{"G2 partner of an accounting firm", "中介组织", "出资人", "注册会计师", false, 0,
			want{classify.Classified, classify.G2, nil, 0, "G2.1", []string{"G2.1"}}},
		{"G2 manager of a foundation", "基金会", "经营管理", "秘书长", false, 0,
			want{classify.Classified, classify.G2, nil, 0, "G2.2", []string{"G2.2"}}},
		{"G2 social worker of a social service organisation", "社会服务机构", "专业服务", "社会工作者", false, 0,
			want{classify.Classified, classify.G2, nil, 0, "G2.3", []string{"G2.3"}}},
		// G3, each sub-kind
		{"G3 writing", "无工作单位", "", "自由撰稿人", false, 0,
			want{classify.Classified, classify.G3, nil, classify.Writing, "G3.1", []string{"G3.1"}}},
		{"G3 art creation", "无工作单位", "", "摄影师", false, 0,
			want{classify.Classified, classify.G3, nil, classify.ArtCreation, "G3.2", []string{"G3.2"}}},
		{"G3 performance", "无工作单位", "", "独立歌手", false, 0,
			want{classify.Classified, classify.G3, nil, classify.Performance, "G3.3", []string{"G3.3"}}},
		{"G3 planning and consulting", "无工作单位", "", "企业培训师", false, 0,
			want{classify.Classified, classify.G3, nil, classify.Consulting, "G3.4", []string{"G3.4"}}},
		{"G3 knowledge-based services", "无工作单位", "", "翻译", false, 0,
			want{classify.Classified, classify.G3, nil, classify.KnowledgeService, "G3.5", []string{"G3.5"}}},
		{"G3 skill-based services", "无工作单位", "", "个体工程机械技术人员", false, 0,
			want{classify.Classified, classify.G3, nil, classify.SkillService, "G3.6", []string{"G3.6"}}},
		{"G3 the word 自由 does not matter", "无工作单位", "", "自由画家", false, 0,
			want{classify.Classified, classify.G3, nil, classify.ArtCreation, "G3.2", []string{"G3.2"}}},
		// G4
		{"G4 investor of a new-media firm", "民营企业", "出资人", "", true, 0,
			want{classify.Classified, classify.G4, nil, 0, "G4.1", []string{"G4.1"}}},
		{"G4 editor of a new-media firm", "民营企业", "采编", "编辑", true, 0,
			want{classify.Classified, classify.G4, nil, 0, "G4.2", []string{"G4.2"}}},
		{"G4 online opinion leader without an employer", "无工作单位", "其他", "自媒体博主", true, 250000,
			want{classify.Classified, classify.G4, nil, 0, "G4.4", []string{"G4.4"}}},
		// Overlaps: the primary by the declared priority G3, G4, G1, G2.
		{"G1 and G4: technician of a private new-media firm", "民营企业", "专业技术", "", true, 0,
			want{classify.Classified, classify.G4, []classify.Group{classify.G1}, 0, "G4.3", []string{"G1.2", "G4.3"}}},
		{"G1 and G4: manager of a private new-media firm", "民营企业", "经营管理", "", true, 0,
			want{classify.Classified, classify.G4, []classify.Group{classify.G1}, 0, "G4.1", []string{"G1.1", "G4.1"}}},
		// G4.4 yields: an opinion leader who fits another group by the work
		// done keeps that group as primary.
		{"G2 and G4: lawyer and opinion leader stays G2", "中介组织", "专业服务", "律师", true, 300000,
			want{classify.Classified, classify.G2, []classify.Group{classify.G4}, 0, "G2.1", []string{"G2.1", "G4.4"}}},
		{"G2 and G4: social worker and opinion leader stays G2", "社会服务机构", "专业服务", "社会工作者", true, 100000,
			want{classify.Classified, classify.G2, []classify.Group{classify.G4}, 0, "G2.3", []string{"G2.3", "G4.4"}}},
		{"G2 and G4: a lawyer below the threshold is G2 alone", "中介组织", "专业服务", "律师", true, 99999,
			want{classify.Classified, classify.G2, nil, 0, "G2.1", []string{"G2.1"}}},
		{"G2 and G4: a new-media editor of a consultancy is G4 by the work", "中介组织", "采编", "", true, 300000,
			want{classify.Classified, classify.G4, nil, 0, "G4.2", []string{"G4.2", "G4.4"}}},
		{"G3 and G4: online writer on a platform", "无工作单位", "采编", "网络作家", true, 2000000,
			want{classify.Classified, classify.G3, []classify.Group{classify.G4}, classify.Writing, "G3.1", []string{"G3.1", "G4.2", "G4.4"}}},
		// Not new social strata: the three exclusions, before any group.
		{"government body", "党政机关", "经营管理", "", false, 0,
			want{classify.NotNewStrata, 0, nil, 0, "N1", []string{"N1"}}},
		{"public institution, even on new media", "事业单位", "采编", "记者", true, 500000,
			want{classify.NotNewStrata, 0, nil, 0, "N2", []string{"N2", "G4.2", "G4.4"}}},
		{"state-owned enterprise", "国有企业", "专业技术", "", false, 0,
			want{classify.NotNewStrata, 0, nil, 0, "N3", []string{"N3"}}},
		{"investor of a private enterprise", "民营企业", "出资人", "", false, 0,
			want{classify.NotNewStrata, 0, nil, 0, "N4", []string{"N4"}}},
		{"investor of a foreign-invested enterprise, even an opinion leader off new media", "外商投资企业", "出资人", "", false, 500000,
			want{classify.NotNewStrata, 0, nil, 0, "N4", []string{"N4"}}},
		{"other staff of a private enterprise", "民营企业", "其他", "出纳", false, 0,
			want{classify.NotNewStrata, 0, nil, 0, "N9", []string{"N9"}}},
		// Cannot tell.
		{"no employer kind, whatever else", "", "专业技术", "", true, 0,
			want{classify.Undetermined, 0, nil, 0, "U1", []string{"U1", "G4.3"}}},
		{"employer kind other", "其他", "经营管理", "", false, 0,
			want{classify.Undetermined, 0, nil, 0, "U2", []string{"U2"}}},
		{"freelancer in no sub-kind", "无工作单位", "", "网店店主", false, 0,
			want{classify.Undetermined, 0, nil, 0, "U3", []string{"U3"}}},
		{"freelancer without an occupation", "无工作单位", "", "", false, 0,
			want{classify.Undetermined, 0, nil, 0, "U3", []string{"U3"}}},
		{"no role", "民营企业", "", "工程师", false, 0,
			want{classify.Undetermined, 0, nil, 0, "U4", []string{"U4"}}},
	}
	c := baseline(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := person(t, tt.kind, tt.role, tt.occupation, tt.newMedia, tt.followers)
			got, err := classifyRecord(c, r)
			require.NoError(t, err)
			assert.Equal(t, tt.want.outcome, got.Outcome, "outcome")
			assert.Equal(t, tt.want.primary, got.Primary, "primary")
			assert.Equal(t, tt.want.secondary, got.Secondary, "secondary")
			assert.Equal(t, tt.want.subkind, got.Subkind, "subkind")
			assert.Equal(t, tt.want.rule, got.Rule, "rule")
			assert.Equal(t, tt.want.matched, got.Matched, "matched")
			rules := c.Rules()
			rule, _, ok := rules.Lookup(got.Rule)
			require.True(t, ok)
			assert.Equal(t, rule.Reason, got.Reason)
			assert.NotEmpty(t, got.Reason)
		})
	}
}

// Every rule of the baseline has a Chinese name and reason, and every
// group and sub-kind has a rule.
func TestBaselineDocument(t *testing.T) {
	rules := baseline(t).Rules()
	assert.Equal(t, []classify.Group{classify.G3, classify.G4, classify.G1, classify.G2}, rules.Priority)
	groups := map[classify.Group]bool{}
	subkinds := map[classify.Subkind]bool{}
	for s, r := range rules.All() {
		assert.Equal(t, "nanning-2019.yaml", r.Pos.File)
		assert.Positive(t, r.Pos.Line)
		assert.Regexp(t, `\p{Han}`, r.Name, r.ID)
		assert.Regexp(t, `\p{Han}.*。$`, r.Reason, r.ID)
		if s == classify.Grouping {
			groups[r.Gives.Group] = true
			subkinds[r.Subkind] = true
		}
	}
	for g := classify.G1; g <= classify.G4; g++ {
		assert.True(t, groups[g], "no rule for %s", g)
	}
	for s := classify.Writing; s <= classify.SkillService; s++ {
		assert.True(t, subkinds[s], "no rule for %s", s)
	}
}

// A classification does not depend on the assessment date: the facts of
// any date give the result of the record.
func TestClassifyIgnoresDate(t *testing.T) {
	c := baseline(t)
	r := person(t, "民营企业", "专业技术", "", true, 0)
	r.BirthDate = roster.NewDate(1980, 5, 1)
	want, err := classifyRecord(c, r)
	require.NoError(t, err)
	for _, asOf := range []roster.Date{{}, roster.NewDate(2019, 4, 15), roster.NewDate(2030, 1, 1)} {
		f := r.Facts(asOf)
		got, err := c.Classify(&f)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
}

func TestNilFacts(t *testing.T) {
	got, err := baseline(t).Classify(nil)
	assert.ErrorIs(t, err, classify.ErrInvalid)
	assert.Equal(t, "没有要分类的记录 (no record to classify)", err.Error())
	assert.Equal(t, classify.Undetermined, got.Outcome)
	assert.NotEmpty(t, got.Reason)
}

// A formula that fails on one record gives an Undetermined result with
// the reason, and an error that names the record, the rule and the place.
func TestRuntimeFault(t *testing.T) {
	c, err := overlay(t, "city.yaml", `id: city
name: 市级分类
jurisdiction: "450100"
extends: nanning-2019
classification:
  add:
    groups:
      - id: C1
        name: 市级人大代表
        group: G2
        when: Seats[0].Level == "市级"
        reason: 市级人大代表。
`)
	require.NoError(t, err)

	got, err := classifyRecord(c, person(t, "民营企业", "经营管理", "", false, 0))
	require.Error(t, err)
	assert.ErrorIs(t, err, classify.ErrRuntime)
	assert.ErrorIs(t, err, formula.ErrRuntime)
	var fe *formula.Error
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "NN-0001", fe.Record)
	assert.Equal(t, "C1", fe.Rule)
	assert.Equal(t, "city.yaml:11:20", fe.Position.String())
	assert.Equal(t, "记录 NN-0001：city.yaml:11:20: 政策 city：规则 C1：公式计算出错 (rule C1: index out of range: 0 (array length is 0))\n"+
		" | Seats[0].Level == \"市级\"\n | .....^", err.Error())
	assert.Equal(t, classify.Result{
		Outcome: classify.Undetermined,
		Rule:    "C1",
		Reason:  "规则 C1（市级人大代表）对本记录无法运行，无法判定：index out of range: 0 (array length is 0)。",
		Matched: []string{"G1.1"},
	}, got)

	r := person(t, "民营企业", "经营管理", "", false, 0)
	r.Seats = []roster.Seat{{Body: roster.NPC, Level: roster.City}}
	got, err = classifyRecord(c, r)
	require.NoError(t, err)
	assert.Equal(t, classify.G1, got.Primary)
	assert.Equal(t, []classify.Group{classify.G2}, got.Secondary)
}

// The classifier is shared between goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	c := baseline(t)
	records := []*roster.Record{
		person(t, "民营企业", "专业技术", "", true, 0),
		person(t, "无工作单位", "", "翻译", false, 0),
		person(t, "国有企业", "经营管理", "", false, 0),
		person(t, "", "", "", false, 0),
	}
	want := make([]classify.Result, len(records))
	for i, r := range records {
		var err error
		want[i], err = classifyRecord(c, r)
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := (g + n) % len(records)
				got, err := classifyRecord(c, records[i])
				assert.NoError(t, err)
				assert.Equal(t, want[i], got)
			}
		}()
	}
	wg.Wait()
}

func TestOutcomeNames(t *testing.T) {
	tests := []struct {
		o           classify.Outcome
		name, label string
	}{
		{classify.Undetermined, "undetermined", "无法判定"},
		{classify.Classified, "classified", "新的社会阶层人士"},
		{classify.NotNewStrata, "not new strata", "非新的社会阶层人士"},
		{classify.Outcome(9), "Outcome(9)", "分类结论(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.name, tt.o.String())
			assert.Equal(t, tt.label, tt.o.Label())
		})
	}
	assert.Equal(t, classify.Undetermined, classify.Result{}.Outcome)
	assert.Equal(t, "fallbacks", classify.Fallback.String())
	assert.Equal(t, "先行判断", classify.Screening.Label())
}

func BenchmarkClassify(b *testing.B) {
	c := baseline(b)
	f := person(b, "民营企业", "专业技术", "软件工程师", true, 120000).Facts(roster.Date{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Classify(&f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	rules := baseline(b).Rules()
	env, err := formula.NewEnv(formula.Config{Policy: "bench"})
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := classify.Compile(env, rules); err != nil {
			b.Fatal(err)
		}
	}
}

// A nil or zero Classifier, and nil facts, are errors, never panics.
func TestClassifierNotReady(t *testing.T) {
	var zero classify.Classifier
	var none *classify.Classifier
	for _, c := range []*classify.Classifier{&zero, none} {
		_, err := c.Classify(&roster.Facts{})
		assert.EqualError(t, err, "分类器未初始化：请用 classify.Compile 创建，或取自政策（policy.Policy.Classifier） (the classifier is not ready: make it with classify.Compile, or take a policy's)")
		assert.ErrorIs(t, err, classify.ErrInvalid)
		assert.True(t, c.Rules().IsZero())
		assert.Empty(t, c.Fingerprint())
	}
	_, err := baseline(t).Classify(nil)
	assert.EqualError(t, err, "没有要分类的记录 (no record to classify)")
}

// The classification gives the facts the group later stages read; a person
// in none of the groups, or one classified afresh, keeps no stale group.
func TestClassifyGivesTheGroup(t *testing.T) {
	c := baseline(t)
	tests := []struct {
		name            string
		r               *roster.Record
		group, subkind  string
		staleGroup, was string
	}{
		{"G1 technician", person(t, "民营企业", "专业技术", "", false, 0), "G1", "", "", ""},
		{"G3 online writer", person(t, "无工作单位", "", "网络作家", true, 0), "G3", "自由写作人员", "", ""},
		{"public institution, stale G2", person(t, "事业单位", "专业技术", "", false, 0), "", "", "G2", "自由写作人员"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.r.Facts(roster.Date{})
			f.Group, f.Subkind = tt.staleGroup, tt.was
			_, err := c.Classify(&f)
			require.NoError(t, err)
			assert.Equal(t, tt.group, f.Group)
			assert.Equal(t, tt.subkind, f.Subkind)
		})
	}
}

// An owner of a private or foreign-invested firm is a non-public-economy
// figure (非公有制经济人士), not new social strata, whether the form says so
// by 是否出资人 or by the role 出资人; an owner of a new-media firm is G4, and
// a partner of an intermediary is G2.
func TestBaselineInvestor(t *testing.T) {
	tests := []struct {
		name                   string
		kind, role, occupation string
		newMedia               bool
		want                   classify.Result
	}{
		{"owner who manages a private firm", "民营企业", "经营管理", "董事长", false,
			classify.Result{Outcome: classify.NotNewStrata, Rule: "N4", Matched: []string{"N4", "G1.1"}}},
		{"owner who is the engineer of a foreign-invested firm", "外商投资企业", "专业技术", "总工程师", false,
			classify.Result{Outcome: classify.NotNewStrata, Rule: "N4", Matched: []string{"N4", "G1.2"}}},
		{"owner with no role written", "民营企业", "", "", false,
			classify.Result{Outcome: classify.NotNewStrata, Rule: "N4", Matched: []string{"N4"}}},
		{"owner of a new-media firm who manages it", "民营企业", "经营管理", "", true,
			classify.Result{Outcome: classify.Classified, Primary: classify.G4, Secondary: []classify.Group{classify.G1}, Rule: "G4.1", Matched: []string{"G1.1", "G4.1"}}},
		{"owner of a new-media firm with no role written", "民营企业", "", "", true,
			classify.Result{Outcome: classify.Classified, Primary: classify.G4, Rule: "G4.1", Matched: []string{"G4.1"}}},
		{"partner of a law firm", "中介组织", "专业服务", "律师", false,
			classify.Result{Outcome: classify.Classified, Primary: classify.G2, Rule: "G2.1", Matched: []string{"G2.1"}}},
		{"a state-owned firm's rule comes first", "国有企业", "经营管理", "", false,
			classify.Result{Outcome: classify.NotNewStrata, Rule: "N3", Matched: []string{"N3"}}},
	}
	c := baseline(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := person(t, tt.kind, tt.role, tt.occupation, tt.newMedia, 0)
			r.Investor = true
			got, err := classifyRecord(c, r)
			require.NoError(t, err)
			rules := c.Rules()
			rule, _, ok := rules.Lookup(tt.want.Rule)
			require.True(t, ok)
			tt.want.Reason = rule.Reason
			assert.Equal(t, tt.want, got)
		})
	}
	// Without 是否出资人, a manager of a private firm is G1 as before.
	got, err := classifyRecord(c, person(t, "民营企业", "经营管理", "", false, 0))
	require.NoError(t, err)
	assert.Equal(t, "G1.1", got.Rule)
}

// A rule with yields gives way to a group that a rule without it gives;
// among groups that only yielding rules give, the priority decides.
func TestYields(t *testing.T) {
	rule := func(id string, g classify.Group, yields bool, when string) classify.Rule {
		return classify.Rule{ID: id, Name: id, Gives: classify.InGroup(g), Yields: yields, When: when, Reason: id + "。"}
	}
	rules := classify.Rules{
		Priority: []classify.Group{classify.G4, classify.G3, classify.G1, classify.G2},
		Groups: []classify.Rule{
			rule("G4.soft", classify.G4, true, "Followers >= 10"),
			rule("G3.soft", classify.G3, true, `EmployerKind == "无工作单位"`),
			rule("G2.firm", classify.G2, false, `EmployerKind == "中介组织"`),
			rule("G4.firm", classify.G4, false, `Role == "采编"`),
			rule("G1.off", classify.G1, false, `Occupation == "经理"`),
		},
		Otherwise: classify.Rule{ID: "Z", Name: "其余", Gives: classify.Conclusion{Outcome: classify.Undetermined}, Reason: "其余。"},
	}
	env, err := formula.NewEnv(formula.Config{Policy: "yields"})
	require.NoError(t, err)
	c, err := classify.Compile(env, rules)
	require.NoError(t, err)
	tests := []struct {
		name                   string
		kind, role, occupation string
		followers              int
		primary                classify.Group
		secondary              []classify.Group
		rule                   string
	}{
		{"yielding alone decides", "民营企业", "", "", 10, classify.G4, nil, "G4.soft"},
		{"a firm rule of another group wins over priority", "中介组织", "", "", 10, classify.G2, []classify.Group{classify.G4}, "G2.firm"},
		{"two yielding groups: the priority", "无工作单位", "", "", 10, classify.G4, []classify.Group{classify.G3}, "G4.soft"},
		{"a firm rule of the same group gives the reason", "中介组织", "采编", "", 10, classify.G4, []classify.Group{classify.G2}, "G4.firm"},
		{"yields: false is a firm rule", "无工作单位", "", "经理", 0, classify.G1, []classify.Group{classify.G3}, "G1.off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := classifyRecord(c, person(t, tt.kind, tt.role, tt.occupation, false, tt.followers))
			require.NoError(t, err)
			assert.Equal(t, classify.Classified, got.Outcome)
			assert.Equal(t, tt.primary, got.Primary, "primary")
			assert.Equal(t, tt.secondary, got.Secondary, "secondary")
			assert.Equal(t, tt.rule, got.Rule, "rule")
		})
	}
	r, _, _ := rules.Lookup("G4.soft")
	assert.True(t, r.Yields)
}
