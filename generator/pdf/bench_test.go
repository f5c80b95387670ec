package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/corpus"
	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/pdf"
)

// BenchmarkPrint prints the version page of the example site's longest
// policy and of a policy of the large synthetic corpus (33 KB a version):
// each run starts Chromium and prints the page ("print"), or finds it in
// the cache ("cached"):
//
//	go test -run='^$' -bench=BenchmarkPrint -benchtime=5x ./generator/pdf/
func BenchmarkPrint(b *testing.B) {
	dir := b.TempDir()
	large := corpus.Large()
	large.Policies, large.Languages, large.Versions = 1, 1, 2
	if err := corpus.Write(filepath.Join(dir, "corpus"), large); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, diags, err := build.Build(build.Options{Site: filepath.Join(dir, "corpus"), Now: "2026-11-23"}, out); err != nil || diags.HasErrors() {
		b.Fatalf("building the corpus: %v %v", err, diags.Errors())
	}
	corpusPages, _ := filepath.Glob(filepath.Join(out, "*", "*", "[0-9]*", "index.html"))
	if len(corpusPages) == 0 {
		b.Fatal("no version page in the corpus")
	}
	corpusPage, _ := filepath.Rel(out, corpusPages[len(corpusPages)-1])
	for _, c := range []struct{ name, site, page string }{
		{"example/privacy-sv", site(b), "sv/privacy/2026-11-16/index.html"},
		{"corpus", out, filepath.ToSlash(corpusPage)},
	} {
		pages := []pdf.Page{{Path: c.page, Out: "/out.pdf"}}
		opts := pdf.Options{Site: os.DirFS(c.site), BaseURL: base, Browser: testsite.Chromium(b), Out: output.NewDir(dir)}
		b.Run(c.name+"/print", func(b *testing.B) {
			for b.Loop() {
				opts.CacheDir = b.TempDir()
				if _, err := pdf.Print(context.Background(), opts, pages); err != nil {
					b.Fatal(err)
				}
			}
			fi, _ := os.Stat(filepath.Join(dir, "out.pdf"))
			b.ReportMetric(float64(fi.Size()), "pdf-bytes")
		})
		b.Run(c.name+"/cached", func(b *testing.B) {
			opts.CacheDir = b.TempDir()
			if _, err := pdf.Print(context.Background(), opts, pages); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if res, err := pdf.Print(context.Background(), opts, pages); err != nil || res.Printed != 0 {
					b.Fatal(res, err)
				}
			}
		})
	}
}
