package newstrata_test

import (
	"context"
	"testing"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/internal/synth"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// qingxiuClassification is 青秀区's overlay, handed in by 青秀区: it
// lowers the threshold of one classification rule, G4.4 网络意见人士,
// from 100,000 followers to 50,000.
const qingxiuClassification = `id: qingxiu-2019
name: 青秀区
jurisdiction: "450103"
extends: nanning-2019
classification:
  change:
    - id: G4.4
      when: NewMedia && Followers >= 50000
`

// A county's classification rule is its own: in one batch with records of
// 青秀区 and 兴宁区, only 青秀区's opinion leaders with 60,000 followers
// move into G4; 兴宁区's, under the city's rules, stay undetermined.
func TestCountyClassifiesItsOwnUnitOnly(t *testing.T) {
	f, err := policy.Parse("450103", "qingxiu-2019.yaml", []byte(qingxiuClassification))
	require.NoError(t, err)
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(t, err)
	a, err := newstrata.New(newstrata.Config{Policies: set})
	require.NoError(t, err)

	blogger := func(r *roster.Record) {
		r.EmployerKind, r.Role, r.Occupation, r.NewMedia, r.Followers = roster.NoEmployer, roster.RoleOther, "自媒体博主", true, 60000
	}
	in := func(unit string) func(*roster.Record) { return func(r *roster.Record) { r.Unit = unit } }
	records := []*roster.Record{
		person("QX-1", blogger),
		person("XN-1", blogger, in("450102")),
		person("QX-2"),
		person("XN-2", in("450102")),
	}
	// Who they are, as a valid record needs it, from the sample's people.
	for i, id := range synth.Generate(len(records), synth.SampleSeed, synth.SampleAsOf()) {
		records[i].Sex, records[i].Ethnicity, records[i].CitizenID, records[i].BirthDate = id.Sex, id.Ethnicity, id.CitizenID, id.BirthDate
	}
	b, err := a.AssessAll(context.Background(), records, asOf, nil)
	require.NoError(t, err)
	require.Empty(t, b.Rejected)
	type got struct {
		key, unit, rule string
		outcome         classify.Outcome
		primary         classify.Group
		policy          string
	}
	var results []got
	for _, as := range b.Assessments {
		results = append(results, got{as.Key, as.Unit, as.Classification.Rule, as.Classification.Outcome, as.Classification.Primary, as.Evaluation.Policy})
	}
	assert.Equal(t, []got{
		{"QX-1", "450103", "G4.4", classify.Classified, classify.G4, "qingxiu-2019"},
		{"XN-1", "450102", "U3", classify.Undetermined, 0, "nanning-2019"},
		{"QX-2", "450103", "G1.1", classify.Classified, classify.G1, "qingxiu-2019"},
		{"XN-2", "450102", "G1.1", classify.Classified, classify.G1, "nanning-2019"},
	}, results)
	assert.Equal(t, newstrata.Unqualified, b.Assessments[1].Status, "not new strata in 兴宁区")
	assert.NotEqual(t, newstrata.Unqualified, b.Assessments[0].Status, "G4 in 青秀区")

	// Compare classifies each record under each policy: the blogger moves.
	base, _ := set.Policy(policy.BaselineID)
	next, _ := set.Policy("qingxiu-2019")
	assert.NotEqual(t, base.Classifier().Fingerprint(), next.Classifier().Fingerprint())
	im, err := a.Compare(context.Background(), base, next, a.Prepare(records[:1], asOf))
	require.NoError(t, err)
	require.Len(t, im.Shifts, 1)
	assert.Equal(t, newstrata.Unqualified, im.Shifts[0].Before.Status)
	assert.Equal(t, b.Assessments[0].Status, im.Shifts[0].After.Status)
}

// When two policies classify differently, Compare gives what assessing
// under each gives: the group that conditions and indicators read included.
func TestCompareAgreesWithAssessUnderAcrossClassifications(t *testing.T) {
	f, err := policy.Parse("450103", "qingxiu-2019.yaml", []byte(qingxiuClassification+`  priority: [G1, G2, G3, G4]
  disable: [N4]
`))
	require.NoError(t, err)
	set, err := policy.NewSet(roster.Nanning(), []*policy.File{f}, policy.WithBaseline())
	require.NoError(t, err)
	a, err := newstrata.New(newstrata.Config{Policies: set})
	require.NoError(t, err)
	base, _ := set.Policy(policy.BaselineID)
	next, _ := set.Policy("qingxiu-2019")
	records := sample(300)
	for _, r := range records {
		r.Extra = nil
	}
	im, err := a.Compare(context.Background(), base, next, a.Prepare(records, asOf))
	require.NoError(t, err)
	shifted := map[string]newstrata.Shift{}
	for _, s := range im.Shifts {
		shifted[s.Key] = s
	}
	reclassified := 0
	for _, r := range records {
		before, err1 := a.AssessUnder(base, r, asOf)
		after, err2 := a.AssessUnder(next, r, asOf)
		if err1 != nil || err2 != nil {
			continue
		}
		if before.Classification.Rule != after.Classification.Rule {
			reclassified++
		}
		s, moved := shifted[r.Key]
		if before.Status != after.Status || before.Evaluation.Grade != after.Evaluation.Grade {
			require.True(t, moved, r.Key)
			assert.Equal(t, before.Status, s.Before.Status, r.Key)
			assert.Equal(t, after.Status, s.After.Status, r.Key)
		}
	}
	assert.Positive(t, reclassified, "the sample holds people the change moves")
}
