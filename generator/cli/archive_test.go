package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/internal/testsite"
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

func git(t *testing.T, dir string, args ...string) string { return testsite.Git(t, dir, args...) }

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
// revision and a shallow clone that lacks the revision: each is a revision
// the command line names but git cannot give, so bad usage (exit 2), and
// nothing is checked.
func TestCheckBaseExplainsGitProblems(t *testing.T) {
	plain := copySite(t, testSite)
	if code, stdout, stderr := run(t, "check", "-s", plain, "--base", "HEAD"); code != 2 || !strings.Contains(stderr, "gen check: --base needs a git repository") || stdout != "" {
		t.Errorf("outside git: exit %d, want 2\n%s%s", code, stdout, stderr)
	}
	site := gitSite(t)
	if code, _, stderr := run(t, "check", "-s", site, "--base", "origin/nope"); code != 2 || !strings.Contains(stderr, `unknown git revision "origin/nope"`) {
		t.Errorf("unknown ref: exit %d, want 2\n%s", code, stderr)
	}
	// git would take a revision starting with "-" for one of its options.
	if code, _, stderr := run(t, "check", "-s", site, "--base", "--output=x"); code != 2 || !strings.Contains(stderr, `"--output=x" is not a git revision`) {
		t.Errorf("revision that looks like an option: exit %d, want 2\n%s", code, stderr)
	}
	first := strings.TrimSpace(git(t, site, "rev-parse", "HEAD"))
	edit(t, site, "content/cookies/en.md", func(s string) string { return s + "\nMore.\n" })
	git(t, site, "commit", "-q", "-am", "second")
	shallow := filepath.Join(t.TempDir(), "shallow")
	git(t, filepath.Dir(shallow), "clone", "-q", "--depth", "1", "file://"+site, shallow)
	if code, _, stderr := run(t, "check", "-s", shallow, "--base", first); code != 2 || !strings.Contains(stderr, "shallow clone") || !strings.Contains(stderr, "fetch-depth: 0") {
		t.Errorf("shallow clone: exit %d, want 2\n%s", code, stderr)
	}
}

