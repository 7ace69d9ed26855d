package synth

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// day agrees with time.Time on adding years, months and days, across
// leap days and month ends, as the generator adds them.
func TestDayAgreesWithTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200_000 {
		base := time.Date(1800+rng.IntN(400), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), 0, 0, 0, 0, time.UTC)
		y, m, d := base.Date() // a date that is one: the 31st of June is the 1st of July
		dy, dm, dd := rng.IntN(200)-100, rng.IntN(40)-20, rng.IntN(4000)-2000
		want := base.AddDate(dy, dm, dd)
		x := dayOf(y+dy, m+time.Month(dm), d+dd)
		gy, gm, gd := x.date()
		require.Equal(t, [3]int{want.Year(), int(want.Month()), want.Day()}, [3]int{gy, int(gm), gd},
			"%d-%02d-%02d %+d years %+d months %+d days", y, m, d, dy, dm, dd)
		require.Equal(t, day(want.Unix()/86400), x)
	}
}
