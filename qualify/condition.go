package qualify

import "github.com/newstrata/newstrata/formula"

// Kind says whether a failed condition can be waived.
type Kind string

// The kinds of condition.
const (
	// Hard conditions fail the person.
	Hard Kind = "hard"
	// Soft conditions fail unless waived, with a recorded reason
	// (特别优秀的可适当放宽).
	Soft Kind = "soft"
)

// String writes the kind and its Chinese name, for messages.
func (k Kind) String() string { return string(k) + " (" + k.Label() + ")" }

// Label returns the Chinese name of the kind.
func (k Kind) Label() string {
	switch k {
	case Hard:
		return "刚性条件"
	case Soft:
		return "可放宽条件"
	}
	return string(k)
}

// Condition is a qualification condition: a predicate over the record.
type Condition struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name" json:"name"`
	Kind    Kind   `yaml:"kind" json:"kind"`
	Formula string `yaml:"formula" json:"formula"`
	// Reason is the sentence a clerk reads when the condition fails.
	Reason string `yaml:"reason,omitempty" json:"reason,omitempty"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}
