package newstrata_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/newstrata/newstrata"
	"github.com/newstrata/newstrata/roster"
)

// An assessment as JSON: snake_case names, closed sets as {"code",
// "label"}, exact numbers as strings, dates as 2006-01-02; it reads back
// to the same assessment. Here the parts that say where it leaves the
// person, of a document that also holds every condition and indicator.
func ExampleAssessment_MarshalJSON() {
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	as, err := a.Assess(readTwo()[0], roster.NewDate(2019, 4, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.Marshal(as)
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		Key            string          `json:"key"`
		Status         json.RawMessage `json:"status"`
		Post           json.RawMessage `json:"post"`
		Classification struct {
			Primary json.RawMessage `json:"primary"`
			Matched []string        `json:"matched"`
		} `json:"classification"`
		Evaluation struct {
			AsOf  string          `json:"as_of"`
			Total string          `json:"total"`
			Grade json.RawMessage `json:"grade"`
			Gap   struct {
				Next   json.RawMessage `json:"next"`
				Points string          `json:"points"`
			} `json:"gap"`
		} `json:"evaluation"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("key:", doc.Key)
	fmt.Println("status:", string(doc.Status))
	fmt.Println("post:", string(doc.Post))
	fmt.Println("group:", string(doc.Classification.Primary), doc.Classification.Matched)
	fmt.Println("as of:", doc.Evaluation.AsOf)
	fmt.Println("total:", doc.Evaluation.Total, string(doc.Evaluation.Grade))
	fmt.Println("next:", string(doc.Evaluation.Gap.Next), "in", doc.Evaluation.Gap.Points)

	var back newstrata.Assessment
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("read back:", back.Status.Label(), back.Evaluation.Total, back.Evaluation.Grade.Code())
	// Output:
	// key: NN-450103-00001
	// status: {"code":"candidate","label":"入库候选"}
	// post: {"code":"3","label":"市级"}
	// group: {"code":"G1","label":"民营企业和外商投资企业管理技术人员"} [G1.1]
	// as of: 2019-04-15
	// total: 81.50 {"code":"B","label":"B级"}
	// next: {"code":"A","label":"A级"} in 8.50
	// read back: 入库候选 81.5 B
}

// A rejected record as JSON: its error is a structured value with a
// stable code, the record and field it names, and its message in
// Chinese, in English and whole. Read back, it prints the same message
// and matches the same cause.
func ExampleRejection_MarshalJSON() {
	records := readTwo()
	records[1].Key = records[0].Key // the second repeats the first's registration number
	a, err := newstrata.New(newstrata.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := a.AssessAll(context.Background(), records, roster.NewDate(2019, 4, 15), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b.Rejected); err != nil {
		fmt.Println(err)
		return
	}

	var back []newstrata.Rejection
	js, _ := json.Marshal(b.Rejected)
	if err := json.Unmarshal(js, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back[0].Err)
	fmt.Println(errors.Is(back[0].Err, newstrata.ErrDuplicateKey))
	// Output:
	// [
	//   {
	//     "index": 1,
	//     "key": "NN-450103-00001",
	//     "error": {
	//       "code": "duplicate_key",
	//       "record": "NN-450103-00001",
	//       "field": "Key",
	//       "label": "登记编号",
	//       "policy": null,
	//       "rule": null,
	//       "file": null,
	//       "line": null,
	//       "column": null,
	//       "message_zh": "登记编号重复：记录 NN-450103-00001 与第 1 条记录相同",
	//       "message_en": "duplicate registration number: same as record 1",
	//       "message": "登记编号重复 (duplicate registration number)：记录 NN-450103-00001 与第 1 条记录相同 (same as record 1)",
	//       "problems": []
	//     }
	//   }
	// ]
	// 登记编号重复 (duplicate registration number)：记录 NN-450103-00001 与第 1 条记录相同 (same as record 1)
	// true
}
