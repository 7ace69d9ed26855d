package policy_test

import (
	"errors"
	"fmt"
	"github.com/newstrata/newstrata/formula"
	"os"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countyYAML heads an overlay of 青秀区's on the baseline: what follows it
// starts on line 5.
const countyYAML = "id: qingxiu-2019\nname: 青秀区\njurisdiction: \"450103\"\nextends: nanning-2019\n"

// handIn is a file and the unit that hands it in.
type handIn struct{ from, name, src string }

// handInSet parses files as their units hand them in and builds Nanning's set.
func handInSet(t *testing.T, files ...handIn) (*policy.Set, error) {
	t.Helper()
	var fs []*policy.File
	for _, h := range files {
		f, err := policy.Parse(h.from, h.name, []byte(h.src))
		require.NoError(t, err)
		fs = append(fs, f)
	}
	return policy.NewSet(roster.Nanning(), fs, policy.WithBaseline())
}

// county is an overlay of countyYAML with rest, handed in by 青秀区.
func county(rest string) handIn { return handIn{qingxiuCode, "qingxiu.yaml", countyYAML + rest} }

// countyOn is an overlay of 青秀区's on base, handed in by 青秀区: rest
// starts on line 5.
func countyOn(base, rest string) handIn {
	return handIn{qingxiuCode, "qingxiu.yaml", "id: qingxiu-2019\nname: 青秀区\njurisdiction: \"450103\"\nextends: " + base + "\n" + rest}
}

// cityLocks is a version of the city's that locks P1, D and the removed
// grades' bands and lets county-districts relax Q6.
var cityLocks = handIn{cityCode, "city.yaml", "id: city-2019\nname: 南宁市\njurisdiction: \"450100\"\nextends: nanning-2019\n" +
	"locks:\n" +
	"  relax: [Q6]\n" +
	"  indicators: [P1, D]\n" +
	"  grades: removed\n"}

// Each lock refuses a county's file, at the entry that does what is
// locked, naming the lock.
func TestCountyLocks(t *testing.T) {
	tests := []struct {
		name  string
		files []handIn
		want  string
		lock  policy.Lock
	}{
		{
			name:  "Q2 (politically reliable) made soft",
			files: []handIn{county("conditions:\n  change:\n    - {id: Q2, kind: soft}\n")},
			want:  `qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q2（政治可靠，拥护中国共产党的领导（推荐单位认定））是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q2 (政治可靠，拥护中国共产党的领导（推荐单位认定）) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)`,
			lock:  policy.LockConditions,
		},
		{
			name:  "Q3 (non-CPC) made soft",
			files: []handIn{county("conditions:\n  change:\n    - {id: Q3, kind: soft}\n")},
			want:  `qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q3（党外人士）是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q3 (党外人士) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)`,
			lock:  policy.LockConditions,
		},
		{
			name:  "Q8 (law-abiding) made soft",
			files: []handIn{county("conditions:\n  change:\n    - {id: Q8, kind: soft}\n")},
			want:  `qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q8（遵纪守法：无刑事处罚，非失信被执行人，无重大税收违法）是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q8 (遵纪守法：无刑事处罚，非失信被执行人，无重大税收违法) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)`,
			lock:  policy.LockConditions,
		},
		{
			name:  "grade D kept in the database",
			files: []handIn{county("grades:\n  - {grade: A, from: 90, to: 100}\n  - {grade: B, from: 80, to: 90}\n  - {grade: C, from: 60, to: 80}\n  - {grade: D, from: 0, to: 60}\n")},
			want:  `qingxiu.yaml:9:6: 政策 qingxiu-2019：锁定「市级规定剔除的等次仍须从数据库剔除」：等次 D 由市级规定从数据库剔除；请写明 removed: true (lock "a grade the city removes from the database stays removed": grade D is removed from the database by the city; write removed: true)`,
			lock:  policy.LockRemovedGrades,
		},
		{
			name:  "grade D dropped",
			files: []handIn{county("grades:\n  - {grade: A, from: 90, to: 100}\n  - {grade: B, from: 80, to: 90}\n  - {grade: C, from: 0, to: 80}\n")},
			want:  `qingxiu.yaml:6:3: 政策 qingxiu-2019：锁定「市级规定剔除的等次仍须从数据库剔除」：等次 D 由市级规定从数据库剔除，不能取消；请保留等次 D 并写明 removed: true (lock "a grade the city removes from the database stays removed": grade D is removed from the database by the city and cannot be dropped; keep grade D with removed: true)`,
			lock:  policy.LockRemovedGrades,
		},
		{
			name:  "the city's id",
			files: []handIn{{qingxiuCode, "qingxiu.yaml", "id: nanning-2019\nname: 青秀区\njurisdiction: \"450103\"\nextends: nanning-2019\n"}},
			want:  `qingxiu.yaml:1:5: 政策 nanning-2019：锁定「政策编号不能与市级或其他单位的重复」：编号 "nanning-2019" 是南宁市（450100）的政策编号，青秀区不能使用；请另取编号 (lock "the policy ids of the city and of other units are theirs": id "nanning-2019" is that of a policy of 南宁市 (450100), which 青秀区 cannot use; choose another id)`,
			lock:  policy.LockIDs,
		},
		{
			name:  "the id of the city's own version",
			files: []handIn{cityLocks, {qingxiuCode, "qingxiu.yaml", "id: city-2019\nname: 青秀区\njurisdiction: \"450103\"\nextends: nanning-2019\n"}},
			want:  `qingxiu.yaml:1:5: 政策 city-2019：锁定「政策编号不能与市级或其他单位的重复」：编号 "city-2019" 是南宁市（450100）的政策编号，青秀区不能使用；请另取编号 (lock "the policy ids of the city and of other units are theirs": id "city-2019" is that of a policy of 南宁市 (450100), which 青秀区 cannot use; choose another id)`,
			lock:  policy.LockIDs,
		},
		{
			name: "another unit's id",
			files: []handIn{
				{"450105", "jiangnan.yaml", "id: jiangnan-2019\nname: 江南区\njurisdiction: \"450105\"\nextends: nanning-2019\n"},
				{qingxiuCode, "qingxiu.yaml", "id: jiangnan-2019\nname: 青秀区\njurisdiction: \"450103\"\nextends: nanning-2019\n"},
			},
			want: `qingxiu.yaml:1:5: 政策 jiangnan-2019：锁定「政策编号不能与市级或其他单位的重复」：编号 "jiangnan-2019" 是江南区（450105）的政策编号，青秀区不能使用；请另取编号 (lock "the policy ids of the city and of other units are theirs": id "jiangnan-2019" is that of a policy of 江南区 (450105), which 青秀区 cannot use; choose another id)`,
			lock: policy.LockIDs,
		},
		{
			name:  "another unit's jurisdiction",
			files: []handIn{{qingxiuCode, "qingxiu.yaml", "id: qingxiu-2019\nname: 青秀区\njurisdiction: \"450105\"\nextends: nanning-2019\n"}},
			want:  `qingxiu.yaml:3:15: 政策 qingxiu-2019：锁定「区县只能制定本单位的政策」：本文件由青秀区（450103）报送，适用地区（jurisdiction）却是江南区（450105）；请写 "450103" (lock "a county-district sets rules for itself only": the file is handed in by 青秀区 (450103) but its jurisdiction is 江南区 (450105); write "450103")`,
			lock:  policy.LockOwnUnit,
		},
		{
			name:  "the city's jurisdiction: a version for every unit",
			files: []handIn{{qingxiuCode, "qingxiu.yaml", "id: qingxiu-2019\nname: 青秀区\njurisdiction: \"450100\"\nextends: nanning-2019\nvalid_from: 2020-01-01\n"}},
			want:  `qingxiu.yaml:3:15: 政策 qingxiu-2019：锁定「区县只能制定本单位的政策」：本文件由青秀区（450103）报送，适用地区（jurisdiction）却是南宁市（450100）；请写 "450103" (lock "a county-district sets rules for itself only": the file is handed in by 青秀区 (450103) but its jurisdiction is 南宁市 (450100); write "450103")`,
			lock:  policy.LockOwnUnit,
		},
		{
			name:  "a whole policy",
			files: []handIn{{qingxiuCode, "mini.yaml", string(must(os.ReadFile("testdata/mini/mini.yaml")))}},
			want:  `mini.yaml:2:5: 政策 mini：锁定「区县政策须继承市级政策」：青秀区报送的文件须用 extends 继承市级政策或青秀区此前的版本，不能是一份完整的政策 (lock "a county-district's policy extends the city's": a file handed in by 青秀区 must extend the city's policy or one of 青秀区's earlier versions (extends); it cannot be a whole policy)`,
			lock:  policy.LockExtendsCity,
		},
		{
			name:  "locks",
			files: []handIn{county("locks:\n  relax: [Q3]\n")},
			want:  `qingxiu.yaml:6:3: 政策 qingxiu-2019：锁定「区县可改范围（locks）由市级规定」：locks 只能写在市级政策中；请删去 (lock "only the city says what county-districts may change (locks)": locks belong to the city's policy only; remove them)`,
			lock:  policy.LockLocks,
		},
		{
			name:  "a hard condition made soft through the unit's own earlier version",
			files: []handIn{county("valid_until: 2019-12-31\n"), {qingxiuCode, "next.yaml", "id: qingxiu-2020\nname: 青秀区\njurisdiction: \"450103\"\nextends: qingxiu-2019\nvalid_from: 2020-01-01\nconditions:\n  change:\n    - {id: Q3, kind: soft}\n"}},
			want:  `next.yaml:8:8: 政策 qingxiu-2020：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q3（党外人士）是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q3 (党外人士) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)`,
			lock:  policy.LockConditions,
		},
		{
			name:  "a condition the city lets relax, and one it does not",
			files: []handIn{cityLocks, countyOn("city-2019", "conditions:\n  change:\n    - {id: Q6, kind: soft}\n    - {id: Q9, kind: soft}\n")},
			want:  `qingxiu.yaml:8:8: 政策 qingxiu-2019：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q9（具有代表性：人大政协职务、统战或社会组织负责人、县级以上表彰或行业影响力良好以上）是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q9 (具有代表性：人大政协职务、统战或社会组织负责人、县级以上表彰或行业影响力良好以上) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)`,
			lock:  policy.LockConditions,
		},
		{
			name:  "an indicator the city locked, changed",
			files: []handIn{cityLocks, countyOn("city-2019", "indicators:\n  change:\n    - {id: P1, formula: \"PoliticalRating == '优秀' ? 15 : 0\"}\n")},
			want:  `qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级锁定的指标不能修改或停用」：指标 P1（政治立场）由市级锁定，分值须为 15，公式不能修改 (lock "indicators the city locked cannot be changed or disabled": indicator P1 (政治立场) is locked by the city: its points are 15 and its formula cannot change)`,
			lock:  policy.LockIndicators,
		},
		{
			name:  "a second-level indicator of a first-level one the city locked, disabled",
			files: []handIn{cityLocks, countyOn("city-2019", "indicators:\n  change:\n    - {id: D1, points: 15}\n  disable: [D2]\n")},
			want: `qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级锁定的指标不能修改或停用」：指标 D1（建言献策）由市级锁定，分值须为 10，公式不能修改 (lock "indicators the city locked cannot be changed or disabled": indicator D1 (建言献策) is locked by the city: its points are 10 and its formula cannot change)` + "\n" +
				`qingxiu.yaml:8:13: 政策 qingxiu-2019：锁定「市级锁定的指标不能修改或停用」：指标 D2（活动参与）由市级锁定，不能停用 (lock "indicators the city locked cannot be changed or disabled": indicator D2 (活动参与) is locked by the city and cannot be disabled)`,
			lock: policy.LockIndicators,
		},
		{
			name:  "the band of a removed grade, which the city locked, moved",
			files: []handIn{cityLocks, countyOn("city-2019", "grades:\n  - {grade: A, from: 90, to: 100}\n  - {grade: B, from: 80, to: 90}\n  - {grade: C, from: 50, to: 80}\n  - {grade: D, from: 0, to: 50, removed: true}\n")},
			want:  `qingxiu.yaml:9:6: 政策 qingxiu-2019：锁定「市级锁定的等次分数段不能修改」：剔除等次的分数段由市级锁定（locks.grades: removed），等次 D 须为 0–60 (lock "grade bands the city locked cannot be changed": the city locked the bands of removed grades (locks.grades: removed); grade D is 0–60)`,
			lock:  policy.LockGrades,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := handInSet(t, tt.files...)
			assert.Nil(t, s)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrLocked)
			for _, e := range leaves(err) {
				var pe *formula.Error
				require.True(t, errors.As(e, &pe))
				assert.Equal(t, tt.lock, lockOf(e), "%v", e)
			}
			assertPlaced(t, err, true)
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// What the notice leaves to a county-district it may change: Annex 3,
// stricter conditions, the cut-offs (D's too, so long as D stays removed
// and the lowest), and what the city's locks loosen.
func TestCountyMayChange(t *testing.T) {
	tests := []struct {
		name  string
		files []handIn
		unit  string
		want  string // the policy in force for unit on 2024-03-01
	}{
		{
			name: "points, formulas, indicators added and disabled, a stricter and a new condition",
			files: []handIn{county("conditions:\n  add:\n    - {id: Q10, name: 热心公益事业, kind: hard, formula: VolunteerHours >= 20}\n  change:\n    - {id: Q5, kind: hard}\n" +
				"indicators:\n  change:\n    - {id: C2, points: 5}\n    - {id: P2, formula: TrainingHours / 3}\n    - {id: D1, points: 15}\n  disable: [D2]\n  add:\n    - {parent: C, id: C3, name: 乡村振兴贡献, points: 2, formula: Donations / 5}\n")},
			unit: qingxiuCode,
			want: "qingxiu-2019",
		},
		{
			name:  "D's band shrunk to [0, 0.01), still removed and the lowest",
			files: []handIn{county("grades:\n  - {grade: A, from: 90, to: 100}\n  - {grade: B, from: 80, to: 90}\n  - {grade: C, from: 0.01, to: 80}\n  - {grade: D, from: 0, to: 0.01, removed: true}\n")},
			unit:  qingxiuCode,
			want:  "qingxiu-2019",
		},
		{
			name:  "a hard condition the city lets relax, made soft",
			files: []handIn{cityLocks, countyOn("city-2019", "conditions:\n  change:\n    - {id: Q6, kind: soft}\n")},
			unit:  qingxiuCode,
			want:  "qingxiu-2019",
		},
		{
			name:  "the unit's own earlier version extended",
			files: []handIn{county("valid_until: 2019-12-31\n"), {qingxiuCode, "next.yaml", "id: qingxiu-2020\nname: 青秀区\njurisdiction: \"450103\"\nextends: qingxiu-2019\nvalid_from: 2020-01-01\nindicators:\n  change:\n    - {id: C2, formula: JobsCreated / 10}\n"}},
			unit:  qingxiuCode,
			want:  "qingxiu-2020",
		},
		{
			name:  "a unit that files under its former code",
			files: []handIn{{"450181", "hengzhou.yaml", "id: hengxian-2019\nname: 横县\njurisdiction: \"450127\"\nextends: nanning-2019\n"}},
			unit:  "450181",
			want:  "hengxian-2019",
		},
		{
			name:  "the city, which may relax any condition, for a unit",
			files: []handIn{{cityCode, "qingxiu.yaml", countyYAML + "conditions:\n  change:\n    - {id: Q3, kind: soft}\n"}},
			unit:  qingxiuCode,
			want:  "qingxiu-2019",
		},
		{
			name:  "the city's own version replacing the baseline",
			files: []handIn{{cityCode, "city.yaml", string(must(os.ReadFile("data/nanning-2019.yaml")))}},
			unit:  qingxiuCode,
			want:  policy.BaselineID,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := handInSet(t, tt.files...)
			require.NoError(t, err)
			p, err := s.For(tt.unit, roster.NewDate(2024, 3, 1))
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.ID())
		})
	}
}

// Moving D's cut-off is the county's, but D stays the lowest band: a D
// above C is refused like any band out of order.
func TestCountyKeepsDLowest(t *testing.T) {
	_, err := handInSet(t, county("grades:\n  - {grade: A, from: 90, to: 100}\n  - {grade: B, from: 80, to: 90}\n  - {grade: D, from: 60, to: 80, removed: true}\n  - {grade: C, from: 0, to: 60}\n"))
	assert.EqualError(t, err, "qingxiu.yaml:8:6: 政策 qingxiu-2019：等次 D 的分数段高于等次 C；等次应自下而上由 D 升至 A (grade D is above grade C in score; the grades rise from D at the bottom to A at the top)\n"+
		"qingxiu.yaml:8:6: 政策 qingxiu-2019：等次 D 从数据库剔除，而其下方的等次 C 不剔除；剔除的等次须是最低的几个 (grade D is removed but grade C below it is not; the removed grades are the lowest)")
	assert.ErrorIs(t, err, policy.ErrInvalid)
}

// One pass reports every problem of a county's file: the locks it breaks
// and the ids it gets wrong.
func TestCountyFileReportedAtOnce(t *testing.T) {
	_, err := handInSet(t, handIn{qingxiuCode, "qingxiu.yaml", "id: qingxiu-2019\nname: 青秀区\njurisdiction: \"450105\"\nextends: nanning-2019\n" +
		"locks:\n  relax: [Q3]\n" +
		"conditions:\n  change:\n    - {id: Q2, kind: soft}\n    - {id: Q3, kind: soft}\n    - {id: Q99, kind: soft}\n" +
		"grades:\n  - {grade: A, from: 90, to: 100}\n  - {grade: B, from: 80, to: 90}\n  - {grade: C, from: 60, to: 80}\n  - {grade: D, from: 0, to: 60}\n"})
	require.Error(t, err)
	var got []string
	for _, e := range leaves(err) {
		var pe *formula.Error
		require.True(t, errors.As(e, &pe), "%v", e)
		got = append(got, fmt.Sprintf("%d:%d %s: %v", pe.Line, pe.Column, causeOf(pe), lockOf(pe)))
	}
	assert.Equal(t, []string{
		"3:15 locked by the city: a county-district sets rules for itself only",
		"6:3 locked by the city: only the city says what county-districts may change (locks)",
		"11:8 unknown id: ",
		"9:8 locked by the city: the city's conditions may be made stricter, never relaxed, changed or removed",
		"10:8 locked by the city: the city's conditions may be made stricter, never relaxed, changed or removed",
		"16:6 locked by the city: a grade the city removes from the database stays removed",
	}, got)
}

// Who hands a file in is the caller's to say, and must be the city or one
// of its units.
func TestHandInScope(t *testing.T) {
	tests := []struct{ name, from, want string }{
		{"nobody", "", `qingxiu.yaml:1:5: 未注明文件由哪个单位报送（File.From）；调用方须给出市或区县的代码 (the file does not say which unit hands it in (File.From); the caller gives the code of the city or one of its units)`},
		{"a unit of another city", "450202", `qingxiu.yaml:1:5: 报送单位 "450202" 既不是南宁市（450100），也不是其下辖区县 (the unit that hands the file in, "450202", is neither 南宁市 (450100) nor one of its units)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := handInSet(t, handIn{tt.from, "qingxiu.yaml", countyYAML})
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrInvalid)
		})
	}
}

// An overlay has no words for vetoes or the veto grade: a county's file
// that tries is refused as it is read, before any lock is needed.
func TestOverlayCannotNameVetoes(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"vetoes", "vetoes:\n  disable: [V1]\n", `qingxiu.yaml:5:1: 未知字段 "vetoes"，可用字段为 id, name, jurisdiction, extends, valid_from, valid_until, inputs, conditions, indicators, grades, locks, classification, lists (unknown field "vetoes" (want id, name, jurisdiction, extends, valid_from, valid_until, inputs, conditions, indicators, grades, locks, classification, lists))`},
		{"the veto grade", "veto_grade: C\n", `qingxiu.yaml:5:1: 未知字段 "veto_grade"，可用字段为 id, name, jurisdiction, extends, valid_from, valid_until, inputs, conditions, indicators, grades, locks, classification, lists (unknown field "veto_grade" (want id, name, jurisdiction, extends, valid_from, valid_until, inputs, conditions, indicators, grades, locks, classification, lists))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.Parse(qingxiuCode, "qingxiu.yaml", []byte(countyYAML+tt.src))
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrSyntax)
		})
	}
}

