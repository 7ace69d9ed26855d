package roster

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	enlocale "github.com/go-playground/locales/en"
	zhlocale "github.com/go-playground/locales/zh"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"
	zhtrans "github.com/go-playground/validator/v10/translations/zh"
	"github.com/shopspring/decimal"
)

// Problem is one rule a record breaks.
type Problem struct {
	// Field is the Go path of the field, such as "Seats[1].Level" or
	// `Extra["score"]`; "" when the record itself is missing.
	Field string
	// Label is the field's name on the form, such as 政协/人大级别.
	Label string
	// Tag names the rule: a validator tag (required, max, gte, lte) or one
	// of this package's (code, sex, date, notafter, notbefore, year, key,
	// notid, utf8, line, text, phone, filename, unit, recommender,
	// citizenid, idsex, idbirth, dgte, dlte, extrakey, extratype).
	Tag string
	// Message says what is wrong in Chinese, naming the field by its label
	// (and its item number in a list): 公民身份号码校验码不符.
	Message string
	// MessageEN says the same in English: citizen ID check character does
	// not match.
	MessageEN string
}

// RecordError lists every problem of one record, in the order of the
// fields in [Record]. It matches [ErrInvalidRecord] with [errors.Is].
// Its messages name the field, never quote a citizen ID or a name.
type RecordError struct {
	// Key is the record's registration number as given (it may be the
	// thing that is wrong), or "" when it reads as a citizen ID.
	Key string
	// Position is the record's 1-based position in its batch, 0 when the
	// caller gave none (see [Validator.ValidateAt]).
	Position int
	Problems []Problem
}

// Error writes one line per problem:
//
//	记录 NN-000123：公民身份号码校验码不符 (citizen ID check character does not match)
//
// The record is named by its key when the key is well-formed, else by its
// position (第 12 条记录), else just 记录.
func (e *RecordError) Error() string {
	name := e.name()
	if len(e.Problems) == 0 {
		return name + "：记录无效 (invalid record)"
	}
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(name)
		b.WriteString("：")
		b.WriteString(p.Message)
		b.WriteString(" (")
		b.WriteString(p.MessageEN)
		b.WriteString(")")
	}
	return b.String()
}

func (e *RecordError) name() string {
	switch {
	case validKey(e.Key) && !isCitizenID(e.Key):
		return "记录 " + e.Key
	case e.Position > 0:
		return fmt.Sprintf("第 %d 条记录", e.Position)
	}
	return "记录"
}

// Is reports whether target is [ErrInvalidRecord].
func (e *RecordError) Is(target error) bool { return target == ErrInvalidRecord }

