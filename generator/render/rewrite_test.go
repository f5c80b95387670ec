package render

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestRewrite shows what an embed makes of the HTML Markdown writes: the
// box a table scrolls in and every class and style go, a link from the
// site's root and a relative one become absolute on the page, a link
// within the page stays.
func TestRewrite(t *testing.T) {
	page, _ := url.Parse("https://acme.example/p/en/privacy/")
	embed := rewriting{link: absoluteLinks(page, func(d string) string {
		if strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//") {
			return "/p" + d
		}
		return d
	}), embed: true}
	for _, c := range [][2]string{
		{`<div class="table-scroll" tabindex="0">` + "\n<table>\n<tr><th style=\"text-align:left\">A</th></tr>\n</table>\n</div>\n<p>x</p>",
			"\n<table>\n<tr><th>A</th></tr>\n</table>\n\n<p>x</p>"},
		{`<h2 class="x" id="a-b">A &amp; B</h2>`, `<h2 id="a-b">A &amp; B</h2>`},
		{`<p><a href="/en/cookies/#c">c</a> <a href="../terms/">t</a> <a href="#a">a</a> <a href="mailto:x@y">m</a></p>`,
			`<p><a href="https://acme.example/p/en/cookies/#c">c</a> <a href="https://acme.example/p/en/terms/">t</a> <a href="#a">a</a> <a href="mailto:x@y">m</a></p>`},
		{`<p>a<script>alert(1)</script>b<style>p{}</style><img src="x.png" onerror="alert(1)" alt="&quot;"></p>`,
			`<p>ab<img src="https://acme.example/p/en/privacy/x.png" alt="&#34;"></p>`},
		{`<div><div class="table-scroll"><table></table></div></div>`, `<div><table></table></div>`},
	} {
		if got := string(rewrite([]byte(c[0]), embed)); got != c[1] {
			t.Errorf("%s\n got %s\nwant %s", c[0], got, c[1])
		}
	}
}

// FuzzRewrite gives an embed's rewriting any HTML, as raw HTML with
// unsafe_html may be: what comes out has no script, no style, no event
// handler, and no relative link.
func FuzzRewrite(f *testing.F) {
	for _, s := range []string{
		`<p><a href="/x">x</a></p>`, `<div class="table-scroll"><table><tr><td style="a">1</td></tr></table></div>`,
		`<script>x</script><SCRIPT>y</SCRIPT>`, `<img src=x onerror=alert(1)>`, `<p><a href="javascript:x">`, `<svg><script>a</script></svg>`,
		`<style><p>x</p></style>`, `<div><div class=table-scroll>`, `<iframe src="/x"></iframe>`,
	} {
		f.Add(s)
	}
	page, _ := url.Parse("https://acme.example/en/privacy/")
	rw := rewriting{link: absoluteLinks(page, func(d string) string { return d }), embed: true}
	f.Fuzz(func(t *testing.T, src string) {
		out := rewrite([]byte(src), rw)
		nodes, err := html.ParseFragment(bytes.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Fatalf("%q gave HTML that does not parse: %v", src, err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch strings.ToLower(n.Data) {
				case "script", "style", "iframe", "object", "embed":
					t.Fatalf("%q gave <%s> in %q", src, n.Data, out)
				}
				for _, a := range n.Attr {
					key := strings.ToLower(a.Key)
					if key == "style" || key == "class" || strings.HasPrefix(key, "on") {
						t.Fatalf("%q gave %s= in %q", src, a.Key, out)
					}
					if key == "href" || key == "src" {
						if u, err := url.Parse(a.Val); err == nil && !u.IsAbs() && !strings.HasPrefix(a.Val, "#") && a.Val != "" {
							t.Fatalf("%q gave the relative %s=%q in %q", src, a.Key, a.Val, out)
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		for _, n := range nodes {
			walk(n)
		}
	})
}
