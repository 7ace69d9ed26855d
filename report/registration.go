package report

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
)

// RegistrationTitle is the title of Annex 2 as the notice gives it.
const RegistrationTitle = "新的社会阶层代表人士分级分类管理登记表"

// Opinion boxes of the form, in the order they are signed.
var opinionTitles = [...]string{"所在单位意见", "县区委统战部意见", "市委统战部意见"}

// Registrations is Annex 2, the registration forms (登记表), as values:
// one [Registration] per representative. It is made by [NewRegistrations]
// and rendered by its Write methods.
type Registrations struct {
	Title string
	// Unit is the reporting unit; Date the reporting date (zero: blank).
	Unit Code
	Date roster.Date
	// Forms are one per person, the city list's first, then the
	// county-districts' lists in the jurisdiction's order, then those on
	// no list; by registration number within each.
	Forms []Registration
	// Unassessed lists, sorted, the registration numbers of people in the
	// database the round did not assess: without their record their form
	// cannot be filled in.
	Unassessed []string
}

// Registration is one person's registration form.
type Registration struct {
	Key string
	// Unit is the unit that keeps the record.
	Unit Code
	// Fields are every field of the registration record, in the form's
	// order ([roster.Fields]), personal data masked unless
	// [RevealPersonalData] was given.
	Fields []Entry
	// Group and Subkind (for G3) are the classification's; Secondary the
	// other groups the person fits.
	Group, Subkind Code
	Secondary      []Code
	// Seat is where the person sits in the database; List names the list.
	Seat Code
	List string
	// Grade and Score are the evaluation's; Scored is false when the
	// person was not evaluated.
	Grade  Code
	Score  decimal.Decimal
	Scored bool
	// Evaluation is the evaluation in words, for the form's box.
	Evaluation string
	// Opinions are the boxes to sign: 所在单位意见, 县区委统战部意见,
	// 市委统战部意见, blank.
	Opinions []Opinion
	// FilledOn is the date the form was filled in (填表日期); zero leaves it
	// blank.
	FilledOn roster.Date
}

// Entry is one field of the record on the form.
type Entry struct {
	// Name is the field's name for programs, in snake_case (citizen_id);
	// Title its title on the form (公民身份号码).
	Name, Title string
	// Value is the cell as the form prints it: a code's label, a list's
	// items joined, a masked ID.
	Value string
	// Code is the code of a closed set's member (性别 "2"); "" for a field
	// that is not a closed set, or is not filled in.
	Code string
}

// Opinion is a box of the form to be filled in, signed and stamped by
// hand.
type Opinion struct {
	Title string
	// Text is what the box holds; "" for a blank box.
	Text string
}

// Entry returns the entry with the title, and whether there is one.
func (r *Registration) Entry(title string) (Entry, bool) {
	i := slices.IndexFunc(r.Fields, func(e Entry) bool { return e.Title == title })
	if i < 0 {
		return Entry{}, false
	}
	return r.Fields[i], true
}

