package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/evaluate"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/report"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type writer interface {
	WriteCSV(io.Writer) error
	WriteJSON(io.Writer) error
	WriteMarkdown(io.Writer) error
	WriteHTML(io.Writer) error
}

func render(t *testing.T, v writer) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for ext, write := range map[string]func(io.Writer) error{
		"csv": v.WriteCSV, "json": v.WriteJSON, "md": v.WriteMarkdown, "html": v.WriteHTML,
	} {
		var b bytes.Buffer
		require.NoError(t, write(&b), ext)
		out[ext] = b.Bytes()
	}
	return out
}

// The forms of the sample roster in every format, pinned.
func TestGolden(t *testing.T) {
	fx := sample(t)
	s, err := report.NewSummary(fx.src, report.SplitFreelancers())
	require.NoError(t, err)
	rs, err := report.NewRegistrations(fx.src)
	require.NoError(t, err)
	require.NotEmpty(t, rs.Forms)
	rs.Forms = rs.Forms[:3] // the first three of the city list: the golden files stay readable
	for name, v := range map[string]writer{"summary": s, "registrations": rs} {
		for ext, got := range render(t, v) {
			t.Run(name+"."+ext, func(t *testing.T) { golden(t, name+"."+ext, got) })
		}
	}
}

// checkTotals checks the identities of the summary's counts: within a row
// (people and representatives by group, representatives by list and by
// grade, the sub-kinds of G3) and across rows (the units' rows add up to
// the total).
func checkTotals(t *testing.T, cols []string, rows [][]int, kinds []string) {
	t.Helper()
	at := map[string]int{}
	for i, c := range cols {
		at[c] = i
	}
	sum := func(r []int, codes ...string) int {
		n := 0
		for _, c := range codes {
			i, ok := at[c]
			require.True(t, ok, "column %s", c)
			n += r[i]
		}
		return n
	}
	var total, units []int
	for i, r := range rows {
		assert.Equal(t, r[at["people_total"]], sum(r, "people_g1", "people_g2", "people_g3", "people_g4"), "row %d people", i)
		reps := r[at["reps_total"]]
		assert.Equal(t, reps, sum(r, "reps_g1", "reps_g2", "reps_g3", "reps_g4"), "row %d reps by group", i)
		assert.Equal(t, reps, sum(r, "list_city", "list_county", "list_none"), "row %d reps by list", i)
		assert.Equal(t, reps, sum(r, "grade_a", "grade_b", "grade_c"), "row %d reps by grade", i)
		if _, split := at["reps_g3_1"]; split {
			subs := []string{"reps_g3_1", "reps_g3_2", "reps_g3_3", "reps_g3_4", "reps_g3_5", "reps_g3_6"}
			if _, ok := at["reps_g3_unknown"]; ok {
				subs = append(subs, "reps_g3_unknown")
			}
			assert.Equal(t, r[at["reps_g3"]], sum(r, subs...), "row %d G3 by sub-kind", i)
		}
		assert.LessOrEqual(t, r[at["removed_veto"]], r[at["removed"]], "row %d vetoes", i)
		assert.LessOrEqual(t, reps, r[at["people_total"]], "row %d reps among people", i)
		switch kinds[i] {
		case "total":
			total = r
		case "city_list":
			assert.Equal(t, r[at["reps_total"]], r[at["list_city"]], "the city list's row")
		default:
			if units == nil {
				units = make([]int, len(r))
			}
			for j, v := range r {
				units[j] += v
			}
		}
	}
	require.NotNil(t, total)
	assert.Equal(t, units, total, "the units' rows add up to the total")
}

