package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testSite = "testdata/site"

// TestBuildShowsEachVersionWithItsNotices builds the test site on a day when
// the privacy policy's material change took effect nine days ago and a newer
// version is announced, and reads the pages as a visitor would.
func TestBuildShowsEachVersionWithItsNotices(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")

	for _, want := range []string{
		"index.html", "privacy/index.html", "404.html", "sitemap.xml", "_headers", "style.css", "robots.txt",
		"en/index.html", "sv/index.html",
		"en/privacy/index.html", "en/privacy/history/index.html",
		"en/privacy/2023-01-01/index.html", "en/privacy/2024-03-01/index.html", "en/privacy/2024-04-05/index.html",
		"en/privacy/2023-01-01/source.md", "en/privacy/2024-04-05/source.md",
		"sv/privacy/index.html", "sv/privacy/2023-01-01/index.html", "sv/privacy/history/index.html",
		"en/cookies/index.html", "en/terms/index.html", "en/terms/2023-06-01/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en/terms/2024-04-08")); err == nil {
		t.Errorf("the draft version of the terms was published")
	}

	inForce := readPage(t, out, "/en/privacy/")
	if got := inForce.lang(); got != "en" {
		t.Errorf("lang = %q", got)
	}
	body := inForce.mainText()
	if !strings.Contains(body, "Names and email addresses.") || strings.Contains(body, "30 days") {
		t.Errorf("/en/privacy/ does not show the version in force (2024-03-01):\n%s", body)
	}
	change := inForce.notice("change")
	if !strings.Contains(change, "April 1, 2024") || !strings.Contains(change, "We added a mail provider.") {
		t.Errorf("change notice = %q", change)
	}
	// It names the day the version took effect, not an update (the page's
	// "Last updated" is another date), and says in words, not only in
	// colour, that the change is material.
	if !strings.Contains(change, "took effect on April 1, 2024") || !strings.Contains(change, "Material change") {
		t.Errorf("change notice = %q, want the effective day and the material mark in words", change)
	}
	if !inForce.hasLink("See exactly what changed", "/en/privacy/2024-03-01/changes/") {
		t.Errorf("change notice does not link the redline: %v", inForce.links("See exactly"))
	}
	upcoming := inForce.notice("upcoming")
	if !strings.Contains(upcoming, "June 1, 2024") || !inForce.hasLink("Read the new version", "/en/privacy/2024-04-05/") {
		t.Errorf("upcoming notice = %q, links %v", upcoming, inForce.links("Read the new"))
	}
	if !inForce.hasLink("Svenska", "/sv/privacy/") {
		t.Errorf("language switcher does not link the Swedish policy")
	}
	if !bytes.Contains(mustRead(t, out, "en/privacy/index.html"), []byte(`<link rel="alternate" hreflang="sv" href="https://policies.acme.example/sv/privacy/">`)) {
		t.Errorf("no hreflang alternate for sv (and base_url's trailing slash must not double)")
	}
	if n := len(inForce.all("th", "")); n < 6 {
		t.Errorf("processors table has %d header cells", n)
	}

	archived := readPage(t, out, "/en/privacy/2023-01-01/")
	if got := archived.notice("archived"); !strings.Contains(got, "from January 1, 2023 through March 31, 2024") {
		t.Errorf("archived notice = %q", got)
	}
	if !archived.hasLink("Read the version in force", "/en/privacy/") ||
		!archived.hasLink("See what has changed since", "/en/privacy/compare/2023-01-01..2024-03-01/") {
		t.Errorf("archived notice links: %v %v", archived.links("Read the version"), archived.links("changed since"))
	}
	if archived.notice("change") != "" || archived.notice("upcoming") != "" {
		t.Errorf("an archived version shows notices of the version in force")
	}

	next := readPage(t, out, "/en/privacy/2024-04-05/")
	if got := next.notice("upcoming"); !strings.Contains(got, "takes effect on June 1, 2024") {
		t.Errorf("upcoming page notice = %q", got)
	}
	if !strings.Contains(next.mainText(), "30 days") {
		t.Errorf("the upcoming version's permalink does not show its own text")
	}

	// The material change is announced on every page of the language…
	cookies := readPage(t, out, "/en/cookies/")
	if got := cookies.notice("material"); !strings.Contains(got, "Privacy policy changed on April 1, 2024") {
		t.Errorf("material notice on /en/cookies/ = %q", got)
	}
	// …but not in other languages, whose versions are their own.
	if got := readPage(t, out, "/sv/").notice("material"); got != "" {
		t.Errorf("material notice of English privacy policy on /sv/: %q", got)
	}

	sv := readPage(t, out, "/sv/privacy/")
	if sv.lang() != "sv" {
		t.Errorf("lang = %q", sv.lang())
	}
	// Swedish translates 2023-01-01; the English version in force, which
	// prevails, is 2024-03-01 (the newer 2024-04-05 is not in force yet).
	behind := sv.notice("behind")
	if !strings.Contains(behind, "(engelska)") || !strings.Contains(behind, "1 mars 2024") || !sv.hasLink("engelska", "/en/privacy/") {
		t.Errorf("translation-behind notice = %q", behind)
	}
	if len(sv.all("h2", "")) == 0 || !bytes.Contains(mustRead(t, out, "sv/privacy/index.html"), []byte(`id="vem-ansvarar-for-dina-personuppgifter"`)) {
		t.Errorf("Swedish heading has no readable id")
	}

	src, _ := os.ReadFile(filepath.Join(testSite, "content/privacy/en.md"))
	if got := mustRead(t, out, "en/privacy/2024-04-05/source.md"); !bytes.Equal(got, src) {
		t.Errorf("source.md differs from the source file")
	}

	hist := readPage(t, out, "/en/privacy/history/")
	// The table of versions, not the timeline's.
	rows := (&page{root: hist.all("table", "history")[0]}).all("tr", "")
	if len(rows) != 4 { // header + three versions
		t.Fatalf("history has %d rows, want 4", len(rows))
	}
	if first := text(rows[1]); !strings.Contains(first, "April 5, 2024") {
		t.Errorf("history is not newest first: %q", first)
	}
	if !strings.Contains(text(rows[2]), "Material change") {
		t.Errorf("history does not mark the material change: %q", text(rows[2]))
	}

	if got := string(mustRead(t, out, "index.html")); !strings.Contains(got, `url=/en/`) || !strings.Contains(got, `href="/en/"`) {
		t.Errorf("root does not lead to /en/:\n%s", got)
	}
	if got := string(mustRead(t, out, "privacy/index.html")); !strings.Contains(got, `href="/en/privacy/"`) {
		t.Errorf("/privacy/ does not lead to /en/privacy/")
	}
	sitemap := string(mustRead(t, out, "sitemap.xml"))
	if !strings.Contains(sitemap, `<loc>https://policies.acme.example/sv/privacy/</loc>`) ||
		!strings.Contains(sitemap, `hreflang="en" href="https://policies.acme.example/en/privacy/"`) {
		t.Errorf("sitemap lacks the policy pages with alternates:\n%s", sitemap)
	}
	if strings.Contains(sitemap, "2024-04-08") {
		t.Errorf("sitemap lists a draft")
	}
}

