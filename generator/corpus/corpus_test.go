package corpus_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/corpus"
)

// TestSmallBuilds builds the small corpus: it must be valid content for the
// generator, without errors or warnings, with every version it was written with.
func TestSmallBuilds(t *testing.T) {
	site := t.TempDir()
	spec := corpus.Small()
	if err := corpus.Write(site, spec); err != nil {
		t.Fatal(err)
	}
	res, diags, err := build.Build(build.Options{Site: site, Now: "2026-11-23"}, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Error(d)
	}
	if want := spec.Policies * spec.Languages * spec.Versions; res.Versions != want {
		t.Errorf("built %d versions, want %d", res.Versions, want)
	}
	if res.Policies != spec.Policies || res.Languages != spec.Languages {
		t.Errorf("built %d policies in %d languages, want %d in %d", res.Policies, res.Languages, spec.Policies, spec.Languages)
	}
}

// TestTinySpec builds a corpus of minimal files: still valid, with a
// table and processors to revise.
func TestTinySpec(t *testing.T) {
	site := t.TempDir()
	spec := corpus.Spec{Policies: 1, Languages: 2, Versions: 6, Seed: 7, BodyBytes: 1}
	if err := corpus.Write(site, spec); err != nil {
		t.Fatal(err)
	}
	res, diags, err := build.Build(build.Options{Site: site, Now: "2026-11-23"}, filepath.Join(t.TempDir(), "public"))
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	if res.Versions != spec.Files() {
		t.Errorf("built %d versions, want %d", res.Versions, spec.Files())
	}
}

// TestWriteIsDeterministic writes the same Spec twice and compares every byte.
func TestWriteIsDeterministic(t *testing.T) {
	spec := corpus.Small()
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := corpus.Write(dir, spec); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != spec.Files()+1 {
		t.Errorf("wrote %d files, want %d policy files and site.toml", len(fa), spec.Files())
	}
	if !slices.Equal(sortedKeys(fa), sortedKeys(fb)) {
		t.Fatalf("file lists differ:\n%v\n%v", sortedKeys(fa), sortedKeys(fb))
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between two writes", p)
		}
	}

	// Another seed is another corpus.
	spec.Seed++
	c := t.TempDir()
	if err := corpus.Write(c, spec); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(readTree(t, c)["content/privacy-01/en.md"], fa["content/privacy-01/en.md"]) {
		t.Error("a different seed wrote the same text")
	}
}

// TestVersionsAreSmallEdits checks that each version is a revision of the
// one before, like real policies: about 1–6 % of the words differ, and the
// files are about Spec.BodyBytes long.
func TestVersionsAreSmallEdits(t *testing.T) {
	site := t.TempDir()
	spec := corpus.Small()
	if err := corpus.Write(site, spec); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, site)
	for _, lang := range corpus.Languages()[:spec.Languages] {
		for _, policy := range []string{"privacy-01", "cookies-02"} {
			versions := versionFiles(files, policy, lang.Code)
			if len(versions) != spec.Versions {
				t.Fatalf("%s/%s: %d versions, want %d", policy, lang.Code, len(versions), spec.Versions)
			}
			for i, v := range versions {
				if n := len(files[v]); n < spec.BodyBytes*8/10 || n > spec.BodyBytes*12/10 {
					t.Errorf("%s is %d bytes, want about %d", v, n, spec.BodyBytes)
				}
				if i == 0 {
					continue
				}
				prev := strings.Fields(string(files[versions[i-1]]))
				cur := strings.Fields(string(files[v]))
				changed := 1 - float64(lcs(prev, cur))/float64(max(len(prev), len(cur)))
				if changed < 0.01 || changed > 0.06 {
					t.Errorf("%s changes %.1f %% of the words of %s, want 1–6 %%", v, 100*changed, versions[i-1])
				}
			}
		}
	}
}

// TestSpecErrors checks that impossible Specs are refused, not half-written.
func TestSpecErrors(t *testing.T) {
	for _, s := range []corpus.Spec{
		{Policies: 0, Languages: 1, Versions: 1},
		{Policies: 1, Languages: 11, Versions: 1},
		{Policies: 1, Languages: 1, Versions: 0},
		{Policies: 1, Languages: 1, Versions: 1, BodyBytes: -1},
	} {
		dir := t.TempDir()
		if err := corpus.Write(dir, s); err == nil {
			t.Errorf("Write(%+v) succeeded", s)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("Write(%+v) wrote files", s)
		}
	}
}

// versionFiles returns the paths of a policy's versions in one language,
// oldest first: the archive folders sort by date, the current file is last.
func versionFiles(files map[string][]byte, policy, lang string) []string {
	var archived []string
	for p := range files {
		if strings.HasPrefix(p, "content/"+policy+"/archive/") && strings.HasSuffix(p, "/"+lang+".md") {
			archived = append(archived, p)
		}
	}
	slices.Sort(archived)
	return append(archived, "content/"+policy+"/"+lang+".md")
}

// readTree reads every file below dir, keyed by slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = os.ReadFile(filepath.Join(dir, p))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// lcs returns the length of the longest common subsequence of a and b by
// Myers' O((N+M)D) algorithm, fast for the small D of a revision.
func lcs(a, b []string) int {
	n, m := len(a), len(b)
	off := n + m
	v := make([]int, 2*off+2)
	for d := 0; d <= n+m; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return (n + m - d) / 2
			}
		}
	}
	return 0
}

// TestLCS keeps the measure of TestVersionsAreSmallEdits honest.
func TestLCS(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a b c", "a b c", 3},
		{"a b c", "", 0},
		{"a b c d", "a x c d", 3},
		{"a b c d", "b c d e", 3},
		{"a b c", "c b a", 1},
	} {
		if got := lcs(strings.Fields(tt.a), strings.Fields(tt.b)); got != tt.want {
			t.Errorf("lcs(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
