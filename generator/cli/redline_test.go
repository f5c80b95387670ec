package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRedlinePagesShowWhatChanged reads the comparison pages a reader
// reaches from the notices and the history.
func TestRedlinePagesShowWhatChanged(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")

	for _, want := range []string{
		"en/privacy/2024-03-01/changes/index.html",
		"en/privacy/2024-04-05/changes/index.html",
		"en/privacy/compare/2023-01-01..2024-03-01/index.html", // archived against in force
		"en/privacy/compare/2024-03-01..2024-04-05/index.html", // in force against upcoming
		"en/terms/compare/2023-06-01..2023-06-01/index.html",
	} {
		_, err := os.Stat(filepath.Join(out, want))
		if strings.Contains(want, "2023-06-01..2023-06-01") {
			if err == nil {
				t.Errorf("a version is compared with itself: %s", want)
			}
			continue
		}
		if err != nil {
			t.Errorf("missing %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en/privacy/compare/2023-01-01..2024-04-05")); err == nil {
		t.Errorf(`compare = "in-force" rendered a pair without the version in force`)
	}
	if _, err := os.Stat(filepath.Join(out, "en/privacy/2023-01-01/changes")); err == nil {
		t.Errorf("the first version has a changes page")
	}

	p := readPage(t, out, "/en/privacy/2024-04-05/changes/")
	var inserted []string
	for _, n := range p.all("ins", "") {
		inserted = append(inserted, text(n))
	}
	joined := strings.Join(inserted, " | ")
	if !strings.Contains(joined, "We keep web logs for 30 days.") {
		t.Errorf("inserted text = %q", joined)
	}
	if !strings.Contains(joined, "inserted:") {
		t.Errorf("insertions are not announced to screen readers: %q", joined)
	}
	if len(p.all("del", "")) == 0 || !strings.Contains(p.mainText(), "June 1, 2024") {
		t.Errorf("the effective date change is not shown as old → new")
	}
	if len(p.all("details", "unchanged")) == 0 {
		t.Errorf("unchanged sections are not collapsed")
	}
	if !strings.Contains(p.mainText(), "Sections changed: 1, words added: 7, words removed: 0") {
		t.Errorf("no counts: %s", p.mainText())
	}

	procs := readPage(t, out, "/en/privacy/2024-03-01/changes/")
	if got := text(procs.all("section", "redline-processors")[0]); !strings.Contains(got, "Added: Mail Co") || strings.Contains(got, "inserted") {
		t.Errorf("processors section = %q", got)
	}

	hist := readPage(t, out, "/en/privacy/history/")
	if !hist.hasLink("Changes", "/en/privacy/2024-04-05/changes/") || !hist.hasLink("Compare with the version in force", "/en/privacy/compare/2023-01-01..2024-03-01/") {
		t.Errorf("history lacks redline links")
	}
	// The upcoming version's changes/ page is its comparison with the
	// version in force: one link to it, not two.
	if hist.hasLink("Compare", "/en/privacy/compare/2024-03-01..2024-04-05/") {
		t.Errorf("history links the same comparison twice for the upcoming version")
	}
	// Heard as a list of links, each says which version it is for.
	if !hist.hasLink("Read (April 5, 2024)", "/en/privacy/2024-04-05/") {
		t.Errorf("history links do not name their version: %v", hist.links("Read"))
	}
	if len(hist.all("form", "picker")) != 1 {
		t.Errorf("history has no comparison picker")
	}
}

// TestCompareAllRendersEveryPair switches site.toml to compare = "all".
func TestCompareAllRendersEveryPair(t *testing.T) {
	site := copySite(t, testSite)
	cfg := filepath.Join(site, "site.toml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(b), "notice_days = 30", "notice_days = 30\ncompare = \"all\"", 1)), 0o644)
	out := buildSite(t, site, "2024-04-10")
	if _, err := os.Stat(filepath.Join(out, "en/privacy/compare/2023-01-01..2024-04-05/index.html")); err != nil {
		t.Errorf(`compare = "all" did not render every pair`)
	}
}

// TestDiffInATerminalAndAPipe runs gen diff as an author would.
func TestDiffInATerminalAndAPipe(t *testing.T) {
	code, stdout, stderr := run(t, "diff", "-s", testSite, "privacy", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "{+We keep web logs for 30 days.+}") || strings.Contains(stdout, "\x1b[") {
		t.Errorf("piped diff lacks word-diff markers or has colour:\n%s", stdout)
	}
	if !strings.Contains(stdout, "unchanged section") {
		t.Errorf("unchanged sections are not elided:\n%s", stdout)
	}
	code, stdout, _ = run(t, "diff", "-s", testSite, "privacy", "en", "2023-01-01", "2024-03-01")
	if code != 0 || !strings.Contains(stdout, "processor added: Mail Co") {
		t.Errorf("diff of named versions: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "diff", "-s", testSite, "privacy", "en", "2020-01-01"); code != 1 || !strings.Contains(stderr, "no version of 2020-01-01") {
		t.Errorf("unknown version: exit %d, %s", code, stderr)
	}
	if code, _, _ := run(t, "diff", "-s", testSite, "privacy"); code != 2 {
		t.Errorf("missing LANG: exit %d, want 2", code)
	}
}
