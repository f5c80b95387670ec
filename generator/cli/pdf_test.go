package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/internal/testsite"
)

var pdfSummary = regexp.MustCompile(` and (\d+) PDFs \((\d+) printed, (\d+) unchanged\), `)

// buildPDFs runs gen build --pdf into out and returns how many PDFs it
// printed and how many it found unchanged, from its summary line.
func buildPDFs(t *testing.T, out, now string) (printed, unchanged string) {
	t.Helper()
	code, stdout, stderr := run(t, "build", "-s", testSite, "-o", out, "--now", now, "--pdf")
	if code != 0 {
		t.Fatalf("gen build --pdf --now %s: exit %d\n%s", now, code, stderr)
	}
	m := pdfSummary.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("the summary does not count the PDFs: %s", stdout)
	}
	return m[2], m[3]
}

// TestBuildPDF: gen build --pdf prints every version's page to a PDF
// beside it, which the page links and the manifest lists; the PDF holds
// the version's text and dates and names it in its information. The
// next build, a day later, prints none (the cache in the user's cache
// folder); the build on which a version comes into force prints again
// the pages that changed with it, and only those.
func TestBuildPDF(t *testing.T) {
	testsite.Chromium(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // os.UserCacheDir, on Linux
	out := filepath.Join(t.TempDir(), "public")
	if printed, _ := buildPDFs(t, out, "2024-05-10"); printed != "6" {
		t.Errorf("the first build printed %s PDFs, want every version's 6", printed)
	}

	pdf := "/en/privacy/2024-04-05/privacy-en-2024-04-05.pdf"
	file := filepath.Join(out, filepath.FromSlash(pdf))
	text := strings.Join(strings.Fields(testsite.Tool(t, "poppler-utils", "pdftotext", file, "-")), " ")
	for _, want := range []string{
		"Privacy policy", "Last updated: April 5, 2024", "Takes effect: June 1, 2024",
		"Names and email addresses. We keep web logs for 30 days.",
		"https://policies.acme.example/en/privacy/2024-04-05/",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%s has no %q:\n%s", pdf, want, text)
		}
	}
	info := testsite.Tool(t, "poppler-utils", "pdfinfo", "-isodates", "-custom", file)
	for _, want := range []string{
		"Title:           Privacy policy — April 5, 2024", "Author:          Acme",
		"Subject:         How Acme processes personal data", "CreationDate:    2024-04-05T00:00:00Z",
		"Effective:       2024-06-01", "LastUpdated:     2024-04-05",
		"Permalink:       https://policies.acme.example/en/privacy/2024-04-05/",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo %s has no %q:\n%s", pdf, want, info)
		}
	}
	if !readPage(t, out, "/en/privacy/2024-04-05/").hasLink("PDF of this version", pdf) ||
		!readPage(t, out, "/sv/privacy/").hasLink("PDF av den här versionen", "/sv/privacy/2023-01-01/privacy-sv-2023-01-01.pdf") {
		t.Error("the version pages do not link their PDFs")
	}
	var m struct{ Files []struct{ Path string } }
	if err := json.Unmarshal(mustRead(t, out, "manifest.json"), &m); err != nil {
		t.Fatal(err)
	}
	listed := false
	for _, f := range m.Files {
		listed = listed || f.Path == pdf
	}
	if !listed {
		t.Errorf("the manifest does not list %s", pdf)
	}

	before := mustRead(t, out, pdf)
	if printed, unchanged := buildPDFs(t, out, "2024-05-11"); printed != "0" || unchanged != "6" {
		t.Errorf("the next day's build printed %s PDFs and found %s unchanged, want none printed", printed, unchanged)
	}
	if string(mustRead(t, out, pdf)) != string(before) {
		t.Errorf("%s changed although its page did not", pdf)
	}
	// On 1 June the version of 5 April comes into force: the privacy
	// policy's English pages change, its Swedish one and the terms do not.
	if printed, _ := buildPDFs(t, out, "2024-06-01"); printed == "0" || printed == "6" {
		t.Errorf("the build on which a version came into force printed %s PDFs, want only those of the pages that changed", printed)
	}
	if text := testsite.Tool(t, "poppler-utils", "pdftotext", file, "-"); !strings.Contains(strings.Join(strings.Fields(text), " "), "In force") {
		t.Errorf("%s was not printed again with its new status:\n%s", pdf, text)
	}

	// Without --pdf, no PDF and no link.
	plain := buildSite(t, testSite, "2024-04-10")
	if _, err := os.Stat(filepath.Join(plain, filepath.FromSlash(pdf))); err == nil {
		t.Errorf("gen build without --pdf wrote %s", pdf)
	}
	if links := readPage(t, plain, "/en/privacy/2024-04-05/").links("PDF"); len(links) > 0 {
		t.Errorf("without --pdf the page links %v", links)
	}
}

// TestBuildPDFWithoutBrowser: a browser that cannot print fails the
// build with a message naming it, and the previous output stays as it
// was; --browser without --pdf, or naming nothing, is bad usage.
func TestBuildPDFWithoutBrowser(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	out := buildSite(t, testSite, "2024-05-10")
	before := tree(t, out)
	notBrowser := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(notBrowser, []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "build", "-s", testSite, "-o", out, "--now", "2024-05-10", "--pdf", "--browser", notBrowser)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "starting "+notBrowser+" to print PDFs") {
		t.Errorf("a browser that does not start: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	sameTree(t, before, tree(t, out), "after the failed build")

	for _, args := range [][]string{{"--browser", notBrowser}, {"--pdf", "--browser", filepath.Join(t.TempDir(), "none")}} {
		code, _, stderr := run(t, append([]string{"build", "-s", testSite, "-o", out}, args...)...)
		if code != 2 || !strings.Contains(stderr, "--browser") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	sameTree(t, before, tree(t, out), "after bad usage")
}
