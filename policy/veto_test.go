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
				f, err := policy.Parse("x.yaml", []byte(overlayYAML+grades))
				require.NoError(t, err)
				_, err = policy.NewSet(roster.Nanning(), []*policy.File{f})
				return err
			},
			want: "x.yaml:9:6: policy qx: veto_grade D must be a removed grade (removed: true), since a veto removes the person from the database",
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
			want: "mini/mini.yaml:33:6: policy mini: veto_grade D must be a removed grade (removed: true), since a veto removes the person from the database",
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
