package roster

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The embedded jurisdiction reads, and its every unit and department is
// found by its code and its name.
func TestNanningJurisdiction(t *testing.T) {
	j, err := ParseJurisdiction("data/nanning.yaml", nanningYAML)
	require.NoError(t, err)
	kinds := map[UnitKind]int{}
	for _, u := range j.Units {
		kinds[u.Kind]++
	}
	assert.Equal(t, map[UnitKind]int{District: 7, CountyUnit: 4, CountyCity: 1, Zone: 3}, kinds)
	for _, u := range append(j.Units, j.Departments...) {
		got, ok := j.Find(u.Name)
		assert.True(t, ok, u.Name)
		assert.Equal(t, u.Code, got.Code, u.Name)
	}
	for _, d := range j.Departments {
		assert.Equal(t, Department, d.Kind, d.Name)
		_, ok := j.Unit(d.Code)
		assert.False(t, ok, "a department keeps no record: %s", d.Name)
	}
}

func TestUnitNameOn(t *testing.T) {
	j := Nanning()
	tests := []struct {
		code string
		day  Date
		want string
	}{
		{"450127", NewDate(2019, time.April, 15), "横县"},
		{"450181", NewDate(2019, time.April, 15), "横县"},
		{"450181", NewDate(2021, time.February, 28), "横县"}, // until a month: its last day
		{"450181", NewDate(2021, time.March, 1), "横州市"},
		{"450181", NewDate(2021, time.February, 0), "横县"},
		{"450181", Date{}, "横州市"},
		{"450103", NewDate(2019, time.April, 15), "青秀区"},
		{"450100", NewDate(2019, time.April, 15), "南宁市"},
		{"4501D01", NewDate(2019, time.April, 15), "南宁市工商业联合会"},
		{"450199", NewDate(2019, time.April, 15), "450199"},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.day.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, j.UnitNameOn(tt.code, tt.day))
		})
	}
}

func TestUnitNameOnSeveralNames(t *testing.T) {
	u := Unit{Code: "450199", Name: "丙区", Names: []DatedName{
		{Name: "甲县", Until: NewDate(2000, time.June, 30)},
		{Name: "乙市", Until: NewDate(2010, time.December, 0)},
	}}
	for day, want := range map[Date]string{
		NewDate(1999, time.January, 1):    "甲县",
		NewDate(2000, time.June, 30):      "甲县",
		NewDate(2000, time.July, 1):       "乙市",
		NewDate(2010, time.December, 31):  "乙市",
		NewDate(2011, time.January, 1):    "丙区",
		NewDate(2026, time.September, 10): "丙区",
	} {
		assert.Equal(t, want, u.NameOn(day), day.String())
	}
}

func TestParseJurisdictionRefuses(t *testing.T) {
	const head = "code: \"450100\"\nname: 南宁市\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"kind not known", head + "units: [{code: \"450103\", name: 青秀区, kind: 街道}]",
			"bad jurisdiction: j.yaml: units[0]: kind \"街道\" is not one of 市辖区, 县, 县级市, 开发区"},
		{"department among units", head + "units: [{code: \"4501D01\", name: 南宁市工商业联合会, kind: 市直部门}]",
			"bad jurisdiction: j.yaml: units[0]: kind 市直部门 belongs under departments, which keep no list"},
		{"zone among departments", head + "units: []\ndepartments: [{code: \"4501A1\", name: 南宁高新技术产业开发区, kind: 开发区}]",
			"bad jurisdiction: j.yaml: departments[0]: kind \"开发区\" of a department is not 市直部门"},
		{"department code used by a unit", head + "units: [{code: \"450103\", name: 青秀区, kind: 市辖区}]\ndepartments: [{code: \"450103\", name: 南宁市民政局}]",
			"bad jurisdiction: j.yaml: departments[0]: code 450103 is also used by 青秀区"},
		{"name used twice", head + "units: [{code: \"450103\", name: 青秀区, kind: 市辖区}, {code: \"450102\", name: 兴宁区, kind: 市辖区, names: [{name: 青秀区, until: 2000-01-01}]}]",
			"bad jurisdiction: j.yaml: units[1].names[0]: name 青秀区 is also used by 450103"},
		{"dated name without a name or a day", head + "units: [{code: \"450181\", name: 横州市, kind: 县级市, names: [{until: 2021-02}, {name: 横县}]}]",
			"bad jurisdiction: j.yaml: units[0].names[0]: no name; units[0].names[1]: no until date (the last day the name was in force)"},
		{"dated names out of order", head + "units: [{code: \"450181\", name: 横州市, kind: 县级市, names: [{name: 横县, until: 2021-02}, {name: 横州县, until: 2021-02-10}]}]",
			"bad jurisdiction: j.yaml: units[0].names[1]: until 2021-02-10 is not after 2021-02, the until of the name before; list names oldest first"},
		{"dated names ending the same day", head + "units: [{code: \"450181\", name: 横州市, kind: 县级市, names: [{name: 横县, until: 2020-01-01}, {name: 横州县, until: 2020-01-01}]}]",
			"bad jurisdiction: j.yaml: units[0].names[1]: until 2020-01-01 is not after 2020-01-01, the until of the name before; list names oldest first"},
		{"department without a name", head + "units: []\ndepartments: [{code: \"4501D01\"}]",
			"bad jurisdiction: j.yaml: departments[0]: no name"},
		{"province label of another level", head + "province_label: 市级\nunits: []",
			"bad jurisdiction: j.yaml: province_label \"市级\" is not a label of the provincial level (省级, 自治区级)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJurisdiction("j.yaml", []byte(tt.yaml))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.ErrorIs(t, err, ErrJurisdiction)
		})
	}
}

// A unit may take back a name it had before without clashing with itself.
func TestParseJurisdictionNameTakenBack(t *testing.T) {
	j, err := ParseJurisdiction("j.yaml", []byte("code: \"450100\"\nname: 南宁市\nunits: [{code: \"450199\", name: 甲县, kind: 县, names: [{name: 甲县, until: 2000-01-01}, {name: 甲市, until: 2010-01-01}]}]"))
	require.NoError(t, err)
	assert.Equal(t, "甲市", j.UnitNameOn("450199", NewDate(2005, time.January, 1)))
}

// Guangxi's clerks write 自治区级 where the standard says 省级; the other
// levels, and a jurisdiction that says nothing, keep the standard labels.
func TestLevelLabel(t *testing.T) {
	nanning, plain := Nanning(), &Jurisdiction{Code: "450100", Name: "某市"}
	tests := []struct {
		name string
		j    *Jurisdiction
		v    Level
		want string
	}{
		{"Nanning provincial", nanning, Provincial, "自治区级"},
		{"Nanning national", nanning, National, "国家级"},
		{"Nanning city", nanning, City, "市级"},
		{"Nanning county", nanning, County, "县级"},
		{"no province label", plain, Provincial, "省级"},
		{"nil jurisdiction", nil, Provincial, "省级"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.j.LevelLabel(tt.v))
		})
	}
	for _, s := range []string{"省级", "自治区级"} {
		v, err := ParseLevel(s)
		require.NoError(t, err)
		assert.Equal(t, Provincial, v, "a roster may write %s", s)
	}
}
