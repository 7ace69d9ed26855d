package policy_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cityWithLists is a city's overlay of the baseline, for 2020, whose
// lists section is lists (indented under lists:).
func cityWithLists(lists string) string {
	return "id: city-2020\nname: 南宁市2020\njurisdiction: \"450100\"\nextends: nanning-2019\nvalid_from: 2020-01-01\nlists:\n" + lists
}

// counties are the lists of Nanning's 12 county-districts, 50 each.
const counties = `    - {unit: "450102", quota: 50}
    - {unit: "450103", quota: 50}
    - {unit: "450105", quota: 50}
    - {unit: "450107", quota: 50}
    - {unit: "450108", quota: 50}
    - {unit: "450109", quota: 50}
    - {unit: "450110", quota: 50}
    - {unit: "450123", quota: 50}
    - {unit: "450124", quota: 50}
    - {unit: "450125", quota: 50}
    - {unit: "450126", quota: 50}
    - {unit: "450181", quota: 50}
`

const head = "  one_list: true\n  grades: [A, B, C]\n  order: [priority, grade, score, post, key]\n  lists:\n"

func TestListsLoad(t *testing.T) {
	tests := []struct {
		name  string
		lists string
		want  []string // the whole messages; none for a good section
	}{
		{
			name:  "a zone given a list",
			lists: head + "    - {quota: 200, priority_level: 市级, coverage_share: 0.1}\n" + counties + "    - {unit: \"4501A1\", quota: 20, priority_level: 县级, coverage_share: 0.1}\n",
		},
		{
			name:  "a bad quota and minimums over a quota",
			lists: head + "    - {quota: -1}\n" + counties + "    - {unit: \"4501A2\", quota: 10, coverage_share: 0.3}\n",
			want: []string{
				`city.yaml:11:15: 政策 city-2020：名单 450100：名额（quota）-1 不能为负数 (list 450100: quota -1 is negative)`,
				`city.yaml:24:51: 政策 city-2020：名单 4501A2：四个群体的最低人数合计 12 人，超过名额 10 人，无法同时满足；请降低 coverage_share (list 4501A2: the minimums of the four groups add up to 12, more than the quota of 10; lower coverage_share)`,
			},
		},
		{
			name:  "an order not ending with the key, a grade D",
			lists: "  one_list: true\n  grades: [A, D]\n  order: [grade, key, score]\n  lists:\n    - {quota: 200}\n" + counties,
			want: []string{
				`city.yaml:8:15: 政策 city-2020：名单规则（lists.grades）：D 级从数据库剔除，不能入选名单 (lists.grades: grade D is removed from the database and cannot be listed)`,
				`city.yaml:9:23: 政策 city-2020：名单规则（lists.order）：排序须以登记编号（key）结束，才能分出先后 (lists.order: the order must end with key (the registration number) to tell every two candidates apart)`,
			},
		},
		{
			name:  "an unknown unit, a department, a former code and a county without a list",
			lists: head + "    - {quota: 200}\n" + strings.Replace(counties, `"450181"`, `"450127"`, 1) + "    - {unit: \"450999\", quota: 5}\n    - {unit: \"4501D01\", quota: 5}\n",
			want: []string{
				`city.yaml:23:15: 政策 city-2020：名单 450127：450127 是横州市的原代码；请写现行代码 450181 (list 450127: 450127 is a former code of 横州市; write its code 450181)`,
				`city.yaml:24:15: 政策 city-2020：名单 450999：单位 "450999" 不是南宁市的区县或开发区 (list 450999: unit "450999" is not a county-district or development zone of 南宁市)`,
				`city.yaml:25:15: 政策 city-2020：名单 4501D01：南宁市工商业联合会（4501D01）是市直部门，只推荐人选，不保有名单 (list 4501D01: 南宁市工商业联合会 (4501D01) is a city department, which recommends people and keeps no list)`,
				`city.yaml:7:3: 政策 city-2020：名单规则（lists.lists）：横州市（450181）没有名单；通知要求各县区分别联系代表人士，请为其列一项 unit: "450181" (lists.lists: 横州市 (450181) has no list; the notice gives every county-district one: add an entry with unit: "450181")`,
			},
		},
		{
			name:  "no city list, a unit twice",
			lists: head + counties + "    - {unit: \"450103\", quota: 5}\n",
			want: []string{
				`city.yaml:23:15: 政策 city-2020：名单 450103：单位 450103 已在 city.yaml:12:15 有名单 (list 450103: unit 450103 has a list already, at city.yaml:12:15)`,
				`city.yaml:23:8: 政策 city-2020：名单编号 "450103" 已在 city.yaml:12:8 使用过 (list id "450103" is already used at city.yaml:12:8)`,
				`city.yaml:7:3: 政策 city-2020：名单规则（lists.lists）：缺少市级名单（不写 unit 的一项） (lists.lists: the city list (the entry without unit) is missing)`,
			},
		},
		{
			name:  "an unknown sort key",
			lists: "  one_list: true\n  grades: [A]\n  order: [grade, seniority, key]\n  lists:\n    - {quota: 200}\n" + counties,
			want: []string{
				`city.yaml:9:18: order："seniority" 不是排序键（priority、grade、score、post、key、incumbent） (order: "seniority" is not a sort key (priority, grade, score, post, key, incumbent))`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := policy.Parse("450100", "city.yaml", []byte(cityWithLists(tt.lists)))
			if err == nil {
				_, err = policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
			}
			if len(tt.want) == 0 {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, strings.Join(tt.want, "\n"))
			var fe *formula.Error
			assert.True(t, errors.As(err, &fe), "an error with its place")
		})
	}
}

