package wordmap_test

import (
	"fmt"

	"github.com/newstrata/newstrata/internal/wordmap"
)

// A Map remembers the first value each key was added with.
func ExampleMap() {
	var firstSeen wordmap.Map
	for i, id := range []uint64{4501031990, 4501021985, 4501031990} {
		if first, repeat := firstSeen.Add(id, i); repeat {
			fmt.Printf("record %d repeats record %d\n", i, first)
		}
	}
	fmt.Println(firstSeen.Len(), "distinct")
	// Output:
	// record 2 repeats record 0
	// 2 distinct
}
