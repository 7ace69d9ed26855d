package roster

import (
	"fmt"
	"strings"

	"github.com/newstrata/newstrata/internal/strtab"
	"github.com/newstrata/newstrata/internal/wordmap"
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
// batch, as the root package's AssessAll does. A batch too large to hold
// at once is checked record by record with an [IDIndex].
func DuplicateIDs(records []*Record) []error {
	var (
		errs []error
		ids  IDIndex
	)
	for i, r := range records {
		if err := ids.Add(r, i); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// IDIndex finds the records of a batch that repeat a citizen ID, as
// [DuplicateIDs] does, with the records given one at a time and in batch
// order: for a batch read as a stream, which is never held whole. It keeps
// each ID (in 8 bytes when it has the shape of one) with the place and the
// registration number of its first holder, and nothing else of a record:
// some 60 bytes a record, with no pointer for the garbage collector to
// follow.
//
// The zero IDIndex is empty and ready to use. It is for one goroutine.
type IDIndex struct {
	packed wordmap.Map  // IDs of 17 digits and a digit or X, packed → its first holder
	other  strtab.Index // any other text in the ID field → its first holder
	// The first holders, in the order met: their places and their
	// registration numbers as given.
	at   strtab.List[int]
	keys strtab.Table
}

// Add notes r, the record at index (0-based) of its batch, and returns a
// [*DuplicateIDError] when an earlier record holds its ID under another
// registration number; nil otherwise, and for a nil record or one without
// an ID.
func (x *IDIndex) Add(r *Record, index int) error {
	if r == nil {
		return nil
	}
	id := idShape(r.CitizenID)
	if id == "" {
		return nil
	}
	var holder int
	var seen bool
	if n, ok := packID(id); ok {
		holder, seen = x.packed.Add(n, x.at.Len())
	} else {
		holder, seen = x.other.Add(strings.ToUpper(id), x.at.Len())
	}
	if !seen {
		x.at.Append(index)
		x.keys.Add(r.Key)
		return nil
	}
	if x.keys.Is(holder, r.Key) {
		return nil
	}
	return &DuplicateIDError{
		Position: index + 1, Key: printableKey(r.Key),
		FirstPosition: x.at.At(holder) + 1, FirstKey: printableKey(x.keys.String(holder)),
	}
}

// packID packs an ID of 17 digits and a check digit or X into one number,
// one to one but for the case of X: the 17 digits times 11, plus the
// check character (X or x is 10).
func packID(id string) (uint64, bool) {
	if len(id) != 18 {
		return 0, false
	}
	var n uint64
	for i := range 17 {
		c := id[i]
		if !isASCIIDigit(c) {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	switch c := id[17]; {
	case isASCIIDigit(c):
		return n*11 + uint64(c-'0'), true
	case c == 'X' || c == 'x':
		return n*11 + 10, true
	}
	return 0, false
}
