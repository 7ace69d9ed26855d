package roster_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/newstrata/newstrata/roster"
)

// A record prints masked, whatever the verb, and so does its JSON.
func ExampleRecord_String() {
	r := roster.Record{Key: "NN-000123", Name: "李明", CitizenID: "45010319850314123X",
		Phone: "13912345678", Address: "广西南宁市青秀区民族大道100号"}
	b, _ := json.Marshal(r)
	var j struct{ Key, CitizenID, Phone, Address string }
	_ = json.Unmarshal(b, &j)
	fmt.Println(j.Key, j.CitizenID, j.Phone, j.Address)
	printed := fmt.Sprintf("%v %+v %#v %s", r, r, r, r.String())
	fmt.Println(strings.Contains(printed, r.CitizenID), strings.Contains(printed, r.Phone), strings.Contains(printed, "民族大道"))
	// Output:
	// NN-000123 450103********123X 139****5678 广西南宁市青秀区****
	// false false false
}

func ExampleMaskAddress() {
	fmt.Println(roster.MaskAddress("广西南宁市青秀区民族大道100号"))
	fmt.Println(roster.MaskCitizenID("45010319850314123X"), roster.MaskPhone("0771-5612345"))
	// Output:
	// 广西南宁市青秀区****
	// 450103********123X 077*****2345
}
