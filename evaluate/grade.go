package evaluate

import (
	"errors"
	"fmt"
	"strings"
)

// Grade is a grade of the comprehensive evaluation (综合评价等次): A, B, C
// or D, from the top. Which grades leave the database (D) is the policy's
// word ([Band.Removed]). The zero value means not graded.
type Grade uint8

// The grades.
const (
	GradeA Grade = iota + 1 // A级
	GradeB                  // B级
	GradeC                  // C级
	GradeD                  // D级
)

// Grades lists the grades from the top.
var Grades = [...]Grade{GradeA, GradeB, GradeC, GradeD}

// ErrGrade: text that is not a grade.
var ErrGrade = errors.New("unknown grade")

// Code returns "A" to "D" ("" for the zero value).
func (g Grade) Code() string {
	if !g.Valid() {
		return ""
	}
	return string(rune('A' + g - GradeA))
}

// Label returns the Chinese label: A级 to D级.
func (g Grade) Label() string {
	if !g.Valid() {
		return fmt.Sprintf("等次(%d)", uint8(g))
	}
	return g.Code() + "级"
}

// String returns the code, or Grade(n) for a value that is not a grade.
func (g Grade) String() string {
	if !g.Valid() {
		return fmt.Sprintf("Grade(%d)", uint8(g))
	}
	return g.Code()
}

// Valid reports whether g is one of the four grades.
func (g Grade) Valid() bool { return g >= GradeA && g <= GradeD }

// MarshalText writes the Chinese label, as the forms do.
func (g Grade) MarshalText() ([]byte, error) {
	if g == 0 {
		return nil, nil
	}
	return []byte(g.Label()), nil
}

// UnmarshalText reads a grade as [ParseGrade] does.
func (g *Grade) UnmarshalText(b []byte) error {
	p, err := ParseGrade(string(b))
	*g = p
	return err
}

// ParseGrade reads A to D, with or without 级 ("B", "B级", "b"); the empty
// string gives the zero value.
func ParseGrade(s string) (Grade, error) {
	t := strings.ToUpper(strings.TrimSuffix(strings.TrimSpace(s), "级"))
	if t == "" {
		return 0, nil
	}
	for _, g := range Grades {
		if t == g.Code() {
			return g, nil
		}
	}
	return 0, fmt.Errorf("%w: 等次应为 A、B、C 或 D (a grade is A, B, C or D)", ErrGrade)
}
