package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/internal/testdocx"
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

// TestDiffMarkdown prints redlines as a pull request comment shows them:
// golden files of the test site's privacy policy (a reworded sentence,
// the effective date moved) and of the redline site's terms (every kind
// of edit, processors added and changed). Refresh with
//
//	go test ./generator/cli -run TestDiffMarkdown -update
func TestDiffMarkdown(t *testing.T) {
	for _, c := range []struct{ site, golden string }{
		{testSite, "diff__privacy-en.md"},
		{"testdata/redline-site", "redline-site__diff__terms-en.md"},
	} {
		policy := strings.TrimSuffix(strings.SplitN(c.golden, "diff__", 2)[1], "-en.md")
		code, stdout, stderr := run(t, "diff", "-s", c.site, "--format", "markdown", policy, "en")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.site, code, stderr)
		}
		file := filepath.Join("testdata", "golden", c.golden)
		if *update {
			if err := os.WriteFile(file, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if stdout != string(want) {
			t.Errorf("gen diff --format markdown %s en differs from %s; review the change and run with -update if it is right\n%s", policy, file, firstDifference(want, []byte(stdout)))
		}
	}

	// -o writes the same to a file, and a link in the site is made
	// absolute: a comment is not on the site.
	out := filepath.Join(t.TempDir(), "redline.md")
	code, stdout, stderr := run(t, "diff", "-s", testSite, "--format", "markdown", "-o", out, "privacy", "en")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote "+out) {
		t.Fatalf("-o: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "We keep web logs for 30 days.") {
		t.Errorf("-o %s: %v\n%s", out, err, b)
	}
}

// TestDiffDocx writes a Word redline of the test site's privacy policy:
// accepting every change gives the newer version's text, rejecting them
// the older one's; the changes are by the site (or --author) on the
// newer version's day, and the summary names the effective date moved.
func TestDiffDocx(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "privacy.docx")
	if err := os.WriteFile(out, []byte("an earlier redline"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "diff", "-s", testSite, "--format", "docx", "-o", out, "privacy", "en", "2023-01-01", "2024-04-05")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	accepted, rejected := testdocx.Sections(t, data, true), testdocx.Sections(t, data, false)
	if len(accepted) != 2 || len(rejected) != 2 {
		t.Fatalf("%d and %d sections, want the summary and the text", len(accepted), len(rejected))
	}
	for _, c := range []struct {
		what        string
		lines       []string
		has, hasNot []string
	}{
		{"accepted summary", accepted[0], []string{"Other changes", "Effective date: June 1, 2024", "Mail Co | US | Email | US | Standard Contractual Clauses | https://mail.example/privacy"}, []string{"January"}},
		{"rejected summary", rejected[0], []string{"Effective date: January 1, 2023", "Processor | Where data is processed | Purpose | Established in | Transfer safeguard | Privacy policy"}, []string{"June", "Mail Co"}},
		{"accepted text", accepted[1], []string{"We are Acme AB.", "Names and email addresses. We keep web logs for 30 days."}, []string{"We are Acme.", "Names."}},
		{"rejected text", rejected[1], []string{"We are Acme.", "Names."}, []string{"Acme AB", "web logs"}},
	} {
		lines := "\n" + strings.Join(c.lines, "\n") + "\n"
		for _, w := range c.has {
			if !strings.Contains(lines, "\n"+w+"\n") {
				t.Errorf("the %s lacks the line %q:%s", c.what, w, lines)
			}
		}
		for _, w := range c.hasNot {
			if strings.Contains(lines, w) {
				t.Errorf("the %s has %q:%s", c.what, w, lines)
			}
		}
	}
	doc := string(testdocx.Parts(t, data)["word/document.xml"])
	if !strings.Contains(doc, `w:author="Acme" w:date="2024-04-05T00:00:00Z"`) {
		t.Errorf("the changes are not by the site on the newer version's day:\n%.1500s", doc)
	}

	code, _, stderr = run(t, "diff", "-s", testSite, "--format", "docx", "-o", out, "--author", "Jane Counsel", "privacy", "en")
	if code != 0 {
		t.Fatalf("--author: exit %d: %s", code, stderr)
	}
	data, _ = os.ReadFile(out)
	if doc := string(testdocx.Parts(t, data)["word/document.xml"]); !strings.Contains(doc, `w:author="Jane Counsel"`) {
		t.Errorf("--author is not the changes' author")
	}
}

// TestDiffUsage: a format gen does not write, a Word document without a
// file, and flags of one format given to another are bad usage, and
// write nothing.
func TestDiffUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x")
	for _, args := range [][]string{
		{"--format", "pdf"},
		{"--format", "docx"},
		{"--author", "Jane", "-o", out},
		{"--format", "markdown", "--author", "Jane"},
		{"--max-chars", "5000"},
		{"--format", "markdown", "--max-chars", "10"},
		{"--format", "docx", "-o", out, "--max-chars", "5000"},
	} {
		code, stdout, stderr := run(t, append(append([]string{"diff", "-s", testSite}, args...), "privacy", "en")...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "gen diff: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and a message", args, code, stdout, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v wrote %s", args, out)
		}
	}
}
