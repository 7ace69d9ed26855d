package formula

import (
	"fmt"
	"slices"

	"github.com/expr-lang/expr"
	"github.com/newstrata/newstrata/roster"
)

// ladders are the ordered label sets a formula may compare with atLeast,
// each from the lowest up.
var ladders = [][]string{
	roster.LevelLabels(),      // 县级 市级 省级 国家级
	roster.RatingLabels(),     // 较差 一般 良好 优秀
	roster.TitleLevelLabels(), // 无 初级 中级 副高 正高
	educationLadder(),         // 小学 ... 研究生
}

func educationLadder() []string {
	l := roster.EducationLabels()
	l = slices.DeleteFunc(l, func(s string) bool { return s == roster.EducationOther.Label() })
	slices.Reverse(l)
	return l
}

// atLeast implements atLeast(label, floor): whether label stands at or
// above floor on the ladder floor belongs to (levels, ratings, title levels
// or education). An empty label (not filled in), or one no scale ranks
// (education 其他), is below every floor.
func atLeast(params ...any) (any, error) {
	label, _ := params[0].(string)
	floor, _ := params[1].(string)
	return atLeastLabel(label, floor)
}

// atLeastLabel says whether label is floor or above it on the ladder floor
// is on.
func atLeastLabel(label, floor string) (bool, error) {
	for _, ladder := range ladders {
		want := slices.Index(ladder, floor)
		if want < 0 {
			continue
		}
		if label == "" {
			return false, nil
		}
		got := slices.Index(ladder, label)
		if got >= 0 {
			return got >= want, nil
		}
		for _, other := range ladders {
			if slices.Contains(other, label) {
				return false, fmt.Errorf("atLeast: %q and %q are not on one scale", label, floor)
			}
		}
		return false, nil
	}
	return false, fmt.Errorf("atLeast: %q is not a level, rating, title level or education", floor)
}

func years(params ...any) (any, error) {
	from, _ := params[0].(roster.Date)
	to, _ := params[1].(roster.Date)
	return from.YearsTo(to), nil
}

// domainFuncs are the functions over the form's own vocabulary.
func domainFuncs() []expr.Option {
	return []expr.Option{
		expr.Function("atLeast", atLeast, new(func(string, string) bool)),
		expr.Function("years", years, new(func(roster.Date, roster.Date) int)),
	}
}
