package docx

import (
	"net/url"
	"strconv"
	"strings"
)

// Page setup: A4 with margins of one inch, in twentieths of a point.
const (
	pageWidth  = 11906
	pageHeight = 16838
	pageMargin = 1440
	textWidth  = pageWidth - 2*pageMargin
)

// bodyWriter writes the main document part and collects what other parts
// refer to: the links' relationships and the lists' definitions.
type bodyWriter struct {
	r      *Redline
	x      *xmlWriter
	date   string
	nextID int // of revisions and bookmarks

	links   []string          // external addresses, in the order of their relationship ids
	linkIDs map[string]string // address -> relationship id

	lists []*list
	list  *list // the list the previous block belongs to; nil after any other block
}

// list is one list of the document: each of its levels is bulleted or
// numbered, and counts from a start.
type list struct {
	id       int     // its w:numId
	set      [9]bool // the level's kind and start are fixed by its first item
	numbered [9]bool
	start    [9]int
}

// The relationships of the main part before the links'.
const (
	relStyles    = "rId1"
	relSettings  = "rId2"
	relNumbering = "rId3"
	firstLinkRel = 4
)

func newBodyWriter(r *Redline) *bodyWriter {
	b := &bodyWriter{r: r, linkIDs: map[string]string{}}
	if !r.Date.IsZero() {
		b.date = r.Date.UTC().Format(w3cdtf)
	}
	return b
}

func (b *bodyWriter) document() ([]byte, error) {
	b.x = newXMLWriter()
	b.x.start("w:document", "xmlns:w", nsW, "xmlns:r", nsR)
	b.x.start("w:body")
	if s := b.r.Summary; s != nil {
		b.blocks(summaryBlocks(s))
		// The summary is a section of its own: Word starts the text on a
		// new page after it.
		b.x.start("w:p")
		b.x.start("w:pPr")
		b.sectionProperties()
		b.x.end()
		b.x.end()
	}
	b.blocks(b.r.Blocks)
	b.sectionProperties()
	b.x.end()
	b.x.end()
	return b.x.bytes()
}

func (b *bodyWriter) sectionProperties() {
	b.x.start("w:sectPr")
	b.x.empty("w:pgSz", "w:w", strconv.Itoa(pageWidth), "w:h", strconv.Itoa(pageHeight))
	m := strconv.Itoa(pageMargin)
	b.x.empty("w:pgMar", "w:top", m, "w:right", m, "w:bottom", m, "w:left", m, "w:header", "708", "w:footer", "708", "w:gutter", "0")
	b.x.end()
}

