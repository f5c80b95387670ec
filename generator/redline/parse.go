package redline

import (
	"bufio"
	"bytes"
	"encoding/binary"
	stdhtml "html"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/policygen/gen/generator/chunk"
	"github.com/policygen/gen/generator/markdown"
	"github.com/policygen/gen/generator/printable"
)

// Inline styles a word can carry. A word's style is part of its identity,
// so making a word bold is shown as a change, as a lawyer would expect.
const (
	styleEm uint8 = 1 << iota
	styleStrong
	styleCode
	styleStrike
	styleImage
)

// inlineCtx is the inline markup a word sits in.
type inlineCtx struct {
	style uint8
	href  string // link target (image source for styleImage); "" outside links
}

// token is one word of a block with the markup around it. Words are split
// at whitespace and where the inline markup changes, so "**bold**," is two
// tokens: "bold" (strong) and "," (plain) with no space between them. Two
// tokens are the same word when they are equal: text, markup and separator.
// Blocks hold the vocab's one copy of each distinct token, read-only.
type token struct {
	text string
	ctx  inlineCtx
	sep  byte // boundary before the word: 0 none (markup changes inside a word), ' ', or '\n' (code blocks)

	// Set by the vocab:
	word bool   // holds a letter or a digit, so it counts as a word
	id   uint32 // the same for equal tokens, different for others
	html string // text, escaped
}

// Block classes: blocks are only aligned with blocks of the same class.
const (
	classHeading = "h"
	classPara    = "p"
	classItem    = "li"
	classQuote   = "quote"
	classCode    = "code"
	classTable   = "table"
	classRule    = "hr"
	classHTML    = "html"
)

// block is one unit of alignment: a heading, paragraph, list item, quote,
// code block, table or thematic break of one side.
type block struct {
	class   string
	level   int  // heading level
	depth   int  // list nesting, 0 for top-level items
	ordered bool // list item of an ordered list
	number  int  // ordered list item number
	cont    bool // text of a list item that follows a nested list
	id      string

	tokens []*token
	rows   []row    // tables only
	align  []string // tables only: each column's class, see markdown.AlignClass

	// Memos: a version is compared with several others and most of its
	// blocks are unchanged in each comparison, so their rendering and
	// plain text are computed once per parse.
	plainOnce     sync.Once
	plainText     string
	unchangedOnce sync.Once
	unchanged     Block
	key           uint32   // fingerprint of class and words, numbered by the vocab
	words         []*token // all words, cells included, for similarity
}

// row is one table row.
type row struct {
	header bool
	cells  [][]*token
	key    uint32 // fingerprint of the cells' words, numbered by the vocab
	words  []*token
}

// parse reads a body for comparison chunk by chunk (see package chunk),
// each distinct chunk parsed once for all the bodies parsed with m, and
// gives its headings the ids its page gives them.
func (m *Memo) parse(body []byte, unsafe bool, reserved []string) *Doc {
	cache := m.chunks
	if unsafe {
		cache = m.unsafeChunks
	}
	var pcs []*parsedChunk
	for _, c := range chunk.Split(body) {
		pc, ok := cache[string(c)]
		if !ok {
			pc = m.parser.parse(c, unsafe)
			cache[string(c)] = pc
		}
		pcs = append(pcs, pc)
	}
	return m.doc(pcs, reserved)
}

// doc puts a body's parsed chunks together.
func (m *Memo) doc(pcs []*parsedChunk, reserved []string) *Doc {
	d := &Doc{words: m.words, size: m.words.size()}
	var headings []markdown.Heading
	var written []int
	var at []int // the block of each heading, -1 for one inside a list or quote
	for _, pc := range pcs {
		written = append(written, pc.levels...)
		for i, h := range pc.headings {
			headings = append(headings, h)
			if b := pc.blockOf[i]; b >= 0 {
				at = append(at, len(d.blocks)+b)
			} else {
				at = append(at, -1)
			}
		}
		d.blocks = append(d.blocks, pc.blocks...)
	}
	// Every heading takes an id on the page, also one inside a list or a
	// quote, which is no section here: all of them are counted.
	d.headingIDs, _ = markdown.NewIDs(reserved).Headings(headings)
	d.ids = make([]string, len(d.blocks))
	for i, b := range at {
		if b >= 0 {
			d.ids[b] = d.headingIDs[i]
		}
	}
	// Headings are shown at the levels of the page's outline, which depend
	// on the headings before them, in other chunks too: a heading block
	// shown at another level than written is this Doc's own copy.
	for i, l := range markdown.Outline(written) {
		if b := at[i]; b >= 0 && d.blocks[b].level != l {
			d.blocks[b] = d.blocks[b].atLevel(l)
		}
	}
	return d
}

