// Package markdown turns the Markdown body of a policy file into the HTML
// fragments, heading ids and table of contents of a model.Body, reporting
// problems with their line and column in the whole file.
package markdown

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/policygen/gen/generator/chunk"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/printable"
	"github.com/policygen/gen/generator/urls"
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
	// Origin is the site's own origin (of base_url, see urls.Origin), and
	// ExternalOrigins those of site.toml's external_origins: the only
	// ones a page may load images and other embedded resources from.
	Origin          string
	ExternalOrigins []string
}

// Renderer renders policy bodies. It is safe for concurrent use by many
// goroutines (a build renders files in parallel); construct one per build.
type Renderer struct {
	md          goldmark.Markdown
	unsafe      bool
	reserved    map[string]bool // ids the layouts use, for checking {#ids}
	reservedIDs []string        // the same, for IDs
	origins     map[string]bool // those embedded resources may come from
}

// New returns a Renderer for the site's options.
func New(opts Options) *Renderer {
	var rendering []renderer.Option
	if opts.UnsafeHTML {
		rendering = append(rendering, html.WithUnsafe())
	} else {
		// goldmark writes "<!-- raw HTML omitted -->"; we write nothing
		// so that no trace of the omitted markup reaches the page.
		rendering = append(rendering, renderer.WithNodeRenderers(util.Prioritized(omitHTMLRenderer{}, 100)))
	}
	reserved := map[string]bool{}
	for _, id := range opts.ReservedIDs {
		reserved[id] = true
	}
	origins := map[string]bool{}
	for _, o := range append([]string{opts.Origin}, opts.ExternalOrigins...) {
		if o := urls.Origin(o); o != "" {
			origins[o] = true
		}
	}
	return &Renderer{md: Dialect(rendering...), unsafe: opts.UnsafeHTML, reserved: reserved, reservedIDs: opts.ReservedIDs, origins: origins}
}

// Render renders body, the Markdown after the front matter. path is the
// file's site-relative path for diagnostics; lineOffset is the number of
// lines before the body in the file, so diagnostics carry the line and
// column in the whole file. Columns count bytes from 1, like go/scanner.
func (r *Renderer) Render(path string, body []byte, lineOffset int) (model.Body, diag.List) {
	return r.RenderMemo(path, body, lineOffset, nil, false)
}

// Memo remembers how the chunks of bodies rendered (see package chunk), so
// that the versions of one policy in one language, which share most of
// their paragraphs, parse and render each shared paragraph once. The
// result is the same with or without a Memo. A Memo is not safe for
// concurrent use; give each goroutine its own.
type Memo struct {
	chunks map[string]*rendered
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{chunks: map[string]*rendered{}} }

// RenderMemo is Render with the chunks memo has seen taken from it and the
// new ones added to it; memo may be nil. archived says the file is in the
// archive: it may not be edited, so problems only an edit could fix, such
// as an image from another site, are warnings there.
func (r *Renderer) RenderMemo(path string, body []byte, lineOffset int, memo *Memo, archived bool) (model.Body, diag.List) {
	return r.render(path, body, lineOffset, memo, chunk.Split(body), archived)
}

// render renders body cut into chunks (whose concatenation is body).
func (r *Renderer) render(path string, body []byte, lineOffset int, memo *Memo, cuts [][]byte, archived bool) (model.Body, diag.List) {
	if over := bounds(body); len(over) > 0 {
		// Not parsed at all: past a bound the parser would take too long.
		return model.Body{Parts: []model.Part{nil}}, (&problems{all: over}).list(path, body, lineOffset, archived)
	}
	chunks := r.place(cuts, memo)
	probs := &problems{}
	for _, c := range chunks {
		for _, pr := range c.problems {
			if pr.offset >= 0 {
				pr.offset += c.at
			}
			probs.add(pr)
		}
	}
	var out model.Body
	ids, levels := r.headings(chunks, probs)
	out.Parts, out.Headings = assemble(chunks, ids, levels)
	out.Placeholder = len(out.Parts) > 1
	var starts []int
	for _, c := range chunks {
		if (len(c.links) > 0 || len(c.placeholders) > 0) && starts == nil {
			starts = lineStarts(body)
		}
		for _, l := range c.links {
			line, col := position(starts, c.at+l.offset)
			if line > 0 {
				line += lineOffset
			}
			out.Links = append(out.Links, model.Link{Dest: l.written, Href: l.href, Line: line, Col: col})
		}
		for _, off := range c.placeholders {
			line, _ := position(starts, c.at+off)
			out.PlaceholderLines = append(out.PlaceholderLines, line+lineOffset)
		}
		out.NoteIDs = append(out.NoteIDs, c.noteIDs...)
	}
	return out, probs.list(path, body, lineOffset, archived)
}

