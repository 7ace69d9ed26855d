package roster

// Grade is a grade of the comprehensive evaluation. Grade D is removed from the database.
// The zero value means not filled in.
type Grade uint8

// The members of Grade.
const (
	GradeA Grade = iota + 1 // A级
	GradeB                  // B级
	GradeC                  // C级
	GradeD                  // D级
)

var gradeSet = codeSet[Grade]{kind: "综合评价等次", entries: []codeEntry{
	{},
	{code: "A", label: "A级", name: "A", aliases: []string{"A"}},
	{code: "B", label: "B级", name: "B", aliases: []string{"B"}},
	{code: "C", label: "C级", name: "C", aliases: []string{"C"}},
	{code: "D", label: "D级", name: "D", aliases: []string{"D"}},
}}

// String returns the English name of v.
func (v Grade) String() string { return gradeSet.name(v) }

// Label returns the official Chinese label of v.
func (v Grade) Label() string { return gradeSet.label(v) }

// Code returns the code of v ("" for the zero value).
func (v Grade) Code() string { return gradeSet.code(v) }

// Valid reports whether v is a member of the set (the zero value is not).
func (v Grade) Valid() bool { return gradeSet.valid(v) }

// MarshalText writes the Chinese label, so that data files read as the forms do.
func (v Grade) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return []byte(v.Label()), nil
}

// UnmarshalText reads a code, a Chinese label, an English name or a common alias.
func (v *Grade) UnmarshalText(b []byte) error {
	p, err := ParseGrade(string(b))
	*v = p
	return err
}

// ParseGrade reads a code, a Chinese label, an English name or a common alias.
// The empty string gives the zero value.
func ParseGrade(s string) (Grade, error) { return gradeSet.parse(s) }

// GradeLabels lists the Chinese labels of every member, in order.
func GradeLabels() []string { return gradeSet.labels() }
