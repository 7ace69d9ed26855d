package formula

import (
	"fmt"
	"unicode"
)

// Position is a place in a rule's source file: a 1-based line and column,
// counted in characters. The zero Position means a rule built in Go, with
// no file.
//
// A Position of a formula's text can also place what lies inside the
// formula: [Position.At] maps a line and column of the formula onto the
// file. For text written as is, that is an offset from where it starts
// (Indent is the column where its second and later lines start, as in a
// YAML block scalar); for text decoded from a folded or quoted scalar,
// whose characters are not simply offset from its start, [Mapped] gives a
// Position that knows where each character stands.
type Position struct {
	File   string
	Line   int
	Column int
	Indent int

	src *textMap
}

// textMap places each character of one text in its file.
type textMap struct {
	text string
	// places holds one place per character of text and one for its end;
	// starts holds the index in places of each line's first character.
	places []Position
	starts []int
}

// Mapped returns the position of text in file, given where each of its
// characters stands (places: one per character and one for its end, each a
// Line and Column). The position is that of its first character that is not
// white space; block says the text is a block scalar whose later lines
// start at that column.
func Mapped(file, text string, places []Position, block bool) Position {
	p := Position{File: file}
	if len(places) == 0 {
		return p
	}
	m := &textMap{text: text, places: places, starts: []int{0}}
	p.src = m
	first, i := -1, 0
	for _, r := range text {
		if r == '\n' {
			m.starts = append(m.starts, i+1)
		}
		if first < 0 && !unicode.IsSpace(r) {
			first = i
		}
		i++
	}
	at := places[0]
	if first >= 0 && first < len(places) {
		at = places[first]
	}
	p.Line, p.Column = at.Line, at.Column
	if block {
		p.Indent = p.Column
	}
	return p
}

// String writes file:line:column, leaving out what is unknown.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// IsZero reports whether p says nothing about a place.
func (p Position) IsZero() bool { return p.File == "" && p.Line == 0 }

// Of returns the position of the formula text, without its map of
// characters when the map is of another text (a formula changed in Go after
// it was read).
func (p Position) Of(text string) Position {
	if p.src != nil && p.src.text != text {
		p.src = nil
	}
	return p
}

// At maps a place in a formula — 1-based line and column counted in
// characters — onto the file. For a formula not read from a file the place
// stays within the formula.
func (p Position) At(line, col int) Position {
	out := Position{File: p.File}
	if src := p.src; src != nil && len(src.places) > 0 && line >= 1 && line <= len(src.starts) {
		i := src.starts[line-1] + max(col, 1) - 1
		if i < len(src.places) {
			at := src.places[i]
			out.Line, out.Column = at.Line, at.Column
			return out
		}
		end := src.places[len(src.places)-1] // past the text: on from its end
		out.Line, out.Column = end.Line, end.Column+i-len(src.places)+1
		return out
	}
	switch {
	case p.Line == 0:
		out.Line, out.Column = line, col
	case line <= 1:
		out.Line, out.Column = p.Line, max(p.Column, 1)+col-1
	default:
		out.Line, out.Column = p.Line+line-1, max(p.Indent, 1)+col-1
	}
	return out
}

// locate maps a place as expr reports it (1-based line, 0-based column).
func (p Position) locate(line, col int) Position { return p.At(line, col+1) }
