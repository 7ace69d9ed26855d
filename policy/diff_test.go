package policy_test

import (
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/qualify"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiffOverlay(t *testing.T) {
	base, q := qingxiu(t)
	got := policy.Diff(base.Document(), q.Document())
	want := []policy.Change{
		{policy.NameChanged, "name", "名称：南宁市新的社会阶层代表人士资格条件与综合评价指标体系（参考基线） → 青秀区新的社会阶层代表人士综合评价指标体系 (name changed)"},
		{policy.JurisdictionChanged, "jurisdiction", "适用地区：450100 → 450103 (jurisdiction 450100 → 450103)"},
		{policy.InputAdded, "rural", "新增输入项 rural 乡村振兴贡献（万元）：小数，最小 0 (input declared: decimal, min 0)"},
		{policy.ConditionKindChanged, "Q6", "条件 Q6 在本领域从业3年以上：刚性条件 → 可放宽条件 (kind hard → soft)"},
		{policy.ConditionAdded, "Q10", "新增条件 Q10 热心公益事业（可放宽条件）：VolunteerHours >= 20 || Donations >= 1 (condition added: soft)"},
		{policy.IndicatorFormulaChanged, "P2", "指标 P2 学习培训：公式 TrainingHours / 4 → TrainingHours / 3 (formula changed)"},
		{policy.IndicatorPointsChanged, "C2", "指标 C2 带动就业：分值 7 → 5 (points 7 → 5)"},
		{policy.IndicatorAdded, "C3", "新增指标 C3 乡村振兴贡献（属于 C 社会贡献），分值 2，公式 In.rural / 5 (indicator added under C, points 2)"},
		{policy.IndicatorPointsChanged, "D1", "指标 D1 建言献策：分值 10 → 15 (points 10 → 15)"},
		{policy.IndicatorRemoved, "D2", "停用指标 D2 活动参与（原属 D 参政议政与履职，分值 5）(indicator disabled: was under D, points 5)"},
		{policy.GradeChanged, "A", "等次 A：90–100 → 85–100 (band 90–100 → 85–100)"},
		{policy.GradeChanged, "B", "等次 B：80–90 → 75–85 (band 80–90 → 75–85)"},
		{policy.GradeChanged, "C", "等次 C：60–80 → 60–75 (band 60–80 → 60–75)"},
	}
	assert.Equal(t, want, got)

	// The overlay as read, applied by hand, gives the same list.
	f, err := load(t, "overlay-qingxiu/qingxiu.yaml")
	require.NoError(t, err)
	d, err := f.Overlay.Apply(policy.BaselineFile().Document)
	require.NoError(t, err)
	assert.Equal(t, want, policy.Diff(policy.BaselineFile().Document, d))
}

func TestDiffNothing(t *testing.T) {
	base := policy.BaselineFile().Document
	assert.Empty(t, policy.Diff(base, base.Clone()))
	// Where the text stands and how formulas are laid out are not changes.
	other := base.Clone()
	other.Pos = formula.Position{}
	other.Indicators[0].Children[1].Formula = "TrainingHours  /\n  4"
	assert.Empty(t, policy.Diff(base, other))
}

