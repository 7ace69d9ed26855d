package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/goccy/go-yaml"
	"github.com/newstrata/newstrata/policy"
	"github.com/newstrata/newstrata/roster"
)

// runEffective prints the policy FILE makes once its extends chain is
// applied, as a whole policy in YAML that policy.Parse reads back to the
// same document.
func runEffective(args []string, stdout, stderr io.Writer) int {
	j := roster.Nanning()
	fs := flags("effective", stderr)
	fromS := fromFlag(fs, j, false)
	pos, code, ok := parse(fs, args, 1, 1)
	if !ok {
		return code
	}
	unit, code := from(stderr, "effective", j, *fromS)
	if unit == "" {
		return code
	}
	files, code := readPolicyFiles(stderr, "effective", unit, pos)
	if files == nil {
		return code
	}
	set, err := policy.NewSet(j, files, policy.WithBaseline())
	if err != nil {
		return fail(stderr, "effective", exitProblems, err)
	}
	p, _ := set.Policy(files[0].ID())
	out, err := effectiveYAML(p)
	if err != nil {
		return fail(stderr, "effective", exitProblems, err)
	}
	if _, err := stdout.Write(out); err != nil {
		return fail(stderr, "effective", exitFile, err)
	}
	return exitOK
}

// effectiveYAML writes p's resolved document as a whole policy file.
//
// yaml.Marshal of the Document does not do: it keeps extends, which makes
// policy.Parse read the file as an overlay, and its omitempty drops a
// bound of 0 (min: 0), which changes the policy. So the document goes
// through its JSON, the form its fingerprint is taken of (every value
// kept, closed sets and decimals as the text the YAML decoder reads), in
// the document's field order; extends moves to a comment, as does a
// valid_until left open.
func effectiveYAML(p *policy.Policy) ([]byte, error) {
	b, err := json.Marshal(p.Document())
	if err != nil {
		return nil, err
	}
	var doc yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(b, &doc, yaml.UseOrderedMap()); err != nil {
		return nil, err
	}
	kept := doc[:0:0]
	for _, it := range doc {
		switch it.Key {
		case "extends":
			continue
		case "valid_until":
			if it.Value == "" {
				continue
			}
		}
		kept = append(kept, it)
	}
	body, err := yaml.MarshalWithOptions(kept, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("# 政策 %s 的完整内容（叠加后）(the policy %s after its overlays)\n", p.ID(), p.ID())
	if p.Extends() != "" {
		head += fmt.Sprintf("# 在 %s 之上叠加而成 (extends %s)；本文件自成完整政策，载入时不再叠加\n", p.Extends(), p.Extends())
	}
	head += fmt.Sprintf("# 版本校验码 (fingerprint) %s\n", p.Fingerprint())
	if p.Extends() != "" {
		// The fingerprint covers extends, which a whole policy cannot
		// give: loaded alone, the file has its own.
		alone := p.Document().Clone()
		alone.Extends = ""
		head += fmt.Sprintf("# 单独载入本文件时的版本校验码 (fingerprint of this file loaded alone) %s\n", alone.Fingerprint())
	}
	return append([]byte(head), body...), nil
}