// atLevel returns a copy of heading block b at another level, with memos
// of its own.
func (b *block) atLevel(level int) *block {
	return &block{class: b.class, level: level, id: b.id, tokens: b.tokens, key: b.key, words: b.words}
}

// parsedChunk is a body, or a chunk of one, parsed for comparison.
type parsedChunk struct {
	blocks []*block
	// headings are every heading in document order, as the id rule reads
	// them, and blockOf the index in blocks of each one's block, or -1 for
	// a heading inside a list or a quote, which is part of that block.
	headings []markdown.Heading
	levels   []int // each heading's level as written
	blockOf  []int
}

// blockParser turns Markdown bodies, or chunks of them, into blocks.
type blockParser struct {
	md    parser.Parser
	words *vocab  // numbers the words of the blocks
	buf   []token // the words of the block being read, see tokenizer

	// Of the body being read:
	src      []byte
	unsafe   bool
	blocks   []*block
	headings map[*ast.Heading]int // the block of each top-level heading
}

// newBlockParser reads bodies in the dialect the policy pages render.
func newBlockParser(v *vocab) *blockParser {
	return &blockParser{md: markdown.Dialect().Parser(), words: v}
}

// parse parses src, a body or a chunk of one, into blocks.
func (p *blockParser) parse(src []byte, unsafe bool) *parsedChunk {
	doc := p.md.Parse(text.NewReader(src))
	p.src, p.unsafe, p.headings = src, unsafe, map[*ast.Heading]int{}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.top(n)
	}
	pc := &parsedChunk{blocks: p.blocks}
	for _, b := range pc.blocks {
		b.finish(p.words)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			pc.headings = append(pc.headings, markdown.ReadHeading(h, src))
			pc.levels = append(pc.levels, h.Level)
			b, top := p.headings[h]
			if !top {
				b = -1
			}
			pc.blockOf = append(pc.blockOf, b)
		}
		return ast.WalkContinue, nil
	})
	p.src, p.blocks, p.headings = nil, nil, nil // keep nothing of this body
	return pc
}

// tokenizer returns a tokenizer for the next block's words. One block is
// read at a time, so its tokenizers share one buffer.
func (p *blockParser) tokenizer(pre bool) *tokenizer {
	return &tokenizer{toks: p.buf[:0], pre: pre}
}

// take returns the vocab's copies of the words t read and takes back its
// buffer; t is done.
func (p *blockParser) take(t *tokenizer) []*token {
	p.buf = t.toks[:0]
	return p.words.tokens(t.toks)
}

func (p *blockParser) top(n ast.Node) {
	if markdown.IsPlaceholder(n) {
		return // processors are compared as data, not as text
	}
	switch n := n.(type) {
	case *ast.Heading:
		p.headings[n] = len(p.blocks)
		b := &block{class: classHeading, level: n.Level}
		if id, ok := n.AttributeString("id"); ok {
			if s, ok := id.([]byte); ok {
				b.id = string(s)
			}
		}
		p.collect(n, p.tokenizer(false), b)
	case *ast.Paragraph, *ast.TextBlock:
		p.collect(n, p.tokenizer(false), &block{class: classPara})
	case *ast.Blockquote:
		p.collect(n, p.tokenizer(false), &block{class: classQuote})
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		p.collect(n, p.tokenizer(true), &block{class: classCode})
	case *ast.HTMLBlock:
		if p.unsafe {
			p.collect(n, p.tokenizer(false), &block{class: classHTML})
		}
	case *ast.ThematicBreak:
		p.blocks = append(p.blocks, &block{class: classRule})
	case *ast.List:
		p.list(n, 0)
	case *east.Table:
		p.table(n)
	case *east.FootnoteList:
		// The footnotes, as the page lists them at its end.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if fn, ok := c.(*east.Footnote); ok {
				p.collect(fn, p.tokenizer(false), &block{class: classItem, ordered: true, number: fn.Index})
			}
		}
	default:
		p.collect(n, p.tokenizer(false), &block{class: classPara})
	}
}

