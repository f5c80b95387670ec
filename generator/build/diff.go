package build

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/docx"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/printable"
	"github.com/policygen/gen/generator/redline"
	"github.com/policygen/gen/generator/render"
)

// The formats `gen diff` writes a redline in.
const (
	FormatText     = "text"     // for a terminal or a log
	FormatMarkdown = "markdown" // for a pull request comment
	FormatDocx     = "docx"     // a Word document with tracked changes
)

// DiffRequest names the two versions `gen diff` compares; empty dates
// default to the version before the newest and the newest.
type DiffRequest struct {
	Policy, Lang string
	From, To     string
	Format       string // FormatText ("" too), FormatMarkdown or FormatDocx
	Color        bool   // text: ANSI colours for a terminal; git's word-diff markers otherwise
	// Out is the file to write the redline to, replaced whole; "" writes
	// to the Writer Diff is given.
	Out string
	// Author is the author of a Word redline's changes; "" is the site's
	// title.
	Author string
	// MaxChars bounds a Markdown redline's length; 0 is
	// redline.CommentLimit, GitHub's for a comment.
	MaxChars int
}

// Diff prints the redline between two versions of a policy. Drafts are
// included: an author diffs the version being written.
func Diff(opts Options, req DiffRequest, w io.Writer) diag.List {
	opts.Drafts = true
	loaded, diags := Load(opts)
	if diags.HasErrors() {
		return diags
	}
	ed := edition(loaded, req.Policy, req.Lang, &diags)
	if ed == nil {
		return diags
	}
	if len(ed.Versions) < 2 && req.From == "" {
		diags.Errorf(ed.Newest().SourcePath, 0, 0, "only one version; nothing to compare")
		return diags
	}
	pick := func(s string, fallback *model.Version) *model.Version {
		if s == "" {
			return fallback
		}
		return version(ed, s, "gen diff", &diags)
	}
	newest := ed.Newest()
	to := pick(req.To, newest)
	from := pick(req.From, newest.Previous)
	if from == nil || to == nil {
		return diags
	}
	if to.Date.Before(from.Date) {
		from, to = to, from
	}
	var bodies [2][]byte
	for i, v := range []*model.Version{from, to} {
		b, err := content.ReadBody(loaded.FS, v)
		if err != nil {
			diags.Errorf(v.SourcePath, 0, 0, "%v", err)
			return diags
		}
		bodies[i] = b
	}
	ropts := redline.Options{UnsafeHTML: loaded.Config.UnsafeHTML, ReservedIDs: render.ReservedIDs()}
	var out bytes.Buffer
	var err error
	switch req.Format {
	case FormatMarkdown:
		ropts.Review = true
		rl := redline.Compare(bodies[0], bodies[1], ropts)
		out.WriteString(rl.Markdown(from, to, redline.MarkdownOptions{
			URLs:       loaded.Config.URLs,
			RedlineURL: publishedRedline(loaded, from, to),
			Command:    fmt.Sprintf("gen diff %s %s %s %s", req.Policy, req.Lang, from.Date, to.Date),
			MaxChars:   req.MaxChars,
		}))
	case FormatDocx:
		ropts.Review = true
		rl := redline.Compare(bodies[0], bodies[1], ropts)
		author := req.Author
		if author == "" {
			author = loaded.Config.Title
		}
		err = docx.Write(&out, rl.Docx(from, to, redline.DocxOptions{
			Author: author, URLs: loaded.Config.URLs, Labels: docxLabels(loaded.Catalog, req.Lang),
		}))
	default:
		ropts.Terminal = true
		err = writeText(&out, redline.Compare(bodies[0], bodies[1], ropts), from, to, req.Color)
	}
	if err == nil {
		if req.Out != "" {
			err = output.ReplaceFile(req.Out, out.Bytes()) // a reviewer's earlier redline is never left half overwritten
		} else {
			_, err = w.Write(out.Bytes())
		}
	}
	if err != nil {
		diags.Errorf("gen diff", 0, 0, "writing the redline: %v", err)
	}
	return diags
}

// writeText writes the redline for a terminal: what the redline page
// lists above the text, then the changed sections.
func writeText(w io.Writer, rl *redline.Redline, from, to *model.Version, color bool) error {
	// Every value from the files is printed on its line, escaped: a title
	// or summary cannot start a line of its own in a CI log.
	line := printable.Line
	fmt.Fprintf(w, "%s (%s): %s → %s\n", line(to.Title), to.Edition.Lang, from.Date, to.Date)
	if to.Previous == from && to.Change != nil && to.Change.Summary != "" {
		fmt.Fprintf(w, "%s\n", line(strings.Join(strings.Fields(to.Change.Summary), " ")))
	}
	fmt.Fprintf(w, "%d sections changed, %d words added, %d words removed\n", rl.SectionsChanged, rl.WordsAdded, rl.WordsRemoved)
	for _, c := range redline.Processors(from.Processors, to.Processors) {
		fmt.Fprintf(w, "processor %s: %s\n", c.Kind, line(c.Name))
		for _, f := range c.Fields {
			fmt.Fprintf(w, "  %s: \"%s\" → \"%s\"\n", f.Field, line(f.Old), line(f.New))
		}
	}
	if err := redline.WriteFrontMatter(w, redline.FrontMatter(from, to), color); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return redline.WriteText(w, rl, color)
}

// publishedRedline is the address of the site's page of the redline of
// from and to, or "" when the site does not publish one: drafts are not
// published, and only some pairs get a page (site.toml's compare).
func publishedRedline(loaded *Loaded, from, to *model.Version) string {
	if from.Draft || to.Draft {
		return ""
	}
	for _, c := range derive.New(loaded.Site).Edition(to.Edition).Comparisons {
		if c.From == from && c.To == to {
			u := loaded.Config.URLs
			return u.Absolute(render.ComparisonURL(u, c))
		}
	}
	return ""
}

// docxLabels are the words of a Word redline's summary in lang, those of
// the redline page.
func docxLabels(cat *i18n.Catalog, lang string) redline.DocxLabels {
	l := redline.DocxLabels{
		Summary:    cat.T(lang, "redline.metadata"),
		Processors: cat.T(lang, "redline.processors"),
		Fields: map[string]string{
			"title":     cat.T(lang, "redline.title_changed"),
			"effective": cat.T(lang, "redline.effective_changed"),
		},
		Date: func(d date.Date) string { return cat.Date(lang, d) },
	}
	for _, f := range []string{"name", "location", "purpose", "country", "transfer", "url"} {
		l.Fields[f] = cat.T(lang, i18n.ProcessorField(f))
	}
	return l
}
