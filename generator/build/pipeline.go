package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/pdf"
	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/urls"
)

// Pass is one run of the pipeline: what to build, and where its files go.
type Pass struct {
	Options
	// Cache keeps parsed files from one pass to the next (serve's); nil
	// parses every file.
	Cache *Cache
	// Render is what serve adds to every page: its reload script, and the
	// redlines' memos it keeps between passes.
	Render render.Options
	// Since, a Result's Snapshot, renders only the files whose inputs
	// changed since that pass (serve's); nil renders them all.
	Since *render.Snapshot
	// Out is where the files go; nil for a pass that only checks.
	Out Destination
	// Files, when set, are the site's files instead of the folder
	// Options.Site: `gen import` checks the site with the files it would
	// add before it writes them.
	Files fs.FS
	// Context stops the printing of PDFs (a signal); nil never does.
	Context context.Context
}

// Destination is where a pass writes the site: the output folder `gen
// build` replaces, or the store `gen serve` answers from.
type Destination interface {
	// Check is asked once the content has loaded without errors: a
	// destination that must not be written says why (a usage error).
	Check() error
	// Write hands fill a writer for the files of site, and what it wrote
	// to read back (nil where that cannot be done: serve's store), and
	// keeps the files only if fill succeeds. It returns how many files it
	// added of its own: the output folder adds the manifest of the others
	// (and its signature).
	Write(site *derive.Site, fill func(w output.Writer, written fs.FS) error) (int, error)
}

// Result is what a pass did, for its summary line and the next pass.
type Result struct {
	Policies, Languages, Versions int
	render.Stats                      // the files rendered
	Static                        int // the files copied from static/
	PDF                           pdf.Result
	Added                         int // the files the destination added (the manifest, its signature)
	Elapsed                       time.Duration
	// Paths lists every file of the site, written or, with Since, left out
	// as unchanged; Snapshot stamps them for the next pass's Since.
	Paths    []string
	Snapshot *render.Snapshot
	// Today is the day the site was built for, in Timezone, the site's.
	Today    date.Date
	Timezone *time.Location
	// URLs is the site's URL scheme, and Rules what it asks of its host:
	// the preview answers at its addresses with its headers.
	URLs  urls.Scheme
	Rules host.Rules
	// Site is the site with its rules applied, when it loaded without
	// errors.
	Site *derive.Site
}

// Summary is the one line `gen build` ends with.
func (r Result) Summary(out string) string {
	pdfs := ""
	if n := r.PDF.Printed + r.PDF.Reused; n > 0 {
		pdfs = fmt.Sprintf(" and %d PDFs (%d printed, %d unchanged)", n, r.PDF.Printed, r.PDF.Reused)
	}
	return fmt.Sprintf("built %d policies in %d languages, %d versions: %d pages%s, %d files in %s (%s)",
		r.Policies, r.Languages, r.Versions, r.Pages, pdfs, r.Files+r.Static+r.PDF.Printed+r.PDF.Reused+r.Added, out, r.Elapsed.Round(time.Millisecond))
}

// Run is the pipeline: it loads and parses the site, builds its model,
// derives its rules, plans and checks its pages, and, given a destination,
// renders them and copies static/ into it. With any error in the content,
// the layouts or the links, or a destination that refuses, it writes
// nothing and the diagnostics say why.
func Run(p Pass) (Result, diag.List, error) {
	start := time.Now()
	cache := p.Cache
	if cache == nil {
		cache = NewCache()
	}
	fsys := p.Files
	if fsys == nil {
		fsys = os.DirFS(p.Site)
	}
	loaded, diags := loadFS(p.Options, fsys, cache)
	if loaded == nil || diags.HasErrors() {
		return Result{}, diags, nil
	}
	if p.Out != nil {
		if err := p.Out.Check(); err != nil {
			return Result{}, diags, err
		}
	}
	// A build with PDFs links them from the version pages.
	p.Render.PDF = p.PDF
	r, renderDiags := Renderer(loaded, p.Render)
	diags.Add(renderDiags)
	diags.Sort()
	if r == nil {
		return Result{}, diags, nil
	}
	res := Result{
		Policies:  len(loaded.Site.Policies),
		Languages: len(loaded.Site.Languages),
		Today:     loaded.Site.Now,
		Timezone:  loaded.Config.Timezone,
		Site:      r.Site(),
	}
	for _, pol := range loaded.Site.Policies {
		for _, ed := range pol.Editions {
			res.Versions += len(ed.Versions)
		}
	}
	if p.Out == nil {
		return res, diags, nil
	}
	added, err := p.Out.Write(r.Site(), func(w output.Writer, written fs.FS) error {
		stats, err := r.Render(w, p.Since)
		if err != nil {
			return err
		}
		res.Stats = stats
		if res.Static, err = copyStatic(loaded.FS, w); err != nil || !p.PDF {
			return err
		}
		// Printed from the pages as written, with static/'s stylesheet
		// or images if the site has its own.
		res.PDF, err = printPDFs(p.Context, loaded, p.Browser, written, w)
		return err
	})
	var found diag.List
	if errors.As(err, &found) {
		// A layout's or a static file's problem, at its file (and line and
		// column), like the content's; the destination was left as it was.
		diags.Add(found)
		return Result{}, diags, nil
	}
	if err != nil {
		return Result{}, diags, err
	}
	res.Added = added
	res.Paths, res.Snapshot = r.Paths(), r.Snapshot()
	res.URLs, res.Rules = r.Site().URLs, r.Rules()
	res.Elapsed = time.Since(start)
	return res, diags, nil
}
