package newstrata_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/newstrata/newstrata"

// imports reads the module's own imports of every package's non-test
// files, by package directory.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		for _, im := range f.Imports {
			q := strings.Trim(im.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(q, module+"/"); ok && !slices.Contains(out[dir], rest) {
				out[dir] = append(out[dir], rest)
			}
		}
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// The import graph runs one way, down the flow: the record, the formula
// language, the stages, the lists, the policy that composes the stages,
// then the front door and the tools. A package may import only packages of
// a lower layer; no production package imports the test-data generator.
func TestImportGraph(t *testing.T) {
	layers := [][]string{
		{"internal/wordmap"},
		{"internal/nearest", "internal/strtab"},
		{"roster"},
		{"roster/xlsx"},
		{"formula", "internal/jsonwire", "internal/jsonwire/jsontest"},
		{"internal/yamlsrc"},
		{"classify", "qualify", "evaluate"},
		{"tier"},
		{"policy"},
		{"report"},
		{"report/xlsx"},
		{"policytest", "."},
	}
	layer := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			layer[p] = i
		}
	}
	for dir, deps := range imports(t) {
		if strings.HasPrefix(dir, "examples/") || strings.HasPrefix(dir, "cmd/") || strings.HasPrefix(dir, "internal/synth") || dir == "internal/million" {
			continue // programs and the test-data generator sit above everything
		}
		from, known := layer[dir]
		if !assert.True(t, known, "package %s has no place in the layers of this test", dir) {
			continue
		}
		for _, dep := range deps {
			assert.NotEqual(t, "internal/synth", dep, "%s imports the test-data generator", dir)
			to, ok := layer[dep]
			if !ok {
				continue
			}
			assert.Less(t, to, from, "%s imports %s, which is not below it", dir, dep)
		}
	}
}