func TestDiffAnyDocuments(t *testing.T) {
	f, err := load(t, "mini/mini.yaml")
	require.NoError(t, err)
	base := f.Document
	tests := []struct {
		name   string
		change func(d *policy.Document)
		want   []policy.Change
	}{
		{
			name: "validity",
			change: func(d *policy.Document) {
				d.ValidFrom, d.ValidUntil = roster.NewDate(2020, 1, 1), roster.NewDate(2022, 12, 31)
			},
			want: []policy.Change{
				{policy.ValidityChanged, "valid_from", "生效日期：2019-04-02 → 2020-01-01 (valid from 2019-04-02 → 2020-01-01)"},
				{policy.ValidityChanged, "valid_until", "失效日期：（长期有效） → 2022-12-31 (valid until open → 2022-12-31)"},
			},
		},
		{
			name: "total and rounding",
			change: func(d *policy.Document) {
				d.Total = dec("30")
				d.Rounding = evaluate.Rounding{Places: 1, Mode: evaluate.Down}
			},
			want: []policy.Change{
				{policy.TotalChanged, "total", "总分：20 → 30 (total 20 → 30)"},
				{policy.RoundingChanged, "rounding", "计分精度：保留 2 位小数，四舍五入 → 保留 1 位小数，截尾 (rounding 2 places, half_up → 1 places, down)"},
			},
		},
		{
			name: "an input declared",
			change: func(d *policy.Document) {
				d.Inputs = []policy.Input{{ID: "villages", Label: "结对帮扶村数", Type: policy.IntInput, Max: ptr(dec("20")), Default: ptr("0")}}
			},
			want: []policy.Change{
				{policy.InputAdded, "villages", "新增输入项 villages 结对帮扶村数：整数，最大 20，默认 0 (input declared: int, max 20, default 0)"},
			},
		},
		{
			name: "a condition's name, formula and reason; a condition removed and one added",
			change: func(d *policy.Document) {
				d.Conditions[0].Name, d.Conditions[0].Formula, d.Conditions[0].Reason = "非中共党员", "not CPC && Politics != \"\"", "中共党员不属于党外人士"
				d.Conditions = append(d.Conditions, qualify.Condition{ID: "Q2", Name: "年满25周岁", Kind: qualify.Hard, Formula: "Age >= 25"})
			},
			want: []policy.Change{
				{policy.ConditionChanged, "Q1", "条件 Q1：名称 党外人士 → 非中共党员 (name changed)"},
				{policy.ConditionChanged, "Q1", "条件 Q1 非中共党员：公式 not CPC → not CPC && Politics != \"\" (formula changed)"},
				{policy.ConditionChanged, "Q1", "条件 Q1 非中共党员：不符合时的说明 （无） → 中共党员不属于党外人士 (reason changed)"},
				{policy.ConditionAdded, "Q2", "新增条件 Q2 年满25周岁（刚性条件）：Age >= 25 (condition added: hard)"},
			},
		},
		{
			name: "a first-level indicator added, one removed, one moved, a name and a note",
			change: func(d *policy.Document) {
				c := d.Indicators[1]
				c1 := c.Children[0]
				d.Indicators[0].Children[0].Name = "政治立场与态度"
				d.Indicators[0].Children[1].Note = "每10学时1分"
				d.Indicators[0].Children = append(d.Indicators[0].Children, c1)
				d.Indicators[0].Points = dec("15")
				d.Indicators = []evaluate.Indicator{d.Indicators[0], {
					ID: "R", Name: "乡村振兴", Points: dec("5"),
					Children: []evaluate.Indicator{{ID: "R1", Name: "乡村振兴贡献", Points: dec("5"), Formula: "FieldYears"}},
				}}
			},
			want: []policy.Change{
				{policy.IndicatorPointsChanged, "P", "指标 P 政治素质：分值 10 → 15 (points 10 → 15)"},
				{policy.IndicatorChanged, "P1", "指标 P1：名称 政治立场 → 政治立场与态度 (name changed)"},
				{policy.IndicatorChanged, "P2", "指标 P2 学习培训：说明 （无） → 每10学时1分 (note changed)"},
				{policy.IndicatorChanged, "C1", "指标 C1 公益慈善：从 C 移到 P (moved from C to P)"},
				{policy.IndicatorAdded, "R", "新增一级指标 R 乡村振兴，分值 5 (first-level indicator added, points 5)"},
				{policy.IndicatorAdded, "R1", "新增指标 R1 乡村振兴贡献（属于 R 乡村振兴），分值 5，公式 FieldYears (indicator added under R, points 5)"},
				{policy.IndicatorRemoved, "C", "停用一级指标 C 社会贡献（分值 10，含 C1、C2）(first-level indicator disabled: points 10)"},
			},
		},
		{
			name: "bonuses and vetoes",
			change: func(d *policy.Document) {
				d.Bonuses = []evaluate.Bonus{{ID: "B1", Name: "抢险救灾", Points: dec("2"), Formula: "EmergencyRelief ? 2 : 0"}}
				d.Vetoes[0].Formula = "CriminalPenalty || DishonestDebtor"
				d.Vetoes = append(d.Vetoes, evaluate.Veto{ID: "V2", Name: "重大税收违法", Formula: "TaxViolation"})
			},
			want: []policy.Change{
				{policy.BonusAdded, "B1", "新增加分项 B1 抢险救灾，最多 2 分，公式 EmergencyRelief ? 2 : 0 (bonus added, up to 2)"},
				{policy.VetoChanged, "V1", "一票否决项 V1 受过刑事处罚：公式 CriminalPenalty → CriminalPenalty || DishonestDebtor (formula changed)"},
				{policy.VetoAdded, "V2", "新增一票否决项 V2 重大税收违法：TaxViolation (veto added)"},
			},
		},
		{
			name: "grades added and removed, and the veto grade",
			change: func(d *policy.Document) {
				d.Grades = []evaluate.Band{
					{Grade: evaluate.GradeA, From: dec("15"), To: dec("20")},
					{Grade: evaluate.GradeC, From: dec("12"), To: dec("15"), Removed: true},
					{Grade: evaluate.GradeD, From: dec("0"), To: dec("12"), Removed: true},
				}
				d.VetoGrade = evaluate.GradeC
			},
			want: []policy.Change{
				{policy.VetoGradeChanged, "veto_grade", "一票否决等次：D → C (veto grade D → C)"},
				{policy.GradeChanged, "A", "等次 A：18–20 → 15–20 (band 18–20 → 15–20)"},
				{policy.GradeChanged, "C", "等次 C：从数据库剔除 否 → 是 (removed from the database: no → yes)"},
				{policy.GradeRemoved, "B", "删除等次 B：15–18 (grade removed: 15–18)"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := base.Clone()
			tt.change(next)
			assert.Equal(t, tt.want, policy.Diff(base, next))
		})
	}
}

func TestDiffReversed(t *testing.T) {
	f, err := load(t, "mini/mini.yaml")
	require.NoError(t, err)
	base := f.Document
	next := base.Clone()
	next.Inputs = []policy.Input{{ID: "rural", Label: "乡村振兴贡献", Type: policy.DecimalInput}}
	next.Bonuses = []evaluate.Bonus{{ID: "B1", Name: "抢险救灾", Points: dec("2"), Formula: "EmergencyRelief ? 2 : 0"}}
	next.Grades = append(next.Grades[:3:3], evaluate.Band{Grade: evaluate.GradeD, From: dec("0"), To: dec("12")})
	assert.Equal(t, []policy.Change{
		{policy.InputRemoved, "rural", "删除输入项 rural 乡村振兴贡献 (input removed)"},
		{policy.BonusRemoved, "B1", "删除加分项 B1 抢险救灾（最多 2 分）(bonus removed)"},
		{policy.GradeChanged, "D", "等次 D：从数据库剔除 否 → 是 (removed from the database: no → yes)"},
	}, policy.Diff(next, base))
}

func TestDiffInputChanged(t *testing.T) {
	base := &policy.Document{Inputs: []policy.Input{{ID: "rural", Label: "乡村振兴贡献", Type: policy.DecimalInput, Min: ptr(dec("0"))}}}
	next := base.Clone()
	next.Inputs[0].Label, next.Inputs[0].Max = "乡村振兴贡献（万元）", ptr(dec("100"))
	assert.Equal(t, []policy.Change{
		{policy.InputChanged, "rural", "输入项 rural：乡村振兴贡献（小数，最小 0）→ 乡村振兴贡献（万元）（小数，最小 0，最大 100）(input changed: decimal, min 0 → decimal, min 0, max 100)"},
	}, policy.Diff(base, next))
}

func TestChangeKind(t *testing.T) {
	assert.Equal(t, "indicator points changed", policy.IndicatorPointsChanged.String())
	assert.Equal(t, "指标分值变更", policy.IndicatorPointsChanged.Label())
	assert.Equal(t, "ChangeKind(0)", policy.ChangeKind(0).String())
	assert.Equal(t, "ChangeKind(200)", policy.ChangeKind(200).Label())
	for k := policy.NameChanged; k <= policy.GradeChanged; k++ {
		assert.NotContains(t, k.String(), "ChangeKind", "kind %d has no name", k)
		assert.NotContains(t, k.Label(), "ChangeKind", "kind %d has no label", k)
	}
}
