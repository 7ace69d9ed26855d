package yamlsrc

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Place is a place in a file: a 1-based line and a 1-based column counted
// in characters. The zero Place means the place is not known.
type Place struct{ Line, Column int }

// Lines splits a file into lines of characters, the form [Origin.Map]
// reads. A line keeps a trailing '\r', which the mapping treats as white
// space.
func Lines(data []byte) [][]rune {
	text := strings.Split(string(data), "\n")
	lines := make([][]rune, len(text))
	for i, l := range text {
		lines[i] = []rune(l)
	}
	return lines
}

// Parse parses a YAML file with comments dropped, turning a panic of the
// parser into an error: the files come from outside, and nothing panics on
// input. A syntax error keeps go-yaml's type, which knows its token.
func Parse(data []byte) (f *ast.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("the YAML parser failed: %v", p)
		}
	}()
	return parser.ParseBytes(data, 0)
}

// TokenPlace is where a token starts; the zero Place for nil or a token
// without a position.
func TokenPlace(tk *token.Token) Place {
	if tk == nil || tk.Position == nil {
		return Place{}
	}
	return Place{tk.Position.Line, tk.Position.Column}
}

// NodePlace is where a node starts as a reader sees it. A block mapping and
// a mapping entry start at their first key (go-yaml's own token for them is
// the first colon); a flow mapping at its brace; a block scalar at its
// header (| or >).
func NodePlace(n ast.Node) Place {
	switch v := n.(type) {
	case nil:
		return Place{}
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 && v.Values[0].Key != nil {
			return NodePlace(v.Values[0].Key)
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			return NodePlace(v.Key)
		}
	}
	return TokenPlace(n.GetToken())
}

// ScalarText is the text of a scalar node as YAML decodes it, a number or a
// boolean as written (0.10 stays 0.10); ok is false for null, a list, a
// mapping and anything else that is not a scalar.
func ScalarText(n ast.Node) (text string, ok bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	return "", false
}

// Fields returns the entries of a mapping node, a lone entry standing for a
// mapping of one; ok is false for any other node.
func Fields(n ast.Node) (fields []*ast.MappingValueNode, ok bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

// Indirect reports whether n is an anchor, an alias, a tag, a merge key, a
// complex key or a directive: what lets one place of a file stand for
// another, or changes how a value reads, so that an error's place would no
// longer say where to look. The files read with this package refuse them.
func Indirect(n ast.Node) bool {
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode, *ast.MergeKeyNode, *ast.MappingKeyNode, *ast.DirectiveNode:
		return true
	}
	return false
}

// Origin is where the text of a scalar starts in its file and how the
// scalar is quoted: what [Origin.Map] needs to place the text's characters,
// kept apart from the syntax tree so it can be recorded while decoding and
// used once the file's lines are at hand. The zero Origin places nothing:
// its map holds zero Places.
type Origin struct {
	start Place
	quote rune // ' or " for a quoted scalar, 0 otherwise
}

// OriginOf records where the text of scalar n starts: after the opening
// quote of a quoted scalar, on the line after the header of a block scalar
// (| or >), where the scalar stands otherwise. A tag or an anchor before
// the scalar is passed over.
func OriginOf(n ast.Node) Origin {
	switch v := n.(type) {
	case *ast.TagNode:
		return OriginOf(v.Value)
	case *ast.AnchorNode:
		return OriginOf(v.Value)
	case *ast.StringNode:
		o := Origin{start: TokenPlace(v.GetToken())}
		switch v.GetToken().Type {
		case token.SingleQuoteType:
			o.start.Column++
			o.quote = '\''
		case token.DoubleQuoteType:
			o.start.Column++
			o.quote = '"'
		}
		return o
	case *ast.LiteralNode:
		if at := TokenPlace(v.Start); at.Line > 0 {
			return Origin{start: Place{at.Line + 1, 1}}
		}
		return Origin{}
	}
	return Origin{start: NodePlace(n)}
}

// Map returns the place in the file of every character of text, the
// scalar's text as YAML decoded it, and one more for where the text ends:
// len([]rune(text))+1 places. An error found inside the text then points
// into the file, whether the scalar is plain, quoted or a block, on one
// line or several.
//
// It walks the file from the origin and matches each character of the text
// against it, passing over what YAML removed: indentation, line breaks
// folded into spaces, escapes and doubled quotes. Each character other than
// white space lands on itself; a space that stands for a folded line break
// lands where the next line's indentation starts. If the file does not hold
// the text (lines of another file, a text changed after reading), the rest
// of the text maps to where the walk stopped.
func (o Origin) Map(lines [][]rune, text string) []Place {
	w := walker{lines: lines, at: o.start, last: o.start}
	out := make([]Place, 0, utf8.RuneCountInString(text)+1)
	lost := false
	for _, c := range text {
		if !lost {
			lost = !w.match(c, o.quote)
		}
		out = append(out, w.last)
	}
	if !lost {
		w.last = w.at
	}
	return append(out, w.last)
}

// walker steps through the file's characters, a line break counting as '\n'.
type walker struct {
	lines [][]rune
	at    Place // the next character to read
	last  Place // where the last matched character stood
}

// peek returns the character k places after the next one.
func (w *walker) peek(k int) (rune, bool) {
	p := w.at
	for ; k > 0; k-- {
		if !w.step(&p) {
			return 0, false
		}
	}
	return w.char(p)
}

func (w *walker) char(p Place) (rune, bool) {
	if p.Line < 1 || p.Line > len(w.lines) || p.Column < 1 {
		return 0, false
	}
	line := w.lines[p.Line-1]
	switch {
	case p.Column-1 < len(line):
		return line[p.Column-1], true
	case p.Column-1 == len(line) && p.Line < len(w.lines):
		return '\n', true
	}
	return 0, false
}

func (w *walker) step(p *Place) bool {
	c, ok := w.char(*p)
	if !ok {
		return false
	}
	if c == '\n' {
		p.Line, p.Column = p.Line+1, 1
	} else {
		p.Column++
	}
	return true
}

func (w *walker) advance(k int) {
	for ; k > 0; k-- {
		if !w.step(&w.at) {
			return
		}
	}
}

// match finds the file's place of c, the next character of the text, and
// moves past it. It reports false when the file does not hold c where it
// should.
func (w *walker) match(c, quote rune) bool {
	for {
		r, ok := w.char(w.at)
		if !ok {
			return false
		}
		switch {
		case quote == '"' && r == '\\':
			next, _ := w.peek(1)
			if next == '\n' { // an escaped line break: nothing in the text
				w.advance(2)
				continue
			}
			w.last = w.at
			w.advance(1 + escapeLength(next))
			return true
		case quote == '\'' && r == '\'':
			if next, _ := w.peek(1); next == '\'' {
				w.last = w.at
				w.advance(2)
				return true
			}
			return false
		case r == c:
			w.last = w.at
			w.advance(1)
			return true
		case r == ' ' || r == '\t' || r == '\r' || r == '\n':
			w.advance(1)
		case c == ' ' || c == '\n':
			// A line break YAML folded into a space: it stands where the
			// next line's text starts.
			w.last = w.at
			return true
		default:
			return false
		}
	}
}

// escapeLength is how many characters follow the backslash and its letter
// in a double-quoted escape.
func escapeLength(letter rune) int {
	switch letter {
	case 'x':
		return 3
	case 'u':
		return 5
	case 'U':
		return 9
	}
	return 1
}
