package roster

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testAsOf is the assessment date of the tests.
var testAsOf = NewDate(2026, time.June, 30)

// withCheck completes 17 digits into a citizen ID.
func withCheck(t testing.TB, first17 string) string {
	t.Helper()
	c, err := CheckCharacter(first17)
	require.NoError(t, err)
	return first17 + string(c)
}

// validRecord returns a record every field of which is filled in and valid:
// a man born in March 1985, kept by 青秀区.
func validRecord(t testing.TB) *Record {
	t.Helper()
	return &Record{
		Key:             "NN-000123",
		Unit:            "450103",
		RecommendedBy:   "4501D01", // 南宁市工商业联合会
		Name:            "李明",
		Sex:             Male,
		Ethnicity:       8, // 壮族
		BirthDate:       NewDate(1985, time.March, 0),
		CitizenID:       withCheck(t, "45010319850314123"),
		NativePlace:     "广西南宁",
		Phone:           "13912345678",
		Address:         "广西南宁市青秀区民族大道100号",
		Photo:           "NN-000123.jpg",
		Politics:        NonParty,
		Reliable:        true,
		PoliticalRating: Good,
		Education:       Undergraduate,
		Degree:          Bachelor,
		SchoolMajor:     "广西大学 软件工程",
		Title:           "工程师",
		TitleLevel:      Intermediate,
		Employer:        "南宁某软件有限公司",
		EmployerKind:    PrivateEnterprise,
		Position:        "技术总监",
		Occupation:      "软件工程师",
		Role:            Technical,
		WorkStart:       NewDate(2008, time.July, 1),
		FieldYears:      15,
		NewMedia:        true,
		Followers:       12000,
		Local:           true,
		WorkHistory:     "2008.07—2015.06 南宁某电子公司 工程师\n2015.07— 南宁某软件有限公司 技术总监",
		Seats: []Seat{
			{Body: CPPCC, Level: County, Term: "第十届", Sector: "经济界", From: NewDate(2021, time.December, 0), Until: NewDate(2026, time.December, 0)},
			{Body: NPC, Level: City, Term: "第十六届"},
		},
		OrgPosts: []OrgPost{
			{Kind: SocialOrg, Organization: "南宁市软件行业协会", Title: "副会长", Level: City, Leading: true},
		},
		OtherPosts:     "青秀区青年企业家协会理事\n南宁市科协委员",
		Awards:         []Award{{Name: "南宁市优秀青年企业家", Level: City, Year: 2022}},
		Trainings:      []Training{{Name: "新的社会阶层人士培训班", Date: NewDate(2025, time.May, 10), Hours: 16}},
		Performance:    "拥护中国共产党的领导。\n积极参加统战活动。",
		Achievements:   "带领团队开发政务软件。",
		IndustryRating: Good,
		Donations:      decimal.RequireFromString("1.5"),
		VolunteerHours: 40,
		JobsCreated:    30,
		Proposals:      2,
		Attendance:     decimal.RequireFromString("0.8"),
		Extra: map[string]any{
			"patents":  3,
			"verified": true,
			"revenue":  decimal.RequireFromString("120.5"),
			"note":     "第一行\n第二行",
		},
	}
}

func newTestValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator(Nanning())
	require.NoError(t, err)
	return v
}

