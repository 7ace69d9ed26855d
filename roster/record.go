package roster

import (
	"github.com/shopspring/decimal"
)

// Record is one person's registration form (Annex 2, 登记表) and the inputs
// the qualification conditions and the index system read. It holds what a
// unit knows about a person; what the stages conclude this round (the group,
// the grade, the list) are results of [classify], [evaluate] and [tier],
// reported beside the record by [report]. What was concluded last round
// (Tier, LastEvaluation) is part of the record, since the next round reads it.
//
// The zero value is an empty form; [Validator.Validate] says what is missing.
// A Record is a plain value: copy it freely, share it read-only between
// goroutines.
//
// [classify]: https://pkg.go.dev/github.com/newstrata/newstrata/classify
// [evaluate]: https://pkg.go.dev/github.com/newstrata/newstrata/evaluate
// [tier]: https://pkg.go.dev/github.com/newstrata/newstrata/tier
// [report]: https://pkg.go.dev/github.com/newstrata/newstrata/report
type Record struct {
	// Key is the registration number (登记编号) that names the record in
	// every message. It is never the citizen ID: errors carry no personal data.
	Key string
	// Unit is the GB/T 2260 code (or, for a development zone, the
	// jurisdiction's own code) of the county-district that keeps the record.
	Unit string

	// Identity.
	Name        string    // 姓名
	Sex         Sex       // 性别
	Ethnicity   Ethnicity // 民族
	BirthDate   Date      // 出生年月 (a month or a day)
	CitizenID   string    // 公民身份号码
	NativePlace string    // 籍贯
	Phone       string    // 联系电话

	// Politics.
	Politics Politics // 政治面貌
	// Reliable records that the recommending unit attests the person's
	// political reliability (supports the leadership of the CPC).
	Reliable bool
	// PoliticalRating is the recommending unit's rating of political stance.
	PoliticalRating Rating

	// Education.
	Education  Education  // 学历
	Degree     Degree     // 学位
	Title      string     // 专业技术职称
	TitleLevel TitleLevel // 职称级别

	// Work.
	Employer     string       // 工作单位
	EmployerKind EmployerKind // 单位性质
	Position     string       // 职务
	Occupation   string       // 职业, as the person describes it (网络作家, 律师, 设计师 ...)
	Role         Role         // 岗位类别
	WorkStart    Date         // 参加工作时间
	FieldYears   int          // 从业年限: years in the field
	// NewMedia records that the person works in a new-media organisation or
	// through new-media platforms (出资、经营管理、采编、技术).
	NewMedia bool
	// Followers counts the followers of the person's main new-media account.
	Followers int
	// Local records that the person works or lives in the jurisdiction.
	Local bool

	// Posts.
	Seats      []Seat    // 人大代表、政协委员
	OrgPosts   []OrgPost // posts in united-front and social organisations
	OtherPosts string    // 其他社会职务

	// Record.
	Awards       []Award    // 获奖情况
	Trainings    []Training // 培训情况
	Performance  string     // 主要政治表现
	Achievements string     // 主要成就和社会影响
	// IndustryRating is the rating of influence in the person's field.
	IndustryRating Rating
	// Donations is the amount donated to public welfare, in 万元, over the
	// period the index system looks at.
	Donations      decimal.Decimal
	VolunteerHours int // 志愿服务时长（小时）
	JobsCreated    int // 带动就业人数
	// Proposals counts adopted proposals and 社情民意 reports.
	Proposals int
	// Attendance is the attendance rate of united-front activities, 0 to 1.
	Attendance decimal.Decimal
	// EmergencyRelief records a major contribution to emergency relief.
	EmergencyRelief bool
	// NationalRecognition records a national recognition for new-strata work.
	NationalRecognition bool

	// Integrity: the facts behind the law-abiding condition and the vetoes.
	CriminalPenalty    bool // 受过刑事处罚
	DishonestDebtor    bool // 失信被执行人
	TaxViolation       bool // 重大税收违法
	NegativeStatements bool // 发表造成严重负面影响的言论

	// Tier is the list the person sits on from the last round; the zero
	// value means on no list yet.
	Tier Tier
	// LastEvaluation is the previous comprehensive evaluation, if any.
	LastEvaluation *Evaluation

	// Extra holds the inputs a county-district's policy declares beyond this
	// form, by input id. Values are as read (a string from a CSV cell) or
	// typed (int, decimal.Decimal, bool, string); the policy that declares
	// an input converts and checks it.
	Extra map[string]any
}

// Seat is a seat as an NPC deputy or a CPPCC member.
type Seat struct {
	Body   Body   // 人大代表 or 政协委员
	Level  Level  // 级别
	Term   string // 届次, such as 第十四届
	Sector string // 界别 (CPPCC only)
}

// OrgPost is a post in a united-front or social organisation.
type OrgPost struct {
	Kind         OrgKind // 统战组织 or 社会组织
	Organization string  // 组织名称
	Title        string  // 职务
	Level        Level   // the organisation's level
	// Leading records that the post is a leading one (会长、副会长、秘书长 ...).
	Leading bool
}

// Award is an honour or award.
type Award struct {
	Name  string
	Level Level
	Year  int
}

// Training is a training course attended.
type Training struct {
	Name  string
	Date  Date
	Hours int
}

// Evaluation is the result of an earlier comprehensive evaluation (综合评价情况).
type Evaluation struct {
	Grade Grade
	Score decimal.Decimal
	By    string // 评价单位
	Date  Date   // 评价时间
}