func (p *blockParser) collect(n ast.Node, t *tokenizer, b *block) {
	p.node(n, inlineCtx{}, t)
	b.tokens = p.take(t)
	p.blocks = append(p.blocks, b)
}

// list makes one block per list item; nested lists become blocks of their
// own (one level deeper) so that a change deep in a list marks only its item.
func (p *blockParser) list(l *ast.List, depth int) {
	number := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		cur := &block{class: classItem, depth: depth, ordered: l.IsOrdered(), number: number}
		t := p.tokenizer(false)
		emitted := false
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok {
				if !emitted || len(t.toks) > 0 {
					cur.tokens = p.take(t)
					p.blocks = append(p.blocks, cur)
					emitted = true
				}
				p.list(sub, depth+1)
				cur = &block{class: classItem, depth: depth, cont: true}
				t = p.tokenizer(false)
				continue
			}
			t.space(' ')
			p.node(c, inlineCtx{}, t)
		}
		if !emitted || len(t.toks) > 0 {
			cur.tokens = p.take(t)
			p.blocks = append(p.blocks, cur)
		}
		number++
	}
}

func (p *blockParser) table(tb *east.Table) {
	b := &block{class: classTable}
	for _, a := range tb.Alignments {
		b.align = append(b.align, markdown.AlignClass(a))
	}
	for r := tb.FirstChild(); r != nil; r = r.NextSibling() {
		_, header := r.(*east.TableHeader)
		rw := row{header: header}
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			t := p.tokenizer(false)
			p.node(c, inlineCtx{}, t)
			rw.cells = append(rw.cells, p.take(t))
		}
		b.rows = append(b.rows, rw)
	}
	p.blocks = append(p.blocks, b)
}

// node feeds the words under n to t, in document order.
func (p *blockParser) node(n ast.Node, ctx inlineCtx, t *tokenizer) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			t.text(string(n.Segment.Value(p.src)), ctx)
		} else {
			t.text(resolve(n.Segment.Value(p.src)), ctx)
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			t.space(' ')
		}
		return
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			t.text(string(n.Value), ctx)
		} else {
			t.text(resolve(n.Value), ctx)
		}
		return
	case *ast.CodeSpan:
		ctx.style |= styleCode
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if tx, ok := c.(*ast.Text); ok {
				t.text(string(tx.Segment.Value(p.src)), ctx)
			}
		}
		return
	case *ast.Emphasis:
		if n.Level >= 2 {
			ctx.style |= styleStrong
		} else {
			ctx.style |= styleEm
		}
	case *east.Strikethrough:
		ctx.style |= styleStrike
	case *ast.Link:
		ctx.href = string(n.Destination)
	case *ast.AutoLink:
		ctx.href = string(n.URL(p.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(ctx.href), "mailto:") {
			ctx.href = "mailto:" + ctx.href
		}
		t.text(string(n.Label(p.src)), ctx)
		return
	case *ast.Image:
		// An image reads as its alternative text; its source is part of the
		// context so a replaced image shows as a change.
		ctx = inlineCtx{style: styleImage, href: string(n.Destination)}
	case *ast.RawHTML:
		return // inline raw HTML is tags only; their text is in sibling nodes
	case *east.FootnoteLink:
		t.text("["+strconv.Itoa(n.Index)+"]", ctx) // the page's superscript number
		return
	case *east.FootnoteBacklink:
		return
	case *ast.HTMLBlock:
		t.space(' ')
		var raw []byte
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			raw = append(raw, s.Value(p.src)...)
		}
		if n.HasClosure() {
			raw = append(raw, n.ClosureLine.Value(p.src)...)
		}
		if p.unsafe {
			t.text(stdhtml.UnescapeString(stripTags(string(raw))), ctx)
		}
		t.space(' ')
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		t.space(' ')
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			t.text(string(s.Value(p.src)), ctx)
		}
		t.space(' ')
		return
	}
	if n.Type() == ast.TypeBlock {
		t.space(' ')
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.node(c, ctx, t)
	}
	if n.Type() == ast.TypeBlock {
		t.space(' ')
	}
}