// Validator checks records against the registration form's rules for one
// jurisdiction, on the assessment date each call is given. Building one
// ([NewValidator]) sets up the rules and their messages in two languages,
// which costs far more than checking a record: build it once and keep it
// for every batch and every date. It is safe for concurrent use.
//
// What it checks, every problem of a record at once:
//   - filled in: Key, Unit, Name, Sex, Ethnicity, BirthDate, CitizenID,
//     Politics, Education, EmployerKind; in a list item, its body, kind,
//     level, name or date as the form asks;
//   - codes: every closed set holds one of its members (any type with a
//     Valid method, through the tag code); Sex is 男性 or 女性, since the
//     citizen ID encodes one of them;
//   - the key: at most 32 letters, digits, '-' and '_', and not a citizen
//     ID (a record is named by its key in every message);
//   - the unit: a unit of the jurisdiction (a county-district or a
//     development zone), former codes included; the recommending unit,
//     when given: a unit or a department of the jurisdiction, former codes
//     included, by its code (a name is refused: the Reader turns names
//     into codes);
//   - the citizen ID: as [ParseCitizenID] reads it, with a birth date not
//     after the assessment date; Sex and BirthDate (to the month, or the
//     day when given) agree with it;
//   - dates: that exist, and none after the assessment date but a seat's
//     term, which may run on (or start) after it; a seat's term does not
//     end before it starts (a month counts from its first day to its
//     last); award years between 1900 and the assessment year;
//   - numbers: FieldYears 0 to 80; counts, hours and donations not
//     negative; Attendance 0 to 1; the last evaluation's score 0 to 100;
//   - text: valid UTF-8 without control characters; only the free-text
//     fields (WorkHistory, OtherPosts, Performance, Achievements) may hold
//     line breaks; lengths in characters (Name 50, Address 100, free text
//     2000);
//   - the photo: a plain file name or id ([Record].Photo): at most 100
//     letters, digits, '-', '_' and '.', no folder, no leading or trailing
//     '.', not a device name Windows reserves;
//   - the phone: a mainland mobile number (11 digits, 13 to 19) or a
//     landline written area code-number with an optional extension
//     (010-62345678, 0771-5612345, 0771-5612345-808);
//   - Extra: keys are identifiers (a letter or '_', then letters, digits
//     and '_', at most 32), values are string, int, bool or
//     [decimal.Decimal], strings valid UTF-8 without control characters
//     other than line breaks.
//
// A record that keeps every rule is told so in plain Go, in a few
// microseconds; the validator (go-playground/validator, by reflection on
// the record's tags) runs on the records that break one, to say which and
// why. The two read the same tags and are tested to agree.
//
// Messages come from the validator's Chinese and English translations for
// its own rules and from this package for the others. The field in each
// message is named by its label on the form, from a table keyed by the
// field's path rather than from struct tags or a tag-name function: the
// same Go name (Level, Name, Date) is a different field of the form in
// each struct that holds it, and a tag-name function never sees the struct.
type Validator struct {
	validate *validator.Validate
	zh, en   ut.Translator
	j        *Jurisdiction // a private copy
	labels   []fieldLabel
	order    map[string]int // index in labels by path
	bounds   map[string]decimal.Decimal
	// donations and attendance are the bounds of the rules dlte on those
	// fields, made ready for quickValid.
	donations, attendance ceiling
	// quick is set when the record's tags are the rules quickValid was
	// written for: a valid record then never meets the validator.
	quick bool
	// units and recommenders are the codes, present and former, that
	// j.Unit and j.Recommender find, for quickValid to look up at once.
	units, recommenders map[string]bool
}

