package yamlsrc_test

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
	"github.com/newstrata/newstrata/internal/yamlsrc"
)

// A folded formula is read as one line; each of its characters still has
// its place in the file.
func ExampleOrigin_Map() {
	src := []byte("when: >\n  Age >= 18\n  && 户籍 == \"南宁\"\n")
	f, err := yamlsrc.Parse(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	n := f.Docs[0].Body.(*ast.MappingNode).Values[0].Value
	text, _ := yamlsrc.ScalarText(n)
	places := yamlsrc.OriginOf(n).Map(yamlsrc.Lines(src), text)
	for i, r := range []rune(text) {
		if r == '户' || r == 'A' {
			fmt.Printf("%c at %d:%d\n", r, places[i].Line, places[i].Column)
		}
	}
	fmt.Printf("%q starts at %v\n", text, yamlsrc.NodePlace(n))
	// Output:
	// A at 2:3
	// 户 at 3:6
	// "Age >= 18 && 户籍 == \"南宁\"\n" starts at {1 7}
}

// A mapping keyed by data keeps its order and the place of each key and
// value.
func ExampleEntries() {
	src := []byte("cells:\n  出生年月: 1985-03\n  获奖情况: [甲, 乙]\n")
	d, err := yamlsrc.Read("cases.yaml", src, nil, yamlsrc.Limits{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var v struct {
		Cells yamlsrc.Entries[yamlsrc.Texts] `yaml:"cells"`
	}
	if err := d.Decode(&v); err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range v.Cells {
		fmt.Printf("%s at %v, %q at %v\n", c.Key, c.KeyPos, c.Value, c.ValuePos)
	}
	// Output:
	// 出生年月 at cases.yaml:2:3, ["1985-03"] at cases.yaml:2:9
	// 获奖情况 at cases.yaml:3:3, ["甲" "乙"] at cases.yaml:3:9
}
