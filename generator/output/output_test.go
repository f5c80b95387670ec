package output

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// TestReplaceTakesWritesFromWorkers writes a build from several
// goroutines at once, as the renderer does: every file arrives, in folders
// made once.
func TestReplaceTakesWritesFromWorkers(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "one", "en/privacy/index.html": "privacy", "en/terms/index.html": "terms", "en/index.html": "en"}
	err := Replace(context.Background(), dest, func(w *Dir) error {
		var wg sync.WaitGroup
		for p, text := range files {
			wg.Go(func() {
				if err := w.WriteFile("/"+p, []byte(text)); err != nil {
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
	want(t, dest, files, "a build written from several goroutines")
}

func TestWriteStaysInside(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.Mkdir(dest, 0o755)
	w := NewDir(dest)
	for _, p := range []string{"/../secret", "/en/../../secret", "/a//b"} {
		if err := w.WriteFile(p, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", p)
		}
	}
	want(t, dest, map[string]string{}, "writes outside the folder")
}

// TestMemoryKeepsItsOwnCopy: the renderer reuses its buffers once a file
// is written, so a writer must not keep them.
func TestMemoryKeepsItsOwnCopy(t *testing.T) {
	m := NewMemory()
	buf := []byte("first")
	m.WriteFile("/index.html", buf)
	copy(buf, "reuse")
	if got := string(m.Files["/index.html"]); got != "first" {
		t.Errorf("Memory holds %q after the buffer was reused", got)
	}
}

// TestReplaceFile: the new bytes whole, readable by everyone, no temporary
// file left beside them; a write that fails leaves what was there, and no
// temporary file either.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "redline.docx")
	if err := os.WriteFile(name, []byte("earlier"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "new" {
		t.Errorf("file holds %q", b)
	}
	if info, _ := os.Stat(name); runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	// A folder of that name, with a file in it, cannot be replaced by a file.
	folder := filepath.Join(dir, "kept")
	if err := os.MkdirAll(filepath.Join(folder, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(folder, []byte("x")); err == nil {
		t.Error("a file replaced a folder")
	}
	if _, err := os.Stat(filepath.Join(folder, "inside")); err != nil {
		t.Errorf("the folder lost its file: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("left beside them: %v", entries)
	}
}
