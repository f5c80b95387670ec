package render

import (
	"github.com/policygen/gen/generator/calendar"
	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/feed"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/urls"
)

// planned is one file of the site as the plan lists it: where it goes and
// what it shows of the site, named by the keys of package derive: what
// its frame shows, and what the rest of it does.
type planned struct {
	path        string
	frame, view []derive.Key
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

// plan lists every file of the site: its address, from urls; what it
// shows, for serve to know which files an edit touches; and how it is
// made. Only this function and urls know which pages exist. A new kind of
// page is a line here with its view and its layout (and, if it has rules
// of its own, their place in package derive).
func (r *Renderer) plan() []job {
	s := r.site
	var jobs []job
	file := func(path string, shows []derive.Key, run func() ([]byte, error)) {
		jobs = append(jobs, job{planned: planned{path: path, view: shows}, run: run})
	}
	// A page shows its frame and its view. The pages of a frame share
	// its keys.
	frames := map[frameKey][]derive.Key{}
	page := func(url, layout string, fk frameKey, view []derive.Key, p func(*Frame) *Page) {
		run := func() ([]byte, error) { return r.execute(layout, p(r.frame(fk))) }
		shows, ok := frames[fk]
		if !ok {
			shows = fk.shows()
			frames[fk] = shows
		}
		jobs = append(jobs, job{planned: planned{urls.File(url), shows, view}, run: run, page: true})
	}
	keys := func(k ...derive.Key) []derive.Key { return k }

	// The layouts' own files show nothing of the content: only a change
	// of the layouts, which renders everything, changes them.
	file(urls.Stylesheet(), nil, func() ([]byte, error) { return r.layouts.css, nil })
	file(urls.Script(), nil, func() ([]byte, error) { return r.layouts.script, nil })
	file(urls.Headers(), nil, func() ([]byte, error) { return headers(), nil })
	// The records carry every version's fingerprints: they show the
	// files, not only the front matter.
	file(urls.Index(), keys(derive.AllFiles()), func() ([]byte, error) { return record.Marshal(record.ForSite(s)) })
	file(urls.Sitemap(), keys(derive.AllFiles()), func() ([]byte, error) { return r.sitemap(), nil })
	def := s.DefaultLanguage
	page(urls.NotFound(), "404.html", language(def), nil, r.notFoundPage)
	page(urls.Root(), "redirect.html", bare(def), nil, func(f *Frame) *Page {
		return r.redirectPage(f, urls.Root(), urls.Language(def))
	})

	feeds := feed.Builder{Site: s, Catalog: r.cat}
	for _, l := range s.Languages {
		// A language's index also lists the policies it lacks, as the
		// other languages title them.
		page(urls.Language(l.Code), "index.html", language(l.Code), keys(derive.AllFiles()), func(f *Frame) *Page { return r.indexPage(f, l.Code) })
		files := keys(derive.LanguageFiles(l.Code))
		file(urls.LanguageFeed(l.Code), files, func() ([]byte, error) { return feeds.Language(l.Code) })
		file(urls.ProcessorsFeed(l.Code), files, func() ([]byte, error) { return feeds.Processors(l.Code) })
		file(urls.Calendar(l.Code), files, func() ([]byte, error) { return calendar.Build(s, r.cat, l.Code), nil })
		// The register lists the processors of every version of the
		// language's policies.
		page(urls.Register(l.Code), "register.html", register(l.Code), files, func(f *Frame) *Page { return r.registerPage(f, l.Code) })
		file(urls.RegisterJSON(l.Code), files, func() ([]byte, error) { return record.Marshal(record.ForRegister(s, l.Code)) })
		file(urls.RegisterCSV(l.Code), files, func() ([]byte, error) {
			return record.RegisterCSV(record.ForRegister(s, l.Code), r.cat), nil
		})
	}
	for _, p := range s.Policies {
		target := p.Editions[0]
		if ed := p.Edition(def); ed != nil {
			target = ed
		}
		page(urls.PolicyRedirect(p.Slug), "redirect.html", bare(def), keys(derive.PolicyLanguages(p)), func(f *Frame) *Page {
			return r.redirectPage(f, urls.PolicyRedirect(p.Slug), urls.Policy(target.Lang, p.Slug))
		})
		for _, e := range p.Editions {
			ed := s.Edition(e)
			lang := ed.Lang
			edition := keys(derive.EditionFiles(e))
			page(urls.Policy(lang, p.Slug), "version.html", policy(ed), edition, func(f *Frame) *Page {
				return r.versionPage(f, s.Version(ed.Shown), urls.Policy(lang, p.Slug))
			})
			page(urls.History(lang, p.Slug), "history.html", history(ed), edition, func(f *Frame) *Page { return r.historyPage(f, ed) })
			file(urls.Versions(lang, p.Slug), edition, func() ([]byte, error) { return record.Marshal(record.ForEdition(s, e)) })
			file(urls.PolicyFeed(lang, p.Slug), edition, func() ([]byte, error) { return feeds.Policy(ed) })
			for _, mv := range ed.Versions {
				v := s.Version(mv)
				page(urls.Version(lang, p.Slug, v.Date), "version.html", policy(ed), edition, func(f *Frame) *Page {
					return r.versionPage(f, v, urls.Version(lang, p.Slug, v.Date))
				})
				file(urls.Source(lang, p.Slug, v.Date), keys(derive.VersionFile(mv)), func() ([]byte, error) { return content.ReadSource(r.fsys, mv) })
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

// Snapshot is what every file of one render shows, stamped (see
// derive.Key): a later render given it renders only the files whose stamp
// moved, and new ones. Every file shows the site's settings and the day.
type Snapshot struct {
	stamps map[string]uint64 // by path
}

// Snapshot stamps what every file of the site shows.
func (r *Renderer) Snapshot() *Snapshot {
	r.stamped.Do(func() {
		stamps := map[derive.Key]uint64{}
		stamp := func(k derive.Key) uint64 {
			st, ok := stamps[k]
			if !ok {
				st = r.site.Stamp(k)
				stamps[k] = st
			}
			return st
		}
		files := r.files()
		snap := &Snapshot{stamps: make(map[string]uint64, len(files))}
		var parts []uint64
		for _, j := range files {
			for _, f := range j.files() {
				parts = append(parts[:0], stamp(derive.Settings()))
				for _, k := range f.frame {
					parts = append(parts, stamp(k))
				}
				for _, k := range f.view {
					parts = append(parts, stamp(k))
				}
				snap.stamps[f.path] = derive.Combine(parts...)
			}
		}
		r.stamps = snap
	})
	return r.stamps
}
