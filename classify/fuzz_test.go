package classify_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/policy"
)

// FuzzOverlay feeds policy files with a classification section to
// policy.Parse and applies the overlays among them to the baseline: neither
// may panic, every error is a *formula.Error with a message, and applying
// an overlay leaves the base's rules as they were.
//
// Compile is left out: it compiles formulas with expr, whose cost would
// leave the fuzzer minimizing a single input for the whole run.
func FuzzOverlay(f *testing.F) {
	overlay, err := os.ReadFile(filepath.Join("testdata", "qingxiu", "rules.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	const head = "id: c\nname: 某县\njurisdiction: \"450123\"\nextends: nanning-2019\nclassification:\n"
	for _, seed := range []string{
		string(overlay),
		head + "  disable: [U2]\n",
		head + "  change:\n    - {id: N9, name: 其余, group: 无法判定, reason: 理由。}\n",
		head + "  add:\n    groups:\n      - id: A\n        name: 甲\n        group: G1\n        when: |\n          NewMedia &&\n            Rol\n        reason: 理由。\n",
		head + "  add:\n    groups:\n      - {id: A, name: 甲, group: G1, when: \"Occupation == \\\"律师\\\" && \\u0052ol\", reason: 理由。}\n",
		head + "  add:\n    groups:\n      - {id: A, name: 甲, group: G1, when: 'a ''b'' \n\n  c', reason: 理由。}\n",
		head + "  priority: [G1, G2, G3, G7]\n",
		"a: &x 1\nb: *x\n",
		"- [",
	} {
		f.Add(seed)
	}
	base := policy.BaselineFile().Document
	before := base.Classification.Clone()
	f.Fuzz(func(t *testing.T, doc string) {
		check := func(err error) {
			var fe *formula.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is %T, not *formula.Error", err, err)
			}
			if fe.Line < 0 || fe.Column < 0 || (fe.Message == "" && fe.MessageZH == "") {
				t.Fatalf("error without a message: %#v", fe)
			}
		}
		file, err := policy.Parse("450123", "fuzz.yaml", []byte(doc))
		if err != nil {
			check(err)
			return
		}
		if file.Overlay == nil {
			return
		}
		d, err := file.Overlay.Apply(base)
		if err != nil {
			check(err)
			return
		}
		if d.Classification.IsZero() {
			t.Fatal("an overlay of the baseline lost its classification rules")
		}
		if !reflect.DeepEqual(before, base.Classification) {
			t.Fatal("Apply changed the base's classification rules")
		}
	})
}
