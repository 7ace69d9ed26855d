package report_test

import (
	"strings"
	"testing"

	"github.com/newstrata/newstrata/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A form names the provincial level as the jurisdiction's clerks do:
// 自治区级 in Nanning, never the standard 省级.
func TestRegistrationLevels(t *testing.T) {
	rs, err := report.NewRegistrations(sample(t).src)
	require.NoError(t, err)
	provincial := 0
	for _, f := range rs.Forms {
		for _, title := range []string{"人大政协职务", "统战社会组织职务", "获奖情况"} {
			e, ok := f.Entry(title)
			require.True(t, ok, title)
			assert.NotContains(t, e.Value, "省级", "%s %s", f.Key, title)
			provincial += strings.Count(e.Value, "自治区级")
		}
	}
	assert.Positive(t, provincial, "the sample has provincial posts, seats or awards on its forms")
}
