package output

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// swaps are both ways of putting a build in place: the one Replace uses on
// this system, and the portable renames every other system gets.
var swaps = map[string]swapFunc{"exchange": exchange, "renames": renames}

// site writes files (slash paths) through a Writer, the way a build does.
func site(files map[string]string) func(*Dir) error {
	return func(w *Dir) error {
		for _, p := range slices.Sorted(maps.Keys(files)) {
			if err := w.WriteFile("/"+p, []byte(files[p])); err != nil {
				return err
			}
		}
		return nil
	}
}

var (
	v1 = map[string]string{"index.html": "one", "en/privacy/index.html": "privacy one", "en/gone/index.html": "deleted later"}
	v2 = map[string]string{"index.html": "two", "en/privacy/index.html": "privacy two"}
)

// read returns every file below dir, keyed by slash path.
func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// beside lists the names in dest's folder other than dest's own.
func beside(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			names = append(names, e.Name())
		}
	}
	return names
}

func want(t *testing.T, dest string, files map[string]string, what string) {
	t.Helper()
	if got := read(t, dest); !maps.Equal(got, files) {
		t.Errorf("%s: public/ holds %v, want %v", what, got, files)
	}
	if left := beside(t, dest); len(left) != 0 {
		t.Errorf("%s: left beside public/: %v", what, left)
	}
}

// TestReplace runs the guarantees through both swaps: a first build, a
// rebuild without the stale file, a failed build and an interrupted one
// that change nothing, and nothing left beside the output after any.
func TestReplace(t *testing.T) {
	for name, swap := range swaps {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dest := filepath.Join(t.TempDir(), "public")
			if err := replace(ctx, dest, site(v1), swap); err != nil {
				t.Fatal(err)
			}
			want(t, dest, v1, "first build")
			if err := replace(ctx, dest, site(v2), swap); err != nil {
				t.Fatal(err)
			}
			want(t, dest, v2, "rebuild")

			failure := errors.New("a layout failed")
			err := replace(ctx, dest, func(w *Dir) error {
				site(v1)(w)
				return failure
			}, swap)
			if !errors.Is(err, failure) {
				t.Errorf("failed build: %v, want its error", err)
			}
			want(t, dest, v2, "failed build")

			cancelled, cancel := context.WithCancel(ctx)
			err = replace(cancelled, dest, func(w *Dir) error {
				if err := w.WriteFile("/index.html", []byte("half")); err != nil {
					return err
				}
				cancel() // SIGINT arrives halfway
				return site(v1)(w)
			}, swap)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("interrupted build: %v, want context.Canceled", err)
			}
			want(t, dest, v2, "interrupted build")
		})
	}
}

// TestReplaceRepairsAKilledBuild lays out what a build killed outright
// leaves beside the output, at each point where a kill can land, and runs
// the next build, failing and then succeeding: the previous output is
// never lost, and no leftover survives.
func TestReplaceRepairsAKilledBuild(t *testing.T) {
	failing := func(*Dir) error { return errors.New("content error") }
	for _, tc := range []struct {
		name string
		kill func(t *testing.T, parent, dest string) // leaves a killed build's traces
	}{
		{"while writing", func(t *testing.T, parent, dest string) {
			mkfiles(t, filepath.Join(parent, ".public.new-111"), map[string]string{"index.html": "half"})
		}},
		{"between the two renames", func(t *testing.T, parent, dest string) {
			mkfiles(t, filepath.Join(parent, ".public.new-222"), v2)
			rename(t, dest, filepath.Join(parent, ".public.old-222"))
		}},
		{"while removing the previous output", func(t *testing.T, parent, dest string) {
			rename(t, dest, filepath.Join(parent, ".public.old-333"))
			mkfiles(t, dest, v1)
			os.Remove(filepath.Join(parent, ".public.old-333", "index.html"))
		}},
		{"while removing a leftover", func(t *testing.T, parent, dest string) {
			mkfiles(t, filepath.Join(parent, ".public.del-new-444"), map[string]string{"en/x": "x"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			mkfiles(t, dest, v1)
			// Not ours, though they look alike: never touched.
			mkfiles(t, filepath.Join(parent, ".publicity.new-1"), map[string]string{"keep": "1"})
			mkfiles(t, filepath.Join(parent, "other", ".public.new-2"), map[string]string{"keep": "2"})
			tc.kill(t, parent, dest)

			if err := replace(context.Background(), dest, failing, renames); err == nil {
				t.Fatal("the failing build succeeded")
			}
			if got := read(t, dest); !maps.Equal(got, v1) {
				t.Errorf("after the next, failing, build public/ holds %v, want the previous output %v", got, v1)
			}
			if left := beside(t, dest); !slices.Equal(left, []string{".publicity.new-1", "other"}) {
				t.Errorf("left beside public/: %v", left)
			}
			if err := replace(context.Background(), dest, site(v2), renames); err != nil {
				t.Fatal(err)
			}
			if got := read(t, dest); !maps.Equal(got, v2) {
				t.Errorf("after a good build public/ holds %v, want %v", got, v2)
			}
			if _, err := os.Stat(filepath.Join(parent, "other", ".public.new-2", "keep")); err != nil {
				t.Errorf("a folder of another output's was touched: %v", err)
			}
		})
	}
}

// TestConcurrentBuildsNeverPublishHalf starts a build, lets a second one
// into the same folder run from start to end while the first is halfway,
// then lets the first go on. The second build removes the first one's
// folder as a leftover; the first must then fail rather than put a
// half-removed folder in place.
func TestConcurrentBuildsNeverPublishHalf(t *testing.T) {
	for name, swap := range swaps {
		t.Run(name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			mkfiles(t, dest, v1)
			halfway, resume := make(chan struct{}), make(chan struct{})
			done := make(chan error)
			go func() {
				done <- replace(context.Background(), dest, func(w *Dir) error {
					w.WriteFile("/index.html", []byte("first"))
					close(halfway)
					<-resume
					return w.WriteFile("/en/privacy/index.html", []byte("first"))
				}, swap)
			}()
			<-halfway
			if err := replace(context.Background(), dest, site(v2), swap); err != nil {
				t.Fatal(err)
			}
			close(resume)
			if err := <-done; err == nil {
				t.Errorf("the first build succeeded after its folder was removed")
			}
			want(t, dest, v2, "after both builds")
		})
	}
}

func mkfiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}
