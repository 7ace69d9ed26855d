package policy

import (
	"fmt"
	"github.com/newstrata/newstrata/evaluate"
	"reflect"
	"strings"

	"github.com/newstrata/newstrata/classify"
	"github.com/newstrata/newstrata/formula"
	"github.com/newstrata/newstrata/internal/yamlsrc"
	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/tier"
	"github.com/shopspring/decimal"
)

// File is a parsed policy file: a full policy (Document) or, when it has
// `extends`, an Overlay. Exactly one of the two is set.
type File struct {
	Name string
	// From is the GB/T 2260 code of the city or county-district that hands
	// the file in, as the caller knows it (a county's upload, say): never
	// read from the file. It bounds what the file may do ([NewSet]).
	From     string
	Document *Document
	Overlay  *Overlay
}

// ID returns the id of the policy the file defines.
func (f *File) ID() string {
	if f.Overlay != nil {
		return f.Overlay.ID
	}
	return f.Document.ID
}

// Parse reads one policy file that the city or county-district with code
// from hands in; name is used in errors. from is the caller's word, never
// the file's: a county-district's file may change only what the city's
// [Locks] leave to it, which [NewSet] checks. Parse checks the form of the
// file — well-formed YAML within the size and nesting limits, no anchors,
// aliases or tags, known fields (a misspelt one gets the nearest known
// name), values of the right type — and reports every such problem at
// once; the invariants are checked when the policy is compiled.
func Parse(from, name string, data []byte) (*File, error) {
	doc, err := yamlsrc.Read(name, data, ErrSyntax, yamlsrc.Limits{}, valueWords)
	if err != nil {
		return nil, err
	}
	f := &File{Name: name, From: from}
	top := formula.Position{File: name, Line: 1, Column: 1}
	if isOverlay(doc) {
		f.Overlay = &Overlay{}
		err = doc.Decode(f.Overlay)
		f.Overlay.Pos, f.Overlay.fields = top, doc.Fields()
	} else {
		f.Document = &Document{}
		err = doc.Decode(f.Document)
		f.Document.Pos, f.Document.fields = top, doc.Fields()
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// isOverlay reports whether a file extends another policy: it has a
// non-empty extends.
func isOverlay(doc *yamlsrc.Doc) bool {
	var head struct {
		Extends string `yaml:"extends"`
	}
	// Only extends is read here; the whole file is decoded, with every
	// problem reported, as an overlay or a document.
	_ = doc.DecodeKnown(&head)
	return head.Extends != ""
}

// valueWords names the types whose text a value must parse as, for
// messages.
var valueWords = map[reflect.Type][2]string{
	reflect.TypeOf(decimal.Decimal{}): {"数字", "a decimal number"},
	reflect.TypeOf(roster.Date{}):     {"日期（格式 2006-01-02）", "a date (2006-01-02)"},
	reflect.TypeOf(evaluate.Grade(0)): {"等次（A、B、C 或 D）", "a grade (A, B, C or D)"},
	reflect.TypeOf(classify.Group(0)): {"群体（G1、G2、G3 或 G4）", "a group (G1, G2, G3 or G4)"},
	reflect.TypeOf(classify.Subkind(0)): {"自由职业人员类别（" + strings.Join(classify.SubkindLabels(), "、") + "，或 ① 至 ⑥）",
		"a freelance sub-kind (" + strings.Join(classify.SubkindLabels(), ", ") + ", or ① to ⑥)"},
	reflect.TypeOf(roster.Level(0)):       {"级别（" + strings.Join(roster.LevelLabels(), "、") + "）", "a level (" + strings.Join(roster.LevelLabels(), ", ") + ")"},
	reflect.TypeOf(tier.SortKey(0)):       {"排序键（priority、grade、score、post、key、incumbent）", "a sort key (priority, grade, score, post, key, incumbent)"},
	reflect.TypeOf(classify.Conclusion{}): {"群体（G1、G2、G3、G4）或分类结论（非新的社会阶层人士、无法判定）", "a group (G1 to G4) or an outcome (非新的社会阶层人士, 无法判定)"},
}

// String names the file for messages.
func (f *File) String() string { return fmt.Sprintf("%s (%s)", f.Name, f.ID()) }
