package policy_test

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/internal/formula"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// load parses a fixture under testdata, named by its path there so that
// messages carry it.
func load(t *testing.T, name string) (*policy.File, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	require.NoError(t, err)
	return policy.Parse(name, data)
}

// compileFixture parses and compiles a full policy under testdata.
func compileFixture(t *testing.T, name string) (*policy.Policy, error) {
	t.Helper()
	f, err := load(t, name)
	if err != nil {
		return nil, err
	}
	require.NotNil(t, f.Document, "%s is a full policy, not an overlay", name)
	return policy.Compile(f.Document)
}

// assertPlaced checks that every error joined in err is an *Error with a
// file and, when line is true, a line.
func assertPlaced(t *testing.T, err error, line bool) {
	t.Helper()
	for _, e := range leaves(err) {
		var pe *policy.Error
		if assert.True(t, errors.As(e, &pe), "%T is not a *policy.Error: %v", e, e) {
			assert.NotEmpty(t, pe.File, "%v", e)
			if line {
				assert.Positive(t, pe.Line, "%v", e)
			}
		}
	}
}

// leaves flattens errors.Join.
func leaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

func TestMiniCompiles(t *testing.T) {
	p, err := compileFixture(t, "mini/mini.yaml")
	require.NoError(t, err, "the fixture every errors/ file is made from must be valid")
	assert.Equal(t, "mini", p.ID())
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		want  string
		cause error
	}{
		{
			name:  "YAML syntax error",
			file:  "errors/syntax.yaml",
			want:  "errors/syntax.yaml:26:1: ',' or '}' must be specified",
			cause: policy.ErrSyntax,
		},
		{
			name:  "unknown field",
			file:  "errors/unknown-field.yaml",
			want:  `errors/unknown-field.yaml:24:30: unknown field "pionts"`,
			cause: policy.ErrSyntax,
		},
		{
			name:  "a decimal that is not a number",
			file:  "errors/wrong-type.yaml",
			want:  `errors/wrong-type.yaml:24:38: points: "五" is not a decimal number`,
			cause: policy.ErrSyntax,
		},
		{
			name:  "an int that is not a number",
			file:  "errors/wrong-type-int.yaml",
			want:  `errors/wrong-type-int.yaml:7:20: places: "two" is not a whole number`,
			cause: policy.ErrSyntax,
		},
		{
			name:  "a date that does not exist",
			file:  "errors/wrong-type-date.yaml",
			want:  `errors/wrong-type-date.yaml:5:13: valid_from: "2019-02-30" is not a date (2006-01-02)`,
			cause: policy.ErrSyntax,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := load(t, tt.file)
			require.Error(t, err)
			assert.Nil(t, f)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
			assertPlaced(t, err, true)
		})
	}
}

