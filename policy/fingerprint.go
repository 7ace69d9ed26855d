package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"github.com/newstrata/newstrata/evaluate"

	"github.com/newstrata/newstrata/formula"
)

// Fingerprint returns the SHA-256, in hex, of d's canonical form: its JSON
// with positions left out and every formula in one normal form, so that
// YAML style, comments, indentation, and a formula's white space, line
// breaks and redundant parentheses do not change it while any change of
// meaning does. Two formulas with the same parse give the same fingerprint,
// as [Diff] finds them equal.
func (d *Document) Fingerprint() string {
	c := d.Clone()
	for i := range c.Conditions {
		c.Conditions[i].Formula = canonical(c.Conditions[i].Formula)
	}
	canonicalIndicators(c.Indicators)
	for i := range c.Bonuses {
		c.Bonuses[i].Formula = canonical(c.Bonuses[i].Formula)
	}
	for i := range c.Vetoes {
		c.Vetoes[i].Formula = canonical(c.Vetoes[i].Formula)
	}
	c.Classification = c.Classification.Canonical()
	c.defaultListIDs() // ids left out and written out alike
	b, err := json.Marshal(c)
	if err != nil {
		// Every field of a Document marshals; this is unreachable.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func canonicalIndicators(ins []evaluate.Indicator) {
	for i := range ins {
		ins[i].Formula = canonical(ins[i].Formula)
		canonicalIndicators(ins[i].Children)
	}
}

// canonical returns a formula in the normal form of [formula.Canonical]: two
// formulas with the same parse have the same one. A formula that does not
// parse keeps its text with white space folded; it never compiles, so only
// a document that is not a policy can hold one.
func canonical(src string) string {
	s, _ := formula.Canonical(src)
	return s
}

// sameFormula reports whether two formulas parse to the same tree: their
// white space, line breaks (a YAML block scalar folds them into spaces),
// comments and redundant parentheses aside.
func sameFormula(a, b string) bool { return canonical(a) == canonical(b) }

// asWritten is a formula as written, for a reader: white space
// folded, its own parentheses and spelling kept.
func asWritten(s string) string { return formula.Fold(s) }