// NewValidator returns a validator for the units of j. It keeps a copy of
// j.
func NewValidator(j *Jurisdiction) (*Validator, error) {
	if j == nil {
		return nil, fmt.Errorf("%w: no jurisdiction to validate against", ErrJurisdiction)
	}
	v := &Validator{
		validate: validator.New(validator.WithRequiredStructEnabled()),
		j:        cloneJurisdiction(j),
		labels:   formLabels(),
		quick:    quickAgrees(),
	}
	v.units, v.recommenders = map[string]bool{}, map[string]bool{}
	for _, set := range []struct {
		units []Unit
		unit  bool
	}{{v.j.Units, true}, {v.j.Departments, false}} {
		for _, u := range set.units {
			for _, code := range append([]string{u.Code}, u.Former...) {
				v.units[code] = v.units[code] || set.unit
				v.recommenders[code] = true
			}
		}
	}
	v.order = make(map[string]int, len(v.labels))
	for i, f := range v.labels {
		v.order[f.path] = i
	}
	var err error
	if v.bounds, err = decimalBounds(); err != nil {
		return nil, err
	}
	v.donations, v.attendance = ceilingOf(v.bounds["100000000"]), ceilingOf(v.bounds["1"])

	zhLoc, enLoc := zhlocale.New(), enlocale.New()
	uni := ut.New(zhLoc, zhLoc, enLoc)
	v.zh, _ = uni.GetTranslator(zhLoc.Locale())
	v.en, _ = uni.GetTranslator(enLoc.Locale())
	if err := zhtrans.RegisterDefaultTranslations(v.validate, v.zh); err != nil {
		return nil, fmt.Errorf("roster: Chinese messages: %w", err)
	}
	if err := entrans.RegisterDefaultTranslations(v.validate, v.en); err != nil {
		return nil, fmt.Errorf("roster: English messages: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(messages)) {
		m := messages[key]
		if err := v.zh.Add(key, m.zh, true); err != nil {
			return nil, fmt.Errorf("roster: message %s: %w", key, err)
		}
		if err := v.en.Add(key, m.en, true); err != nil {
			return nil, fmt.Errorf("roster: message %s: %w", key, err)
		}
	}

	// The rules of this package speak through messages, rendered by
	// problem; the validator's own speak through its translations.
	rules := v.rules()
	for _, tag := range slices.Sorted(maps.Keys(rules)) {
		if err := v.validate.RegisterValidationCtx(tag, rules[tag]); err != nil {
			return nil, fmt.Errorf("roster: rule %s: %w", tag, err)
		}
	}
	v.validate.RegisterStructValidationCtx(v.checkRecord, Record{})
	return v, nil
}

func cloneJurisdiction(j *Jurisdiction) *Jurisdiction {
	c := *j
	c.Units, c.Departments = cloneUnits(j.Units), cloneUnits(j.Departments)
	return &c
}

func cloneUnits(units []Unit) []Unit {
	out := slices.Clone(units)
	for i := range out {
		out[i].Former = slices.Clone(out[i].Former)
		out[i].Names = slices.Clone(out[i].Names)
	}
	return out
}

// asOfKey carries the assessment date of a call to the rules.
type asOfKey struct{}

func asOfIn(ctx context.Context) Date {
	d, _ := ctx.Value(asOfKey{}).(Date)
	return d
}

// Validate checks r on the assessment date asOf, a full date, and returns
// nil or a [*RecordError] that lists every problem. A nil r is a problem,
// not a panic. An asOf that is not a full date is the caller's mistake:
// the error wraps [ErrBadDate] and is not a RecordError.
func (v *Validator) Validate(r *Record, asOf Date) error { return v.ValidateAt(r, -1, asOf) }

// ValidateAt is [Validator.Validate] for the record at index (0-based) of
// a batch, so that a record without a well-formed key is still named
// (index 11 is 第 12 条记录). A negative index means none.
func (v *Validator) ValidateAt(r *Record, index int, asOf Date) error {
	if v == nil || v.validate == nil {
		return fmt.Errorf("%w: 校验器未初始化，请用 roster.NewValidator 创建 (the validator is not ready: make it with roster.NewValidator)", ErrJurisdiction)
	}
	if !asOf.Valid() || asOf.Day == 0 {
		return fmt.Errorf("%w: the assessment date is not a full date", ErrBadDate)
	}
	e := func(key string, problems []Problem) *RecordError {
		e := &RecordError{Problems: problems}
		if index >= 0 {
			e.Position = index + 1
		}
		if !isCitizenID(key) {
			e.Key = key
		}
		return e
	}
	if r == nil {
		zh, en := v.text(keyNilRecord, "记录", "record", "")
		return e("", []Problem{{Label: "记录", Tag: "required", Message: zh, MessageEN: en}})
	}

	var probs []found
	if !v.quick || !v.quickValid(r, asOf) {
		// The validator says what is wrong, in both languages.
		var err error
		if probs, err = v.problems(r, asOf); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInvalidRecord, e(r.Key, nil).name(), err)
		}
	}
	probs = v.checkExtra(r, probs)
	if len(probs) == 0 {
		return nil
	}
	slices.SortStableFunc(probs, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.top, b.top), cmp.Compare(a.item, b.item), cmp.Compare(a.sub, b.sub))
	})
	problems := make([]Problem, len(probs))
	for i, f := range probs {
		problems[i] = f.Problem
	}
	return e(r.Key, problems)
}

