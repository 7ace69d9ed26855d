package roster_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/roster"
)

func TestFieldByTitle(t *testing.T) {
	tests := []struct {
		title, want, name string
		ok                bool
	}{
		{"从业年限", "从业年限", "FieldYears", true},
		{"身份证号码", "公民身份号码", "CitizenID", true},
		{" 姓　名 ", "姓名", "Name", true},
		{"公益捐赠(万元)", "公益捐赠（万元）", "Donations", true},
		{"是否出资人", "是否出资人", "Investor", true},
		{"出资人", "是否出资人", "Investor", true},
		{"\u200b登记号", "登记编号", "Key", true},
		{"bonus", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			f, ok := roster.FieldByTitle(tt.title)
			require.Equal(t, tt.ok, ok)
			if !ok {
				assert.Nil(t, f)
				return
			}
			assert.Equal(t, tt.want, f.Title())
			assert.Equal(t, tt.name, f.Name())
		})
	}
}

// Every field of Record but Extra is on the form, in struct order, and the
// headers are the fields' titles.
func TestFieldsCoverRecord(t *testing.T) {
	var names, titles []string
	for _, f := range roster.Fields() {
		names = append(names, f.Name())
		titles = append(titles, f.Title())
	}
	var want []string
	for f := range reflect.TypeFor[roster.Record]().Fields() {
		if f.Name != "Extra" {
			want = append(want, f.Name)
		}
	}
	assert.Equal(t, want, names)
	assert.Equal(t, roster.Headers(), titles)
	required := 0
	for _, f := range roster.Fields() {
		if f.Required() {
			required++
		}
	}
	assert.Equal(t, 3, required)
}

// Every field of Facts but the computed ones reads a field of Record of
// the same name: a field added to the form and forgotten in Facts shows.
func TestFactsMirrorRecord(t *testing.T) {
	computed := map[string]bool{"AsOf": true, "Group": true, "Subkind": true, "Age": true, "CPC": true,
		"TrainingHours": true, "TrainingHours5y": true, "In": true}
	// RecommendedBy is not a fact about the person: a formula that read
	// it would rate people by the channel that put them forward.
	notInFacts := map[string]bool{"RecommendedBy": true, "Name": true, "CitizenID": true, "NativePlace": true, "Phone": true, "Title": true,
		"OtherPosts": true, "Trainings": true, "Performance": true, "Achievements": true,
		// Personal data and free text no formula should score.
		"Address": true, "Photo": true, "SchoolMajor": true, "WorkHistory": true}
	facts := reflect.TypeFor[roster.Facts]()
	for _, f := range roster.Fields() {
		_, ok := facts.FieldByName(f.Name())
		assert.Equal(t, !notInFacts[f.Name()], ok, f.Name())
	}
	rec := reflect.TypeFor[roster.Record]()
	for f := range facts.Fields() {
		if computed[f.Name] {
			continue
		}
		_, ok := rec.FieldByName(f.Name)
		assert.True(t, ok, f.Name)
	}
}

