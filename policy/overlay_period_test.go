package policy_test

import (
	"strings"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// overlayYAML is the head of every overlay below, on the embedded baseline.
const overlayYAML = "id: qx\nname: 青秀区\njurisdiction: \"450103\"\nextends: nanning-2019\n"

// A sum an overlay breaks is blamed on the overlay's own entry that changed
// the points (a disable, a points change, an add), never on the baseline's
// file nor on an entry of the overlay that changed only a formula.
func TestOverlaySumBlamedOnItsEntry(t *testing.T) {
	tests := []struct {
		name string
		src  string // after overlayYAML, from line 5
		want []string
	}{
		{
			name: "a second-level indicator disabled",
			src:  "indicators: {disable: [A2]}\n",
			want: []string{"x.yaml:5:24: 政策 qx：A 的二级指标分值合计 18 分，与其声明的 25 分不符 (the second-level indicators of A add up to 18 points, not the 25 it declares)"},
		},
		{
			name: "a second-level indicator disabled beside a formula changed",
			src:  "indicators:\n  change:\n    - {id: D1, formula: Proposals * 3}\n  disable: [D2]\n",
			want: []string{"x.yaml:8:13: 政策 qx：D 的二级指标分值合计 10 分，与其声明的 15 分不符 (the second-level indicators of D add up to 10 points, not the 15 it declares)"},
		},
		{
			name: "a first-level indicator disabled",
			src:  "indicators:\n  disable:\n    - D\n",
			want: []string{"x.yaml:7:7: 政策 qx：一级指标分值合计 85 分，与总分 100 分不符 (the first-level indicators add up to 85 points, not the total 100)"},
		},
		{
			name: "first-level points changed after a formula changed",
			src:  "indicators:\n  change:\n    - {id: P1, formula: \"15\"}\n    - {id: D, points: 20}\n    - {id: D1, points: 15}\n",
			want: []string{"x.yaml:8:8: 政策 qx：一级指标分值合计 105 分，与总分 100 分不符 (the first-level indicators add up to 105 points, not the total 100)"},
		},
		{
			name: "a second-level indicator added beside a formula changed",
			src:  "indicators:\n  change:\n    - {id: C1, formula: Donations}\n  add:\n    - {parent: C, id: C3, name: 乡村振兴, points: 2, formula: \"2\"}\n",
			want: []string{"x.yaml:9:8: 政策 qx：C 的二级指标分值合计 17 分，与其声明的 15 分不符 (the second-level indicators of C add up to 17 points, not the 15 it declares)"},
		},
		{
			name: "a first-level indicator added beside a formula changed",
			src:  "indicators:\n  change:\n    - {id: P1, formula: \"15\"}\n  add:\n    - {id: R, name: 乡村振兴, points: 5, children: [{id: R1, name: 乡村振兴贡献, points: 5, formula: \"5\"}]}\n",
			want: []string{"x.yaml:9:8: 政策 qx：一级指标分值合计 105 分，与总分 100 分不符 (the first-level indicators add up to 105 points, not the total 100)"},
		},
		{
			name: "a second-level points change",
			src:  "indicators:\n  change:\n    - {id: C1, formula: Donations}\n    - {id: C2, points: 5}\n",
			want: []string{"x.yaml:8:8: 政策 qx：C 的二级指标分值合计 13 分，与其声明的 15 分不符 (the second-level indicators of C add up to 13 points, not the 15 it declares)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := policy.Parse(qingxiuCode, "x.yaml", []byte(overlayYAML+tt.src))
			require.NoError(t, err)
			_, err = policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
			require.Error(t, err)
			assert.EqualError(t, err, strings.Join(tt.want, "\n"))
			assert.ErrorIs(t, err, policy.ErrInvalid)
		})
	}
}

// An overlay without valid_from is in force when its base is: its
// valid_until may end it earlier, never later. One with valid_from gives
// its own period, which may not start before its base's.
func TestOverlayPeriod(t *testing.T) {
	d := roster.NewDate
	tests := []struct {
		name       string
		src        string // after overlayYAML, from line 5
		baseUntil  roster.Date
		from, till roster.Date
		err        string
	}{
		{
			name: "no period: the base's", baseUntil: d(2021, 12, 31),
			from: d(2019, 4, 2), till: d(2021, 12, 31),
		},
		{
			name: "valid_until before the base's end", src: "valid_until: 2020-12-31\n", baseUntil: d(2021, 12, 31),
			from: d(2019, 4, 2), till: d(2020, 12, 31),
		},
		{
			name: "valid_until after the base's end ends with the base", src: "valid_until: 2023-12-31\n", baseUntil: d(2021, 12, 31),
			from: d(2019, 4, 2), till: d(2021, 12, 31),
		},
		{
			name: "valid_until of an open-ended base", src: "valid_until: 2023-12-31\n",
			from: d(2019, 4, 2), till: d(2023, 12, 31),
		},
		{
			name: "valid_from: its own period, open-ended", src: "valid_from: 2022-01-01\n", baseUntil: d(2021, 12, 31),
			from: d(2022, 1, 1),
		},
		{
			name: "valid_from and valid_until", src: "valid_from: 2022-01-01\nvalid_until: 2023-12-31\n", baseUntil: d(2021, 12, 31),
			from: d(2022, 1, 1), till: d(2023, 12, 31),
		},
		{
			name: "valid_from before the base's", src: "valid_from: 2019-01-01\n",
			err: "x.yaml:5:13: 政策 qx：生效日期（valid_from）2019-01-01 早于所继承政策 nanning-2019 的生效首日 2019-04-02 (valid_from 2019-01-01 is before 2019-04-02, the first day of nanning-2019, which it extends)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := policy.BaselineFile().Document
			base.ValidUntil = tt.baseUntil
			f, err := policy.Parse(qingxiuCode, "x.yaml", []byte(overlayYAML+tt.src))
			require.NoError(t, err)
			require.NotNil(t, f.Overlay)
			next, err := f.Overlay.Apply(base)
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				assert.ErrorIs(t, err, policy.ErrInvalid)
				assert.Nil(t, next)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.from, next.ValidFrom)
			assert.Equal(t, tt.till, next.ValidUntil)
		})
	}
}

