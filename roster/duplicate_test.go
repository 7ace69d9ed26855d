package roster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/roster"
)

func TestDuplicateIDs(t *testing.T) {
	const id, other = "450103198503141230", "45010319850314102X"
	rec := func(key, citizenID string) *roster.Record { return &roster.Record{Key: key, CitizenID: citizenID} }
	tests := []struct {
		name    string
		records []*roster.Record
		want    []string
	}{
		{"none", []*roster.Record{rec("NN-1", id), rec("NN-2", other)}, nil},
		{"one person under two numbers", []*roster.Record{rec("NN-1", id), rec("NN-2", other), rec("NN-3", id)},
			[]string{"第 3 条记录（登记编号 NN-3）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 3 (NN-3) has the citizen ID of record 1 (NN-1))"}},
		{"three times: each later one names the first", []*roster.Record{rec("NN-1", id), rec("NN-2", id), rec("NN-3", id)},
			[]string{
				"第 2 条记录（登记编号 NN-2）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 2 (NN-2) has the citizen ID of record 1 (NN-1))",
				"第 3 条记录（登记编号 NN-3）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 3 (NN-3) has the citizen ID of record 1 (NN-1))",
			}},
		{"spelt otherwise: lower-case x, full-width digits, a zero-width space",
			[]*roster.Record{rec("NN-1", other), rec("NN-2", "45010319850314102x"), rec("NN-3", "４５０１０３１９８５０３１４１０２Ｘ"), rec("NN-4", "\u200b"+other+" ")},
			[]string{
				"第 2 条记录（登记编号 NN-2）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 2 (NN-2) has the citizen ID of record 1 (NN-1))",
				"第 3 条记录（登记编号 NN-3）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 3 (NN-3) has the citizen ID of record 1 (NN-1))",
				"第 4 条记录（登记编号 NN-4）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 4 (NN-4) has the citizen ID of record 1 (NN-1))",
			}},
		{"a key that is an ID is not printed", []*roster.Record{rec(id, id), rec("NN-2", id)},
			[]string{"第 2 条记录（登记编号 NN-2）与第 1 条记录的公民身份号码相同 (record 2 (NN-2) has the citizen ID of record 1)"}},
		{"the same record twice is a repeated key, not a repeated person", []*roster.Record{rec("NN-1", id), rec("NN-1", id)}, nil},
		{"no ID, nil records", []*roster.Record{nil, rec("NN-1", ""), rec("NN-2", " "), nil}, nil},
		{"X and 0 are two check characters", []*roster.Record{rec("NN-1", "450103198503141020"), rec("NN-2", other)}, nil},
		{"a first-generation ID or a mistyped one is compared as text",
			[]*roster.Record{rec("NN-1", "450103850314123"), rec("NN-2", "4501038503141 23"), rec("NN-3", "45010X"), rec("NN-4", "45010x")},
			[]string{
				"第 2 条记录（登记编号 NN-2）与第 1 条记录（登记编号 NN-1）的公民身份号码相同 (record 2 (NN-2) has the citizen ID of record 1 (NN-1))",
				"第 4 条记录（登记编号 NN-4）与第 3 条记录（登记编号 NN-3）的公民身份号码相同 (record 4 (NN-4) has the citizen ID of record 3 (NN-3))",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := roster.DuplicateIDs(tt.records)
			require.Len(t, errs, len(tt.want))
			for i, err := range errs {
				assert.EqualError(t, err, tt.want[i])
				assert.ErrorIs(t, err, roster.ErrDuplicateID)
				assert.NotContains(t, err.Error(), "4501031985")
				var de *roster.DuplicateIDError
				assert.ErrorAs(t, err, &de)
			}
		})
	}
}

// An IDIndex given the records one at a time finds what DuplicateIDs finds
// in the batch, whatever it was given before.
func TestIDIndex(t *testing.T) {
	const id = "450103198503141230"
	var ids roster.IDIndex
	require.NoError(t, ids.Add(nil, 0))
	require.NoError(t, ids.Add(&roster.Record{Key: "NN-1", CitizenID: id}, 1))
	require.NoError(t, ids.Add(&roster.Record{Key: "NN-1", CitizenID: id}, 2), "a repeated record")
	err := ids.Add(&roster.Record{Key: "NN-3", CitizenID: " " + id}, 3)
	assert.EqualError(t, err, "第 4 条记录（登记编号 NN-3）与第 2 条记录（登记编号 NN-1）的公民身份号码相同 (record 4 (NN-3) has the citizen ID of record 2 (NN-1))")
	var de *roster.DuplicateIDError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, roster.DuplicateIDError{Position: 4, Key: "NN-3", FirstPosition: 2, FirstKey: "NN-1"}, *de)
}
