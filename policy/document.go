package policy

import (
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// Document is a jurisdiction's policy as data: the qualification conditions
// (Annex 4), the comprehensive evaluation index system (Annex 3), bonuses,
// vetoes, grade bands and the rounding rule. It is what a YAML policy file
// holds once its extends chain is resolved, and what a jurisdiction that
// builds its policy in Go fills in. [Compile] checks it and turns it into a
// [Policy].
type Document struct {
	ID           string `yaml:"id" json:"id"`
	Name         string `yaml:"name" json:"name"`
	Jurisdiction string `yaml:"jurisdiction" json:"jurisdiction"` // GB/T 2260 code of the city or unit
	// Extends is the id of the policy this one was built on ("" for a
	// baseline). A resolved Document keeps it for the record.
	Extends string `yaml:"extends,omitempty" json:"extends,omitempty"`
	// ValidFrom and ValidUntil bound the days the policy is in force, both
	// included; a zero ValidUntil means open-ended.
	ValidFrom  roster.Date `yaml:"valid_from" json:"valid_from"`
	ValidUntil roster.Date `yaml:"valid_until,omitempty" json:"valid_until,omitempty"`
	// Total is the full score (100); the first-level points add up to it and
	// the total with bonus never exceeds it.
	Total    decimal.Decimal `yaml:"total" json:"total"`
	Rounding Rounding        `yaml:"rounding" json:"rounding"`

	Inputs     []Input     `yaml:"inputs,omitempty" json:"inputs,omitempty"`
	Conditions []Condition `yaml:"conditions" json:"conditions"`
	Indicators []Indicator `yaml:"indicators" json:"indicators"`
	Bonuses    []Bonus     `yaml:"bonuses,omitempty" json:"bonuses,omitempty"`
	Vetoes     []Veto      `yaml:"vetoes,omitempty" json:"vetoes,omitempty"`
	// VetoGrade is the grade a veto gives whatever the score (D); its band
	// is a removed one, since a veto removes the person from the database.
	VetoGrade roster.Grade `yaml:"veto_grade" json:"veto_grade"`
	// Grades are the bands from the top down; together they cover 0 to
	// Total without gap or overlap.
	Grades []Band `yaml:"grades" json:"grades"`
	// Locks say what the city's county-districts may change of this policy
	// when they extend it; the zero value is the defaults ([Locks]). Only
	// the city's policy sets them: a county-district's inherits the city's.
	Locks Locks `yaml:"locks,omitempty" json:"locks,omitzero"`
	// Classification is the classification rules (see classification.go).
	Classification classify.Rules `yaml:"classification,omitempty" json:"classification,omitzero"`

	Pos formula.Position `yaml:"-" json:"-"`
	// fields holds where each top-level field's value starts in the file,
	// for messages about the policy as a whole (totals, veto_grade).
	fields map[string]formula.Position
	// touched holds where the overlay that made the document changed its
	// points; nil for a document not made by an overlay.
	touched *pointChanges
}

// ConditionKind says whether a failed condition can be waived.
type ConditionKind string

// The kinds of condition.
const (
	// Hard conditions fail the person.
	Hard ConditionKind = "hard"
	// Soft conditions fail unless waived, with a recorded reason
	// (特别优秀的可适当放宽).
	Soft ConditionKind = "soft"
)

// Label returns the Chinese name of the kind.
func (k ConditionKind) Label() string {
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
	ID      string        `yaml:"id" json:"id"`
	Name    string        `yaml:"name" json:"name"`
	Kind    ConditionKind `yaml:"kind" json:"kind"`
	Formula string        `yaml:"formula" json:"formula"`
	// Reason is the sentence a clerk reads when the condition fails.
	Reason string `yaml:"reason,omitempty" json:"reason,omitempty"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}

// Indicator is a first-level indicator (一级指标) with its second-level
// indicators (二级指标) as Children, or a second-level indicator with a
// formula. A second-level indicator earns what its formula gives, capped to
// 0..Points and rounded as the policy declares.
type Indicator struct {
	ID       string          `yaml:"id" json:"id"`
	Name     string          `yaml:"name" json:"name"`
	Points   decimal.Decimal `yaml:"points" json:"points"`
	Formula  string          `yaml:"formula,omitempty" json:"formula,omitempty"`
	Children []Indicator     `yaml:"children,omitempty" json:"children,omitempty"`
	// Note explains the reference formula in words, for the clerk.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}

// Bonus is an addition (加分) of up to Points; the total with bonuses is
// capped at the policy's Total.
type Bonus struct {
	ID      string          `yaml:"id" json:"id"`
	Name    string          `yaml:"name" json:"name"`
	Points  decimal.Decimal `yaml:"points" json:"points"`
	Formula string          `yaml:"formula" json:"formula"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}

// Veto is a one-vote veto (一票否决): when its predicate holds the grade is
// the policy's VetoGrade whatever the score.
type Veto struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name" json:"name"`
	Formula string `yaml:"formula" json:"formula"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}

// Band is a grade band: scores from From (included) up to To (excluded,
// except that the top band includes the Total).
type Band struct {
	Grade roster.Grade    `yaml:"grade" json:"grade"`
	From  decimal.Decimal `yaml:"from" json:"from"`
	To    decimal.Decimal `yaml:"to" json:"to"`
	// Removed marks the grade whose holders leave the database (D).
	Removed bool `yaml:"removed,omitempty" json:"removed,omitempty"`

	Pos formula.Position `yaml:"-" json:"-"`
}

// RoundingMode is how points are rounded.
type RoundingMode string

// The rounding modes.
const (
	HalfUp   RoundingMode = "half_up"   // 四舍五入: 0.005 → 0.01
	HalfEven RoundingMode = "half_even" // banker's rounding
	Down     RoundingMode = "down"      // truncation toward zero
)

// Rounding is applied to every second-level indicator's points, and to the
// bonus.
type Rounding struct {
	Places int32        `yaml:"places" json:"places"`
	Mode   RoundingMode `yaml:"mode" json:"mode"`
}

// Round rounds d by r.
func (r Rounding) Round(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() >= -r.Places {
		return d // no more places than kept: nothing to round (most points are whole)
	}
	switch r.Mode {
	case HalfEven:
		return d.RoundBank(r.Places)
	case Down:
		return d.Truncate(r.Places)
	}
	return d.Round(r.Places) // shopspring's Round is half away from zero; points are never negative
}

// InputType is the type of a declared input.
type InputType string

// The types of input.
const (
	IntInput     InputType = "int"
	DecimalInput InputType = "decimal"
	BoolInput    InputType = "bool"
	StringInput  InputType = "string"
)

// Input is a datum a county-district's indicator reads beyond the form
// (say, a contribution to rural revitalisation). Records carry it in
// roster.Record.Extra under its ID; formulas read it as In.<id>.
type Input struct {
	ID    string    `yaml:"id" json:"id"`
	Label string    `yaml:"label" json:"label"`
	Type  InputType `yaml:"type" json:"type"`
	// Min and Max bound a number, both included; nil means unbounded.
	Min *decimal.Decimal `yaml:"min,omitempty" json:"min,omitempty"`
	Max *decimal.Decimal `yaml:"max,omitempty" json:"max,omitempty"`
	// Default is used when a record lacks the input; without one a record
	// that lacks it gets an error.
	Default *string `yaml:"default,omitempty" json:"default,omitempty"`

	Pos formula.Position `yaml:"-" json:"-"`
}

// Overlay is a county-district's changes to the policy it extends. It may
// change an indicator's points or formula, add or disable indicators,
// replace the grade bands, add conditions, change a condition's kind and
// declare inputs of its own: nothing else. What a county-district's overlay
// may do of these is bounded further by the city's [Locks]; the city's own
// overlay may also replace the locks. [Overlay.Apply] gives the new
// policy and leaves the base untouched.
type Overlay struct {
	ID           string `yaml:"id" json:"id"`
	Name         string `yaml:"name" json:"name"`
	Jurisdiction string `yaml:"jurisdiction" json:"jurisdiction"`
	Extends      string `yaml:"extends" json:"extends"`
	// ValidFrom, when given, starts the overlay's own period, open-ended
	// unless ValidUntil is given too, and is not before the base's; when
	// not given, the overlay is in force when its base is, or until
	// ValidUntil if that is earlier.
	ValidFrom  roster.Date `yaml:"valid_from,omitempty" json:"valid_from,omitempty"`
	ValidUntil roster.Date `yaml:"valid_until,omitempty" json:"valid_until,omitempty"`

	Inputs     []Input          `yaml:"inputs,omitempty" json:"inputs,omitempty"`
	Conditions ConditionChanges `yaml:"conditions,omitempty" json:"conditions,omitempty"`
	Indicators IndicatorChanges `yaml:"indicators,omitempty" json:"indicators,omitempty"`
	// Grades, when given, replace the base's bands whole.
	Grades []Band `yaml:"grades,omitempty" json:"grades,omitempty"`
	// Locks, when given, replace the base's locks whole. Only a file the
	// city hands in may give them.
	Locks *Locks `yaml:"locks,omitempty" json:"locks,omitempty"`
	// Classification changes the classification rules.
	Classification ClassificationChanges `yaml:"classification,omitempty" json:"classification,omitzero"`

	Pos    formula.Position `yaml:"-" json:"-"`
	fields map[string]formula.Position
}

// ConditionChanges are an overlay's changes to the conditions.
type ConditionChanges struct {
	Add    []Condition       `yaml:"add,omitempty" json:"add,omitempty"`
	Change []ConditionChange `yaml:"change,omitempty" json:"change,omitempty"`
}

// ConditionChange changes the kind of an existing condition.
type ConditionChange struct {
	ID   string        `yaml:"id" json:"id"`
	Kind ConditionKind `yaml:"kind" json:"kind"`

	Pos formula.Position `yaml:"-" json:"-"`
}

// IndicatorChanges are an overlay's changes to the index system.
type IndicatorChanges struct {
	Add     []IndicatorAdd    `yaml:"add,omitempty" json:"add,omitempty"`
	Change  []IndicatorChange `yaml:"change,omitempty" json:"change,omitempty"`
	Disable []string          `yaml:"disable,omitempty" json:"disable,omitempty"`

	DisablePos []formula.Position `yaml:"-" json:"-"`
}

// IndicatorAdd adds a second-level indicator under Parent, or, with no
// Parent, a first-level indicator with its children.
type IndicatorAdd struct {
	Parent    string `yaml:"parent,omitempty" json:"parent,omitempty"`
	Indicator `yaml:",inline" json:",inline"`
}

// IndicatorChange changes an existing indicator's points or formula.
type IndicatorChange struct {
	ID      string           `yaml:"id" json:"id"`
	Points  *decimal.Decimal `yaml:"points,omitempty" json:"points,omitempty"`
	Formula *string          `yaml:"formula,omitempty" json:"formula,omitempty"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}
