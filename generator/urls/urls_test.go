package urls_test

import (
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/urls"
)

// TestScheme spells the SPEC's addresses out, rather than building them
// from each other, so a change to the scheme shows here.
func TestScheme(t *testing.T) {
	d := date.Date{Year: 2024, Month: 3, Day: 1}
	e := date.Date{Year: 2025, Month: 9, Day: 15}
	for _, c := range [][2]string{
		{urls.Root(), "/"},
		{urls.Language("pt-br"), "/pt-br/"},
		{urls.PolicyRedirect("privacy"), "/privacy/"},
		{urls.Policy("sv", "privacy"), "/sv/privacy/"},
		{urls.Version("sv", "privacy", d), "/sv/privacy/2024-03-01/"},
		{urls.Changes("sv", "privacy", d), "/sv/privacy/2024-03-01/changes/"},
		{urls.Compare("sv", "privacy", d, e), "/sv/privacy/compare/2024-03-01..2025-09-15/"},
		{urls.CompareFolder("sv", "privacy"), "/sv/privacy/compare/"},
		{urls.History("sv", "privacy"), "/sv/privacy/history/"},
		{urls.Source("sv", "privacy", d), "/sv/privacy/2024-03-01/source.md"},
		{urls.Versions("sv", "privacy"), "/sv/privacy/versions.json"},
		{urls.PolicyFeed("sv", "privacy"), "/sv/privacy/feed.xml"},
		{urls.LanguageFeed("sv"), "/sv/feed.xml"},
		{urls.ProcessorsFeed("sv"), "/sv/processors.xml"},
		{urls.Calendar("sv"), "/sv/changes.ics"},
		{urls.Register("sv"), "/sv/processors/"},
		{urls.RegisterCSV("sv"), "/sv/processors.csv"},
		{urls.RegisterJSON("sv"), "/sv/processors.json"},
		{urls.AllCalendars(), "/*/changes.ics"},
		{urls.AllRegisterCSVs(), "/*/processors.csv"},
		{urls.Index(), "/policies.json"},
		{urls.Sitemap(), "/sitemap.xml"},
		{urls.NotFound(), "/404.html"},
		{urls.Headers(), "/_headers"},
		{urls.Stylesheet(), "/style.css"},
		{urls.Script(), "/compare.js"},
		{urls.AllFiles(), "/*"},
		{urls.AllSources(), "/*/source.md"},
		{urls.Absolute("https://acme.example", "/sv/privacy/"), "https://acme.example/sv/privacy/"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
}

// TestTakenByLanguage: a policy named processors would be published where
// the register is.
func TestTakenByLanguage(t *testing.T) {
	if !urls.TakenByLanguage("processors") || urls.TakenByLanguage("subprocessors") || urls.TakenByLanguage("privacy") {
		t.Error("TakenByLanguage does not name exactly the register's folder")
	}
}

// TestFiles reads addresses as a static host does: a folder is served by
// its index.html, and an address without its slash is redirected to the
// folder.
func TestFiles(t *testing.T) {
	for _, c := range [][2]string{
		{urls.File("/sv/privacy/"), "/sv/privacy/index.html"},
		{urls.File("/"), "/index.html"},
		{urls.File("/sv/feed.xml"), "/sv/feed.xml"},
		{urls.File(urls.Folder("/sv/privacy")), "/sv/privacy/index.html"},
		{urls.Page("/sv/privacy/index.html"), "/sv/privacy/"},
		{urls.Page("/sv/feed.xml"), "/sv/feed.xml"},
		{urls.Page("/logo-index.html"), "/logo-index.html"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
	for _, page := range []string{"/", "/en/", "/en/privacy/2024-03-01/changes/"} {
		if got := urls.Page(urls.File(page)); got != page {
			t.Errorf("Page(File(%q)) = %q", page, got)
		}
	}
}
