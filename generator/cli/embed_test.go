package cli_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/policygen/gen/generator/internal/testsite"
)

// TestEmbedsAreBareHTML reads every embed of the example site, published
// under a path, as the site that includes it would: an HTML fragment with
// no script, no style, no class or style attribute needing our stylesheet,
// and no link that would resolve against the including site.
func TestEmbedsAreBareHTML(t *testing.T) {
	site := testsite.Example(t, "../..", underPath)
	out := buildSite(t, site, "2026-11-23", "--drafts")
	n := 0
	for name, b := range tree(t, out) {
		if !strings.HasSuffix(name, "/embed.html") {
			continue
		}
		n++
		nodes, err := html.ParseFragment(bytes.NewReader(b), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var elements []*html.Node
		for _, n := range nodes {
			if n.Type == html.ElementNode {
				elements = append(elements, n)
			}
		}
		if len(elements) != 1 || elements[0].DataAtom != atom.Article || attr(elements[0], "lang") == "" {
			t.Errorf("%s: not one <article lang> but %d elements", name, len(elements))
		}
		for _, root := range nodes {
			checkBare(t, name, root)
		}
	}
	if n < 20 {
		t.Fatalf("only %d embeds", n)
	}
	// A link written from the site's root reaches the site, under its path.
	en := string(mustRead(t, out, "en/privacy/embed.html"))
	if !strings.Contains(en, `href="https://lumenledger.github.io/policies/en/cookies/"`) {
		t.Errorf("the privacy policy's link to the cookie policy is not absolute on the site:\n%.600s", en)
	}
	if !strings.Contains(en, "<table>") || !strings.Contains(en, `<th scope="col">`) {
		t.Errorf("the embed has no processors table")
	}
}

func checkBare(t *testing.T, name string, n *html.Node) {
	t.Helper()
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Link, atom.Iframe, atom.Object:
			t.Errorf("%s: a <%s>", name, n.Data)
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "style" || a.Key == "class" || strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			case a.Key == "href" || a.Key == "src":
				u, err := url.Parse(a.Val)
				// A link within the page stays one: the embed keeps its
				// headings' ids.
				if err != nil || !u.IsAbs() && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("%s: <%s %s=%q> is relative", name, n.Data, a.Key, a.Val)
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		checkBare(t, name, c)
	}
}

// current is current.json as the README documents it, spelled here rather
// than taken from the code, and decoded strictly: a field the README does
// not name fails the test, as does one missing.
type current struct {
	Policy      string  `json:"policy"`
	Language    string  `json:"language"`
	Title       string  `json:"title"`
	LastUpdated string  `json:"last_updated"`
	Effective   string  `json:"effective"`
	Status      string  `json:"status"`
	AsOf        string  `json:"as_of"`
	Draft       *bool   `json:"draft"`
	Permalink   string  `json:"permalink"`
	URL         string  `json:"url"`
	Embed       string  `json:"embed"`
	Change      *change `json:"change"`
	Fingerprint struct {
		ID     string `json:"id"`
		Source string `json:"source_sha256"`
		Text   string `json:"text_sha256"`
	} `json:"fingerprint"`
	BodyHTML string `json:"body_html"`
}

type change struct {
	Summary  string `json:"summary"`
	Kind     string `json:"kind"`
	Material bool   `json:"material"`
}

// TestCurrentJSON decodes every current.json strictly and checks it
// against what the site shows: the version in force, its permalink, its
// fingerprint in versions.json, and the body of its embed.
func TestCurrentJSON(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	for _, file := range []string{"en/privacy/current.json", "sv/privacy/current.json", "en/cookies/current.json", "en/terms/current.json"} {
		raw := mustRead(t, out, file)
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		var c current
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v\n%s", file, err, raw)
		}
		var fields map[string]json.RawMessage
		json.Unmarshal(raw, &fields)
		for _, k := range []string{"policy", "language", "title", "last_updated", "effective", "status", "as_of", "permalink", "url", "embed", "change", "fingerprint", "body_html"} {
			if _, ok := fields[k]; !ok {
				t.Errorf("%s: no %q", file, k)
			}
		}
		if ch := c.Change; ch != nil && (!slices.Contains([]string{"editorial", "minor", "material"}, ch.Kind) || ch.Material != (ch.Kind == "material")) {
			t.Errorf("%s: change of kind %q, material %v", file, ch.Kind, ch.Material)
		}
		dir := strings.TrimSuffix(file, "current.json")
		if c.Status != "in-force" || c.AsOf != "2024-04-10" || c.Draft != nil {
			t.Errorf("%s: status %q as of %q, draft %v", file, c.Status, c.AsOf, c.Draft)
		}
		if c.URL != "https://policies.acme.example/"+dir || c.Permalink != c.URL+c.LastUpdated+"/" || c.Embed != c.URL+"embed.html" {
			t.Errorf("%s: url %s, permalink %s, embed %s", file, c.URL, c.Permalink, c.Embed)
		}
		if c.BodyHTML != string(mustRead(t, out, dir+"embed.html")) {
			t.Errorf("%s: body_html is not what %sembed.html holds", file, dir)
		}
		var versions struct {
			InForce  string `json:"in_force"`
			Versions []struct {
				LastUpdated string `json:"last_updated"`
				Fingerprint struct {
					ID string `json:"id"`
				} `json:"fingerprint"`
			} `json:"versions"`
		}
		if err := json.Unmarshal(mustRead(t, out, dir+"versions.json"), &versions); err != nil {
			t.Fatal(err)
		}
		if c.LastUpdated != versions.InForce {
			t.Errorf("%s: the version of %s, but %s is in force", file, c.LastUpdated, versions.InForce)
		}
		for _, v := range versions.Versions {
			if v.LastUpdated == c.LastUpdated && v.Fingerprint.ID != c.Fingerprint.ID {
				t.Errorf("%s: fingerprint %s, versions.json says %s", file, c.Fingerprint.ID, v.Fingerprint.ID)
			}
		}
		if len(c.Fingerprint.Source) != 64 || !strings.HasPrefix(c.Fingerprint.Source, c.Fingerprint.ID) {
			t.Errorf("%s: fingerprint %+v", file, c.Fingerprint)
		}
	}
	// The privacy policy's version in force changed material things.
	var c current
	json.Unmarshal(mustRead(t, out, "en/privacy/current.json"), &c)
	if c.Change == nil || c.Change.Summary == "" {
		t.Errorf("en/privacy: no change summary: %+v", c.Change)
	}
}
