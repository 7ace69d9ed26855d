package tier

import (
	"errors"
	"fmt"
	"strings"
)

// Causes that [errors.Is] matches on an error of [Select], [Round],
// [NewRegistry], a [View] and the readers.
var (
	// ErrInvalid: a field of the wrong form (an empty registration number,
	// a group or grade outside its set, a coverage share outside 0 to 1).
	ErrInvalid = errors.New("invalid value")
	// ErrDuplicate: a registration number given twice, or a list id or a
	// unit used by two lists.
	ErrDuplicate = errors.New("duplicate")
	// ErrUnknownUnit: a candidate's unit has no county-district list.
	ErrUnknownUnit = errors.New("unknown unit")
	// ErrQuota: a negative quota.
	ErrQuota = errors.New("bad quota")
	// ErrCoverage: group minimums that add up to more than the quota, so
	// that no list could ever meet them.
	ErrCoverage = errors.New("coverage cannot be met")
	// ErrOrder: an order that is not a strict total order (a key twice,
	// an unknown key, not ending with the registration number), or the
	// eligible grades that are empty or name D.
	ErrOrder = errors.New("bad order")
	// ErrScope: a county-district's view or round given a person of
	// another unit, or a unit it has no list for.
	ErrScope = errors.New("outside the scope")
	// ErrNotFound: a registration number not in the registry.
	ErrNotFound = errors.New("not in the registry")
)

// Error is a fault in the rules (List names the list, or is "" for a
// rule of the whole selection) or in a candidate (Key names it). Field is
// the Chinese name of the field at fault.
//
// Its text is written for the clerk who fixes the data: the place, then
// the message in Chinese with the English in parentheses:
//
//	名单 450103：名额 不能为负数 (quota is negative)
//	记录 NN-000123：登记编号 重复 (registration number given twice)
type Error struct {
	// Index is the 1-based place of a candidate in the input, given only
	// when the candidate has no registration number to name it by.
	Index int
	// Place names a place that is neither a record nor a list: 本轮 for
	// the round as a whole.
	Place   string
	List    string
	Key     string
	Field   string
	Message string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.Key != "":
		b.WriteString("记录 " + e.Key + "：")
	case e.Index > 0:
		fmt.Fprintf(&b, "第 %d 条记录：", e.Index)
	case e.List != "":
		b.WriteString("名单 " + e.List + "：")
	case e.Place != "":
		b.WriteString(e.Place + "：")
	default:
		b.WriteString("名单规则：")
	}
	if e.Field != "" {
		b.WriteString(e.Field + " ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

func bilingual(zh, en string) string { return zh + " (" + en + ")" }

// fault is a message and its sentinel cause, for a place that a wrapping
// error gives (a [CSVError]).
type fault struct {
	msg string
	err error
}

func newFault(zh, en string, cause error) error { return &fault{bilingual(zh, en), cause} }

func (f *fault) Error() string { return f.msg }
func (f *fault) Unwrap() error { return f.err }
