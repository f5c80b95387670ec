package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// reader walks the main document part, keeping what spans paragraphs:
// list counts, open fields, notes met so far.
type reader struct {
	styles              *styles
	numbering           *numbering
	links               map[string]string // relationship id -> external address
	footnotes, endnotes *node
	notes               map[string]*Note // "f3", "e1" -> the note, numbered when first referred to
	order               []*Note
	fields              []field // complex fields open at this point, innermost last
	comments            map[string]bool
	doc                 *Document
	// bookmarks started between paragraphs, as pandoc writes them before
	// a heading, belong to the next paragraph.
	bookmarks []string
}

// field is a complex field (w:fldChar begin … separate … end): the runs
// before "separate" are its instruction, those after its result.
type field struct {
	instr  string
	result bool
	link   string // HYPERLINK "address"
	anchor string // HYPERLINK \l "bookmark"
	toc    bool   // a table of contents, which is left out
}

// format is the emphasis a run inherits.
type format struct{ bold, italic, strike bool }

func (r *reader) read(body *node) *Document {
	r.doc = &Document{}
	r.comments = map[string]bool{}
	r.doc.Blocks = r.blocks(body)
	for _, n := range r.order {
		r.doc.Notes = append(r.doc.Notes, *n)
	}
	r.doc.Comments = len(r.comments)
	return r.doc
}

// blocks reads the paragraphs and tables among parent's children.
func (r *reader) blocks(parent *node) []Block {
	if parent == nil {
		return nil
	}
	var out []Block
	for _, n := range parent.kids {
		switch {
		case n.is("p"):
			if p := r.paragraph(n); p != nil {
				out = append(out, p)
			}
		case n.is("tbl"):
			if t := r.table(n); t != nil {
				out = append(out, t)
			}
		case n.is("sdt"):
			if isContents(n) {
				r.doc.Contents = true
				continue
			}
			out = append(out, r.blocks(n.child("sdtContent"))...)
		case n.is("customXml"), n.is("smartTag"):
			out = append(out, r.blocks(n)...)
		case n.is("ins"), n.is("moveTo"):
			r.doc.TrackedChanges++
			out = append(out, r.blocks(n)...)
		case n.is("del"), n.is("moveFrom"):
			r.doc.TrackedChanges++
		case n.is("bookmarkStart"):
			if name := n.attr("name"); name != "" && name != "_GoBack" {
				r.bookmarks = append(r.bookmarks, name)
			}
		}
	}
	return out
}

// isContents reports a content control holding a table of contents.
func isContents(sdt *node) bool {
	g := sdt.path("sdtPr", "docPartObj", "docPartGallery")
	return g != nil && strings.EqualFold(g.attr("val"), "Table of Contents")
}

// paragraph reads a w:p, or returns nil for one with no text to show.
func (r *reader) paragraph(n *node) *Paragraph {
	ppr := n.child("pPr")
	styleID := ppr.child("pStyle").attr("val")
	if styleID == "" {
		styleID = r.styles.defaultP
	}
	p := &Paragraph{
		Heading:   r.styles.heading(styleID),
		Title:     r.styles.is(styleID, "Title"),
		Bookmarks: r.bookmarks,
	}
	if styleID != r.styles.defaultP {
		p.Style = r.styles.name(styleID)
	}
	if o := ppr.child("outlineLvl"); o != nil {
		if lvl := o.number(9); lvl < 9 {
			p.Heading = lvl + 1
		} else {
			p.Heading = 0 // level 9 is Word's "body text"
		}
	}
	contents := r.styles.isContents(styleID) || r.inContents()

	numID, lvl := r.styles.numbering(styleID)
	if num := ppr.child("numPr"); num != nil {
		if id := num.child("numId"); id != nil {
			numID = id.attr("val")
		}
		if l := num.child("ilvl"); l != nil {
			lvl = l.attr("val")
		}
	}
	level, _ := strconv.Atoi(lvl)

	var base format
	if p.Heading == 0 && !p.Title {
		base.bold, base.italic = r.styles.emphasis(styleID)
	}
	p.Inlines = merge(r.inlines(n, base, "", "", p))
	if contents || r.inContents() {
		r.doc.Contents = true
		return nil
	}
	if !hasText(p.Inlines) {
		r.bookmarks = p.Bookmarks // they mark the next paragraph with text
		return nil
	}
	r.bookmarks = nil
	if numID != "" && numID != "0" {
		p.List = r.numbering.next(numID, level)
	}
	return p
}

// inContents reports whether a table-of-contents field is open: its
// result, the entries Word generated, is left out.
func (r *reader) inContents() bool {
	for _, f := range r.fields {
		if f.toc {
			return true
		}
	}
	return false
}

func hasText(ins []Inline) bool {
	for _, in := range ins {
		if strings.TrimSpace(in.Text) != "" || in.Note > 0 {
			return true
		}
	}
	return false
}

