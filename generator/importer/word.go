package importer

import (
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/docx"
)

// fromWord reads a Word document into a page: headings become headings,
// numbered and bulleted paragraphs lists, tables tables, and a paragraph
// styled Title the title. What Word keeps that a policy page cannot show
// is reported: tracked changes are accepted, comments and pictures left
// out, footnotes moved to the end.
func fromWord(src Source, diags *diag.List) (*page, error) {
	doc, err := docx.Read(src.Data)
	if err != nil {
		if errors.Is(err, docx.ErrNotWord) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read the Word document: %v", err)
	}
	if doc.TrackedChanges > 0 {
		diags.Warnf(src.Name, 0, 0, "%d tracked %s accepted as they stand (insertions kept, deletions left out); compare the result with the document if some were not meant to be", doc.TrackedChanges, plural(doc.TrackedChanges, "change was", "changes were"))
	}
	if doc.Comments > 0 {
		diags.Warnf(src.Name, 0, 0, "%d %s left out; %s not part of the policy's text", doc.Comments, plural(doc.Comments, "comment was", "comments were"), plural(doc.Comments, "it is", "they are"))
	}
	if doc.Drawings > 0 {
		diags.Warnf(src.Name, 0, 0, "%d %s left out; a policy page holds text only, so write out in words what they showed", doc.Drawings, plural(doc.Drawings, "picture, chart or text box was", "pictures, charts or text boxes were"))
	}
	if doc.Contents {
		diags.Warnf(src.Name, 0, 0, "the table of contents was left out; gen makes one from the headings")
	}
	w := &wordPage{}
	w.blocks(doc.Blocks, true)
	w.closeLists(0)
	if len(doc.Notes) > 0 {
		w.b.WriteString("<hr>")
		for _, n := range doc.Notes {
			mark := "[" + strconv.Itoa(n.Number) + "] "
			for _, b := range n.Blocks {
				if p, ok := b.(*docx.Paragraph); ok {
					w.b.WriteString("<p>" + html.EscapeString(mark))
					w.inlines(p.Inlines)
					w.b.WriteString("</p>")
					mark = ""
				}
			}
		}
	}
	root, err := parseFragment(w.b.String())
	if err != nil {
		return nil, err
	}
	return &page{body: root, title: w.title, docTitle: doc.Title}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// wordPage writes a document's blocks as HTML, keeping the lists open at
// this point, outermost first.
type wordPage struct {
	b     strings.Builder
	title string
	lists []openList
}

type openList struct {
	level int
	tag   string // "ul" or "ol"
}

func (w *wordPage) blocks(blocks []docx.Block, top bool) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *docx.Paragraph:
			w.paragraph(b, top)
		case *docx.Table:
			w.closeLists(0)
			w.table(b)
		}
	}
}

