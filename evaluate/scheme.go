package evaluate

import (
	"github.com/newstrata/newstrata/formula"
	"github.com/shopspring/decimal"
)

// Scheme is the comprehensive evaluation index system (综合评价指标体系,
// Annex 3) as data: the first-level indicators with their second-level
// ones, bonuses, vetoes, the grade bands and the rounding rule. It is the
// part of a jurisdiction's policy this stage reads; [Compile] turns it
// into an [Evaluator]. A policy document holds it inline, so its fields are
// the document's (total, rounding, indicators, bonuses, vetoes, veto_grade,
// grades).
type Scheme struct {
	// Total is the full score (100); the first-level points add up to it and
	// the total with bonus never exceeds it.
	Total      decimal.Decimal `yaml:"total" json:"total"`
	Rounding   Rounding        `yaml:"rounding" json:"rounding"`
	Indicators []Indicator     `yaml:"indicators" json:"indicators"`
	Bonuses    []Bonus         `yaml:"bonuses,omitempty" json:"bonuses,omitempty"`
	Vetoes     []Veto          `yaml:"vetoes,omitempty" json:"vetoes,omitempty"`
	// VetoGrade is the grade a veto gives whatever the score (D); its band
	// is a removed one, since a veto removes the person from the database.
	VetoGrade Grade `yaml:"veto_grade" json:"veto_grade"`
	// Grades are the bands from the top down; together they cover 0 to
	// Total without gap or overlap.
	Grades []Band `yaml:"grades" json:"grades"`
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
	Grade Grade           `yaml:"grade" json:"grade"`
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

// fixed is Round on the engine's numbers: the same result, to the
// exponent.
func (r Rounding) fixed(x formula.Fixed) formula.Fixed {
	if x.Exponent() >= -r.Places {
		return x
	}
	switch r.Mode {
	case HalfEven:
		return x.RoundBank(r.Places)
	case Down:
		return x.Truncate(r.Places)
	}
	return x.Round(r.Places)
}