// problems runs the validator on r: every rule of the tags and the
// record-level checks, Extra aside.
func (v *Validator) problems(r *Record, asOf Date) ([]found, error) {
	err := v.validate.StructCtx(context.WithValue(context.Background(), asOfKey{}, asOf), r)
	if err == nil {
		return nil, nil
	}
	var fes validator.ValidationErrors
	if !errors.As(err, &fes) {
		return nil, err // only a nil or non-struct argument gets here; r is neither
	}
	probs := make([]found, 0, len(fes))
	for _, fe := range fes {
		probs = append(probs, v.problem(fe, asOf))
	}
	return probs, nil
}

// found is a problem with its place in struct order: the field of Record,
// the item in its list, the field of the item.
type found struct {
	Problem
	top, item, sub int
}

// problem turns a validator error into a Problem named by the form's label.
func (v *Validator) problem(fe validator.FieldError, asOf Date) found {
	path := strings.TrimPrefix(fe.StructNamespace(), "Record.")
	generic, item := splitPath(path)
	f := found{Problem: Problem{Field: path, Tag: fe.Tag()}, item: item}
	label := fieldLabel{path: generic, zh: generic, en: generic}
	if i, ok := v.order[generic]; ok {
		label, f.sub = v.labels[i], i
	}
	top, _, _ := strings.Cut(generic, ".")
	f.top = v.order[top]
	f.Label = label.zh
	zhSubject, enSubject := label.zh, label.en
	if item >= 0 {
		zhSubject += fmt.Sprintf("（第 %d 项）", item+1)
		enSubject += fmt.Sprintf(" (item %d)", item+1)
	}
	if key, param, own := v.message(fe, asOf); own {
		zhParam, enParam := param, param
		if key == "notbefore" {
			// the parameter is the other field, named by its label
			zhParam, enParam = v.sibling(generic, fe.Param())
		}
		f.Message, f.MessageEN = v.texts(key, zhSubject, enSubject, zhParam, enParam)
		return f
	}
	f.Message = withSubject(fe.Translate(v.zh), fe.Field(), zhSubject)
	f.MessageEN = withSubject(fe.Translate(v.en), fe.Field(), enSubject)
	return f
}

// splitPath drops the list index of a path ("Seats[1].Level" gives
// "Seats.Level" and 1); the item is -1 outside a list.
func splitPath(path string) (string, int) {
	open := strings.IndexByte(path, '[')
	if open < 0 {
		return path, -1
	}
	end := strings.IndexByte(path[open:], ']')
	if end < 0 {
		return path, -1
	}
	item, err := strconv.Atoi(path[open+1 : open+end])
	if err != nil {
		return path, -1
	}
	return path[:open] + path[open+end+1:], item
}

// withSubject puts the label where the validator's message names the
// field by its Go name.
func withSubject(msg, field, subject string) string {
	if strings.HasPrefix(msg, field) {
		return subject + msg[len(field):]
	}
	return strings.Replace(msg, field, subject, 1)
}

// text renders a message of this package in both languages.
func (v *Validator) text(key, zhSubject, enSubject, param string) (string, string) {
	return v.texts(key, zhSubject, enSubject, param, param)
}

// texts is [Validator.text] with a parameter in each language.
func (v *Validator) texts(key, zhSubject, enSubject, zhParam, enParam string) (string, string) {
	zh, err := v.zh.T(key, zhSubject, zhParam)
	if err != nil {
		zh = key
	}
	en, err := v.en.T(key, enSubject, enParam)
	if err != nil {
		en = key
	}
	return zh, en
}

// sibling returns the labels of the field name beside the field at path
// (Seats.From beside Seats.Until).
func (v *Validator) sibling(path, name string) (string, string) {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		name = path[:i+1] + name
	}
	if i, ok := v.order[name]; ok {
		return v.labels[i].zh, v.labels[i].en
	}
	return name, name
}

// message is the key and parameter of a rule of this package; own is
// false for the validator's own rules (required, max, gte, lte), which its
// translations render. No parameter is ever the field's value.
func (v *Validator) message(fe validator.FieldError, asOf Date) (key, param string, own bool) {
	key = fe.Tag()
	switch key {
	case "notafter":
		param = asOf.String()
	case "year":
		param = strconv.Itoa(asOf.Year)
	case "unit", "recommender":
		param = v.j.Name
	case "dgte", "dlte":
		param = fe.Param()
	case "citizenid":
		s, _ := fe.Value().(string)
		key, param = citizenMessage(s, asOf)
		return key, param, true
	}
	_, own = messages[key]
	return key, param, own
}

