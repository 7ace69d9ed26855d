package tier

import (
	"fmt"
	"strings"
)

// The closed sets of the registry. Each member has a code (for JSON and
// for programs), a Chinese label (for forms and clerks) and an English
// name; the zero value of each is "not filled in".

// Standing is where one person's assessment of a round leaves them: the
// input [Round] reads in [Assessed.Standing].
type Standing uint8

// The members of Standing.
const (
	// StandingCandidate: in one of the four groups, qualified, and graded
	// in a band that stays in the database.
	StandingCandidate Standing = iota + 1
	// StandingRemoved: graded D, or vetoed (一票否决): removed from the
	// database (剔除).
	StandingRemoved
	// StandingUnqualified: a qualification condition failed and was not
	// waived.
	StandingUnqualified
	// StandingNotNewStrata: in none of the four groups.
	StandingNotNewStrata
	// StandingUnclassified: the classification could not decide (data
	// missing).
	StandingUnclassified
)

// Seat is where a person in the database sits: on the city's list, on a
// county-district's list, or in the database without a list.
type Seat uint8

// The members of Seat.
const (
	SeatCity   Seat = iota + 1 // 市级名单
	SeatCounty                 // 县区级名单
	SeatNone                   // 在库未列入名单
)

// Basis is why a person is in the database where they are.
type Basis uint8

// The members of Basis.
const (
	BasisPriority  Basis = iota + 1 // 职务优先入选
	BasisRank                       // 按排序入选
	BasisCoverage                   // 群体覆盖名额入选
	BasisIncumbent                  // 在任留任
	BasisDatabase                   // 在库未列入名单
)

// Status is whether a registry row is current or history.
type Status uint8

// The members of Status.
const (
	Active  Status = iota + 1 // 在库
	Removed                   // 已剔除
)

// Cause is why a person left a list or the database, was not entered, or
// was not assessed in a round.
type Cause uint8

// The members of Cause. CauseQuota to CauseGrade say why a person in the
// database is on no list; CauseGradeRemoved to CauseNotNewStrata why a
// person was removed (剔除) or not entered; CauseUnassessed and
// CauseUnclassified why a previous assessment was carried forward.
const (
	// CauseQuota: the list's quota is full.
	CauseQuota Cause = iota + 1
	// CauseReserved: the seat went to a group below its minimum.
	CauseReserved
	// CauseLostPriority: admitted before for a priority post, which the
	// person no longer holds at the list's level; the quota is full.
	CauseLostPriority
	// CauseGrade: the grade is not one the rules list (the person stays
	// in the database).
	CauseGrade
	// CauseGradeRemoved: graded in a band whose holders leave the
	// database (D); the detail names the grade.
	CauseGradeRemoved
	// CauseVeto: a veto (一票否决) held; the detail names it.
	CauseVeto
	// CauseUnqualified: a qualification condition failed; the detail
	// names it.
	CauseUnqualified
	// CauseNotNewStrata: no longer in any of the four groups.
	CauseNotNewStrata
	// CauseUnassessed: not in this round's assessments.
	CauseUnassessed
	// CauseUnclassified: this round could not classify the person.
	CauseUnclassified
)

// Kind is the kind of one change of a round.
type Kind uint8

// The members of Kind.
const (
	// Entered: new in the database (新入库), on a list or not.
	Entered Kind = iota + 1
	// Stayed: in the same place: the same list of the same unit, or in
	// the database without a list.
	Stayed
	// Moved: between the city's and a county-district's list, or to
	// another unit.
	Moved
	// Listed: from the database without a list onto a list.
	Listed
	// Dropped: off a list but kept in the database; the cause says why.
	Dropped
	// Left: removed from the database (剔除); the cause says why.
	Left
	// Rejected: assessed in the round, not in the database before, and not
	// entered; the cause says why.
	Rejected
)

type member struct{ code, label, name string }

