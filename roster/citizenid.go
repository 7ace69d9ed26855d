package roster

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// idWeights are the ISO 7064 MOD 11-2 weights of the first 17 characters.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// CheckCharacter returns the GB 11643 check character (ISO 7064 MOD 11-2,
// '0'-'9' or 'X') of the first 17 digits of a citizen ID.
func CheckCharacter(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("%w: need 17 digits, got %d characters", ErrCitizenID, len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w: character %d is not a digit", ErrCitizenID, i+1)
		}
		sum += int(c-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11], nil
}

// CitizenID is a valid 18-character GB 11643 citizen ID (公民身份号码), as
// [ParseCitizenID] returns it: the area code is under a known province-level
// code, the birth date exists and the check character matches. The zero
// value is no ID.
//
// A CitizenID is personal data: [CitizenID.String] gives the whole number
// for the registration form, and nothing else in this package prints it.
type CitizenID struct {
	s string // 17 digits and the check character, 'X' upper-case
}

// idFault is why a string is not a citizen ID; the validator turns it into
// a Chinese and an English message, [ParseCitizenID] into an error. It
// never holds any part of the number.
type idFault struct {
	kind idFaultKind
	n    int // the length for idLength, the 1-based position for idDigit
}

type idFaultKind uint8

const (
	idOK idFaultKind = iota
	idLength
	idDigit
	idArea
	idDate
	idCheck
	idSpace // white space or an invisible character around or inside
	idWide  // a full-width digit or X at n
)

// provinces marks the GB/T 2260 province-level codes, the first two digits
// of every citizen ID, and 81–83 of the residence permits of Hong Kong,
// Macao and Taiwan residents, which share the format.
var provinces = func() (p [100]bool) {
	for _, r := range [][2]int{{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}} {
		for c := r[0]; c <= r[1]; c++ {
			p[c] = true
		}
	}
	return p
}()

// ParseCitizenID reads an 18-character GB 11643 citizen ID. It checks, in
// this order, the length, that the first 17 characters are digits and the
// last a digit or X ('x' is read as 'X'), that the first two digits are a
// province-level code, that the birth date exists and the ISO 7064 MOD
// 11-2 check character. The birth date is any day of the Gregorian
// calendar GB 11643 can write (years 0001 to 9999), so people born in the
// 19th century have valid IDs. Nothing is trimmed or converted: an ID with
// white space or an invisible character about it, or typed in full-width
// digits, is refused with that reason.
//
// Errors wrap [ErrCitizenID] and say which check failed; they never quote
// the number. Whether the birth date is after the assessment date is for
// [Validator.Validate] to say.
func ParseCitizenID(s string) (CitizenID, error) {
	id, f := parseCitizenID(s)
	if f.kind != idOK {
		return CitizenID{}, fmt.Errorf("%w: %s", ErrCitizenID, f.english())
	}
	return id, nil
}

func parseCitizenID(s string) (CitizenID, idFault) {
	if len(s) != 18 {
		n := utf8.RuneCountInString(s)
		if n != 18 {
			if t := idShape(s); t != s && allIDChars(t) {
				return CitizenID{}, spaceFault(t)
			}
			return CitizenID{}, idFault{kind: idLength, n: n}
		}
		// 18 characters, some of them not ASCII (full-width digits, say):
		// name the first one that is not a digit, and why.
		pos := 0
		for _, r := range s {
			pos++
			if !idChar(r, pos) {
				switch {
				case r >= '０' && r <= '９' || r == 'Ｘ' || r == 'ｘ':
					return CitizenID{}, idFault{kind: idWide, n: pos}
				case invisible(r):
					return CitizenID{}, spaceFault(idShape(s))
				}
				break
			}
		}
		return CitizenID{}, idFault{kind: idDigit, n: pos}
	}
	for i := 0; i < 18; i++ {
		if !idChar(rune(s[i]), i+1) {
			if n := utf8.RuneCountInString(s); n != 18 {
				// 18 bytes holding a multi-byte character are fewer characters.
				return CitizenID{}, idFault{kind: idLength, n: n}
			}
			if invisible(rune(s[i])) {
				return CitizenID{}, spaceFault(idShape(s))
			}
			return CitizenID{}, idFault{kind: idDigit, n: i + 1}
		}
	}
	if !provinces[int(s[0]-'0')*10+int(s[1]-'0')] {
		return CitizenID{}, idFault{kind: idArea}
	}
	if !dayExists(birthDate(s)) {
		return CitizenID{}, idFault{kind: idDate}
	}
	want, _ := CheckCharacter(s[:17]) // the digits are checked above
	got := s[17]
	if got == 'x' {
		got = 'X'
	}
	if got != want {
		return CitizenID{}, idFault{kind: idCheck}
	}
	if s[17] == 'x' {
		s = s[:17] + "X"
	}
	return CitizenID{s: s}, idFault{}
}

