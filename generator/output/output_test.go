package output_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/policygen/gen/generator/output"
)

// tree lists the files below root with their contents.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// entries lists the names in dir, to see that no temporary folder is left.
func entries(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// TestReplaceTakesWritesFromWorkers writes a build from several
// goroutines at once, as the renderer does: every file arrives, in folders
// made once.
func TestReplaceTakesWritesFromWorkers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	files := map[string]string{"/index.html": "one", "/en/privacy/index.html": "privacy", "/en/terms/index.html": "terms", "/en/index.html": "en"}
	err := output.Replace(context.Background(), out, func(w output.Writer) error {
		var wg sync.WaitGroup
		for p, text := range files {
			wg.Go(func() {
				if err := w.WriteFile(p, []byte(text)); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, out)
	if len(got) != len(files) {
		t.Errorf("%d files in the output, want %d: %v", len(got), len(files), got)
	}
	for p, text := range files {
		if got[strings.TrimPrefix(p, "/")] != text {
			t.Errorf("%s holds %q, want %q", p, got[strings.TrimPrefix(p, "/")], text)
		}
	}
	if got := entries(t, parent); got != "public" {
		t.Errorf("beside the output: %s", got)
	}
}

func TestWriteStaysInside(t *testing.T) {
	dir := t.TempDir()
	w := output.NewDir(filepath.Join(dir, "public"))
	os.Mkdir(filepath.Join(dir, "public"), 0o755)
	for _, p := range []string{"/../secret", "/en/../../secret", "/a//b"} {
		if err := w.WriteFile(p, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", p)
		}
	}
	if got := entries(t, dir); got != "public" {
		t.Errorf("written beside the output: %s", got)
	}
}

// TestMemoryKeepsItsOwnCopy: the renderer reuses its buffers once a file
// is written, so a writer must not keep them.
func TestMemoryKeepsItsOwnCopy(t *testing.T) {
	m := output.NewMemory()
	buf := []byte("first")
	m.WriteFile("/index.html", buf)
	copy(buf, "reuse")
	if got := string(m.Files["/index.html"]); got != "first" {
		t.Errorf("Memory holds %q after the buffer was reused", got)
	}
}
