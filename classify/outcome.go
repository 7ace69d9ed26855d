package classify

import (
	"fmt"
	"strings"
)

// Outcome is what a classification concludes about a person.
type Outcome uint8

// The members of Outcome. The zero value is Undetermined, so that a
// [Result] that was never filled in never reads as a conclusion.
const (
	Undetermined Outcome = iota // 无法判定: data missing or not enough to decide
	Classified                  // 新的社会阶层人士: in one of the four groups
	NotNewStrata                // 非新的社会阶层人士: in none of them
)

var outcomeNames = [...]struct{ name, label string }{
	Undetermined: {"undetermined", "无法判定"},
	Classified:   {"classified", "新的社会阶层人士"},
	NotNewStrata: {"not new strata", "非新的社会阶层人士"},
}

// String returns the English name of o.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o].name
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// Label returns the Chinese label of o, as a clerk reads it.
func (o Outcome) Label() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o].label
	}
	return fmt.Sprintf("分类结论(%d)", uint8(o))
}

// parseOutcome reads an outcome that a screen or fallback rule gives in its
// group field. A group (G1 ...) is not an outcome here.
func parseOutcome(s string) (Outcome, bool) {
	switch strings.TrimSpace(s) {
	case "非新的社会阶层", "非新的社会阶层人士", "not new strata", "NotNewStrata":
		return NotNewStrata, true
	case "无法判定", "undetermined", "cannot tell", "Undetermined":
		return Undetermined, true
	}
	return 0, false
}

// Step is the step of the classification a rule belongs to, named by the
// section of the rules document that holds it.
type Step uint8

// The members of Step, in the order a classification takes them.
const (
	Screening Step = iota + 1 // screens: 先行判断, before the groups
	Grouping                  // groups: 群体判断, the four groups
	Fallback                  // fallbacks: 兜底判断, when no group holds
	Otherwise                 // otherwise: 其余情形, when nothing else holds
)

var stepNames = [...]struct{ name, label string }{
	Screening: {"screens", "先行判断"},
	Grouping:  {"groups", "群体判断"},
	Fallback:  {"fallbacks", "兜底判断"},
	Otherwise: {"otherwise", "其余情形"},
}

// String returns the name of the document section that holds s's rules.
func (s Step) String() string {
	if s > 0 && int(s) < len(stepNames) {
		return stepNames[s].name
	}
	return fmt.Sprintf("Step(%d)", uint8(s))
}

// Label returns the Chinese label of s.
func (s Step) Label() string {
	if s > 0 && int(s) < len(stepNames) {
		return stepNames[s].label
	}
	return fmt.Sprintf("判断步骤(%d)", uint8(s))
}
