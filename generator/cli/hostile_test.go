package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile are strings an attacker (or a careless copy and paste) could put
// into a content file or site.toml.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(2)>`,
	`'><svg onload=alert(3)>`,
	`javascript:alert(4)`,
	`</title><style>body{display:none}</style>`,
	`]]></summary><script>alert(5)</script>`,
	`{{ .Site.Title }}`,
	"\u202eevil\u202c",
}

// TestHostileContentStaysHarmless puts hostile strings in every field a
// site author controls, with unsafe_html = false, and checks that no
// script, event handler, javascript: URL or style reaches any output file,
// and that JSON and feeds stay well formed.
func TestHostileContentStaysHarmless(t *testing.T) {
	for i, h := range hostile {
		site := copySite(t, testSite)
		q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(h)
		cfg := filepath.Join(site, "site.toml")
		b, _ := os.ReadFile(cfg)
		s := strings.Replace(string(b), `title = "Acme"`, `title = "Acme `+q+`"`, 1)
		s = strings.Replace(s, `name = "Svenska"`, `name = "Svenska `+q+`"`, 1)
		os.WriteFile(cfg, []byte(s), 0o644)
		page := `+++
title = "Cookies ` + q + `"
last_updated = 2023-05-01
description = "` + q + `"

[[processors]]
name = "Evil ` + q + `"
location = "` + q + `"
purpose = "` + q + `"
country = "` + q + `"
transfer = "` + q + `"
url = "https://evil.example/?q=` + strings.NewReplacer(`"`, "%22", `\`, "%5C", " ", "%20").Replace(h) + `"
+++
## Heading ` + h + ` {onclick="alert(6)" style="color:red"}

Text ` + h + `

<script>alert(7)</script>

<div onclick="alert(8)">x</div>

[click](javascript:alert(9)) [data](data:text/html,<script>alert(10)</script>) ![img](javascript:alert(11))

<a href="javascript:alert(12)">raw</a>
`
		os.WriteFile(filepath.Join(site, "content/cookies/en.md"), []byte(page), 0o644)
		// A second version so the redline and feeds carry the strings too.
		os.MkdirAll(filepath.Join(site, "content/cookies/archive/2023-05-01"), 0o755)
		os.Rename(filepath.Join(site, "content/cookies/en.md"), filepath.Join(site, "content/cookies/archive/2023-05-01/en.md"))
		next := strings.Replace(page, "last_updated = 2023-05-01", "last_updated = 2023-06-01", 1)
		next = strings.Replace(next, "[[processors]]", "[change]\nsummary = \""+q+"\"\nmaterial = true\n\n[[processors]]", 1)
		next = strings.Replace(next, "Text ", "New text ", 1)
		os.WriteFile(filepath.Join(site, "content/cookies/en.md"), []byte(next), 0o644)

		out := filepath.Join(t.TempDir(), "public")
		code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2023-06-02")
		if code != 0 {
			t.Fatalf("hostile %d: build failed:\n%s", i, stderr)
		}
		if !strings.Contains(stderr, "raw HTML omitted") {
			t.Errorf("hostile %d: raw HTML was not warned about", i)
		}
		checkHarmless(t, h, out)
	}
}

// checkHarmless parses every output file as a browser or feed reader would
// and fails on anything active: script and style elements (but the site's
// own compare.js), event handler and style attributes, and links or sources
// with javascript:, data: or vbscript: URLs.
func checkHarmless(t *testing.T, h, out string) {
	t.Helper()
	for _, f := range findActive(t, out) {
		t.Errorf("%q: %s", h, f)
	}
}

func findActive(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	report := func(format string, args ...any) { found = append(found, fmt.Sprintf(format, args...)) }
	for rel, b := range tree(t, out) {
		switch {
		case strings.HasSuffix(rel, ".html"):
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					if (n.Data == "script" && attr(n, "src") != "/compare.js") || n.Data == "style" || n.Data == "iframe" || n.Data == "object" {
						report("%s has a <%s> element", rel, n.Data)
					}
					for _, a := range n.Attr {
						v := strings.ToLower(strings.TrimSpace(a.Val))
						switch {
						case strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc":
							report("%s has a %s attribute on <%s>", rel, a.Key, n.Data)
						case (a.Key == "href" || a.Key == "src" || a.Key == "action") &&
							(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")):
							report("%s links %s", rel, a.Val)
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
		case strings.HasSuffix(rel, ".json"):
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				report("%s is not valid JSON: %v", rel, err)
			}
		case strings.HasSuffix(rel, ".xml"):
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					report("%s is not well-formed XML: %v", rel, err)
					break
				}
				if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "script") {
					report("%s has a script element", rel)
				}
			}
		}
	}
	return found
}

// TestHarmlessCheckCanFail proves the checker sees active content: with
// unsafe_html = true the author's raw script is kept, and must be found.
func TestHarmlessCheckCanFail(t *testing.T) {
	site := copySite(t, testSite)
	cfg := filepath.Join(site, "site.toml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(b), "notice_days = 30", "notice_days = 30\nunsafe_html = true", 1)), 0o644)
	os.WriteFile(filepath.Join(site, "content/cookies/en.md"), []byte("+++\ntitle = \"C\"\nlast_updated = 2023-05-01\n+++\n<script>alert(1)</script>\n\n<p onclick=\"x()\">p</p>\n"), 0o644)
	out := buildSite(t, site, "2024-04-10")
	if found := findActive(t, out); len(found) < 2 {
		t.Errorf("raw script and handler not found: %v", found)
	}
}