// inlines reads the runs among parent's children; link and anchor are the
// hyperlink they are inside of, p the paragraph collecting bookmarks.
func (r *reader) inlines(parent *node, f format, link, anchor string, p *Paragraph) []Inline {
	var out []Inline
	for _, n := range parent.kids {
		switch {
		case n.is("r"):
			out = append(out, r.run(n, f, link, anchor)...)
		case n.is("hyperlink"):
			l, a := link, anchor
			if id := n.relAttr("id"); id != "" {
				l, a = r.links[id], ""
			}
			if bm := n.attr("anchor"); bm != "" {
				l, a = "", bm
			}
			out = append(out, r.inlines(n, f, l, a, p)...)
		case n.is("ins"), n.is("moveTo"):
			r.doc.TrackedChanges++
			out = append(out, r.inlines(n, f, link, anchor, p)...)
		case n.is("del"), n.is("moveFrom"):
			r.doc.TrackedChanges++
		case n.is("fldSimple"):
			fl := parseField(n.attr("instr"))
			l, a := link, anchor
			if fl.link != "" || fl.anchor != "" {
				l, a = fl.link, fl.anchor
			}
			if !fl.toc {
				out = append(out, r.inlines(n, f, l, a, p)...)
			}
		case n.is("sdt"):
			out = append(out, r.inlines(n.child("sdtContent"), f, link, anchor, p)...)
		case n.is("smartTag"), n.is("customXml"), n.is("bdo"), n.is("dir"):
			out = append(out, r.inlines(n, f, link, anchor, p)...)
		case n.is("bookmarkStart"):
			if name := n.attr("name"); name != "" && name != "_GoBack" && p != nil {
				p.Bookmarks = append(p.Bookmarks, name)
			}
		case n.is("commentRangeStart"):
			r.comments[n.attr("id")] = true
		case n.local == "oMath" || n.local == "oMathPara":
			out = append(out, Inline{Text: mathText(n), Bold: f.bold, Italic: f.italic, Link: link, Anchor: anchor})
		}
	}
	return out
}

