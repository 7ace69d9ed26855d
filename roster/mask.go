package roster

import "strings"

// Personal data on the form (the citizen ID, the phone number, the postal
// address) is printed masked: a Record's String, Format and MarshalJSON
// and [Field.Mask] use these. The masks keep what a clerk needs to tell
// records apart and hide what identifies a person.

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

// MaskAddress returns a postal address with the street, building and
// number hidden: the administrative divisions at its head are kept up to
// the last 省, 市, 区, 县 or 旗 within its first 12 characters, and never
// more than half of it, and the rest is ****:
// 广西南宁市青秀区民族大道100号 is 广西南宁市青秀区****. An address without
// such a head is ****; "" stays "". The stars do not tell the length.
func MaskAddress(addr string) string {
	if addr == "" {
		return ""
	}
	rs := []rune(strings.TrimSpace(addr))
	keep := 0
	for i, r := range rs[:min(len(rs), 12)] {
		if strings.ContainsRune("省市区县旗", r) && i+1 <= len(rs)/2 {
			keep = i + 1
		}
	}
	return string(rs[:keep]) + "****"
}

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
