package classify

import (
	"errors"
	"fmt"
	"strings"
)

// Group is one of the four groups of new social strata people named by the
// notice. The zero value means none.
type Group uint8

// The members of Group.
const (
	G1 Group = iota + 1 // 民营企业和外商投资企业管理技术人员
	G2                  // 中介组织和社会组织从业人员
	G3                  // 自由职业人员
	G4                  // 新媒体从业人员
)

// Subkind is one of the six kinds of freelancer (G3) named by the notice.
// The zero value means none.
type Subkind uint8

// The members of Subkind.
const (
	Writing          Subkind = iota + 1 // 自由写作人员
	ArtCreation                         // 自由文艺创作人员
	Performance                         // 自由演艺人员
	Consulting                          // 自由策划咨询人员
	KnowledgeService                    // 知识型市场服务人员
	SkillService                        // 技能型市场服务人员
)

// ErrUnknownCode: a text that is no member of the set it is read as.
var ErrUnknownCode = errors.New("unknown code")

// member is one member of a closed set: its code, its official Chinese
// label, its English name and the other spellings a clerk may write.
type member struct {
	code, label, name string
	aliases           []string
}

// Index 0 of each table is the zero value, which is no member.
var (
	groups = []member{
		{},
		{"G1", "民营企业和外商投资企业管理技术人员", "private and foreign-invested enterprise managers and technical staff", []string{"1", "民营企业和外资企业管理技术人员"}},
		{"G2", "中介组织和社会组织从业人员", "intermediary and social organisation staff", []string{"2"}},
		{"G3", "自由职业人员", "freelancers", []string{"3"}},
		{"G4", "新媒体从业人员", "new media practitioners", []string{"4"}},
	}
	subkinds = []member{
		{},
		{"1", "自由写作人员", "freelance writing", []string{"①"}},
		{"2", "自由文艺创作人员", "freelance art creation", []string{"②"}},
		{"3", "自由演艺人员", "freelance performance", []string{"③"}},
		{"4", "自由策划咨询人员", "freelance planning and consulting", []string{"④"}},
		{"5", "知识型市场服务人员", "knowledge-based market services", []string{"⑤"}},
		{"6", "技能型市场服务人员", "skill-based market services", []string{"⑥"}},
	}
)

func lookup(set []member, i uint8) (member, bool) {
	if i == 0 || int(i) >= len(set) {
		return member{}, false
	}
	return set[i], true
}

// parse reads a code, a label, an English name (in any case) or an alias;
// "" is the zero value.
func parse(set []member, kind, s string) (uint8, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, nil
	}
	for i, m := range set[1:] {
		if t == m.code || t == m.label || strings.EqualFold(t, m.name) {
			return uint8(i + 1), nil
		}
		for _, a := range m.aliases {
			if t == a {
				return uint8(i + 1), nil
			}
		}
	}
	return 0, fmt.Errorf("%w: %q is not a %s", ErrUnknownCode, t, kind)
}

func labels(set []member) []string {
	out := make([]string, 0, len(set)-1)
	for _, m := range set[1:] {
		out = append(out, m.label)
	}
	return out
}

// String returns the English name of g.
func (g Group) String() string {
	if m, ok := lookup(groups, uint8(g)); ok {
		return m.name
	}
	return fmt.Sprintf("Group(%d)", uint8(g))
}

// Label returns the official Chinese label of g.
func (g Group) Label() string {
	if m, ok := lookup(groups, uint8(g)); ok {
		return m.label
	}
	return fmt.Sprintf("群体(%d)", uint8(g))
}

// Code returns the code of g as the rules and roster.Facts.Group write it,
// G1 to G4; "" for the zero value.
func (g Group) Code() string {
	m, _ := lookup(groups, uint8(g))
	return m.code
}

// Valid reports whether g is one of the four groups (the zero value is not).
func (g Group) Valid() bool { _, ok := lookup(groups, uint8(g)); return ok }

// MarshalText writes the code, G1 to G4, as the rules do.
func (g Group) MarshalText() ([]byte, error) { return []byte(g.Code()), nil }

// UnmarshalText reads what [ParseGroup] reads.
func (g *Group) UnmarshalText(b []byte) error {
	v, err := ParseGroup(string(b))
	*g = v
	return err
}

// ParseGroup reads a code (G1, or 1), the Chinese label, the English name or
// a common alias. The empty string gives the zero value.
func ParseGroup(s string) (Group, error) {
	v, err := parse(groups, "group", s)
	return Group(v), err
}

// GroupLabels lists the Chinese labels of the four groups, in order.
func GroupLabels() []string { return labels(groups) }

// String returns the English name of s.
func (s Subkind) String() string {
	if m, ok := lookup(subkinds, uint8(s)); ok {
		return m.name
	}
	return fmt.Sprintf("Subkind(%d)", uint8(s))
}

// Label returns the official Chinese label of s, which roster.Facts.Subkind
// holds.
func (s Subkind) Label() string {
	if m, ok := lookup(subkinds, uint8(s)); ok {
		return m.label
	}
	return fmt.Sprintf("自由职业人员类别(%d)", uint8(s))
}

// Code returns the code of s, 1 to 6; "" for the zero value.
func (s Subkind) Code() string {
	m, _ := lookup(subkinds, uint8(s))
	return m.code
}

// Valid reports whether s is one of the six sub-kinds (the zero value is not).
func (s Subkind) Valid() bool { _, ok := lookup(subkinds, uint8(s)); return ok }

// MarshalText writes the Chinese label, as the rules do.
func (s Subkind) MarshalText() ([]byte, error) {
	if s == 0 {
		return nil, nil
	}
	return []byte(s.Label()), nil
}

// UnmarshalText reads what [ParseSubkind] reads.
func (s *Subkind) UnmarshalText(b []byte) error {
	v, err := ParseSubkind(string(b))
	*s = v
	return err
}

// ParseSubkind reads a code (1 to 6), the Chinese label, the English name or
// the circled number (① to ⑥). The empty string gives the zero value.
func ParseSubkind(s string) (Subkind, error) {
	v, err := parse(subkinds, "freelance sub-kind", s)
	return Subkind(v), err
}

// SubkindLabels lists the Chinese labels of the six sub-kinds, in order.
func SubkindLabels() []string { return labels(subkinds) }