func TestParseShapes(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty file", "", "x.yaml: a policy file holds exactly one YAML document"},
		{"two documents", "id: a\n---\nid: b\n", "x.yaml: a policy file holds exactly one YAML document"},
		{"a list, not a mapping", "- id: a\n", "x.yaml:1:1: a policy file is a mapping of fields (id, name, ...)"},
		{"a key twice", "id: a\nid: b\n", `x.yaml:2:1: mapping key "id" already defined at [1:1]`},
		{"a list where text belongs", "id: [a]\n", `x.yaml:1:5: id: a list is not text`},
		{"a mapping where a decimal belongs", "total: {a: 1}\n", `x.yaml:1:8: total: a mapping is not a decimal number`},
		{"a grade that does not exist", "veto_grade: E\n", `x.yaml:1:13: veto_grade: "E" is not a grade (A, B, C or D)`},
		{"an overlay's unknown field", "id: a\nextends: b\nindicators:\n  change:\n    - {id: P1, pionts: 3}\n", `x.yaml:5:16: unknown field "pionts"`},
		{"an overlay's bad points", "id: a\nextends: b\nindicators:\n  change:\n    - {id: P1, points: x}\n", `x.yaml:5:24: points: "x" is not a decimal number`},
		{"an input's bad minimum", "id: a\ninputs:\n  - {id: r, min: low}\n", `x.yaml:3:18: min: "low" is not a decimal number`},
		{
			"a tag on a scalar where a list belongs (goccy/go-yaml#735 panics)", "id: a\nvetoes: !x\n",
			"x.yaml: the file cannot be read as YAML (the YAML reader failed: runtime error: invalid memory address or nil pointer dereference); check tags (!...) and indentation",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.Parse("x.yaml", []byte(tt.src))
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, policy.ErrSyntax)
			assertPlaced(t, err, false)
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		want  string
		cause error
	}{
		{
			name:  "second-level points not adding up to their first-level",
			file:  "errors/second-level-sum.yaml",
			want:  "errors/second-level-sum.yaml:14:5: policy mini: the second-level indicators of P add up to 9 points, not the 10 it declares",
			cause: policy.ErrInvalid,
		},
		{
			name:  "first-level points not adding up to the total",
			file:  "errors/first-level-sum.yaml",
			want:  "errors/first-level-sum.yaml:6:8: policy mini: the first-level indicators add up to 22 points, not the total 20",
			cause: policy.ErrInvalid,
		},
		{
			name:  "grade band gap",
			file:  "errors/grade-gap.yaml",
			want:  "errors/grade-gap.yaml:30:6: policy mini: no grade covers scores from 17 to 18 (between B and A)",
			cause: policy.ErrInvalid,
		},
		{
			name:  "grade overlap",
			file:  "errors/grade-overlap.yaml",
			want:  "errors/grade-overlap.yaml:31:6: policy mini: grades C and B overlap from 15 to 16",
			cause: policy.ErrInvalid,
		},
		{
			name:  "bands not starting at 0",
			file:  "errors/grade-not-from-zero.yaml",
			want:  "errors/grade-not-from-zero.yaml:33:6: policy mini: no grade covers scores from 0 to 1",
			cause: policy.ErrInvalid,
		},
		{
			name:  "top band not ending at the total",
			file:  "errors/grade-top.yaml",
			want:  "errors/grade-top.yaml:30:6: policy mini: the top grade A ends at 19, not at the total 20",
			cause: policy.ErrInvalid,
		},
		{
			name:  "veto_grade not a band",
			file:  "errors/veto-grade.yaml",
			want:  `errors/veto-grade.yaml:28:13: policy mini: veto_grade "D" is not one of the grades`,
			cause: policy.ErrInvalid,
		},
		{
			name:  "duplicate id",
			file:  "errors/duplicate-id.yaml",
			want:  `errors/duplicate-id.yaml:19:10: policy mini: indicator id "P1" is already used at errors/duplicate-id.yaml:18:10`,
			cause: policy.ErrInvalid,
		},
		{
			name: "formula type error",
			file: "errors/formula-type.yaml",
			want: "errors/formula-type.yaml:19:64: policy mini: rule P2: invalid operation: / (mismatched types int and string)\n" +
				" | TrainingHours / Sex\n" +
				" | ..............^",
			cause: formula.ErrType,
		},
		{
			name: "formula on the second line of a folded block scalar (>-), more indented",
			file: "errors/formula-folded.yaml",
			want: "errors/formula-folded.yaml:30:15: policy mini: rule C2: unknown name Sexx\n" +
				" |   + Sexx * 2\n" +
				" | ....^",
			cause: formula.ErrType,
		},
		{
			name: "formula on the second line of a folded block scalar (>-), folded into the first",
			file: "errors/formula-folded-joined.yaml",
			want: "errors/formula-folded-joined.yaml:30:11: policy mini: rule C2: unknown name Sexx\n" +
				" | JobsCreated / 20 + Sexx\n" +
				" | ...................^",
			cause: formula.ErrType,
		},
		{
			name: "formula on the second line of a literal block scalar (|)",
			file: "errors/formula-literal.yaml",
			want: "errors/formula-literal.yaml:30:30: policy mini: rule C2: invalid operation: / (mismatched types int and string)\n" +
				" |     VolunteerHours / Sex\n" +
				" | ...................^",
			cause: formula.ErrType,
		},
		{
			name: "formula in a double-quoted scalar with escapes",
			file: "errors/formula-quoted.yaml",
			want: "errors/formula-quoted.yaml:25:82: policy mini: rule C2: unknown name Sexx\n" +
				" | Occupation == \"编\\\"辑\" ? 5 : Sexx\n" +
				" | ...........................^",
			cause: formula.ErrType,
		},
		{
			name: "formula using an undeclared input",
			file: "errors/formula-input.yaml",
			want: "errors/formula-input.yaml:25:50: policy mini: rule C2: input \"rural\" is not declared by the policy\n" +
				" | In.rural / 2\n" +
				" | ^",
			cause: formula.ErrRefused,
		},
		{
			name: "formula giving a number for a condition",
			file: "errors/formula-condition-number.yaml",
			want: "errors/formula-condition-number.yaml:12:14: policy mini: rule Q1: the formula gives a number, but the rule needs a boolean\n" +
				" | FieldYears - 3\n" +
				" | ^",
			cause: formula.ErrType,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compileFixture(t, tt.file)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
			if errors.Is(tt.cause, formula.ErrType) || errors.Is(tt.cause, formula.ErrRefused) {
				assert.ErrorIs(t, err, policy.ErrFormula)
			}
			assertPlaced(t, err, true)
		})
	}
}

