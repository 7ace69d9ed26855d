package roster_test

import (
	"fmt"
	"reflect"
	"testing"
	"unicode"

	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
)

func TestFactTitle(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"PoliticalRating", "政治立场评价"},
		{"Key", "登记编号"},
		{"Donations", "公益捐赠（万元）"},
		{"Awards", "获奖情况"},
		{"TrainingHours", "近三年培训学时"},
		{"Age", "年龄（评价基准日）"},
		{"Group", "所属群体"},
		{"In.rural", "rural"},
		{"NoSuchFact", "NoSuchFact"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, roster.FactTitle(tt.name))
		})
	}
}

// Every fact a formula can read has words a clerk knows: a fact added to
// Facts needs a column of the form or a title in facttitle.go.
func TestFactTitleCoversFacts(t *testing.T) {
	for f := range reflect.TypeFor[roster.Facts]().Fields() {
		if f.Name == "In" {
			continue
		}
		title := roster.FactTitle(f.Name)
		assert.NotEqual(t, f.Name, title, "Facts.%s has no title", f.Name)
		assert.True(t, hasHan(title), "Facts.%s: title %q is not in Chinese", f.Name, title)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// An explanation names what a formula read as the form does.
func ExampleFactTitle() {
	for _, name := range []string{"PoliticalRating", "TrainingHours", "Age", "Group", "In.rural"} {
		fmt.Println(name, "→", roster.FactTitle(name))
	}
	// Output:
	// PoliticalRating → 政治立场评价
	// TrainingHours → 近三年培训学时
	// Age → 年龄（评价基准日）
	// Group → 所属群体
	// In.rural → rural
}
