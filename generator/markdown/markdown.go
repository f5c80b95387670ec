// Package markdown turns the Markdown body of a policy file into the HTML
// fragments, heading ids and table of contents of a model.Body, reporting
// problems with their line and column in the whole file.
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gen/generator/diag"
	"gen/generator/model"
)

// Options configure a Renderer from site.toml.
type Options struct {
	// UnsafeHTML is site.toml's unsafe_html: raw HTML and links with any
	// scheme are kept; otherwise raw HTML is omitted, each occurrence
	// warned about, and only http, https, ftp, mailto and tel links survive.
	UnsafeHTML bool
	// ReservedIDs are element ids the layouts use on every page; headings
	// never get them, so a heading called "Main" cannot break the skip link.
	ReservedIDs []string
}

// Renderer renders policy bodies. It is safe for concurrent use by many
// goroutines (a build renders files in parallel); construct one per build.
type Renderer struct {
	md       goldmark.Markdown
	unsafe   bool
	reserved []string
}

// New returns a Renderer for the site's options.
func New(opts Options) *Renderer {
	renderers := []util.PrioritizedValue{
		// Ahead of goldmark's html renderer (priority 1000) so ours win.
		util.Prioritized(blockRenderer{}, 100),
	}
	htmlOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	} else {
		// goldmark writes "<!-- raw HTML omitted -->"; we write nothing
		// so that no trace of the omitted markup reaches the page.
		renderers = append(renderers, util.Prioritized(omitHTMLRenderer{}, 100))
	}
	htmlOpts = append(htmlOpts, renderer.WithNodeRenderers(renderers...))

	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(
			// Only for {#id} after headings. Ids themselves are assigned
			// after parsing (see assignIDs), not by WithAutoHeadingID,
			// which would let a later {#id} collide with an earlier
			// generated one.
			parser.WithAttribute(),
			parser.WithBlockParsers(util.Prioritized(placeholderParser{}, 50)),
			parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 50)),
		),
		goldmark.WithRendererOptions(htmlOpts...),
	)
	return &Renderer{md: md, unsafe: opts.UnsafeHTML, reserved: opts.ReservedIDs}
}

// Render renders body, the Markdown after the front matter. path is the
// file's site-relative path for diagnostics; lineOffset is the number of
// lines before the body in the file, so diagnostics carry the line and
// column in the whole file. Columns count bytes from 1, like go/scanner.
func (r *Renderer) Render(path string, body []byte, lineOffset int) (model.Body, diag.List) {
	ids := newPageIDs()
	reserved := map[string]bool{}
	for _, id := range r.reserved {
		ids.Put([]byte(id))
		reserved[id] = true
	}
	probs := &problems{}
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(problemsKey, probs)

	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	p := page{source: body, unsafe: r.unsafe, ids: ids, problems: probs, reserved: reserved}
	p.inspect(doc)

	w := &partsWriter{}
	w.buf.Grow(len(body) + len(body)/2)
	if err := r.md.Renderer().Render(w, body, doc); err != nil {
		// partsWriter never fails; a renderer error would be a goldmark bug.
		probs.errorf(-1, "rendering Markdown: %v", err)
	}

	var out model.Body
	out.Parts = w.parts()
	out.Placeholder = len(out.Parts) > 1
	out.Headings = p.headings
	if len(p.links) > 0 {
		starts := lineStarts(body)
		for _, l := range p.links {
			line, col := position(starts, l.offset)
			if line > 0 {
				line += lineOffset
			}
			out.Links = append(out.Links, model.Link{Dest: l.dest, Line: line, Col: col})
		}
	}
	if len(p.placeholders) > 0 {
		starts := lineStarts(body)
		for _, off := range p.placeholders {
			line, _ := position(starts, off)
			out.PlaceholderLines = append(out.PlaceholderLines, line+lineOffset)
		}
	}
	return out, probs.list(path, body, lineOffset)
}

// partsWriter collects the rendered HTML and the offsets at which the
// processors table goes. goldmark writes to it directly because it
// implements util.BufWriter.
type partsWriter struct {
	buf    bytes.Buffer
	splits []int
}

func (w *partsWriter) Write(p []byte) (int, error)       { return w.buf.Write(p) }
func (w *partsWriter) WriteByte(c byte) error            { return w.buf.WriteByte(c) }
func (w *partsWriter) WriteRune(r rune) (int, error)     { return w.buf.WriteRune(r) }
func (w *partsWriter) WriteString(s string) (int, error) { return w.buf.WriteString(s) }
func (w *partsWriter) Available() int                    { return w.buf.Available() }
func (w *partsWriter) Buffered() int                     { return w.buf.Len() }
func (w *partsWriter) Flush() error                      { return nil }

// split marks the current end of the output as a placeholder position.
func (w *partsWriter) split() { w.splits = append(w.splits, w.buf.Len()) }

// parts cuts the output at the placeholders. Each part's capacity is capped
// so that appending to one cannot overwrite the next.
func (w *partsWriter) parts() [][]byte {
	// A copy of exactly the rendered size: the page is kept until the
	// build writes it, and the buffer's spare room would be kept with it.
	b := bytes.Clone(w.buf.Bytes())
	out := make([][]byte, 0, len(w.splits)+1)
	start := 0
	for _, s := range w.splits {
		out = append(out, b[start:s:s])
		start = s
	}
	return append(out, b[start:len(b):len(b)])
}
