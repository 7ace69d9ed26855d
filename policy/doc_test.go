package policy_test

import (
	"os"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docBlock returns the indented block of doc.go that starts with first, as
// YAML: the comment marker and the tab of the block taken off each line.
func docBlock(t *testing.T, first string) string {
	t.Helper()
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	var b strings.Builder
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		text, ok := strings.CutPrefix(line, "//\t")
		if !in && ok && text == first {
			in = true
		}
		if in && !ok {
			break
		}
		if in {
			b.WriteString(text + "\n")
		}
	}
	require.NotEmpty(t, b.String(), "doc.go has no block that starts with %q", first)
	return b.String()
}

// The file format that doc.go shows is what Parse reads: the full policy
// (a fragment of the baseline) parses, and the overlay, kept word for word
// in testdata/doc-example, loads on the baseline and compiles.
func TestDocExamples(t *testing.T) {
	tests := []struct {
		name  string
		first string // the block's first line
		check func(t *testing.T, yaml string)
	}{
		{
			name:  "the full policy parses",
			first: "id: nanning-2019",
			check: func(t *testing.T, yaml string) {
				f, err := policy.Parse(cityCode, "doc.yaml", []byte(yaml))
				require.NoError(t, err)
				require.NotNil(t, f.Document)
				assert.Equal(t, "C", f.Document.Indicators[0].ID)
			},
		},
		{
			name:  "the overlay is the file in testdata and loads",
			first: "id: qingxiu-2019",
			check: func(t *testing.T, yaml string) {
				file, err := os.ReadFile("testdata/doc-example/qingxiu-2019.yaml")
				require.NoError(t, err)
				assert.Equal(t, string(file), yaml, "doc.go and testdata/doc-example/qingxiu-2019.yaml differ")
				s, err := policy.LoadFS(roster.Nanning(), qingxiuCode, os.DirFS("testdata"), "doc-example", policy.WithBaseline())
				require.NoError(t, err)
				p, err := s.For("450103", roster.NewDate(2024, 3, 1))
				require.NoError(t, err)
				assert.Equal(t, "qingxiu-2019", p.ID())
				assert.Equal(t, "15", rule(t, p, "D1").Points().String())
			},
		},
		{
			name:  "the locks are a city's version's and hold",
			first: "locks:",
			check: func(t *testing.T, yaml string) {
				city := "id: city-2019\nname: 南宁市\njurisdiction: \"450100\"\nextends: nanning-2019\n" + yaml
				f, err := policy.Parse(cityCode, "city.yaml", []byte(city))
				require.NoError(t, err)
				require.NotNil(t, f.Overlay.Locks)
				assert.Equal(t, policy.GradesRemoved, f.Overlay.Locks.Grades)
				county, err := policy.Parse(qingxiuCode, "qingxiu.yaml", []byte("id: qingxiu-2019\nname: 青秀区\njurisdiction: \"450103\"\nextends: city-2019\n"+
					"conditions:\n  change:\n    - {id: Q6, kind: soft}\nindicators:\n  change:\n    - {id: S2, points: 7}\n    - {id: C1, points: 9}\n"))
				require.NoError(t, err)
				_, err = policy.NewSet(roster.Nanning(), []*policy.File{f, county}, policy.WithBaseline())
				assert.EqualError(t, err, `qingxiu.yaml:10:8: 政策 qingxiu-2019：锁定「市级锁定的指标不能修改或停用」：指标 S2（行业影响力）由市级锁定，分值须为 8，公式不能修改 (lock "indicators the city locked cannot be changed or disabled": indicator S2 (行业影响力) is locked by the city: its points are 8 and its formula cannot change)`)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, docBlock(t, tt.first))
		})
	}
}
