package output_test

import (
	"errors"
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

// TestReplace builds twice into the same folder: the second build's files
// replace the first's, and no stale file survives.
func TestReplace(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for _, files := range []map[string]string{
		{"/index.html": "one", "/en/privacy/index.html": "privacy", "/en/old/index.html": "old"},
		{"/index.html": "two", "/en/privacy/index.html": "privacy, again"},
	} {
		err := output.Replace(out, func(w output.Writer) error {
			var wg sync.WaitGroup // the renderer writes from several workers
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
	}
	if got := entries(t, parent); got != "public" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestFailedFillLeavesTheOutputAlone lets the build fail halfway: the
// previous output stays exactly as it was, and nothing is left beside it.
func TestFailedFillLeavesTheOutputAlone(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := output.Replace(out, func(w output.Writer) error { return w.WriteFile("/index.html", []byte("good")) }); err != nil {
		t.Fatal(err)
	}
	failure := errors.New("a layout failed")
	err := output.Replace(out, func(w output.Writer) error {
		if err := w.WriteFile("/index.html", []byte("half")); err != nil {
			return err
		}
		return failure
	})
	if !errors.Is(err, failure) {
		t.Errorf("Replace returned %v, want the fill's error", err)
	}
	if got := tree(t, out); len(got) != 1 || got["index.html"] != "good" {
		t.Errorf("after a failed build the output holds %v", got)
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
