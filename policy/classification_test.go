package policy_test

import (
	"errors"
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cityLocksClassification is a version of the city's that locks the three
// exclusions and the fallback U3.
var cityLocksClassification = handIn{cityCode, "city.yaml", "id: city-2019\nname: 南宁市\njurisdiction: \"450100\"\nextends: nanning-2019\n" +
	"locks:\n" +
	"  classification: [N1, N2, N3, U3]\n"}

// loadFiles parses files as their units hand them in and builds Nanning's set,
// returning the first error.
func loadFiles(files ...handIn) error {
	var fs []*policy.File
	for _, h := range files {
		f, err := policy.Parse(h.from, h.name, []byte(h.src))
		if err != nil {
			return err
		}
		fs = append(fs, f)
	}
	_, err := policy.NewSet(roster.Nanning(), fs, policy.WithBaseline())
	return err
}

// Every problem of a classification section is reported, at its place in
// the file, with a whole message.
func TestClassificationErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []handIn
		cause error
		want  string
	}{
		{"unknown id in change", []handIn{county("classification:\n  change:\n    - {id: G9.9, when: NewMedia}\n")}, policy.ErrUnknownID,
			`qingxiu.yaml:7:8: 政策 qingxiu-2019：classification.change：nanning-2019 中没有分类规则 "G9.9" (classification.change: classification rule "G9.9" does not exist in nanning-2019)`},
		{"unknown id in disable", []handIn{county("classification:\n  disable: [U2, G9.9]\n")}, policy.ErrUnknownID,
			`qingxiu.yaml:6:17: 政策 qingxiu-2019：classification.disable：nanning-2019 中没有分类规则 "G9.9" (classification.disable: classification rule "G9.9" does not exist in nanning-2019)`},
		{"the otherwise rule disabled", []handIn{county("classification:\n  disable: [N9]\n")}, policy.ErrInvalid,
			`qingxiu.yaml:6:13: 政策 qingxiu-2019：classification.disable：其余情形（otherwise）规则 "N9" 不能停用；要修改它，请列在 classification.change 下 (classification.disable: the otherwise rule "N9" cannot be disabled; change it under classification.change)`},
		{"before an unknown rule", []handIn{county("classification:\n  add:\n    screens:\n      - {id: X1, name: 甲, group: 无法判定, when: NewMedia, reason: 理由。, before: G1.1}\n")}, policy.ErrUnknownID,
			`qingxiu.yaml:8:77: 政策 qingxiu-2019：classification.add：先行判断（screens）下没有分类规则 "G1.1"，无法插在其前 (classification.add: no classification rule "G1.1" under screens to come before)`},
		{"bad group", []handIn{county("classification:\n  change:\n    - {id: G1.1, group: G5}\n")}, policy.ErrSyntax,
			`qingxiu.yaml:7:25: group："G5" 不是群体（G1、G2、G3、G4）或分类结论（非新的社会阶层人士、无法判定） (group: "G5" is not a group (G1 to G4) or an outcome (非新的社会阶层人士, 无法判定))`},
		{"an outcome under groups", []handIn{county("classification:\n  change:\n    - {id: G1.1, group: 无法判定}\n")}, classify.ErrUnknownGroup,
			`qingxiu.yaml:7:25: 政策 qingxiu-2019：规则 G1.1："无法判定" 是分类结论，不是四个群体之一：请把这条规则移到先行判断（screens）或兜底判断（fallbacks）下 (rule G1.1: "无法判定" is an outcome, not one of the four groups: put the rule under screens or fallbacks)`},
		{"unknown sub-kind", []handIn{county("classification:\n  change:\n    - {id: G3.1, subkind: 七}\n")}, policy.ErrSyntax,
			`qingxiu.yaml:7:27: subkind："七" 不是自由职业人员类别（自由写作人员、自由文艺创作人员、自由演艺人员、自由策划咨询人员、知识型市场服务人员、技能型市场服务人员，或 ① 至 ⑥） (subkind: "七" is not a freelance sub-kind (自由写作人员, 自由文艺创作人员, 自由演艺人员, 自由策划咨询人员, 知识型市场服务人员, 技能型市场服务人员, or ① to ⑥))`},
		{"duplicate id", []handIn{county("classification:\n  add:\n    groups:\n      - {id: G1.1, name: 甲, group: G1, when: NewMedia, reason: 理由。}\n")}, classify.ErrDuplicateID,
			`qingxiu.yaml:8:10: 政策 qingxiu-2019：规则 G1.1：编号已在 nanning-2019.yaml:305:7 使用过 (rule G1.1: the id is already used at nanning-2019.yaml:305:7)`},
		{"a formula error", []handIn{county("classification:\n  change:\n    - id: G4.4\n      when: >-\n        NewMedia &&\n        Folowers >= 50000\n")}, policy.ErrFormula,
			"qingxiu.yaml:10:9: 政策 qingxiu-2019：规则 G4.4：公式类型错误 (rule G4.4: unknown name Folowers)\n | NewMedia && Folowers >= 50000\n | ............^"},
		{"an unknown field", []handIn{county("classification:\n  change:\n    - {id: G4.4, whn: NewMedia}\n")}, policy.ErrSyntax,
			`qingxiu.yaml:7:18: 未知字段 "whn"，是不是 "when"？ (unknown field "whn"; did you mean "when"?)`},
		{"a locked rule changed by a county", []handIn{cityLocksClassification,
			countyOn("city-2019", "classification:\n  change:\n    - {id: N2, when: EmployerKind == \"事业单位\" && not NewMedia}\n")}, policy.ErrLocked,
			`qingxiu.yaml:7:8: 政策 qingxiu-2019：锁定「市级锁定的分类规则不能修改」：分类规则 N2（事业单位工作人员）由市级锁定，不能修改 (lock "classification rules the city locked cannot be changed": classification rule N2 (事业单位工作人员) is locked by the city and cannot be changed)`},
		{"a locked rule disabled by a county", []handIn{cityLocksClassification, countyOn("city-2019", "classification:\n  disable: [U2, U3]\n")}, policy.ErrLocked,
			`qingxiu.yaml:6:17: 政策 qingxiu-2019：锁定「市级锁定的分类规则不能修改」：分类规则 U3（无工作单位但职业未列入六类）由市级锁定，不能停用 (lock "classification rules the city locked cannot be changed": classification rule U3 (无工作单位但职业未列入六类) is locked by the city and cannot be disabled)`},
		{"a screen put before a locked one", []handIn{cityLocksClassification,
			countyOn("city-2019", "classification:\n  add:\n    screens:\n      - {id: QX.N0, name: 甲, group: 无法判定, when: NewMedia, reason: 理由。, before: N1}\n")}, policy.ErrLocked,
			`qingxiu.yaml:8:10: 政策 qingxiu-2019：锁定「市级锁定的分类规则不能修改」：分类规则 N1（党政机关工作人员）由市级锁定，不能在其前新增先行判断规则 QX.N0 (lock "classification rules the city locked cannot be changed": classification rule N1 (党政机关工作人员) is locked by the city; rule QX.N0 cannot come before it)`},
		{"a lock on no rule", []handIn{{cityCode, "city.yaml", "id: city-2019\nname: 南宁市\njurisdiction: \"450100\"\nextends: nanning-2019\nlocks:\n  classification: [N1, N7]\n"}}, policy.ErrUnknownID,
			`city.yaml:6:24: 政策 city-2019：locks.classification：city-2019 中没有分类规则 "N7" (locks.classification: classification rule "N7" does not exist in city-2019)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := loadFiles(tt.files...)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.cause)
			var fe *formula.Error
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tt.want, err.Error())
			if tt.cause == policy.ErrLocked {
				var lock policy.Lock
				require.True(t, errors.As(err, &lock))
				assert.Equal(t, policy.LockClassification, lock)
			}
		})
	}
}

// By default a county may change any classification rule; with the city's
// locks, what they leave unlocked. Each change holds for the county's own
// policy only.
func TestClassificationLocksLeaveTheRest(t *testing.T) {
	change := "classification:\n  priority: [G4, G1, G2, G3]\n  change:\n    - {id: G4.4, when: NewMedia && Followers >= 50000}\n  disable: [U2]\n" +
		"  add:\n    screens:\n      - {id: QX.N1, name: 人民团体工作人员, group: 非新的社会阶层, when: Employer matches \"总工会\", reason: 在人民团体工作。, before: U1}\n"
	for _, files := range [][]handIn{
		{county(change)},
		{cityLocksClassification, countyOn("city-2019", change)},
	} {
		set, err := handInSet(t, files...)
		require.NoError(t, err)
		qx, err := set.For("450103", roster.NewDate(2019, 5, 1))
		require.NoError(t, err)
		xn, err := set.For("450102", roster.NewDate(2019, 5, 1))
		require.NoError(t, err)
		rules, city := qx.Classifier().Rules(), xn.Classifier().Rules()
		r, _, _ := rules.Lookup("G4.4")
		assert.Equal(t, "NewMedia && Followers >= 50000", r.When)
		r, _, _ = city.Lookup("G4.4")
		assert.Equal(t, "NewMedia && Followers >= 100000", r.When)
		assert.Equal(t, []classify.Group{classify.G4, classify.G1, classify.G2, classify.G3}, rules.Priority)
		assert.Equal(t, []classify.Group{classify.G3, classify.G4, classify.G1, classify.G2}, city.Priority)
		assert.NotEqual(t, qx.Classifier().Fingerprint(), xn.Classifier().Fingerprint())
	}
}

// Diff lists what an overlay does to the classification rules, in words.
func TestDiffClassification(t *testing.T) {
	base := policy.BaselineFile().Document
	f, err := policy.Parse(qingxiuCode, "qingxiu.yaml", []byte(countyYAML+`classification:
  priority: [G4, G1, G2, G3]
  change:
    - {id: G4.4, when: NewMedia && Followers >= 50000}
    - {id: U3, group: 非新的社会阶层, reason: 职业不在名单中。}
  disable: [U2]
  add:
    screens:
      - {id: QX.N1, name: 人民团体工作人员, group: 非新的社会阶层, when: Employer matches "总工会", reason: 在人民团体工作。, before: U1}
    groups:
      - {id: QX.G3.1, name: 无人机驾驶员, group: G3, subkind: ⑥, when: Occupation == "无人机驾驶员", reason: 无人机驾驶员。}
`))
	require.NoError(t, err)
	next, err := f.Overlay.Apply(base)
	require.NoError(t, err)
	var got []string
	for _, c := range policy.Diff(base, next) {
		if c.Kind >= policy.ClassificationPriorityChanged {
			got = append(got, c.Kind.Label()+" "+c.ID+": "+c.Text)
		}
	}
	assert.Equal(t, []string{
		"分类优先顺序变更 priority: 分类优先顺序：G3、G4、G1、G2 → G4、G1、G2、G3 (classification priority G3, G4, G1, G2 → G4, G1, G2, G3)",
		"新增分类规则 QX.N1: 新增分类规则 QX.N1 人民团体工作人员（先行判断，非新的社会阶层人士，在 U1 之前）：Employer matches \"总工会\" (classification rule added under screens: 非新的社会阶层人士)",
		"分类规则变更 G4.4: 分类规则 G4.4 网络意见人士：公式 NewMedia && Followers >= 100000 → NewMedia && Followers >= 50000 (formula changed)",
		"新增分类规则 QX.G3.1: 新增分类规则 QX.G3.1 无人机驾驶员（群体判断，G3 技能型市场服务人员）：Occupation == \"无人机驾驶员\" (classification rule added under groups: G3)",
		"分类规则变更 U3: 分类规则 U3 无工作单位但职业未列入六类：结论 无法判定 → 非新的社会阶层人士 (group 无法判定 → 非新的社会阶层人士)",
		"分类规则变更 U3: 分类规则 U3 无工作单位但职业未列入六类：理由 无工作单位，但所填职业不在自由职业人员六类的名单中，也不符合新媒体从业人员的条件，无法判定，请核实职业名称、岗位类别和新媒体从业情况。 → 职业不在名单中。 (reason changed)",
		"停用分类规则 U2: 停用分类规则 U2 单位性质为其他（先行判断，无法判定）(classification rule disabled)",
	}, got)
	assert.Empty(t, policy.Diff(base, base))
}

// The fingerprint covers the classification rules, and not how their
// formulas are laid out.
func TestFingerprintClassification(t *testing.T) {
	base := policy.BaselineFile().Document
	apply := func(change string) *policy.Document {
		f, err := policy.Parse(qingxiuCode, "qingxiu.yaml", []byte(countyYAML+"classification:\n  change:\n"+change))
		require.NoError(t, err)
		d, err := f.Overlay.Apply(base)
		require.NoError(t, err)
		d.ID, d.Name, d.Jurisdiction, d.Extends = base.ID, base.Name, base.Jurisdiction, base.Extends
		return d
	}
	same := apply("    - id: G4.4\n      when: |\n        (NewMedia)  &&\n          Followers >= 100000\n")
	other := apply("    - {id: G4.4, when: NewMedia && Followers >= 50000}\n")
	assert.Equal(t, base.Fingerprint(), same.Fingerprint())
	assert.NotEqual(t, base.Fingerprint(), other.Fingerprint())
}

// The classification overlay that doc.go shows loads as a county's file.
func TestDocClassificationExample(t *testing.T) {
	set, err := handInSet(t, county(docBlock(t, "classification:")))
	require.NoError(t, err)
	p, err := set.For("450103", roster.NewDate(2019, 5, 1))
	require.NoError(t, err)
	rules := p.Classifier().Rules()
	assert.Equal(t, "QX.N1", rules.Screens[4].ID)
	_, _, ok := rules.Lookup("U2")
	assert.False(t, ok)
}
