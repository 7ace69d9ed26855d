package roster_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newstrata/newstrata/roster"
)

const (
	fullID      = "450103198005120111"
	maskedID    = "450103********0111"
	fullPhone   = "13907710001"
	maskedPhone = "139****0001"
	fullAddress = "广西南宁市青秀区测试路1号"
	maskedAddr  = "广西南宁市****"
)

// assertMasked checks that out shows the personal data of fullRecord
// masked and never whole.
func assertMasked(t *testing.T, out string) {
	t.Helper()
	assert.Contains(t, out, maskedID)
	assert.Contains(t, out, maskedPhone)
	assert.Contains(t, out, maskedAddr)
	for _, whole := range []string{fullID, fullPhone, fullAddress, "测试路"} {
		assert.NotContains(t, out, whole)
	}
}

func TestRecordPrintsMasked(t *testing.T) {
	r := fullRecord(t)
	tests := []struct {
		name, out, prefix string
	}{
		{"String", r.String(), "{NN-450103-00017 450103 4501D01 李测试0017 male Zhuang 1980-05-12 " + maskedID + " 广西南宁 " + maskedPhone + " " + maskedAddr + " NN-450103-00017.jpg "},
		{"%v", fmt.Sprintf("%v", *r), "{NN-450103-00017 450103 "},
		{"%v of a pointer", fmt.Sprintf("%v", r), "{NN-450103-00017 450103 "},
		{"%s", fmt.Sprintf("%s", *r), "{NN-450103-00017 450103 "},
		{"Println", fmt.Sprintln(*r), "{NN-450103-00017 450103 "},
		{"%+v", fmt.Sprintf("%+v", *r), "{Key:NN-450103-00017 Unit:450103 RecommendedBy:4501D01 Name:李测试0017 Sex:male Ethnicity:Zhuang BirthDate:1980-05-12 CitizenID:" + maskedID + " NativePlace:广西南宁 Phone:" + maskedPhone + " Address:" + maskedAddr + " Photo:"},
		{"%#v", fmt.Sprintf("%#v", *r), `roster.Record{Key:"NN-450103-00017", Unit:"450103", RecommendedBy:"4501D01", Name:"李测试0017", Sex:0x2, Ethnicity:0x8, BirthDate:roster.Date{Year:1980, Month:5, Day:12}, CitizenID:"` + maskedID + `", NativePlace:"广西南宁", Phone:"` + maskedPhone + `", Address:"` + maskedAddr + `", Photo:`},
		{"%d", fmt.Sprintf("%d", *r), "%!d(roster.Record={NN-450103-00017 "},
		{"%q", fmt.Sprintf("%q", *r), "%!q(roster.Record={NN-450103-00017 "},
		{"inside a struct", fmt.Sprintf("%+v", struct{ R roster.Record }{*r}), "{R:{Key:NN-450103-00017 "},
		{"inside a slice", fmt.Sprintf("%v", []roster.Record{*r}), "[{NN-450103-00017 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.True(t, strings.HasPrefix(tt.out, tt.prefix), "%s", tt.out)
			assertMasked(t, tt.out)
		})
	}
	assert.Equal(t, r.String(), fmt.Sprintf("%v", *r))
	assert.Equal(t, r.String(), fmt.Sprintf("%s", r))
	assert.Equal(t, fullID, r.CitizenID, "printing leaves the record whole")
}