// mathText is the text of an equation, its symbols in reading order.
func mathText(n *node) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		if n.local == "t" {
			b.WriteString(n.text)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// run reads a w:r.
func (r *reader) run(n *node, f format, link, anchor string) []Inline {
	rpr := n.child("rPr")
	if rpr.child("vanish").on() || rpr.child("webHidden").on() {
		return nil // hidden text is not part of what a reader sees
	}
	if style := rpr.child("rStyle").attr("val"); style != "" {
		b, i := r.styles.emphasis(style)
		f.bold, f.italic = f.bold || b, f.italic || i
	}
	if b := rpr.child("b"); b != nil {
		f.bold = b.on()
	}
	if i := rpr.child("i"); i != nil {
		f.italic = i.on()
	}
	if s := rpr.child("strike"); s != nil {
		f.strike = s.on()
	}
	if s := rpr.child("dstrike"); s != nil && s.on() {
		f.strike = true
	}
	var out []Inline
	text := func(s string) {
		if r.inInstruction() || r.inContents() {
			return
		}
		l, a := link, anchor
		for i := len(r.fields) - 1; i >= 0; i-- {
			if fl := r.fields[i]; fl.result && (fl.link != "" || fl.anchor != "") {
				l, a = fl.link, fl.anchor
				break
			}
		}
		out = append(out, Inline{Text: s, Bold: f.bold, Italic: f.italic, Strike: f.strike, Link: l, Anchor: a})
	}
	for _, k := range n.kids {
		switch {
		case k.is("t"):
			text(k.text)
		case k.is("tab"), k.is("ptab"):
			text(" ")
		case k.is("br"), k.is("cr"):
			if t := k.attr("type"); t == "page" || t == "column" {
				text(" ")
			} else if !r.inInstruction() && !r.inContents() {
				out = append(out, Inline{Break: true})
			}
		case k.is("noBreakHyphen"):
			text("-")
		case k.is("sym"):
			if c, err := strconv.ParseUint(k.attr("char"), 16, 32); err == nil && utf8.ValidRune(rune(c)) && !(c >= 0xe000 && c <= 0xf8ff) && c >= 0x20 {
				text(string(rune(c)))
			}
		case k.is("fldChar"):
			r.fieldChar(k.attr("fldCharType"))
		case k.is("instrText"):
			if len(r.fields) > 0 && !r.fields[len(r.fields)-1].result {
				r.fields[len(r.fields)-1].instr += k.text
			}
		case k.is("footnoteReference"), k.is("endnoteReference"):
			if num := r.note(k); num > 0 && !r.inContents() {
				out = append(out, Inline{Note: num})
			}
		case k.is("drawing"), k.is("pict"), k.is("object"), k.local == "AlternateContent":
			r.doc.Drawings++
		}
	}
	return out
}

// inInstruction reports whether the runs read now are a field's
// instruction, which Word does not show.
func (r *reader) inInstruction() bool {
	for _, f := range r.fields {
		if !f.result {
			return true
		}
	}
	return false
}

// fieldChar opens, separates or closes a complex field.
func (r *reader) fieldChar(typ string) {
	switch typ {
	case "begin":
		if len(r.fields) < maxDepth {
			r.fields = append(r.fields, field{})
		}
	case "separate":
		if n := len(r.fields); n > 0 && !r.fields[n-1].result {
			f := parseField(r.fields[n-1].instr)
			f.result = true
			r.fields[n-1] = f
		}
	case "end":
		if n := len(r.fields); n > 0 {
			r.fields = r.fields[:n-1]
		}
	}
}

// parseField reads a field instruction: HYPERLINK "address", HYPERLINK \l
// "bookmark", TOC …; other fields only show their result.
func parseField(instr string) field {
	words := fieldWords(instr)
	f := field{instr: instr}
	if len(words) == 0 {
		return f
	}
	switch strings.ToUpper(words[0]) {
	case "TOC":
		f.toc = true
	case "HYPERLINK":
		for i := 1; i < len(words); i++ {
			switch w := words[i]; {
			case w == `\l` && i+1 < len(words):
				f.anchor = words[i+1]
				i++
			case (w == `\o` || w == `\t` || w == `\m`) && i+1 < len(words):
				i++ // a tooltip or a target frame
			case strings.HasPrefix(w, `\`):
			case f.link == "":
				f.link = w
			}
		}
		if f.anchor != "" {
			f.link = "" // an address with \l is a file's bookmark; the bookmark is what the text links
		}
	}
	return f
}

// fieldWords splits a field instruction into words, quoted ones whole.
func fieldWords(s string) []string {
	var words []string
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return words
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(words, s[1:])
			}
			words = append(words, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t\r\n")
		if end < 0 {
			return append(words, s)
		}
		words = append(words, s[:end])
		s = s[end:]
	}
}

// note returns the number of the footnote or endnote a reference points
// at, reading the note the first time it is referred to; 0 when it has none.
func (r *reader) note(ref *node) int {
	id := ref.attr("id")
	part, key := r.footnotes, "f"+id
	if ref.is("endnoteReference") {
		part, key = r.endnotes, "e"+id
	}
	if n, ok := r.notes[key]; ok {
		return n.Number
	}
	if part == nil {
		return 0
	}
	var el *node
	for _, list := range part.kids {
		for _, k := range list.kids {
			if (k.is("footnote") || k.is("endnote")) && k.attr("id") == id {
				el = k
			}
		}
	}
	if el == nil {
		return 0
	}
	note := &Note{Number: len(r.order) + 1}
	r.notes[key] = note
	r.order = append(r.order, note)
	// A note is read in the middle of a paragraph: the fields open there
	// are not the note's.
	open := r.fields
	r.fields = nil
	note.Blocks = r.blocks(el)
	r.fields = open
	return note.Number
}

// table reads a w:tbl.
func (r *reader) table(n *node) *Table {
	t := &Table{}
	for _, tr := range rows(n) {
		trPr := tr.child("trPr")
		if trPr.child("del") != nil {
			r.doc.TrackedChanges++
			continue
		}
		row := Row{Header: trPr.child("tblHeader").on()}
		for _, tc := range cells(tr) {
			tcPr := tc.child("tcPr")
			cell := Cell{Span: max(1, tcPr.child("gridSpan").number(1))}
			if vm := tcPr.child("vMerge"); vm != nil && vm.attr("val") != "restart" {
				cell.Merged = true
			}
			cell.Blocks = r.blocks(tc)
			row.Cells = append(row.Cells, cell)
		}
		if len(row.Cells) > 0 {
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

// rows returns a table's rows, also those inside content controls.
func rows(n *node) []*node { return wrapped(n, "tr") }

// cells returns a row's cells, also those inside content controls.
func cells(n *node) []*node { return wrapped(n, "tc") }

// wrapped returns n's children named local, and those that content
// controls and custom XML wrap.
func wrapped(n *node, local string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		switch {
		case k.is(local):
			out = append(out, k)
		case k.is("sdt"):
			out = append(out, wrapped(k.child("sdtContent"), local)...)
		case k.is("customXml"):
			out = append(out, wrapped(k, local)...)
		}
	}
	return out
}

// merge joins neighbouring runs of one formatting, which Word splits at
// every edit, spell check and language change.
func merge(ins []Inline) []Inline {
	var out []Inline
	for _, in := range ins {
		if n := len(out); n > 0 && !in.Break && in.Note == 0 && !out[n-1].Break && out[n-1].Note == 0 &&
			in.Bold == out[n-1].Bold && in.Italic == out[n-1].Italic && in.Strike == out[n-1].Strike &&
			in.Link == out[n-1].Link && in.Anchor == out[n-1].Anchor {
			out[n-1].Text += in.Text
			continue
		}
		out = append(out, in)
	}
	return out
}
