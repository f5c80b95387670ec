package render

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A policy's body is rendered once, as its author wrote it: links from the
// site's root (/en/cookies/) as such, relative ones as they are, tables in
// the box that scrolls them. Where it is shown it may need more: a link
// from the site's root needs the site's path on a site published under one,
// and a body another site includes (an embed) needs every link absolute and
// nothing that only this site's stylesheet or scripts understand. rewrite
// makes those changes to the HTML, tag by tag; text passes as it was.

// rewriting says how to change a body's HTML.
type rewriting struct {
	// link gives the href or src to write for the one in the HTML.
	link func(dest string) string
	// embed removes what only the site's own pages can use: classes,
	// style attributes and event handlers, scripts and styles, and the
	// boxes tables scroll in.
	embed bool
}

// dropped reports whether an embed leaves out the element a with all it
// holds: scripts, styles and what loads another document. Only raw HTML,
// which unsafe_html lets an author write, has them.
func dropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Iframe, atom.Object, atom.Embed, atom.Noscript,
		atom.Link, atom.Meta, atom.Base:
		return true
	}
	return false
}

// rewrite applies rw to the HTML fragment src. A tag without attributes
// is copied as it was; one with attributes is written again, since reading
// them unescapes them in place.
func rewrite(src []byte, rw rewriting) []byte {
	return rewriteFrom(bytes.NewReader(src), len(src), rw)
}

// rewriteFrom is rewrite of the size bytes src reads: a body's part is
// read from its pieces, not joined first.
func rewriteFrom(src io.Reader, size int, rw rewriting) []byte {
	var out bytes.Buffer
	out.Grow(size)
	z := html.NewTokenizerFragment(src, "div")
	skip := 0        // depth inside a dropped element
	var boxes []bool // for each open div, whether it is a box left out
	var tag []byte   // a tag written again, before it is known to be kept
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.TextToken:
			if skip == 0 {
				out.Write(z.Raw())
			}
		case html.CommentToken, html.DoctypeToken:
			if skip == 0 && !rw.embed {
				out.Write(z.Raw())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			raw := z.Raw()
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			switch {
			case rw.embed && dropped(a):
				if tt == html.StartTagToken && !isVoid(a) {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case skip > 0:
				continue
			case rw.embed && a == atom.Div && !start:
				n := len(boxes)
				if n > 0 && boxes[n-1] {
					boxes = boxes[:n-1]
					continue
				}
				if n > 0 {
					boxes = boxes[:n-1]
				}
			}
			if !hasAttr {
				if rw.embed && a == atom.Div && start {
					boxes = append(boxes, false)
				}
				out.Write(raw)
				continue
			}
			tag = append(append(tag[:0], '<'), name...)
			box := false
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch key := string(k); {
				case rw.embed && (key == "class" || key == "style" || key == "tabindex" || strings.HasPrefix(key, "on")):
					box = box || key == "class" && string(v) == "table-scroll"
					continue
				case key == "href" || key == "src":
					v = []byte(rw.link(string(v)))
				}
				tag = append(append(append(tag, ' '), k...), `="`...)
				tag = append(escapeAttr(tag, v), '"')
			}
			if rw.embed && a == atom.Div {
				boxes = append(boxes, box)
				if box {
					continue
				}
			}
			if tt == html.SelfClosingTagToken {
				tag = append(tag, " /"...)
			}
			out.Write(append(tag, '>'))
		}
	}
}

// escapeAttr appends v to b escaped for a quoted attribute value, as
// html.EscapeString escapes.
func escapeAttr(b, v []byte) []byte {
	for _, c := range v {
		switch c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&#34;"...)
		case '\'':
			b = append(b, "&#39;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// isVoid reports whether a has no end tag.
func isVoid(a atom.Atom) bool {
	return a == atom.Link || a == atom.Meta || a == atom.Base || a == atom.Embed
}

// absoluteLinks makes every link of a body shown at page, an absolute URL,
// absolute; sitePath applies the site's path to a link from its root. A
// link within the page (#retention) stays one: the embed keeps its
// headings' ids, so it leads to the heading in the page that includes it.
func absoluteLinks(page *url.URL, sitePath func(string) string) func(string) string {
	return func(dest string) string {
		if dest == "" || strings.HasPrefix(dest, "#") {
			return dest
		}
		ref, err := url.Parse(sitePath(dest))
		if err != nil || ref.IsAbs() {
			return dest
		}
		return page.ResolveReference(ref).String()
	}
}
