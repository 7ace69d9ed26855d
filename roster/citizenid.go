package roster

import (
	"fmt"
	"time"
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
// province-level code, that the birth date exists (between 1900 and 2999)
// and the ISO 7064 MOD 11-2 check character. Spaces are not trimmed.
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
			return CitizenID{}, idFault{kind: idLength, n: n}
		}
		// 18 characters, some of them not ASCII (full-width digits, say):
		// name the first one that is not a digit.
		pos := 0
		for _, r := range s {
			pos++
			if !idChar(r, pos) {
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
			return CitizenID{}, idFault{kind: idDigit, n: i + 1}
		}
	}
	if !provinces[int(s[0]-'0')*10+int(s[1]-'0')] {
		return CitizenID{}, idFault{kind: idArea}
	}
	if b := birthDate(s); b.Day == 0 || !b.Valid() { // day 00 would read as a month
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
// card). A message never prints such text, not even as a registration
// number typed into the wrong column.
func LooksLikeCitizenID(s string) bool { return isCitizenID(s) }
