package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// In the test site English prevails. Its privacy policy has the versions
// 2023-01-01, 2024-03-01 (in force from 2024-04-01) and 2024-04-05 (in force
// from 2024-06-01); the Swedish translation says which one it translates.

// TestTranslationNoticeNamesWhatPrevails builds the site with the Swedish
// translation at different stages and follows its notice the way a reader
// does: a notice may say a version prevails only when it is in force, and
// the page it links must be the version it names.
func TestTranslationNoticeNamesWhatPrevails(t *testing.T) {
	for _, tc := range []struct {
		name       string
		translates string // the Swedish file's translates
		now        string
		// prevails is the date the notice says prevails ("" for no such
		// notice); upcoming the effective date it announces instead.
		prevails, upcoming string
		link               string
		// What the linked page says of itself.
		linkedLastUpdated, linkedStatus string
	}{
		{name: "lags only a version not yet in force", translates: "2024-03-01", now: "2024-04-10",
			upcoming: "1 juni 2024", link: "/en/privacy/2024-04-05/", linkedLastUpdated: "2024-04-05", linkedStatus: "Upcoming"},
		{name: "lags the version in force", translates: "2023-01-01", now: "2024-04-10",
			prevails: "1 mars 2024", link: "/en/privacy/", linkedLastUpdated: "2024-03-01", linkedStatus: "In force"},
		{name: "the newer version has taken effect", translates: "2024-03-01", now: "2024-06-01",
			prevails: "5 april 2024", link: "/en/privacy/", linkedLastUpdated: "2024-04-05", linkedStatus: "In force"},
		{name: "caught up", translates: "2024-04-05", now: "2024-04-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			rewrite(t, site, "content/privacy/sv.md", "translates = 2023-01-01", "translates = "+tc.translates)
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", tc.now)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			sv := readPage(t, out, "/sv/privacy/")
			prevails, upcoming := sv.notice("behind"), sv.notice("behind-upcoming")

			if tc.prevails == "" && prevails != "" {
				t.Errorf("the notice says a version prevails: %q", prevails)
			}
			if tc.prevails != "" && (!strings.Contains(prevails, "Versionen från den "+tc.prevails+" (engelska) har företräde") || !sv.hasLink("engelska", tc.link)) {
				t.Errorf("notice = %q with links %v; want the version of %s prevailing, linked at %s", prevails, sv.links("engelska"), tc.prevails, tc.link)
			}
			if tc.upcoming == "" && upcoming != "" {
				t.Errorf("notice of an upcoming version: %q", upcoming)
			}
			if tc.upcoming != "" {
				if !strings.Contains(upcoming, "träder i kraft den "+tc.upcoming) || !sv.hasLink("engelska", tc.link) {
					t.Errorf("notice = %q with links %v; want the version taking effect on %s, linked at %s", upcoming, sv.links("engelska"), tc.upcoming, tc.link)
				}
				if strings.Contains(sv.mainText(), "företräde") {
					t.Errorf("the page says something prevails:\n%s", sv.mainText())
				}
			}

			if tc.link != "" {
				linked := readPage(t, out, tc.link)
				if got, _ := linked.versionDates(); got != tc.linkedLastUpdated {
					t.Errorf("the notice links %s, which shows the version of %s, want %s", tc.link, got, tc.linkedLastUpdated)
				}
				if got := text(linked.all("span", "status")[0]); got != tc.linkedStatus {
					t.Errorf("the linked version is %q, want %q", got, tc.linkedStatus)
				}
			}
			if tc.prevails == "1 mars 2024" {
				// One notice: the prevailing page itself announces what
				// comes next.
				if upcoming != "" || !strings.Contains(readPage(t, out, "/en/privacy/").notice("upcoming"), "June 1, 2024") {
					t.Errorf("translation notices %q; the English page must announce the next version", upcoming)
				}
			}

			// The build warning names the newest version either way, at the
			// file's translates.
			warned := strings.Contains(stderr, "content/privacy/sv.md:4:1: warning: translation lags behind: it translates "+tc.translates+" but content/privacy/en.md has a version of 2024-04-05")
			if warned != (tc.prevails != "" || tc.upcoming != "") {
				t.Errorf("warning given: %v\n%s", warned, stderr)
			}
		})
	}
}

