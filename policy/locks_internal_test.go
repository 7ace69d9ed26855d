package policy

import (
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// No overlay can yet remove or change a condition or veto of the city's,
// change the veto grade or add under a locked indicator, so the locks on
// these are checked here on policies changed in Go: they hold whatever
// words an overlay gains.
func TestLocksOnWhatNoOverlaySays(t *testing.T) {
	city := BaselineFile().Document
	city.Locks = Locks{Indicators: []string{"C"}, Grades: GradesAll}
	o := &Overlay{ID: "qx", Pos: formula.Position{File: "qx.yaml", Line: 1, Column: 1}}
	tests := []struct {
		name   string
		change func(d *Document)
		want   []string
	}{
		{
			name:   "a veto removed",
			change: func(d *Document) { d.Vetoes = d.Vetoes[1:] },
			want:   []string{`qx.yaml:1:1: 政策 qx：锁定「一票否决项由市级规定，不能删除或修改」：不能删除市级一票否决项 V1（受过刑事处罚） (lock "the city's vetoes cannot be removed or changed": veto V1 (受过刑事处罚) of the city's cannot be removed)`},
		},
		{
			name:   "a veto's formula changed",
			change: func(d *Document) { d.Vetoes[3].Formula = "false" },
			want:   []string{`nanning-2019.yaml:187:14: 政策 qx：锁定「一票否决项由市级规定，不能删除或修改」：不能修改市级一票否决项 V4（公开发表造成严重负面影响的言论）的公式 (lock "the city's vetoes cannot be removed or changed": the formula of veto V4 (公开发表造成严重负面影响的言论) of the city's cannot be changed)`},
		},
		{
			name:   "the veto grade",
			change: func(d *Document) { d.VetoGrade = evaluate.GradeC },
			want:   []string{`qx.yaml:1:1: 政策 qx：锁定「一票否决等次由市级规定」：一票否决等次（veto_grade）须为市级规定的 D，不能改为 C (lock "the veto grade is the city's": the veto grade is D, as the city says, not C)`},
		},
		{
			name:   "a condition removed, and one's formula changed",
			change: func(d *Document) { d.Conditions = d.Conditions[1:]; d.Conditions[1].Formula = "true" },
			want: []string{
				`qx.yaml:1:1: 政策 qx：锁定「市级资格条件只能从严，不能放宽、修改或删除」：不能删除市级资格条件 Q1（属于新的社会阶层四个群体之一） (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q1 (属于新的社会阶层四个群体之一) of the city's cannot be removed)`,
				`nanning-2019.yaml:28:14: 政策 qx：锁定「市级资格条件只能从严，不能放宽、修改或删除」：不能修改市级资格条件 Q3（党外人士）的公式 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": the formula of condition Q3 (党外人士) of the city's cannot be changed)`,
			},
		},
		{
			name: "an indicator added under a locked one, and a band moved",
			change: func(d *Document) {
				d.Indicators[3].Children = append(d.Indicators[3].Children, evaluate.Indicator{ID: "C3", Name: "乡村振兴", Points: decimal.NewFromInt(1), Pos: formula.Position{File: "qx.yaml", Line: 9, Column: 8}})
				d.Grades[0].From = decimal.NewFromInt(88)
			},
			want: []string{
				`qx.yaml:1:1: 政策 qx：锁定「市级锁定的等次分数段不能修改」：等次分数段由市级锁定（locks.grades: all），须与 nanning-2019 相同：A 90–100, B 80–90, C 60–80, D 0–60 removed (lock "grade bands the city locked cannot be changed": the city locked the grade bands (locks.grades: all); they are those of nanning-2019: A 90–100, B 80–90, C 60–80, D 0–60 removed)`,
				`qx.yaml:9:8: 政策 qx：锁定「市级锁定的指标不能修改或停用」：一级指标 C（社会贡献）由市级锁定，不能在其下新增二级指标 C3 (lock "indicators the city locked cannot be changed or disabled": first-level indicator C (社会贡献) is locked by the city; indicator C3 cannot be added under it)`,
			},
		},
		{
			name:   "a county's quota",
			change: func(d *Document) { d.Lists.Lists[2].Quota = 60 },
			want:   []string{`qx.yaml:1:1: 政策 qx：锁定「名单规则由市级规定」：名单规则（lists）由市级规定：名额、优先顺序、群体覆盖、可入选等次和排序都是市级的，区县不能修改；请删去 lists 一节 (lock "the lists are the city's": the lists are the city's: quotas, priority, group coverage, the grades listed and the order; a county-district cannot change them: remove the lists section)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := city.Clone()
			d.ID = o.ID
			d.Pos, d.fields = o.Pos, o.fields
			tt.change(d)
			p := &problems{policy: o.ID}
			checkLocks(city, d, o, p)
			require.Len(t, p.errs, len(tt.want))
			for i, e := range p.errs {
				assert.EqualError(t, e, tt.want[i])
				assert.ErrorIs(t, e, ErrLocked)
			}
		})
	}
}
