package roster

import "errors"

// Causes that [errors.Is] matches.
var (
	// ErrUnknownCode: a code or label that is not in its closed set.
	ErrUnknownCode = errors.New("unknown code")
	// ErrBadDate: a date that cannot be read or does not exist.
	ErrBadDate = errors.New("bad date")
)

// ErrCitizenID: a citizen ID (公民身份号码) that is not a valid GB 11643 number.
var ErrCitizenID = errors.New("invalid citizen ID")
