package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// noticesOf returns the notice regions of a page's main and, in order, the
// classes of the notices in each.
func noticesOf(p *page) [][]string {
	var regions [][]string
	for _, s := range p.all("section", "notices") {
		var kinds []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && hasClass(n, "notice") {
				kinds = append(kinds, attr(n, "class"))
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(s)
		regions = append(regions, kinds)
	}
	return regions
}

// TestNoticesInOneRegionOwnFirst: every notice of a page is in one region,
// named for a screen reader's landmarks; the page's own notices come
// before the language's site-wide ones, which are marked as such. On
// 2024-04-10 the test site's privacy policy (en) changed materially, so the
// other English pages carry the site-wide notice; its archived version
// carries its own archived notice first.
func TestNoticesInOneRegionOwnFirst(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	for _, tc := range []struct {
		path string
		want []string // the first class that names each notice's kind
	}{
		{"/en/privacy/", []string{"notice-change", "notice-upcoming"}},
		{"/en/privacy/2023-01-01/", []string{"notice-archived"}},
		{"/en/terms/", []string{"notice-sitewide"}},
		{"/en/", []string{"notice-sitewide"}},
		{"/en/terms/history/", []string{"notice-sitewide"}},
	} {
		pg := readPage(t, out, tc.path)
		regions := noticesOf(pg)
		if len(regions) != 1 {
			t.Errorf("%s: %d notice regions, want one", tc.path, len(regions))
			continue
		}
		if sections := pg.all("section", "notices"); attr(sections[0], "aria-label") == "" {
			t.Errorf("%s: the notice region has no name", tc.path)
		}
		var got []string
		for _, class := range regions[0] {
			kind := ""
			for _, c := range strings.Fields(class) {
				if c == "notice-sitewide" {
					kind = c // a site-wide notice is named so whatever its other classes
				}
				if kind == "" && c != "notice" {
					kind = c
				}
			}
			got = append(got, kind)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: notices %q, want %q", tc.path, got, tc.want)
		}
	}
	// The archived page says so in the few words kept at the top of the
	// window while the reader scrolls.
	archived := readPage(t, out, "/en/privacy/2023-01-01/")
	bar := attr(archived.all("article", "policy")[0], "data-archived")
	if bar != "Archived version, in force January 1, 2023 – March 31, 2024" {
		t.Errorf("the archived page's sticky line is %q", bar)
	}
}

// TestNoInForceBadgeWhereAnotherTextPrevails: a translation whose notice
// says the English text prevails does not also call itself "in force";
// the English page, which prevails, does.
func TestNoInForceBadgeWhereAnotherTextPrevails(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	sv := readPage(t, out, "/sv/privacy/")
	if sv.notice("behind") == "" {
		t.Fatal("the Swedish privacy policy has no translation notice; the test proves nothing")
	}
	if badges := sv.all("span", "status"); len(badges) > 0 {
		t.Errorf("beside the notice that English prevails, the Swedish page says %q", text(badges[0]))
	}
	en := readPage(t, out, "/en/privacy/")
	if badges := en.all("span", "status"); len(badges) != 1 || text(badges[0]) != "In force" {
		t.Errorf("the English page's status: %d badges", len(badges))
	}
}

// TestComparisonsReadLikeMarkup: a compare/ page is titled as the
// comparison of the two versions it names and says how many lie between;
// every comparison explains its marks, gives its two versions as plain
// labelled text (no struck-through or underlined date), and leads from
// each changed section to the next and back, to the last.
func TestComparisonsReadLikeMarkup(t *testing.T) {
	out := buildSite(t, testSite, "2024-06-10")
	for _, tc := range []struct {
		path, title, skipped string
	}{
		{"/en/privacy/compare/2023-01-01..2024-04-05/", "Privacy policy: the version of January 1, 2023 compared with the version of April 5, 2024", "One version lies between them"},
		{"/en/privacy/2024-03-01/changes/", "Changes to Privacy policy", ""},
	} {
		pg := readPage(t, out, tc.path)
		if h1 := text(pg.all("h1", "")[0]); h1 != tc.title {
			t.Errorf("%s: h1 %q, want %q", tc.path, h1, tc.title)
		}
		if got := pg.all("title", ""); len(got) != 1 || !strings.HasPrefix(text(got[0]), tc.title+" · ") {
			t.Errorf("%s: the title does not name the comparison", tc.path)
		}
		skipped := ""
		if s := pg.all("p", "skipped"); len(s) > 0 {
			skipped = text(s[0])
		}
		if !strings.HasPrefix(skipped, tc.skipped) || (tc.skipped == "") != (skipped == "") {
			t.Errorf("%s: says %q of the versions between, want %q", tc.path, skipped, tc.skipped)
		}
		legend := pg.all("p", "legend")
		if len(legend) != 1 || !strings.Contains(text(legend[0]), "underlined text was added") || !strings.Contains(text(legend[0]), "struck-through text was removed") {
			t.Errorf("%s: no legend of the marks", tc.path)
		}
		pair := pg.all("dl", "version-pair")
		if len(pair) != 1 || len(pg.all("dt", "")) < 2 {
			t.Fatalf("%s: the two versions are not labelled", tc.path)
		}
		for n := pair[0].FirstChild; n != nil; n = n.NextSibling {
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode && (n.Data == "del" || n.Data == "ins") {
					t.Errorf("%s: a version's date is marked as a %s", tc.path, n.Data)
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(n)
		}

		// Follow "Next change" from the first changed section to the
		// last, and "Previous change" back.
		changed := pg.all("section", "changed")
		if len(changed) < 2 {
			t.Fatalf("%s: %d changed sections; the test needs two", tc.path, len(changed))
		}
		byID := map[string]*html.Node{}
		for _, s := range changed {
			byID[attr(s, "id")] = s
		}
		step := func(s *html.Node, label string) string {
			for _, a := range (&page{root: s}).all("a", "") {
				if text(a) == label && a.Parent != nil && hasClass(a.Parent, "change-nav") {
					return strings.TrimPrefix(attr(a, "href"), "#")
				}
			}
			return ""
		}
		var visited []string
		for id := attr(changed[0], "id"); id != ""; id = step(byID[id], "Next change") {
			if byID[id] == nil {
				t.Fatalf("%s: Next change leads to #%s, which is no changed section", tc.path, id)
			}
			visited = append(visited, id)
		}
		if len(visited) != len(changed) {
			t.Errorf("%s: Next change visits %v of %d changed sections", tc.path, visited, len(changed))
		}
		last := visited[len(visited)-1]
		if back := step(byID[last], "Previous change"); back != visited[len(visited)-2] {
			t.Errorf("%s: Previous change from #%s leads to #%s", tc.path, last, back)
		}
	}
}

// indexOrder is the titles of the policies on a language's index, in order,
// each with its marks.
func indexOrder(pg *page) []string {
	var out []string
	for li := pg.all("ul", "policies")[0].FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		entry := text((&page{root: li}).all("h2", "")[0])
		for _, m := range (&page{root: li}).all("span", "mark") {
			entry += " [" + text(m) + "]"
		}
		out = append(out, entry)
	}
	return out
}

// TestIndexOrderAndMarks: a language's index lists the policies site.toml's
// order names first, in its order, then the rest by title as the language
// sorts them, and marks a policy updated while its change notice shows and
// one with a version to come. A name in order that is no policy is a
// warning; one that cannot be a policy's folder is an error at its place.
func TestIndexOrderAndMarks(t *testing.T) {
	site := copySite(t, testSite)
	rewrite(t, site, "site.toml", "timezone = \"Europe/Stockholm\"\n", "timezone = \"Europe/Stockholm\"\norder = [\"terms\", \"gone\"]\n")
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, `site.toml: warning: order names "gone", which is no policy`) {
		t.Errorf("no warning of the policy order names that does not exist:\n%s", stderr)
	}
	got := strings.Join(indexOrder(readPage(t, out, "/en/")), " | ")
	want := "Terms of service | Cookie policy | Privacy policy [Updated on April 1, 2024] [Changes on June 1, 2024]"
	if got != want {
		t.Errorf("the English index lists\n %s\nwant\n %s", got, want)
	}
	// Without an order, by title, not by folder.
	retitled := copySite(t, testSite)
	for _, f := range []string{"content/terms/en.md", "content/terms/archive/2023-06-01/en.md"} {
		rewrite(t, retitled, f, `title = "Terms of service"`, `title = "Acceptable use terms"`)
	}
	plain := buildSite(t, retitled, "2024-04-10")
	if got := strings.Join(indexOrder(readPage(t, plain, "/en/")), " | "); !strings.HasPrefix(got, "Acceptable use terms | Cookie policy | Privacy policy") {
		t.Errorf("without an order the English index lists %s", got)
	}

	bad := copySite(t, testSite)
	rewrite(t, bad, "site.toml", "timezone = \"Europe/Stockholm\"\n", "timezone = \"Europe/Stockholm\"\norder = [\"privacy\", \"Privacy Policy\"]\n")
	code, _, stderr = run(t, "build", "-s", bad, "-o", filepath.Join(t.TempDir(), "public"), "--now", "2024-04-10")
	if code != 1 || !strings.Contains(stderr, `site.toml:7:21: order names "Privacy Policy", which is not a policy's folder name`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