// TestCheckEmptyBaseIsBadUsage passes --base an empty value, as a CI job
// does when the variable meant to fill it is unset: checking without the
// comparison and saying "no errors" would silently disable the guard.
func TestCheckEmptyBaseIsBadUsage(t *testing.T) {
	site := gitSite(t)
	os.Remove(filepath.Join(site, "content/privacy/archive/2024-03-01/en.md"))
	for _, args := range [][]string{{"--base", ""}, {"--base="}} {
		code, stdout, stderr := run(t, append([]string{"check", "-s", site}, args...)...)
		if code != 2 || !strings.Contains(stderr, "gen check: --base is empty") || !strings.Contains(stderr, "variable") || strings.Contains(stdout, "no errors") {
			t.Errorf("check %q: exit %d, want 2 with a hint:\n%s%s", args, code, stdout, stderr)
		}
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

// TestNewVersionRefusesAndChangesNothing covers each refusal: every one
// comes before the first write, so the site is left exactly as it was.
// A mistake on the command line exits 2, a problem with the content 1.
func TestNewVersionRefusesAndChangesNothing(t *testing.T) {
	draft := func(rel string) func(site string) {
		return func(site string) {
			edit(t, site, rel, func(s string) string { return strings.Replace(s, "+++\n", "+++\n  draft = true\n", 1) })
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		prep func(site string)
		code int
		want []string
	}{
		{"language named twice", []string{"--date", "2025-01-01", "privacy", "en", "en"}, nil, 2,
			[]string{"gen new-version: language en is named twice; name each language once"}},
		{"language named twice among others", []string{"--date", "2025-01-01", "privacy", "en", "sv", "en"}, nil, 2,
			[]string{"language en is named twice"}},
		{"site folder that is not there", []string{"-s", "/nonexistent/site", "--date", "2025-01-01", "privacy"}, nil, 2,
			[]string{"gen new-version: -s /nonexistent/site is not a folder; run gen in the site's folder or name it with -s SITE"}},
		{"draft", []string{"--date", "2025-01-01", "terms"}, nil, 1,
			[]string{"content/terms/en.md:4:1: the current text is a draft (draft = true) that was never published, so there is nothing to archive: edit the draft in place; or, if it has been published, set draft = false and then run gen new-version"}},
		{"one named language of two is a draft", []string{"--date", "2025-01-01", "privacy", "en", "sv"}, draft("content/privacy/sv.md"), 1,
			[]string{"content/privacy/sv.md:2:3: the current text is a draft", "name them without sv"}},
		{"every draft is named", []string{"--date", "2025-01-01", "privacy"}, func(site string) {
			draft("content/privacy/en.md")(site)
			draft("content/privacy/sv.md")(site)
		}, 1, []string{"content/privacy/en.md:2:3: the current text is a draft", "content/privacy/sv.md:2:3: the current text is a draft", "gen: 2 errors"}},
		{"unknown policy", []string{"--date", "2025-01-01", "nope"}, nil, 1, []string{`no policy "nope"`}},
		{"policy outside the content folder", []string{"--date", "2025-01-01", "../content"}, nil, 1, []string{`content/../content: no policy "../content"`}},
		{"unknown language", []string{"--date", "2025-01-01", "cookies", "fi"}, nil, 1, []string{"no fi version"}},
		{"language outside the policy folder", []string{"--date", "2025-01-01", "privacy", "../cookies/en"}, nil, 1, []string{"no ../cookies/en version"}},
		{"date not after the current one", []string{"--date", "2023-05-01", "cookies"}, nil, 1, []string{"must be after the current last_updated 2023-05-01"}},
		{"archive already exists", []string{"--date", "2025-01-01", "cookies", "en"}, func(site string) {
			os.MkdirAll(filepath.Join(site, "content/cookies/archive/2023-05-01"), 0o755)
			os.WriteFile(filepath.Join(site, "content/cookies/archive/2023-05-01/en.md"), []byte("+++\ntitle = \"x\"\nlast_updated = 2023-05-01\n+++\n"), 0o644)
		}, 1, []string{"already exists"}},
		// sv could be cut, but en's archive folder cannot be made: sv
		// must not be written first.
		{"archive folder is a file", []string{"--date", "2025-01-01", "privacy", "sv", "en"}, func(site string) {
			os.WriteFile(filepath.Join(site, "content/privacy/archive/2024-04-05"), nil, 0o644)
		}, 1, []string{"content/privacy/archive/2024-04-05/en.md: cannot archive here"}},
		{"one language of two fails", []string{"--date", "2023-06-01", "privacy"}, nil, 1, []string{"content/privacy/en.md:3:1: the new version's date 2023-06-01 must be after"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			if tc.prep != nil {
				tc.prep(site)
			}
			before := tree(t, site)
			code, stdout, stderr := run(t, append([]string{"new-version", "-s", site}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d:\n%s", code, tc.code, stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("a refused new-version reports a cut:\n%s", stdout)
			}
			sameTree(t, before, tree(t, site), "site before and after a refused new-version")
		})
	}
}

// TestNewVersionTakesFlagsAfterArguments puts the flags after the policy
// and language, as people type them: they must be read as flags, not as
// languages named --date and 2024-09-01.
func TestNewVersionTakesFlagsAfterArguments(t *testing.T) {
	site := copySite(t, testSite)
	code, stdout, stderr := run(t, "new-version", "privacy", "en", "--date", "2024-09-01", "-s", site)
	if code != 0 || !strings.Contains(stdout, "started content/privacy/en.md as the version of 2024-09-01") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "content/privacy/archive/2024-04-05/en.md")); err != nil {
		t.Errorf("en was not archived: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "content/privacy/archive/2024-04-05/sv.md")); err == nil {
		t.Errorf("sv was archived, though only en was named")
	}
	// After "--" everything is an argument, so --date is a language here.
	code, _, stderr = run(t, "new-version", "-s", site, "privacy", "--", "--date")
	if code != 1 || !strings.Contains(stderr, "no --date version") {
		t.Errorf(`after "--": exit %d\n%s`, code, stderr)
	}
}

// TestCheckBaseHintRestoresTheFile runs, from another folder, the command
// check prints to restore a changed archived file: afterwards the file is
// as it was and check passes. The site's folder name has a space and a
// quote, as a shared drive's might.
func TestCheckBaseHintRestoresTheFile(t *testing.T) {
	site := filepath.Join(t.TempDir(), "Legal's policies")
	if err := os.Rename(gitSite(t), site); err != nil {
		t.Fatal(err)
	}
	archived := "content/privacy/archive/2023-01-01/en.md"
	edit(t, site, archived, func(s string) string { return strings.Replace(s, "We are Acme.", "We are Acme Inc.", 1) })
	code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10")
	if code != 1 || !strings.Contains(stderr, site+"/"+archived+": archived version was changed") {
		t.Fatalf("exit %d, want the file named from where gen ran:\n%s", code, stderr)
	}
	_, hint, ok := strings.Cut(stderr, "restore it with `")
	hint, _, _ = strings.Cut(hint, "`")
	if !ok || !strings.HasPrefix(hint, "git ") {
		t.Fatalf("no command to restore the file:\n%s", stderr)
	}
	cmd := exec.Command("sh", "-c", hint)
	cmd.Dir = t.TempDir() // not the site: the hint must not depend on it
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", hint, err, out)
	}
	if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10"); code != 0 {
		t.Errorf("after %s: exit %d:\n%s", hint, code, stderr)
	}
}
