package roster

// fieldLabel names a field of the registration form: its path in [Record]
// with list positions left out, its label on the form (Chinese) and its name
// in English messages.
type fieldLabel struct {
	path string
	zh   string
	en   string
}

// fieldLabels lists every field of [Record] and of the structs it holds, in
// struct order: the order problems are reported in. A test keeps it in step
// with record.go.
//
// The labels live here rather than in struct tags because one Go name is
// several fields of the form (Level is the level of a seat, of an
// organisation and of an award), and a tag-name function only sees the
// field, never the struct that holds it.
var fieldLabels = []fieldLabel{
	{"Key", "登记编号", "registration number"},
	{"Unit", "所属单位", "unit"},
	{"Name", "姓名", "name"},
	{"Sex", "性别", "sex"},
	{"Ethnicity", "民族", "ethnicity"},
	{"BirthDate", "出生年月", "birth date"},
	{"CitizenID", "公民身份号码", "citizen ID"},
	{"NativePlace", "籍贯", "native place"},
	{"Phone", "联系电话", "phone number"},
	{"Politics", "政治面貌", "political affiliation"},
	{"Reliable", "政治可靠", "political reliability"},
	{"PoliticalRating", "政治立场评价", "political rating"},
	{"Education", "学历", "education"},
	{"Degree", "学位", "degree"},
	{"Title", "专业技术职称", "professional title"},
	{"TitleLevel", "职称级别", "title level"},
	{"Employer", "工作单位", "employer"},
	{"EmployerKind", "单位性质", "employer kind"},
	{"Position", "职务", "position"},
	{"Occupation", "职业", "occupation"},
	{"Role", "岗位类别", "role"},
	{"WorkStart", "参加工作时间", "work start date"},
	{"FieldYears", "从业年限", "years in the field"},
	{"NewMedia", "新媒体从业", "new media"},
	{"Followers", "粉丝数", "followers"},
	{"Local", "在本地工作或居住", "works or lives locally"},
	{"Seats", "人大政协职务", "seat"},
	{"Seats.Body", "人大/政协", "seat body"},
	{"Seats.Level", "政协/人大级别", "seat level"},
	{"Seats.Term", "届次", "seat term"},
	{"Seats.Sector", "界别", "seat sector"},
	{"OrgPosts", "统战社会组织职务", "organisation post"},
	{"OrgPosts.Kind", "组织类别", "organisation kind"},
	{"OrgPosts.Organization", "组织名称", "organisation name"},
	{"OrgPosts.Title", "组织职务", "organisation post title"},
	{"OrgPosts.Level", "组织级别", "organisation level"},
	{"OrgPosts.Leading", "领导职务", "leading post"},
	{"OtherPosts", "其他社会职务", "other social posts"},
	{"Awards", "获奖情况", "award"},
	{"Awards.Name", "奖项名称", "award name"},
	{"Awards.Level", "奖项级别", "award level"},
	{"Awards.Year", "获奖年份", "award year"},
	{"Trainings", "培训情况", "training"},
	{"Trainings.Name", "培训名称", "training name"},
	{"Trainings.Date", "培训时间", "training date"},
	{"Trainings.Hours", "培训学时", "training hours"},
	{"Performance", "主要政治表现", "political performance"},
	{"Achievements", "主要成就和社会影响", "achievements"},
	{"IndustryRating", "行业影响力评价", "industry rating"},
	{"Donations", "公益捐赠（万元）", "donations"},
	{"VolunteerHours", "志愿服务时长（小时）", "volunteer hours"},
	{"JobsCreated", "带动就业人数", "jobs created"},
	{"Proposals", "建言献策采纳数", "adopted proposals"},
	{"Attendance", "活动出勤率", "attendance rate"},
	{"EmergencyRelief", "应急救灾贡献", "emergency relief"},
	{"NationalRecognition", "国家级表彰", "national recognition"},
	{"CriminalPenalty", "刑事处罚", "criminal penalty"},
	{"DishonestDebtor", "失信被执行人", "dishonest judgment debtor"},
	{"TaxViolation", "重大税收违法", "major tax violation"},
	{"NegativeStatements", "负面言论", "negative statements"},
	{"Extra", "扩展输入", "extra input"},
}

