package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitSite copies the test site into a fresh git repository with one commit
// and returns its folder.
func gitSite(t *testing.T) string {
	t.Helper()
	site := copySite(t, testSite)
	git(t, site, "init", "-q", "-b", "main")
	git(t, site, "add", "-A")
	git(t, site, "commit", "-q", "-m", "published")
	return site
}

func git(t *testing.T, dir string, args ...string) string {
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

func edit(t *testing.T, site, rel string, change func(string) string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(change(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckBaseRefusesLostOrRewrittenVersions makes each change the archive
// must refuse, in a real git repository.
func TestCheckBaseRefusesLostOrRewrittenVersions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, site string)
		want   string // "" when check must pass
	}{
		{"nothing changed", func(*testing.T, string) {}, ""},
		{"archived file changed", func(t *testing.T, site string) {
			edit(t, site, "content/privacy/archive/2023-01-01/en.md", func(s string) string { return strings.Replace(s, "We are Acme.", "We are Acme Inc.", 1) })
		}, "content/privacy/archive/2023-01-01/en.md: archived version was changed"},
		{"archived file deleted", func(t *testing.T, site string) {
			os.Remove(filepath.Join(site, "content/privacy/archive/2024-03-01/en.md"))
		}, "content/privacy/archive/2024-03-01/en.md: archived version was deleted"},
		{"last_updated moved on without archiving", func(t *testing.T, site string) {
			edit(t, site, "content/cookies/en.md", func(s string) string {
				return strings.Replace(s, "last_updated = 2023-05-01", "last_updated = 2024-01-01\n\n[change]\nsummary = \"x\"", 1)
			})
		}, "content/cookies/en.md:3:1: last_updated moved on from 2023-05-01 to 2024-01-01, but the published text"},
		{"published text changed in place", func(t *testing.T, site string) {
			edit(t, site, "content/cookies/en.md", func(s string) string { return strings.Replace(s, "no cookies", "few cookies", 1) })
		}, "content/cookies/en.md:3:1: the published text of 2023-05-01 changed without a new last_updated"},
		{"a draft may change", func(t *testing.T, site string) {
			edit(t, site, "content/terms/en.md", func(s string) string { return strings.Replace(s, "Be very nice.", "Be kind.", 1) })
		}, ""},
		{"current file deleted without archiving", func(t *testing.T, site string) {
			os.Remove(filepath.Join(site, "content/cookies/en.md"))
		}, "content/cookies/en.md: deleted, but its published version of 2023-05-01 is not in content/cookies/archive/2023-05-01/en.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := gitSite(t)
			tc.change(t, site)
			code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10")
			if tc.want == "" {
				if code != 0 {
					t.Errorf("exit %d, want 0:\n%s", code, stderr)
				}
				return
			}
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want 1 with %q:\n%s", code, tc.want, stderr)
			}
		})
	}
}

// TestCheckBaseExplainsGitProblems covers a folder outside git, an unknown
// revision and a shallow clone that lacks the revision.
func TestCheckBaseExplainsGitProblems(t *testing.T) {
	plain := copySite(t, testSite)
	if code, _, stderr := run(t, "check", "-s", plain, "--base", "HEAD"); code != 1 || !strings.Contains(stderr, "needs a git repository") {
		t.Errorf("outside git: exit %d\n%s", code, stderr)
	}
	site := gitSite(t)
	if code, _, stderr := run(t, "check", "-s", site, "--base", "origin/nope"); code != 1 || !strings.Contains(stderr, `unknown git revision "origin/nope"`) {
		t.Errorf("unknown ref: exit %d\n%s", code, stderr)
	}
	first := strings.TrimSpace(git(t, site, "rev-parse", "HEAD"))
	edit(t, site, "content/cookies/en.md", func(s string) string { return s + "\nMore.\n" })
	git(t, site, "commit", "-q", "-am", "second")
	shallow := filepath.Join(t.TempDir(), "shallow")
	git(t, filepath.Dir(shallow), "clone", "-q", "--depth", "1", "file://"+site, shallow)
	if code, _, stderr := run(t, "check", "-s", shallow, "--base", first); code != 1 || !strings.Contains(stderr, "shallow clone") || !strings.Contains(stderr, "fetch-depth: 0") {
		t.Errorf("shallow clone: exit %d\n%s", code, stderr)
	}
}