// The city's locks name what its policy holds.
func TestCityLocksChecked(t *testing.T) {
	_, err := handInSet(t, handIn{cityCode, "city.yaml", "id: city-2019\nname: 南宁市\njurisdiction: \"450100\"\nextends: nanning-2019\n" +
		"locks:\n  relax: [Q3, Q42]\n  indicators: [P9]\n  grades: some\n"})
	assert.EqualError(t, err, `city.yaml:8:11: 政策 city-2019：locks.grades："some" 不是 open、removed、all 之一 (locks.grades: "some" is not one of open, removed, all)`+"\n"+
		`city.yaml:6:15: 政策 city-2019：locks.relax：city-2019 中没有资格条件 "Q42" (locks.relax: condition "Q42" does not exist in city-2019)`+"\n"+
		`city.yaml:7:16: 政策 city-2019：locks.indicators：city-2019 中没有指标 "P9" (locks.indicators: indicator "P9" does not exist in city-2019)`)
}

// The overlay of testdata/overlay-qingxiu relaxes Q6: the city may hand it
// in for 青秀区, 青秀区 may not.
func TestOverlayQingxiuHandedInByTheCounty(t *testing.T) {
	_, err := policy.LoadFS(roster.Nanning(), cityCode, os.DirFS("testdata"), "overlay-qingxiu", policy.WithBaseline())
	require.NoError(t, err)
	_, err = policy.LoadFS(roster.Nanning(), qingxiuCode, os.DirFS("testdata"), "overlay-qingxiu", policy.WithBaseline())
	assert.EqualError(t, err, `overlay-qingxiu/qingxiu.yaml:21:8: 政策 qingxiu-2019：锁定「市级资格条件只能从严，不能放宽、修改或删除」：资格条件 Q6（在本领域从业3年以上）是市级刚性条件（hard），不能改为 soft；只有市级政策在 locks.relax 中列出的条件才可放宽 (lock "the city's conditions may be made stricter, never relaxed, changed or removed": condition Q6 (在本领域从业3年以上) is a hard condition of the city's and cannot be made soft; only the conditions the city lists in locks.relax may be)`)
	var pe *formula.Error
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, policy.LockConditions, lockOf(pe))
	assert.Equal(t, "市级资格条件只能从严，不能放宽、修改或删除", lockOf(pe).Label())
}

// lockOf is the lock an error names, or 0.
func lockOf(err error) policy.Lock {
	var l policy.Lock
	errors.As(err, &l)
	return l
}

// causeOf is the sentinel an error wraps, for a short listing.
func causeOf(err error) error {
	if errors.Is(err, policy.ErrLocked) {
		return policy.ErrLocked
	}
	var pe *formula.Error
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
