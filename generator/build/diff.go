package build

import (
	"fmt"
	"io"
	"strings"

	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/printable"
	"github.com/policygen/gen/generator/redline"
	"github.com/policygen/gen/generator/sitedir"
)

// DiffRequest names the two versions `gen diff` compares; empty dates
// default to the version before the newest and the newest.
type DiffRequest struct {
	Policy, Lang string
	From, To     string
	Color        bool // ANSI colours for a terminal; git's word-diff markers otherwise
}

// Diff prints the redline between two versions of a policy. Drafts are
// included: an author diffs the version being written.
func Diff(opts Options, req DiffRequest, w io.Writer) diag.List {
	opts.Drafts = true
	loaded, diags := Load(opts)
	if diags.HasErrors() {
		return diags
	}
	ed := loaded.Site.Edition(req.Lang, req.Policy)
	if ed == nil {
		diags.Errorf(sitedir.Policy(req.Policy), 0, 0, "%s", loaded.Site.NoEdition(req.Policy, req.Lang))
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
		d, err := date.Parse(s)
		if err != nil {
			diags.Errorf("gen diff", 0, 0, "%v", err)
			return nil
		}
		v := ed.Version(d)
		if v == nil {
			diags.Errorf("gen diff", 0, 0, "%s/%s has no version of %s; see its history for the dates", req.Policy, req.Lang, d)
		}
		return v
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
	rl := redline.Compare(bodies[0], bodies[1], redline.Options{UnsafeHTML: loaded.Config.UnsafeHTML, Terminal: true})
	// Every value from the files is printed on its line, escaped: a title
	// or summary cannot start a line of its own in a CI log.
	line := printable.Line
	fmt.Fprintf(w, "%s (%s): %s → %s\n", line(to.Title), req.Lang, from.Date, to.Date)
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
	if err := redline.WriteFrontMatter(w, redline.FrontMatter(from, to), req.Color); err != nil {
		diags.Errorf("gen diff", 0, 0, "writing: %v", err)
		return diags
	}
	fmt.Fprintln(w)
	if err := redline.WriteText(w, rl, req.Color); err != nil {
		diags.Errorf("gen diff", 0, 0, "writing: %v", err)
	}
	return diags
}
