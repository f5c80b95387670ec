package redline

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/printable"
	"github.com/policygen/gen/generator/urls"
)

// CommentLimit is the most characters GitHub takes in the body of a
// pull request comment.
const CommentLimit = 65536

// MarkdownOptions says where a Markdown redline's links point and how long
// it may be.
type MarkdownOptions struct {
	// URLs are the site's addresses (site.toml's base_url): links within
	// the site become absolute, since a comment has no site around it.
	URLs urls.Scheme
	// RedlineURL is where the whole redline can be read (its page on the
	// site), linked when the redline is too long to show whole; "" names
	// the command instead.
	RedlineURL string
	// Command is the command that prints this redline, named when it is
	// too long: "gen diff privacy en 2025-09-15 2026-11-16".
	Command string
	// MaxChars bounds the length in characters; 0 is CommentLimit.
	MaxChars int
}

// Markdown writes the redline of old and new as GitHub-flavoured Markdown
// for a pull request comment: inserted text in <ins>, deleted in <del>
// (both of which GitHub shows), front matter and processor changes first,
// the changed sections whole and each unchanged one as a line. Past
// MaxChars it leaves out the unchanged context (the unchanged blocks of
// changed sections and the names of unchanged sections) first, then the
// sections that do not fit, and says so with a link to the whole redline.
// r must have been computed with Options.Review.
func (r *Redline) Markdown(old, new *model.Version, opts MarkdownOptions) string {
	r.mustReview("Markdown")
	limit := opts.MaxChars
	if limit <= 0 {
		limit = CommentLimit
	}
	w := mdWriter{links: linker{urls: opts.URLs, old: old, new: new}}
	head := w.header(r, old, new)
	full := head + w.sections(r, false)
	if chars(full) <= limit {
		return full
	}
	compact := w.sections(r, true)
	if chars(head)+chars(compact) <= limit {
		return head + compact
	}
	// Whole sections, in order, while they fit beside the note.
	where := "`" + opts.Command + "`"
	if opts.RedlineURL != "" {
		where = opts.RedlineURL + " (or `" + opts.Command + "`)"
	}
	var b strings.Builder
	shown := 0
	note := func(left int) string {
		return fmt.Sprintf("\n**This redline is too long for a comment: %d of %d changed sections are not shown.** The whole redline: %s\n", left, r.SectionsChanged, where)
	}
	budget := limit - chars(note(r.SectionsChanged))
	b.WriteString(cut(head, budget))
	budget -= chars(b.String())
	for _, part := range w.parts(r, true) {
		if n := chars(part.text); n <= budget {
			b.WriteString(part.text)
			budget -= n
			if part.changed {
				shown++
			}
			continue
		}
		break
	}
	b.WriteString(note(r.SectionsChanged - shown))
	return b.String()
}

// chars counts characters as GitHub does: code points.
func chars(s string) int { return utf8.RuneCountInString(s) }

