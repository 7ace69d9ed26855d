package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// Fingerprint returns the SHA-256, in hex, of d's canonical form: its JSON
// with positions left out and every formula's white space outside string
// literals folded, so that YAML style, comments and indentation do not
// change it while any change of meaning does.
func (d *Document) Fingerprint() string {
	c := d.Clone()
	for i := range c.Conditions {
		c.Conditions[i].Formula = canonicalFormula(c.Conditions[i].Formula)
	}
	canonicalIndicators(c.Indicators)
	for i := range c.Bonuses {
		c.Bonuses[i].Formula = canonicalFormula(c.Bonuses[i].Formula)
	}
	for i := range c.Vetoes {
		c.Vetoes[i].Formula = canonicalFormula(c.Vetoes[i].Formula)
	}
	b, err := json.Marshal(c)
	if err != nil {
		// Every field of a Document marshals; this is unreachable.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func canonicalIndicators(ins []Indicator) {
	for i := range ins {
		ins[i].Formula = canonicalFormula(ins[i].Formula)
		canonicalIndicators(ins[i].Children)
	}
}

// canonicalFormula folds runs of white space outside string literals into
// one space and trims the ends. Inside "..." and '...' a backslash escapes
// the next character, so an escaped quote does not end the literal.
func canonicalFormula(s string) string {
	var b strings.Builder
	var quote rune
	space, escaped := false, false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case quote != 0:
			b.WriteRune(r)
			switch {
			case escaped:
				escaped = false
			case r == '\\' && quote != '`':
				escaped = true
			case r == quote:
				quote = 0
			}
			continue
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
