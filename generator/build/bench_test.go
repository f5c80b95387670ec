package build_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/corpus"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/render"
)

// BenchmarkBuild builds the synthetic corpora of package corpus from
// scratch, as `gen build` does, for a fixed day. It reports the Markdown
// read per second (MB/s) and the versions built per second (versions/s).
// The large corpus is left out under -short.
//
//	go test -run='^$' -bench=BenchmarkBuild -count=6 ./generator/build/
func BenchmarkBuild(b *testing.B) {
	sized(b, []string{"small", "medium", "large"}, func(b *testing.B, site string, spec corpus.Spec) {
		outs := b.TempDir()
		opts := build.Options{Site: site, Now: "2026-11-23"}
		versions, i := 0, 0
		for b.Loop() {
			out := filepath.Join(outs, strconv.Itoa(i))
			i++
			res, diags, err := build.Build(opts, out)
			if err != nil || diags.HasErrors() {
				b.Fatalf("build failed: %v %v", err, diags.Errors())
			}
			versions = res.Versions
			b.StopTimer()
			if err := os.RemoveAll(out); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if want := spec.Files(); versions != want {
			b.Fatalf("built %d versions, want %d", versions, want)
		}
		b.ReportMetric(float64(versions)*float64(b.N)/b.Elapsed().Seconds(), "versions/s")
	})
}

// sized runs bench once per corpus, writing each corpus once into a folder
// shared by the sub-benchmark's runs. The large corpus is left out under
// -short.
func sized(b *testing.B, names []string, bench func(b *testing.B, site string, spec corpus.Spec)) {
	root := b.TempDir()
	for _, name := range names {
		spec := corpus.Sizes()[name]
		site := filepath.Join(root, name)
		written := false
		b.Run(name, func(b *testing.B) {
			if name == "large" && testing.Short() {
				b.Skip("the large corpus is skipped under -short")
			}
			// The sub-benchmark runs once per b.N tried; write the corpus
			// only the first time.
			if !written {
				if err := corpus.Write(site, spec); err != nil {
					b.Fatal(err)
				}
				written = true
			}
			b.SetBytes(markdownBytes(b, site))
			b.ReportAllocs()
			bench(b, site, spec)
		})
	}
}

// markdownBytes returns the total size of the site's policy files, the
// input whose throughput MB/s reports.
func markdownBytes(b *testing.B, site string) int64 {
	b.Helper()
	var n int64
	err := fs.WalkDir(os.DirFS(site), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkVersionPages measures what the site issue's figure covers: load
// and parse everything, then write the version pages, histories, indexes
// and the rest, but no redline pages (changes/ and compare/), which
// BenchmarkBuild includes.
//
//	go test -run='^$' -bench=BenchmarkVersionPages -count=6 ./generator/build/
func BenchmarkVersionPages(b *testing.B) {
	notRedline := func(p string) bool {
		return !strings.Contains(p, "/changes/") && !strings.Contains(p, "/compare/")
	}
	sized(b, []string{"medium", "large"}, func(b *testing.B, site string, _ corpus.Spec) {
		outs := b.TempDir()
		opts := build.Options{Site: site, Now: "2026-11-23"}
		versions, i := 0, 0
		for b.Loop() {
			out := filepath.Join(outs, strconv.Itoa(i))
			i++
			loaded, diags := build.Load(opts)
			if diags.HasErrors() {
				b.Fatal(diags.Errors())
			}
			r, rd := render.New(derive.New(loaded.Site), loaded.Catalog, loaded.FS, render.Options{})
			if r == nil {
				b.Fatal(rd)
			}
			if err := output.Replace(context.Background(), out, func(w *output.Dir) error {
				_, err := r.RenderOnly(w, notRedline)
				return err
			}); err != nil {
				b.Fatal(err)
			}
			versions = 0
			for _, p := range loaded.Site.Policies {
				for _, ed := range p.Editions {
					versions += len(ed.Versions)
				}
			}
			b.StopTimer()
			os.RemoveAll(out)
			b.StartTimer()
		}
		b.ReportMetric(float64(versions)*float64(b.N)/b.Elapsed().Seconds(), "versions/s")
	})
}