// citizenMessage is the message key and parameter for a citizen ID the
// citizenid rule refused.
func citizenMessage(s string, asOf Date) (string, string) {
	id, f := parseCitizenID(s)
	switch f.kind {
	case idLength:
		return keyCitizenLength, strconv.Itoa(f.n)
	case idDigit:
		if f.n == 18 {
			return keyCitizenLast, ""
		}
		return keyCitizenDigit, strconv.Itoa(f.n)
	case idArea:
		return keyCitizenArea, ""
	case idDate:
		return keyCitizenDate, ""
	case idCheck:
		return keyCitizenCheck, ""
	case idSpace:
		return keyCitizenSpace, ""
	case idWide:
		return keyCitizenWide, strconv.Itoa(f.n)
	}
	if id.BirthDate().After(asOf) {
		return keyCitizenFuture, asOf.String()
	}
	return keyCitizenCheck, ""
}

// rules are the tags this package adds to the validator. Those that
// depend on the assessment date find it in the context of the call.
func (v *Validator) rules() map[string]validator.FuncCtx {
	str := func(ok func(string) bool) validator.FuncCtx {
		return func(_ context.Context, fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.Kind() == reflect.String && ok(f.String())
		}
	}
	return map[string]validator.FuncCtx{
		"code": func(_ context.Context, fl validator.FieldLevel) bool {
			c, ok := fl.Field().Interface().(interface{ Valid() bool })
			return ok && c.Valid()
		},
		"sex": func(_ context.Context, fl validator.FieldLevel) bool {
			s, ok := fl.Field().Interface().(Sex)
			return ok && (s == Male || s == Female)
		},
		"date": func(_ context.Context, fl validator.FieldLevel) bool {
			d, ok := dateOf(fl.Field())
			return ok && d.Valid()
		},
		"notafter": func(ctx context.Context, fl validator.FieldLevel) bool {
			d, ok := dateOf(fl.Field())
			return ok && !d.After(asOfIn(ctx))
		},
		"notbefore": func(_ context.Context, fl validator.FieldLevel) bool {
			d, ok := dateOf(fl.Field())
			if !ok {
				return false
			}
			from, ok := dateOf(reflect.Indirect(fl.Parent()).FieldByName(fl.Param()))
			if !ok {
				return false
			}
			// a month runs from its first day to its last; a date that
			// does not exist is the date rule's to report
			return !from.Valid() || !d.Valid() || !lastDay(d).Before(firstDay(from))
		},
		"year": func(ctx context.Context, fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.CanInt() && f.Int() >= 1900 && f.Int() <= int64(asOfIn(ctx).Year)
		},
		"key":      str(keyChars),
		"notid":    str(func(s string) bool { return !isCitizenID(s) }),
		"utf8":     str(utf8.ValidString),
		"line":     str(singleLine),
		"text":     str(freeText),
		"phone":    str(validPhone),
		"filename": str(safeFileName),
		"unit": str(func(s string) bool {
			_, ok := v.j.Unit(s)
			return ok
		}),
		"recommender": str(func(s string) bool {
			_, ok := v.j.Recommender(s)
			return ok
		}),
		"citizenid": func(ctx context.Context, fl validator.FieldLevel) bool {
			f := fl.Field()
			if f.Kind() != reflect.String {
				return false
			}
			id, fault := parseCitizenID(f.String())
			return fault.kind == idOK && !id.BirthDate().After(asOfIn(ctx))
		},
		"dgte": func(_ context.Context, fl validator.FieldLevel) bool {
			d, bound, ok := v.decimalAndBound(fl)
			return ok && d.Cmp(bound) >= 0
		},
		"dlte": func(_ context.Context, fl validator.FieldLevel) bool {
			d, bound, ok := v.decimalAndBound(fl)
			return ok && d.Cmp(bound) <= 0
		},
	}
}