// The zone given a list is in the city's rules from 2020, with its name.
func TestListsZoneInForce(t *testing.T) {
	f, err := policy.Parse("450100", "city.yaml", []byte(cityWithLists(head+"    - {quota: 200}\n"+counties+"    - {unit: \"4501A1\", quota: 20, priority_level: 县级}\n")))
	require.NoError(t, err)
	s, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(t, err)
	before, _, err := s.Lists(roster.NewDate(2019, 4, 15))
	require.NoError(t, err)
	after, pol, err := s.Lists(roster.NewDate(2020, 4, 15))
	require.NoError(t, err)
	assert.Equal(t, "city-2020", pol.ID())
	assert.Len(t, before.Lists, 13)
	require.Len(t, after.Lists, 14)
	zone := after.Lists[13]
	assert.Equal(t, "4501A1", zone.ID)
	assert.Equal(t, "南宁高新技术产业开发区新的社会阶层代表人士", zone.Label)
	assert.Equal(t, roster.County, zone.PriorityLevel)
	assert.Equal(t, []string{"450127"}, after.Lists[12].Former)
	assert.NoError(t, after.Check())
}

// A county-district may not change the lists, in whole or in part; the
// refusal names LockLists at the lists section of its file.
func TestListsLockedForCounties(t *testing.T) {
	tests := []struct {
		name, lists, want string
	}{
		{
			name:  "its own quota",
			lists: head + "    - {quota: 200, priority_level: 市级, coverage_share: 0.1}\n" + strings.Replace(counties, `{unit: "450103", quota: 50}`, `{unit: "450103", quota: 60}`, 1),
			want:  `qingxiu.yaml:6:3: 政策 qingxiu-2020：锁定「名单规则由市级规定」：名单规则（lists）由市级规定：名额、优先顺序、群体覆盖、可入选等次和排序都是市级的，区县不能修改；请删去 lists 一节 (lock "the lists are the city's": the lists are the city's: quotas, priority, group coverage, the grades listed and the order; a county-district cannot change them: remove the lists section)`,
		},
		{
			name:  "the order",
			lists: "  one_list: true\n  grades: [A, B, C]\n  order: [incumbent, priority, grade, score, post, key]\n  lists:\n    - {quota: 200}\n" + counties,
			want:  `qingxiu.yaml:6:3: 政策 qingxiu-2020：锁定「名单规则由市级规定」：名单规则（lists）由市级规定：名额、优先顺序、群体覆盖、可入选等次和排序都是市级的，区县不能修改；请删去 lists 一节 (lock "the lists are the city's": the lists are the city's: quotas, priority, group coverage, the grades listed and the order; a county-district cannot change them: remove the lists section)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "id: qingxiu-2020\nname: 青秀区\njurisdiction: \"450103\"\nextends: nanning-2019\nlists:\n" + tt.lists
			f, err := policy.Parse("450103", "qingxiu.yaml", []byte(src))
			require.NoError(t, err)
			_, err = policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
			require.EqualError(t, err, tt.want)
			var lock policy.Lock
			require.ErrorAs(t, err, &lock)
			assert.Equal(t, policy.LockLists, lock)
		})
	}
}

// The baseline's lists are the notice's: 200 for the city, 50 for each
// county-district, every group at least 10 %.
func ExamplePolicy_Lists() {
	p, err := policy.Baseline()
	if err != nil {
		panic(err)
	}
	r := p.Lists()
	city, hengzhou := r.Lists[0], r.Lists[12]
	fmt.Println(len(r.Lists), r.OneList, r.Grades)
	fmt.Println(city.ID, city.Label, city.Quota, city.PriorityLevel.Label(), city.Minimum(classify.G3))
	fmt.Println(hengzhou.ID, hengzhou.Label, hengzhou.Former, hengzhou.Quota, hengzhou.PriorityLevel.Label(), hengzhou.Minimum(classify.G3))
	for _, k := range r.Order {
		fmt.Print(k.Code(), " ")
	}
	fmt.Println()
	// Output:
	// 13 true [A B C]
	// 450100 南宁市市级新的社会阶层代表人士 200 市级 20
	// 450181 横州市新的社会阶层代表人士 [450127] 50 县级 5
	// priority grade score post key
}
