// Command corpus writes a synthetic policy site for benchmarks and load
// tests:
//
//	go run ./generator/corpus/cmd/corpus -o DIR [-size small|medium|large]
//	    [-policies N] [-languages N] [-versions N] [-hugo HUGODIR]
//
// -policies, -languages and -versions override those of the size, for
// scaling curves; the seed stays that of the size. -hugo also writes the
// same versions as a Hugo site (see corpus.ConvertHugo), whose Markdown
// bodies are byte for byte those of the gen site; -o may then be left out.
//
// The site is the same on every run; build it with `gen build -s DIR`.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/policygen/gen/generator/corpus"
)

func main() {
	out := flag.String("o", "", "folder to write the site into (required unless -hugo is given)")
	size := flag.String("size", "large", "corpus size: "+strings.Join(sizeNames(), ", "))
	policies := flag.Int("policies", 0, "number of policies, instead of the size's (0: the size's)")
	languages := flag.Int("languages", 0, fmt.Sprintf("number of languages, at most %d, instead of the size's (0: the size's)", len(corpus.Languages())))
	versions := flag.Int("versions", 0, "versions per policy and language, instead of the size's (0: the size's)")
	hugo := flag.String("hugo", "", "also write the corpus as a Hugo site into this folder")
	flag.Parse()
	spec, ok := corpus.Sizes()[*size]
	if (*out == "" && *hugo == "") || !ok || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	spec, err := override(spec, *policies, *languages, *versions)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
	if *out != "" {
		if err := corpus.Write(*out, spec); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d policy files (%d policies, %d languages, %d versions) to %s\n",
			spec.Files(), spec.Policies, spec.Languages, spec.Versions, *out)
	}
	if *hugo != "" {
		if *out != "" {
			err = corpus.ConvertHugo(*out, *hugo)
		} else {
			err = corpus.WriteHugo(*hugo, spec)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d Hugo pages to %s\n", spec.Files(), *hugo)
	}
}

// override replaces the counts of spec by those that are not 0.
func override(spec corpus.Spec, policies, languages, versions int) (corpus.Spec, error) {
	for _, f := range []struct {
		name string
		v    int
		dst  *int
	}{
		{"-policies", policies, &spec.Policies},
		{"-languages", languages, &spec.Languages},
		{"-versions", versions, &spec.Versions},
	} {
		switch {
		case f.v < 0:
			return spec, fmt.Errorf("%s must not be negative", f.name)
		case f.v > 0:
			*f.dst = f.v
		}
	}
	if spec.Languages > len(corpus.Languages()) {
		return spec, fmt.Errorf("-languages must be at most %d", len(corpus.Languages()))
	}
	return spec, nil
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
