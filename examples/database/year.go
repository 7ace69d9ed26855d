package main

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// event is something that happened to one person in the year between the
// rounds, as the unit writes it into the roster.
type event struct {
	key, what string
	// apply changes the person's record; nil drops the record from the
	// roster: the unit did not hand it in this time.
	apply func(r *roster.Record)
}

// year is what changed between the two rounds. Most people are untouched;
// each of these shows one way the database moves.
var year = []event{
	{"NN-450107-00008", "受到刑事处罚", func(r *roster.Record) { r.CriminalPenalty = true }},
	{"NN-450103-00019", "加入中国共产党，不再是党外人士", func(r *roster.Record) { r.Politics = roster.CPCMember }},
	{"NN-450103-00141", "到国有企业工作", func(r *roster.Record) {
		r.Employer, r.EmployerKind = "南宁市某国有投资集团", roster.StateOwned
	}},
	{"NN-450103-00005", "一年未参加统战活动，未建言献策，未参加志愿服务", func(r *roster.Record) {
		r.Attendance, r.Proposals, r.VolunteerHours = decimal.Zero, 0, 0
	}},
	{"NN-450103-00009", "当选南宁市政协委员", func(r *roster.Record) {
		r.Seats = append(slices.Clone(r.Seats), roster.Seat{Body: roster.CPPCC, Level: roster.City, Term: "第十一届"})
	}},
	{"NN-450103-00253", "卸任全部社会职务", func(r *roster.Record) { r.Seats, r.OrgPosts = nil, nil }},
	{"NN-450103-00021", "工作调到兴宁区，由兴宁区管理", func(r *roster.Record) { r.Unit = "450102" }},
	{"NN-450103-00010", "本轮材料未报送", nil},
	{"NN-450103-00034", "取得大学专科学历", func(r *roster.Record) { r.Education = roster.College }},
}

// nextYear returns the roster of the second round: records with the
// year's events applied to copies, the others as they were. It prints
// the events.
func nextYear(w io.Writer, records []*roster.Record) ([]*roster.Record, error) {
	byKey := map[string]event{}
	for _, e := range year {
		byKey[e.key] = e
	}
	out := make([]*roster.Record, 0, len(records))
	for _, r := range records {
		e, ok := byKey[r.Key]
		if !ok {
			out = append(out, r)
			continue
		}
		delete(byKey, r.Key)
		if e.apply != nil {
			c := *r
			e.apply(&c)
			out = append(out, &c)
		}
	}
	if len(byKey) > 0 {
		return nil, fmt.Errorf("名册中没有这些登记编号：%v", slices.Sorted(maps.Keys(byKey)))
	}
	for _, e := range year {
		fmt.Fprintf(w, "  %s %s\n", e.key, e.what)
	}
	return out, nil
}
