package render

import (
	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/feed"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/urls"
)

// planned is one file of the site as the plan lists it: where it goes.
type planned struct {
	path string
}

// job renders one file, or, when group is set, several files that share
// work (the redlines of one edition share each version's parse).
type job struct {
	planned
	run   func() ([]byte, error)
	page  bool // run's bytes come from execute: released once written
	group []planned
	write func(w output.Writer, keep func(path string) bool) error
}

// files are the files a job writes.
func (j job) files() []planned {
	if j.write != nil {
		return j.group
	}
	return []planned{j.planned}
}

// plan lists every file of the site: its address, from urls, and how it
// is made. Only this function and urls know which pages exist. A new kind
// of page is a line here with its view and its layout (and, if it has
// rules of its own, their place in package derive).
func (r *Renderer) plan() []job {
	s := r.site
	var jobs []job
	file := func(path string, run func() ([]byte, error)) {
		jobs = append(jobs, job{planned: planned{path}, run: run})
	}
	page := func(url, layout string, fk frameKey, p func(*Frame) *Page) {
		run := func() ([]byte, error) { return r.execute(layout, p(r.frame(fk))) }
		jobs = append(jobs, job{planned: planned{urls.File(url)}, run: run, page: true})
	}

	file(urls.Stylesheet(), func() ([]byte, error) { return r.layouts.css, nil })
	file(urls.Script(), func() ([]byte, error) { return r.layouts.script, nil })
	file(urls.Headers(), func() ([]byte, error) { return headers(), nil })
	file(urls.Index(), func() ([]byte, error) { return record.Marshal(record.ForSite(s)) })
	file(urls.Sitemap(), func() ([]byte, error) { return r.sitemap(), nil })
	def := s.DefaultLanguage
	page(urls.NotFound(), "404.html", language(def), r.notFoundPage)
	page(urls.Root(), "redirect.html", bare(def), func(f *Frame) *Page {
		return r.redirectPage(f, urls.Root(), urls.Language(def))
	})

	feeds := feed.Builder{Site: s, Catalog: r.cat}
	for _, l := range s.Languages {
		page(urls.Language(l.Code), "index.html", language(l.Code), func(f *Frame) *Page { return r.indexPage(f, l.Code) })
		file(urls.LanguageFeed(l.Code), func() ([]byte, error) { return feeds.Language(l.Code) })
		file(urls.ProcessorsFeed(l.Code), func() ([]byte, error) { return feeds.Processors(l.Code) })
	}
	for _, p := range s.Policies {
		target := p.Editions[0]
		if ed := p.Edition(def); ed != nil {
			target = ed
		}
		page(urls.PolicyRedirect(p.Slug), "redirect.html", bare(def), func(f *Frame) *Page {
			return r.redirectPage(f, urls.PolicyRedirect(p.Slug), urls.Policy(target.Lang, p.Slug))
		})
		for _, e := range p.Editions {
			ed := s.Edition(e)
			lang := ed.Lang
			page(urls.Policy(lang, p.Slug), "version.html", policy(ed), func(f *Frame) *Page {
				return r.versionPage(f, s.Version(ed.Shown), urls.Policy(lang, p.Slug))
			})
			page(urls.History(lang, p.Slug), "history.html", history(ed), func(f *Frame) *Page { return r.historyPage(f, ed) })
			file(urls.Versions(lang, p.Slug), func() ([]byte, error) { return record.Marshal(record.ForEdition(s, e)) })
			file(urls.PolicyFeed(lang, p.Slug), func() ([]byte, error) { return feeds.Policy(ed) })
			for _, mv := range ed.Versions {
				v := s.Version(mv)
				page(urls.Version(lang, p.Slug, v.Date), "version.html", policy(ed), func(f *Frame) *Page {
					return r.versionPage(f, v, urls.Version(lang, p.Slug, v.Date))
				})
				file(urls.Source(lang, p.Slug, v.Date), func() ([]byte, error) { return content.ReadSource(r.fsys, mv) })
			}
			if len(ed.Comparisons) > 0 {
				jobs = append(jobs, r.redlineJob(ed))
			}
		}
	}
	return jobs
}

// Paths lists the path of every file Render writes, in a stable order, so
// serve can tell which of its pages no longer exist.
func (r *Renderer) Paths() []string {
	var out []string
	for _, j := range r.files() {
		for _, f := range j.files() {
			out = append(out, f.path)
		}
	}
	return out
}