// message is the Chinese and English text of one rule. {0} is the field,
// {1} the rule's parameter.
type message struct {
	zh, en string
}

// Translation keys of the rules this package adds to the validator's own;
// the citizen ID has one key per reason.
const (
	keyCitizenLength = "citizenid-length"
	keyCitizenDigit  = "citizenid-digit"
	keyCitizenLast   = "citizenid-last"
	keyCitizenArea   = "citizenid-area"
	keyCitizenDate   = "citizenid-date"
	keyCitizenCheck  = "citizenid-check"
	keyCitizenFuture = "citizenid-future"
	keyExtraKey      = "extrakey"
	keyExtraType     = "extratype"
	keyNilRecord     = "nilrecord"
)

// messages holds the text of every rule this package adds. The built-in
// rules (required, max, gte, lte) speak through the validator's own zh and
// en translations.
var messages = map[string]message{
	"code":     {"{0}不是有效的选项", "{0} is not one of the allowed values"},
	"sex":      {"{0}只能是男性或女性", "{0} must be male or female"},
	"date":     {"{0}不是有效的日期", "{0} is not a valid date"},
	"notafter": {"{0}不能晚于评价基准日{1}", "{0} must not be after the assessment date {1}"},
	"year":     {"{0}应在1900年至{1}年之间", "{0} must be between 1900 and {1}"},
	"key":      {"{0}只能包含字母、数字、“-”和“_”", "{0} may hold only letters, digits, '-' and '_'"},
	"notid":    {"{0}不能使用公民身份号码", "{0} must not be a citizen ID"},
	"utf8":     {"{0}不是有效的UTF-8文本", "{0} is not valid UTF-8 text"},
	"line":     {"{0}不能包含换行符或控制字符", "{0} must not contain line breaks or control characters"},
	"text":     {"{0}不能包含控制字符", "{0} must not contain control characters"},
	"phone":    {"{0}应为11位手机号码或“区号-号码”格式的固定电话", "{0} must be an 11-digit mobile number or a landline written area code-number"},
	"unit":     {"{0}不是{1}的县（市、区）或开发区代码", "{0} is not a unit of {1}"},
	"dgte":     {"{0}必须大于或等于{1}", "{0} must be {1} or greater"},
	"dlte":     {"{0}必须小于或等于{1}", "{0} must be {1} or less"},
	"idsex":    {"{0}与公民身份号码不符", "{0} does not match the citizen ID"},
	"idbirth":  {"{0}与公民身份号码不符", "{0} does not match the citizen ID"},

	keyCitizenLength: {"{0}应为18位，实为{1}位", "{0} must have 18 characters, has {1}"},
	keyCitizenDigit:  {"{0}第{1}位不是数字", "{0} character {1} is not a digit"},
	keyCitizenLast:   {"{0}第18位应为数字或X", "{0} character 18 must be a digit or X"},
	keyCitizenArea:   {"{0}的地址码不属于已知的省级行政区划", "{0} area code is not under a known province-level code"},
	keyCitizenDate:   {"{0}中的出生日期不存在", "{0} birth date does not exist"},
	keyCitizenCheck:  {"{0}校验码不符", "{0} check character does not match"},
	keyCitizenFuture: {"{0}中的出生日期晚于评价基准日{1}", "{0} birth date is after the assessment date {1}"},

	keyExtraKey:  {"{0}的名称应以字母或“_”开头，只含字母、数字和“_”，不超过32个字符", "{0} name must start with a letter or '_' and hold at most 32 letters, digits and '_'"},
	keyExtraType: {"{0}的值只能是文本、整数、布尔值或小数", "{0} value must be a string, an int, a bool or a decimal"},
	keyNilRecord: {"{0}为空", "{0} is missing"},
}