func TestFieldSet(t *testing.T) {
	const id = "450103198005120111"
	tests := []struct {
		title, cell string
		check       func(t *testing.T, r *roster.Record)
		err         string
		is          error
	}{
		{title: "从业年限", cell: " 7 ", check: func(t *testing.T, r *roster.Record) { assert.Equal(t, 7, r.FieldYears) }},
		{title: "出生日期", cell: "1899-03", check: func(t *testing.T, r *roster.Record) {
			assert.Equal(t, roster.NewDate(1899, time.March, 0), r.BirthDate)
		}},
		{title: "是否出资人", cell: "是", check: func(t *testing.T, r *roster.Record) { assert.True(t, r.Investor) }},
		{title: "获奖情况", cell: "甲|市级|2020", check: func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Award{{Name: "甲", Level: roster.City, Year: 2020}}, r.Awards, "a list is replaced, not appended to")
		}},
		{title: "人大政协职务", cell: "政协委员|市级|第十三届|经济界", check: func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Seat{{Body: roster.CPPCC, Level: roster.City, Term: "第十三届", Sector: "经济界"}}, r.Seats, "a seat without its term's dates, as before")
		}},
		{title: "人大政协职务", cell: "政协委员|市级|第十三届|经济界|2017年1月|2022-01-15；人大代表|县级|||2021-12", check: func(t *testing.T, r *roster.Record) {
			assert.Equal(t, []roster.Seat{
				{Body: roster.CPPCC, Level: roster.City, Term: "第十三届", Sector: "经济界", From: roster.NewDate(2017, time.January, 0), Until: roster.NewDate(2022, time.January, 15)},
				{Body: roster.NPC, Level: roster.County, From: roster.NewDate(2021, time.December, 0)},
			}, r.Seats)
		}},
		{title: "工作简历", cell: "2005.07—2010.06 某公司\n2010.07— 某律所", check: func(t *testing.T, r *roster.Record) {
			assert.Equal(t, "2005.07—2010.06 某公司\n2010.07— 某律所", r.WorkHistory)
		}},
		{title: "通信地址", cell: "广西南宁市青秀区", check: func(t *testing.T, r *roster.Record) { assert.Equal(t, "广西南宁市青秀区", r.Address) }},
		{title: "毕业院校", cell: "广西大学 法学", check: func(t *testing.T, r *roster.Record) { assert.Equal(t, "广西大学 法学", r.SchoolMajor) }},
		{title: "相片", cell: "a.jpg", check: func(t *testing.T, r *roster.Record) { assert.Equal(t, "a.jpg", r.Photo) }},
		{title: "从业年限", cell: "", check: func(t *testing.T, r *roster.Record) { assert.Equal(t, 3, r.FieldYears, "empty leaves the field") }},

		// Errors name the field and what it should hold, never the cell.
		{title: "从业年限", cell: id, err: "从业年限：超出范围，应填 0 到 2147483647 之间的整数 (从业年限: number out of range)", is: roster.ErrBadCell},
		{title: "粉丝数", cell: "45010319800512011X", err: "粉丝数：不是整数，应只写数字 (粉丝数: not a whole number)", is: roster.ErrBadCell},
		{title: "粉丝数", cell: "-" + id, err: "粉丝数：不能为负数，应填 0 到 2147483647 之间的整数 (粉丝数: negative number)", is: roster.ErrBadCell},
		{title: "公益捐赠", cell: id, err: "公益捐赠（万元）：位数过多（整数部分最多 15 位，小数最多 10 位） (公益捐赠（万元）: number out of range)", is: roster.ErrBadCell},
		{title: "活动出勤率", cell: id + "%", err: "活动出勤率：位数过多（整数部分最多 15 位，小数最多 10 位） (活动出勤率: number out of range)", is: roster.ErrBadCell},
		{title: "出生年月", cell: id, err: "出生年月：日期无法识别，应写作 2006-01-02 或 2006-01 (出生年月: bad date)", is: roster.ErrBadDate},
		{title: "民族", cell: id, err: "民族：未知代码 (民族: unknown code)", is: roster.ErrUnknownCode},
		{title: "是否出资人", cell: id, err: "是否出资人：无法识别的是否值，应填 是 或 否 (是否出资人: bad yes-or-no value)", is: roster.ErrBadCell},
		{title: "获奖情况", cell: "甲|" + id, err: "获奖情况：第 1 项第 2 个字段（级别）：未知代码，可填：县级、市级、省级、国家级 (获奖情况: bad list item: unknown code)", is: roster.ErrUnknownCode},
		{title: "人大政协职务", cell: "政协委员|市级|||2017-01|" + id, err: "人大政协职务：第 1 项第 6 个字段（任期届满）：日期无法识别，应写作 2006-01-02 或 2006-01 (人大政协职务: bad list item: bad date)", is: roster.ErrBadDate},
		{title: "人大政协职务", cell: "政协委员|市级|||2017-02-30", err: "人大政协职务：第 1 项第 5 个字段（任期起始）：日期不存在 (人大政协职务: bad list item: bad date)", is: roster.ErrBadDate},
		{title: "人大政协职务", cell: "政协委员|市级|||2017-01|2022-01|x", err: "人大政协职务：第 1 项有 7 个字段，最多 6 个（机构|级别|届次|界别|任期起始|任期届满） (人大政协职务: bad list item: too many fields)", is: roster.ErrBadCell},
		{title: "姓名", cell: "李\x00", err: "姓名：第 2 个字符是控制字符 U+0000 (姓名: control character)", is: roster.ErrBadCell},
	}
	for _, tt := range tests {
		t.Run(tt.title+" "+tt.cell, func(t *testing.T) {
			f, ok := roster.FieldByTitle(tt.title)
			require.True(t, ok)
			r := &roster.Record{FieldYears: 3, Awards: []roster.Award{{Name: "旧"}}}
			before := *r
			err := f.Set(r, tt.cell)
			if tt.err == "" {
				require.NoError(t, err)
				tt.check(t, r)
				return
			}
			assert.EqualError(t, err, tt.err)
			assert.ErrorIs(t, err, tt.is)
			var ce *roster.CellError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, f.Title(), ce.Title)
			assert.Equal(t, before, *r, "a cell that cannot be read leaves the record")
		})
	}
	f, _ := roster.FieldByTitle("姓名")
	assert.Error(t, f.Set(nil, "李"), "a nil record is an error, not a panic")
}

func TestFieldFormat(t *testing.T) {
	r := &roster.Record{FieldYears: 7, Investor: true, BirthDate: roster.NewDate(2019, time.February, 30),
		Seats: []roster.Seat{{Body: roster.CPPCC, Level: roster.City}, {Body: roster.NPC, Level: roster.County, Until: roster.NewDate(2022, time.January, 0)}}}
	tests := []struct{ title, want, err string }{
		{"从业年限", "7", ""},
		{"人大政协职务", "政协委员|市级||；人大代表|县级||||2022-01", ""},
		{"是否出资人", "是", ""},
		{"新媒体从业", "否", ""},
		{"出生年月", "", "出生年月：日期不存在 (出生年月: bad date)"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			f, ok := roster.FieldByTitle(tt.title)
			require.True(t, ok)
			got, err := f.Format(r)
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
