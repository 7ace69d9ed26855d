package roster

import "github.com/shopspring/decimal"

// Facts is the view of a [Record] that rule formulas read: every closed set
// as its Chinese label, counts as int, amounts and rates as exact decimals,
// and the values that depend on the assessment date (age, recent training)
// already worked out. Formulas in classify, qualify and evaluate are
// type-checked against this struct, so a misspelt field is refused when a
// policy is loaded, not when a record is scored.
//
// Facts has no methods on purpose: the formula language would expose them.
type Facts struct {
	// Key is the registration number, or "" when the record's key has the
	// shape of a citizen ID: every stage's errors print this one.
	Key  string
	Unit string
	// AsOf is the assessment date the facts were worked out for.
	AsOf Date
	// Group is the primary group as classified ("G1" to "G4"), "" when the
	// person is not new social strata or could not be classified. The
	// pipeline sets it after classification; Record.Facts leaves it empty.
	Group string
	// Subkind is the freelance sub-kind's label for G3, else "".
	Subkind string

	Age       int    // whole years on the assessment date
	BirthDate Date   // for years(BirthDate, AsOf) and the like
	WorkStart Date   // 参加工作时间
	Sex       string // 男性 / 女性
	Ethnicity string
	Politics  string // GB/T 4762 label, such as 中共党员 or 无党派人士
	// CPC is true for CPC members and probationary members.
	CPC             bool
	Reliable        bool
	PoliticalRating string // 优秀 / 良好 / 一般 / 较差, or "" when not rated

	Education  string // 研究生 / 大学本科 / 大学专科 / ...
	Degree     string
	TitleLevel string // 正高 / 副高 / 中级 / 初级 / 无

	Employer     string
	EmployerKind string // 民营企业 / 外商投资企业 / 中介组织 / ...
	Position     string
	Occupation   string
	Role         string // 经营管理 / 专业技术 / 专业服务 / 出资人 / 采编 / 其他
	// Investor is true when the person is an investor (出资人) in the firm
	// they work for.
	Investor   bool
	FieldYears int
	NewMedia   bool
	Followers  int
	Local      bool

	Seats    []SeatFacts
	OrgPosts []OrgPostFacts
	Awards   []AwardFacts

	// TrainingHours sums the training hours of the three years up to the
	// assessment date: from the same day three years before to the
	// assessment date, both included, as "近三年" is read on the forms (a
	// training dated by its month counts as on its first day).
	// TrainingHours5y does the same over five years.
	TrainingHours   int
	TrainingHours5y int

	IndustryRating      string
	Donations           decimal.Decimal // 万元
	VolunteerHours      int
	JobsCreated         int
	Proposals           int
	Attendance          decimal.Decimal // 0 to 1
	EmergencyRelief     bool
	NationalRecognition bool

	CriminalPenalty    bool
	DishonestDebtor    bool
	TaxViolation       bool
	NegativeStatements bool

	// In holds the inputs a policy declares beyond the form, already
	// converted to their declared types.
	In map[string]any
}

// SeatFacts is a [Seat] as formulas see it.
type SeatFacts struct {
	Body   string // 人大代表 / 政协委员
	Level  string // 国家级 / 省级 / 市级 / 县级
	Sector string
	// Current is true when the seat is held on the assessment date
	// ([Seat.HeldOn]): a seat whose term ended before it (届满) is not,
	// nor one whose term has not begun. A seat without dates is current,
	// as every seat was before terms were recorded: a record says when a
	// seat ended, not that it still runs.
	Current bool
}

// OrgPostFacts is an [OrgPost] as formulas see it.
type OrgPostFacts struct {
	Kind    string // 统战组织 / 社会组织
	Level   string
	Leading bool
}

// AwardFacts is an [Award] as formulas see it.
type AwardFacts struct {
	Level string
	Year  int
}