func TestValidateAccepts(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		name   string
		change func(r *Record)
	}{
		{"valid record", func(*Record) {}},
		{"citizen ID with lower-case x", func(r *Record) {
			r.CitizenID = withCheck(t, "45010319850314102")
			require.Equal(t, byte('X'), r.CitizenID[17])
			r.CitizenID = r.CitizenID[:17] + "x"
			r.Sex = Female
		}},
		{"birth date to the day", func(r *Record) { r.BirthDate = NewDate(1985, time.March, 14) }},
		{"former unit code of 横州市", func(r *Record) { r.Unit = "450127" }},
		{"born in the 19th century", func(r *Record) {
			r.CitizenID = withCheck(t, "45010318990314123")
			r.BirthDate = NewDate(1899, time.March, 0)
		}},
		{"only what is required", func(r *Record) {
			*r = Record{
				Key: r.Key, Unit: r.Unit, Name: r.Name, Sex: r.Sex, Ethnicity: r.Ethnicity,
				BirthDate: r.BirthDate, CitizenID: r.CitizenID, Politics: r.Politics,
				Education: r.Education, EmployerKind: r.EmployerKind,
			}
		}},
		{"name of 50 characters", func(r *Record) { r.Name = strings.Repeat("名", 50) }},
		{"free text of 2000 characters with line breaks", func(r *Record) {
			r.Achievements = strings.Repeat("成就\n", 666) + "成就"
		}},
		{"landline of a 4-digit area code", func(r *Record) { r.Phone = "0771-5612345" }},
		{"landline of a 3-digit area code", func(r *Record) { r.Phone = "010-62345678" }},
		{"landline with an extension", func(r *Record) { r.Phone = "0771-56123456-808" }},
		{"dates on the assessment date", func(r *Record) {
			r.WorkStart = testAsOf
			r.Trainings[0].Date = testAsOf
			r.Awards[0].Year = testAsOf.Year
		}},
		{"attendance of exactly 1", func(r *Record) { r.Attendance = decimal.RequireFromString("1.000") }},
		{"zero counts", func(r *Record) {
			r.FieldYears, r.Followers, r.VolunteerHours, r.JobsCreated, r.Proposals = 0, 0, 0, 0, 0
			r.Donations = decimal.Zero
		}},
		{"award without a year", func(r *Record) { r.Awards[0].Year = 0 }},
		{"development zone of the jurisdiction's own", func(r *Record) { r.Unit = "450100Z1" }},
		{"no recommending unit", func(r *Record) { r.RecommendedBy = "" }},
		{"recommended by a county-district", func(r *Record) { r.RecommendedBy = "450126" }},
		{"recommended by a development zone", func(r *Record) { r.RecommendedBy = "4501A2" }},
		{"recommended under a former code", func(r *Record) { r.RecommendedBy = "450127" }},
		{"address of 100 characters", func(r *Record) { r.Address = strings.Repeat("址", 100) }},
		{"work history of 2000 characters with line breaks", func(r *Record) {
			r.WorkHistory = strings.Repeat("简历\n", 666) + "简历"
		}},
		{"photo named in Chinese", func(r *Record) { r.Photo = "李明_2024.jpeg" }},
		{"photo by an id", func(r *Record) { r.Photo = "P000123" }},
		{"photo named CONSOLE.jpg, not a device", func(r *Record) { r.Photo = "CONSOLE.jpg" }},
		{"a seat's term of one month", func(r *Record) {
			r.Seats[0].From, r.Seats[0].Until = NewDate(2021, time.December, 0), NewDate(2021, time.December, 0)
		}},
		{"a seat's term ending on its month of start", func(r *Record) {
			r.Seats[0].From, r.Seats[0].Until = NewDate(2021, time.December, 15), NewDate(2021, time.December, 0)
		}},
		{"a seat's term starting after the assessment date", func(r *Record) {
			r.Seats[0].From, r.Seats[0].Until = NewDate(2027, time.January, 0), Date{}
		}},
		{"a seat's term with an end only", func(r *Record) { r.Seats[0].From = Date{} }},
	}
	j := Nanning()
	j.Units = append(j.Units, Unit{Code: "450100Z1", Name: "南宁高新区", Kind: Zone})
	withZone, err := NewValidator(j)
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecord(t)
			tt.change(r)
			assert.NoError(t, withZone.Validate(r, testAsOf))
			if r.Unit != "450100Z1" {
				assert.NoError(t, v.Validate(r, testAsOf))
			}
		})
	}
}

const photoMessage = "记录 NN-000123：照片应为文件名或编号：只含文字、数字、“-”、“_”和“.”，不含文件夹，不以“.”开头或结尾，不超过100个字符 (photo must be a file name or an id: at most 100 letters, digits, '-', '_' and '.', no folder, not starting or ending with '.')"

