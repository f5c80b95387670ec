// Package importer turns policies written elsewhere — Word documents,
// saved web pages, Markdown and text files, and every revision of one in
// a git repository — into versions of a gen policy: a title, dates, the
// processors list and a Markdown body.
//
// Every kind of source is first read into HTML (package docx reads Word;
// gen's own renderer reads Markdown), then the same steps make it a
// policy: the title and date lines are taken out (the page shows them
// itself), processors tables become front matter, headings are
// renumbered under the title, links are made to work on the policy site,
// and html-to-markdown writes the Markdown.
package importer

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/markdown"
)

// Source is one version's text as it was found.
type Source struct {
	// Name names the source in messages: the path as given, or
	// "1a2b3c4:privacy.md" for a revision in git.
	Name string
	// File is the file's name, whose extension says what it is and which
	// may hold the version's date.
	File string
	Data []byte
	// Commit is the revision's short hash and Committed its date, for a
	// source from git; empty otherwise.
	Commit    string
	Committed date.Date
}

// Options say how to import.
type Options struct {
	Lang string // the language the text is written in
	// LinkBase is the address the policy was published at, which its
	// relative links are relative to; nil to take the page's own word.
	LinkBase *url.URL
	Select   string // the CSS selector of the document in an HTML page
	Title    string // the title, instead of the one found
	// Date and Effective are given on the command line, zero when not.
	Date, Effective date.Date
	// Catalog has the site's UI strings, whose labels are read as well.
	Catalog *i18n.Catalog
	// Markdown renders bodies as the site does, which decides heading ids.
	Markdown *markdown.Renderer
}

// Version is one imported version of a policy.
type Version struct {
	Source      Source
	Title       string
	LastUpdated date.Date
	Effective   date.Date // zero when it is LastUpdated
	Body        []byte    // Markdown
	Processors  []Processor
}

// Kind is what kind of file a source is.
type Kind int

const (
	Word Kind = iota + 1
	HTML
	Markdown
)

// KindOf tells a source's kind by its file name's extension.
func KindOf(name string) (Kind, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return Word, nil
	case ".html", ".htm", ".xhtml":
		return HTML, nil
	case ".md", ".markdown", ".txt", ".text":
		return Markdown, nil
	case ".doc":
		return 0, fmt.Errorf("%s is an older Word file (.doc); open it in Word or LibreOffice and save it as .docx", name)
	case ".pdf":
		return 0, fmt.Errorf("%s is a PDF, whose text cannot be imported faithfully; import the Word document or the web page it was made from", name)
	}
	return 0, fmt.Errorf("%s is not a file gen can import; give a Word document (.docx), a saved web page (.html) or a Markdown or text file (.md, .txt)", name)
}

// conversion is one source on its way to a version.
type conversion struct {
	src     Source
	opts    Options
	diags   *diag.List
	page    *page
	columns *columnReader
}

// Convert imports one source. Problems are reported under the source's
// name; a Version is returned only when there are no errors.
func Convert(src Source, opts Options) (*Version, diag.List) {
	var diags diag.List
	kind, err := KindOf(src.File)
	if err != nil {
		diags.Errorf(src.Name, 0, 0, "%v", err)
		return nil, diags
	}
	var p *page
	switch kind {
	case Word:
		p, err = fromWord(src, &diags)
	case HTML:
		p, err = fromHTML(src, opts.Select)
	case Markdown:
		p, err = fromMarkdown(src, &diags)
	}
	if err != nil {
		diags.Errorf(src.Name, 0, 0, "%v", err)
		return nil, diags
	}
	c := &conversion{src: src, opts: opts, diags: &diags, page: p, columns: newColumnReader(opts.Lang, opts.Catalog)}
	v := &Version{Source: src}
	v.Title = c.title()
	v.LastUpdated, v.Effective = c.dates()
	if imgs := find(p.body, isMedia); len(imgs) > 0 {
		diags.Warnf(src.Name, 0, 0, "%d %s left out; a policy page holds text only, so write out in words what they showed", len(imgs), plural(len(imgs), "picture was", "pictures were"))
		for _, n := range imgs {
			remove(n)
		}
	}
	base := opts.LinkBase
	if base == nil && p.address != "" {
		if u, err := url.Parse(p.address); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			base = u
		}
	}
	c.links(base)
	c.processors()
	renumber(p.body)
	v.Body, err = c.markdown()
	if err != nil {
		diags.Errorf(src.Name, 0, 0, "%v", err)
	}
	v.Processors = p.processors
	if diags.HasErrors() {
		return nil, diags
	}
	return v, diags
}

func isMedia(n *html.Node) bool {
	switch n.Data {
	case "img", "picture", "svg", "video", "audio", "iframe", "object", "embed", "canvas":
		return true
	}
	return false
}

