package roster_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/newstrata/newstrata/roster"
)

func TestSeatHeldOn(t *testing.T) {
	day := roster.NewDate(2019, time.April, 15)
	d, m := roster.NewDate, func(y int, mo time.Month) roster.Date { return roster.NewDate(y, mo, 0) }
	tests := []struct {
		name        string
		from, until roster.Date
		want        bool
	}{
		{"no dates: held, as before terms were recorded", roster.Date{}, roster.Date{}, true},
		{"term running", m(2017, time.January), m(2021, time.December), true},
		{"ended before the day", m(2012, time.January), m(2016, time.December), false},
		{"ended the day before", roster.Date{}, d(2019, time.April, 14), false},
		{"ends on the day", roster.Date{}, d(2019, time.April, 15), true},
		{"ends in the day's month", roster.Date{}, m(2019, time.April), true},
		{"ended the month before", roster.Date{}, m(2019, time.March), false},
		{"starts the day after", d(2019, time.April, 16), roster.Date{}, false},
		{"starts on the day", d(2019, time.April, 15), roster.Date{}, true},
		{"starts in the day's month", m(2019, time.April), roster.Date{}, true},
		{"starts the month after", m(2019, time.May), m(2024, time.April), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := roster.Seat{Body: roster.CPPCC, Level: roster.City, From: tt.from, Until: tt.until}
			assert.Equal(t, tt.want, s.HeldOn(day))
		})
	}
}

// Facts work a seat's term out on the assessment date, so formulas read
// Current and never compare dates.
func TestFactsSeatCurrent(t *testing.T) {
	r := &roster.Record{Seats: []roster.Seat{
		{Body: roster.CPPCC, Level: roster.City, Until: roster.NewDate(2016, time.December, 0)},
		{Body: roster.NPC, Level: roster.County},
	}}
	f := r.Facts(roster.NewDate(2019, time.April, 15))
	assert.Equal(t, []roster.SeatFacts{
		{Body: "政协委员", Level: "市级", Current: false},
		{Body: "人大代表", Level: "县级", Current: true},
	}, f.Seats)
	f = r.Facts(roster.NewDate(2016, time.December, 31))
	assert.True(t, f.Seats[0].Current, "held to the last day of its month")
}