// cut shortens s to at most n characters, at the end of a line.
func cut(s string, n int) string {
	if chars(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	i := 0
	for k := range s {
		if n == 0 {
			break
		}
		i = k
		n--
	}
	s = s[:i]
	if nl := strings.LastIndexByte(s, '\n'); nl >= 0 {
		return s[:nl+1]
	}
	return ""
}

type mdWriter struct {
	links linker
}

// header is the title line, the change summary, the counts, the front
// matter and the processors.
func (w mdWriter) header(r *Redline, old, new *model.Version) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s (%s): %s → %s\n\n", mdText(oneLine(new.Title), false), new.Edition.Lang, old.Date, new.Date)
	if new.Previous == old && new.Change != nil && new.Change.Summary != "" {
		fmt.Fprintf(&b, "> %s\n\n", mdText(oneLine(new.Change.Summary), false))
	}
	if r.SectionsChanged == 0 {
		b.WriteString("No changes to the text.\n\n")
	} else {
		fmt.Fprintf(&b, "%d %s changed, %d %s added, %d %s removed.\n\n",
			r.SectionsChanged, plural(r.SectionsChanged, "section"), r.WordsAdded, plural(r.WordsAdded, "word"), r.WordsRemoved, plural(r.WordsRemoved, "word"))
	}
	fm := FrontMatter(old, new)
	for i, c := range fm {
		fmt.Fprintf(&b, "**%s:** %s", c.Field, mdValue(c.Old, c.New))
		if i < len(fm)-1 {
			b.WriteString("<br>")
		}
		b.WriteString("\n")
	}
	if len(fm) > 0 {
		b.WriteString("\n")
	}
	if pcs := Processors(old.Processors, new.Processors); len(pcs) > 0 {
		b.WriteString("**Processors:**\n\n")
		for _, pc := range pcs {
			switch pc.Kind {
			case "added":
				fmt.Fprintf(&b, "- added: <ins>%s</ins>%s\n", mdText(oneLine(pc.Name), false), mdFields(pc.New))
			case "removed":
				fmt.Fprintf(&b, "- removed: <del>%s</del>\n", mdText(oneLine(pc.Name), false))
			default:
				var fs []string
				for _, f := range pc.Fields {
					fs = append(fs, f.Field+": "+mdValue(f.Old, f.New))
				}
				fmt.Fprintf(&b, "- changed: %s — %s\n", mdText(oneLine(pc.Name), false), strings.Join(fs, "; "))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func plural(n int, one string) string {
	if n == 1 {
		return one
	}
	return one + "s"
}

// mdValue shows a value that changed as the old one deleted and the new
// one inserted.
func mdValue(old, new string) string {
	var parts []string
	if old = oneLine(old); old != "" {
		parts = append(parts, "<del>"+mdText(old, false)+"</del>")
	}
	if new = oneLine(new); new != "" {
		parts = append(parts, "<ins>"+mdText(new, false)+"</ins>")
	}
	return strings.Join(parts, " ")
}

// mdFields lists an added processor's details.
func mdFields(p *model.Processor) string {
	var fs []string
	for i, v := range processorValues(p)[1:] {
		if v = oneLine(v); v != "" {
			fs = append(fs, processorFields[i+1]+": "+mdText(v, false))
		}
	}
	if len(fs) == 0 {
		return ""
	}
	return " (" + strings.Join(fs, "; ") + ")"
}

// oneLine is a value on one line, without control characters.
func oneLine(s string) string { return strings.Join(strings.Fields(printable.Page(s)), " ") }

// part is a piece of the body: a section, or a line standing for
// unchanged ones.
type part struct {
	text    string
	changed bool // a changed section
}

func (w mdWriter) sections(r *Redline, compact bool) string {
	var b strings.Builder
	for _, p := range w.parts(r, compact) {
		b.WriteString(p.text)
	}
	return b.String()
}

// parts renders the body: changed sections whole, or with compact only
// their changed blocks (and heading); unchanged sections a line each, or
// with compact a line for each run of them.
func (w mdWriter) parts(r *Redline, compact bool) []part {
	var out []part
	var names []string // the run of unchanged sections
	flush := func() {
		switch {
		case len(names) == 0:
			return
		case compact:
			out = append(out, part{text: fmt.Sprintf("*… %d unchanged %s …*\n\n", len(names), plural(len(names), "section"))})
		default:
			var b strings.Builder
			for _, n := range names {
				b.WriteString("- *unchanged:* " + n + "\n")
			}
			b.WriteString("\n")
			out = append(out, part{text: b.String()})
		}
		names = names[:0]
	}
	for _, s := range r.Sections {
		if !s.Changed {
			name := mdText(oneLine(s.Heading), false)
			if s.Heading == "" {
				name = "*(the text before the first heading)*"
			}
			names = append(names, name)
			continue
		}
		flush()
		out = append(out, part{text: w.section(s, compact), changed: true})
	}
	flush()
	return out
}

func (w mdWriter) section(s Section, compact bool) string {
	var b strings.Builder
	skipped := 0
	prevItem := false
	for i, blk := range s.Blocks {
		f := blk.review.form
		if compact && blk.Kind == Unchanged && !(i == 0 && f.class == classHeading) {
			skipped++
			continue
		}
		if skipped > 0 {
			fmt.Fprintf(&b, "*… %d unchanged %s …*\n\n", skipped, plural(skipped, "block"))
			skipped, prevItem = 0, false
		}
		text := w.block(blk)
		if text == "" {
			continue
		}
		item := f.class == classItem && !f.cont
		if item && prevItem {
			// Items of one list stay together, so the list reads as one.
			s := b.String()
			b.Reset()
			b.WriteString(strings.TrimSuffix(s, "\n"))
		}
		b.WriteString(text + "\n\n")
		prevItem = item
	}
	if skipped > 0 {
		fmt.Fprintf(&b, "*… %d unchanged %s …*\n\n", skipped, plural(skipped, "block"))
	}
	return b.String()
}

// block writes one block in Markdown, "" for one that shows nothing.
func (w mdWriter) block(b Block) string {
	rv := b.review
	f := rv.form
	switch f.class {
	case classRule:
		return ""
	case classHeading:
		return strings.Repeat("#", min(f.level+2, 6)) + " " + w.inline(rv.spans, false)
	case classItem:
		indent := strings.Repeat("    ", f.depth)
		switch {
		case f.cont:
			return indent + "   " + w.inline(rv.spans, true)
		case f.ordered:
			return indent + strconv.Itoa(f.number) + ". " + w.inline(rv.spans, true)
		}
		return indent + "- " + w.inline(rv.spans, true)
	case classQuote:
		return "> " + w.inline(rv.spans, true)
	case classCode:
		return "<pre>" + w.pre(rv.spans) + "</pre>"
	case classTable:
		return w.table(rv.rows)
	}
	return w.inline(rv.spans, true)
}

// inline writes spans as Markdown text with HTML marks: GitHub keeps
// <ins>, <del>, <strong>, <em>, <s>, <code> and <a href>, and tags, unlike
// Markdown's * and _, mark any run of text. lineStart escapes what would
// start a list, heading or quote.
func (w mdWriter) inline(spans []span, lineStart bool) string {
	return marked(spans, func(i int, s span) string {
		return w.wrap(s, mdText(printable.Page(strings.ReplaceAll(s.text, "\n", " ")), lineStart && i == 0))
	})
}

// pre writes the spans of a code block for <pre>: HTML, line breaks kept.
func (w mdWriter) pre(spans []span) string {
	return marked(spans, func(_ int, s span) string { return html.EscapeString(printable.Page(s.text)) })
}

// marked writes each span as text gives it, inside <ins> or <del> where
// it was inserted or deleted, opening and closing a mark only where the
// kind of change does.
func marked(spans []span, text func(int, span) string) string {
	var b strings.Builder
	cur := opEqual
	for i, s := range spans {
		if s.op != cur {
			b.WriteString(closeOp(cur))
			b.WriteString(openOp(s.op))
			cur = s.op
		}
		b.WriteString(text(i, s))
	}
	b.WriteString(closeOp(cur))
	return b.String()
}

// wrap puts the span's markup around its (escaped) text.
func (w mdWriter) wrap(s span, text string) string {
	c := s.ctx
	if c.style&styleCode != 0 {
		text = "<code>" + text + "</code>"
	}
	if c.style&styleStrike != 0 {
		text = "<s>" + text + "</s>"
	}
	if c.style&styleEm != 0 {
		text = "<em>" + text + "</em>"
	}
	if c.style&styleStrong != 0 {
		text = "<strong>" + text + "</strong>"
	}
	if href := w.links.link(c, s.op); href != "" {
		text = `<a href="` + html.EscapeString(href) + `">` + text + "</a>"
	}
	return text
}

func openOp(o op) string {
	switch o {
	case opInsert:
		return "<ins>"
	case opDelete:
		return "<del>"
	}
	return ""
}

func closeOp(o op) string {
	switch o {
	case opInsert:
		return "</ins>"
	case opDelete:
		return "</del>"
	}
	return ""
}

// table writes a GitHub table: its first row is the header row.
func (w mdWriter) table(rows []rowRun) string {
	if len(rows) == 0 {
		return ""
	}
	n := 1
	for _, r := range rows {
		n = max(n, len(r.cells))
	}
	var b strings.Builder
	for i, r := range rows {
		b.WriteString("|")
		for c := range n {
			cell := ""
			if c < len(r.cells) {
				cell = w.inline(r.cells[c], false)
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", n) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// mdText escapes policy text for Markdown: what Markdown or GitHub would
// read as markup (emphasis, links, HTML, tables, math) is backslash-escaped
// or written as an entity, and an @ that would notify a GitHub user gets
// a zero-width space after it. lineStart also escapes what would start a
// heading, quote or list at the start of a line.
func mdText(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	if lineStart {
		// "1." or "1)" starts a list; "#", ">", "-", "+", "=" a heading, quote, list or underline.
		digits := 0
		for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
			digits++
		}
		switch {
		case digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')'):
			b.WriteString(s[:digits] + `\`)
			s = s[digits:]
		case s != "" && strings.IndexByte("#>-+=", s[0]) >= 0:
			b.WriteByte('\\')
		}
	}
	prev := ' '
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '@':
			b.WriteRune(r)
			if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
				b.WriteString("&#8203;")
			}
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
