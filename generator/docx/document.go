// Package docx knows Word documents (.docx, Office Open XML
// WordprocessingML). It reads one into plain structure — headings,
// paragraphs with their emphasis and links, numbered and bulleted lists,
// tables, footnotes — resolving what Word stores indirectly (styles,
// numbering definitions, relationships, fields, tracked changes), so that
// nothing outside this package needs to know OOXML. And it writes a
// Redline: a version of a policy whose changes from an earlier one are
// Word's own tracked changes, for lawyers to review where they work.
//
// Only the standard library is used (archive/zip and encoding/xml): a
// .docx is read the same on every computer, with nothing to install.
package docx

// Document is the text of a Word document.
type Document struct {
	// Title is the document property "Title" (File > Info), often left
	// as a template's name; a paragraph styled Title is in Blocks.
	Title  string
	Blocks []Block
	// Notes are the footnotes and endnotes, numbered in the order the
	// text refers to them.
	Notes []Note

	// What reading left out or decided, for the reader's warnings.
	TrackedChanges int  // revisions accepted as they stand (insertions kept, deletions dropped)
	Comments       int  // comments left out
	Drawings       int  // pictures, charts and text boxes left out
	Contents       bool // a table of contents was left out
}

// Block is a Paragraph or a Table.
type Block interface{ block() }

// Paragraph is one paragraph of text.
type Paragraph struct {
	// Style is the name of the paragraph's style as Word stores it
	// ("heading 1", "Title", "List Paragraph"); "" for Normal.
	Style string
	// Heading is the outline level, 1 to 9, of a heading; 0 for body text.
	Heading int
	// Title reports a paragraph styled as the document's title.
	Title bool
	// List is the paragraph's numbering, nil when it has none.
	List    *Numbering
	Inlines []Inline
	// Bookmarks are the names of the bookmarks that start in the
	// paragraph, which internal links (Inline.Anchor) point at.
	Bookmarks []string
}

// Numbering is how a numbered or bulleted paragraph is labelled.
type Numbering struct {
	List   string // paragraphs that continue one list share it
	Level  int    // nesting, from 0
	Bullet bool
	// Label is the number or bullet as Word shows it: "3.", "2.1", "(a)", "•".
	Label string
	// Number is the item's count at its level, from the list's start.
	Number int
	// Plain reports a decimal label that is the number followed by "." or
	// ")" alone, as a Markdown or HTML ordered list writes it.
	Plain bool
}

// Inline is a run of text with one formatting, or a break or a note's mark.
type Inline struct {
	Text                 string
	Bold, Italic, Strike bool
	Link                 string // an external link's address
	Anchor               string // the bookmark an internal link points at
	Break                bool   // a line break within the paragraph; Text is empty
	Note                 int    // the number of the footnote or endnote referred to here; Text is empty
}

// Table is a table, row by row.
type Table struct{ Rows []Row }

// Row is a table row. Header reports a row Word repeats at the top of each
// page, which marks the header rows.
type Row struct {
	Header bool
	Cells  []Cell
}

// Cell is a table cell. Span is the number of grid columns it covers (at
// least 1); Merged reports a cell that continues the one above it
// (vertically merged), whose text is in that one.
type Cell struct {
	Blocks []Block
	Span   int
	Merged bool
}

// Note is a footnote or endnote.
type Note struct {
	Number int
	Blocks []Block
}

func (*Paragraph) block() {}
func (*Table) block()     {}

// Text returns the paragraph's text, its breaks as spaces.
func (p *Paragraph) Text() string {
	var b []byte
	for _, in := range p.Inlines {
		if in.Break {
			b = append(b, ' ')
		}
		b = append(b, in.Text...)
	}
	return string(b)
}