func TestManyProblemsReportedAtOnce(t *testing.T) {
	_, err := compileFixture(t, "errors/many.yaml")
	require.Error(t, err)
	assert.EqualError(t, err, strings.Join([]string{
		"errors/many.yaml:6:14: policy mini: valid_until 2019-01-01 is before valid_from 2019-04-02",
		`errors/many.yaml:10:5: policy mini: condition Q1: kind "firm" is not hard or soft`,
		"errors/many.yaml:15:5: policy mini: the second-level indicators of P add up to 9 points, not the 10 it declares",
		`errors/many.yaml:26:10: policy mini: indicator id "C1" is already used at errors/many.yaml:25:10`,
		"errors/many.yaml:31:6: policy mini: no grade covers scores from 17 to 18 (between B and A)",
	}, "\n"))
	assert.Len(t, leaves(err), 5)
	assert.ErrorIs(t, err, policy.ErrInvalid)
	assertPlaced(t, err, true)
}

// newSet builds a Nanning set from fixtures under testdata.
func newSet(t *testing.T, names ...string) (*policy.Set, error) {
	t.Helper()
	var files []*policy.File
	for _, n := range names {
		f, err := load(t, n)
		require.NoError(t, err)
		files = append(files, f)
	}
	return policy.NewSet(roster.Nanning(), files)
}

func TestOverlayErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		want  []string
		cause error
	}{
		{
			name:  "indicators.change of an id that does not exist",
			file:  "overlay-errors/change-unknown-indicator.yaml",
			want:  []string{`overlay-errors/change-unknown-indicator.yaml:8:8: policy qingxiu-bad: indicators.change: indicator "C9" does not exist in nanning-2019`},
			cause: policy.ErrUnknownID,
		},
		{
			name:  "conditions.change of an id that does not exist",
			file:  "overlay-errors/change-unknown-condition.yaml",
			want:  []string{`overlay-errors/change-unknown-condition.yaml:8:8: policy qingxiu-bad: conditions.change: condition "Q99" does not exist in nanning-2019`},
			cause: policy.ErrUnknownID,
		},
		{
			name:  "disabling an id that does not exist",
			file:  "overlay-errors/disable-unknown.yaml",
			want:  []string{`overlay-errors/disable-unknown.yaml:7:17: policy qingxiu-bad: indicators.disable: indicator "X7" does not exist in nanning-2019`},
			cause: policy.ErrUnknownID,
		},
		{
			name: "adding under a missing parent, or under a second-level indicator",
			file: "overlay-errors/add-missing-parent.yaml",
			want: []string{
				`overlay-errors/add-missing-parent.yaml:8:7: policy qingxiu-bad: indicators.add: parent "R" is not a first-level indicator of nanning-2019`,
				`overlay-errors/add-missing-parent.yaml:13:7: policy qingxiu-bad: indicators.add: parent "C2" is not a first-level indicator of nanning-2019`,
			},
			cause: policy.ErrUnknownID,
		},
		{
			name: "every problem of an overlay at once",
			file: "overlay-errors/many.yaml",
			want: []string{
				`overlay-errors/many.yaml:8:8: policy qingxiu-bad: conditions.change: condition "Q99" does not exist in nanning-2019`,
				`overlay-errors/many.yaml:11:8: policy qingxiu-bad: indicators.change: indicator "C9" does not exist in nanning-2019`,
				`overlay-errors/many.yaml:12:13: policy qingxiu-bad: indicators.disable: indicator "X7" does not exist in nanning-2019`,
				`overlay-errors/many.yaml:14:8: policy qingxiu-bad: indicators.add: parent "R" is not a first-level indicator of nanning-2019`,
			},
			cause: policy.ErrUnknownID,
		},
		{
			name:  "a sum an overlay breaks is blamed on the overlay's change",
			file:  "overlay-errors/sum-after-change.yaml",
			want:  []string{"overlay-errors/sum-after-change.yaml:8:7: policy qingxiu-bad: the second-level indicators of C add up to 13 points, not the 15 it declares"},
			cause: policy.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newSet(t, tt.file)
			require.Error(t, err)
			assert.Nil(t, s)
			assert.EqualError(t, err, strings.Join(tt.want, "\n"))
			assert.ErrorIs(t, err, tt.cause)
			assertPlaced(t, err, true)
		})
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		name  string
		dir   string
		want  string
		cause error
	}{
		{
			name:  "cycle in extends",
			dir:   "set-errors/extends-cycle",
			want:  "set-errors/extends-cycle/a.yaml:5:10: policy qingxiu-a: extends forms a cycle: qingxiu-a → qingxiu-b → qingxiu-a",
			cause: policy.ErrExtends,
		},
		{
			name:  "extends an unknown id",
			dir:   "set-errors/extends-unknown",
			want:  `set-errors/extends-unknown/qingxiu.yaml:5:10: policy qingxiu-2019: extends "nanning-2018", which is not a known policy`,
			cause: policy.ErrExtends,
		},
		{
			name:  "a unit extending another unit's policy",
			dir:   "set-errors/extends-other-unit",
			want:  "set-errors/extends-other-unit/qingxiu.yaml:5:10: policy qingxiu-2019: a policy of 青秀区 cannot extend jiangnan-2019, which belongs to 江南区; extend the city's policy or one of 青秀区's own",
			cause: policy.ErrExtends,
		},
		{
			name:  "a jurisdiction not in the roster",
			dir:   "set-errors/unit-unknown",
			want:  `set-errors/unit-unknown/zone.yaml:4:15: policy zone-2019: jurisdiction "450199" is neither 南宁市 (450100) nor one of its units`,
			cause: policy.ErrExtends,
		},
		{
			name:  "two versions of one unit in force on the same day",
			dir:   "set-errors/overlap",
			want:  "set-errors/overlap/qingxiu-2020.yaml:5:13: policies qingxiu-2019 and qingxiu-2020 of 青秀区 (450103) are both in force on 2020-01-01; end the first with valid_until",
			cause: policy.ErrInvalid,
		},
		{
			name:  "one id in two files",
			dir:   "set-errors/duplicate-id",
			want:  `set-errors/duplicate-id/b.yaml:2:5: policy id "qingxiu-2019" is also defined in set-errors/duplicate-id/a.yaml`,
			cause: policy.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := policy.LoadFS(roster.Nanning(), os.DirFS("testdata"), tt.dir)
			require.Error(t, err)
			assert.Nil(t, s)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, tt.cause)
			assertPlaced(t, err, true)
		})
	}
}

