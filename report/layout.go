package report

import (
	"fmt"
	"strings"

	"github.com/newstrata/newstrata/roster"
)

// Line is one line of a printed registration form: two short fields side
// by side, or one long field across the form (Wide).
type Line struct {
	Entries []Entry
	Wide    bool
}

// wide are the fields that take a line of their own: lists and free text.
var wide = map[string]bool{
	"employer": true, "seats": true, "org_posts": true, "other_posts": true,
	"awards": true, "trainings": true, "performance": true, "achievements": true,
	"evaluation": true,
}

// Outcome returns what the stages concluded about the person, as entries
// of the form after the record's fields: 群体, 自由职业细类, 兼属群体, 名单,
// 综合评价等次, 综合得分, 综合评价情况.
func (r *Registration) Outcome() []Entry {
	sec := make([]string, len(r.Secondary))
	for i, g := range r.Secondary {
		sec[i] = g.Label
	}
	score := ""
	if r.Scored {
		score = r.Score.StringFixed(2)
	}
	list := r.Seat.Label
	if r.List != "" {
		list = r.List
	}
	return []Entry{
		{Name: "group", Title: "所属群体", Value: r.Group.Label, Code: r.Group.Code},
		{Name: "subkind", Title: "自由职业细类", Value: r.Subkind.Label, Code: r.Subkind.Code},
		{Name: "secondary", Title: "兼属群体", Value: strings.Join(sec, "；")},
		{Name: "list", Title: "分级（名单）", Value: list, Code: r.Seat.Code},
		{Name: "grade", Title: "综合评价等次", Value: r.Grade.Label, Code: r.Grade.Code},
		{Name: "score", Title: "综合评价得分", Value: score},
		{Name: "evaluation", Title: "综合评价情况", Value: r.Evaluation},
	}
}

// Lines lays the form out as it is printed: the record's fields, then the
// outcome, two short fields a line and a long one (a list, free text) a
// line of its own, in the form's order.
func (r *Registration) Lines() []Line {
	var out []Line
	var pending *Entry
	flush := func() {
		if pending != nil {
			out = append(out, Line{Entries: []Entry{*pending}})
			pending = nil
		}
	}
	entries := append(append([]Entry(nil), r.Fields...), r.Outcome()...)
	for i := range entries {
		e := entries[i]
		switch {
		case wide[e.Name]:
			flush()
			out = append(out, Line{Entries: []Entry{e}, Wide: true})
		case pending == nil:
			pending = &e
		default:
			out = append(out, Line{Entries: []Entry{*pending, e}})
			pending = nil
		}
	}
	flush()
	return out
}

// ChineseDate writes a date as forms do, 2019年4月15日; the zero date is the
// blank to fill in by hand, "    年  月  日".
func ChineseDate(d roster.Date) string {
	if d.IsZero() {
		return "    年  月  日"
	}
	if d.Day == 0 {
		return fmt.Sprintf("%d年%d月", d.Year, d.Month)
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Signature is what an opinion box holds below its text: who signs, and
// the date to write.
const Signature = "（签字、盖章）        年    月    日"

// SignOff are the lines under the summary table, to be filled in by hand.
var SignOff = [...]string{"填报单位（盖章）：", "填报人：", "联系电话：", "填报日期："}

// Note is the summary's footnote: how its rows and columns relate, and
// who it leaves out.
func (s *Summary) Note() string {
	return fmt.Sprintf("注：各单位行之和为合计；“其中：市级名单”为合计中列入市级名单的代表人士。"+
		"代表人士合计＝各群体之和＝各名单之和＝A、B、C级之和；剔除为本轮评为D级（含一票否决）的人士。"+
		"另有 %d 人不属于四个群体或无法判定，未计入。", s.Excluded)
}