func TestValidateRefuses(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		name   string
		change func(r *Record)
		want   string
	}{
		// The citizen ID, each of its checks.
		{"citizen ID with a bad check character", func(r *Record) {
			r.CitizenID = r.CitizenID[:17] + "9"
		}, "记录 NN-000123：公民身份号码校验码不符 (citizen ID check character does not match)"},
		{"citizen ID with an impossible date", func(r *Record) {
			r.CitizenID = withCheck(t, "45010319990230123")
		}, "记录 NN-000123：公民身份号码中的出生日期不存在 (citizen ID birth date does not exist)"},
		{"citizen ID of an unknown area", func(r *Record) {
			r.CitizenID = withCheck(t, "99010319850314123")
		}, "记录 NN-000123：公民身份号码的地址码不属于已知的省级行政区划 (citizen ID area code is not under a known province-level code)"},
		{"citizen ID of 17 characters", func(r *Record) {
			r.CitizenID = r.CitizenID[:17]
		}, "记录 NN-000123：公民身份号码应为18位，实为17位 (citizen ID must have 18 characters, has 17)"},
		{"citizen ID with a letter", func(r *Record) {
			r.CitizenID = r.CitizenID[:6] + "A" + r.CitizenID[7:]
		}, "记录 NN-000123：公民身份号码第7位不是数字 (citizen ID character 7 is not a digit)"},
		{"citizen ID with a bad last character", func(r *Record) {
			r.CitizenID = r.CitizenID[:17] + "Y"
		}, "记录 NN-000123：公民身份号码第18位应为数字或X (citizen ID character 18 must be a digit or X)"},
		{"citizen ID in full-width digits", func(r *Record) {
			r.CitizenID = "４" + r.CitizenID[1:]
		}, "记录 NN-000123：公民身份号码第1位是全角字符，应使用半角字符 (citizen ID character 1 is full-width; write it in ASCII)"},
		{"citizen ID with a leading space", func(r *Record) {
			r.CitizenID = " " + r.CitizenID
		}, "记录 NN-000123：公民身份号码含有空格或不可见字符 (citizen ID holds white space or an invisible character)"},
		{"citizen ID with a zero-width space", func(r *Record) {
			r.CitizenID = r.CitizenID[:6] + "\u200b" + r.CitizenID[6:]
		}, "记录 NN-000123：公民身份号码含有空格或不可见字符 (citizen ID holds white space or an invisible character)"},
		{"citizen ID born after the assessment date", func(r *Record) {
			r.CitizenID = withCheck(t, "45010320260714123")
			r.BirthDate = NewDate(2026, time.July, 0)
		}, "记录 NN-000123：出生年月不能晚于评价基准日2026-06-30 (birth date must not be after the assessment date 2026-06-30)\n" +
			"记录 NN-000123：公民身份号码中的出生日期晚于评价基准日2026-06-30 (citizen ID birth date is after the assessment date 2026-06-30)"},

		// Agreement with the citizen ID.
		{"sex does not match the citizen ID", func(r *Record) { r.Sex = Female },
			"记录 NN-000123：性别与公民身份号码不符 (sex does not match the citizen ID)"},
		{"birth month does not match the citizen ID", func(r *Record) { r.BirthDate = NewDate(1985, time.April, 0) },
			"记录 NN-000123：出生年月与公民身份号码不符 (birth date does not match the citizen ID)"},
		{"birth day does not match the citizen ID", func(r *Record) { r.BirthDate = NewDate(1985, time.March, 15) },
			"记录 NN-000123：出生年月与公民身份号码不符 (birth date does not match the citizen ID)"},

		// Dates.
		{"birth date without a month", func(r *Record) { r.BirthDate = Date{Year: 1985} },
			"记录 NN-000123：出生年月不是有效的日期 (birth date is not a valid date)"},
		{"work start after the assessment date", func(r *Record) { r.WorkStart = NewDate(2026, time.July, 1) },
			"记录 NN-000123：参加工作时间不能晚于评价基准日2026-06-30 (work start date must not be after the assessment date 2026-06-30)"},
		{"training after the assessment date", func(r *Record) { r.Trainings[0].Date = NewDate(2026, time.July, 0) },
			"记录 NN-000123：培训时间（第 1 项）不能晚于评价基准日2026-06-30 (training date (item 1) must not be after the assessment date 2026-06-30)"},
		{"award year after the assessment year", func(r *Record) { r.Awards[0].Year = 2027 },
			"记录 NN-000123：获奖年份（第 1 项）应在1900年至2026年之间 (award year (item 1) must be between 1900 and 2026)"},
		{"award year before 1900", func(r *Record) { r.Awards[0].Year = 202 },
			"记录 NN-000123：获奖年份（第 1 项）应在1900年至2026年之间 (award year (item 1) must be between 1900 and 2026)"},
		{"date that does not exist", func(r *Record) { r.WorkStart = NewDate(2010, time.February, 30) },
			"记录 NN-000123：参加工作时间不是有效的日期 (work start date is not a valid date)"},

		// Units and codes.
		{"unknown unit", func(r *Record) { r.Unit = "450199" },
			"记录 NN-000123：所属单位不是南宁市的县（市、区）或开发区代码 (unit is not a unit of 南宁市)"},
		{"the city is not a unit", func(r *Record) { r.Unit = "450100" },
			"记录 NN-000123：所属单位不是南宁市的县（市、区）或开发区代码 (unit is not a unit of 南宁市)"},
		{"a department keeps no record", func(r *Record) { r.Unit = "4501D01" },
			"记录 NN-000123：所属单位不是南宁市的县（市、区）或开发区代码 (unit is not a unit of 南宁市)"},
		{"unknown recommending unit", func(r *Record) { r.RecommendedBy = "4501D99" },
			"记录 NN-000123：推荐单位不是南宁市的县（市、区）、开发区或市直部门代码 (recommending unit is not a unit or department of 南宁市)"},
		{"recommending unit by its name", func(r *Record) { r.RecommendedBy = "南宁市工商业联合会" },
			"记录 NN-000123：推荐单位不是南宁市的县（市、区）、开发区或市直部门代码 (recommending unit is not a unit or department of 南宁市)"},
		{"the city recommends to no one", func(r *Record) { r.RecommendedBy = "450100" },
			"记录 NN-000123：推荐单位不是南宁市的县（市、区）、开发区或市直部门代码 (recommending unit is not a unit or department of 南宁市)"},
		{"a citizen ID typed into the recommending unit", func(r *Record) { r.RecommendedBy = r.CitizenID },
			"记录 NN-000123：推荐单位不是南宁市的县（市、区）、开发区或市直部门代码 (recommending unit is not a unit or department of 南宁市)"},
		{"unit and recommending unit both unknown", func(r *Record) { r.Unit, r.RecommendedBy = "450199", "450199" },
			"记录 NN-000123：所属单位不是南宁市的县（市、区）或开发区代码 (unit is not a unit of 南宁市)\n" +
				"记录 NN-000123：推荐单位不是南宁市的县（市、区）、开发区或市直部门代码 (recommending unit is not a unit or department of 南宁市)"},
		{"unknown ethnicity", func(r *Record) { r.Ethnicity = 57 },
			"记录 NN-000123：民族不是有效的选项 (ethnicity is not one of the allowed values)"},
		{"sex not stated", func(r *Record) { r.Sex = SexUnstated },
			"记录 NN-000123：性别只能是男性或女性 (sex must be male or female)"},
		{"unknown seat level", func(r *Record) { r.Seats[1].Level = 9 },
			"记录 NN-000123：政协/人大级别（第 2 项）不是有效的选项 (seat level (item 2) is not one of the allowed values)"},
		{"a seat's term ending before it starts", func(r *Record) { r.Seats[0].Until = NewDate(2021, time.November, 30) },
			"记录 NN-000123：任期届满（第 1 项）不能早于任期起始 (seat term end (item 1) must not be before seat term start)"},
		{"a seat's term ending on a day that does not exist", func(r *Record) { r.Seats[0].Until = NewDate(2026, time.February, 29) },
			"记录 NN-000123：任期届满（第 1 项）不是有效的日期 (seat term end (item 1) is not a valid date)"},
		{"unknown optional code", func(r *Record) { r.Degree = 9 },
			"记录 NN-000123：学位不是有效的选项 (degree is not one of the allowed values)"},

		// The key.
		{"key with a space", func(r *Record) { r.Key = "NN 000123" },
			"记录：登记编号只能包含字母、数字、“-”和“_” (registration number may hold only letters, digits, '-' and '_')"},
		{"key of 33 characters", func(r *Record) { r.Key = strings.Repeat("N", 33) },
			"记录：登记编号长度不能超过32个字符 (registration number must be a maximum of 32 characters in length)"},
		{"key that is the citizen ID", func(r *Record) { r.Key = r.CitizenID },
			"记录：登记编号不能使用公民身份号码 (registration number must not be a citizen ID)"},
		{"key that is the citizen ID after a space", func(r *Record) { r.Key = " " + r.CitizenID },
			"记录：登记编号只能包含字母、数字、“-”和“_” (registration number may hold only letters, digits, '-' and '_')"},

		// Phone.
		{"phone of 5 digits", func(r *Record) { r.Phone = "12345" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},
		{"mobile starting 12", func(r *Record) { r.Phone = "12912345678" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},
		{"landline of 6 digits", func(r *Record) { r.Phone = "0771-123456" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},
		{"landline number starting 1", func(r *Record) { r.Phone = "0771-1234567" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},
		{"landline of 7 digits after a 3-digit area code", func(r *Record) { r.Phone = "010-6234567" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},
		{"landline with an empty extension", func(r *Record) { r.Phone = "0771-5612345-" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},
		{"landline without a hyphen", func(r *Record) { r.Phone = "07715612345" },
			"记录 NN-000123：联系电话应为11位手机号码或“区号-号码”格式的固定电话 (phone number must be an 11-digit mobile number or a landline written area code-number)"},

		// Text.
		{"name not UTF-8", func(r *Record) { r.Name = "李\xff明" },
			"记录 NN-000123：姓名不是有效的UTF-8文本 (name is not valid UTF-8 text)"},
		{"name with a tab", func(r *Record) { r.Name = "李\t明" },
			"记录 NN-000123：姓名不能包含换行符或控制字符 (name must not contain line breaks or control characters)"},
		{"employer with a line break", func(r *Record) { r.Employer = "南宁某公司\n分公司" },
			"记录 NN-000123：工作单位不能包含换行符或控制字符 (employer must not contain line breaks or control characters)"},
		{"free text with a bell", func(r *Record) { r.Performance = "表现\a良好" },
			"记录 NN-000123：主要政治表现不能包含控制字符 (political performance must not contain control characters)"},
		{"free text with a carriage return", func(r *Record) { r.Achievements = "成就\r\n影响" },
			"记录 NN-000123：主要成就和社会影响不能包含控制字符 (achievements must not contain control characters)"},
		{"address with a line break", func(r *Record) { r.Address = "广西南宁市\n青秀区" },
			"记录 NN-000123：通讯地址不能包含换行符或控制字符 (postal address must not contain line breaks or control characters)"},
		{"address of 101 characters", func(r *Record) { r.Address = strings.Repeat("址", 101) },
			"记录 NN-000123：通讯地址长度不能超过100个字符 (postal address must be a maximum of 100 characters in length)"},
		{"work history of 2001 characters", func(r *Record) { r.WorkHistory = strings.Repeat("历", 2001) },
			"记录 NN-000123：工作简历长度不能超过2,000个字符 (work history must be a maximum of 2,000 characters in length)"},
		{"work history with a carriage return", func(r *Record) { r.WorkHistory = "2008\r\n2015" },
			"记录 NN-000123：工作简历不能包含控制字符 (work history must not contain control characters)"},
		{"school and major with a line break", func(r *Record) { r.SchoolMajor = "广西大学\n法学" },
			"记录 NN-000123：毕业院校及专业不能包含换行符或控制字符 (school and major must not contain line breaks or control characters)"},
		{"photo in a folder", func(r *Record) { r.Photo = "photos/NN-000123.jpg" }, photoMessage},
		{"photo in a Windows folder", func(r *Record) { r.Photo = `C:\photos\a.jpg` }, photoMessage},
		{"photo up a folder", func(r *Record) { r.Photo = "..jpg" }, photoMessage},
		{"photo named ..", func(r *Record) { r.Photo = ".." }, photoMessage},
		{"hidden photo", func(r *Record) { r.Photo = ".a.jpg" }, photoMessage},
		{"photo ending in a dot", func(r *Record) { r.Photo = "a.jpg." }, photoMessage},
		{"photo with a space", func(r *Record) { r.Photo = "李 明.jpg" }, photoMessage},
		{"photo named after a Windows device", func(r *Record) { r.Photo = "nul.jpg" }, photoMessage},
		{"photo named after a serial port", func(r *Record) { r.Photo = "COM1" }, photoMessage},
		{"photo name of 101 characters", func(r *Record) { r.Photo = strings.Repeat("照", 97) + ".jpg" }, photoMessage},
		{"photo as a URL", func(r *Record) { r.Photo = "http://example.com/a.jpg" }, photoMessage},
		{"name of 51 characters", func(r *Record) { r.Name = strings.Repeat("名", 51) },
			"记录 NN-000123：姓名长度不能超过50个字符 (name must be a maximum of 50 characters in length)"},
		{"free text of 2001 characters", func(r *Record) { r.OtherPosts = strings.Repeat("职", 2001) },
			"记录 NN-000123：其他社会职务长度不能超过2,000个字符 (other social posts must be a maximum of 2,000 characters in length)"},

		// Numbers.
		{"negative count", func(r *Record) { r.JobsCreated = -1 },
			"记录 NN-000123：带动就业人数必须大于或等于0 (jobs created must be 0 or greater)"},
		{"a count so large that arithmetic on it would overflow", func(r *Record) { r.Proposals = 1 << 62 },
			"记录 NN-000123：建言献策采纳数必须小于或等于100,000 (adopted proposals must be 100,000 or less)"},
		{"negative training hours", func(r *Record) { r.Trainings[0].Hours = -2 },
			"记录 NN-000123：培训学时（第 1 项）必须大于或等于0 (training hours (item 1) must be 0 or greater)"},
		{"a citizen ID typed into years in the field", func(r *Record) { r.FieldYears = 450103198503141230 },
			"记录 NN-000123：从业年限必须小于或等于80 (years in the field must be 80 or less)"},
		{"a citizen ID typed into followers", func(r *Record) { r.Followers = 450103198503141230 },
			"记录 NN-000123：粉丝数必须小于或等于2,000,000,000 (followers must be 2,000,000,000 or less)"},
		{"a citizen ID typed into donations", func(r *Record) { r.Donations = decimal.RequireFromString("450103198503141230") },
			"记录 NN-000123：公益捐赠（万元）必须小于或等于100000000 (donations must be 100000000 or less)"},
		{"81 years in the field", func(r *Record) { r.FieldYears = 81 },
			"记录 NN-000123：从业年限必须小于或等于80 (years in the field must be 80 or less)"},
		{"attendance over 1", func(r *Record) { r.Attendance = decimal.RequireFromString("1.01") },
			"记录 NN-000123：活动出勤率必须小于或等于1 (attendance rate must be 1 or less)"},
		{"negative attendance", func(r *Record) { r.Attendance = decimal.RequireFromString("-0.1") },
			"记录 NN-000123：活动出勤率必须大于或等于0 (attendance rate must be 0 or greater)"},
		{"negative donations", func(r *Record) { r.Donations = decimal.RequireFromString("-0.5") },
			"记录 NN-000123：公益捐赠（万元）必须大于或等于0 (donations must be 0 or greater)"},

		// Extra.
		{"Extra key starting with a digit", func(r *Record) { r.Extra["1st"] = 1 },
			`记录 NN-000123：扩展输入"1st"的名称应以字母或“_”开头，只含字母、数字和“_”，不超过32个字符 (extra input "1st" name must start with a letter or '_' and hold at most 32 letters, digits and '_')`},
		{"empty Extra key", func(r *Record) { r.Extra[""] = 1 },
			`记录 NN-000123：扩展输入""的名称应以字母或“_”开头，只含字母、数字和“_”，不超过32个字符 (extra input "" name must start with a letter or '_' and hold at most 32 letters, digits and '_')`},
		{"long Extra key is cut", func(r *Record) { r.Extra[strings.Repeat("k", 40)] = 1 },
			`记录 NN-000123：扩展输入"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"…的名称应以字母或“_”开头，只含字母、数字和“_”，不超过32个字符 (extra input "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"… name must start with a letter or '_' and hold at most 32 letters, digits and '_')`},
		{"Extra value of a list", func(r *Record) { r.Extra["ratio"] = []int{1} },
			`记录 NN-000123：扩展输入"ratio"的值只能是文本、整数、布尔值或小数 (extra input "ratio" value must be a string, an int, a bool or a decimal)`},
		{"Extra value nil", func(r *Record) { r.Extra["ratio"] = nil },
			`记录 NN-000123：扩展输入"ratio"的值只能是文本、整数、布尔值或小数 (extra input "ratio" value must be a string, an int, a bool or a decimal)`},
		{"Extra text not UTF-8", func(r *Record) { r.Extra["memo"] = "\xc3(" },
			`记录 NN-000123：扩展输入"memo"不是有效的UTF-8文本 (extra input "memo" is not valid UTF-8 text)`},
		{"Extra text with a control character", func(r *Record) { r.Extra["memo"] = "a\x00b" },
			`记录 NN-000123：扩展输入"memo"不能包含控制字符 (extra input "memo" must not contain control characters)`},

		// Lists.
		{"seat without a body", func(r *Record) { r.Seats[0].Body = 0 },
			"记录 NN-000123：人大/政协（第 1 项）为必填字段 (seat body (item 1) is a required field)"},
		{"organisation post without a name", func(r *Record) { r.OrgPosts[0].Organization = "" },
			"记录 NN-000123：组织名称（第 1 项）为必填字段 (organisation name (item 1) is a required field)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecord(t)
			tt.change(r)
			err := v.Validate(r, testAsOf)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.ErrorIs(t, err, ErrInvalidRecord)
			assert.NotContains(t, err.Error(), r.CitizenID, "messages carry no citizen ID")
		})
	}
}

func TestValidateProblems(t *testing.T) {
	v := newTestValidator(t)
	r := validRecord(t)
	r.Extra["1st"] = 1
	r.Attendance = decimal.RequireFromString("2")
	r.Seats[1].Level = 9
	r.Seats[0].Body = 9
	r.Sex = Female
	r.Key = ""

	err := v.ValidateAt(r, 11, testAsOf)
	require.Error(t, err)
	var re *RecordError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "", re.Key)
	assert.Equal(t, 12, re.Position)
	got := make([]string, len(re.Problems))
	for i, p := range re.Problems {
		got[i] = fmt.Sprintf("%s|%s|%s", p.Field, p.Label, p.Tag)
	}
	assert.Equal(t, []string{
		"Key|登记编号|required",
		"Sex|性别|idsex",
		"Seats[0].Body|人大/政协|code",
		"Seats[1].Level|政协/人大级别|code",
		"Attendance|活动出勤率|dlte",
		`Extra["1st"]|扩展输入|extrakey`,
	}, got, "struct order")
	assert.Equal(t, "第 12 条记录：登记编号为必填字段 (registration number is a required field)\n"+
		"第 12 条记录：性别与公民身份号码不符 (sex does not match the citizen ID)\n"+
		"第 12 条记录：人大/政协（第 1 项）不是有效的选项 (seat body (item 1) is not one of the allowed values)\n"+
		"第 12 条记录：政协/人大级别（第 2 项）不是有效的选项 (seat level (item 2) is not one of the allowed values)\n"+
		"第 12 条记录：活动出勤率必须小于或等于1 (attendance rate must be 1 or less)\n"+
		`第 12 条记录：扩展输入"1st"的名称应以字母或“_”开头，只含字母、数字和“_”，不超过32个字符 (extra input "1st" name must start with a letter or '_' and hold at most 32 letters, digits and '_')`,
		err.Error())
}

func TestValidateEmptyAndNil(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		name  string
		r     *Record
		index int
		want  string
	}{
		{"nil record", nil, -1, "记录：记录为空 (record is missing)"},
		{"nil record in a batch", nil, 4, "第 5 条记录：记录为空 (record is missing)"},
		{"empty record in a batch", &Record{}, 11, "第 12 条记录：登记编号为必填字段 (registration number is a required field)\n" +
			"第 12 条记录：所属单位为必填字段 (unit is a required field)\n" +
			"第 12 条记录：姓名为必填字段 (name is a required field)\n" +
			"第 12 条记录：性别为必填字段 (sex is a required field)\n" +
			"第 12 条记录：民族为必填字段 (ethnicity is a required field)\n" +
			"第 12 条记录：出生年月为必填字段 (birth date is a required field)\n" +
			"第 12 条记录：公民身份号码为必填字段 (citizen ID is a required field)\n" +
			"第 12 条记录：政治面貌为必填字段 (political affiliation is a required field)\n" +
			"第 12 条记录：学历为必填字段 (education is a required field)\n" +
			"第 12 条记录：单位性质为必填字段 (employer kind is a required field)"},
		{"empty lists and maps", &Record{Key: "K1", Seats: []Seat{}, Extra: map[string]any{}}, -1,
			"记录 K1：所属单位为必填字段 (unit is a required field)\n" +
				"记录 K1：姓名为必填字段 (name is a required field)\n" +
				"记录 K1：性别为必填字段 (sex is a required field)\n" +
				"记录 K1：民族为必填字段 (ethnicity is a required field)\n" +
				"记录 K1：出生年月为必填字段 (birth date is a required field)\n" +
				"记录 K1：公民身份号码为必填字段 (citizen ID is a required field)\n" +
				"记录 K1：政治面貌为必填字段 (political affiliation is a required field)\n" +
				"记录 K1：学历为必填字段 (education is a required field)\n" +
				"记录 K1：单位性质为必填字段 (employer kind is a required field)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v.ValidateAt(tt.r, tt.index, testAsOf)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			assert.ErrorIs(t, err, ErrInvalidRecord)
		})
	}
}

func TestValidateHugeInput(t *testing.T) {
	v := newTestValidator(t)
	huge := strings.Repeat("名\x00\xff", 1<<18)
	r := validRecord(t)
	r.Key, r.Unit, r.Name, r.CitizenID, r.Phone, r.Performance = huge, huge, huge, huge, huge, huge
	r.Extra[huge] = huge
	err := v.ValidateAt(r, 0, testAsOf)
	require.Error(t, err)
	var re *RecordError
	require.ErrorAs(t, err, &re)
	assert.Len(t, re.Problems, 8)
	assert.Less(t, len(err.Error()), 4096, "messages quote no input but a cut Extra key")
}

func TestNewValidator(t *testing.T) {
	v, err := NewValidator(nil)
	assert.Nil(t, v)
	assert.ErrorIs(t, err, ErrJurisdiction)
	assert.EqualError(t, err, "bad jurisdiction: no jurisdiction to validate against")
}

// One Validator serves every date: the date is an argument of each call.
func TestValidateDates(t *testing.T) {
	v := newTestValidator(t)
	r := validRecord(t)
	r.WorkStart = NewDate(2026, time.July, 1)
	tests := []struct {
		name string
		asOf Date
		want string
	}{
		{"before the work start", testAsOf,
			"记录 NN-000123：参加工作时间不能晚于评价基准日2026-06-30 (work start date must not be after the assessment date 2026-06-30)"},
		{"after it", NewDate(2026, time.July, 1), ""},
		{"no date", Date{}, "bad date: the assessment date is not a full date"},
		{"a month", NewDate(2026, time.June, 0), "bad date: the assessment date is not a full date"},
		{"a day that does not exist", NewDate(2026, time.June, 31), "bad date: the assessment date is not a full date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v.Validate(r, tt.asOf)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tt.want)
			if tt.asOf.Day == 0 || !tt.asOf.Valid() {
				assert.ErrorIs(t, err, ErrBadDate)
				assert.NotErrorIs(t, err, ErrInvalidRecord)
			}
		})
	}
}

