package roster

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckCharacter(t *testing.T) {
	tests := []struct {
		name    string
		first17 string
		want    byte
		wantErr string
	}{
		{"digit", "45010319850314123", '0', ""},
		{"X", "45010319850314102", 'X', ""},
		{"16 digits", "4501031985031412", 0, "invalid citizen ID: need 17 digits, got 16 characters"},
		{"a letter", "4501031985031412A", 0, "invalid citizen ID: character 17 is not a digit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckCharacter(tt.first17)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrCitizenID)
				assert.Equal(t, tt.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseCitizenID(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantID    string
		wantArea  string
		wantBirth Date
		wantSex   Sex
		wantErr   string
	}{
		{name: "valid, male", in: withCheck(t, "45010319850314123"),
			wantID: "450103198503141230", wantArea: "450103", wantBirth: NewDate(1985, time.March, 14), wantSex: Male},
		{name: "valid with X, female", in: "45010319850314102X",
			wantID: "45010319850314102X", wantArea: "450103", wantBirth: NewDate(1985, time.March, 14), wantSex: Female},
		{name: "valid with lower-case x", in: "45010319850314102x",
			wantID: "45010319850314102X", wantArea: "450103", wantBirth: NewDate(1985, time.March, 14), wantSex: Female},
		{name: "valid, 29 February of a leap year", in: withCheck(t, "11010120000229001"),
			wantID: withCheck(t, "11010120000229001"), wantArea: "110101", wantBirth: NewDate(2000, time.February, 29), wantSex: Male},
		{name: "valid, Macao", in: withCheck(t, "82000019900101002"),
			wantID: withCheck(t, "82000019900101002"), wantArea: "820000", wantBirth: NewDate(1990, time.January, 1), wantSex: Female},
		{name: "the example of GB 11643-1999", in: "11010519491231002X",
			wantID: "11010519491231002X", wantArea: "110105", wantBirth: NewDate(1949, time.December, 31), wantSex: Female},
		{name: "born in the 19th century", in: withCheck(t, "45010318991231123"),
			wantID: withCheck(t, "45010318991231123"), wantArea: "450103", wantBirth: NewDate(1899, time.December, 31), wantSex: Male},
		{name: "born on 29 February 1896", in: withCheck(t, "11010118960229002"),
			wantID: withCheck(t, "11010118960229002"), wantArea: "110101", wantBirth: NewDate(1896, time.February, 29), wantSex: Female},
		{name: "valid, Taiwan residence permit", in: withCheck(t, "83000019880808005"),
			wantID: withCheck(t, "83000019880808005"), wantArea: "830000", wantBirth: NewDate(1988, time.August, 8), wantSex: Male},

		{name: "bad check character", in: "450103198503141231",
			wantErr: "invalid citizen ID: check character does not match"},
		{name: "X where a digit is due", in: "45010319850314123X",
			wantErr: "invalid citizen ID: check character does not match"},
		{name: "impossible date 19990230", in: withCheck(t, "45010319990230123"),
			wantErr: "invalid citizen ID: birth date does not exist"},
		{name: "29 February of a common year", in: withCheck(t, "45010319990229123"),
			wantErr: "invalid citizen ID: birth date does not exist"},
		{name: "day 00", in: withCheck(t, "45110319850300413"),
			wantErr: "invalid citizen ID: birth date does not exist"},
		{name: "month 13", in: withCheck(t, "45010319991301123"),
			wantErr: "invalid citizen ID: birth date does not exist"},
		{name: "year 0000", in: withCheck(t, "45010300000101123"),
			wantErr: "invalid citizen ID: birth date does not exist"},
		{name: "unknown area 99", in: withCheck(t, "99010319850314123"),
			wantErr: "invalid citizen ID: area code is not under a known province-level code"},
		{name: "unknown area 84", in: withCheck(t, "84000019850314123"),
			wantErr: "invalid citizen ID: area code is not under a known province-level code"},
		{name: "unknown area 00", in: withCheck(t, "00010319850314123"),
			wantErr: "invalid citizen ID: area code is not under a known province-level code"},
		{name: "empty", in: "",
			wantErr: "invalid citizen ID: must have 18 characters, has 0"},
		{name: "17 characters", in: "45010319850314123",
			wantErr: "invalid citizen ID: must have 18 characters, has 17"},
		{name: "19 characters", in: "4501031985031412300",
			wantErr: "invalid citizen ID: must have 18 characters, has 19"},
		{name: "15-digit ID of the first generation", in: "450103850314123",
			wantErr: "invalid citizen ID: must have 18 characters, has 15"},
		{name: "surrounded by spaces", in: " 450103198503141230 ",
			wantErr: "invalid citizen ID: holds white space or an invisible character"},
		{name: "leading space", in: " 450103198503141230",
			wantErr: "invalid citizen ID: holds white space or an invisible character"},
		{name: "zero-width space inside", in: "450103\u200b198503141230",
			wantErr: "invalid citizen ID: holds white space or an invisible character"},
		{name: "byte-order mark", in: "\uFEFF450103198503141230",
			wantErr: "invalid citizen ID: holds white space or an invisible character"},
		{name: "space instead of a digit", in: "450103 98503141230",
			wantErr: "invalid citizen ID: must have 18 characters, has 17"},
		{name: "full-width digits throughout", in: "４５０１０３１９８５０３１４１２３０",
			wantErr: "invalid citizen ID: character 1 is full-width; write it in ASCII"},
		{name: "full-width X", in: "45010319850314102Ｘ",
			wantErr: "invalid citizen ID: character 18 is full-width; write it in ASCII"},
		{name: "18 bytes but 16 characters", in: "450103198503141名",
			wantErr: "invalid citizen ID: must have 18 characters, has 16"},
		{name: "non-digit", in: "4501031985O3141230",
			wantErr: "invalid citizen ID: character 11 is not a digit"},
		{name: "X in the middle", in: "450103X98503141230",
			wantErr: "invalid citizen ID: character 7 is not a digit"},
		{name: "bad last character", in: "45010319850314123Y",
			wantErr: "invalid citizen ID: character 18 must be a digit or X"},
		{name: "full-width digit", in: "45010319850314123０",
			wantErr: "invalid citizen ID: character 18 is full-width; write it in ASCII"},
		{name: "16 digits and two spaces", in: "4501031985031412  ",
			wantErr: "invalid citizen ID: must have 18 characters, has 16"},
		{name: "17 digits and a space", in: "45010319850314123 ",
			wantErr: "invalid citizen ID: must have 18 characters, has 17"},
		{name: "invalid UTF-8", in: "45010319850314\xff230",
			wantErr: "invalid citizen ID: character 15 is not a digit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := ParseCitizenID(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrCitizenID)
				assert.Equal(t, tt.wantErr, err.Error())
				assert.True(t, id.IsZero())
				return
			}
			require.NoError(t, err)
			assert.False(t, id.IsZero())
			assert.Equal(t, tt.wantID, id.String())
			assert.Equal(t, tt.wantArea, id.Area())
			assert.Equal(t, tt.wantBirth, id.BirthDate())
			assert.Equal(t, tt.wantSex, id.Sex())
		})
	}
}

func TestCitizenIDZero(t *testing.T) {
	var id CitizenID
	assert.True(t, id.IsZero())
	assert.Equal(t, "", id.String())
	assert.Equal(t, "", id.Area())
	assert.Equal(t, Date{}, id.BirthDate())
	assert.Equal(t, Sex(0), id.Sex())
}

func FuzzParseCitizenID(f *testing.F) {
	for _, s := range []string{
		"450103198503141230", "45010319850314102X", "45010319850314102x",
		"450103198503141231", "450103199902301234", "990103198503141230",
		"", "4501031985031412", "4501031985031412名", "45010319850314123０",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseCitizenID(s)
		if err != nil {
			require.ErrorIs(t, err, ErrCitizenID)
			require.True(t, id.IsZero())
			if len(s) >= 8 {
				require.NotContains(t, err.Error(), s, "errors carry no personal data")
			}
			return
		}
		got := id.String()
		require.Len(t, got, 18)
		require.True(t, strings.EqualFold(got, s), "the ID is the input, X upper-cased")
		c, err := CheckCharacter(got[:17])
		require.NoError(t, err)
		require.Equal(t, c, got[17], "the check character agrees")
		require.True(t, dayExists(id.BirthDate()), "the birth date is a day that exists")
		require.Contains(t, []Sex{Male, Female}, id.Sex())
		require.Equal(t, got[:6], id.Area())
		require.True(t, provinces[int(got[0]-'0')*10+int(got[1]-'0')])
		again, err := ParseCitizenID(got)
		require.NoError(t, err)
		require.Equal(t, id, again, "parsing is idempotent")
	})
}

// A text has the shape of a citizen ID when, shaped as a reader sees it,
// it is 18 digits (the last may be X) or 15; a registration number is not.
func TestLooksLikeCitizenID(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"450103198001011234", true},
		{"45010319800101123X", true},
		{"45010319800101123x", true},
		{"450103800101123", true},
		{" 450103198001011234", true},
		{"4501 0319 8001 0112 34", true},
		{"450103198001011234\t", true},
		{"450103198001011234\u200b", true},
		{"４５０１０３１９８００１０１１２３４", true},
		{"45010319800101123Ｘ", true},
		{"NN-450103-00001", false},
		{"45010319800101123", false},
		{"4501031980010112345", false},
		{"A50103198001011234", false},
		{"450103-198001011234", false},
		{"X50103198001011234", false},
		{"450103198001011234\x00", false},
		{"", false},
		{"李明", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, LooksLikeCitizenID(tt.s), "%q", tt.s)
	}
}
