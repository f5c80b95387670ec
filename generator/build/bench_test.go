package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"gen/generator/build"
	"gen/generator/corpus"
)

// BenchmarkBuild builds the synthetic corpora of package corpus from
// scratch, as `gen build` does, for a fixed day. It reports the Markdown
// read per second (MB/s) and the versions built per second (versions/s).
// The large corpus is left out under -short.
//
//	go test -run='^$' -bench=BenchmarkBuild -count=6 ./generator/build/
func BenchmarkBuild(b *testing.B) {
	root := b.TempDir()
	for _, size := range []struct {
		name string
		spec corpus.Spec
	}{
		{"small", corpus.Small()},
		{"medium", corpus.Medium()},
		{"large", corpus.Large()},
	} {
		site := filepath.Join(root, size.name)
		written := false
		b.Run(size.name, func(b *testing.B) {
			if size.name == "large" && testing.Short() {
				b.Skip("the large corpus is skipped under -short")
			}
			// The sub-benchmark runs once per b.N tried; write the corpus
			// only the first time.
			if !written {
				if err := corpus.Write(site, size.spec); err != nil {
					b.Fatal(err)
				}
				written = true
			}
			b.SetBytes(markdownBytes(b, site))
			b.ReportAllocs()
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
			if want := size.spec.Files(); versions != want {
				b.Fatalf("built %d versions, want %d", versions, want)
			}
			b.ReportMetric(float64(versions)*float64(b.N)/b.Elapsed().Seconds(), "versions/s")
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
