package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/policygen/gen/generator/corpus"
)

// BenchmarkEditToReload measures what an author waits for: from saving one
// policy file to the reload event reaching a client of the event stream,
// on the corpora (large: 20 policies × 10 languages × 10 versions;
// large-40: 40 versions each). Besides the mean (ns/op) it reports the
// median and the slowest edit.
func BenchmarkEditToReload(b *testing.B) {
	long := corpus.Large()
	long.Versions = 40
	sizes := corpus.Sizes()
	sizes["large-40"] = long
	for _, name := range []string{"small", "medium", "large", "large-40"} {
		b.Run(name, func(b *testing.B) {
			site := b.TempDir()
			if err := corpus.Write(site, sizes[name]); err != nil {
				b.Fatal(err)
			}
			r := startAt(b, site, "")
			if len(r.last.Errors) > 0 {
				b.Fatalf("the corpus does not build: %v", r.last.Errors)
			}
			policies, _ := filepath.Glob(filepath.Join(site, "content", "*", "en.md"))
			if len(policies) == 0 {
				b.Fatal("no content/*/en.md in the corpus")
			}
			file := policies[0]
			original, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			var times []time.Duration
			b.ResetTimer()
			for i := range b.N {
				edited := fmt.Appendf(slices.Clip(original), "\nEdit number %d.\n", i)
				before := r.last.Build
				start := time.Now()
				if err := os.WriteFile(file, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				for r.last.Build <= before {
					r.next(b, 30*time.Second)
				}
				times = append(times, time.Since(start))
				if len(r.last.Errors) > 0 {
					b.Fatalf("the edit broke the build: %v", r.last.Errors)
				}
			}
			b.StopTimer()
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
			// The whole process's heap: the server, its files in memory,
			// and the test's client.
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
		})
	}
}
