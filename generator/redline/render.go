package redline

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"unicode"

	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// renderer turns aligned blocks into Blocks and counts the words changed.
type renderer struct {
	opts Options
	memo *Memo // nil when the redline is not to use one
	d    *differ
	r    *Redline
}

// out collects one block's HTML, terminal marks and review spans side by
// side.
type out struct {
	rd      *renderer
	html    strings.Builder
	text    []mark
	spans   []span   // with Options.Review
	rows    []rowRun // a table's, with Options.Review
	started bool     // a word was written: later runs need their separator
}

// span adds text of one op and markup to the review spans, joining it to
// the span before when both agree.
func (o *out) span(op op, ctx inlineCtx, s string) {
	if !o.rd.opts.Review || s == "" {
		return
	}
	if n := len(o.spans); n > 0 && o.spans[n-1].op == op && o.spans[n-1].ctx == ctx {
		o.spans[n-1].text += s
		return
	}
	o.spans = append(o.spans, span{op, ctx, s})
}

func (o *out) lit(s string) {
	if o.rd.opts.Terminal {
		o.text = append(o.text, mark{opEqual, s})
	}
}

// block renders one aligned pair; ob or nb is nil for added and removed
// blocks.
func (rd *renderer) block(kind BlockKind, ob, nb *block) Block {
	if kind == Unchanged {
		// Rendering an unchanged block touches no counts, so it can be shared.
		nb.unchangedOnce.Do(func() { nb.unchanged = rd.render(kind, ob, nb) })
		b := nb.unchanged
		if !b.holds(rd.opts) {
			b = rd.render(kind, ob, nb) // shared by a comparison that needed less
		}
		b.Old = ob.plain()
		return b
	}
	if kind != Modified || rd.memo == nil {
		return rd.render(kind, ob, nb)
	}
	key := [2]shape{ob.shape(), nb.shape()}
	if m, ok := rd.memo.blocks[key]; ok && m.work <= rd.d.budget && m.block.holds(rd.opts) {
		// Exactly what computing it again would give: the budget it needs
		// is there, so no diff inside it would have been coarsened.
		rd.d.budget -= m.work
		rd.r.WordsAdded += m.added
		rd.r.WordsRemoved += m.removed
		return m.block
	}
	budget, added, removed := rd.d.budget, rd.r.WordsAdded, rd.r.WordsRemoved
	rd.d.starved = false
	b := rd.render(kind, ob, nb)
	if !rd.d.starved {
		rd.memo.blocks[key] = memoBlock{b, rd.r.WordsAdded - added, rd.r.WordsRemoved - removed, budget - rd.d.budget}
	}
	return b
}

// shape is everything a block's rendering depends on: its words and markup
// (key) and where it stands (heading level, list nesting and numbering,
// its {#id}).
type shape struct {
	key                  uint32
	level, depth, number int
	ordered, cont        bool
	id                   string
	align                string // a table's column alignments
}

func (b *block) shape() shape {
	return shape{key: b.key, level: b.level, depth: b.depth, number: b.number, ordered: b.ordered, cont: b.cont, id: b.id, align: strings.Join(b.align, " ")}
}

// render renders one aligned pair.
func (rd *renderer) render(kind BlockKind, ob, nb *block) Block {
	shape := nb
	if shape == nil {
		shape = ob
	}
	o := &out{rd: rd}
	// Room for the words and some markup, so the HTML is not regrown word
	// by word.
	size := 128
	if kind != Unchanged && ob != nil {
		size += htmlSize(ob.words)
	}
	if nb != nil {
		size += htmlSize(nb.words)
	}
	o.html.Grow(size)
	switch kind {
	case Added:
		o.html.WriteString(`<div class="block-added">`)
	case Removed:
		o.html.WriteString(`<div class="block-removed">`)
	case Modified:
		o.html.WriteString(`<div class="block-modified">`)
	}
	if shape.class == classTable {
		o.table(kind, ob, nb)
	} else {
		open, closing, prefix := wrapper(shape)
		o.html.WriteString(open)
		o.lit(prefix)
		o.content(kind, ob, nb)
		o.html.WriteString(closing)
		if shape.class == classCode {
			o.lit("\n```")
		}
	}
	if kind != Unchanged {
		o.html.WriteString(`</div>`)
	}
	b := Block{Kind: kind, HTML: template.HTML(o.html.String()), text: o.text, terminal: rd.opts.Terminal}
	if rd.opts.Review {
		b.review = &review{form: shape, spans: o.spans, rows: o.rows}
	}
	if ob != nil {
		b.Old = ob.plain()
	}
	if nb != nil {
		b.New = nb.plain()
	}
	if shape.class == classHeading {
		b.level = shape.level
	}
	return b
}

