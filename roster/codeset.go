package roster

import (
	"fmt"
	"strings"
)

// codeEntry is one member of a closed code set: the code of the national
// standard, the official Chinese label, an English name and the other
// spellings a clerk may type into a form.
type codeEntry struct {
	code    string
	label   string
	name    string
	aliases []string
}

// codeSet is the immutable table behind a closed set. Index 0 is the zero
// value of the named type; it means "not filled in".
type codeSet[T ~uint8] struct {
	kind    string // the field's Chinese name, for messages
	entries []codeEntry
}

// label, name and code read the entry in place: they run for every
// coded field of every record a batch turns into facts.
func (s *codeSet[T]) label(v T) string {
	if int(v) < len(s.entries) {
		return s.entries[v].label
	}
	return fmt.Sprintf("%s(%d)", s.kind, uint8(v))
}

func (s *codeSet[T]) name(v T) string {
	if int(v) < len(s.entries) {
		return s.entries[v].name
	}
	return fmt.Sprintf("%s(%d)", s.kind, uint8(v))
}

func (s *codeSet[T]) code(v T) string {
	if int(v) < len(s.entries) {
		return s.entries[v].code
	}
	return ""
}

func (s *codeSet[T]) valid(v T) bool {
	return v != 0 && int(v) < len(s.entries)
}

// parse accepts the standard code, the Chinese label, the English name or an
// alias, ignoring surrounding spaces and the case of English names; a
// two-digit code may lose its leading zero, and a label ending in 族 its 族.
func (s *codeSet[T]) parse(text string) (T, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, nil
	}
	for i := 1; i < len(s.entries); i++ {
		e := s.entries[i]
		if t == e.code || t == e.label || strings.EqualFold(t, e.name) {
			return T(i), nil
		}
		for _, a := range e.aliases {
			if t == a {
				return T(i), nil
			}
		}
	}
	// What spreadsheets and clerks do to a code or label: a leading zero
	// dropped (1 for 01, the column taken for numbers), 族 left out (汉,
	// 壮). Each is tried only when the text is nothing else.
	if len(t) == 1 && t[0] >= '0' && t[0] <= '9' && s.twoDigitCodes() {
		return s.parse("0" + t)
	}
	if !strings.HasSuffix(t, "族") && !strings.HasSuffix(t, "人士") && s.hasLabel(t+"族") {
		return s.parse(t + "族")
	}
	// The text is not quoted: a citizen ID typed into the wrong column
	// would come back in the message.
	return 0, fmt.Errorf("%w: not a code or label of %s", ErrUnknownCode, s.kind)
}

// labels lists the Chinese labels of the set, in code order.
func (s *codeSet[T]) labels() []string {
	out := make([]string, 0, len(s.entries)-1)
	for _, e := range s.entries[1:] {
		out = append(out, e.label)
	}
	return out
}

// twoDigitCodes reports whether every code of the set has two digits.
func (s *codeSet[T]) twoDigitCodes() bool {
	for _, e := range s.entries[1:] {
		if len(e.code) != 2 {
			return false
		}
	}
	return true
}

func (s *codeSet[T]) hasLabel(l string) bool {
	for _, e := range s.entries[1:] {
		if e.label == l {
			return true
		}
	}
	return false
}
