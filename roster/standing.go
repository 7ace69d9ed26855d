package roster

// Group is one of the four groups of new social strata people named by the notice.
// The zero value means not filled in.
type Group uint8

// The members of Group.
const (
	G1 Group = iota + 1 // 民营企业和外商投资企业管理技术人员
	G2                  // 中介组织和社会组织从业人员
	G3                  // 自由职业人员
	G4                  // 新媒体从业人员
)

var groupSet = codeSet[Group]{kind: "群体", entries: []codeEntry{
	{},
	{code: "1", label: "民营企业和外商投资企业管理技术人员", name: "private and foreign-invested enterprise managers and technical staff", aliases: []string{"民营企业和外资企业管理技术人员", "G1"}},
	{code: "2", label: "中介组织和社会组织从业人员", name: "intermediary and social organisation staff", aliases: []string{"G2"}},
	{code: "3", label: "自由职业人员", name: "freelancers", aliases: []string{"G3"}},
	{code: "4", label: "新媒体从业人员", name: "new media practitioners", aliases: []string{"G4"}},
}}

// Subkind is one of the six kinds of freelancer (G3) named by the notice.
// The zero value means not filled in.
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

var subkindSet = codeSet[Subkind]{kind: "自由职业人员类别", entries: []codeEntry{
	{},
	{code: "1", label: "自由写作人员", name: "freelance writing", aliases: []string{"①"}},
	{code: "2", label: "自由文艺创作人员", name: "freelance art creation", aliases: []string{"②"}},
	{code: "3", label: "自由演艺人员", name: "freelance performance", aliases: []string{"③"}},
	{code: "4", label: "自由策划咨询人员", name: "freelance planning and consulting", aliases: []string{"④"}},
	{code: "5", label: "知识型市场服务人员", name: "knowledge-based market services", aliases: []string{"⑤"}},
	{code: "6", label: "技能型市场服务人员", name: "skill-based market services", aliases: []string{"⑥"}},
}}

// String returns the English name of v.
func (v Group) String() string { return groupSet.name(v) }

// Label returns the official Chinese label of v.
func (v Group) Label() string { return groupSet.label(v) }

// Code returns the code of v ("" for the zero value).
func (v Group) Code() string { return groupSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Group) Valid() bool { return groupSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Group) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Group) UnmarshalText(b []byte) error {
	p, err := ParseGroup(string(b))
	*v = p
	return err
}

// ParseGroup reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseGroup(s string) (Group, error) { return groupSet.parse(s) }

// GroupLabels lists the Chinese labels of every member, in order.
func GroupLabels() []string { return groupSet.labels() }

// String returns the English name of v.
func (v Subkind) String() string { return subkindSet.name(v) }

// Label returns the official Chinese label of v.
func (v Subkind) Label() string { return subkindSet.label(v) }

// Code returns the code of v ("" for the zero value).
func (v Subkind) Code() string { return subkindSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Subkind) Valid() bool { return subkindSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Subkind) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Subkind) UnmarshalText(b []byte) error {
	p, err := ParseSubkind(string(b))
	*v = p
	return err
}

// ParseSubkind reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseSubkind(s string) (Subkind, error) { return subkindSet.parse(s) }

// SubkindLabels lists the Chinese labels of every member, in order.
func SubkindLabels() []string { return subkindSet.labels() }
