package docx

import "time"

// Redline is a version of a policy as a Word document in which every
// difference from an earlier version is a tracked change, for a reviewer
// to accept or reject in Word or LibreOffice: accepting all of them gives
// the new version's text, rejecting all of them the old one's. Write
// writes it.
//
// It is plain data: whoever compares the versions fills it in, and only
// this package knows how Word stores it.
type Redline struct {
	// Title is the document's title property (File > Info in Word).
	Title string
	// Language is the BCP 47 tag of the text ("en", "sv", "pt-BR"), so
	// the word processor checks spelling in the right language.
	Language string
	// Author and Date are the author and the date of every change: the
	// site, and the day of the new version.
	Author string
	Date   time.Time
	// Summary, when set, is a short first section on a page of its own:
	// what changed beside the text.
	Summary *Summary
	// Blocks are the policy's text, both versions' blocks in order.
	Blocks []RedlineBlock
}

// Change says whether text, a block or a table row is in both versions,
// only in the new one (Inserted) or only in the old one (Deleted).
type Change uint8

const (
	Unchanged Change = iota
	Inserted
	Deleted
)

// BlockKind is what a RedlineBlock is.
type BlockKind uint8

const (
	ParagraphBlock BlockKind = iota
	HeadingBlock             // Level 1 to 9, in Word's heading styles
	ListItemBlock            // Level 0 (top) to 8, bulleted or Numbered
	TableBlock               // Rows
	QuoteBlock               // a quoted paragraph, in Word's Quote style
	CodeBlock                // preformatted text, line breaks kept
)

// RedlineBlock is one paragraph-like block or table of a redline.
type RedlineBlock struct {
	Kind BlockKind
	// Level is a heading's level (1 to 9) or a list item's nesting (0 to 8).
	Level int
	// Numbered makes a list item numbered rather than bulleted. Number is
	// the item's number in its version; the first item of a list at each
	// level sets where Word starts counting, and Word counts the rest, so
	// accepting or rejecting an item renumbers the ones after it.
	Numbered bool
	Number   int
	// Continued marks the text of a list item after a list nested in it:
	// indented with the item, without a bullet or number of its own.
	Continued bool
	// ID is a heading's id, which links to "#id" point at.
	ID string
	// Change marks a whole block inserted or deleted; its runs and rows
	// are then inserted or deleted with it, whatever their own Change.
	Change Change
	Runs   []Run        // the text of every kind but TableBlock
	Rows   []RedlineRow // TableBlock
}

// RedlineRow is one table row.
type RedlineRow struct {
	// Header marks a header row, which Word repeats on every page.
	Header bool
	Change Change
	Cells  [][]Run
}

// Run is a piece of text of one formatting and one change.
type Run struct {
	// Text may hold line breaks ("\n") and tabs.
	Text         string
	Bold, Italic bool
	// Link is the address the text links to: absolute, or "#id" for a
	// heading of the document.
	Link   string
	Change Change
}

// Summary is the first section of a redline: the changes to the front
// matter and to the processors, which are not part of the text. Its
// labels come in the reader's language from the caller.
type Summary struct {
	Heading    string // "Other changes"
	Fields     []FieldChange
	Processors *ProcessorChanges // nil when no processor changed
}

// FieldChange is one value of the front matter as it was and as it is;
// "" on the side that does not have it.
type FieldChange struct {
	Label    string // "Title", "Effective"
	Old, New string
}

// ProcessorChanges is the table of the processors added, removed and
// changed.
type ProcessorChanges struct {
	Heading string   // "Processors"
	Columns []string // each column's header: "Name", "Location", …
	Rows    []ProcessorChange
}

// ProcessorChange is one processor: added (Inserted, with New), removed
// (Deleted, with Old) or changed (Unchanged, with both). Old and New hold
// the values in the columns' order.
type ProcessorChange struct {
	Change   Change
	Old, New []string
}