func TestLoadFSReportsEveryFile(t *testing.T) {
	fsys := os.DirFS("testdata")
	_, err := policy.LoadFS(roster.Nanning(), fsys, "errors")
	require.Error(t, err)
	// Every file of the folder that does not parse is reported, in name order.
	var names []string
	for _, e := range leaves(err) {
		var pe *policy.Error
		require.True(t, errors.As(e, &pe))
		names = append(names, path.Base(pe.File))
	}
	assert.Equal(t, []string{"syntax.yaml", "unknown-field.yaml", "wrong-type-date.yaml", "wrong-type-int.yaml", "wrong-type.yaml"}, names)
}

func TestErrorValue(t *testing.T) {
	_, err := compileFixture(t, "errors/formula-type.yaml")
	var pe *policy.Error
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, policy.Position{File: "errors/formula-type.yaml", Line: 19, Column: 64}, pe.Position)
	assert.Equal(t, "mini", pe.Policy)
	assert.Equal(t, "rule P2: invalid operation: / (mismatched types int and string)", pe.Message)
	assert.Equal(t, "\n | TrainingHours / Sex\n | ..............^", pe.Snippet)
}

func TestRuntimeErrorPlacedInFile(t *testing.T) {
	p, err := compileFixture(t, "runtime/runtime.yaml")
	require.NoError(t, err)
	f := roster.Facts{Key: "NN-0003", JobsCreated: 40, Proposals: 0}
	_, err = rule(t, p, "C2").Value(&f)
	require.Error(t, err)
	assert.EqualError(t, err, "runtime/runtime.yaml:30:21: 450103 rule C2: division by zero\n"+
		" | JobsCreated / 20 + Donations / Proposals\n"+
		" | .............................^")
	assert.ErrorIs(t, err, formula.ErrRuntime)
	var fe *formula.Error
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, formula.Position{File: "runtime/runtime.yaml", Line: 30, Column: 21}, fe.Position)

	// The next record is unaffected: the program holds no state of a run.
	f.Proposals = 4
	v, err := rule(t, p, "C2").Value(&f)
	require.NoError(t, err)
	assert.Equal(t, "2", v.String())
}

// A misspelt name inside the arguments of a function call must be refused
// when the policy compiles, like one outside a call. expr v1.17 skips the
// arguments of a call in its final type check once a patch visitor has run
// (the formula compiler's input and operator patches); internal/formula
// clears those types so that the final check sees the arguments.
func TestFormulaTypoInsideCall(t *testing.T) {
	_, err := compileFixture(t, "errors/formula-inside-call.yaml")
	require.Error(t, err)
	assert.EqualError(t, err, "errors/formula-inside-call.yaml:19:75: policy mini: rule P2: unknown name Sexx\n"+
		" | max(TrainingHours / 10, Sexx)\n"+
		" | ........................^")
	assert.ErrorIs(t, err, formula.ErrType)
}
