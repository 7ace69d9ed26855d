package roster_test

import (
	"testing"
	"time"

	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
)

func TestYearsTo(t *testing.T) {
	d := roster.NewDate
	tests := []struct {
		name     string
		from, to roster.Date
		want     int
	}{
		{"the day before the birthday", d(1994, time.April, 15), d(2019, time.April, 14), 24},
		{"on the birthday", d(1994, time.April, 15), d(2019, time.April, 15), 25},
		{"a month counts as its first day (to)", d(1994, time.April, 15), d(2019, time.April, 0), 24},
		{"a month counts as its first day (from)", d(1994, time.April, 0), d(2019, time.April, 1), 25},
		{"both months", d(1994, time.April, 0), d(2019, time.April, 0), 25},
		{"29 February in a common year", d(2000, time.February, 29), d(2019, time.February, 28), 18},
		{"to before from", d(2019, time.April, 15), d(2018, time.April, 15), 0},
		{"from not filled in", roster.Date{}, d(2019, time.April, 15), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.from.YearsTo(tt.to)) })
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"2019-04-15", "2019-04-15", ""},
		{"2019/4/5", "2019-04-05", ""},
		{"2019.04", "2019-04", ""},
		{"20190415", "2019-04-15", ""},
		{"", "", ""},
		{"2019-02-29", "", `bad date: no such date between 1800 and 2999`},
		{"2019-13", "", `bad date: no such date between 1800 and 2999`},
		{"2019年4月", "2019-04", ""},
		{"2019年4月15日", "2019-04-15", ""},
		{"2019年", "", `bad date: not written as 2006-01-02 or 2006-01`},
		{"1899-12-31", "1899-12-31", ""},
		{"1799-12-31", "", `bad date: no such date between 1800 and 2999`},
		{"450103198005120111", "", `bad date: not written as 2006-01-02 or 2006-01`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := roster.ParseDate(tt.in)
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				assert.ErrorIs(t, err, roster.ErrBadDate)
				return
			}
			assert.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}
