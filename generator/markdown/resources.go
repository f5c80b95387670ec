package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/policygen/gen/generator/urls"
)

// A page that loads an image from another site tells that site of every
// reader, when and from where: a tracking pixel. The site's CSP forbids it
// where the host applies the _headers file, but not every host does, so
// an image from another origin is an error at its position, unless
// site.toml names the origin in external_origins (which the CSP then
// allows too). With unsafe_html, raw HTML is checked the same way: every
// element that makes the browser fetch something (img, picture, video,
// audio, iframe, embed, object, script, link…).

// externalOrigins is site.toml's key for the origins a page may load
// images and other embedded resources from (see package config).
const externalOrigins = "external_origins"

// inArchive is said after a problem that is a warning in an archived file,
// which may not be edited: there, the page shows the image's text instead.
const inArchive = "; this archived file may not be edited, so its page leaves the image out and shows its text"

// foreign returns the origin of dest when dest is another site's that the
// page may not load from, else "".
func (p *page) foreign(dest string) string {
	o := urls.Origin(dest)
	if o == "" || p.origins[o] {
		return ""
	}
	return o
}

// foreignImage reports a Markdown image from another origin; inspect
// replaces it by its text.
func (p *page) foreignImage(n *ast.Image, dest string) {
	o := p.foreign(dest)
	name := "image.png"
	if u, err := url.Parse(dest); err == nil {
		if b := path.Base(u.Path); b != "." && b != "/" {
			name = b
		}
	}
	p.problems.add(problem{
		offset: n.Pos(),
		message: fmt.Sprintf("image %s is loaded from another site (%s), which would learn of every reader; "+
			"copy it into static/ and write its path from the site root, like ![%s](/%s), "+
			"or allow that site in site.toml: %s = [%q]", dest, o, plainText(n, p.source), name, externalOrigins, o),
		archived: inArchive,
	})
}

// fetching lists, for each element that makes a browser fetch something,
// the attributes that name what: src-like ones, and srcset, a list.
var fetching = map[string][]string{
	"img":    {"src", "srcset"},
	"source": {"src", "srcset"},
	"video":  {"src", "poster"},
	"audio":  {"src"},
	"track":  {"src"},
	"iframe": {"src"},
	"frame":  {"src"},
	"embed":  {"src"},
	"object": {"data"},
	"input":  {"src"},
	"script": {"src"},
	"link":   {"href"},
}

// neverExternal are the elements whose resources a page never loads from
// another site, whatever site.toml allows: code and styles from elsewhere
// could change what the page says.
var neverExternal = map[string]bool{"script": true, "link": true}

// embedded checks the raw HTML of n, kept because unsafe_html is set, for
// resources it would load from another origin.
func (p *page) embedded(n ast.Node) {
	// The raw text and, for each piece of it, where it starts in the body.
	var raw []byte
	var starts [][2]int // offset in raw, offset in the body
	add := func(start, stop int) {
		starts = append(starts, [2]int{len(raw), start})
		raw = append(raw, p.source[start:stop]...)
	}
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			add(s.Start, s.Stop)
		}
		if n.HasClosure() {
			add(n.ClosureLine.Start, n.ClosureLine.Stop)
		}
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			add(s.Start, s.Stop)
		}
	}
	if !bytes.ContainsRune(raw, '<') {
		return
	}
	at := func(i int) int {
		off := starts[0][1]
		for _, s := range starts {
			if s[0] <= i {
				off = s[1] + i - s[0]
			}
		}
		return off
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	read := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		tokenAt := read
		read += len(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attrs := fetching[tok.Data]
		for _, a := range tok.Attr {
			if !slices.Contains(attrs, a.Key) {
				continue
			}
			for _, dest := range addresses(a.Key, a.Val) {
				o := p.foreign(dest)
				if o == "" {
					continue
				}
				fix := fmt.Sprintf(", or allow that site in site.toml: %s = [%q]", externalOrigins, o)
				if neverExternal[tok.Data] {
					fix = " (a page never loads scripts or stylesheets from another site)"
				}
				p.problems.add(problem{
					offset: at(tokenAt),
					message: fmt.Sprintf("<%s> loads %s from another site (%s), which would learn of every reader; copy the file into static/ and write its path from the site root%s",
						tok.Data, dest, o, fix),
					archived: "; this archived file may not be edited, so it stays as published (the site's Content-Security-Policy blocks it)",
				})
			}
		}
	}
}

// addresses returns the addresses an attribute's value names: one, or for
// srcset each candidate's.
func addresses(key, val string) []string {
	if key != "srcset" {
		return []string{val}
	}
	var out []string
	for _, c := range strings.Split(val, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}