// TestNewVersionRoundTrip cuts a version, edits it, checks it against the
// last commit and builds it: what a newcomer does following the README.
func TestNewVersionRoundTrip(t *testing.T) {
	site := gitSite(t)
	before, _ := os.ReadFile(filepath.Join(site, "content/privacy/en.md"))
	code, stdout, stderr := run(t, "new-version", "-s", site, "--date", "2024-09-01", "privacy", "en")
	if code != 0 {
		t.Fatalf("new-version: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "content/privacy/archive/2024-04-05/en.md") {
		t.Errorf("new-version does not say what it archived:\n%s", stdout)
	}
	archived, _ := os.ReadFile(filepath.Join(site, "content/privacy/archive/2024-04-05/en.md"))
	if !bytes.Equal(archived, before) {
		t.Errorf("the archived file is not the current text byte for byte")
	}
	after, _ := os.ReadFile(filepath.Join(site, "content/privacy/en.md"))
	for _, want := range []string{"last_updated = 2024-09-01\n", "effective = 2024-09-01\n", "[change]\n", `summary = ""`, "[[processors]]\nname = \"Hosting Co\""} {
		if !strings.Contains(string(after), want) {
			t.Errorf("current file lacks %q:\n%s", want, after)
		}
	}
	if strings.Contains(string(after), "We now keep web logs") {
		t.Errorf("the previous version's change summary was kept")
	}
	// Only the front matter lines changed: the body is untouched.
	if !strings.HasSuffix(string(after), strings.SplitN(string(before), "+++\n", 3)[2]) {
		t.Errorf("the body changed")
	}

	edit(t, site, "content/privacy/en.md", func(s string) string {
		s = strings.Replace(s, `summary = ""`, `summary = "We shortened log retention again."`, 1)
		return strings.Replace(s, "30 days", "14 days", 1)
	})
	if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-09-02"); code != 0 {
		t.Errorf("check --base after new-version: exit %d\n%s", code, stderr)
	}
	out := buildSite(t, site, "2024-09-02")
	if !strings.Contains(readPage(t, out, "/en/privacy/").mainText(), "14 days") {
		t.Errorf("the new version is not in force after the build")
	}
	if _, err := os.Stat(filepath.Join(out, "en/privacy/2024-04-05/index.html")); err != nil {
		t.Errorf("the archived version lost its permalink")
	}
}

// TestNewVersionRefusesAndChangesNothing covers each refusal.
func TestNewVersionRefusesAndChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		prep func(site string)
		want string
	}{
		{"unknown policy", []string{"--date", "2025-01-01", "nope"}, nil, `no policy "nope"`},
		{"unknown language", []string{"--date", "2025-01-01", "cookies", "fi"}, nil, "no fi version"},
		{"date not after the current one", []string{"--date", "2023-05-01", "cookies"}, nil, "must be after the current last_updated 2023-05-01"},
		{"archive already exists", []string{"--date", "2025-01-01", "cookies", "en"}, func(site string) {
			os.MkdirAll(filepath.Join(site, "content/cookies/archive/2023-05-01"), 0o755)
			os.WriteFile(filepath.Join(site, "content/cookies/archive/2023-05-01/en.md"), []byte("+++\ntitle = \"x\"\nlast_updated = 2023-05-01\n+++\n"), 0o644)
		}, "already exists"},
		{"one language of two fails", []string{"--date", "2023-06-01", "privacy"}, nil, "content/privacy/en.md:3:1: the new version's date 2023-06-01 must be after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			if tc.prep != nil {
				tc.prep(site)
			}
			before := tree(t, site)
			code, _, stderr := run(t, append([]string{"new-version", "-s", site}, tc.args...)...)
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want 1 with %q:\n%s", code, tc.want, stderr)
			}
			sameTree(t, before, tree(t, site), "site before and after a refused new-version")
		})
	}
}