// summaryBlocks lays the summary out as blocks: its heading, a paragraph
// per front matter value and a table of the processors.
func summaryBlocks(s *Summary) []RedlineBlock {
	var out []RedlineBlock
	if s.Heading != "" {
		out = append(out, RedlineBlock{Kind: HeadingBlock, Level: 1, Runs: []Run{{Text: s.Heading}}})
	}
	for _, f := range s.Fields {
		runs := append([]Run{{Text: f.Label + ": ", Bold: true}}, valueRuns(f.Old, f.New)...)
		out = append(out, RedlineBlock{Kind: ParagraphBlock, Runs: runs})
	}
	if p := s.Processors; p != nil {
		if p.Heading != "" {
			out = append(out, RedlineBlock{Kind: HeadingBlock, Level: 2, Runs: []Run{{Text: p.Heading}}})
		}
		t := RedlineBlock{Kind: TableBlock}
		header := RedlineRow{Header: true}
		for _, c := range p.Columns {
			header.Cells = append(header.Cells, []Run{{Text: c}})
		}
		t.Rows = append(t.Rows, header)
		for _, pc := range p.Rows {
			row := RedlineRow{Change: pc.Change}
			for i := range max(len(pc.Old), len(pc.New), len(p.Columns)) {
				old, new := at(pc.Old, i), at(pc.New, i)
				switch pc.Change {
				case Inserted:
					old = new
				case Deleted:
					new = old
				}
				row.Cells = append(row.Cells, valueRuns(old, new))
			}
			t.Rows = append(t.Rows, row)
		}
		out = append(out, t)
	}
	return out
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// valueRuns shows a value that changed as the old one deleted and the new
// one inserted; a value that did not as itself.
func valueRuns(old, new string) []Run {
	if old == new {
		return []Run{{Text: new}}
	}
	var runs []Run
	if old != "" && new != "" {
		old += " " // the two values read apart
	}
	if old != "" {
		runs = append(runs, Run{Text: old, Change: Deleted})
	}
	if new != "" {
		runs = append(runs, Run{Text: new, Change: Inserted})
	}
	return runs
}

func (b *bodyWriter) blocks(blocks []RedlineBlock) {
	for i, blk := range blocks {
		if blk.Kind == TableBlock {
			b.list = nil
			if len(blk.Rows) == 0 {
				continue // Word refuses a table without rows
			}
			b.table(blk)
			// Word joins tables that touch, and a document's body ends
			// with a paragraph: an empty one keeps both right.
			if i+1 == len(blocks) || blocks[i+1].Kind == TableBlock {
				b.x.empty("w:p")
			}
			continue
		}
		b.paragraph(blk)
	}
}

// paragraph writes a block of any kind but a table.
func (b *bodyWriter) paragraph(blk RedlineBlock) {
	x := b.x
	x.start("w:p")
	x.start("w:pPr")
	switch blk.Kind {
	case HeadingBlock:
		x.empty("w:pStyle", "w:val", headingStyle(min(max(blk.Level, 1), 9)))
	case ListItemBlock:
		level := min(max(blk.Level, 0), 8)
		x.empty("w:pStyle", "w:val", styleList)
		if blk.Continued {
			x.empty("w:ind", "w:left", indent(level))
		} else {
			x.start("w:numPr")
			x.empty("w:ilvl", "w:val", strconv.Itoa(level))
			x.empty("w:numId", "w:val", strconv.Itoa(b.listItem(blk, level)))
			x.end()
		}
	case QuoteBlock:
		x.empty("w:pStyle", "w:val", styleQuote)
	case CodeBlock:
		x.empty("w:pStyle", "w:val", styleCode)
	}
	if blk.Kind != ListItemBlock {
		b.list = nil
	}
	if blk.Change != Unchanged {
		// The paragraph mark is inserted or deleted too: rejecting an
		// inserted paragraph (or accepting a deleted one) removes it
		// whole, not only its words.
		x.start("w:rPr")
		b.revisionMark(blk.Change)
		x.end()
	}
	x.end()
	id := ""
	if blk.Kind == HeadingBlock && blk.ID != "" {
		id = b.id()
		x.empty("w:bookmarkStart", "w:id", id, "w:name", blk.ID)
	}
	b.runs(blk.Runs, blk.Change, false)
	if id != "" {
		x.empty("w:bookmarkEnd", "w:id", id)
	}
	x.end()
}

// listItem returns the numbering id of the list a list item belongs to:
// the list of the item before it, or a new one after any other block or
// where a list of the other kind starts.
func (b *bodyWriter) listItem(blk RedlineBlock, level int) int {
	l := b.list
	if l == nil || level == 0 && l.set[0] && l.numbered[0] != blk.Numbered {
		l = &list{id: len(b.lists) + 1}
		b.lists = append(b.lists, l)
		b.list = l
	}
	if !l.set[level] {
		l.set[level] = true
		l.numbered[level] = blk.Numbered
		l.start[level] = 1
		if blk.Numbered && blk.Number > 0 {
			l.start[level] = blk.Number
		}
	}
	return l.id
}

func (b *bodyWriter) table(blk RedlineBlock) {
	x := b.x
	columns := 1
	for _, r := range blk.Rows {
		columns = max(columns, len(r.Cells))
	}
	width := strconv.Itoa(textWidth / columns)
	x.start("w:tbl")
	x.start("w:tblPr")
	x.empty("w:tblStyle", "w:val", styleTable)
	x.empty("w:tblW", "w:w", "5000", "w:type", "pct")
	x.empty("w:tblLook", "w:val", "04A0")
	x.end()
	x.start("w:tblGrid")
	for range columns {
		x.empty("w:gridCol", "w:w", width)
	}
	x.end()
	for _, row := range blk.Rows {
		change := row.Change
		if blk.Change != Unchanged {
			change = blk.Change
		}
		x.start("w:tr")
		if row.Header || change != Unchanged {
			x.start("w:trPr")
			if row.Header {
				x.empty("w:tblHeader")
			}
			b.revisionMark(change)
			x.end()
		}
		for i := range columns {
			x.start("w:tc")
			x.start("w:tcPr")
			x.empty("w:tcW", "w:w", width, "w:type", "dxa")
			x.end()
			x.start("w:p")
			if i < len(row.Cells) {
				b.runs(row.Cells[i], change, row.Header)
			}
			x.end()
			x.end()
		}
		x.end()
	}
	x.end()
}

// revisionMark writes the w:ins or w:del that marks a paragraph mark or a
// table row; nothing for Unchanged.
func (b *bodyWriter) revisionMark(c Change) {
	if name := revisionElement(c); name != "" {
		b.x.empty(name, b.revisionAttrs()...)
	}
}

func revisionElement(c Change) string {
	switch c {
	case Inserted:
		return "w:ins"
	case Deleted:
		return "w:del"
	}
	return ""
}

func (b *bodyWriter) revisionAttrs() []string {
	attrs := []string{"w:id", b.id(), "w:author", b.r.Author}
	if b.date != "" {
		attrs = append(attrs, "w:date", b.date)
	}
	return attrs
}

func (b *bodyWriter) id() string {
	id := strconv.Itoa(b.nextID)
	b.nextID++
	return id
}

// runs writes a paragraph's runs: those of one link together in a
// hyperlink, those of one change together in a revision inside it. A
// block's own change (force), when set, is every run's.
func (b *bodyWriter) runs(runs []Run, force Change, bold bool) {
	x := b.x
	for i := 0; i < len(runs); {
		link := runs[i].Link
		j := i
		for j < len(runs) && runs[j].Link == link {
			j++
		}
		open := b.hyperlink(link)
		for k := i; k < j; {
			change := runs[k].Change
			if force != Unchanged {
				change = force
			}
			m := k
			for m < j && (force != Unchanged || runs[m].Change == change) {
				m++
			}
			rev := revisionElement(change)
			if rev != "" {
				x.start(rev, b.revisionAttrs()...)
			}
			for _, r := range runs[k:m] {
				b.run(r, change == Deleted, open, bold)
			}
			if rev != "" {
				x.end()
			}
			k = m
		}
		if open {
			x.end()
		}
		i = j
	}
}

// hyperlink opens a w:hyperlink for link and reports whether it did: an
// address that is no URL is left as text.
func (b *bodyWriter) hyperlink(link string) bool {
	if link == "" {
		return false
	}
	if anchor, ok := strings.CutPrefix(link, "#"); ok {
		if anchor == "" {
			return false
		}
		b.x.start("w:hyperlink", "w:anchor", anchor, "w:history", "1")
		return true
	}
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.String() == "" {
		return false
	}
	addr := u.String()
	id, ok := b.linkIDs[addr]
	if !ok {
		id = "rId" + strconv.Itoa(firstLinkRel+len(b.links))
		b.linkIDs[addr] = id
		b.links = append(b.links, addr)
	}
	b.x.start("w:hyperlink", "r:id", id, "w:history", "1")
	return true
}

// run writes one w:r; deleted text is w:delText, as Word requires.
func (b *bodyWriter) run(r Run, deleted, link, bold bool) {
	x := b.x
	x.start("w:r")
	if link || r.Bold || bold || r.Italic {
		x.start("w:rPr")
		if link {
			x.empty("w:rStyle", "w:val", styleLink)
		}
		if r.Bold || bold {
			x.empty("w:b")
		}
		if r.Italic {
			x.empty("w:i")
		}
		x.end()
	}
	textEl := "w:t"
	if deleted {
		textEl = "w:delText"
	}
	text := strings.ReplaceAll(r.Text, "\r\n", "\n")
	for text != "" {
		cut := strings.IndexAny(text, "\n\t\r")
		if cut < 0 {
			x.element(textEl, text, "xml:space", "preserve")
			break
		}
		if cut > 0 {
			x.element(textEl, text[:cut], "xml:space", "preserve")
		}
		switch text[cut] {
		case '\n', '\r':
			x.empty("w:br")
		case '\t':
			x.empty("w:tab")
		}
		text = text[cut+1:]
	}
	x.end()
}

// relationships are the main part's: styles, settings, numbering and
// every link's address.
func (b *bodyWriter) relationships() ([]byte, error) {
	x := newXMLWriter()
	x.start("Relationships", "xmlns", nsRels)
	x.empty("Relationship", "Id", relStyles, "Type", relType+"styles", "Target", "styles.xml")
	x.empty("Relationship", "Id", relSettings, "Type", relType+"settings", "Target", "settings.xml")
	if len(b.lists) > 0 {
		x.empty("Relationship", "Id", relNumbering, "Type", relType+"numbering", "Target", "numbering.xml")
	}
	for i, addr := range b.links {
		x.empty("Relationship", "Id", "rId"+strconv.Itoa(firstLinkRel+i), "Type", relType+"hyperlink", "Target", addr, "TargetMode", "External")
	}
	x.end()
	return x.bytes()
}
