package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffShowsFrontMatterChanges renames the policy in its newest
// version, whose effective date already moved, and reviews the change
// with gen diff as an author would: the title and the effective date the
// redline page lists under its other changes are printed too. (The
// colours a terminal gets are WriteFrontMatter's, tested in redline.)
func TestDiffShowsFrontMatterChanges(t *testing.T) {
	site := copySite(t, testSite)
	current := filepath.Join(site, "content/privacy/en.md")
	b, err := os.ReadFile(current)
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(b), `title = "Privacy policy"`, `title = "Privacy notice"`, 1)
	if renamed == string(b) {
		t.Fatal("the test site's privacy policy has no title to change")
	}
	if err := os.WriteFile(current, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := run(t, "diff", "-s", site, "privacy", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"title: [-Privacy policy-]{+Privacy notice+}\n",
		"effective: [-2024-04-01-]{+2024-06-01+}\n",
		"{+We keep web logs for 30 days.+}", // and the text still follows
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("piped diff lacks %q:\n%s", want, stdout)
		}
	}

	// The page the readers get lists the same changes.
	meta := readPage(t, buildSite(t, site, "2024-04-10"), "/en/privacy/2024-04-05/changes/").all("section", "redline-meta")
	if len(meta) != 1 {
		t.Fatalf("the redline page has %d sections of other changes, want 1", len(meta))
	}
	got := text(meta[0])
	for _, want := range []string{"Title", "Privacy policy", "Privacy notice", "Effective date", "April 1, 2024", "June 1, 2024"} {
		if !strings.Contains(got, want) {
			t.Errorf("the redline page's other changes lack %q: %s", want, got)
		}
	}
}
