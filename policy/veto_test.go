package policy_test

import (
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A veto gives the veto grade, and a vetoed person leaves the database: the
// veto grade's band must be a removed one.
func TestVetoGradeMustBeRemoved(t *testing.T) {
	grades := "grades:\n" +
		"  - {grade: A, from: 85, to: 100}\n" +
		"  - {grade: B, from: 75, to: 85}\n" +
		"  - {grade: C, from: 60, to: 75}\n" +
		"  - {grade: D, from: 0, to: 60}\n"
	tests := []struct {
		name    string
		compile func(t *testing.T) error
		want    string
	}{
		{
			name: "an overlay replacing the bands without removed on D",
			compile: func(t *testing.T) error {
				f, err := policy.Parse(cityCode, "x.yaml", []byte(overlayYAML+grades))
				require.NoError(t, err)
				_, err = policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
				return err
			},
			want: "x.yaml:9:6: 政策 qx：一票否决等次（veto_grade）D 须为从数据库剔除的等次（removed: true），因为一票否决会将人员从数据库剔除 (veto_grade D must be a removed grade (removed: true), since a veto removes the person from the database)",
		},
		{
			name: "a full policy removing another grade than the veto grade",
			compile: func(t *testing.T) error {
				f, err := load(t, "mini/mini.yaml")
				require.NoError(t, err)
				f.Document.Grades[2].Removed, f.Document.Grades[3].Removed = true, false
				_, err = policy.Compile(f.Document)
				return err
			},
			want: "mini/mini.yaml:33:6: 政策 mini：一票否决等次（veto_grade）D 须为从数据库剔除的等次（removed: true），因为一票否决会将人员从数据库剔除 (veto_grade D must be a removed grade (removed: true), since a veto removes the person from the database)\n" +
				"mini/mini.yaml:32:6: 政策 mini：等次 C 从数据库剔除，而其下方的等次 D 不剔除；剔除的等次须是最低的几个 (grade C is removed but grade D below it is not; the removed grades are the lowest)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.compile(t)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrInvalid)
		})
	}
}

// The grades rise from D at the bottom to A at the top, and only the
// lowest grades leave the database: bands in another order load no more.
func TestGradesRiseFromDToA(t *testing.T) {
	tests := []struct{ name, grades, want string }{
		{"A at the bottom",
			"grades:\n" +
				"  - {grade: C, from: 80, to: 90}\n" +
				"  - {grade: A, from: 0, to: 60}\n" +
				"  - {grade: D, from: 90, to: 100, removed: true}\n" +
				"  - {grade: B, from: 60, to: 80}\n",
			"x.yaml:9:6: 政策 qx：等次 B 的分数段高于等次 A；等次应自下而上由 D 升至 A (grade B is above grade A in score; the grades rise from D at the bottom to A at the top)\n" +
				"x.yaml:6:6: 政策 qx：等次 C 的分数段高于等次 B；等次应自下而上由 D 升至 A (grade C is above grade B in score; the grades rise from D at the bottom to A at the top)\n" +
				"x.yaml:8:6: 政策 qx：等次 D 的分数段高于等次 C；等次应自下而上由 D 升至 A (grade D is above grade C in score; the grades rise from D at the bottom to A at the top)\n" +
				"x.yaml:8:6: 政策 qx：等次 D 从数据库剔除，而其下方的等次 C 不剔除；剔除的等次须是最低的几个 (grade D is removed but grade C below it is not; the removed grades are the lowest)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := policy.Parse(qingxiuCode, "x.yaml", []byte(overlayYAML+tt.grades))
			require.NoError(t, err)
			_, err = policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
			assert.EqualError(t, err, tt.want)
		})
	}
}
