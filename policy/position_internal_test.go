package policy

import (
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// formulaPlaces yields every formula of a parsed file with its position.
func formulaPlaces(f *File) map[string]struct {
	text string
	at   formula.Position
} {
	out := map[string]struct {
		text string
		at   formula.Position
	}{}
	put := func(id, text string, at formula.Position) {
		if text != "" {
			out[id] = struct {
				text string
				at   formula.Position
			}{text, at}
		}
	}
	var indicators func(ins []evaluate.Indicator)
	indicators = func(ins []evaluate.Indicator) {
		for _, in := range ins {
			put(in.ID, in.Formula, in.FormulaPos)
			indicators(in.Children)
		}
	}
	if d := f.Document; d != nil {
		for _, c := range d.Conditions {
			put(c.ID, c.Formula, c.FormulaPos)
		}
		indicators(d.Indicators)
		for _, b := range d.Bonuses {
			put(b.ID, b.Formula, b.FormulaPos)
		}
		for _, v := range d.Vetoes {
			put(v.ID, v.Formula, v.FormulaPos)
		}
	}
	if o := f.Overlay; o != nil {
		for _, c := range o.Conditions.Add {
			put(c.ID, c.Formula, c.FormulaPos)
		}
		for _, a := range o.Indicators.Add {
			put(a.ID, a.Formula, a.FormulaPos)
			indicators(a.Children)
		}
		for _, c := range o.Indicators.Change {
			if c.Formula != nil {
				put(c.ID, *c.Formula, c.FormulaPos)
			}
		}
	}
	return out
}

// Every character of every formula, in every style of scalar the files use
// (plain, quoted with escapes, folded, literal, flow), maps to the place in
// the file that holds that character.
func TestFormulaCharactersMapToTheFile(t *testing.T) {
	paths := []string{"data/nanning-2019.yaml"}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yaml") {
			paths = append(paths, path)
		}
		return err
	})
	require.NoError(t, err)
	checked := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		f, err := Parse("450100", path, data)
		if err != nil {
			continue // the files of errors that do not parse
		}
		lines := yamlsrc.Lines(data)
		for id, fm := range formulaPlaces(f) {
			require.NotEqual(t, fm.at, fm.at.Of("\x00"), "%s %s: no map", path, id)
			line, col := 1, 1
			for _, r := range fm.text {
				at := fm.at.At(line, col)
				if r == '\n' {
					line, col = line+1, 1
					continue
				}
				col++
				if r == ' ' || r == '"' || r == '\\' {
					continue // white space folds; quotes and escapes are not in the text as such
				}
				require.Equal(t, path, at.File)
				require.True(t, at.Line >= 1 && at.Line <= len(lines), "%s %s: line %d", path, id, at.Line)
				got := lines[at.Line-1]
				require.True(t, at.Column >= 1 && at.Column <= len(got), "%s %s: column %d of %q", path, id, at.Column, string(got))
				assert.Equal(t, string(r), string(got[at.Column-1]), "%s %s at %d:%d", path, id, at.Line, at.Column)
				checked++
			}
			first := strings.TrimLeft(fm.text, " \n")
			if first != "" && first[0] != '"' {
				start := lines[fm.at.Line-1][fm.at.Column-1:]
				assert.True(t, strings.HasPrefix(string(start), string([]rune(first)[:1])), "%s %s starts at %s", path, id, fm.at)
			}
		}
	}
	assert.Greater(t, checked, 2000)
}

func TestPositionOfAnotherText(t *testing.T) {
	f := BaselineFile()
	at := f.Document.Indicators[0].Children[1].FormulaPos
	require.NotEqual(t, at, at.Of("\x00"), "no map")
	assert.Equal(t, formula.Position{File: "nanning-2019.yaml", Line: 87, Column: 32}, at.Of("TrainingHours / 4").At(1, 15))
	// A formula changed in Go after it was read is placed from its start.
	assert.Equal(t, formula.Position{File: "nanning-2019.yaml", Line: 87, Column: 25}, at.Of("Age / 4 + Sexx / 2").At(1, 8))
	assert.Equal(t, formula.Position{File: "nanning-2019.yaml", Line: 88, Column: 4}, at.Of("Age /\n   Sexx").At(2, 4))
	// A document built in Go has no file: the place stays in the formula.
	assert.Equal(t, formula.Position{Line: 2, Column: 4}, formula.Position{}.At(2, 4))
}
