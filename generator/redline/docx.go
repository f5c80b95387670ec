package redline

import (
	"net/url"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/docx"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/urls"
)

// DocxOptions says who the changes of a Word redline are by and how its
// summary is labelled.
type DocxOptions struct {
	// Author is the author of every change: the site (site.toml's title)
	// or the reviewer's --author.
	Author string
	// URLs are the site's addresses (site.toml's base_url): links within
	// the site become absolute, since a document has no site around it.
	URLs   urls.Scheme
	Labels DocxLabels
}

// DocxLabels are the words of a Word redline's summary, in the policy's
// language.
type DocxLabels struct {
	Summary    string // the summary's heading: "Other changes"
	Processors string // the heading of its processors: "Changes to personal data processors"
	// Fields label the front matter ("title", "effective") and the
	// processors' columns ("name", "location", "purpose", "country",
	// "transfer", "url"), by front matter key; a key without a label is
	// shown as itself.
	Fields map[string]string
	// Date writes a date in the policy's language; nil writes YYYY-MM-DD.
	Date func(date.Date) string
}

// Docx turns the redline of old and new into a Word document of new in
// which every change from old is a tracked change: each change is new's
// date, by opts.Author. The front matter and processors that changed
// come first, as the redline page lists them. r must have been computed
// with Options.Review.
func (r *Redline) Docx(old, new *model.Version, opts DocxOptions) *docx.Redline {
	r.mustReview("Docx")
	out := &docx.Redline{
		Title:    new.Title,
		Language: new.Edition.Lang,
		Author:   opts.Author,
		Date:     new.Date.Time(),
		Summary:  docxSummary(old, new, opts.Labels),
	}
	links := linker{urls: opts.URLs, old: old, new: new, anchors: map[string]bool{}}
	for _, s := range r.Sections {
		if s.Blocks[0].review.form.class == classHeading {
			links.anchors[s.ID] = true
		}
	}
	for _, s := range r.Sections {
		for i, b := range s.Blocks {
			rv := b.review
			f := rv.form
			blk := docx.RedlineBlock{Change: docxChange(b.Kind)}
			switch f.class {
			case classRule:
				continue // a line has no text to accept or reject
			case classHeading:
				blk.Kind, blk.Level = docx.HeadingBlock, f.level
				if i == 0 {
					blk.ID = s.ID
				}
			case classItem:
				blk.Kind, blk.Level = docx.ListItemBlock, f.depth
				blk.Numbered, blk.Number, blk.Continued = f.ordered, f.number, f.cont
			case classQuote:
				blk.Kind = docx.QuoteBlock
			case classCode:
				blk.Kind = docx.CodeBlock
			case classTable:
				blk.Kind = docx.TableBlock
				for _, row := range rv.rows {
					dr := docx.RedlineRow{Header: row.header, Change: docxChange(row.kind)}
					for _, c := range row.cells {
						dr.Cells = append(dr.Cells, links.runs(c))
					}
					blk.Rows = append(blk.Rows, dr)
				}
			}
			if f.class != classTable {
				blk.Runs = links.runs(rv.spans)
			}
			out.Blocks = append(out.Blocks, blk)
		}
	}
	return out
}

// mustReview refuses a redline without the review spans: a program that
// asks for a document from one computed without Options.Review is wrong.
func (r *Redline) mustReview(what string) {
	if !r.review {
		panic("redline: " + what + " needs a redline computed with Options.Review")
	}
}

func docxChange(k BlockKind) docx.Change {
	switch k {
	case Added:
		return docx.Inserted
	case Removed:
		return docx.Deleted
	}
	return docx.Unchanged
}

func docxOp(o op) docx.Change {
	switch o {
	case opInsert:
		return docx.Inserted
	case opDelete:
		return docx.Deleted
	}
	return docx.Unchanged
}

// docxSummary is the document's first section: the front matter and the
// processors that changed, or nil when only the text did.
func docxSummary(old, new *model.Version, l DocxLabels) *docx.Summary {
	label := func(key string) string {
		if s := l.Fields[key]; s != "" {
			return s
		}
		return key
	}
	day := l.Date
	if day == nil {
		day = date.Date.String
	}
	s := &docx.Summary{Heading: l.Summary}
	for _, c := range FrontMatter(old, new) {
		o, n := c.Old, c.New
		if !c.OldDate.IsZero() || !c.NewDate.IsZero() {
			o, n = day(c.OldDate), day(c.NewDate)
		}
		s.Fields = append(s.Fields, docx.FieldChange{Label: label(c.Field), Old: o, New: n})
	}
	if pcs := Processors(old.Processors, new.Processors); len(pcs) > 0 {
		t := &docx.ProcessorChanges{Heading: l.Processors}
		for _, k := range processorFields {
			t.Columns = append(t.Columns, label(k))
		}
		for _, pc := range pcs {
			row := docx.ProcessorChange{Old: processorValues(pc.Old), New: processorValues(pc.New)}
			switch pc.Kind {
			case "added":
				row.Change = docx.Inserted
			case "removed":
				row.Change = docx.Deleted
			}
			t.Rows = append(t.Rows, row)
		}
		s.Processors = t
	}
	if len(s.Fields) == 0 && s.Processors == nil {
		return nil
	}
	return s
}

// processorFields are a processor's fields in front matter order, the
// order of FieldChange.Field.
var processorFields = []string{"name", "location", "purpose", "country", "transfer", "url"}

func processorValues(p *model.Processor) []string {
	if p == nil {
		return nil
	}
	return []string{p.Name, p.Location, p.Purpose, p.Country, p.Transfer, p.URL}
}

// linker makes a redline's links work outside the site: addresses within
// it become absolute against the page of the version they are written
// in; a link to a heading of the new version stays within the document
// (Docx) when the document has that heading.
type linker struct {
	urls     urls.Scheme
	old, new *model.Version
	anchors  map[string]bool // the ids the document's headings have; nil: none stay
}

func (l linker) runs(spans []span) []docx.Run {
	runs := make([]docx.Run, 0, len(spans))
	for _, s := range spans {
		runs = append(runs, docx.Run{
			Text:   s.text,
			Bold:   s.ctx.style&styleStrong != 0,
			Italic: s.ctx.style&styleEm != 0,
			Link:   l.link(s.ctx, s.op),
			Change: docxOp(s.op),
		})
	}
	return runs
}

// link is the address a span links to, or "" for none: an image's
// source is no link, nor is an address a browser would run.
func (l linker) link(c inlineCtx, o op) string {
	if c.href == "" || c.style&styleImage != 0 || !safeURL(c.href) {
		return ""
	}
	if id, ok := strings.CutPrefix(c.href, "#"); ok && o != opDelete && l.anchors[id] {
		return c.href
	}
	v := l.new
	if o == opDelete {
		v = l.old
	}
	return absolute(l.urls, l.urls.Version(v.Edition.Lang, v.Edition.Policy.Slug, v.Date), c.href)
}

// absolute resolves href, written in the page at the address page of the
// site of s, as a reader's browser does (a link from the site's root is
// under the site's path); an address it cannot read stays as written.
func absolute(s urls.Scheme, page, href string) string {
	b, err := url.Parse(s.Absolute(page))
	if err != nil {
		return href
	}
	u, err := url.Parse(s.Link(strings.TrimSpace(href)))
	if err != nil {
		return href
	}
	return b.ResolveReference(u).String()
}
