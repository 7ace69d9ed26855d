package roster

import (
	"github.com/shopspring/decimal"
)

// Record is one person's registration form (Annex 2, 登记表) and the inputs
// the qualification conditions and the index system read. It holds what a
// unit knows about a person; what the stages conclude this round (the group,
// the grade) are results of [classify] and [evaluate], kept beside the
// record. What was concluded last round (the list a person sat on, the last
// evaluation) is not part of it either: the stage that keeps the lists
// ([tier]) owns that registry.
//
// The zero value is an empty form; [Validator.Validate] says what is missing.
// A Record is a plain value: copy it freely, share it read-only between
// goroutines. It prints masked ([Record.String], [Record.Format],
// [Record.MarshalJSON]): no log or dump of a record shows a whole citizen
// ID, phone number or postal address.
//
// [classify]: https://pkg.go.dev/github.com/newstrata/newstrata/classify
// [evaluate]: https://pkg.go.dev/github.com/newstrata/newstrata/evaluate
// [tier]: https://pkg.go.dev/github.com/newstrata/newstrata/tier
type Record struct {
	// Key is the registration number (登记编号) that names the record in
	// every message. It is never the citizen ID: errors carry no personal data.
	Key string `validate:"required,key,max=32,notid"`
	// Unit is the GB/T 2260 code (or, for a development zone, the
	// jurisdiction's own code) of the county-district that keeps the record.
	Unit string `validate:"required,unit"`
	// RecommendedBy is the code of the unit that recommends the person
	// (推荐单位): a county-district or development zone of the jurisdiction
	// (a 县区委统战部 recommending to the city), or one of its departments
	// (市直部门, the notice's 各有关单位), former codes included. It is a
	// code, not a name, so that a database can join on it; [Reader] reads a
	// name too when it is given the jurisdiction. Empty when not given.
	RecommendedBy string `validate:"omitempty,recommender"`

	// Identity.
	Name        string    `validate:"required,utf8,line,max=50"` // 姓名
	Sex         Sex       `validate:"required,sex"`              // 性别
	Ethnicity   Ethnicity `validate:"required,code"`             // 民族
	BirthDate   Date      `validate:"required,date,notafter"`    // 出生年月 (a month or a day)
	CitizenID   string    `validate:"required,citizenid"`        // 公民身份号码
	NativePlace string    `validate:"utf8,line,max=50"`          // 籍贯
	Phone       string    `validate:"omitempty,phone"`           // 联系电话
	// Address is the postal address (通讯地址). It is personal data: no
	// message quotes it, and a printed record keeps only its
	// administrative divisions ([MaskAddress]).
	Address string `validate:"utf8,line,max=100"`
	// Photo names the person's photo (照片): a file name (张三.jpg) or an
	// id in the unit's own store. The library keeps no image; the name is
	// checked to be a plain file name, never a path, so that a program
	// that looks it up in a folder cannot be led out of it.
	Photo string `validate:"omitempty,filename"`

	// Politics.
	Politics Politics `validate:"required,code"` // 政治面貌
	// Reliable records that the recommending unit attests the person's
	// political reliability (supports the leadership of the CPC).
	Reliable bool
	// PoliticalRating is the recommending unit's rating of political stance.
	PoliticalRating Rating `validate:"omitempty,code"`

	// Education.
	Education Education `validate:"required,code"`  // 学历
	Degree    Degree    `validate:"omitempty,code"` // 学位
	// SchoolMajor is the school the person graduated from and the major,
	// as the form has them in one box (毕业院校及专业): 广西大学 法学.
	SchoolMajor string     `validate:"utf8,line,max=100"`
	Title       string     `validate:"utf8,line,max=50"` // 专业技术职称
	TitleLevel  TitleLevel `validate:"omitempty,code"`   // 职称级别

	// Work.
	Employer     string       `validate:"utf8,line,max=100"` // 工作单位
	EmployerKind EmployerKind `validate:"required,code"`     // 单位性质
	Position     string       `validate:"utf8,line,max=50"`  // 职务
	Occupation   string       `validate:"utf8,line,max=50"`  // 职业, as the person describes it (网络作家, 律师, 设计师 ...)
	Role         Role         `validate:"omitempty,code"`    // 岗位类别
	// Investor records that the person is an investor (出资人) in the unit
	// named under Employer. An owner of a private firm is a non-public
	// economy figure (非公有制经济人士), not new social strata, unless the
	// firm is a new-media one; classification rules read it.
	Investor   bool
	WorkStart  Date `validate:"omitempty,date,notafter"` // 参加工作时间
	FieldYears int  `validate:"gte=0,lte=80"`            // 从业年限: years in the field
	// NewMedia records that the person works in a new-media organisation or
	// through new-media platforms (出资、经营管理、采编、技术).
	NewMedia bool
	// Followers counts the followers of the person's main new-media account.
	Followers int `validate:"gte=0,lte=2000000000"`
	// Local records that the person works or lives in the jurisdiction.
	Local bool
	// WorkHistory is the work history (工作简历) as the form's box holds
	// it: free text, a line a period (2010.07—2015.06 某某律师事务所 律师).
	WorkHistory string `validate:"utf8,text,max=2000"`

	// Posts.
	Seats      []Seat    `validate:"dive"`               // 人大代表、政协委员
	OrgPosts   []OrgPost `validate:"dive"`               // posts in united-front and social organisations
	OtherPosts string    `validate:"utf8,text,max=2000"` // 其他社会职务

	// Record.
	Awards       []Award    `validate:"dive"`               // 获奖情况
	Trainings    []Training `validate:"dive"`               // 培训情况
	Performance  string     `validate:"utf8,text,max=2000"` // 主要政治表现
	Achievements string     `validate:"utf8,text,max=2000"` // 主要成就和社会影响
	// IndustryRating is the rating of influence in the person's field.
	IndustryRating Rating `validate:"omitempty,code"`
	// Donations is the amount donated to public welfare, in 万元, over the
	// period the index system looks at.
	Donations      decimal.Decimal `validate:"dgte=0,dlte=100000000"`
	VolunteerHours int             `validate:"gte=0,lte=1000000"`   // 志愿服务时长（小时）
	JobsCreated    int             `validate:"gte=0,lte=100000000"` // 带动就业人数
	// Proposals counts adopted proposals and 社情民意 reports.
	Proposals int `validate:"gte=0,lte=100000"`
	// Attendance is the attendance rate of united-front activities, 0 to 1.
	Attendance decimal.Decimal `validate:"dgte=0,dlte=1"`
	// EmergencyRelief records a major contribution to emergency relief.
	EmergencyRelief bool
	// NationalRecognition records a national recognition for new-strata work.
	NationalRecognition bool

	// Integrity: the facts behind the law-abiding condition and the vetoes.
	CriminalPenalty    bool // 受过刑事处罚
	DishonestDebtor    bool // 失信被执行人
	TaxViolation       bool // 重大税收违法
	NegativeStatements bool // 发表造成严重负面影响的言论

	// Extra holds the inputs a county-district's policy declares beyond this
	// form, by input id. Values are as read (a string from a CSV cell) or
	// typed (int, decimal.Decimal, bool, string); the policy that declares
	// an input converts and checks it.
	Extra map[string]any
}