// placed is a chunk's rendering and where the chunk is in its body.
type placed struct {
	*rendered
	at int // byte offset of the chunk in the body
}

// place renders each chunk, or takes it from memo (which may be nil).
func (r *Renderer) place(cuts [][]byte, memo *Memo) []placed {
	chunks := make([]placed, 0, len(cuts))
	at := 0
	for _, c := range cuts {
		var rc *rendered
		if memo != nil {
			rc = memo.chunks[string(c)]
		}
		if rc == nil {
			rc = r.renderChunk(c)
			if memo != nil {
				memo.chunks[string(c)] = rc
			}
		}
		chunks = append(chunks, placed{rc, at})
		at += len(c)
	}
	return chunks
}

// headings decides the id of every heading of the body, in order, by the
// rule of IDs, and the level a page shows it at, by the rule of Outline.
// An {#id} given twice is an error; a skipped level is a warning.
func (r *Renderer) headings(chunks []placed, probs *problems) (ids []string, levels []int) {
	var hs []Heading
	var written, offsets []int
	for _, c := range chunks {
		for _, h := range c.headings {
			hs = append(hs, Heading{Text: h.text, Custom: h.custom})
			written = append(written, h.level)
			offsets = append(offsets, c.at+h.offset)
		}
	}
	ids, taken := NewIDs(r.reservedIDs).Headings(hs)
	for _, i := range taken {
		probs.errorf(offsets[i], "duplicate heading id %q; ids must be unique in a page", hs[i].Custom)
	}
	steps := outlineSteps(written)
	levels = make([]int, len(steps))
	// One warning for each kind of skip (### under the title, #### under
	// ##…), at its first heading: sections all written a level too deep
	// are one mistake.
	type skip struct{ under, level int }
	first := map[skip]int{}
	count := map[skip]int{}
	var order []skip
	for i, s := range steps {
		levels[i] = s.shown
		if outlineProblem(written[i], s, 0) == "" {
			continue
		}
		k := skip{s.under, written[i]}
		if _, seen := first[k]; !seen {
			first[k] = i
			order = append(order, k)
		}
		count[k]++
	}
	for _, k := range order {
		i := first[k]
		probs.warnf(offsets[i], "%s", outlineProblem(written[i], steps[i], count[k]-1))
	}
	return ids, levels
}

// assemble puts the chunks' HTML together with the heading ids in their
// holes and the headings' tags at their levels, cut into parts at the
// placeholders. The parts are pieces of the chunks' HTML, shared with the
// other bodies rendered with the same chunks, and of the ids and digits
// between them: nothing of a chunk is copied.
func assemble(chunks []placed, ids []string, levels []int) ([]model.Part, []model.Heading) {
	var parts []model.Part
	var part model.Part
	var headings []model.Heading
	add := func(b []byte) {
		if len(b) > 0 {
			part = append(part, b[:len(b):len(b)]) // an append to a piece copies it
		}
	}
	for _, c := range chunks {
		from := 0
		splitAt := c.splits
		// to adds the chunk's HTML up to offset end, cutting the part at
		// the placeholders before it.
		to := func(end int) {
			for len(splitAt) > 0 && splitAt[0] <= end {
				add(c.html[from:splitAt[0]])
				from = splitAt[0]
				parts, part = append(parts, part), nil
				splitAt = splitAt[1:]
			}
			add(c.html[from:end])
			from = end
		}
		for _, h := range c.headings {
			id, level := ids[len(headings)], levels[len(headings)]
			headings = append(headings, model.Heading{Level: level, ID: id, Text: h.text})
			moved := level != h.level && h.open >= 0
			if moved {
				to(h.open)
				add(digits[level : level+1])
				from++
			}
			to(h.hole)
			add(util.EscapeHTML([]byte(id)))
			if moved {
				to(h.close)
				add(digits[level : level+1])
				from++
			}
		}
		to(len(c.html))
	}
	return append(parts, part), headings
}

// digits are the levels of headings' tags, read-only.
var digits = []byte("0123456789")

// rendered is one chunk parsed, checked and rendered on its own, with
// everything located relative to the chunk.
type rendered struct {
	html         []byte
	splits       []int // offsets in html of the processors placeholders
	headings     []chunkHeading
	links        []pageLink
	placeholders []int
	noteIDs      []string
	problems     []problem
}

// chunkHeading is a heading whose id is left for RenderMemo to decide: hole
// is where in the chunk's HTML the id's value goes.
type chunkHeading struct {
	level  int // as written
	text   string
	custom string // the author's {#id}, valid on its own; "" if none
	offset int
	hole   int
	// open and close are where in the chunk's HTML the level digits of
	// its tags are (<h3, </h3), -1 if unknown; open is before hole, close
	// after it.
	open, close int
}