// wrapper returns the HTML around a block's words and its terminal prefix.
// Each block is standalone valid HTML, so a list item is a one-item list.
func wrapper(b *block) (open, closing, prefix string) {
	indent := strings.Repeat("  ", b.depth)
	switch b.class {
	case classHeading:
		n := strconv.Itoa(b.level)
		return "<h" + n + ">", "</h" + n + ">", strings.Repeat("#", b.level) + " "
	case classItem:
		cls := ""
		if b.depth > 0 {
			cls = "level-" + strconv.Itoa(b.depth+1)
		}
		switch {
		case b.cont:
			// Text after a nested list: no bullet of its own.
			return `<ul class="` + strings.TrimSpace("continued "+cls) + `"><li>`, "</li></ul>", indent + "  "
		case b.ordered:
			n := strconv.Itoa(b.number)
			return `<ol start="` + n + `"` + classAttr(cls) + "><li>", "</li></ol>", indent + n + ". "
		}
		return "<ul" + classAttr(cls) + "><li>", "</li></ul>", indent + "- "
	case classQuote:
		return "<blockquote><p>", "</p></blockquote>", "> "
	case classCode:
		return "<pre><code>", "</code></pre>", "```\n"
	case classRule:
		return "<hr>", "", "---"
	}
	return "<p>", "</p>", ""
}

func classAttr(c string) string {
	if c == "" {
		return ""
	}
	return ` class="` + c + `"`
}

// content writes the words of a non-table block.
func (o *out) content(kind BlockKind, ob, nb *block) {
	switch kind {
	case Added:
		o.run(opInsert, nb.tokens, sepOutside)
	case Removed:
		o.run(opDelete, ob.tokens, sepOutside)
	case Unchanged:
		o.run(opEqual, nb.tokens, sepOutside)
	default:
		o.diff(ob.tokens, nb.tokens)
	}
}

// diff writes the word diff of two token sequences.
func (o *out) diff(a, b []*token) {
	type span struct {
		op op
		ts []*token
	}
	var spans []span
	i, j := 0, 0
	for _, e := range o.rd.d.words(a, b) {
		switch e.op {
		case opEqual:
			spans = append(spans, span{opEqual, b[j : j+e.n]})
			i += e.n
			j += e.n
		case opDelete:
			spans = append(spans, span{opDelete, a[i : i+e.n]})
			i += e.n
		case opInsert:
			spans = append(spans, span{opInsert, b[j : j+e.n]})
			j += e.n
		}
	}
	for k := 0; k < len(spans); {
		if spans[k].op == opEqual {
			o.run(opEqual, spans[k].ts, sepOutside)
			k++
			continue
		}
		// A group of edits between two equal runs: a replacement (deleted
		// then inserted, side by side as in a marked-up contract) or a lone
		// deletion or insertion.
		g := k
		for g < len(spans) && spans[g].op != opEqual {
			g++
		}
		group := spans[k:g]
		nextSep := byte(' ')
		if g < len(spans) {
			nextSep = spans[g].ts[0].sep
		}
		switch {
		case len(group) == 2 && group[0].ts[0].sep == group[1].ts[0].sep:
			o.run(group[0].op, group[0].ts, sepOutside)
			o.run(group[1].op, group[1].ts, sepNone)
		case len(group) == 1 && nextSep != 0:
			o.run(group[0].op, group[0].ts, sepOutside)
		default:
			for _, sp := range group {
				o.run(sp.op, sp.ts, sepInside)
			}
		}
		k = g
	}
}

// Where the whitespace before a run goes. It must end up on each side of the
// redline exactly where that side has it: outside the marks when both sides
// share it, inside <ins> or <del> when only one side has it.
type sepPlace int8

const (
	sepOutside sepPlace = iota
	sepInside
	sepNone
)

