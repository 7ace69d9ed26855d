package policy_test

import (
	"errors"
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
	return policy.NewSet(roster.Nanning(), fs)
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
				var pe *policy.Error
				require.True(t, errors.As(e, &pe))
				assert.Equal(t, tt.lock, pe.Lock, "%v", e)
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
