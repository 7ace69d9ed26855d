package synth

import "time"

// day is a date as the number of days since 1970-01-01 in the proleptic
// Gregorian calendar: what the generator needs of time.Time (adding years,
// months and days, comparing) without its cost.
type day int

// dayOf is the day time.Date(y, m, d, ...) gives, normalised as it is: a
// month out of 1..12 moves the year, and a day out of the month moves on
// from the month's first.
func dayOf(y int, m time.Month, d int) day {
	m0 := int(m) - 1
	y += floorDiv(m0, 12)
	m0 -= floorDiv(m0, 12) * 12
	return daysFromCivil(y, m0+1, 1) + day(d-1)
}

// date is the year, month and day of x.
func (x day) date() (int, time.Month, int) {
	z := int(x) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
		y++
	}
	return y, time.Month(m), d
}

// daysFromCivil counts the days from 1970-01-01 to y-m-d, m in 1..12 and d
// in the month (H. Hinnant's algorithm, years beginning in March).
func daysFromCivil(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
