package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/internal/testsite"
)

// The tests here run the gen binary as a user does, built once by TestMain
// as the release build stamps it.
var gen string

const stamped = "v9.8.7"

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gen-binary-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gen = filepath.Join(dir, "gen")
	build := exec.Command(goTool(), "build", "-o", gen,
		"-ldflags", "-X main.version="+stamped+" -X main.commit=0123456789abcdef0123456789abcdef01234567 -X main.date=2026-12-01T09:00:00Z", ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// goTool is the go command running the tests.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// run runs gen in dir and returns its exit status and output.
func run(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runBinary(t, gen, dir, args...)
}

func runBinary(t *testing.T, binary, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), out.String(), errOut.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}

func mustRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	code, stdout, stderr := run(t, dir, args...)
	if code != 0 {
		t.Fatalf("gen %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

func git(t *testing.T, dir string, args ...string) string { return testsite.Git(t, dir, args...) }

// tree reads every file below root, keyed by slash path, with a digest.
func tree(t *testing.T, root string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, h := range a {
		if b[p] != h {
			return false
		}
	}
	return true
}

// TestVersion prints what the release build stamped, both ways.
func TestVersion(t *testing.T) {
	want := "gen v9.8.7 (commit 0123456789abcdef0123456789abcdef01234567, 2026-12-01T09:00:00Z)\n"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		if got := mustRun(t, t.TempDir(), args...); got != want {
			t.Errorf("gen %s: %q, want %q", args[0], got, want)
		}
	}
}

// TestInitMakesASiteThatBuildsAtOnce is the README's first steps in an
// empty folder: gen init, gen build, gen check, then in git: publish the
// first version and check it against the commit, as CI does.
func TestInitMakesASiteThatBuildsAtOnce(t *testing.T) {
	work := t.TempDir()
	out := mustRun(t, work, "init", "demo", "--title", "Demo AB", "--languages", "en,sv", "--base-url", "https://policies.demo.example")
	for _, f := range []string{"site.toml", ".gitignore", ".gitattributes", ".github/workflows/publish.yml", "content/privacy/en.md", "content/privacy/sv.md"} {
		if !strings.Contains(out, "created demo/"+f+"\n") {
			t.Errorf("init did not report %s:\n%s", f, out)
		}
	}
	demo := filepath.Join(work, "demo")
	if wf, _ := os.ReadFile(filepath.Join(demo, ".github", "workflows", "publish.yml")); !bytes.Contains(wf, []byte("uses: policygen/gen@"+stamped+"\n")) {
		t.Errorf("the workflow does not install this gen's release, %s:\n%s", stamped, wf)
	}

	mustRun(t, demo, "build")
	if _, err := os.Stat(filepath.Join(demo, "public", "index.html")); err != nil {
		t.Errorf("no site built: %v", err)
	}
	if got := mustRun(t, demo, "check"); got != "check: no errors\n" {
		t.Errorf("check: %q", got)
	}

	git(t, demo, "init", "-q", "-b", "main")
	git(t, demo, "add", "-A")
	if st := git(t, demo, "status", "--porcelain"); strings.Contains(st, "public/") {
		t.Errorf("the build's output would be committed:\n%s", st)
	}
	git(t, demo, "commit", "-q", "-m", "gen init")
	mustRun(t, demo, "check", "--base", "HEAD")

	// The lawyer is done: publishing is deleting the draft line.
	en := filepath.Join(demo, "content", "privacy", "en.md")
	b, _ := os.ReadFile(en)
	os.WriteFile(en, bytes.Replace(b, []byte("\ndraft = true\n"), []byte("\n"), 1), 0o644)
	mustRun(t, demo, "check", "--base", "HEAD")
	mustRun(t, demo, "build")
	if page, err := os.ReadFile(filepath.Join(demo, "public", "en", "privacy", "index.html")); err != nil || !bytes.Contains(page, []byte("<h1>Privacy policy</h1>")) {
		t.Errorf("the published policy: %v\n%.300s", err, page)
	}
	git(t, demo, "commit", "-q", "-am", "publish")
	mustRun(t, demo, "check", "--base", "HEAD")

	// Run again, it refuses and changes nothing.
	before := tree(t, demo)
	if code, _, stderr := run(t, work, "init", "demo"); code != 2 || !strings.Contains(stderr, "never overwrites") {
		t.Errorf("init over a site: exit %d, want 2:\n%s", code, stderr)
	}
	if !sameTree(before, tree(t, demo)) {
		t.Errorf("a refused init changed the site")
	}
}
