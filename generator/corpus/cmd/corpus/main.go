// Command corpus writes a synthetic policy site for benchmarks and load
// tests:
//
//	go run ./generator/corpus/cmd/corpus -o DIR [-size small|medium|large]
//
// The site is the same on every run; build it with `gen build -s DIR`.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"gen/generator/corpus"
)

func main() {
	out := flag.String("o", "", "folder to write the site into (required)")
	size := flag.String("size", "large", "corpus size: "+strings.Join(sizeNames(), ", "))
	flag.Parse()
	spec, ok := corpus.Sizes()[*size]
	if *out == "" || !ok || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Write(*out, spec); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d policy files (%d policies, %d languages, %d versions) to %s\n",
		spec.Files(), spec.Policies, spec.Languages, spec.Versions, *out)
}

// sizeNames lists the corpus sizes for the usage message.
func sizeNames() []string {
	var names []string
	for n := range corpus.Sizes() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