func TestValidatorKeepsItsOwnJurisdiction(t *testing.T) {
	j := Nanning()
	v, err := NewValidator(j)
	require.NoError(t, err)
	j.Units[1].Code = "999999"       // 青秀区 450103
	j.Units[11].Former[0] = "0000"   // 横县 450127
	j.Departments[0].Code = "999999" // 南宁市工商业联合会 4501D01
	for _, unit := range []string{"450103", "450127"} {
		r := validRecord(t)
		r.Unit = unit
		assert.NoError(t, v.Validate(r, testAsOf), unit)
	}
	assert.NoError(t, v.Validate(validRecord(t), testAsOf), "4501D01")
}

func TestValidateConcurrently(t *testing.T) {
	v := newTestValidator(t)
	good := validRecord(t)
	bad := validRecord(t)
	bad.Sex = Female
	want := "记录 NN-000123：性别与公民身份号码不符 (sex does not match the citizen ID)"
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Go(func() {
			for range 50 {
				if err := v.Validate(good, testAsOf); err != nil {
					errs[i] = err
					return
				}
				if err := v.Validate(bad, testAsOf); err == nil || err.Error() != want {
					errs[i] = fmt.Errorf("got %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
}

// TestFieldLabels keeps the label table in step with the structs: every
// field, in struct order, and nothing else.
func TestFieldLabels(t *testing.T) {
	var want []string
	nested := map[string]reflect.Type{
		"Seats": reflect.TypeFor[Seat](), "OrgPosts": reflect.TypeFor[OrgPost](),
		"Awards": reflect.TypeFor[Award](), "Trainings": reflect.TypeFor[Training](),
	}
	for f := range reflect.TypeFor[Record]().Fields() {
		want = append(want, f.Name)
		if n, ok := nested[f.Name]; ok {
			for g := range n.Fields() {
				want = append(want, f.Name+"."+g.Name)
			}
		}
	}
	labels := formLabels()
	got := make([]string, len(labels))
	for i, l := range labels {
		got[i] = l.path
		assert.NotEmpty(t, l.zh, l.path)
		assert.NotEmpty(t, l.en, l.path)
	}
	assert.Equal(t, want, got)
}

// TestRulesHaveMessages checks that every tag in the structs has a rule and
// a message in both languages.
func TestRulesHaveMessages(t *testing.T) {
	v := newTestValidator(t)
	builtin := map[string]bool{"required": true, "omitempty": true, "dive": true, "max": true, "gte": true, "lte": true}
	rules := v.rules()
	for _, typ := range recordTypes {
		for f := range typ.Fields() {
			tags, ok := f.Tag.Lookup("validate")
			if !ok {
				continue
			}
			for tag := range strings.SplitSeq(tags, ",") {
				name, _, _ := strings.Cut(tag, "=")
				if builtin[name] {
					continue
				}
				assert.Contains(t, rules, name, "%s.%s", typ.Name(), f.Name)
				if name == "citizenid" {
					name = keyCitizenCheck // one message per reason
				}
				assert.Contains(t, messages, name, "%s.%s", typ.Name(), f.Name)
			}
		}
	}
	for key, m := range messages {
		assert.Contains(t, m.zh, "{0}", key)
		assert.Contains(t, m.en, "{0}", key)
	}
}

func TestRecordError(t *testing.T) {
	p := Problem{Field: "Name", Label: "姓名", Tag: "required", Message: "姓名为必填字段", MessageEN: "name is a required field"}
	tests := []struct {
		name string
		err  *RecordError
		want string
	}{
		{"named by key", &RecordError{Key: "NN-1", Position: 3, Problems: []Problem{p}},
			"记录 NN-1：姓名为必填字段 (name is a required field)"},
		{"named by position", &RecordError{Key: "bad key", Position: 3, Problems: []Problem{p}},
			"第 3 条记录：姓名为必填字段 (name is a required field)"},
		{"a key that is a citizen ID is not printed", &RecordError{Key: "450103198503141230", Problems: []Problem{p}},
			"记录：姓名为必填字段 (name is a required field)"},
		{"a mistyped citizen ID as key is not printed either", &RecordError{Key: "450103198503141239", Position: 2, Problems: []Problem{p}},
			"第 2 条记录：姓名为必填字段 (name is a required field)"},
		{"nor a first-generation 15-digit ID", &RecordError{Key: "450103850314123", Problems: []Problem{p}},
			"记录：姓名为必填字段 (name is a required field)"},
		{"no problems", &RecordError{Key: "NN-1"}, "记录 NN-1：记录无效 (invalid record)"},
		{"nor one after a zero-width space", &RecordError{Key: "\u200b450103198503141230", Position: 4, Problems: []Problem{p}},
			"第 4 条记录：姓名为必填字段 (name is a required field)"},
		{"nor one in full-width digits", &RecordError{Key: "４５０１０３１９８５０３１４１２３０", Problems: []Problem{p}},
			"记录：姓名为必填字段 (name is a required field)"},
		{"nor one after a space", &RecordError{Key: " 450103198503141230", Position: 1, Problems: []Problem{p}},
			"第 1 条记录：姓名为必填字段 (name is a required field)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
			assert.ErrorIs(t, tt.err, ErrInvalidRecord)
			assert.False(t, errors.Is(tt.err, ErrCitizenID))
		})
	}
}

func FuzzValidate(f *testing.F) {
	r := validRecord(f)
	f.Add(r.Key, r.Unit, r.Name, r.CitizenID, r.Phone, r.Performance, "note", "text")
	f.Add("", "", "", "", "", "", "", "")
	f.Add("NN 1", "450127", "李\x00", "45010319990230123X", "0771-1234567-", "\r", "1st", "\xff")
	v := newTestValidator(f)
	f.Fuzz(func(t *testing.T, key, unit, name, id, phone, text, extraKey, extraValue string) {
		r := validRecord(t)
		r.Key, r.Unit, r.Name, r.CitizenID, r.Phone, r.Performance = key, unit, name, id, phone, text
		r.Extra[extraKey] = extraValue
		quickSays(t, v, r, testAsOf, "fuzzed")
		err := v.ValidateAt(r, 0, testAsOf)
		if err == nil {
			return
		}
		var re *RecordError
		require.ErrorAs(t, err, &re)
		require.NotEmpty(t, re.Problems)
		msg := err.Error()
		if len(id) >= 10 && !strings.Contains(key, id) && !strings.Contains(extraKey, id) {
			assert.NotContains(t, msg, id, "messages carry no citizen ID")
		}
		for _, p := range re.Problems {
			assert.NotEmpty(t, p.Message)
			assert.NotEmpty(t, p.MessageEN)
			assert.NotEmpty(t, p.Label)
		}
	})
}

func BenchmarkNewValidator(b *testing.B) {
	j := Nanning()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewValidator(j); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	v := newTestValidator(b)
	r := validRecord(b)
	require.NoError(b, v.Validate(r, testAsOf))
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Validate(r, testAsOf); err != nil {
			b.Fatal(err)
		}
	}
}