// run writes a run of tokens that share one op.
func (o *out) run(op op, ts []*token, place sepPlace) {
	if len(ts) == 0 {
		return
	}
	sep := ""
	if o.started && ts[0].sep != 0 {
		sep = string(sepByte(ts[0].sep))
	}
	if place == sepOutside && sep != "" {
		o.html.WriteString(sep)
		o.lit(sep)
		o.span(opEqual, inlineCtx{}, sep)
	}
	switch op {
	case opInsert:
		o.rd.r.WordsAdded += countWords(ts)
		o.html.WriteString("<ins>")
		o.label(o.rd.opts.InsertedLabel)
	case opDelete:
		o.rd.r.WordsRemoved += countWords(ts)
		o.html.WriteString("<del>")
		o.label(o.rd.opts.DeletedLabel)
	}
	// The terminal text, only when asked for: a site build does not need it.
	var txt *strings.Builder
	if o.rd.opts.Terminal {
		txt = &strings.Builder{}
	}
	if place == sepInside {
		o.html.WriteString(sep)
		if txt != nil {
			txt.WriteString(sep)
		}
		o.span(op, inlineCtx{}, sep)
	}
	o.started = true
	var cur inlineCtx
	for k, t := range ts {
		if t.ctx != cur {
			closeCtx(&o.html, cur)
			if txt != nil && cur.href != "" && cur.style&styleImage == 0 {
				txt.WriteString(" <" + cur.href + ">")
			}
		}
		if k > 0 && t.sep != 0 {
			o.html.WriteByte(sepByte(t.sep))
			if txt != nil {
				txt.WriteByte(sepByte(t.sep))
			}
			// As in the HTML: between words of one markup the space is
			// inside it, where the markup changes outside.
			between := cur
			if t.ctx != cur {
				between = inlineCtx{}
			}
			o.span(op, between, string(sepByte(t.sep)))
		}
		if t.ctx != cur {
			openCtx(&o.html, t.ctx)
			cur = t.ctx
		}
		o.html.WriteString(t.html)
		if txt != nil {
			txt.WriteString(t.text)
		}
		o.span(op, t.ctx, t.text)
	}
	closeCtx(&o.html, cur)
	if txt != nil && cur.href != "" && cur.style&styleImage == 0 {
		txt.WriteString(" <" + cur.href + ">")
	}
	switch op {
	case opInsert:
		o.html.WriteString("</ins>")
	case opDelete:
		o.html.WriteString("</del>")
	}
	if txt != nil {
		o.text = append(o.text, mark{op, txt.String()})
	}
}

func (o *out) label(l string) {
	if l == "" {
		return
	}
	o.html.WriteString(`<span class="visually-hidden">`)
	o.html.WriteString(html.EscapeString(l))
	o.html.WriteString(" </span>")
}

func sepByte(s byte) byte {
	if s == '\n' {
		return '\n'
	}
	return ' '
}

// openCtx opens the inline markup of a word, outermost first.
func openCtx(b *strings.Builder, c inlineCtx) {
	if c.href != "" && c.style&styleImage == 0 && safeURL(c.href) {
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(c.href))
		b.WriteString(`">`)
	}
	if c.style&styleImage != 0 {
		// The image is not loaded (a redline requests nothing from
		// elsewhere); its alternative text stands for it.
		b.WriteString(`<span class="image">`)
	}
	if c.style&styleStrong != 0 {
		b.WriteString("<strong>")
	}
	if c.style&styleEm != 0 {
		b.WriteString("<em>")
	}
	if c.style&styleStrike != 0 {
		// <s>, not <del>: <del> is reserved for deletions in a redline.
		b.WriteString("<s>")
	}
	if c.style&styleCode != 0 {
		b.WriteString("<code>")
	}
}

func closeCtx(b *strings.Builder, c inlineCtx) {
	if c.style&styleCode != 0 {
		b.WriteString("</code>")
	}
	if c.style&styleStrike != 0 {
		b.WriteString("</s>")
	}
	if c.style&styleEm != 0 {
		b.WriteString("</em>")
	}
	if c.style&styleStrong != 0 {
		b.WriteString("</strong>")
	}
	if c.style&styleImage != 0 {
		b.WriteString("</span>")
	}
	if c.href != "" && c.style&styleImage == 0 && safeURL(c.href) {
		b.WriteString("</a>")
	}
}

// safeURL reports whether a link target may be rendered as a link: script
// and data URLs are shown as text only. Control characters and spaces are
// ignored the way browsers ignore them when reading the scheme.
func safeURL(u string) bool {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return unicode.ToLower(r)
	}, u)
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(clean, s) {
			return false
		}
	}
	return !gmhtml.IsDangerousURL([]byte(clean))
}

// htmlSize is the length of the words' HTML with a space between each.
func htmlSize(ts []*token) int {
	n := 0
	for _, t := range ts {
		n += len(t.html) + 1
	}
	return n
}

