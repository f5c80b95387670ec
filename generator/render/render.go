// Package render turns the derived site into files: HTML pages through the
// layouts (built-in, or the site's own from layouts/), each version's source,
// feeds, records, the sitemap and the security headers. Its plan (plan.go)
// lists every file with its address and what it shows. It decides how the
// site looks, never which version is in force, which notice applies or
// which comparison exists: the model and package derive decide those.
package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/urls"
)

// Renderer renders one site. It is built once per build: the layouts are
// compiled here, not per page.
type Renderer struct {
	site    *derive.Site
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

	stamped sync.Once
	stamps  *Snapshot // what every file shows, stamped once (see Snapshot)

	// orders holds each language's order of the policies, sorted once
	// (see ordered): every frame of a policy lists them.
	ordersMu sync.Mutex
	orders   map[string][]*model.Policy
}

// Options change what a build adds to every page.
type Options struct {
	// Inject is HTML added before </body> of every page; serve uses it for
	// its reload script. Builds leave it empty.
	Inject template.HTML
	// UnsafeHTML is site.toml's unsafe_html, which redlines honour as the
	// pages do.
	UnsafeHTML bool
	// ExternalOrigins is site.toml's external_origins, which the
	// Content-Security-Policy allows embedded resources from.
	ExternalOrigins []string
	// BrokenLinksWarn is site.toml's broken_links = "warn": a broken link
	// is a warning, not an error.
	BrokenLinksWarn bool
	// Preview is set by `gen serve`: its pages' Content-Security-Policy
	// lets its reload script listen to the preview's event stream.
	Preview bool
	// Memos, when set, keeps the redlines' memos for the next render with
	// the same Memos; serve renders again after every save. Builds leave it
	// nil.
	Memos *Memos
	// Records, when set, keeps the editions' parts of policies.json for
	// the next render with the same Records (serve's). Builds leave it
	// nil.
	Records *Records
	// PDF links every version page to its PDF, which gen build --pdf
	// prints once the pages are written.
	PDF bool
	// Timezone is site.toml's timezone, whose midnight starts each day a
	// version came into force: the moments the TimeMaps give. nil is UTC.
	Timezone *time.Location
}

// New compiles the layouts for site; siteFS may hold a layouts/ folder.
func New(site *derive.Site, cat *i18n.Catalog, siteFS fs.FS, opts Options) (*Renderer, diag.List) {
	l, diags := loadLayouts(siteFS)
	if l == nil {
		return nil, diags
	}
	if opts.Timezone == nil {
		opts.Timezone = time.UTC
	}
	return &Renderer{site: site, cat: cat, layouts: l, opts: opts, fsys: siteFS}, diags
}

// Stats counts what a build wrote.
type Stats struct {
	Pages int // HTML pages
	Files int // every file
}

// Site is the site the renderer renders, with its rules applied.
func (r *Renderer) Site() *derive.Site { return r.site }

// Render writes every file of the site to w, rendering in parallel on all
// cores; with since, from an earlier render of the site (serve's), only the
// files whose inputs changed since then. The bytes of each file depend only
// on the derived site, so the output is the same whatever order the
// workers finish in.
func (r *Renderer) Render(w output.Writer, since *Snapshot) (Stats, error) {
	if since == nil {
		return r.RenderOnly(w, func(string) bool { return true })
	}
	now := r.Snapshot()
	return r.RenderOnly(w, func(path string) bool {
		before, ok := since.stamps[path]
		return !ok || before != now.stamps[path]
	})
}

// isPage reports whether the file at p is an HTML page: an embed is a
// part of one, for another site's page.
func isPage(p string) bool { return strings.HasSuffix(p, ".html") && path.Base(p) != urls.EmbedFile }

// files lists every file of the site, once per Renderer: the list is
// needed for the link check, the paths and the rendering, and costs as
// much to make as formatting every URL of the site.
func (r *Renderer) files() []job {
	r.listed.Do(func() { r.list = r.plan() })
	return r.list
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
