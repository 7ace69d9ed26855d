package report

import "strings"

// MaskCitizenID returns a citizen ID with the birth date and the sequence
// hidden: the area code (6 characters) and the last 4 are kept,
// 450102********123X. A value too short to keep anything is all stars;
// "" stays "".
func MaskCitizenID(id string) string { return mask(id, 6, 4) }

// MaskPhone returns a phone number with the middle hidden: the first 3
// and the last 4 characters are kept, 138****5678 (a landline
// 0771-5612345 is 077*****2345). A value too short to keep anything is all
// stars; "" stays "".
func MaskPhone(phone string) string { return mask(phone, 3, 4) }

// mask keeps head and tail runes of s and stars the rest; at least 4
// runes are starred, or all of them.
func mask(s string, head, tail int) string {
	rs := []rune(s)
	n := len(rs)
	if n == 0 {
		return ""
	}
	if n < head+tail+4 {
		return strings.Repeat("*", n)
	}
	return string(rs[:head]) + strings.Repeat("*", n-head-tail) + string(rs[n-tail:])
}
