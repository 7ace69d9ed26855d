package roster

import (
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// quickRules are the rules of the record's tags that [Validator.quickValid]
// checks in plain Go, by struct and field: a copy of the tags it was
// written for. NewValidator compares them with the tags of the record and
// takes the quick way only when they agree, so a rule added to a tag and
// not here makes every record go the validator's way: slower, never
// wrong.
var quickRules = map[string]string{
	"Record.Key":             "required,key,max=32,notid",
	"Record.Unit":            "required,unit",
	"Record.RecommendedBy":   "omitempty,recommender",
	"Record.Name":            "required,utf8,line,max=50",
	"Record.Sex":             "required,sex",
	"Record.Ethnicity":       "required,code",
	"Record.BirthDate":       "required,date,notafter",
	"Record.CitizenID":       "required,citizenid",
	"Record.NativePlace":     "utf8,line,max=50",
	"Record.Phone":           "omitempty,phone",
	"Record.Address":         "utf8,line,max=100",
	"Record.Photo":           "omitempty,filename",
	"Record.Politics":        "required,code",
	"Record.PoliticalRating": "omitempty,code",
	"Record.Education":       "required,code",
	"Record.Degree":          "omitempty,code",
	"Record.SchoolMajor":     "utf8,line,max=100",
	"Record.Title":           "utf8,line,max=50",
	"Record.TitleLevel":      "omitempty,code",
	"Record.Employer":        "utf8,line,max=100",
	"Record.EmployerKind":    "required,code",
	"Record.Position":        "utf8,line,max=50",
	"Record.Occupation":      "utf8,line,max=50",
	"Record.Role":            "omitempty,code",
	"Record.WorkStart":       "omitempty,date,notafter",
	"Record.FieldYears":      "gte=0,lte=80",
	"Record.Followers":       "gte=0,lte=2000000000",
	"Record.WorkHistory":     "utf8,text,max=2000",
	"Record.Seats":           "dive",
	"Record.OrgPosts":        "dive",
	"Record.OtherPosts":      "utf8,text,max=2000",
	"Record.Awards":          "dive",
	"Record.Trainings":       "dive",
	"Record.Performance":     "utf8,text,max=2000",
	"Record.Achievements":    "utf8,text,max=2000",
	"Record.IndustryRating":  "omitempty,code",
	"Record.Donations":       "dgte=0,dlte=100000000",
	"Record.VolunteerHours":  "gte=0,lte=1000000",
	"Record.JobsCreated":     "gte=0,lte=100000000",
	"Record.Proposals":       "gte=0,lte=100000",
	"Record.Attendance":      "dgte=0,dlte=1",
	"Seat.Body":              "required,code",
	"Seat.Level":             "required,code",
	"Seat.Term":              "utf8,line,max=20",
	"Seat.Sector":            "utf8,line,max=50",
	"Seat.From":              "omitempty,date",
	"Seat.Until":             "omitempty,date,notbefore=From",
	"OrgPost.Kind":           "required,code",
	"OrgPost.Organization":   "required,utf8,line,max=100",
	"OrgPost.Title":          "utf8,line,max=50",
	"OrgPost.Level":          "required,code",
	"Award.Name":             "required,utf8,line,max=200",
	"Award.Level":            "required,code",
	"Award.Year":             "omitempty,year",
	"Training.Name":          "required,utf8,line,max=200",
	"Training.Date":          "required,date,notafter",
	"Training.Hours":         "gte=0,lte=100000",
}

// quickAgrees reports whether the tags of the record's structs are
// quickRules: every tagged field listed with its tag, and no other.
func quickAgrees() bool {
	n := 0
	for _, t := range recordTypes {
		for f := range t.Fields() {
			tag, ok := f.Tag.Lookup("validate")
			if !ok {
				continue
			}
			n++
			if quickRules[t.Name()+"."+f.Name] != tag {
				return false
			}
		}
	}
	return n == len(quickRules)
}

// quickValid reports whether r keeps every rule of quickRules and the
// record-level checks (Sex and BirthDate against the citizen ID) on asOf:
// what the validator decides, without its reflection, for the common case
// of a valid record. When it says no, the validator runs and says why; it
// is never used when the tags are not quickRules. The Extra inputs are
// [Validator.checkExtra]'s either way.
func (v *Validator) quickValid(r *Record, asOf Date) bool {
	id, fault := parseCitizenID(r.CitizenID)
	ok := r.Key != "" && keyChars(r.Key) && utf8.RuneCountInString(r.Key) <= 32 && !isCitizenID(r.Key) &&
		r.Unit != "" && v.isUnit(r.Unit) &&
		(r.RecommendedBy == "" || v.isRecommender(r.RecommendedBy)) &&
		r.Name != "" && lineUpTo(r.Name, 50) &&
		(r.Sex == Male || r.Sex == Female) &&
		knownCode(r.Ethnicity) &&
		!r.BirthDate.IsZero() && r.BirthDate.Valid() && !r.BirthDate.After(asOf) &&
		fault.kind == idOK && !id.BirthDate().After(asOf) &&
		lineUpTo(r.NativePlace, 50) &&
		(r.Phone == "" || validPhone(r.Phone)) &&
		lineUpTo(r.Address, 100) &&
		(r.Photo == "" || safeFileName(r.Photo)) &&
		knownCode(r.Politics) && maybeCode(r.PoliticalRating) &&
		knownCode(r.Education) && maybeCode(r.Degree) &&
		lineUpTo(r.SchoolMajor, 100) && lineUpTo(r.Title, 50) && maybeCode(r.TitleLevel) &&
		lineUpTo(r.Employer, 100) && knownCode(r.EmployerKind) &&
		lineUpTo(r.Position, 50) && lineUpTo(r.Occupation, 50) && maybeCode(r.Role) &&
		(r.WorkStart.IsZero() || r.WorkStart.Valid() && !r.WorkStart.After(asOf)) &&
		between(r.FieldYears, 80) && between(r.Followers, 2000000000) &&
		textUpTo(r.WorkHistory, 2000) && textUpTo(r.OtherPosts, 2000) &&
		textUpTo(r.Performance, 2000) && textUpTo(r.Achievements, 2000) &&
		maybeCode(r.IndustryRating) &&
		r.Donations.Sign() >= 0 && v.donations.holds(r.Donations) &&
		between(r.VolunteerHours, 1000000) && between(r.JobsCreated, 100000000) && between(r.Proposals, 100000) &&
		r.Attendance.Sign() >= 0 && v.attendance.holds(r.Attendance)
	if !ok {
		return false
	}
	// As checkRecord: Sex and BirthDate agree with the citizen ID.
	b, idb := r.BirthDate, id.BirthDate()
	if r.Sex != id.Sex() || b.Year != idb.Year || b.Month != idb.Month || b.Day != 0 && b.Day != idb.Day {
		return false
	}
	for i := range r.Seats {
		s := &r.Seats[i]
		if !knownCode(s.Body) || !knownCode(s.Level) || !lineUpTo(s.Term, 20) || !lineUpTo(s.Sector, 50) ||
			!s.From.IsZero() && !s.From.Valid() ||
			!s.Until.IsZero() && (!s.Until.Valid() || s.From.Valid() && lastDay(s.Until).Before(firstDay(s.From))) {
			return false
		}
	}
	for i := range r.OrgPosts {
		p := &r.OrgPosts[i]
		if !knownCode(p.Kind) || p.Organization == "" || !lineUpTo(p.Organization, 100) || !lineUpTo(p.Title, 50) || !knownCode(p.Level) {
			return false
		}
	}
	for i := range r.Awards {
		a := &r.Awards[i]
		if a.Name == "" || !lineUpTo(a.Name, 200) || !knownCode(a.Level) || a.Year != 0 && (a.Year < 1900 || a.Year > asOf.Year) {
			return false
		}
	}
	for i := range r.Trainings {
		t := &r.Trainings[i]
		if t.Name == "" || !lineUpTo(t.Name, 200) || t.Date.IsZero() || !t.Date.Valid() || t.Date.After(asOf) || !between(t.Hours, 100000) {
			return false
		}
	}
	return true
}

func (v *Validator) isUnit(code string) bool { return v.units[code] }

func (v *Validator) isRecommender(code string) bool { return v.recommenders[code] }

// code is a closed set of the record.
type code interface {
	comparable
	Valid() bool
}

// knownCode is the rules required,code.
func knownCode[C code](c C) bool {
	var zero C
	return c != zero && c.Valid()
}

// maybeCode is the rules omitempty,code.
func maybeCode[C code](c C) bool {
	var zero C
	return c == zero || c.Valid()
}

// lineUpTo is the rules utf8,line,max=most, in one pass.
func lineUpTo(s string, most int) bool { return plain(s, most, false) }

// textUpTo is the rules utf8,text,max=most, in one pass.
func textUpTo(s string, most int) bool { return plain(s, most, true) }

// plain reports whether s is valid UTF-8 of at most most characters
// without a control character but, when breaks is set, line feeds, and
// without Unicode line or paragraph separators when it is not: what
// utf8.ValidString, singleLine or freeText and the rune count say
// together, reading s once.
func plain(s string, most int, breaks bool) bool {
	n := 0 // the characters read
	for i := 0; i < len(s); {
		if n == most {
			return false
		}
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(breaks && c == '\n') {
				return false
			}
			i, n = i+1, n+1
			continue
		}
		// A run of U+3000 to U+9FFF, CJK: valid, and neither a control
		// nor a separator. Two characters a test while eight bytes are
		// left to load at once (lead bytes E3 to E9 at 0 and 3,
		// continuation bytes at 1, 2, 4 and 5), then one.
		k := i
		for ; k+8 <= len(s) && most-n >= 2; k, n = k+6, n+2 {
			w := load64(s[k : k+8])
			if w&0xc0c0_00c0_c000 != 0x8080_0080_8000 || w&0xff-0xe3 > 0xe9-0xe3 || w>>24&0xff-0xe3 > 0xe9-0xe3 {
				break
			}
		}
		for ; k+2 < len(s) && n < most; k, n = k+3, n+1 {
			c := s[k : k+3]
			if c[0]-0xe3 > 0xe9-0xe3 || (c[1]&0xc0)|(c[2]&0xc0)>>2 != 0xa0 {
				break
			}
		}
		if k > i {
			i = k
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || r <= 0x9f || !breaks && (r == '\u2028' || r == '\u2029') {
			return false // not UTF-8, a C1 control, a separator
		}
		i, n = i+w, n+1
	}
	return true
}

// load64 reads eight bytes of s, little-endian, in one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// ceiling is the bound of a rule dlte, with how many digits it has before
// the point, worked out once.
type ceiling struct {
	bound  decimal.Decimal
	digits int
}

func ceilingOf(bound decimal.Decimal) ceiling {
	return ceiling{bound, bound.NumDigits() + int(bound.Exponent())}
}

// holds is the rule dlte for d >= 0. An amount with fewer digits before
// the point than the bound is below it (under 10^k, which the bound is
// not), which is told without the allocations of Cmp.
func (c ceiling) holds(d decimal.Decimal) bool {
	if d.NumDigits()+int(d.Exponent()) < c.digits {
		return true
	}
	return d.Cmp(c.bound) <= 0
}

// between is the rules gte=0,lte=most.
func between(n, most int) bool { return n >= 0 && n <= most }