// Seat is a seat as an NPC deputy or a CPPCC member.
//
// From and Until are the term of the seat (任期), each a day or a month;
// a month Until runs to the month's last day. Either may be left out: a
// seat without an Until is held until the record says otherwise, so
// records written before the dates were asked for keep counting as they
// did ([SeatFacts].Current).
type Seat struct {
	Body   Body   `validate:"required,code"`    // 人大代表 or 政协委员
	Level  Level  `validate:"required,code"`    // 级别
	Term   string `validate:"utf8,line,max=20"` // 届次, such as 第十四届
	Sector string `validate:"utf8,line,max=50"` // 界别 (CPPCC only)
	From   Date   `validate:"omitempty,date"`   // 任期起始
	// Until is the end of the term (任期届满), not before From.
	Until Date `validate:"omitempty,date,notbefore=From"`
}

// HeldOn reports whether the seat is held on day: its term has begun (a
// month From counts from its first day) and has not ended before day (a
// month Until runs to its last day, and the seat is held on the day its
// term ends). A seat without From or Until is held on every day on that
// side, so a seat without dates is always held: records made before the
// terms were asked for count as they did.
func (s Seat) HeldOn(day Date) bool {
	if !s.From.IsZero() && firstDay(s.From).After(day) {
		return false
	}
	return s.Until.IsZero() || !lastDay(s.Until).Before(day)
}

// OrgPost is a post in a united-front or social organisation.
type OrgPost struct {
	Kind         OrgKind `validate:"required,code"`              // 统战组织 or 社会组织
	Organization string  `validate:"required,utf8,line,max=100"` // 组织名称
	Title        string  `validate:"utf8,line,max=50"`           // 职务
	Level        Level   `validate:"required,code"`              // the organisation's level
	// Leading records that the post is a leading one (会长、副会长、秘书长 ...).
	Leading bool
}

// Award is an honour or award.
type Award struct {
	Name  string `validate:"required,utf8,line,max=200"`
	Level Level  `validate:"required,code"`
	Year  int    `validate:"omitempty,year"`
}

// Training is a training course attended.
type Training struct {
	Name  string `validate:"required,utf8,line,max=200"`
	Date  Date   `validate:"required,date,notafter"`
	Hours int    `validate:"gte=0,lte=100000"`
}