func TestSummaryTotals(t *testing.T) {
	fx := sample(t)
	for _, split := range []bool{false, true} {
		t.Run(fmt.Sprint("split=", split), func(t *testing.T) {
			var opts []report.Option
			if split {
				opts = append(opts, report.SplitFreelancers())
			}
			s, err := report.NewSummary(fx.src, opts...)
			require.NoError(t, err)

			// The values.
			var cols, kinds []string
			for _, c := range s.Columns {
				cols = append(cols, c.Code)
			}
			var rows [][]int
			for _, r := range s.Rows {
				rows = append(rows, r.Counts)
				kinds = append(kinds, r.Kind.Code())
			}
			checkTotals(t, cols, rows, kinds)
			total, _ := s.Row(report.RowTotal)
			city, _ := s.Row(report.RowCityList)
			assert.Equal(t, len(fx.src.People), total.Counts[s.Column("people_total")]+s.Excluded, "every person counted or excluded")
			assert.Equal(t, len(fx.src.Registry.Active()), total.Counts[s.Column("reps_total")])
			assert.Equal(t, 200, city.Counts[s.Column("reps_total")], "the city's 200")
			hist := 0
			for _, n := range s.Scores.Counts {
				hist += n
			}
			assert.Equal(t, total.Counts[s.Column("people_total")], hist, "every person counted has a score")
			listed := 0
			for _, l := range s.Lists {
				for _, n := range l.Groups {
					listed += n
				}
			}
			assert.Equal(t, total.Counts[s.Column("list_city")]+total.Counts[s.Column("list_county")], listed)

			// The same in CSV: a title, the header line, two header rows, the rows.
			var b bytes.Buffer
			require.NoError(t, s.WriteCSV(&b))
			require.True(t, bytes.HasPrefix(b.Bytes(), []byte("\uFEFF")), "a byte-order mark")
			cr := csv.NewReader(bytes.NewReader(b.Bytes()[3:]))
			recs, err := cr.ReadAll()
			require.NoError(t, err)
			assert.Equal(t, report.SummaryTitle, recs[0][0])
			require.Equal(t, "单位", recs[3][0])
			var csvRows [][]int
			for i := range s.Rows {
				rec := recs[4+i]
				assert.Equal(t, s.Rows[i].Unit.Label, rec[0])
				var r []int
				for _, c := range rec[1:] {
					n, err := strconv.Atoi(c)
					require.NoError(t, err)
					r = append(r, n)
				}
				csvRows = append(csvRows, r)
			}
			checkTotals(t, cols, csvRows, kinds)
			assert.Equal(t, rows, csvRows)

			// The same in JSON, by the columns' codes.
			b.Reset()
			require.NoError(t, s.WriteJSON(&b))
			var doc struct {
				Rows []struct {
					Kind   struct{ Code string }
					Counts map[string]int
				}
			}
			require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
			var jsonRows [][]int
			var jsonKinds []string
			for _, r := range doc.Rows {
				var row []int
				for _, c := range cols {
					v, ok := r.Counts[c]
					require.True(t, ok, c)
					row = append(row, v)
				}
				jsonRows = append(jsonRows, row)
				jsonKinds = append(jsonKinds, r.Kind.Code)
			}
			checkTotals(t, cols, jsonRows, jsonKinds)
			assert.Equal(t, rows, jsonRows)
		})
	}
}

// Citizen IDs and phone numbers are masked in every format unless asked
// for, and then they are whole.
func TestMasking(t *testing.T) {
	fx := sample(t)
	for _, reveal := range []bool{false, true} {
		var opts []report.Option
		if reveal {
			opts = append(opts, report.RevealPersonalData())
		}
		rs, err := report.NewRegistrations(fx.src, opts...)
		require.NoError(t, err)
		keys := map[string]bool{}
		for _, f := range rs.Forms {
			keys[f.Key] = true
		}
		var ids, phones []string
		for _, r := range fx.records {
			if keys[r.Key] {
				ids = append(ids, r.CitizenID)
				if r.Phone != "" {
					phones = append(phones, r.Phone)
				}
			}
		}
		require.NotEmpty(t, phones)
		for ext, out := range render(t, rs) {
			t.Run(fmt.Sprint(ext, " reveal=", reveal), func(t *testing.T) {
				text := string(out)
				for _, id := range ids {
					assert.Equal(t, reveal, strings.Contains(text, id), "citizen ID %s", roster.MaskCitizenID(id))
					if !reveal {
						assert.Contains(t, text, roster.MaskCitizenID(id))
					}
				}
				for _, p := range phones {
					assert.Equal(t, reveal, strings.Contains(text, p), "phone %s", roster.MaskPhone(p))
				}
			})
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ name, in, id, phone string }{
		{"citizen ID", "45010219850312123X", "450102********123X", "450***********123X"},
		{"mobile", "13812345678", "13812345678"[:0] + "***********", "138****5678"},
		{"landline", "0771-5612345", "0771-5612345"[:0] + "************", "077*****2345"},
		{"short", "12345", "*****", "*****"},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.id, roster.MaskCitizenID(tt.in))
			assert.Equal(t, tt.phone, roster.MaskPhone(tt.in))
		})
	}
}

