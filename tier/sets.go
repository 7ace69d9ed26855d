package tier

import "fmt"

// Tier is the level of a list: the city's or a county-district's.
// The zero value means not filled in.
type Tier uint8

// The members of Tier.
const (
	City   Tier = iota + 1 // 市级
	County                 // 县区级
)

// SortKey is one key of the order in which a list ranks its candidates
// (see the package documentation). Every key puts the better candidate
// first. The zero value is no key and is refused by [Select].
type SortKey uint8

// The members of SortKey.
const (
	// ByPriority puts holders of a post at or above the list's
	// [List.PriorityLevel] first.
	ByPriority SortKey = iota + 1
	// ByGrade puts A before B before C.
	ByGrade
	// ByScore puts the higher comprehensive evaluation score first.
	ByScore
	// ByPost puts the higher post level first (国家级, 省级, 市级, 县级, none).
	ByPost
	// ByKey puts the smaller registration number first, comparing bytes.
	// It is unique, so it must end the order.
	ByKey
	// ByIncumbent puts a candidate who sat on this very list before
	// ([Candidate.Incumbent]) first. Put first in the order, it keeps
	// incumbents on their list while they stay eligible (see the
	// package documentation).
	ByIncumbent
)

// Reason says why a candidate was admitted to a list or held back from it.
// The zero value means no reason.
type Reason uint8

// The members of Reason. ReasonPriority, ReasonRank, ReasonCoverage and
// ReasonIncumbent admit; the others hold back.
const (
	// ReasonPriority: admitted by rank and holds a priority post.
	ReasonPriority Reason = iota + 1
	// ReasonRank: admitted by rank.
	ReasonRank
	// ReasonCoverage: admitted below the rank line to a seat kept for
	// the candidate's group.
	ReasonCoverage
	// ReasonQuota: ranked below the rank line; the quota is full.
	ReasonQuota
	// ReasonReserved: ranked above the rank line, but the seat went to a
	// group that was below its minimum.
	ReasonReserved
	// ReasonGrade: the grade is not one the rules list.
	ReasonGrade
	// ReasonListed: already on the city list, and a person sits on one
	// list only.
	ReasonListed
	// ReasonIncumbent: admitted by rank, kept as an incumbent of the list
	// (the order has ByIncumbent).
	ReasonIncumbent
)

type entry struct{ label, name string }

var (
	tiers = []entry{{}, {"市级", "city"}, {"县区级", "county-district"}}

	sortKeys = []entry{{},
		{"职务优先", "priority post"},
		{"综合评价等次", "grade"},
		{"综合评价得分", "score"},
		{"职务级别", "post level"},
		{"登记编号", "registration number"},
		{"在任优先", "incumbent"},
	}

	reasons = []entry{{},
		{"职务优先入选", "admitted: priority post"},
		{"按排序入选", "admitted by rank"},
		{"群体覆盖名额入选", "admitted to a seat kept for group coverage"},
		{"名额已满", "quota full"},
		{"名额留给群体覆盖", "seat kept for group coverage"},
		{"综合评价等次不能入选", "grade not eligible"},
		{"已列入市级名单", "already on the city list"},
		{"在任留任", "kept as incumbent"},
	}
)

func lookup(set []entry, v uint8, kind string, chinese bool) string {
	if v == 0 || int(v) >= len(set) {
		return fmt.Sprintf("%s(%d)", kind, v)
	}
	if chinese {
		return set[v].label
	}
	return set[v].name
}

// Label returns the official Chinese label of v.
func (v Tier) Label() string { return lookup(tiers, uint8(v), "Tier", true) }

// String returns the English name of v.
func (v Tier) String() string { return lookup(tiers, uint8(v), "Tier", false) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Tier) Valid() bool { return v != 0 && int(v) < len(tiers) }

// Label returns the Chinese name of v.
func (v SortKey) Label() string { return lookup(sortKeys, uint8(v), "SortKey", true) }

// String returns the English name of v.
func (v SortKey) String() string { return lookup(sortKeys, uint8(v), "SortKey", false) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v SortKey) Valid() bool { return v != 0 && int(v) < len(sortKeys) }

// Label returns the Chinese wording of v, as a clerk reads it.
func (v Reason) Label() string { return lookup(reasons, uint8(v), "Reason", true) }

// String returns the English wording of v.
func (v Reason) String() string { return lookup(reasons, uint8(v), "Reason", false) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Reason) Valid() bool { return v != 0 && int(v) < len(reasons) }

// Admitted reports whether v is a reason to admit.
func (v Reason) Admitted() bool {
	return v >= ReasonPriority && v <= ReasonCoverage || v == ReasonIncumbent
}