// holeMark stands in for heading number n's id while a chunk renders; it
// is cut out again at once, so it never reaches a page. It is found only as
// a whole attribute value (id="…"), which text cannot imitate because
// goldmark escapes its quotes, and it holds noncharacters no one types.
func holeMark(n int) string { return "\uFFFEgen-heading-id-" + strconv.Itoa(n) + "\uFFFE" }

// renderChunk parses, checks and renders one chunk of a body.
func (r *Renderer) renderChunk(src []byte) *rendered {
	probs := &problems{}
	pc := parser.NewContext(parser.WithIDs(NewIDs(nil)))
	pc.Set(problemsKey, probs)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	p := page{source: src, unsafe: r.unsafe, problems: probs, reserved: r.reserved, origins: r.origins}
	p.inspect(doc)
	controls(src, probs)

	w := &partsWriter{}
	w.buf.Grow(len(src) + len(src)/2)
	if err := r.md.Renderer().Render(w, src, doc); err != nil {
		// partsWriter never fails; a renderer error would be a goldmark bug.
		probs.errorf(-1, "rendering Markdown: %v", err)
	}
	out := &rendered{links: p.links, placeholders: p.placeholders, noteIDs: p.noteIDs}
	html := w.buf.Bytes()
	// Cut the marks out, noting where each was; headings render in order.
	clean := make([]byte, 0, len(html))
	var removed []int // raw offset after each mark cut, and how much was cut by then
	from, cutSoFar := 0, 0
	// shift is how much was cut before raw offset at.
	shift := func(at int) int {
		cut := 0
		for j := 0; j < len(removed) && removed[j] <= at; j += 2 {
			cut = removed[j+1]
		}
		return cut
	}
	placed := len(w.levels) == 2*len(p.headings)
	for i, h := range p.headings {
		mark := []byte(holeMark(i))
		k := bytes.Index(html[from:], append(append([]byte(`id="`), mark...), '"'))
		if k < 0 {
			// Cannot happen: goldmark writes every heading's id attribute.
			probs.errorf(h.offset, "heading id could not be placed")
			continue
		}
		k += len(`id="`)
		clean = append(clean, html[from:from+k]...)
		h.hole = len(clean)
		from += k + len(mark)
		cutSoFar += len(mark)
		removed = append(removed, from, cutSoFar)
		h.open, h.close = -1, -1
		if placed {
			h.open = w.levels[2*i] - shift(w.levels[2*i])
			h.close = w.levels[2*i+1] - shift(w.levels[2*i+1])
		}
		out.headings = append(out.headings, h)
	}
	out.html = append(clean, html[from:]...)
	for _, s := range w.splits {
		out.splits = append(out.splits, s-shift(s))
	}
	out.problems = probs.all
	return out
}

// partsWriter collects the rendered HTML, the offsets at which the
// processors table goes and those of the headings' level digits. goldmark
// writes to it directly because it implements util.BufWriter.
//
// It also keeps control characters out of the page: HTML forbids them
// (other than tab and the line breaks), a browser shows them as nothing or
// as boxes, and one pasted from Word or a terminal would reach the page
// raw, from the text or from an entity such as &#27;. Each becomes U+FFFD,
// as goldmark already makes of NUL (see package printable).
type partsWriter struct {
	buf    bytes.Buffer
	splits []int
	levels []int // offsets of the digits of each heading's <hN and </hN, in order
}

func (w *partsWriter) Write(p []byte) (int, error) {
	if printable.ControlAt(p) < 0 {
		return w.buf.Write(p)
	}
	w.buf.WriteString(printable.Page(string(p)))
	return len(p), nil
}

func (w *partsWriter) WriteString(s string) (int, error) {
	if printable.ControlAt(s) < 0 {
		return w.buf.WriteString(s)
	}
	w.buf.WriteString(printable.Page(s))
	return len(s), nil
}

func (w *partsWriter) WriteByte(c byte) error {
	if printable.IsControl(rune(c)) && c < utf8.RuneSelf {
		w.buf.WriteString(printable.Replacement)
		return nil
	}
	return w.buf.WriteByte(c)
}

func (w *partsWriter) WriteRune(r rune) (int, error) {
	if printable.IsControl(r) {
		return w.buf.WriteString(printable.Replacement)
	}
	return w.buf.WriteRune(r)
}

func (w *partsWriter) Available() int { return w.buf.Available() }
func (w *partsWriter) Buffered() int  { return w.buf.Len() }
func (w *partsWriter) Flush() error   { return nil }

// split marks the current end of the output as a placeholder position.
func (w *partsWriter) split() { w.splits = append(w.splits, w.buf.Len()) }
