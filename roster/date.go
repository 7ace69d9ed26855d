package roster

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date without a clock or a time zone: the dates on a
// registration form. The zero value means not filled in. A Date whose Day is
// 0 is a month (出生年月 is often given so).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d. It does not check that the date exists;
// [Date.Valid] does.
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// ParseDate reads 2006-01-02, 2006-01, 2006/1/2, 2006.01, 20060102,
// 2006年1月 or 2006年1月2日.
// The empty string gives the zero Date. Errors wrap [ErrBadDate] and do
// not quote s, which may be a birth date.
func ParseDate(s string) (Date, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Date{}, nil
	}
	parts := dateParts(t)
	if len(parts) < 2 || len(parts) > 3 {
		return Date{}, errNotADate
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if !isDigits(p) || len(p) > 4 {
			return Date{}, errNotADate
		}
		nums[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: nums[0], Month: time.Month(nums[1])}
	if len(nums) == 3 {
		d.Day = nums[2]
	}
	if !d.Valid() {
		return Date{}, fmt.Errorf("%w: no such date between 1800 and 2999", ErrBadDate)
	}
	return d, nil
}

// dateParts splits a date as ParseDate reads it into its numbers' text.
func dateParts(s string) []string {
	if len(s) == 8 && isDigits(s) {
		return []string{s[:4], s[4:6], s[6:]}
	}
	if strings.Contains(s, "年") {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "号")
		s = strings.NewReplacer("年", "-", "月", "-").Replace(s)
		s = strings.TrimSuffix(s, "-")
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
}

var errNotADate = fmt.Errorf("%w: not written as 2006-01-02 or 2006-01", ErrBadDate)

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsZero reports whether d is not filled in.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a date (or, with Day 0, a month) that exists,
// between the years 1800 and 2999: the dates of a living person's form,
// the oldest of whom may have been born in the 19th century.
func (d Date) Valid() bool {
	if d.Year < 1800 || d.Year > 2999 || d.Month < 1 || d.Month > 12 || d.Day < 0 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// daysIn is the number of days of month m (1 to 12) of year y, in the
// Gregorian calendar: worked out rather than asked of package time, since
// validation asks it of every date of every record.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// String writes 2006-01-02, or 2006-01 for a month.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e. A month
// (Day 0) sorts before every day of that month.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

// firstDay is the first day of a month, d itself for a day.
func firstDay(d Date) Date {
	if d.Day == 0 && !d.IsZero() {
		d.Day = 1
	}
	return d
}

// lastDay is the last day of a month, d itself for a day.
func lastDay(d Date) Date {
	if d.Day == 0 && d.Valid() {
		d.Day = daysIn(d.Year, d.Month)
	}
	return d
}

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// YearsTo returns the whole years from d to asOf (an age, a length of
// service); 0 when either is zero or asOf is before d. A month counts as its
// first day.
func (d Date) YearsTo(asOf Date) int {
	if d.IsZero() || asOf.IsZero() || asOf.Before(d) {
		return 0
	}
	y := asOf.Year - d.Year
	if asOf.Month < d.Month || (asOf.Month == d.Month && max(asOf.Day, 1) < max(d.Day, 1)) {
		y--
	}
	return y
}

// AddYears returns d moved by n years; 29 February becomes 28 February in a
// year that has none.
func (d Date) AddYears(n int) Date {
	e := Date{Year: d.Year + n, Month: d.Month, Day: d.Day}
	if e.Day > 0 && e.Day > daysIn(e.Year, e.Month) {
		e.Day = daysIn(e.Year, e.Month)
	}
	return e
}

// MarshalText writes [Date.String].
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what [ParseDate] reads.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	*d = p
	return err
}
