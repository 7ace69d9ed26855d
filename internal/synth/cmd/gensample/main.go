// Command gensample writes the sample roster, testdata/roster.csv, from
// synth.Sample. Run it from the module root after changing the generator or
// the CSV format:
//
//	go run ./internal/synth/cmd/gensample
//
// The tests of internal/synth fail while the checked-in file differs from
// what the generator produces.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/newstrata/newstrata/internal/synth"
)

func main() {
	out := flag.String("o", "testdata/roster.csv", "file to write")
	flag.Parse()
	var b bytes.Buffer
	if err := synth.WriteSample(&b); err != nil {
		fmt.Fprintln(os.Stderr, "gensample:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gensample:", err)
		os.Exit(1)
	}
	fmt.Printf("gensample: wrote %d bytes to %s\n", b.Len(), *out)
}
