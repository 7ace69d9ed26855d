package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/report/xlsx"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The main job's output is pinned: a change in any stage that moves a count
// shows here as a diff a reviewer can read.
func TestMainJob(t *testing.T) {
	tests := []struct {
		name, roster, golden string
	}{
		{"sample roster", "../../testdata/roster.csv", "testdata/sample.golden"},
		{"roster with bad rows", "../../testdata/roster_bad.csv", "testdata/bad.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(&out, tt.roster, "2019-04-15"))
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(tt.golden), 0o755))
				require.NoError(t, os.WriteFile(tt.golden, out.Bytes(), 0o644))
			}
			want, err := os.ReadFile(tt.golden)
			require.NoError(t, err, "run go test ./examples/nanning -update to write it")
			assert.Equal(t, string(want), out.String())
		})
	}
}

func TestMainJobRefusesBadInput(t *testing.T) {
	var out bytes.Buffer
	assert.EqualError(t, run(&out, "../../testdata/roster.csv", "2019-02-30"), `bad date: no such date between 1800 and 2999`)
	err := run(&out, "testdata/no-such-file.csv", "2019-04-15")
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// The files -out writes, by the names a clerk looks for.
var formFiles = []string{
	"附件1_汇总表.csv", "附件1_汇总表.json", "附件1_汇总表.md", "附件1_汇总表.html", "附件1_汇总表.xlsx",
	"附件2_登记表.csv", "附件2_登记表.json", "附件2_登记表.md", "附件2_登记表.html",
}

// The main job with -out writes both forms in every format, and they
// agree: the workbook's and the JSON's totals are the CSV's.
func TestMainJobWritesEveryFormat(t *testing.T) {
	const sample = "../../testdata/roster.csv"
	dir := filepath.Join(t.TempDir(), "报表") // made by the job
	var out bytes.Buffer
	require.NoError(t, run(&out, sample, "2019-04-15"))
	require.NoError(t, writeForms(&out, dir, sample, "2019-04-15"))
	assert.Contains(t, out.String(), "报表已写入 "+dir)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, formFiles, names)
	files := map[string][]byte{}
	for _, name := range formFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NotEmpty(t, b, name)
		files[name] = b
	}

	for _, name := range []string{"附件1_汇总表.csv", "附件2_登记表.csv"} {
		assert.True(t, bytes.HasPrefix(files[name], []byte("\uFEFF")), "%s starts with a byte-order mark", name)
	}
	for _, name := range []string{"附件1_汇总表.json", "附件2_登记表.json"} {
		assert.True(t, json.Valid(files[name]), "%s is JSON", name)
	}

	// The CSV's rows by their first cell: 合计 and 其中：市级名单.
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["附件1_汇总表.csv"], []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	csvRows, err := r.ReadAll()
	require.NoError(t, err)
	byLabel := func(rows [][]string, label string) []string {
		for _, row := range rows {
			if len(row) > 0 && row[0] == label {
				return row[1:]
			}
		}
		t.Fatalf("no row %s", label)
		return nil
	}
	total := byLabel(csvRows, "合计")
	require.Len(t, total, 18)
	assert.Equal(t, "200", byLabel(csvRows, "其中：市级名单")[0], "the city's 200")

	wb, err := excelize.OpenReader(bytes.NewReader(files["附件1_汇总表.xlsx"]))
	require.NoError(t, err)
	defer wb.Close()
	sheets := wb.GetSheetList()
	require.NotEmpty(t, sheets)
	assert.Equal(t, xlsx.SummarySheet, sheets[0])
	assert.Len(t, sheets, 1+200, "the summary and the city list's 200 forms")
	xlsxRows, err := wb.GetRows(xlsx.SummarySheet)
	require.NoError(t, err)
	for _, label := range []string{"合计", "其中：市级名单"} {
		assert.Equal(t, byLabel(csvRows, label), byLabel(xlsxRows, label)[:len(total)], "row %s: xlsx against csv", label)
	}

	var summary struct {
		Columns []struct{ Code string }
		Rows    []struct {
			Kind   struct{ Code string }
			Counts map[string]int
		}
	}
	require.NoError(t, json.Unmarshal(files["附件1_汇总表.json"], &summary))
	var jsonTotal []string
	for _, row := range summary.Rows {
		if row.Kind.Code == "total" {
			for _, c := range summary.Columns {
				jsonTotal = append(jsonTotal, strconv.Itoa(row.Counts[c.Code]))
			}
		}
	}
	assert.Equal(t, total, jsonTotal, "合计: json against csv")

	// No file holds a citizen ID or a phone number of the sample whole;
	// the forms hold them masked.
	whole := personalData(t, sample)
	for name, b := range files {
		texts := [][]byte{b}
		if filepath.Ext(name) == ".xlsx" {
			texts = unzip(t, b)
		}
		for _, text := range texts {
			// A count, not the numbers: the log is no place for them.
			if n := len(findAny(text, whole)); n > 0 {
				t.Errorf("%s holds %d citizen IDs or phone numbers whole", name, n)
			}
		}
	}
	assert.Contains(t, string(files["附件2_登记表.json"]), "********", "citizen IDs masked, not left out")
}

func TestMainJobRefusesBadOut(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "a file")
	require.NoError(t, os.WriteFile(notDir, []byte("x"), 0o644))
	var out bytes.Buffer
	assert.Error(t, writeForms(&out, notDir, "../../testdata/roster.csv", "2019-04-15"))
}

// personalData returns the citizen IDs and phone numbers of the roster's
// records.
func personalData(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	batch, err := roster.NewReader(f).ReadAll()
	require.NoError(t, err)
	out := map[string]bool{}
	for _, r := range batch.Records {
		for _, s := range []string{r.CitizenID, r.Phone} {
			if s != "" {
				out[strings.ToUpper(s)] = true
			}
		}
	}
	require.NotEmpty(t, out)
	return out
}

// findAny returns the members of set found in text: every 11- and
// 18-character stretch of each run of digits and X in it is looked up.
func findAny(text []byte, set map[string]bool) []string {
	var found []string
	for _, run := range regexp.MustCompile(`[0-9Xx]{11,}`).FindAll(text, -1) {
		s := strings.ToUpper(string(run))
		for _, n := range []int{11, 18} {
			for i := 0; i+n <= len(s); i++ {
				if set[s[i:i+n]] {
					found = append(found, s[i:i+n])
				}
			}
		}
	}
	return found
}

// unzip returns the contents of every file in a zip archive, as a workbook
// is one.
func unzip(t *testing.T, b []byte) [][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var out [][]byte
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		out = append(out, body)
	}
	return out
}