// countWords counts the tokens that hold a letter or a digit, so that
// punctuation split off by markup is not counted as a word.
func countWords(ts []*token) int {
	n := 0
	for _, t := range ts {
		if t.word {
			n++
		}
	}
	return n
}

// table writes a table block. A table is one block whose rows are aligned
// like blocks, so a changed row is marked inside an otherwise intact table.
func (o *out) table(kind BlockKind, ob, nb *block) {
	// Like the page's tables, it scrolls in its own box on a narrow screen,
	// and the box takes keyboard focus so it can be scrolled without a mouse.
	o.html.WriteString(`<div class="table-scroll" tabindex="0"><table><tbody>`)
	// The columns are aligned as on the newer version's page.
	align := ob
	if nb != nil {
		align = nb
	}
	switch kind {
	case Added:
		for _, r := range nb.rows {
			o.row(Added, nil, &r, align.align)
		}
	case Removed:
		for _, r := range ob.rows {
			o.row(Removed, &r, nil, align.align)
		}
	case Unchanged:
		for _, r := range nb.rows {
			o.row(Unchanged, nil, &r, align.align)
		}
	default:
		ka := make([]uint32, len(ob.rows))
		for i, r := range ob.rows {
			ka[i] = r.key
		}
		kb := make([]uint32, len(nb.rows))
		for i, r := range nb.rows {
			kb[i] = r.key
		}
		pairs := o.rd.d.align(ka, kb, func(i, j int) bool { return true },
			func(i int) []*token { return ob.rows[i].words },
			func(j int) []*token { return nb.rows[j].words })
		for _, p := range pairs {
			var ra, rb *row
			if p.old >= 0 {
				ra = &ob.rows[p.old]
			}
			if p.new >= 0 {
				rb = &nb.rows[p.new]
			}
			o.row(p.kind, ra, rb, align.align)
		}
	}
	o.html.WriteString("</tbody></table></div>")
}

// row writes one table row; cells of a modified row are diffed by
// position. align holds the class of each column (markdown.AlignClass).
func (o *out) row(kind BlockKind, ra, rb *row, align []string) {
	switch kind {
	case Added:
		o.html.WriteString(`<tr class="row-added">`)
	case Removed:
		o.html.WriteString(`<tr class="row-removed">`)
	default:
		o.html.WriteString("<tr>")
	}
	if len(o.text) > 0 {
		o.lit("\n")
	}
	header := (ra != nil && ra.header) || (rb != nil && rb.header)
	n := 0
	if ra != nil {
		n = len(ra.cells)
	}
	if rb != nil && len(rb.cells) > n {
		n = len(rb.cells)
	}
	o.lit("|")
	rr := rowRun{kind: kind, header: header}
	for c := 0; c < n; c++ {
		class := ""
		if c < len(align) && align[c] != "" {
			class = ` class="` + align[c] + `"`
		}
		if header {
			o.html.WriteString(`<th scope="col"` + class + `>`)
		} else {
			o.html.WriteString("<td" + class + ">")
		}
		o.lit(" ")
		var a, b []*token
		if ra != nil && c < len(ra.cells) {
			a = ra.cells[c]
		}
		if rb != nil && c < len(rb.cells) {
			b = rb.cells[c]
		}
		// A cell starts a fresh run: no whitespace before its first word.
		cell := &out{rd: o.rd}
		switch kind {
		case Added:
			cell.run(opInsert, b, sepOutside)
		case Removed:
			cell.run(opDelete, a, sepOutside)
		case Unchanged:
			cell.run(opEqual, b, sepOutside)
		default:
			cell.diff(a, b)
		}
		o.html.WriteString(cell.html.String())
		o.text = append(o.text, cell.text...)
		rr.cells = append(rr.cells, cell.spans)
		if header {
			o.html.WriteString("</th>")
		} else {
			o.html.WriteString("</td>")
		}
		o.lit(" |")
	}
	o.html.WriteString("</tr>")
	if o.rd.opts.Review {
		o.rows = append(o.rows, rr)
	}
}

// plain is the block's normalized text.
func (b *block) plain() string {
	b.plainOnce.Do(func() { b.plainText = b.computePlain() })
	return b.plainText
}

func (b *block) computePlain() string {
	if b.class != classTable {
		return plainText(b.tokens)
	}
	var parts []string
	for _, r := range b.rows {
		for _, c := range r.cells {
			if s := plainText(c); s != "" {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, " ")
}
