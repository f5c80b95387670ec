package cli_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHeadingIDsAgreeAcrossPages builds a site whose headings meet every
// rule of heading ids (an apostrophe and letters to transliterate, a
// heading named like an id of the layouts, the same heading twice, one
// inside a quote, an {#id}, one named like the text before the first
// heading) and checks that each heading has the same id on its version's
// page, that version's changes page and its comparison pages, so a link to
// a section finds it on each; and that no page gives an id twice.
func TestHeadingIDsAgreeAcrossPages(t *testing.T) {
	out := buildSite(t, "testdata/ids-site", "2024-06-10")
	versions := []string{"2024-01-01", "2024-03-01", "2024-06-01"}
	headings := map[string][][2]string{} // version → its top-level headings' ids and texts
	for _, v := range versions {
		p := readPage(t, out, "/en/privacy/"+v+"/")
		p.uniqueIDs()
		body := p.all("div", "body")[0]
		for c := body.FirstChild; c != nil; c = c.NextSibling {
			if isHeading(c) {
				headings[v] = append(headings[v], [2]string{attr(c, "id"), text(c)})
			}
		}
	}
	if len(headings["2024-06-01"]) < 9 {
		t.Fatalf("only %d headings found on the newest version's page", len(headings["2024-06-01"]))
	}
	redlines := map[string][2]string{
		"/en/privacy/2024-03-01/changes/":             {"2024-01-01", "2024-03-01"},
		"/en/privacy/2024-06-01/changes/":             {"2024-03-01", "2024-06-01"},
		"/en/privacy/compare/2024-01-01..2024-03-01/": {"2024-01-01", "2024-03-01"},
		"/en/privacy/compare/2024-01-01..2024-06-01/": {"2024-01-01", "2024-06-01"},
		"/en/privacy/compare/2024-03-01..2024-06-01/": {"2024-03-01", "2024-06-01"},
	}
	for path, pair := range redlines {
		p := readPage(t, out, path)
		p.uniqueIDs()
		sections := map[string]string{} // id → the heading's text on the new side
		for _, s := range p.all("section", "redline-section") {
			if h := firstHeading(s); h != nil {
				sections[attr(s, "id")] = newSide(h)
			}
		}
		for _, h := range headings[pair[1]] {
			got, ok := sections[h[0]]
			switch {
			case !ok:
				t.Errorf("%s: no section with id %q, the id of %q on the page of %s", path, h[0], h[1], pair[1])
			case got != h[1]:
				t.Errorf("%s: the section with id %q is %q; on the page of %s that id is %q", path, h[0], got, pair[1], h[1])
			}
		}
	}
}

// uniqueIDs fails the test for every id the page gives more than once.
func (p *page) uniqueIDs() {
	p.t.Helper()
	seen := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if id := attr(n, "id"); n.Type == html.ElementNode && id != "" {
			if seen[id] {
				p.t.Errorf("%s: id %q is given twice", p.path, id)
			}
			seen[id] = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
}

func isHeading(n *html.Node) bool {
	return n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
}

// firstHeading is the first h1–h6 element inside n, or nil.
func firstHeading(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isHeading(c) {
			return c
		}
		if h := firstHeading(c); h != nil {
			return h
		}
	}
	return nil
}

// newSide is the text of a redline's element as the newer version reads:
// without what it deleted and without the words that announce changes to
// screen readers.
func newSide(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "del" || hasClass(n, "visually-hidden")) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