// checkRecord reports what no single field can say: Sex and BirthDate
// against the citizen ID.
func (v *Validator) checkRecord(ctx context.Context, sl validator.StructLevel) {
	r, ok := recordOf(sl.Current())
	if !ok {
		return
	}
	id, f := parseCitizenID(r.CitizenID)
	if f.kind != idOK {
		return // the citizenid rule says why
	}
	if (r.Sex == Male || r.Sex == Female) && r.Sex != id.Sex() {
		sl.ReportError(r.Sex, "Sex", "Sex", "idsex", "")
	}
	b, idb := r.BirthDate, id.BirthDate()
	if b.Valid() && !b.After(asOfIn(ctx)) &&
		(b.Year != idb.Year || b.Month != idb.Month || b.Day != 0 && b.Day != idb.Day) {
		sl.ReportError(r.BirthDate, "BirthDate", "BirthDate", "idbirth", "")
	}
}

// checkExtra checks the inputs beyond the form, in key order. Their keys
// are data, not fields, so they are checked here rather than by tags.
func (v *Validator) checkExtra(r *Record, out []found) []found {
	bad := false
	for k, x := range r.Extra {
		if extraProblem(k, x) != nil {
			bad = true
			break
		}
	}
	if !bad {
		return out
	}
	top := v.order["Extra"]
	label := v.labels[top]
	for i, k := range slices.Sorted(maps.Keys(r.Extra)) {
		q := quoteKey(k)
		if isCitizenID(k) {
			q = fmt.Sprintf("#%d", i+1) // a key is a name, but not one to print
		}
		for _, tag := range extraProblem(k, r.Extra[k]) {
			key := tag
			switch tag {
			case "extrakey":
				key = keyExtraKey
			case "extratype":
				key = keyExtraType
			}
			zh, en := v.text(key, label.zh+q, label.en+" "+q, "")
			out = append(out, found{
				Problem: Problem{Field: "Extra[" + q + "]", Label: label.zh, Tag: tag, Message: zh, MessageEN: en},
				top:     top, item: i, sub: top,
			})
		}
	}
	return out
}

// extraProblem returns the tags of the rules an Extra entry breaks.
func extraProblem(k string, x any) []string {
	var tags []string
	if !validInputID(k) {
		tags = append(tags, "extrakey")
	}
	switch x := x.(type) {
	case string:
		if !utf8.ValidString(x) {
			tags = append(tags, "utf8")
		} else if !freeText(x) {
			tags = append(tags, "text")
		}
	case int, bool, decimal.Decimal,
		// what database/sql and encoding/json give; the policy that
		// declares the input converts them, or says why it cannot
		int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, json.Number:
	default:
		tags = append(tags, "extratype")
	}
	return tags
}

// quoteKey quotes an Extra key for a message, cut to 32 bytes.
func quoteKey(k string) string {
	const most = 32
	if len(k) <= most {
		return strconv.Quote(k)
	}
	n := most
	for n > 0 && !utf8.RuneStart(k[n]) {
		n--
	}
	return strconv.Quote(k[:n]) + "…"
}

func recordOf(rv reflect.Value) (*Record, bool) {
	if rv.CanAddr() {
		r, ok := rv.Addr().Interface().(*Record)
		return r, ok
	}
	r, ok := rv.Interface().(Record)
	return &r, ok
}

// dateOf reads a Date field without copying it to the heap when it can.
func dateOf(f reflect.Value) (Date, bool) {
	if f.CanAddr() {
		if d, ok := f.Addr().Interface().(*Date); ok {
			return *d, true
		}
		return Date{}, false
	}
	d, ok := f.Interface().(Date)
	return d, ok
}

