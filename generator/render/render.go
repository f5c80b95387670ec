// Package render turns the site model into files: HTML pages through the
// layouts (built-in, or the site's own from layouts/), each version's source,
// the sitemap and the security headers. It decides how the site looks and
// where each page goes, never which version is in force or which notice
// applies; those come from the model.
package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"sync"

	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/feed"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/urls"
)

// Renderer renders one site. It is built once per build: the layouts are
// compiled here, not per page.
type Renderer struct {
	site    *model.Site
	cat     *i18n.Catalog
	layouts *layouts
	opts    Options
	fsys    fs.FS // the site, for sources read again while rendering
	frames  frames
	// pages holds page buffers between pages: a build renders hundreds of
	// megabytes of HTML, and reusing the buffers spares the collector (and
	// the machine fresh memory) most of it.
	pages sync.Pool

	listed sync.Once
	list   []job // every file of the site, listed once (see files)
}

// Options change what a build adds to every page.
type Options struct {
	// Inject is HTML added before </body> of every page; serve uses it for
	// its reload script. Builds leave it empty.
	Inject template.HTML
	// UnsafeHTML is site.toml's unsafe_html, which redlines honour as the
	// pages do.
	UnsafeHTML bool
	// Memos, when set, keeps the redlines' memos for the next render with
	// the same Memos; serve renders again after every save. Builds leave it
	// nil.
	Memos *Memos
}

// New compiles the layouts for site; siteFS may hold a layouts/ folder.
func New(site *model.Site, cat *i18n.Catalog, siteFS fs.FS, opts Options) (*Renderer, diag.List) {
	l, diags := loadLayouts(siteFS)
	if l == nil {
		return nil, diags
	}
	return &Renderer{site: site, cat: cat, layouts: l, opts: opts, fsys: siteFS}, diags
}

// job renders one file, or, when group is set, several files that share
// work (the redlines of one edition share each version's parse).
type job struct {
	path  string
	run   func() ([]byte, error)
	page  bool // run's bytes come from execute: released once written
	group []string
	write func(w output.Writer, keep func(path string) bool) error
}

// Stats counts what a build wrote.
type Stats struct {
	Pages int // HTML pages
	Files int // every file
}

// Render writes every file of the site to w, rendering in parallel on all
// cores. The bytes of each file depend only on the model, so the output is
// the same whatever order the workers finish in.
func (r *Renderer) Render(w output.Writer) (Stats, error) {
	return r.RenderOnly(w, func(string) bool { return true })
}

func isHTML(p string) bool { return len(p) > 5 && p[len(p)-5:] == ".html" }

// files lists every file of the site, once per Renderer: the list is
// needed for the link check, the paths and the rendering, and costs as
// much to make as formatting every URL of the site.
func (r *Renderer) files() []job {
	r.listed.Do(func() { r.list = r.jobs() })
	return r.list
}

// jobs lists every file of the site. Only this function and urls know
// which pages exist.
func (r *Renderer) jobs() []job {
	s := r.site
	var jobs []job
	add := func(path string, run func() ([]byte, error)) { jobs = append(jobs, job{path: path, run: run}) }
	page := func(layout string, p func() *Page) func() ([]byte, error) {
		return func() ([]byte, error) { return r.execute(layout, p()) }
	}
	addPage := func(path, layout string, p func() *Page) {
		jobs = append(jobs, job{path: path, run: page(layout, p), page: true})
	}

	feeds := feed.Builder{Site: s, Catalog: r.cat}
	add(urls.Stylesheet(), func() ([]byte, error) { return r.layouts.css, nil })
	add(urls.Script(), func() ([]byte, error) { return r.layouts.script, nil })
	add(urls.Index(), func() ([]byte, error) { return record.Marshal(record.ForSite(s)) })
	add(urls.Headers(), func() ([]byte, error) { return headers(), nil })
	add(urls.Sitemap(), func() ([]byte, error) { return r.sitemap(), nil })
	addPage(urls.NotFound(), "404.html", r.notFoundPage)
	addPage(urls.File(urls.Root()), "redirect.html", func() *Page {
		return r.redirectPage(urls.Root(), urls.Language(s.DefaultLanguage))
	})
	for _, l := range s.Languages {
		addPage(urls.File(urls.Language(l.Code)), "index.html", func() *Page { return r.indexPage(l.Code) })
		add(urls.LanguageFeed(l.Code), func() ([]byte, error) { return feeds.Language(l.Code) })
		add(urls.ProcessorsFeed(l.Code), func() ([]byte, error) { return feeds.Processors(l.Code) })
	}
	for _, p := range s.Policies {
		target := p.Editions[0]
		if ed := p.Edition(s.DefaultLanguage); ed != nil {
			target = ed
		}
		addPage(urls.File(urls.PolicyRedirect(p.Slug)), "redirect.html", func() *Page {
			return r.redirectPage(urls.PolicyRedirect(p.Slug), urls.Policy(target.Lang, p.Slug))
		})
		for _, ed := range p.Editions {
			addPage(urls.File(urls.Policy(ed.Lang, p.Slug)), "version.html", func() *Page {
				return r.versionPage(ed.Shown, urls.Policy(ed.Lang, p.Slug))
			})
			addPage(urls.File(urls.History(ed.Lang, p.Slug)), "history.html", func() *Page { return r.historyPage(ed) })
			add(urls.Versions(ed.Lang, p.Slug), func() ([]byte, error) { return record.Marshal(record.ForEdition(s, ed)) })
			add(urls.PolicyFeed(ed.Lang, p.Slug), func() ([]byte, error) { return feeds.Policy(ed) })
			for _, v := range ed.Versions {
				addPage(urls.File(urls.Version(ed.Lang, p.Slug, v.Date)), "version.html", func() *Page {
					return r.versionPage(v, urls.Version(ed.Lang, p.Slug, v.Date))
				})
				add(urls.Source(ed.Lang, p.Slug, v.Date), func() ([]byte, error) { return content.ReadSource(r.fsys, v) })
			}
			if cs := Comparisons(s, ed); len(cs) > 0 {
				jobs = append(jobs, r.redlineJob(cs))
			}
		}
	}
	return jobs
}

// execute runs a page layout into bytes.
func (r *Renderer) execute(layout string, p *Page) ([]byte, error) {
	l := r.layouts.pages[layout]
	p.layout = l
	var buf *bytes.Buffer
	if b, ok := r.pages.Get().(*[]byte); ok {
		buf = bytes.NewBuffer((*b)[:0])
	} else {
		buf = new(bytes.Buffer)
	}
	buf.Grow(max(int(l.size.Load()), 16<<10))
	if err := l.t.ExecuteTemplate(buf, entry(layout), p); err != nil {
		return nil, r.layouts.explain(err, p.URL)
	}
	if n := int64(buf.Len()); n > l.size.Load() {
		l.size.Store(n)
	}
	return buf.Bytes(), nil
}

// release takes back a page's bytes from execute once they are written;
// output.Writer implementations keep no reference to what they write.
func (r *Renderer) release(b []byte) {
	b = b[:0]
	r.pages.Put(&b)
}