func mustRead(t *testing.T, out, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNoticesExpire builds the same site after the notice period: the change
// and material notices are gone, the upcoming one is still there.
func TestNoticesExpire(t *testing.T) {
	out := buildSite(t, testSite, "2024-05-15")
	p := readPage(t, out, "/en/privacy/")
	if p.notice("change") != "" {
		t.Errorf("change notice still shown 44 days after the version took effect")
	}
	if readPage(t, out, "/en/cookies/").notice("material") != "" {
		t.Errorf("material notice still shown after notice_days")
	}
	if p.notice("upcoming") == "" {
		t.Errorf("upcoming notice missing")
	}

	// Once the upcoming version's day arrives it is in force.
	out = buildSite(t, testSite, "2024-06-01")
	p = readPage(t, out, "/en/privacy/")
	if !strings.Contains(p.mainText(), "30 days") || p.notice("upcoming") != "" {
		t.Errorf("on its effective date the new version is not in force")
	}
	if got := readPage(t, out, "/en/privacy/2024-03-01/").notice("archived"); !strings.Contains(got, "through May 31, 2024") {
		t.Errorf("superseded version's notice = %q", got)
	}
}

// TestDraftsOnlyWhenAsked checks --drafts publishes the draft, marked.
func TestDraftsOnlyWhenAsked(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10", "--drafts")
	p := readPage(t, out, "/en/terms/2024-04-08/")
	if got := p.notice("draft"); !strings.Contains(got, "Draft") {
		t.Errorf("draft not marked: %q", got)
	}
	if !bytes.Contains(mustRead(t, out, "en/terms/2024-04-08/index.html"), []byte(`<meta name="robots" content="noindex">`)) {
		t.Errorf("draft page may be indexed")
	}
}

// TestBuildIsDeterministic builds twice and compares every byte.
func TestBuildIsDeterministic(t *testing.T) {
	a := tree(t, buildSite(t, testSite, "2024-04-10"))
	b := tree(t, buildSite(t, testSite, "2024-04-10"))
	sameTree(t, a, b, "two builds of the same input")
}

// TestFailedBuildLeavesOutputAlone breaks a built site and rebuilds: the
// previous output must be untouched and nothing left beside it.
func TestFailedBuildLeavesOutputAlone(t *testing.T) {
	site := copySite(t, testSite)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10"); code != 0 {
		t.Fatal(stderr)
	}
	before := tree(t, out)
	if err := os.WriteFile(filepath.Join(site, "content/privacy/en.md"), []byte("+++\ntitle = \n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	sameTree(t, before, tree(t, out), "output before and after a failed build")
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestStaleFilesDoNotSurvive deletes a policy and rebuilds into the same
// folder: its pages must be gone.
func TestStaleFilesDoNotSurvive(t *testing.T) {
	site := copySite(t, testSite)
	out := filepath.Join(t.TempDir(), "public")
	run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if err := os.RemoveAll(filepath.Join(site, "content/cookies")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "en/cookies")); err == nil {
		t.Errorf("pages of a deleted policy survived the rebuild")
	}
}

// TestLayoutsAndStaticOverride replaces a built-in layout and checks it is used.
func TestLayoutsAndStaticOverride(t *testing.T) {
	site := copySite(t, testSite)
	css := []byte("body { color: rebeccapurple }\n")
	if err := os.MkdirAll(filepath.Join(site, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "layouts/style.css"), css, 0o644)
	os.WriteFile(filepath.Join(site, "layouts/partials.html"), bytes.Replace(mustReadFile(t, "../render/layouts/partials.html"),
		[]byte(`<p>{{.T "site.footer" "title" .Site.Title}}</p>`), []byte(`<p class="custom-footer">Custom footer</p>`), 1), 0o644)
	out := buildSite(t, site, "2024-04-10")
	if got := mustRead(t, out, "style.css"); !bytes.Equal(got, css) {
		t.Errorf("layouts/style.css did not replace the built-in stylesheet")
	}
	if len(readPage(t, out, "/en/privacy/").all("p", "custom-footer")) != 1 {
		t.Errorf("layouts/partials.html did not replace the built-in partials")
	}
}

func mustReadFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBrokenLayoutNamesItsFile gives the site a layout that parses but
// asks a page for something it does not have: the error names the layout
// file, line and column and the page, and nothing is written.
func TestBrokenLayoutNamesItsFile(t *testing.T) {
	site := copySite(t, testSite)
	os.MkdirAll(filepath.Join(site, "layouts"), 0o755)
	os.WriteFile(filepath.Join(site, "layouts/index.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 1 || !strings.Contains(stderr, "layouts/index.html:1:20:") || !strings.Contains(stderr, "(rendering /en/)") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed render wrote %s", out)
	}
	if code, _, stderr := run(t, "build", "-s", filepath.Join(site, "missing")); code != 2 || !strings.Contains(stderr, "is not a folder") || !strings.Contains(stderr, "-s SITE") {
		t.Errorf("missing site folder: exit %d, want 2:\n%s", code, stderr)
	}
}
