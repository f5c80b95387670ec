package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsMayFollowArguments gives every command that takes arguments its
// flags after them, and checks that a flag is never read as an argument.
func TestFlagsMayFollowArguments(t *testing.T) {
	code, stdout, stderr := run(t, "diff", "privacy", "en", "-s", testSite)
	if code != 0 || !strings.Contains(stdout, "2024-03-01 → 2024-04-05") {
		t.Errorf("diff privacy en -s SITE: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "diff", "privacy", "-s", testSite, "en", "2023-01-01")
	if code != 0 || !strings.Contains(stdout, "2023-01-01 → 2024-04-05") {
		t.Errorf("diff with -s between its arguments: exit %d\n%s%s", code, stdout, stderr)
	}
	// A flag after the arguments is still checked like any other.
	if code, _, stderr := run(t, "diff", "privacy", "en", "--no-such-flag"); code != 2 || !strings.Contains(stderr, "no-such-flag") {
		t.Errorf("unknown flag after the arguments: exit %d, want 2\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "build", "-s", testSite, "extra", "--drafts"); code != 2 || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("build with an argument: exit %d, want 2\n%s", code, stderr)
	}
}

// TestEmptyFlagValueIsBadUsage gives flags empty values, as a script does
// with an unset variable: none may silently fall back to its default.
func TestEmptyFlagValueIsBadUsage(t *testing.T) {
	site := copySite(t, testSite)
	for _, args := range [][]string{
		{"check", "-s", site, "--base", ""},
		{"check", "-s", site, "--now="},
		{"check", "-s", ""},
		{"new-version", "-s", site, "--date", "", "privacy"},
		{"build", "-s", site, "--now", "", "-o", filepath.Join(t.TempDir(), "public")},
		{"build", "-s", site, "-o", ""},
		{"diff", "-s", "", "privacy", "en"},
	} {
		before := tree(t, site)
		code, stdout, stderr := run(t, args...)
		if code != 2 || !strings.Contains(stderr, " is empty; give it a value or leave it out") {
			t.Errorf("gen %q: exit %d, want 2 naming the empty flag\n%s%s", args, code, stdout, stderr)
		}
		sameTree(t, before, tree(t, site), "site before and after gen "+strings.Join(args, " "))
	}
}

// TestCheckSiteThatIsNotThereIsBadUsage names a site folder that does not
// exist or holds no site.toml: a mistake on the command line (exit 2), not
// in the content.
func TestCheckSiteThatIsNotThereIsBadUsage(t *testing.T) {
	empty := t.TempDir()
	file := filepath.Join(empty, "site.txt")
	os.WriteFile(file, nil, 0o644)
	for _, tc := range []struct{ site, want string }{
		{filepath.Join(empty, "missing"), "is not a folder"},
		{file, "is not a folder"},
		{empty, "is not a site folder (it holds no site.toml)"},
	} {
		code, stdout, stderr := run(t, "check", "-s", tc.site)
		want := "gen check: -s " + tc.site + " " + tc.want + "; run gen in the site's folder or name it with -s SITE"
		if code != 2 || !strings.Contains(stderr, want) || stdout != "" {
			t.Errorf("check -s %s: exit %d, want 2 with %q\n%s%s", tc.site, code, want, stdout, stderr)
		}
	}
}
