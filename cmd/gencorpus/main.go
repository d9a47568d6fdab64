// Command gencorpus writes a synthetic fact-check archive for benchmarks and tests.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/factpress/factpress/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of checks")
	out := flag.String("out", "", "output folder (content/checks/ and factpress.yaml are written inside)")
	seed := flag.Int64("seed", 1, "random seed: the same seed gives the same files")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gencorpus: wrote %d checks to %s\n", *n, *out)
}
