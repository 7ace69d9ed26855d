package report

import (
	"errors"
	"fmt"
	"slices"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
)

// Person is one person assessed in the round, as the forms read them: the
// registration record and what classification and evaluation concluded.
// The front door's assessment maps onto it field for field (see the
// package documentation).
type Person struct {
	// Record is the registration record; the forms read every field of
	// it, and the summary its Key, Unit and RecommendedBy. A Person with a
	// nil Record is refused.
	Record *roster.Record
	// Classification is the group, the sub-kind and the secondary groups.
	// Only a person classified into one of the four groups is counted in
	// the summary: the zero value (undetermined) is not.
	Classification classify.Result
	// Evaluation is the comprehensive evaluation; nil when the person was
	// not evaluated.
	Evaluation *evaluate.Result
}

// Source is what the two forms are made from: a round's assessments and
// the database after the round. Nothing in it is changed.
type Source struct {
	// Jurisdiction gives the rows of the summary (its county-districts,
	// development zones and departments) and the units' names; nil is
	// Nanning ([roster.Nanning]).
	Jurisdiction *roster.Jurisdiction
	// Registry is the database after the round ([tier.Round]): who is a
	// representative, on which list, with which grade. Nil is the empty
	// database: no one is a representative.
	Registry *tier.Registry
	// People are the round's assessments, in any order; one per
	// registration number (the front door's batch already rejects a
	// repeated one).
	People []Person
	// Unit is the reporting unit (填报单位): "" or the city's code for the
	// city, whose summary has a row per unit; a unit's code for that
	// unit's own report, whose summary has its row only.
	Unit string
	// Date is the reporting date (填报日期), printed in the header; the
	// units' names are the ones in force on it (横县 in 2019). The zero
	// Date leaves the date blank, to be written by hand.
	Date roster.Date
	// Bands are the policy's grade bands (policy.Policy.Evaluator().
	// Scheme().Grades), drawn as the cut lines of the score histogram;
	// nil draws none.
	Bands []evaluate.Band
}

// Option changes what a form holds.
type Option func(*config)

type config struct {
	reveal bool
	split  bool
	seats  []tier.Seat
}

func configure(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// RevealPersonalData prints citizen IDs and phone numbers whole. Without
// it every format masks them (450102********123X, 138****5678): a form
// that travels by mail or sits in a shared folder needs no more to tell
// people apart. Ask for it only for a copy that stays in the unit that
// keeps the records.
func RevealPersonalData() Option { return func(c *config) { c.reveal = true } }

// SplitFreelancers splits the summary's freelancer column (G3) into the
// six sub-kinds the notice names, as its option allows.
func SplitFreelancers() Option { return func(c *config) { c.split = true } }

// Seats restricts the registration forms to the people in those seats
// ([tier.SeatCity] for the city's list); the default is everyone in the
// database.
func Seats(seats ...tier.Seat) Option {
	return func(c *config) { c.seats = slices.Clone(seats) }
}

// ErrInput: a Source the forms cannot be made from. The error names the
// person by index and registration number, never by citizen ID.
var ErrInput = errors.New("报表输入有误 (bad report input)")

func inputErr(i int, key, zh, en string) error {
	if roster.LooksLikeCitizenID(key) {
		key = ""
	}
	return fmt.Errorf("%w: 第 %d 人 %s：%s (person %d %s: %s)", ErrInput, i+1, key, zh, i+1, key, en)
}

// jurisdiction returns src's jurisdiction or the default.
func (src *Source) jurisdiction() *roster.Jurisdiction {
	if src.Jurisdiction != nil {
		return src.Jurisdiction
	}
	return roster.Nanning()
}

// Code is a member of a closed set as the forms print it: its code for
// programs and its Chinese label for people. The zero Code is not filled
// in.
type Code struct {
	Code, Label string
}

// IsZero reports whether c is not filled in.
func (c Code) IsZero() bool { return c == Code{} }

func groupCode(g classify.Group) Code {
	if !g.Valid() {
		return Code{}
	}
	return Code{g.Code(), g.Label()}
}

func subkindCode(s classify.Subkind) Code {
	if !s.Valid() {
		return Code{}
	}
	return Code{s.Code(), s.Label()}
}

func gradeCode(g evaluate.Grade) Code {
	if !g.Valid() {
		return Code{}
	}
	return Code{g.Code(), g.Label()}
}
