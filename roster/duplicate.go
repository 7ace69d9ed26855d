package roster

import (
	"fmt"
	"strings"
)

// DuplicateIDError is a record of a batch whose citizen ID an earlier
// record of the batch holds under another registration number: one person
// registered twice, or a mistyped ID. It names both records by position
// and registration number, never the ID, and matches [ErrDuplicateID].
type DuplicateIDError struct {
	Position, FirstPosition int    // 1-based places in the batch: this record's and the earlier one's
	Key, FirstKey           string // their registration numbers; "" for one with the shape of a citizen ID
}

// Error names both records, in Chinese, then in English:
//
//	第 5 条记录（登记编号 NN-2）与第 2 条记录（登记编号 NN-1）的公民身份号码相同 (record 5 (NN-2) has the citizen ID of record 2 (NN-1))
func (e *DuplicateIDError) Error() string {
	zh := func(pos int, key string) string {
		if key == "" {
			return fmt.Sprintf("第 %d 条记录", pos)
		}
		return fmt.Sprintf("第 %d 条记录（登记编号 %s）", pos, key)
	}
	en := func(pos int, key string) string {
		if key == "" {
			return fmt.Sprintf("record %d", pos)
		}
		return fmt.Sprintf("record %d (%s)", pos, key)
	}
	return fmt.Sprintf("%s与%s的公民身份号码相同 (%s has the citizen ID of %s)",
		zh(e.Position, e.Key), zh(e.FirstPosition, e.FirstKey), en(e.Position, e.Key), en(e.FirstPosition, e.FirstKey))
}

// Is reports whether target is [ErrDuplicateID].
func (e *DuplicateIDError) Is(target error) bool { return target == ErrDuplicateID }

// DuplicateIDs returns a [*DuplicateIDError] for every record of records
// whose citizen ID an earlier record holds under another registration
// number, in batch order; nil when there is none. IDs are compared as a
// clerk reads them: white space and invisible characters left out,
// full-width digits as digits, x as X. The first record with an ID keeps
// it; records without an ID, nil records, and a later record with the
// first one's registration number (a repeated record, which is a repeated
// key rather than a repeated person) are passed over.
//
// It does not validate the IDs: run it beside [Validator.Validate] on a
// batch, as the root package's AssessAll does.
func DuplicateIDs(records []*Record) []error {
	var errs []error
	first := make(map[string]int, len(records)) // ID → index of its first holder
	for i, r := range records {
		if r == nil {
			continue
		}
		id := strings.ToUpper(idShape(r.CitizenID))
		if id == "" {
			continue
		}
		j, seen := first[id]
		if !seen {
			first[id] = i
			continue
		}
		if records[j].Key == r.Key {
			continue
		}
		errs = append(errs, &DuplicateIDError{
			Position: i + 1, Key: printableKey(r.Key),
			FirstPosition: j + 1, FirstKey: printableKey(records[j].Key),
		})
	}
	return errs
}
