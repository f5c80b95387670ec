package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// page is the state of one Render call between parsing and rendering: it
// checks the document, assigns heading ids and rewrites what must not reach
// the page.
type page struct {
	source   []byte
	unsafe   bool
	problems *problems
	headings []chunkHeading
	reserved map[string]bool // ids the layouts use
	// origins are those a page may load images and other embedded
	// resources from: the site's own and site.toml's external_origins.
	origins map[string]bool
	// links are the site-internal destinations with their byte offsets.
	links []pageLink
	// placeholders are the byte offsets of {{< processors >}} lines.
	placeholders []int
	// noteIDs are the ids of the footnotes and of the references to them.
	noteIDs []string
}

// inspect walks the parsed document once, then applies the changes it
// decided on; the AST must not be restructured while it is being walked.
func (p *page) inspect(doc ast.Node) {
	var (
		headings []*ast.Heading
		tables   []ast.Node
		unlink   []ast.Node
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *placeholder:
			if n.Lines().Len() > 0 {
				p.placeholders = append(p.placeholders, n.Lines().At(0).Start)
			}
		case *extast.Table:
			tables = append(tables, n)
		case *extast.TableCell:
			if c := AlignClass(n.Alignment); c != "" {
				n.SetAttributeString("class", []byte(c))
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			if !p.unsafe {
				p.problems.warnf(n.Pos(), "raw HTML omitted; set unsafe_html = true in site.toml to allow it")
			} else {
				p.embedded(n)
			}
		case *ast.Link:
			// Checked as goldmark will write it: escapes and entities resolved.
			if dest := util.URLEscape(n.Destination, true); !p.unsafe && !safeURL(dest) {
				p.problems.warnf(n.Pos(), "link to %q removed; %s", dest, safeURLRule)
				unlink = append(unlink, n)
			} else {
				p.noteLink(n.Destination, dest, n.Pos())
			}
		case *ast.Image:
			dest := util.URLEscape(n.Destination, true)
			switch {
			case !p.unsafe && !safeURL(dest):
				p.problems.warnf(n.Pos(), "image %q removed; %s", dest, safeURLRule)
				unlink = append(unlink, n)
			case p.foreign(string(dest)) != "":
				p.foreignImage(n, string(dest))
				unlink = append(unlink, n)
			default:
				p.noteLink(n.Destination, dest, n.Pos())
			}
		case *ast.AutoLink:
			if dest := util.URLEscape(n.URL(p.source), false); !p.unsafe && !safeURL(dest) {
				p.problems.warnf(n.Pos(), "link to %q removed; %s", dest, safeURLRule)
				unlink = append(unlink, n)
			}
		case *ast.CodeBlock:
			p.indentedItem(n)
		case *ast.Paragraph:
			p.lazyItems(n)
		case *extast.FootnoteLink:
			ref := "fnref"
			if n.RefIndex > 0 {
				ref += strconv.Itoa(n.RefIndex)
			}
			p.noteIDs = append(p.noteIDs, ref+":"+strconv.Itoa(n.Index))
		case *extast.Footnote:
			p.noteIDs = append(p.noteIDs, "fn:"+strconv.Itoa(n.Index))
		}
		return ast.WalkContinue, nil
	})

	for _, n := range unlink {
		p.unwrap(n)
	}
	for _, t := range tables {
		wrap := &tableScroll{}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, wrap)
		wrap.AppendChild(wrap, t)
	}
	p.markIDs(headings)
}

type pageLink struct {
	written, href string // as the author wrote it, as the page links it
	offset        int
}

// noteLink keeps a destination inside the site (no scheme, no host) for
// the build's link check, as the page will have it: with escapes and
// entities resolved and the rest percent-encoded (see util.URLEscape), so
// that /en/privacy/&#35;who is checked as the /en/privacy/#who it is.
func (p *page) noteLink(written, escaped []byte, offset int) {
	dest := string(escaped)
	if dest == "" || strings.HasPrefix(dest, "//") || strings.ContainsRune(dest[:strings.IndexAny(dest+"/?#", "/?#")], ':') {
		return
	}
	p.links = append(p.links, pageLink{string(written), dest, offset})
}

// unwrap replaces a link by its text, and an image by its alternative
// text, so the words stay readable while the address is gone.
func (p *page) unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var keep ast.Node
	switch n := n.(type) {
	case *ast.AutoLink:
		keep = ast.NewString(n.Label(p.source))
	case *ast.Image:
		keep = ast.NewString([]byte(plainText(n, p.source)))
	}
	if keep != nil {
		parent.ReplaceChild(parent, n, keep)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// markIDs records each heading for RenderMemo, which decides the ids for
// the whole page, and puts a mark where its id attribute goes: the author's
// {#id} where it was written, else a new id attribute after the others.
func (p *page) markIDs(headings []*ast.Heading) {
	for i, h := range headings {
		custom := p.customID(h, holeMark(i))
		if custom == "" {
			h.SetAttributeString("id", []byte(holeMark(i)))
		}
		p.headings = append(p.headings, chunkHeading{level: h.Level, text: plainText(h, p.source), custom: custom, offset: h.Pos()})
	}
}

// customID validates the heading's {#id}, puts mark in its place, and drops
// attributes that could style or script the page unless unsafe_html allows
// them. It returns "" when the heading has no valid {#id}. Whether the id is
// unique in the page is for RenderMemo to check.
//
// A duplicate custom id is an error rather than silently renamed: the
// author chose it to be linked to, and a renamed anchor breaks those links.
func (p *page) customID(h *ast.Heading, mark string) string {
	var id string
	var kept []ast.Attribute
	for _, a := range h.Attributes() {
		name := string(a.Name)
		if name != "id" {
			if p.unsafe || name == "class" {
				kept = append(kept, a)
			} else {
				p.problems.warnf(h.Pos(), "heading attribute %q ignored; only {#id} and {.class} are allowed unless unsafe_html = true", name)
			}
			continue
		}
		v, ok := a.Value.([]byte)
		switch {
		case !ok:
			p.problems.errorf(h.Pos(), "heading id must be text")
		case !validID(v):
			p.problems.errorf(h.Pos(), "heading id %q must be non-empty, without spaces or control characters", v)
		case p.reserved[string(v)]:
			p.problems.errorf(h.Pos(), "heading id %q is used by the page layout; choose another", v)
		default:
			id = string(v)
			kept = append(kept, ast.Attribute{Name: a.Name, Value: []byte(mark)})
		}
	}
	h.RemoveAttributes()
	for _, a := range kept {
		h.SetAttribute(a.Name, a.Value)
	}
	return id
}

// validID reports whether v can be an element's id: HTML splits ids at
// spaces, and browsers replace NUL, so the id would not be the one linked.
func validID(v []byte) bool {
	return len(v) > 0 && !bytes.ContainsFunc(v, badIDRune) && utf8.Valid(v)
}

func badIDRune(r rune) bool { return isHTMLSpace(r) || unicode.IsControl(r) || r == utf8.RuneError }

// isHTMLSpace reports whether r is ASCII whitespace, which HTML forbids in ids.
func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// plainText is the text of n's inline content as a reader sees it: markup,
// escapes and raw HTML removed, entities resolved.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	writeText(&b, n, source)
	return strings.TrimSpace(b.String())
}

func writeText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML:
		default:
			writeText(b, c, source)
		}
	}
}
