package cli_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputFolderNeverSwallowsWork points -o at folders whose replacement
// would lose somebody's work: the site's sources, its repository, a folder
// of unrelated files. Each is refused as bad usage and keeps every file;
// an empty folder, a new one and a previous build's are built into.
func TestOutputFolderNeverSwallowsWork(t *testing.T) {
	site := copySite(t, testSite)
	os.MkdirAll(filepath.Join(site, ".git", "objects"), 0o755)
	os.WriteFile(filepath.Join(site, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	others := t.TempDir()
	os.WriteFile(filepath.Join(others, "important.txt"), []byte("keep me"), 0o644)
	aFile := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(aFile, []byte("keep me"), 0o644)
	link := filepath.Join(t.TempDir(), "link-to-site")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}

	before := snapshot(t, site)
	for _, out := range []string{
		site,
		filepath.Dir(site),
		filepath.Join(site, "content"),
		filepath.Join(site, "content", "privacy"),
		filepath.Join(site, "content", "new-folder"),
		filepath.Join(site, "layouts"),
		filepath.Join(site, ".git"),
		link,
		others,
		aFile,
	} {
		code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
		if code != 2 || !strings.Contains(stderr, "-o "+out) {
			t.Errorf("-o %s: exit %d, want 2 and the folder named:\n%s", out, code, stderr)
		}
	}
	if after := snapshot(t, site); after != before {
		t.Errorf("a refused build changed the site:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if b, err := os.ReadFile(filepath.Join(others, "important.txt")); err != nil || string(b) != "keep me" {
		t.Errorf("a refused build lost another folder's file: %q, %v", b, err)
	}
	if b, err := os.ReadFile(aFile); err != nil || string(b) != "keep me" {
		t.Errorf("a refused build lost a file: %q, %v", b, err)
	}

	// A previous build with a repository in it (a gh-pages worktree).
	worktree := buildSite(t, site, "2024-04-10")
	os.WriteFile(filepath.Join(worktree, ".git"), []byte("gitdir: /elsewhere\n"), 0o644)
	if code, _, stderr := run(t, "build", "-s", site, "-o", worktree, "--now", "2024-04-10"); code != 2 || !strings.Contains(stderr, ".git") {
		t.Errorf("-o a build holding .git: exit %d, want 2:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(worktree, ".git")); err != nil {
		t.Errorf("a refused build lost .git: %v", err)
	}
	// The root holds the site: said as such, not as a folder of others' files.
	if code, _, stderr := run(t, "build", "-s", site, "-o", "/", "--now", "2024-04-10"); code != 2 || !strings.Contains(stderr, "would replace the site folder") {
		t.Errorf("-o /: exit %d:\n%s", code, stderr)
	}

	// An output folder that is a link to another (public -> www) stays a
	// link, and the folder it points at gets the new build.
	www := buildSite(t, site, "2023-06-02")
	public := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(www, public); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "build", "-s", site, "-o", public, "--now", "2024-04-10"); code != 0 {
		t.Fatalf("-o a link: exit %d:\n%s", code, stderr)
	}
	if info, err := os.Lstat(public); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("-o a link: it is no longer a link (%v)", err)
	}
	if got, want := snapshot(t, www), snapshot(t, buildSite(t, site, "2024-04-10")); got != want {
		t.Errorf("-o a link: the folder it points at does not hold the new build")
	}

	empty := t.TempDir()
	for _, out := range []string{filepath.Join(site, "public"), empty, filepath.Join(t.TempDir(), "new", "public")} {
		for range 2 { // the second build replaces the first's output
			if code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10"); code != 0 {
				t.Fatalf("-o %s: exit %d:\n%s", out, code, stderr)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "en", "privacy", "index.html")); err != nil {
			t.Errorf("-o %s: %v", out, err)
		}
	}
}

// snapshot lists every file under dir with a digest of its bytes.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %x\n", rel, sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