// NewRegistrations makes one registration form for each person of the
// round who is in the database after it (the representatives: an active
// row of src.Registry), or only for those in the seats given with
// [Seats]. Citizen IDs and phone numbers are masked unless
// [RevealPersonalData] is given. A person without a record, or whose
// record cannot be written as the form's cells, is an error matching
// [ErrInput]; all are reported at once.
func NewRegistrations(src Source, opts ...Option) (*Registrations, error) {
	cfg := configure(opts)
	j := src.jurisdiction()
	out := &Registrations{Title: RegistrationTitle, Unit: Code{j.Code, j.Name}, Date: src.Date}
	if src.Unit != "" && src.Unit != j.Code {
		if u, ok := j.Recommender(src.Unit); ok {
			out.Unit = Code{u.Code, u.NameOn(src.Date)}
		}
	}
	active := src.Registry.Active()
	at := make(map[string]int, len(active))
	for i, e := range active {
		if len(cfg.seats) == 0 || slices.Contains(cfg.seats, e.Seat) {
			at[e.Key] = i
		}
	}
	fields := roster.Fields()
	done := make([]bool, len(active))
	var errs []error
	for i := range src.People {
		p := &src.People[i]
		if p.Record == nil {
			errs = append(errs, inputErr(i, "", "没有登记记录", "no record"))
			continue
		}
		k, ok := at[p.Record.Key]
		if !ok || done[k] {
			continue
		}
		done[k] = true
		f, err := form(j, src.Date, fields, p, &active[k], cfg.reveal)
		if err != nil {
			errs = append(errs, inputErr(i, p.Record.Key, err.Error(), "a field cannot be written"))
			continue
		}
		out.Forms = append(out.Forms, f)
	}
	for k, e := range active {
		if _, ok := at[e.Key]; ok && !done[k] {
			out.Unassessed = append(out.Unassessed, e.Key)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	order := map[string]int{}
	for i, u := range j.Units {
		order[u.Code] = i
		for _, c := range u.Former {
			order[c] = i
		}
	}
	seatOf := map[string]tier.Seat{}
	for _, e := range active {
		seatOf[e.Key] = e.Seat
	}
	slices.SortFunc(out.Forms, func(a, b Registration) int {
		return cmp.Or(cmp.Compare(seatOf[a.Key], seatOf[b.Key]), cmp.Compare(order[a.Unit.Code], order[b.Unit.Code]), strings.Compare(a.Key, b.Key))
	})
	return out, nil
}

// form fills in one person's form.
func form(j *roster.Jurisdiction, date roster.Date, fields []*roster.Field, p *Person, e *tier.Row, reveal bool) (Registration, error) {
	r := p.Record
	f := Registration{
		Key:      r.Key,
		Unit:     Code{r.Unit, j.UnitNameOn(r.Unit, date)},
		Fields:   make([]Entry, 0, len(fields)),
		Seat:     Code{e.Seat.Code(), e.Seat.Label()},
		Group:    groupCode(p.Classification.Primary),
		Opinions: make([]Opinion, len(opinionTitles)),
		FilledOn: date,
	}
	if p.Classification.Primary == classify.G3 {
		f.Subkind = subkindCode(p.Classification.Subkind)
	}
	for _, g := range p.Classification.Secondary {
		f.Secondary = append(f.Secondary, groupCode(g))
	}
	switch e.Seat {
	case tier.SeatCity:
		f.List = "市级名单"
	case tier.SeatCounty:
		f.List = j.UnitNameOn(e.List, date) + "名单"
	}
	for i, t := range opinionTitles {
		f.Opinions[i].Title = t
	}
	rv := reflect.ValueOf(r).Elem()
	var errs []error
	for _, fd := range fields {
		v, err := fd.Format(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		en := Entry{Name: snake(fd.Name()), Title: fd.Title(), Value: v}
		if fd.Personal() && !reveal {
			// The field table says which fields are personal data and how
			// each is masked: the citizen ID, the phone, the address.
			en.Value = fd.Mask(v)
		}
		switch fd.Name() {
		case "Seats", "OrgPosts", "Awards", "Trainings":
			en.Value = items(j, r, fd.Name())
		case "Unit", "RecommendedBy":
			if v != "" {
				en.Code, en.Value = v, j.UnitNameOn(v, date)
			}
		default:
			if c, ok := rv.FieldByName(fd.Name()).Interface().(interface{ Code() string }); ok && v != "" {
				en.Code = c.Code()
			}
		}
		f.Fields = append(f.Fields, en)
	}
	if len(errs) > 0 {
		return Registration{}, errors.Join(errs...)
	}
	if ev := p.Evaluation; ev != nil {
		f.Grade, f.Score, f.Scored = gradeCode(ev.Grade), ev.Total.Decimal(), true
		f.Evaluation = words(ev)
	}
	return f, nil
}

// words is the evaluation as the form's box holds it: each first-level
// indicator's points, the bonuses, the vetoes, the total and the grade.
func words(ev *evaluate.Result) string {
	var b strings.Builder
	for i, d := range ev.Dimensions() {
		if i > 0 {
			b.WriteString("；")
		}
		fmt.Fprintf(&b, "%s %s/%s", d.Name, d.Score.StringFixed(2), d.Points)
	}
	for _, x := range ev.Bonuses() {
		fmt.Fprintf(&b, "；加分 %s +%s", x.Name, x.Points)
	}
	fmt.Fprintf(&b, "。总分 %s，%s", ev.Total.StringFixed(2), ev.Grade.Label())
	if vetoes := ev.Vetoes(); len(vetoes) > 0 {
		names := make([]string, len(vetoes))
		for i, v := range vetoes {
			names[i] = v.Name
		}
		fmt.Fprintf(&b, "（一票否决：%s）", strings.Join(names, "、"))
	}
	b.WriteString("。")
	return b.String()
}

// snake turns a Go name into snake_case: CitizenID → citizen_id.
func snake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			// A word starts at an upper-case letter after a lower-case one,
			// or before a lower-case one inside a run of capitals (IDCard).
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// items writes a list field of r as a printed form reads it, an item a
// line: 政协委员（市级，第十二届，经济界）, not the roster cell's
// 政协委员|市级|第十二届|经济界. Levels are written as j's clerks write
// them (自治区级 in Guangxi).
func items(j *roster.Jurisdiction, r *roster.Record, name string) string {
	var out []string
	item := func(head string, detail ...string) {
		var d []string
		for _, x := range detail {
			if x != "" {
				d = append(d, x)
			}
		}
		if len(d) > 0 {
			head += "（" + strings.Join(d, "，") + "）"
		}
		out = append(out, head)
	}
	switch name {
	case "Seats":
		for _, x := range r.Seats {
			item(x.Body.Label(), j.LevelLabel(x.Level), x.Term, x.Sector)
		}
	case "OrgPosts":
		for _, x := range r.OrgPosts {
			lead := ""
			if x.Leading {
				lead = "负责人"
			}
			item(strings.TrimSpace(x.Organization+" "+x.Title), x.Kind.Label(), j.LevelLabel(x.Level), lead)
		}
	case "Awards":
		for _, x := range r.Awards {
			year := ""
			if x.Year != 0 {
				year = fmt.Sprintf("%d年", x.Year)
			}
			item(x.Name, j.LevelLabel(x.Level), year)
		}
	case "Trainings":
		for _, x := range r.Trainings {
			item(x.Name, x.Date.String(), fmt.Sprintf("%d学时", x.Hours))
		}
	}
	return strings.Join(out, "\n")
}