// The embedded baseline is in force for the city until the day before the
// city's first own version, and a unit's overlay that extends it without a
// period of its own ends on that day: on later days the unit has the city's
// rules, not the 2019 ones.
func TestSetBaselineEndsAtTheCitysFirstVersion(t *testing.T) {
	city2022, err := load(t, "versions/city-2022.yaml")
	require.NoError(t, err)
	parse := func(name, src string) *policy.File {
		f, err := policy.Parse(cityCode, name, []byte(src))
		require.NoError(t, err)
		return f
	}
	unit := parse("qx.yaml", overlayYAML+"indicators:\n  change:\n    - {id: P2, formula: TrainingHours / 2}\n")
	unitUntil := parse("qx.yaml", overlayYAML+"valid_until: 2030-12-31\n")
	city2022to2022 := parse("city.yaml", "id: city-2022\nname: 南宁市（2022）\njurisdiction: \"450100\"\nextends: nanning-2019\nvalid_from: 2022-01-01\nvalid_until: 2022-12-31\n")
	d := roster.NewDate
	type want struct {
		unit string
		day  roster.Date
		id   string // or the error
	}
	tests := []struct {
		name  string
		files []*policy.File
		until roster.Date // the unit overlay's valid_until
		want  []want
	}{
		{
			name: "a unit's overlay on the baseline ends when the city's own version begins", files: []*policy.File{city2022, unit},
			until: d(2021, 12, 31),
			want: []want{
				{"450103", d(2021, 12, 31), "qx"},
				{"450103", d(2022, 1, 1), "city-2022"},
				{"450103", d(2030, 1, 1), "city-2022"},
				{"450100", d(2021, 12, 31), "nanning-2019"},
				{"450100", d(2022, 1, 1), "city-2022"},
			},
		},
		{
			name: "...its own valid_until cannot keep it longer", files: []*policy.File{city2022, unitUntil},
			until: d(2021, 12, 31),
			want:  []want{{"450103", d(2022, 1, 1), "city-2022"}},
		},
		{
			name: "the baseline does not come back after the city's version ends", files: []*policy.File{city2022to2022},
			want: []want{
				{"450100", d(2022, 12, 31), "city-2022"},
				{"450100", d(2023, 1, 1), "南宁市（450100）在 2023-01-01 没有生效的政策 (no policy in force: 南宁市 (450100) on 2023-01-01)"},
			},
		},
		{
			name: "without a city version the baseline and the overlay are open-ended", files: []*policy.File{unit},
			want: []want{{"450103", d(2030, 1, 1), "qx"}, {"450100", d(2030, 1, 1), "nanning-2019"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := policy.NewSet(roster.Nanning(), tt.files, policy.WithBaseline())
			require.NoError(t, err)
			if p, ok := s.Policy("qx"); ok {
				assert.Equal(t, tt.until, p.Document().ValidUntil)
			}
			for _, w := range tt.want {
				p, err := s.For(w.unit, w.day)
				if err != nil {
					assert.EqualError(t, err, w.id, "%s on %s", w.unit, w.day)
					continue
				}
				assert.Equal(t, w.id, p.ID(), "%s on %s", w.unit, w.day)
			}
		})
	}
}

func TestSetBaselinePeriodErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
		cause error
	}{
		{
			name: "a unit's overlay on the baseline when the city's own version starts with it",
			files: map[string]string{
				"city.yaml": "id: city-2019\nname: 南宁市（2019）\njurisdiction: \"450100\"\nextends: nanning-2019\n",
				"qx.yaml":   overlayYAML,
			},
			want:  "qx.yaml:4:10: 政策 qx：nanning-2019 在此没有任何一天生效：市级政策 city-2019 自 2019-04-02（即 nanning-2019 的生效首日）起生效；请填写生效日期（valid_from），或改为继承 city-2019 (nanning-2019 is in force on no day here, since the city's own policy city-2019 starts on 2019-04-02, its first day; give valid_from, or extend city-2019)",
			cause: policy.ErrExtends,
		},
		{
			name:  "an overlay that starts before its base",
			files: map[string]string{"qx.yaml": overlayYAML + "valid_from: 2019-04-01\n"},
			want:  "qx.yaml:5:13: 政策 qx：生效日期（valid_from）2019-04-01 早于所继承政策 nanning-2019 的生效首日 2019-04-02 (valid_from 2019-04-01 is before 2019-04-02, the first day of nanning-2019, which it extends)",
			cause: policy.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []*policy.File
			for name, src := range tt.files {
				f, err := policy.Parse(cityCode, name, []byte(src))
				require.NoError(t, err)
				files = append(files, f)
			}
			s, err := policy.NewSet(roster.Nanning(), files, policy.WithBaseline())
			assert.Nil(t, s)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
		})
	}
}