func TestRecordMarshalJSON(t *testing.T) {
	r := fullRecord(t)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assertMasked(t, string(b))
	b2, err := json.Marshal(*r)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2), "a value and a pointer encode alike")

	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, maskedID, back["CitizenID"])
	assert.Equal(t, maskedPhone, back["Phone"])
	assert.Equal(t, maskedAddr, back["Address"])
	assert.Equal(t, "NN-450103-00017", back["Key"])
	assert.Equal(t, "政协委员", back["Seats"].([]any)[0].(map[string]any)["Body"], "codes by their labels, as before")
	assert.Equal(t, "2017-01", back["Seats"].([]any)[0].(map[string]any)["From"])

	// Everything else reads back as it was.
	var got roster.Record
	require.NoError(t, json.Unmarshal(b, &got))
	want := *r
	want.CitizenID, want.Phone, want.Address = maskedID, maskedPhone, maskedAddr
	want.Extra = map[string]any{"bonus": float64(2), "remark": "无"}
	assert.True(t, want.Donations.Equal(got.Donations), "12.50 reads back as 12.5, as decimal's JSON does")
	want.Donations = got.Donations
	assert.Equal(t, want, got)
}

// A citizen ID typed where it does not belong is masked too, and the
// record printed is not changed.
func TestRecordPrintMasksStrayIDs(t *testing.T) {
	r := fullRecord(t)
	r.Key = fullID
	r.Name = fullID
	r.Seats[0].Term = fullID
	r.Extra = map[string]any{"note": fullID, fullID: 1}
	for name, out := range map[string]string{
		"%v":   fmt.Sprintf("%v", *r),
		"%+v":  fmt.Sprintf("%+v", *r),
		"%#v":  fmt.Sprintf("%#v", *r),
		"JSON": func() string { b, _ := json.Marshal(r); return string(b) }(),
	} {
		t.Run(name, func(t *testing.T) {
			assert.NotContains(t, out, fullID)
			assert.Equal(t, 6, strings.Count(out, maskedID), out)
		})
	}
	assert.Equal(t, fullID, r.Key)
	assert.Equal(t, fullID, r.Seats[0].Term, "the list is copied before it is masked")
	assert.Equal(t, fullID, r.Extra["note"])
	assert.Contains(t, r.Extra, fullID)
}

func TestRecordPrintZero(t *testing.T) {
	var r roster.Record
	assert.NotPanics(t, func() { _ = r.String() })
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"CitizenID":""`)
}

func TestMask(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"citizen ID", roster.MaskCitizenID("45010219800101123X"), "450102********123X"},
		{"short ID", roster.MaskCitizenID("4501"), "****"},
		{"empty ID", roster.MaskCitizenID(""), ""},
		{"mobile", roster.MaskPhone("13812345678"), "138****5678"},
		{"landline", roster.MaskPhone("0771-5612345"), "077*****2345"},
		{"address to the district", roster.MaskAddress("广西南宁市青秀区民族大道100号"), "广西南宁市青秀区****"},
		{"address of a region", roster.MaskAddress("广西壮族自治区南宁市青秀区民族大道100号"), "广西壮族自治区南宁市****"},
		{"never more than half", roster.MaskAddress("南宁市青秀区1号"), "南宁市****"},
		{"no division at the head", roster.MaskAddress("民族大道100号"), "****"},
		{"a 区 past the head is not kept", roster.MaskAddress("民族大道100号某某花园小区3栋2单元"), "****"},
		{"county", roster.MaskAddress("广西南宁市横县横州镇某街8号"), "广西南宁市横县****"},
		{"empty address", roster.MaskAddress(""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.got) })
	}
}

// The field table says which fields are personal, and masks their cells.
func TestFieldMask(t *testing.T) {
	var personal []string
	for _, f := range roster.Fields() {
		if f.Personal() {
			personal = append(personal, f.Title())
		}
	}
	assert.Equal(t, []string{"公民身份号码", "联系电话", "通讯地址"}, personal)
	r := fullRecord(t)
	r.BirthDate = roster.NewDate(1980, time.May, 12)
	for title, want := range map[string]string{"公民身份号码": maskedID, "联系电话": maskedPhone, "通讯地址": maskedAddr, "姓名": "李测试0017"} {
		f, ok := roster.FieldByTitle(title)
		require.True(t, ok)
		cell, err := f.Format(r)
		require.NoError(t, err)
		assert.Equal(t, want, f.Mask(cell), title)
	}
}