// decimalAndBound reads a decimal field and the bound its rule names.
func (v *Validator) decimalAndBound(fl validator.FieldLevel) (decimal.Decimal, decimal.Decimal, bool) {
	var d decimal.Decimal
	bound, ok := v.bounds[fl.Param()]
	if !ok {
		return d, d, false
	}
	f := fl.Field()
	if f.CanAddr() {
		p, ok := f.Addr().Interface().(*decimal.Decimal)
		if !ok {
			return d, d, false
		}
		return *p, bound, true
	}
	d, ok = f.Interface().(decimal.Decimal)
	return d, bound, ok
}

// decimalBounds parses the bounds of the dgte and dlte rules in the
// record's tags once, so that checking a record parses none.
func decimalBounds() (map[string]decimal.Decimal, error) {
	bounds := map[string]decimal.Decimal{}
	for _, t := range recordTypes {
		for f := range t.Fields() {
			for rule := range strings.SplitSeq(f.Tag.Get("validate"), ",") {
				name, param, _ := strings.Cut(rule, "=")
				if name != "dgte" && name != "dlte" {
					continue
				}
				d, err := decimal.NewFromString(param)
				if err != nil {
					return nil, fmt.Errorf("roster: rule %s of %s.%s: %w", rule, t.Name(), f.Name, err)
				}
				bounds[param] = d
			}
		}
	}
	return bounds, nil
}

// recordTypes are the structs of a record, the ones that carry rules.
var recordTypes = []reflect.Type{
	reflect.TypeFor[Record](), reflect.TypeFor[Seat](), reflect.TypeFor[OrgPost](),
	reflect.TypeFor[Award](), reflect.TypeFor[Training](),
}

// validKey reports whether s is a registration number: 1 to 32 letters,
// digits, '-' and '_'.
func validKey(s string) bool { return s != "" && len(s) <= 32 && keyChars(s) }

// keyChars reports whether s holds only letters, digits, '-' and '_'.
func keyChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isASCIILetter(c) || isASCIIDigit(c) || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// validInputID reports whether s is an input id as policies declare them.
func validInputID(s string) bool {
	if s == "" || len(s) > 32 || isASCIIDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isASCIILetter(c) || isASCIIDigit(c) || c == '_') {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }

// singleLine reports whether s holds no control character (a line break
// included) and no Unicode line or paragraph separator.
func singleLine(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// freeText reports whether s holds no control character but line breaks.
func freeText(s string) bool {
	for _, r := range s {
		if r != '\n' && unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// safeFileName reports whether s is a plain file name or id: 1 to 100
// characters, letters, digits, '-', '_' and '.', neither starting nor
// ending with '.', and not a device name Windows reserves (CON, NUL,
// COM1 ... with or without an extension). No folder, no drive, no "..":
// a program that joins it to its photo folder stays in that folder.
func safeFileName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 100 || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	stem, _, _ := strings.Cut(s, ".")
	switch u := strings.ToUpper(stem); {
	case u == "CON" || u == "PRN" || u == "AUX" || u == "NUL":
		return false
	case len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9':
		return false
	}
	return true
}

// validPhone accepts a mainland mobile number (11 digits, the second 3 to
// 9) or a landline: a 3-digit area code (010, 02x) and an 8-digit number,
// or a 4-digit one (0300 to 0999) and a 7- or 8-digit number, the number
// not starting with 0 or 1, with an optional extension of 1 to 6 digits,
// parts joined by '-'.
func validPhone(s string) bool {
	if len(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && isDigits(s) {
		return true
	}
	parts := strings.SplitN(s, "-", 4)
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	area, local := parts[0], parts[1]
	if !isDigits(area) || !isDigits(local) || area[0] != '0' || local[0] < '2' {
		return false
	}
	switch {
	case len(area) == 3 && (area[1] == '1' || area[1] == '2'):
		if len(local) != 8 {
			return false
		}
	case len(area) == 4 && area[1] >= '3':
		if len(local) != 7 && len(local) != 8 {
			return false
		}
	default:
		return false
	}
	return len(parts) == 2 || isDigits(parts[2]) && len(parts[2]) <= 6
}