// resolve decodes backslash escapes and entity references the way goldmark
// does when it renders the text.
func resolve(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	html.DefaultWriter.Write(w, v)
	_ = w.Flush() // writes to a bytes.Buffer cannot fail
	return stdhtml.UnescapeString(buf.String())
}

// stripTags returns raw HTML with its tags replaced by spaces.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tokenizer splits inline text into tokens.
type tokenizer struct {
	toks    []token
	pending byte // whitespace seen since the last word
	pre     bool // code block: keep line breaks
}

func (t *tokenizer) space(sep byte) {
	if sep == '\n' && t.pre {
		t.pending = '\n'
	} else if t.pending == 0 {
		t.pending = ' '
	}
}

func (t *tokenizer) text(s string, ctx inlineCtx) {
	// As the page shows it: a control character (NUL too, as CommonMark
	// requires) is U+FFFD.
	s = printable.Page(s)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			if r == '\n' {
				t.space('\n')
			} else {
				t.space(' ')
			}
			s = s[size:]
			continue
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		t.punctuated(s[:end], ctx)
		s = s[end:]
	}
}

// punctuated adds a word with the punctuation before and after it as
// tokens of their own, attached to it (no boundary between), so that
// "advertising" becoming "advertising." is the full stop added, not the
// word changed, and a change of the word leaves its full stop alone.
// Punctuation inside a word ("don't", "e-mail", "3.5") stays in it; a word
// of punctuation alone ("–") is one token.
func (t *tokenizer) punctuated(w string, ctx inlineCtx) {
	core := strings.TrimFunc(w, unicode.IsPunct)
	if core == "" || core == w {
		t.word(w, ctx)
		return
	}
	lead := w[:strings.Index(w, core)]
	trail := w[len(lead)+len(core):]
	if lead != "" {
		t.word(lead, ctx)
		t.attach(core, ctx)
	} else {
		t.word(core, ctx)
	}
	if trail != "" {
		t.attach(trail, ctx)
	}
}

// attach adds a token that follows the one before with no boundary.
func (t *tokenizer) attach(w string, ctx inlineCtx) {
	t.toks = append(t.toks, token{text: w, ctx: ctx, sep: 0})
	t.pending = 0
}

func (t *tokenizer) word(w string, ctx inlineCtx) {
	n := len(t.toks)
	if t.pending == 0 && n > 0 && t.toks[n-1].ctx == ctx {
		// Adjacent pieces of one word in the same markup (goldmark splits
		// text at escapes and entities) stay one word.
		t.toks[n-1].text += w
		return
	}
	sep := t.pending
	if n == 0 {
		// The first word is after a boundary too: a word prepended to a
		// block must not make the old first word look changed.
		sep = ' '
	}
	t.toks = append(t.toks, token{text: w, ctx: ctx, sep: sep})
	t.pending = 0
}

// finish computes the fingerprints the blocks and rows are aligned by.
// The vocab numbers equal tokens and keys alike, so fingerprints of numbers
// are equal exactly when the words are.
func (b *block) finish(v *vocab) {
	k := append(make([]byte, 0, 4+4*len(b.tokens)), b.class...)
	k = append(k, 0)
	for _, t := range b.tokens {
		k = binary.LittleEndian.AppendUint32(k, t.id)
	}
	b.words = b.tokens
	if b.class == classTable {
		b.words = nil
		var rk []byte
		for i := range b.rows {
			r := &b.rows[i]
			rk = append(rk[:0], 0)
			if r.header {
				rk[0] = 1
			}
			for _, c := range r.cells {
				// A cell is its length and its words.
				rk = binary.LittleEndian.AppendUint32(rk, uint32(len(c)))
				for _, t := range c {
					rk = binary.LittleEndian.AppendUint32(rk, t.id)
				}
				r.words = append(r.words, c...)
			}
			r.key = v.key(rk)
			k = binary.LittleEndian.AppendUint32(k, r.key)
			b.words = append(b.words, r.words...)
		}
	}
	b.key = v.key(k)
}