// TestTranslatesOfADraft: a translation of a draft is fine while both are
// drafts, and in the preview (--drafts) it builds with a warning that the
// published build will refuse it (which TestBadInputIsReportedAndNothingWritten
// checks, with the other bad values of translates).
func TestTranslatesOfADraft(t *testing.T) {
	const svTerms = "+++\ntitle = \"Användarvillkor\"\nlast_updated = 2024-04-09\ntranslates = 2024-04-08\n+++\nVar snäll.\n"
	site := copySite(t, testSite)
	write(t, site, "content/terms/sv.md", svTerms)

	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10", "--drafts")
	if code != 0 {
		t.Fatalf("--drafts: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "content/terms/sv.md:4:1: warning: translates = 2024-04-08 names a draft (content/terms/en.md); `gen build` will refuse this file") {
		t.Errorf("--drafts gives no warning:\n%s", stderr)
	}

	write(t, site, "content/terms/sv.md", strings.Replace(svTerms, "translates", "draft = true\ntranslates", 1))
	out = filepath.Join(t.TempDir(), "public")
	code, _, stderr = run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 0 || strings.Contains(stderr, "terms/sv.md") {
		t.Errorf("both drafts: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "sv", "terms")); err == nil {
		t.Errorf("the Swedish draft was published")
	}
}

// TestTranslatesWithoutAuthoritativeLanguage: with no language prevailing
// there is nothing to check translates against and no notice to show; the
// build says so once instead of passing over it in silence.
func TestTranslatesWithoutAuthoritativeLanguage(t *testing.T) {
	site := copySite(t, testSite)
	rewrite(t, site, "site.toml", "authoritative_language = \"en\"\n", "")
	// An archived translation too, which sorts first but cannot be changed:
	// the warning points at the current file.
	write(t, site, "content/privacy/archive/2022-06-01/sv.md", "+++\ntitle = \"Integritetspolicy\"\nlast_updated = 2022-06-01\ntranslates = 2022-06-01\n+++\nx\n")
	rewrite(t, site, "content/privacy/sv.md", "[[processors]]", "[change]\nsummary = \"Ny text.\"\n\n[[processors]]")
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := "content/privacy/sv.md:4:1: warning: site.toml sets no authoritative_language, so translates (here and in 1 other file) is not checked and no translation notice is shown; set authoritative_language"
	if strings.Count(stderr, "sets no authoritative_language") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("want one warning %q:\n%s", want, stderr)
	}
	sv := readPage(t, out, "/sv/privacy/")
	if n := sv.notice("behind") + sv.notice("behind-upcoming"); n != "" {
		t.Errorf("translation notice without an authoritative language: %q", n)
	}
}

// rewrite replaces old with new, once, in a file of site.
func rewrite(t *testing.T, site, rel, old, new string) {
	t.Helper()
	file := filepath.Join(site, filepath.FromSlash(rel))
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	write(t, site, rel, strings.Replace(string(b), old, new, 1))
}

// write creates or replaces a file of site.
func write(t *testing.T, site, rel, content string) {
	t.Helper()
	file := filepath.Join(site, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// versionDates returns what a version page says of itself: its last_updated
// and effective dates, as machine-readable dates.
func (p *page) versionDates() (lastUpdated, effective string) {
	var ts []string
	for _, dl := range p.all("dl", "dates") {
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Data == "time" {
				ts = append(ts, attr(n, "datetime"))
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(dl)
	}
	if len(ts) < 2 {
		p.t.Fatalf("%s: no last updated and effective dates", p.path)
	}
	return ts[0], ts[1]
}

// TestTranslatesInArchivedFilesWarns: an archived file may never be edited
// (gen check --base refuses it), so a translates there that names nothing,
// or that sits in the authoritative language, is a warning at the key: an
// error could not be fixed, and a site upgrading gen would stop building.
func TestTranslatesInArchivedFilesWarns(t *testing.T) {
	site := copySite(t, testSite)
	write(t, site, "content/privacy/archive/2022-06-01/sv.md", "+++\ntitle = \"Integritetspolicy\"\nlast_updated = 2022-06-01\ntranslates = 2022-05-31\n+++\nx\n")
	rewrite(t, site, "content/privacy/archive/2024-03-01/en.md", "last_updated = 2024-03-01\n", "last_updated = 2024-03-01\ntranslates = 2024-03-01\n")
	rewrite(t, site, "content/privacy/sv.md", "[[processors]]", "[change]\nsummary = \"Ny text.\"\n\n[[processors]]")
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	for _, want := range []string{
		"content/privacy/archive/2022-06-01/sv.md:4:1: warning: translates = 2022-05-31, but privacy has no version in en",
		"content/privacy/archive/2024-03-01/en.md:4:1: warning: translates is only for translations",
		"this archived file may not be edited",
	} {
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, want 0 and %q:\n%s", code, want, stderr)
		}
	}
	if strings.Contains(stderr, "remove translates") {
		t.Errorf("the warning asks for an edit the archive forbids:\n%s", stderr)
	}
}

// TestLanguageIndexNamesItsLanguage: the index says which language its
// policies are in as that language writes it ("på svenska", "in English"),
// not with the site's capitalised name mid-sentence.
func TestLanguageIndexNamesItsLanguage(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	for url, want := range map[string]string{"/sv/": "Policyer för Acme på svenska.", "/en/": "The policies of Acme in English."} {
		if got := readPage(t, out, url).mainText(); !strings.Contains(got, want) {
			t.Errorf("%s reads %q, want %q", url, got, want)
		}
	}
}

// TestLanguageIndexPointsToPoliciesInOtherLanguages: the test site has no
// Swedish cookie policy. The Swedish index must not leave a reader
// believing there is none: it names it, in its own language, and links it
// where it is published.
func TestLanguageIndexPointsToPoliciesInOtherLanguages(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	sv := readPage(t, out, "/sv/")
	lists := sv.all("ul", "elsewhere")
	if len(lists) != 1 || !strings.Contains(text(lists[0]), "Cookie policy") || !sv.hasLink("English", "/en/cookies/") {
		t.Fatalf("the Swedish index does not point to the English cookie policy:\n%s", sv.mainText())
	}
	for _, span := range sv.all("span", "") {
		if text(span) == "Cookie policy" && attr(span, "lang") != "en" {
			t.Errorf("the English title is not marked lang=en")
		}
	}
	if en := readPage(t, out, "/en/"); len(en.all("ul", "elsewhere")) != 0 {
		t.Errorf("the English index, which has every policy, lists some as elsewhere")
	}
}
