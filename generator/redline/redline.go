// Package redline computes what changed between two versions of a policy
// and renders it the way a lawyer marks up a contract: the versions are
// aligned block by block (headings, paragraphs, list items, table rows),
// then word by word inside the blocks that changed, and the result is
// grouped into sections so a page can show only what changed, in context.
//
// The diffs are computed by github.com/sergi/go-diff/diffmatchpatch over
// sequences of words or blocks, each mapped to one rune.
package redline

import (
	"html/template"
	"slices"
	"strings"

	"github.com/policygen/gen/generator/markdown"
)

// Options says how to read and label a redline.
type Options struct {
	// UnsafeHTML has the meaning of site.toml's unsafe_html: when false, raw
	// HTML in the Markdown is left out of the redline.
	UnsafeHTML bool
	// InsertedLabel and DeletedLabel announce inserted and deleted text to
	// screen readers (in visually hidden text), localized by the caller,
	// e.g. "inserted:" and "deleted:". Empty labels are left out.
	InsertedLabel, DeletedLabel string
	// Terminal also keeps the plain-text rendering WriteText prints; a site
	// build, which only needs the HTML, leaves it off and saves the work.
	Terminal bool
	// Review also keeps each block's form and its text as runs of one
	// change and one markup, which Docx and Markdown write; a site build
	// leaves it off.
	Review bool
	// Memo, when set, is the work shared by the parses and comparisons of
	// one policy's versions; see Memo.
	Memo *Memo
	// ReservedIDs are the ids the layouts use on the pages that show a
	// policy's headings, which no heading gets: on the policy's pages
	// (markdown.Options) as in its redlines.
	ReservedIDs []string
}

// Memo remembers work for the next parse and comparison of versions of the
// same policy. Versions share most of their paragraphs: each distinct
// chunk of a body (see package chunk) is parsed once, and the words of all
// the bodies are numbered by one vocabulary. And an edition's comparisons
// with the version in force meet the same pair of old and new paragraph
// again and again: a modified block is rendered once. The redline is the
// same with or without it. A Memo is not safe for concurrent use.
type Memo struct {
	parser               *blockParser
	chunks, unsafeChunks map[string]*parsedChunk // by chunk text, without and with Options.UnsafeHTML
	words                *vocab                  // the parser's
	// blocks are the rendered modified blocks, by the shapes of the pair;
	// shapes use the numbers of words, so only Docs parsed with this
	// Memo use them.
	blocks map[[2]shape]memoBlock
}

type memoBlock struct {
	block          Block
	added, removed int
	work           int // the diff budget its computation used
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	words := newVocab()
	return &Memo{
		parser:       newBlockParser(words),
		chunks:       make(map[string]*parsedChunk),
		unsafeChunks: make(map[string]*parsedChunk),
		words:        words,
		blocks:       make(map[[2]shape]memoBlock),
	}
}

// Redline is what changed between two versions of a policy body.
type Redline struct {
	// Sections are the new version's sections (text split at headings) in
	// order, with the removed ones where they were.
	Sections []Section
	// SectionsChanged counts the sections with Changed set.
	SectionsChanged int
	// WordsAdded and WordsRemoved count the words (tokens with a letter or
	// digit) inserted and deleted.
	WordsAdded, WordsRemoved int

	terminal bool // computed with Options.Terminal, so WriteText can print it
	review   bool // computed with Options.Review, so Docx and Markdown can write it
}

// Section is a heading and the blocks up to the next heading.
type Section struct {
	// ID is the id the heading has on the new version's page (on the old
	// one's for a removed section), by the one rule of package markdown,
	// so a link to a section of a policy finds it in a redline too;
	// "intro" for the text before the first heading. Ids are unique in the
	// page, the layout's own included.
	ID string
	// Heading is the plain text of the heading, new side (old if removed);
	// "" for the intro.
	Heading string
	// Changed is set when any block of the section changed; unchanged runs
	// of sections are collapsed by the page.
	Changed bool
	Blocks  []Block
}

// BlockKind says how a block changed.
type BlockKind int

const (
	Unchanged BlockKind = iota
	Added
	Removed
	Modified
)

func (k BlockKind) String() string {
	switch k {
	case Added:
		return "added"
	case Removed:
		return "removed"
	case Modified:
		return "modified"
	}
	return "unchanged"
}

// Block is one aligned block of the two versions.
type Block struct {
	Kind BlockKind
	// HTML is the block (p, h2, a list, a table…) as standalone, valid HTML
	// with <ins> and <del> marks inside; whole added and removed blocks are
	// wrapped in <div class="block-added"> and <div class="block-removed">,
	// modified ones in <div class="block-modified">. All text is escaped.
	HTML template.HTML
	// Old and New are the normalized plain text of each side: words
	// separated by single spaces, "" when the side has no such block.
	Old, New string

	text  []mark // the same marks for the terminal, see WriteText
	level int    // heading level; 0 when the block is not a heading

	terminal bool    // text was kept (Options.Terminal)
	review   *review // with Options.Review
}

// holds reports whether b has every rendering opts asks for, so that a
// block rendered for one comparison can stand in another.
func (b *Block) holds(opts Options) bool {
	return (b.terminal || !opts.Terminal) && (b.review != nil || !opts.Review)
}