// dayExists reports whether d is a day of the Gregorian calendar with a
// year GB 11643 can write; day 00 is no day.
func dayExists(d Date) bool {
	return d.Year >= 1 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// spaceFault is the fault of an ID with white space or invisible
// characters, shape what is left without them: the space when the rest
// is 18 characters, else the length of the rest, which is what a clerk
// sees on the screen.
func spaceFault(shape string) idFault {
	if n := utf8.RuneCountInString(shape); n != 18 {
		return idFault{kind: idLength, n: n}
	}
	return idFault{kind: idSpace}
}

func allIDChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !idChar(rune(s[i]), i+1) {
			return false
		}
	}
	return true
}

// invisible reports whether r is white space or a character that shows
// nothing (a zero-width space, a byte-order mark, a soft hyphen).
func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

// idShape is s as a reader sees it on a screen: without white space and
// invisible characters, full-width digits and X made ASCII. A text whose
// shape is a citizen ID is personal data however it was typed.
func idShape(s string) string {
	for i := 0; ; i++ {
		if i == len(s) {
			return s // printable ASCII without white space: as it is
		}
		if c := s[i]; c >= utf8.RuneSelf || c == ' ' || c >= '\t' && c <= '\r' {
			break
		}
	}
	return strings.Map(func(r rune) rune {
		switch {
		case invisible(r):
			return -1
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == 'Ｘ' || r == 'ｘ':
			return 'X'
		}
		return r
	}, s)
}

// idChar reports whether r may stand at the 1-based position pos.
func idChar(r rune, pos int) bool {
	return r >= '0' && r <= '9' || pos == 18 && (r == 'X' || r == 'x')
}

// birthDate reads digits 7 to 14 of 18 checked digits.
func birthDate(s string) Date {
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	return Date{Year: num(6, 10), Month: time.Month(num(10, 12)), Day: num(12, 14)}
}

func (f idFault) english() string {
	switch f.kind {
	case idLength:
		return fmt.Sprintf("must have 18 characters, has %d", f.n)
	case idDigit:
		if f.n == 18 {
			return "character 18 must be a digit or X"
		}
		return fmt.Sprintf("character %d is not a digit", f.n)
	case idArea:
		return "area code is not under a known province-level code"
	case idDate:
		return "birth date does not exist"
	case idCheck:
		return "check character does not match"
	case idSpace:
		return "holds white space or an invisible character"
	case idWide:
		return fmt.Sprintf("character %d is full-width; write it in ASCII", f.n)
	}
	return "valid"
}

// IsZero reports whether id is the zero value, no ID.
func (id CitizenID) IsZero() bool { return id.s == "" }

// String returns the 18 characters, with an upper-case X; "" for the zero
// value.
func (id CitizenID) String() string { return id.s }

// Area returns the 6-digit GB/T 2260 area code (地址码) of the place the ID
// was first issued; "" for the zero value.
func (id CitizenID) Area() string {
	if id.s == "" {
		return ""
	}
	return id.s[:6]
}

// BirthDate returns the birth date the ID carries; the zero Date for the
// zero value.
func (id CitizenID) BirthDate() Date {
	if id.s == "" {
		return Date{}
	}
	return birthDate(id.s)
}

// Sex returns the sex the ID carries: [Male] when the 17th digit (the last
// of the sequence code) is odd, [Female] when it is even; the zero Sex for
// the zero value.
func (id CitizenID) Sex() Sex {
	if id.s == "" {
		return 0
	}
	if (id.s[16]-'0')%2 == 1 {
		return Male
	}
	return Female
}

// LooksLikeCitizenID reports whether s has the shape of a citizen ID, valid
// or not (18 digits, or 17 and an X; or the 15 digits of the first-generation
// card), once white space and invisible characters are left out and
// full-width digits read as digits: " 4501…", "4501…\u200b" and
// "４５０１…" all do. A message never prints such text, not even as a
// registration number typed into the wrong column.
func LooksLikeCitizenID(s string) bool { return isCitizenID(s) }

// isCitizenID is [LooksLikeCitizenID].
func isCitizenID(s string) bool {
	if idDigits(s) {
		return true
	}
	// Shaping keeps every ASCII character but white space, so one that is
	// neither a digit nor X says no before any shaping: a registration
	// number's letters or dash.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !isASCIIDigit(c) && c != 'X' && c != 'x' && c != ' ' && (c < '\t' || c > '\r') {
			return false
		}
	}
	t := idShape(s)
	return t != s && idDigits(t)
}

// idDigits reports whether s is 18 digits with a last digit or X, or the
// 15 digits of the first-generation card. A mistyped ID is personal data
// all the same, so the check character and the date are not asked to hold.
func idDigits(s string) bool {
	switch len(s) {
	case 15:
		return isDigits(s)
	case 18:
		last := s[17]
		return isDigits(s[:17]) && (isASCIIDigit(last) || last == 'X' || last == 'x')
	}
	return false
}
