package policy

import (
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/qualify"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
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
	// Inputs are what the county-district's formulas read beyond the form.
	Inputs []Input `yaml:"inputs,omitempty" json:"inputs,omitempty"`
	// Conditions are the qualification conditions (Annex 4), the part of
	// the policy [qualify] reads.
	Conditions []qualify.Condition `yaml:"conditions" json:"conditions"`
	// evaluate.Scheme is the index system with its bonuses, vetoes, grade bands and
	// rounding (Annex 3), the part of the policy [evaluate] reads; its
	// fields are the document's own (total, indicators, grades ...).
	evaluate.Scheme `yaml:",inline"`
	// Locks say what the city's county-districts may change of this policy
	// when they extend it; the zero value is the defaults ([Locks]). Only
	// the city's policy sets them: a county-district's inherits the city's.
	Locks Locks `yaml:"locks,omitempty" json:"locks,omitzero"`
	// Classification is the classification rules (see classification.go).
	Classification classify.Rules `yaml:"classification,omitempty" json:"classification,omitzero"`
	// Lists are the rules for the lists of representatives (see
	// lists.go): the city's, which a county-district's policy inherits
	// and may not change. The zero value is no lists section.
	Lists tier.Rules `yaml:"lists,omitempty" json:"lists,omitzero"`

	Pos formula.Position `yaml:"-" json:"-"`
	// fields holds where each top-level field's value starts in the file,
	// for messages about the policy as a whole (totals, veto_grade).
	fields map[string]formula.Position
	// touched holds where the overlay that made the document changed its
	// points; nil for a document not made by an overlay.
	touched *pointChanges
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
	Grades []evaluate.Band `yaml:"grades,omitempty" json:"grades,omitempty"`
	// Locks, when given, replace the base's locks whole. Only a file the
	// city hands in may give them.
	Locks *Locks `yaml:"locks,omitempty" json:"locks,omitempty"`
	// Classification changes the classification rules.
	Classification ClassificationChanges `yaml:"classification,omitempty" json:"classification,omitzero"`
	// Lists, when given, replace the base's lists section whole. Only a
	// file the city hands in may change the lists ([LockLists]).
	Lists *tier.Rules `yaml:"lists,omitempty" json:"lists,omitempty"`

	Pos    formula.Position `yaml:"-" json:"-"`
	fields map[string]formula.Position
}

// ConditionChanges are an overlay's changes to the conditions.
type ConditionChanges struct {
	Add    []qualify.Condition `yaml:"add,omitempty" json:"add,omitempty"`
	Change []ConditionChange   `yaml:"change,omitempty" json:"change,omitempty"`
}

// ConditionChange changes the kind of an existing condition.
type ConditionChange struct {
	ID   string       `yaml:"id" json:"id"`
	Kind qualify.Kind `yaml:"kind" json:"kind"`

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
	Parent             string `yaml:"parent,omitempty" json:"parent,omitempty"`
	evaluate.Indicator `yaml:",inline" json:",inline"`
}

// IndicatorChange changes an existing indicator's points or formula.
type IndicatorChange struct {
	ID      string           `yaml:"id" json:"id"`
	Points  *decimal.Decimal `yaml:"points,omitempty" json:"points,omitempty"`
	Formula *string          `yaml:"formula,omitempty" json:"formula,omitempty"`

	Pos        formula.Position `yaml:"-" json:"-"`
	FormulaPos formula.Position `yaml:"-" json:"-"`
}