func (w *wordPage) paragraph(p *docx.Paragraph, top bool) {
	id := ""
	if len(p.Bookmarks) > 0 {
		id = ` id="` + html.EscapeString(p.Bookmarks[0]) + `"`
	}
	extra := func() {
		for _, bm := range p.Bookmarks[min(1, len(p.Bookmarks)):] {
			w.b.WriteString(`<a id="` + html.EscapeString(bm) + `"></a>`)
		}
	}
	switch {
	case p.Title && top && w.title == "":
		w.closeLists(0)
		w.title = strings.TrimSpace(p.Text())
		return
	case p.Heading > 0 || p.Title:
		w.closeLists(0)
		level := min(max(p.Heading, 1), 6)
		fmt.Fprintf(&w.b, "<h%d%s>", level, id)
		extra()
		if p.List != nil && p.List.Label != "" && !p.List.Bullet {
			w.b.WriteString(html.EscapeString(p.List.Label) + " ")
		}
		w.inlines(p.Inlines)
		fmt.Fprintf(&w.b, "</h%d>", level)
		return
	case p.List == nil || !top:
		w.closeLists(0)
		w.b.WriteString("<p" + id + ">")
		extra()
		if p.List != nil && p.List.Label != "" {
			w.b.WriteString(html.EscapeString(p.List.Label) + " ")
		}
		w.inlines(p.Inlines)
		w.b.WriteString("</p>")
		return
	}
	l := p.List
	tag := "ol"
	switch {
	case l.Bullet:
		tag = "ul"
	case !l.Plain:
		// A label Markdown cannot write ("1.2.", "(a)") stays in the text,
		// as a paragraph where the list stands, so references to it
		// ("see 4.2(b)") still find it.
		w.closeLists(l.Level)
		w.b.WriteString("<p" + id + ">")
		extra()
		if l.Label != "" {
			w.b.WriteString(html.EscapeString(l.Label) + " ")
		}
		w.inlines(p.Inlines)
		w.b.WriteString("</p>")
		return
	}
	w.closeLists(l.Level + 1)
	if n := len(w.lists); n > 0 && w.lists[n-1].level == l.Level {
		if w.lists[n-1].tag == tag {
			w.b.WriteString("</li>")
		} else {
			w.closeLists(l.Level)
		}
	}
	if n := len(w.lists); n == 0 || w.lists[n-1].level < l.Level {
		if tag == "ol" && l.Number != 1 {
			fmt.Fprintf(&w.b, `<ol start="%d">`, l.Number)
		} else {
			w.b.WriteString("<" + tag + ">")
		}
		w.lists = append(w.lists, openList{l.Level, tag})
	}
	w.b.WriteString("<li" + id + ">")
	extra()
	w.inlines(p.Inlines)
}

// closeLists closes the lists at level and deeper.
func (w *wordPage) closeLists(level int) {
	for n := len(w.lists); n > 0 && w.lists[n-1].level >= level; n = len(w.lists) {
		w.b.WriteString("</li></" + w.lists[n-1].tag + ">")
		w.lists = w.lists[:n-1]
	}
}

func (w *wordPage) inlines(ins []docx.Inline) {
	for _, in := range ins {
		if in.Break {
			w.b.WriteString("<br>")
			continue
		}
		if in.Note > 0 {
			w.b.WriteString(" [" + strconv.Itoa(in.Note) + "]")
			continue
		}
		var open, close string
		tag := func(name, attrs string) {
			open += "<" + name + attrs + ">"
			close = "</" + name + ">" + close
		}
		switch {
		case in.Link != "":
			tag("a", ` href="`+html.EscapeString(in.Link)+`"`)
		case in.Anchor != "":
			tag("a", ` href="#`+html.EscapeString(in.Anchor)+`"`)
		}
		if in.Bold {
			tag("strong", "")
		}
		if in.Italic {
			tag("em", "")
		}
		if in.Strike {
			tag("del", "")
		}
		w.b.WriteString(open + html.EscapeString(in.Text) + close)
	}
}

func (w *wordPage) table(t *docx.Table) {
	w.b.WriteString("<table>")
	header := 0
	for header < len(t.Rows) && t.Rows[header].Header {
		header++
	}
	for i, row := range t.Rows {
		cell := "td"
		if i < max(header, 1) {
			cell = "th"
		}
		if i == 0 {
			w.b.WriteString("<thead>")
		}
		w.b.WriteString("<tr>")
		for _, c := range row.Cells {
			span := ""
			if c.Span > 1 {
				span = fmt.Sprintf(` colspan="%d"`, c.Span)
			}
			w.b.WriteString("<" + cell + span + ">")
			if !c.Merged {
				inner := &wordPage{}
				inner.blocks(c.Blocks, false)
				w.b.WriteString(inner.b.String())
			}
			w.b.WriteString("</" + cell + ">")
		}
		w.b.WriteString("</tr>")
		if i == max(header, 1)-1 {
			w.b.WriteString("</thead><tbody>")
		}
	}
	w.b.WriteString("</tbody></table>")
}