// Facts returns the view of r that formulas read on the assessment date
// asOf. It does not validate r and never fails; [Validator.Validate] is the
// place for that.
func (r *Record) Facts(asOf Date) Facts {
	f := Facts{
		Key:                 printableKey(r.Key),
		Unit:                r.Unit,
		AsOf:                asOf,
		Age:                 r.BirthDate.YearsTo(asOf),
		BirthDate:           r.BirthDate,
		WorkStart:           r.WorkStart,
		Sex:                 optLabel(&sexSet, r.Sex),
		Ethnicity:           optLabel(&ethnicitySet, r.Ethnicity),
		Politics:            optLabel(&politicsSet, r.Politics),
		CPC:                 r.Politics == CPCMember || r.Politics == CPCProbationary,
		Reliable:            r.Reliable,
		PoliticalRating:     optLabel(&ratingSet, r.PoliticalRating),
		Education:           optLabel(&educationSet, r.Education),
		Degree:              optLabel(&degreeSet, r.Degree),
		TitleLevel:          optLabel(&titleLevelSet, r.TitleLevel),
		Employer:            r.Employer,
		EmployerKind:        optLabel(&employerKindSet, r.EmployerKind),
		Position:            r.Position,
		Occupation:          r.Occupation,
		Role:                optLabel(&roleSet, r.Role),
		Investor:            r.Investor,
		FieldYears:          r.FieldYears,
		NewMedia:            r.NewMedia,
		Followers:           r.Followers,
		Local:               r.Local,
		IndustryRating:      optLabel(&ratingSet, r.IndustryRating),
		Donations:           r.Donations,
		VolunteerHours:      r.VolunteerHours,
		JobsCreated:         r.JobsCreated,
		Proposals:           r.Proposals,
		Attendance:          r.Attendance,
		EmergencyRelief:     r.EmergencyRelief,
		NationalRecognition: r.NationalRecognition,
		CriminalPenalty:     r.CriminalPenalty,
		DishonestDebtor:     r.DishonestDebtor,
		TaxViolation:        r.TaxViolation,
		NegativeStatements:  r.NegativeStatements,
	}
	if f.TitleLevel == "" {
		f.TitleLevel = NoTitle.Label()
	}
	if len(r.Seats) > 0 {
		f.Seats = make([]SeatFacts, len(r.Seats))
		for i := range r.Seats {
			s := &r.Seats[i]
			f.Seats[i] = SeatFacts{Body: optLabel(&bodySet, s.Body), Level: optLabel(&levelSet, s.Level), Sector: s.Sector, Current: s.HeldOn(asOf)}
		}
	}
	if len(r.OrgPosts) > 0 {
		f.OrgPosts = make([]OrgPostFacts, len(r.OrgPosts))
		for i := range r.OrgPosts {
			p := &r.OrgPosts[i]
			f.OrgPosts[i] = OrgPostFacts{Kind: optLabel(&orgKindSet, p.Kind), Level: optLabel(&levelSet, p.Level), Leading: p.Leading}
		}
	}
	if len(r.Awards) > 0 {
		f.Awards = make([]AwardFacts, len(r.Awards))
		for i := range r.Awards {
			a := &r.Awards[i]
			f.Awards[i] = AwardFacts{Level: optLabel(&levelSet, a.Level), Year: a.Year}
		}
	}
	from3, from5 := asOf.AddYears(-3), asOf.AddYears(-5)
	for i := range r.Trainings {
		t := &r.Trainings[i]
		if t.Date.After(asOf) || t.Hours <= 0 {
			continue
		}
		if !t.Date.Before(from5) {
			f.TrainingHours5y += t.Hours
		}
		if !t.Date.Before(from3) {
			f.TrainingHours += t.Hours
		}
	}
	return f
}

// printableKey is the key errors may print: "" for a citizen ID typed
// into the registration-number column.
func printableKey(key string) string {
	if isCitizenID(key) {
		return ""
	}
	return key
}

// optLabel is the label of a filled-in code, "" for the zero value, so
// that a formula can test for "not filled in" with == "". It reads the
// code's set in place: it runs for every coded field of every record.
func optLabel[T ~uint8](set *codeSet[T], v T) string {
	if v == 0 || int(v) >= len(set.entries) {
		return ""
	}
	return set.entries[v].label
}
