// Package testsite holds what tests in several packages need to set up a
// site the way a user has one: a private copy of a test site to change, and
// a headless Chromium to read it with.
package testsite

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/policygen/gen/generator/sitedir"
)

// Copy copies the site at from into a fresh temporary folder the test may
// change, leaving out any built public/.
func Copy(t testing.TB, from string) string {
	t.Helper()
	dst := t.TempDir()
	if err := copyTree(from, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

func copyTree(from, dst string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if rel == sitedir.Output {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// Example copies the repository's example site, whose root is at repo
// (the site.toml and content/ there), into a fresh temporary folder, with
// base_url set to baseURL ("" keeps the example's).
func Example(t testing.TB, repo, baseURL string) string {
	t.Helper()
	dst := t.TempDir()
	if err := ExampleIn(dst, repo, baseURL); err != nil {
		t.Fatal(err)
	}
	return dst
}

// ExampleIn is Example into the folder dst, for a site that tests share.
func ExampleIn(dst, repo, baseURL string) error {
	b, err := os.ReadFile(filepath.Join(repo, sitedir.Config))
	if err != nil {
		return err
	}
	if baseURL != "" {
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "base_url") {
				lines[i] = "base_url = " + strconv.Quote(baseURL)
			}
		}
		b = []byte(strings.Join(lines, "\n"))
	}
	if err := os.WriteFile(filepath.Join(dst, sitedir.Config), b, 0o644); err != nil {
		return err
	}
	return copyTree(filepath.Join(repo, sitedir.Content), filepath.Join(dst, sitedir.Content))
}

// Chromium finds the browser. In CI its absence fails the test, because
// .ci/run installs it and a browser test that skips there proves nothing;
// elsewhere the test is skipped with the command that installs it.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Need(t, "no chromium on PATH; .ci/run installs it (apt-get install chromium)")
	return ""
}

// Need ends a test whose tool is missing: a failure in CI, where .ci/run
// installs every tool the tests use, and a skip on a developer's machine.
func Need(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// Tool runs a command-line tool a test needs, from the Debian package pkg
// that .ci/run installs, and returns what it printed; a failure ends the
// test, and a missing tool is Need's.
func Tool(t testing.TB, pkg, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		Need(t, "no %s on PATH; .ci/run installs it (apt-get install %s)", name, pkg)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// Git runs git in dir with a test identity and none of the machine's own
// configuration, and returns what it printed; a failure ends the test.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// ChromeOptions starts the headless browser at path; extra options (a
// window size, a profile folder) are added. Background networking is off:
// on a machine with no network Chromium's own update and sync requests
// would only fail, and a test must see the site's requests alone.
func ChromeOptions(path string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	return append(opts, extra...)
}