// title takes the policy's title: the one given, else the one the source
// marks, else its first heading when that is of the highest level used.
// A heading that is the title is taken out of the body.
func (c *conversion) title() string {
	root := c.page.body
	hs := find(root, func(n *html.Node) bool { return headingLevel(n) > 0 })
	var first *html.Node
	if len(hs) > 0 {
		top := 7
		for _, h := range hs {
			top = min(top, headingLevel(h))
		}
		if headingLevel(hs[0]) == top {
			first = hs[0]
		}
	}
	same := func(t string) bool { return first != nil && strings.EqualFold(text(first), strings.TrimSpace(t)) }
	oneLine := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	switch {
	case c.opts.Title != "":
		if same(c.opts.Title) {
			remove(first)
		}
		return oneLine(c.opts.Title)
	case c.page.title != "":
		if same(c.page.title) {
			remove(first)
		}
		return oneLine(c.page.title)
	case first != nil && text(first) != "":
		remove(first)
		return text(first)
	case c.page.docTitle != "":
		return oneLine(c.page.docTitle)
	}
	c.diags.Errorf(c.src.Name, 0, 0, "no title found (no heading at the top, no title in the document's properties); give the policy's title with --title")
	return ""
}

// dates decides the version's dates: --date, else the date the text
// states, else its front matter's, else one in the file name, else the
// commit's. Lines that state dates and nothing more are taken out of the
// body, since the page shows the dates itself.
func (c *conversion) dates() (updated, effective date.Date) {
	st := c.statedDates()
	updated = firstOf(c.opts.Date, st.updated, c.page.updated)
	effective = firstOf(c.opts.Effective, st.effective, c.page.effective)
	if updated.IsZero() && !effective.IsZero() && c.opts.Effective.IsZero() {
		updated, effective = effective, date.Date{} // a policy that states only when it takes effect
	}
	updated = firstOf(updated, fileDate(filepath.Base(c.src.File)), c.src.Committed)
	if updated.IsZero() {
		c.diags.Errorf(c.src.Name, 0, 0, `no date found: the text has no "Last updated" or "Effective date" line gen can read, and the file name no YYYY-MM-DD; give the version's date with --date YYYY-MM-DD (or name the file after it, like privacy-2021-07-15.docx)`)
		return
	}
	if !effective.IsZero() && effective.Before(updated) {
		if !c.opts.Effective.IsZero() {
			c.diags.Errorf("--effective", 0, 0, "%s is before the version's date %s; a version takes effect on or after its date", effective, updated)
		} else {
			c.diags.Warnf(c.src.Name, 0, 0, "the text says it took effect on %s, before it was last updated on %s; the version is dated %s and takes effect then", effective, updated, updated)
		}
		effective = date.Date{}
	}
	if effective == updated {
		effective = date.Date{}
	}
	return updated, effective
}

func firstOf(ds ...date.Date) date.Date {
	for _, d := range ds {
		if !d.IsZero() {
			return d
		}
	}
	return date.Date{}
}

// dateLinesRead bounds how many of the first and last lines of a policy
// are looked at for its dates, where policies state them.
const dateLinesRead = 8

// statedDates reads the dates the text states near its top and bottom,
// taking out the lines that only state them.
func (c *conversion) statedDates() stated {
	r := newDateReader(c.opts.Lang, c.opts.Catalog)
	lines := textLines(c.page.body)
	if len(lines) > 2*dateLinesRead {
		lines = append(lines[:dateLinesRead:dateLinesRead], lines[len(lines)-dateLinesRead/2:]...)
	}
	var st stated
	for _, line := range lines {
		var parts []string
		for _, n := range line {
			parts = append(parts, text(n))
		}
		t := strings.Join(parts, ": ")
		if len(t) > 300 {
			continue
		}
		s := r.read(t)
		if s.updated.IsZero() && s.effective.IsZero() {
			continue
		}
		if st.updated.IsZero() {
			st.updated = s.updated
		}
		if st.effective.IsZero() {
			st.effective = s.effective
		}
		if s.only {
			for _, n := range line {
				removeLine(n)
			}
		}
	}
	return st
}

// textLines returns the elements below root that hold one line of text
// each, outside tables: paragraphs, headings, list items, and a term with
// its description (<dt>Last updated</dt><dd>…</dd>) as one line.
func textLines(root *html.Node) [][]*html.Node {
	var out [][]*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		switch n.Data {
		case "table", "nav":
			return false
		case "dd":
			if prev := out; len(prev) > 0 && len(prev[len(prev)-1]) == 1 && prev[len(prev)-1][0].Data == "dt" {
				prev[len(prev)-1] = append(prev[len(prev)-1], n)
				return false
			}
			out = append(out, []*html.Node{n})
			return false
		case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "address", "figcaption", "time":
			out = append(out, []*html.Node{n})
			return false
		}
		if !hasBlock(n) && text(n) != "" {
			out = append(out, []*html.Node{n})
			return false
		}
		return true
	})
	return out
}

// hasBlock reports whether n has a block element below it.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBlock(c) || hasBlock(c) {
			return true
		}
	}
	return false
}

// removeLine takes out a line, and the lists and groups it leaves empty.
func removeLine(n *html.Node) {
	parent := n.Parent
	remove(n)
	for parent != nil && parent.Parent != nil && text(parent) == "" {
		switch parent.Data {
		case "ul", "ol", "dl", "div", "header", "section":
			next := parent.Parent
			remove(parent)
			parent = next
			continue
		}
		break
	}
}

// errNoText is reported for a source whose document has no text at all.
var errNoText = errors.New("the document has no text to import")
