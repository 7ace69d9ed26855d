package classify_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/newstrata/newstrata/classify"
)

// FuzzParse feeds documents to Parse and to Extend of the baseline: neither
// may panic, every error is an *Error with a place and a message, and
// every rule read has its fields. Crashers found are kept under
// testdata/fuzz/FuzzParse as seeds.
//
// New is left out: it compiles formulas with expr, whose cost would leave
// the fuzzer minimizing a single input for the whole run.
func FuzzParse(f *testing.F) {
	base, err := os.ReadFile("baseline.yaml")
	if err != nil {
		f.Fatal(err)
	}
	overlay, err := os.ReadFile(filepath.Join("testdata", "qingxiu", "rules.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		string(base),
		string(overlay),
		whole,
		"extends: baseline\ndisable: [U2]\n",
		"extends: baseline\nreplace:\n  - {id: N9, name: 其余, group: 无法判定, reason: 理由。}\n",
		"priority: [G1, G2, G3, G4]\ngroups:\n  - id: A\n    name: 甲\n    group: G1\n    when: |\n      NewMedia &&\n        Rol\n    reason: 理由。\notherwise: {id: Z, name: 其余, group: 无法判定, reason: 理由。}\n",
		"priority: [G1, G2, G3, G4]\ngroups:\n  - {id: A, name: 甲, group: G1, when: \"Occupation == \\\"律师\\\" && \\u0052ol\", reason: 理由。}\notherwise: {id: Z, name: 其余, group: 无法判定, reason: 理由。}\n",
		"priority: [G1, G2, G3, G4]\ngroups:\n  - {id: A, name: 甲, group: G1, when: 'a ''b'' \n\n  c', reason: 理由。}\notherwise: {id: Z, name: 其余, group: 无法判定, reason: 理由。}\n",
		"a: &x 1\nb: *x\n",
		"- [",
	} {
		f.Add(seed)
	}
	baseline := classify.Baseline()
	f.Fuzz(func(t *testing.T, doc string) {
		check := func(rules *classify.Rules, err error) {
			if err != nil {
				var ce *classify.Error
				if !errors.As(err, &ce) {
					t.Fatalf("error %v is %T, not *classify.Error", err, err)
				}
				if ce.Line < 0 || ce.Column < 0 || ce.Message == "" {
					t.Fatalf("error without a place or a message: %#v", ce)
				}
				return
			}
			for _, r := range rules.List() {
				if r.ID == "" || r.Name == "" || r.Reason == "" || (r.When == "") != (r.Step == classify.Otherwise) {
					t.Fatalf("rule %#v lacks a field", r)
				}
			}
		}
		check(classify.Parse("fuzz.yaml", []byte(doc)))
		check(baseline.Extend("fuzz.yaml", []byte(doc)))
	})
}
