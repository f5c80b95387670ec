package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/policygen/gen/generator/internal/testsite"
)

// underPath is where the example site is published in these tests: a
// GitHub Pages project site.
const underPath = "https://lumenledger.github.io/policies/"

// TestEveryLinkUnderAPath builds the example site for a base_url with a
// path and follows every address in every page, embed, feed, sitemap and
// JSON file as a visitor's browser or a reader would: each must lead to a
// file of the output once the path is taken off, and none may leave the
// path for the root of the host, where the site is not.
func TestEveryLinkUnderAPath(t *testing.T) {
	site := testsite.Example(t, "../..", underPath)
	out := buildSite(t, site, "2026-11-23", "--drafts")
	base, _ := url.Parse(underPath)
	files := tree(t, out)
	checked := 0
	check := func(file, ref string) {
		t.Helper()
		ref = strings.TrimSpace(ref)
		if ref == "" || strings.HasPrefix(ref, "#") {
			return
		}
		u, err := url.Parse(strings.TrimPrefix(ref, folderMark))
		if err != nil {
			t.Errorf("%s: %q is no address: %v", file, ref, err)
			return
		}
		page := base.ResolveReference(&url.URL{Path: pageOf(file)})
		target := page.ResolveReference(u)
		if target.Scheme != "http" && target.Scheme != "https" || target.Host != base.Host {
			return // another site, an e-mail address
		}
		checked++
		if target.Path+"/" == base.Path {
			target.Path = base.Path // policies.json's base_url, which has no final slash
		}
		rest, ok := strings.CutPrefix(target.Path, base.Path)
		if !ok {
			t.Errorf("%s: %q leads to %s, outside the site's path %s", file, ref, target.Path, base.Path)
			return
		}
		if folder, ok := strings.CutPrefix(ref, folderMark); ok {
			// The picker's folder of comparisons, which its script
			// completes: some file must be in it.
			for f := range files {
				if strings.HasPrefix(f, strings.TrimPrefix(folder, base.Path)) {
					return
				}
			}
			t.Errorf("%s: the folder %s has no file", file, folder)
			return
		}
		if rest == "" || strings.HasSuffix(rest, "/") {
			rest += "index.html"
		}
		if _, ok := files[rest]; !ok {
			t.Errorf("%s: %q leads to %s, which the output does not have", file, ref, target.Path)
		}
	}
	for name, b := range files {
		switch {
		case strings.HasSuffix(name, ".html"):
			for _, ref := range htmlRefs(t, name, b) {
				check(name, ref)
			}
		case strings.HasSuffix(name, ".xml"):
			for _, ref := range xmlRefs(t, name, b) {
				check(name, ref)
			}
		case strings.HasSuffix(name, ".json"):
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, ref := range jsonRefs(v, base) {
				check(name, ref)
			}
			if name == "manifest.json" {
				continue
			}
			// The embed's body is HTML too, with its own links.
			if m, ok := v.(map[string]any); ok {
				if body, ok := m["body_html"].(string); ok {
					for _, ref := range htmlRefs(t, name, []byte(body)) {
						check(name, ref)
					}
				}
			}
		}
	}
	// The example links its policies to each other from the site's root
	// (/en/cookies/): those must have reached the output with the path.
	if !bytes.Contains(files["en/privacy/index.html"], []byte(`href="/policies/en/cookies/"`)) {
		t.Errorf("the privacy policy's link to the cookie policy does not carry the site's path")
	}
	if checked < 2000 {
		t.Errorf("only %d addresses checked; the checker does not see the site", checked)
	}
}

// folderMark marks an address that is a folder to be completed, not a page.
const folderMark = "folder:"

// pageOf is the address of the page a file of the output is, relative to
// the site: a folder's index.html is the folder.
func pageOf(file string) string {
	if dir, ok := strings.CutSuffix(file, "index.html"); ok {
		return dir
	}
	return file
}

// htmlRefs lists every address an HTML file names: in href, src and
// action, a meta refresh, and the history picker's comparison pairs.
func htmlRefs(t *testing.T, name string, b []byte) []string {
	t.Helper()
	var refs []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("%s: %v", name, z.Err())
			}
			return refs
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			switch a.Key {
			case "href", "src":
				refs = append(refs, a.Val)
			case "action", "data-base":
				refs = append(refs, folderMark+a.Val)
			case "content":
				if _, target, ok := strings.Cut(a.Val, "url="); ok {
					refs = append(refs, target)
				}
			case "data-pairs":
				for _, pair := range strings.Fields(a.Val) {
					_, target, _ := strings.Cut(pair, "=")
					refs = append(refs, target)
				}
			}
		}
	}
}

// xmlRefs lists every address a feed or the sitemap names: href
// attributes, <loc> and <uri>.
func xmlRefs(t *testing.T, name string, b []byte) []string {
	t.Helper()
	var refs []string
	d := xml.NewDecoder(bytes.NewReader(b))
	var in string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return refs
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					refs = append(refs, a.Value)
				}
			}
		case xml.CharData:
			if in == "loc" || in == "uri" {
				refs = append(refs, string(tok))
			}
		case xml.EndElement:
			in = ""
		}
	}
}

// jsonRefs lists every string of a JSON value that is an address on the
// site's host, or a path from the site's root (the manifest's).
func jsonRefs(v any, base *url.URL) []string {
	var refs []string
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if k == "body_html" {
				continue
			}
			refs = append(refs, jsonRefs(e, base)...)
		}
	case []any:
		for _, e := range v {
			refs = append(refs, jsonRefs(e, base)...)
		}
	case string:
		switch {
		case strings.HasPrefix(v, base.Scheme+"://"+base.Host):
			refs = append(refs, v)
		case strings.HasPrefix(v, "/") && path.Ext(v) != "" || strings.HasSuffix(v, "/") && strings.HasPrefix(v, "/"):
			// The manifest names files and pages by their paths from the
			// site's root, as gen verify reads them from a copy.
			refs = append(refs, strings.TrimPrefix(v, "/"))
		}
	}
	return refs
}

// TestUnderAPathTheOutputStaysWhereItIs: the path is in the addresses, not
// in the output folder, which a host serves at that path.
func TestUnderAPathTheOutputStaysWhereItIs(t *testing.T) {
	site := testsite.Example(t, "../..", underPath)
	out := buildSite(t, site, "2026-11-23")
	for _, f := range []string{"index.html", "en/privacy/index.html", "404.html", "policies.json"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "policies", "en")); err == nil {
		t.Errorf("the output has a folder for the site's path")
	}
}