var (
	standings = []member{{},
		{"candidate", "入库候选", "candidate"},
		{"removed", "剔除（D级或一票否决）", "removed: grade D or a veto"},
		{"unqualified", "不符合资格条件", "unqualified"},
		{"not_new_strata", "非新的社会阶层人士", "not new social strata"},
		{"unclassified", "群体无法判定", "group undetermined"},
	}
	seats = []member{{},
		{"city", "市级名单", "city list"},
		{"county", "县区级名单", "county-district list"},
		{"none", "在库未列入名单", "in the database without a list"},
	}
	bases = []member{{},
		{"priority", "职务优先入选", "admitted: priority post"},
		{"rank", "按排序入选", "admitted by rank"},
		{"coverage", "群体覆盖名额入选", "admitted to a seat kept for group coverage"},
		{"incumbent", "在任留任", "kept as incumbent"},
		{"database", "在库未列入名单", "in the database without a list"},
	}
	statuses = []member{{},
		{"active", "在库", "in the database"},
		{"removed", "已剔除", "removed from the database"},
	}
	causes = []member{{},
		{"quota", "名额已满", "quota full"},
		{"reserved", "名额留给群体覆盖", "seat kept for group coverage"},
		{"lost_priority", "不再具有优先职务，名额已满", "no longer holds a priority post; quota full"},
		{"grade", "综合评价等次不能入选", "grade not eligible for a list"},
		{"grade_removed", "综合评价等次应剔除", "graded in a band that is removed"},
		{"veto", "一票否决", "veto"},
		{"unqualified", "不符合资格条件", "no longer qualified"},
		{"not_new_strata", "不再属于四个群体", "no longer in any of the four groups"},
		{"unassessed", "未参加本轮评价", "not assessed in this round"},
		{"unclassified", "本轮群体无法判定", "group undetermined in this round"},
	}
	kinds = []member{{},
		{"entered", "新入库", "entered"},
		{"stayed", "未变动", "stayed"},
		{"moved", "调整名单", "moved"},
		{"listed", "列入名单", "listed"},
		{"dropped", "移出名单，保留在库", "dropped from the list, kept in the database"},
		{"left", "剔除", "removed from the database"},
		{"rejected", "未入库", "not entered"},
	}
)

func memberOf(set []member, v uint8) (member, bool) {
	if v == 0 || int(v) >= len(set) {
		return member{}, false
	}
	return set[v], true
}

func setLabel(set []member, v uint8, kind string) string {
	if m, ok := memberOf(set, v); ok {
		return m.label
	}
	return fmt.Sprintf("%s(%d)", kind, v)
}

func setName(set []member, v uint8, kind string) string {
	if m, ok := memberOf(set, v); ok {
		return m.name
	}
	return fmt.Sprintf("%s(%d)", kind, v)
}

func setCode(set []member, v uint8) string {
	m, _ := memberOf(set, v)
	return m.code
}

// parseMember reads a code or a Chinese label; "" gives 0.
func parseMember(set []member, s string) (uint8, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, true
	}
	for i, m := range set[1:] {
		if t == m.code || t == m.label {
			return uint8(i + 1), true
		}
	}
	return 0, false
}

// Label returns the Chinese label of v.
func (v Standing) Label() string { return setLabel(standings, uint8(v), "Standing") }

// String returns the English name of v.
func (v Standing) String() string { return setName(standings, uint8(v), "Standing") }

// Code returns the code of v ("" for the zero value).
func (v Standing) Code() string { return setCode(standings, uint8(v)) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Standing) Valid() bool { _, ok := memberOf(standings, uint8(v)); return ok }

// Label returns the Chinese label of v.
func (v Seat) Label() string { return setLabel(seats, uint8(v), "Seat") }

// String returns the English name of v.
func (v Seat) String() string { return setName(seats, uint8(v), "Seat") }

// Code returns the code of v ("" for the zero value).
func (v Seat) Code() string { return setCode(seats, uint8(v)) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Seat) Valid() bool { _, ok := memberOf(seats, uint8(v)); return ok }

// Listed reports whether v is a seat on a list.
func (v Seat) Listed() bool { return v == SeatCity || v == SeatCounty }

// Label returns the Chinese label of v.
func (v Basis) Label() string { return setLabel(bases, uint8(v), "Basis") }

// String returns the English name of v.
func (v Basis) String() string { return setName(bases, uint8(v), "Basis") }

// Code returns the code of v ("" for the zero value).
func (v Basis) Code() string { return setCode(bases, uint8(v)) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Basis) Valid() bool { _, ok := memberOf(bases, uint8(v)); return ok }

// Label returns the Chinese label of v.
func (v Status) Label() string { return setLabel(statuses, uint8(v), "Status") }

// String returns the English name of v.
func (v Status) String() string { return setName(statuses, uint8(v), "Status") }

// Code returns the code of v ("" for the zero value).
func (v Status) Code() string { return setCode(statuses, uint8(v)) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Status) Valid() bool { _, ok := memberOf(statuses, uint8(v)); return ok }

// Label returns the Chinese label of v.
func (v Cause) Label() string { return setLabel(causes, uint8(v), "Cause") }

// String returns the English name of v.
func (v Cause) String() string { return setName(causes, uint8(v), "Cause") }

// Code returns the code of v ("" for the zero value).
func (v Cause) Code() string { return setCode(causes, uint8(v)) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Cause) Valid() bool { _, ok := memberOf(causes, uint8(v)); return ok }

// Removes reports whether v is a cause of removal from the database (剔除).
func (v Cause) Removes() bool { return v >= CauseGradeRemoved && v <= CauseNotNewStrata }

// Label returns the Chinese label of v.
func (v Kind) Label() string { return setLabel(kinds, uint8(v), "Kind") }

// String returns the English name of v.
func (v Kind) String() string { return setName(kinds, uint8(v), "Kind") }

// Code returns the code of v ("" for the zero value).
func (v Kind) Code() string { return setCode(kinds, uint8(v)) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Kind) Valid() bool { _, ok := memberOf(kinds, uint8(v)); return ok }
