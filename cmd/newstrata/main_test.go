package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	sample  = "../../testdata/roster.csv"
	bad     = "../../testdata/roster_bad.csv"
	qingxiu = "../../examples/qingxiu/policy"
	overlay = qingxiu + "/qingxiu-2019.yaml"
)

// progressLine matches the progress line's steps, which depend on how the
// workers share the roster; the line that ends it does not.
var progressLine = regexp.MustCompile(`\r评价中 \(assessing\) \d+%`)

// golden compares got with the golden file, rewriting it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/newstrata -update to write it")
	assert.Equal(t, string(want), got, "%s (-want +got)", path)
}

// Every subcommand's output is pinned: its exit code, what it writes to
// stdout and what to stderr.
func TestRun(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"help"}, exitOK},
		{"no-args", nil, exitUsage},
		{"unknown", []string{"chek"}, exitUsage},
		{"check-ok", []string{"check", overlay, "-from", "450103"}, exitOK},
		{"check-by-name", []string{"check", "-from", "青秀区", overlay}, exitOK},
		{"check-errors", []string{"check", "testdata/bad-policy.yaml", "-from", "450103"}, exitProblems},
		{"check-formula", []string{"check", "testdata/bad-formula.yaml", "-from", "450103"}, exitProblems},
		{"check-missing", []string{"check", "testdata/no-such.yaml"}, exitFile},
		{"check-no-file", []string{"check"}, exitUsage},
		{"check-bad-unit", []string{"check", overlay, "-from", "450199"}, exitUsage},
		{"diff", []string{"diff", policy.BaselineID, overlay}, exitOK},
		{"diff-same", []string{"diff", policy.BaselineID, policy.BaselineID}, exitOK},
		{"diff-unknown-id", []string{"diff", policy.BaselineID, "nanning-2030"}, exitUsage},
		{"effective", []string{"effective", overlay, "-from", "450103"}, exitOK},
		{"effective-no-from", []string{"effective", overlay}, exitUsage},
		{"cases", []string{"cases", qingxiu, "-from", "450103"}, exitOK},
		{"cases-failing", []string{"cases", "testdata/failing", "-from", "450103"}, exitProblems},
		{"cases-missing", []string{"cases", "testdata/no-such", "-from", "450103"}, exitFile},
		{"assess", []string{"assess", sample}, exitOK},
		{"assess-bad-json", []string{"assess", bad, "-format", "json"}, exitProblems},
		{"assess-qingxiu", []string{"assess", bad, "-policies", qingxiu, "-from", "450103"}, exitProblems},
		{"assess-bad-format", []string{"assess", sample, "-format", "pdf"}, exitUsage},
		{"assess-bad-date", []string{"assess", sample, "-date", "2019-02-30"}, exitUsage},
		{"assess-missing", []string{"assess", "testdata/no-such.csv"}, exitFile},
		{"report-no-out", []string{"report", sample}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			assert.Equal(t, tt.code, code, "exit code; stderr:\n%s", stderr.String())
			got := "exit " + strconv.Itoa(code) + "\n" + stdout.String() +
				"--- stderr ---\n" + progressLine.ReplaceAllString(stderr.String(), "")
			golden(t, tt.name, got)
		})
	}
}

// effective's YAML is a whole policy that loads back to the same document:
// policy.Parse reads it as a document, not an overlay; it compiles; Diff
// finds nothing changed; and with the extends it records in its comment,
// its fingerprint is the overlay's.
func TestEffectiveLoadsBack(t *testing.T) {
	set, err := policy.LoadFS(roster.Nanning(), "450103", os.DirFS(qingxiu), ".", policy.WithBaseline())
	require.NoError(t, err)
	want, ok := set.Policy("qingxiu-2019")
	require.True(t, ok)

	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"effective", overlay, "-from", "450103"}, &stdout, &stderr), stderr.String())
	f, err := policy.Parse(roster.Nanning().Code, "effective.yaml", stdout.Bytes())
	require.NoError(t, err)
	require.NotNil(t, f.Document, "read as an overlay")
	got, err := policy.Compile(f.Document)
	require.NoError(t, err)

	assert.Empty(t, policy.Diff(want.Document(), got.Document()))
	assert.Contains(t, stdout.String(), "# 单独载入本文件时的版本校验码 (fingerprint of this file loaded alone) "+got.Fingerprint()+"\n")
	doc := got.Document()
	doc.Extends = want.Extends()
	assert.Equal(t, want.Fingerprint(), doc.Fingerprint())
	assert.Contains(t, stdout.String(), "  min: \"0\"\n", "min: 0 kept")
	assert.NotContains(t, stdout.String(), "\nextends:")
}

// report writes both forms in every format into a folder it makes.
func TestReportWritesEveryFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "报表")
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"report", sample, "-out", dir}, &stdout, &stderr), stderr.String())
	got := strings.ReplaceAll(stdout.String(), dir, "OUT")
	golden(t, "report", "exit 0\n"+got+"--- stderr ---\n"+progressLine.ReplaceAllString(stderr.String(), ""))
	for _, name := range []string{"附件1_汇总表.csv", "附件1_汇总表.json", "附件1_汇总表.md", "附件1_汇总表.html", "附件1_汇总表.xlsx",
		"附件2_登记表.csv", "附件2_登记表.json", "附件2_登记表.md", "附件2_登记表.html"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if assert.NoError(t, err) {
			assert.NotZero(t, fi.Size(), name)
		}
	}
}

// assess -o writes the file; xlsx is a workbook (a zip).
func TestAssessWritesFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "结果.xlsx")
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"assess", sample, "-format", "xlsx", "-o", out}, &stdout, &stderr), stderr.String())
	assert.Empty(t, stdout.String())
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("PK")), "a zip")

	assert.Equal(t, exitFile, run([]string{"assess", sample, "-o", filepath.Join(t.TempDir(), "no", "such", "dir.csv")}, &stdout, &stderr))
}

// assess -format json writes the library's JSON model: its batch reads
// back as a newstrata.Batch, its errors as newstrata.ErrorJSON values.
func TestAssessJSONReadsBack(t *testing.T) {
	tests := []struct {
		name                           string
		roster                         string
		code                           int
		assessed, rejected, unreadable int
	}{
		{"sample", sample, exitOK, 2000, 0, 0},
		{"bad", bad, exitProblems, 0, 5, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, tt.code, run([]string{"assess", tt.roster, "-format", "json"}, &stdout, &stderr), stderr.String())
			var out struct {
				Batch      newstrata.Batch        `json:"batch"`
				Lines      []int                  `json:"lines"`
				Unreadable []*newstrata.ErrorJSON `json:"unreadable"`
			}
			dec := json.NewDecoder(&stdout)
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(&out))
			assert.Len(t, out.Batch.Assessments, tt.assessed)
			assert.Len(t, out.Batch.Rejected, tt.rejected)
			assert.Len(t, out.Unreadable, tt.unreadable)
			assert.Len(t, out.Lines, tt.assessed+tt.rejected)
			for _, rj := range out.Batch.Rejected {
				var e *newstrata.ErrorJSON
				require.True(t, errors.As(rj.Err, &e))
				assert.Equal(t, out.Lines[rj.Index], e.Line, "a rejection's error carries its line")
			}
		})
	}
}