// A few hand-made people: a department's recommendation has its own row,
// a unit's own report keeps its row, and bad input is refused whole.
func TestSummaryRows(t *testing.T) {
	j := roster.Nanning()
	person := func(key, unit, by string, g classify.Group, grade evaluate.Grade, score int64, vetoed bool) report.Person {
		ev := &evaluate.Result{Key: key, Grade: grade, Total: formula.FixedInt(score), Removed: grade == evaluate.GradeD, Vetoed: vetoed}
		return report.Person{
			Record:         &roster.Record{Key: key, Unit: unit, RecommendedBy: by},
			Classification: classify.Result{Outcome: classify.Classified, Primary: g},
			Evaluation:     ev,
		}
	}
	people := []report.Person{
		person("K1", "450103", "", classify.G1, evaluate.GradeA, 95, false),
		person("K2", "450103", "4501D03", classify.G2, evaluate.GradeB, 85, false),
		person("K3", "4501A1", "", classify.G4, evaluate.GradeD, 70, true),
		{Record: &roster.Record{Key: "K4", Unit: "450103"}}, // undetermined: left out
	}
	day := roster.NewDate(2019, 4, 15)
	reg, err := tier.NewRegistry(day, []tier.Row{
		{Key: "K1", Unit: "450103", Seat: tier.SeatCity, List: "450100", Group: classify.G1, Grade: evaluate.GradeA, AssessedOn: day, Basis: tier.BasisRank, Since: day, Status: tier.Active},
		{Key: "K2", Unit: "450103", Seat: tier.SeatCounty, List: "450103", Group: classify.G2, Grade: evaluate.GradeB, AssessedOn: day, Basis: tier.BasisRank, Since: day, Status: tier.Active},
	})
	require.NoError(t, err)
	src := report.Source{Jurisdiction: j, Registry: reg, People: people}

	s, err := report.NewSummary(src)
	require.NoError(t, err)
	get := func(s *report.Summary, label, col string) int {
		for _, r := range s.Rows {
			if r.Unit.Label == label {
				return r.Counts[s.Column(col)]
			}
		}
		t.Fatalf("no row %s", label)
		return 0
	}
	assert.Equal(t, 1, get(s, "青秀区", "reps_total"))
	assert.Equal(t, 1, get(s, "市直有关单位", "list_county"), "K2 was recommended by 南宁市司法局")
	assert.Equal(t, 1, get(s, "南宁高新技术产业开发区", "removed_veto"))
	assert.Equal(t, 1, s.Excluded)
	assert.Equal(t, 1, get(s, "其中：市级名单", "grade_a"))
	assert.Equal(t, "", s.Date.String()[:0])
	assert.Equal(t, 18, len(s.Rows), "12 county-districts, 3 zones, departments, total, city list")

	own, err := report.NewSummary(report.Source{Jurisdiction: j, Registry: reg, People: people, Unit: "450103"})
	require.NoError(t, err)
	require.Len(t, own.Rows, 3)
	assert.Equal(t, "青秀区", own.Unit.Label)
	assert.Equal(t, []string{"青秀区", "合计", "其中：市级名单"}, []string{own.Rows[0].Unit.Label, own.Rows[1].Unit.Label, own.Rows[2].Unit.Label})
	assert.Equal(t, 1, own.Rows[1].Counts[own.Column("list_city")])

	bad := append([]report.Person{{}}, person("K9", "999999", "", classify.G1, evaluate.GradeA, 90, false))
	_, err = report.NewSummary(report.Source{Jurisdiction: j, People: bad})
	require.Error(t, err)
	assert.True(t, errors.Is(err, report.ErrInput))
	assert.Equal(t, "报表输入有误 (bad report input): 第 1 人 ：没有登记记录 (person 1 : no record)\n"+
		"报表输入有误 (bad report input): 第 2 人 K9：所属单位 999999 不在 南宁市 (person 2 K9: unit 999999 is not in 南宁市)", err.Error())
}

// BenchmarkAnnex1 builds the summary of 1,000,000 people in one pass: the
// sample's 2,000 assessments given 500 times over.
func BenchmarkAnnex1(b *testing.B) {
	fx := sample(b)
	src := fx.src
	people := make([]report.Person, 0, 1_000_000)
	for len(people) < cap(people) {
		people = append(people, fx.src.People...)
	}
	src.People = people[:1_000_000]
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := report.NewSummary(src, report.SplitFreelancers()); err != nil {
			b.Fatal(err)
		}
	}
}
