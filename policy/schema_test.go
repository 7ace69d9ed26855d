package policy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/policy"
)

// compileSchema compiles policy.Schema() with a draft-07 validator, as an
// editor would read data/policy.schema.json.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(policy.Schema()))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(policy.SchemaFile, doc))
	s, err := c.Compile(policy.SchemaFile)
	require.NoError(t, err)
	return s
}

// validateYAML checks a policy file against the schema, read as JSON.
func validateYAML(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	js, err := yaml.YAMLToJSON(data)
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	require.NoError(t, err)
	return s.Validate(inst)
}

// policyFiles are the files that must hold to the schema: the baseline,
// the Qingxiu example's overlay and every fixture that Parse reads without
// error, a full policy also compiling (those that fail on purpose are not
// policy files; the schema may refuse them, as a kind that is neither hard
// nor soft, which Parse leaves to Compile).
func policyFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"data/nanning-2019.yaml", "../examples/qingxiu/policy/qingxiu-2019.yaml"}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yaml") {
			files = append(files, path)
		}
		return err
	})
	require.NoError(t, err)
	return files
}

func TestSchemaValidatesPolicyFiles(t *testing.T) {
	s := compileSchema(t)
	checked := 0
	for _, path := range policyFiles(t) {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			f, err := policy.Parse("450100", path, data)
			if err == nil && f.Document != nil {
				_, err = policy.Compile(f.Document)
			}
			if err != nil {
				t.Skipf("not a policy file: %v", err)
			}
			checked++
			assert.NoError(t, validateYAML(t, s, data))
		})
	}
	assert.Greater(t, checked, 20, "too few fixtures checked")
}

// A file that Parse refuses for a misspelt or misplaced field is refused
// by the schema too: an editor flags it before the file is handed in.
func TestSchemaRefusesWhatParseRefuses(t *testing.T) {
	baseline, err := os.ReadFile("data/nanning-2019.yaml")
	require.NoError(t, err)
	qingxiu, err := os.ReadFile("../examples/qingxiu/policy/qingxiu-2019.yaml")
	require.NoError(t, err)
	tests := []struct {
		name      string
		file      []byte
		old, new  string
		wantParse string
		wantValid string
	}{
		{
			name: "misspelt top-level field", file: baseline,
			old: "\nvalid_from:", new: "\nvalid_form:",
			wantParse: `未知字段 "valid_form"，是不是 "valid_from"？`,
			wantValid: "at '': additional properties 'valid_form' not allowed",
		},
		{
			name: "misspelt field of a condition", file: baseline,
			old: "    formula: Reliable", new: "    fromula: Reliable",
			wantParse: `未知字段 "fromula"，是不是 "formula"？`,
			wantValid: "at '/conditions/1': additional properties 'fromula' not allowed",
		},
		{
			name: "misspelt field of a second-level indicator", file: baseline,
			old: "        points: 15", new: "        piont: 15",
			wantParse: `f.yaml:80:9: 未知字段 "piont"，可用字段为 id, name, points, formula, children, note`,
			wantValid: "at '/indicators/0/children/0': additional properties 'piont' not allowed",
		},
		{
			name: "misspelt field of an overlay", file: qingxiu,
			old: "\nindicators:", new: "\nindicator:",
			wantParse: `未知字段 "indicator"，是不是 "indicators"？`,
			wantValid: "at '': additional properties 'indicator' not allowed",
		},
		{
			name: "a field an overlay cannot have", file: qingxiu,
			old: "\nextends:", new: "\ntotal: 100\nextends:",
			wantParse: `未知字段 "total"`,
			wantValid: "at '': additional properties 'total' not allowed",
		},
		{
			name: "a grade that is none", file: baseline,
			old: "veto_grade: D", new: "veto_grade: E",
			wantParse: `"E" 不是等次`,
			wantValid: "at '/veto_grade': value must be one of",
		},
	}
	s := compileSchema(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Contains(t, string(tt.file), tt.old)
			data := []byte(strings.Replace(string(tt.file), tt.old, tt.new, 1))
			_, err := policy.Parse("450100", "f.yaml", data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantParse)
			err = validateYAML(t, s, data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantValid)
		})
	}
}

// The baseline and the Qingxiu overlay name the schema on their first line,
// where yaml-language-server looks for it.
func TestSchemaNamedByFiles(t *testing.T) {
	tests := []struct{ path, want string }{
		{"data/nanning-2019.yaml", "# yaml-language-server: $schema=./policy.schema.json"},
		{"../examples/qingxiu/policy/qingxiu-2019.yaml", "# yaml-language-server: $schema=../../../policy/data/policy.schema.json"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.path)
		require.NoError(t, err)
		first, _, _ := strings.Cut(string(data), "\n")
		assert.Equal(t, tt.want, first, tt.path)
		ref := strings.TrimPrefix(tt.want, "# yaml-language-server: $schema=")
		_, err = os.Stat(filepath.Join(filepath.Dir(tt.path), ref))
		assert.NoError(t, err, "%s names a schema that is not there", tt.path)
	}
}

// Schema is the JSON Schema an editor reads to check a policy file as it
// is written.
func ExampleSchema() {
	var s struct {
		Schema      string         `json:"$schema"`
		Definitions map[string]any `json:"definitions"`
	}
	if err := json.Unmarshal(policy.Schema(), &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Schema)
	fmt.Println(s.Definitions["Document"] != nil, s.Definitions["Overlay"] != nil)
	// Output:
	// http://json-schema.org/draft-07/schema#
	// true true
}
