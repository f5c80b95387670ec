package urls_test

import (
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/urls"
)

func scheme(t *testing.T, base string) urls.Scheme {
	t.Helper()
	s, err := urls.New(base)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestScheme spells the SPEC's addresses out, rather than building them
// from each other, so a change to the scheme shows here: at the root of a
// host, and under a path, where every address carries it.
func TestScheme(t *testing.T) {
	d := date.Date{Year: 2024, Month: 3, Day: 1}
	e := date.Date{Year: 2025, Month: 9, Day: 15}
	for _, c := range []struct{ base, path string }{
		{"https://acme.example", ""},
		{"https://acme.example/", ""},
		{"https://Acme.github.io/policies/", "/policies"},
		{"https://acme.github.io/legal/policies", "/legal/policies"},
	} {
		s := scheme(t, c.base)
		p := c.path
		for _, c := range [][2]string{
			{s.Root(), p + "/"},
			{s.Language("pt-br"), p + "/pt-br/"},
			{s.PolicyRedirect("privacy"), p + "/privacy/"},
			{s.Policy("sv", "privacy"), p + "/sv/privacy/"},
			{s.Version("sv", "privacy", d), p + "/sv/privacy/2024-03-01/"},
			{s.Changes("sv", "privacy", d), p + "/sv/privacy/2024-03-01/changes/"},
			{s.Compare("sv", "privacy", d, e), p + "/sv/privacy/compare/2024-03-01..2025-09-15/"},
			{s.CompareFolder("sv", "privacy"), p + "/sv/privacy/compare/"},
			{s.History("sv", "privacy"), p + "/sv/privacy/history/"},
			{s.Source("sv", "privacy", d), p + "/sv/privacy/2024-03-01/source.md"},
			{s.PDF("sv", "privacy", d), p + "/sv/privacy/2024-03-01/privacy-sv-2024-03-01.pdf"},
			{s.Embed("sv", "privacy"), p + "/sv/privacy/embed.html"},
			{s.VersionEmbed("sv", "privacy", d), p + "/sv/privacy/2024-03-01/embed.html"},
			{s.Current("sv", "privacy"), p + "/sv/privacy/current.json"},
			{s.Versions("sv", "privacy"), p + "/sv/privacy/versions.json"},
			{s.PolicyFeed("sv", "privacy"), p + "/sv/privacy/feed.xml"},
			{s.TimeMap("sv", "privacy"), p + "/sv/privacy/timemap.link"},
			{s.LanguageFeed("sv"), p + "/sv/feed.xml"},
			{s.ProcessorsFeed("sv"), p + "/sv/processors.xml"},
			{s.Calendar("sv"), p + "/sv/changes.ics"},
			{s.Register("sv"), p + "/sv/processors/"},
			{s.RegisterCSV("sv"), p + "/sv/processors.csv"},
			{s.RegisterJSON("sv"), p + "/sv/processors.json"},
			{s.Anywhere(urls.CalendarFile), p + "/*/changes.ics"},
			{s.Index(), p + "/policies.json"},
			{s.Sitemap(), p + "/sitemap.xml"},
			{s.NotFound(), p + "/404.html"},
			{s.Host("_headers"), p + "/_headers"},
			{s.Stylesheet(), p + "/style.css"},
			{s.Script(), p + "/compare.js"},
			{s.Everything(), p + "/*"},
			{s.Anywhere("source.md"), p + "/*/source.md"},
			{s.Absolute(s.Policy("sv", "privacy")), "https://acme." + map[bool]string{true: "example", false: "github.io"}[p == ""] + p + "/sv/privacy/"},
			{s.Base(), "https://acme." + map[bool]string{true: "example", false: "github.io"}[p == ""] + p},
			{s.Link("/en/cookies/#x"), p + "/en/cookies/#x"},
			{s.Link("../cookies/"), "../cookies/"},
			{s.Link("//cdn.example/x"), "//cdn.example/x"},
			{s.Link("https://example.com/"), "https://example.com/"},
			{s.File(p + "/sv/privacy/"), "/sv/privacy/index.html"},
			{s.File(p + "/sv/feed.xml"), "/sv/feed.xml"},
			{s.Page("/sv/privacy/index.html"), p + "/sv/privacy/"},
		} {
			if c[0] != c[1] {
				t.Errorf("%s: got %q, want %q", s.Base(), c[0], c[1])
			}
		}
	}
}

// TestOutsideThePath: an address that is not under the site's path names
// no file of it, even one that starts with the same letters.
func TestOutsideThePath(t *testing.T) {
	s := scheme(t, "https://acme.github.io/policies/")
	for _, addr := range []string{"/", "/en/privacy/", "/policiesx/en/", "/policies"} {
		if f := s.File(addr); f != "" {
			t.Errorf("File(%q) = %q, want none", addr, f)
		}
	}
	if got, ok := s.Local("/policies/"); !ok || got != "/" {
		t.Errorf("Local(/policies/) = %q, %v", got, ok)
	}
}

// TestBaseURLs: what New refuses, and why.
func TestBaseURLs(t *testing.T) {
	for _, bad := range []string{
		"policies.example.com", "ftp://example.com/", "https://", "https://example.com/?lang=en",
		"https://example.com/#top", "https://example.com/a b/", "https://example.com/%C3%A9/",
		"https://example.com/a/../b/", "https://user@example.com/",
	} {
		if _, err := urls.New(bad); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}

// TestCollides: a policy named after a language, or processors, would be
// published where that language's index or register is.
func TestCollides(t *testing.T) {
	langs := []string{"en", "sv"}
	for slug, collides := range map[string]bool{"processors": true, "sv": true, "subprocessors": false, "privacy": false} {
		if got := urls.Collides(slug, langs) != ""; got != collides {
			t.Errorf("Collides(%q) = %v, want %v", slug, got, collides)
		}
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
		{urls.Scheme{}.Policy("en", "privacy"), "/en/privacy/"},
		{urls.Manifest(), "/manifest.json"},
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