// review is a block as Docx and Markdown write it: the parsed block that
// gives its form (the new side's, the old one's when removed) and its
// text as spans.
type review struct {
	form  *block
	spans []span   // all blocks but tables
	rows  []rowRun // tables
}

// span is a piece of a block's text, whitespace included, of one op and
// one markup. The spans of one side (the equal and deleted ones, or the
// equal and inserted ones) spell that side's text exactly.
type span struct {
	op   op
	ctx  inlineCtx
	text string
}

// rowRun is a table row as Docx and Markdown write it.
type rowRun struct {
	kind   BlockKind
	header bool
	cells  [][]span
}

// mark is a piece of a block's terminal rendering.
type mark struct {
	op op
	s  string
}

// Compare computes the redline between two Markdown bodies (the text after
// the front matter). It never fails: input that is not sensible Markdown is
// still text, and past its work bounds the redline gets coarser.
func Compare(old, new []byte, opts Options) *Redline {
	if opts.Memo == nil {
		opts.Memo = NewMemo() // the two bodies share most of their chunks
	}
	return CompareDocs(Parse(old, opts), Parse(new, opts), opts)
}

// Doc is one version's body parsed for comparison. A site compares each
// version with several others (its predecessor, its successor, the version
// in force), so parsing once and comparing many times saves most of the
// work. A Doc is read-only once parsed and safe to share.
type Doc struct {
	blocks []*block // shared with the other Docs of the Memo that have the same chunks
	words  *vocab   // numbers the words and keys of the blocks
	size   int      // every number in the blocks is below it
	// ids are the ids of the heading blocks, by block ("" for the others),
	// and headingIDs the ids of every heading of the body, in order: the
	// ids its page gives them.
	ids, headingIDs []string
}

// Parse reads a Markdown body for comparison; only opts.UnsafeHTML,
// opts.ReservedIDs and opts.Memo matter. Docs are compared fastest when
// parsed with one Memo.
func Parse(body []byte, opts Options) *Doc {
	m := opts.Memo
	if m == nil {
		m = NewMemo()
	}
	return m.parse(body, opts.UnsafeHTML, opts.ReservedIDs)
}

// CompareDocs computes the redline between two parsed bodies.
func CompareDocs(oldDoc, newDoc *Doc, opts Options) *Redline {
	ob, nb := oldDoc.blocks, newDoc.blocks
	words, size := oldDoc.words, max(oldDoc.size, newDoc.size)
	if newDoc.words != words {
		// Parsed with different Memos: their numbers mean different words.
		words = newVocab()
		ob, nb = words.renumber(ob), words.renumber(nb)
		size = words.size()
	}
	memo := opts.Memo
	if memo != nil && memo.words != words {
		memo = nil // its blocks are known by other numbers
	}
	d := newDiffer(size)
	pairs := d.align(blockKeys(ob), blockKeys(nb),
		func(i, j int) bool { return ob[i].class == nb[j].class },
		func(i int) []*token { return ob[i].words },
		func(j int) []*token { return nb[j].words })

	r := &Redline{terminal: opts.Terminal, review: opts.Review}
	rd := &renderer{opts: opts, memo: memo, d: d, r: r}
	var sections []Section
	// A section whose heading the new version has takes the id the new
	// version's page gives it; a removed one keeps its id on the old
	// version's page unless the new version uses it; the text before the
	// first heading takes "intro" unless a heading did.
	ids := markdown.NewIDs(append(slices.Clone(opts.ReservedIDs), newDoc.headingIDs...))
	cur := Section{}
	for _, p := range pairs {
		var ob1, nb1 *block
		if p.old >= 0 {
			ob1 = ob[p.old]
		}
		if p.new >= 0 {
			nb1 = nb[p.new]
		}
		head := nb1
		if head == nil {
			head = ob1
		}
		blk := rd.block(p.kind, ob1, nb1)
		switch {
		case head.class == classHeading:
			if len(cur.Blocks) > 0 {
				sections = append(sections, cur)
			}
			cur = Section{Heading: plainText(head.tokens)}
			if nb1 != nil {
				cur.ID = newDoc.ids[p.new]
			} else {
				cur.ID = ids.Unique(oldDoc.ids[p.old])
			}
		case len(sections) == 0 && len(cur.Blocks) == 0:
			cur.ID = ids.Unique("intro")
		}
		cur.Blocks = append(cur.Blocks, blk)
		if blk.Kind != Unchanged {
			cur.Changed = true
		}
	}
	if len(cur.Blocks) > 0 {
		sections = append(sections, cur)
	}
	for _, s := range sections {
		if s.Changed {
			r.SectionsChanged++
		}
	}
	r.Sections = sections
	return r
}

func blockKeys(bs []*block) []uint32 {
	ks := make([]uint32, len(bs))
	for i, b := range bs {
		ks[i] = b.key
	}
	return ks
}

// plainText joins tokens into normalized text: words separated by single
// spaces.
func plainText(ts []*token) string {
	var b strings.Builder
	size := 0
	for _, t := range ts {
		size += len(t.text) + 1
	}
	b.Grow(size)
	for _, t := range ts {
		if t.sep != 0 && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}
