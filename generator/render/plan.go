package render

import (
	"slices"

	"github.com/policygen/gen/generator/calendar"
	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/feed"
	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/memento"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/record"
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
	u := s.URLs
	var jobs []job
	file := func(addr string, shows []derive.Key, run func() ([]byte, error)) {
		jobs = append(jobs, job{planned: planned{path: u.File(addr), view: shows}, run: run})
	}
	// A page shows its frame and its view. The pages of a frame share
	// its keys.
	frames := map[frameKey][]derive.Key{}
	page := func(addr, layout string, fk frameKey, view []derive.Key, p func(*Frame) *Page) {
		run := func() ([]byte, error) { return r.execute(layout, p(r.frame(fk))) }
		shows, ok := frames[fk]
		if !ok {
			shows = fk.shows()
			frames[fk] = shows
		}
		jobs = append(jobs, job{planned: planned{u.File(addr), shows, view}, run: run, page: true})
	}
	keys := func(k ...derive.Key) []derive.Key { return k }

	// The layouts' own files show nothing of the content: only a change
	// of the layouts, which renders everything, changes them.
	file(u.Stylesheet(), nil, func() ([]byte, error) { return r.layouts.css, nil })
	file(u.Script(), nil, func() ([]byte, error) { return r.layouts.script, nil })
	// What the host reads: the redirects name every policy.
	for _, f := range host.Files(host.Name(s.Host)) {
		file(u.Host(f.Name), keys(derive.AllFiles()), func() ([]byte, error) { return f.Write(r.Rules()), nil })
	}
	// The records carry every version's fingerprints: they show the
	// files, not only the front matter.
	file(u.Index(), keys(derive.AllFiles()), func() ([]byte, error) { return r.siteRecord(r.opts.Records) })
	file(u.Sitemap(), keys(derive.AllFiles()), func() ([]byte, error) { return r.sitemap(), nil })
	def := s.DefaultLanguage
	page(u.NotFound(), "404.html", language(def), nil, r.notFoundPage)
	page(u.Root(), "redirect.html", bare(def), nil, func(f *Frame) *Page {
		return r.redirectPage(f, u.Root(), u.Language(def))
	})

	feeds := feed.Builder{Site: s, Catalog: r.cat}
	for _, l := range s.Languages {
		// A language's index also lists the policies it lacks, as the
		// other languages title them.
		page(u.Language(l.Code), "index.html", language(l.Code), keys(derive.AllFiles()), func(f *Frame) *Page { return r.indexPage(f, l.Code) })
		files := keys(derive.LanguageFiles(l.Code))
		file(u.LanguageFeed(l.Code), files, func() ([]byte, error) { return feeds.Language(l.Code) })
		file(u.ProcessorsFeed(l.Code), files, func() ([]byte, error) { return feeds.Processors(l.Code) })
		file(u.Calendar(l.Code), files, func() ([]byte, error) { return calendar.Build(s, r.cat, l.Code), nil })
		// The register lists the processors of every version of the
		// language's policies.
		page(u.Register(l.Code), "register.html", register(l.Code), files, func(f *Frame) *Page { return r.registerPage(f, l.Code) })
		file(u.RegisterJSON(l.Code), files, func() ([]byte, error) { return record.Marshal(record.ForRegister(s, l.Code)) })
		file(u.RegisterCSV(l.Code), files, func() ([]byte, error) {
			return record.RegisterCSV(record.ForRegister(s, l.Code), r.cat), nil
		})
	}
	for _, p := range s.Policies {
		rd := r.policyRedirect(p)
		page(rd.From, "redirect.html", bare(def), keys(derive.PolicyLanguages(p)), func(f *Frame) *Page {
			return r.redirectPage(f, rd.From, rd.To)
		})
		for _, e := range p.Editions {
			ed := s.Edition(e)
			lang := ed.Lang
			edition := keys(derive.EditionFiles(e))
			policyURL := u.Policy(lang, p.Slug)
			page(policyURL, "version.html", policy(ed), edition, func(f *Frame) *Page {
				return r.versionPage(f, s.Version(ed.Shown), policyURL)
			})
			// Its timeline draws the policy's versions in every language.
			everyLanguage := edition
			for _, o := range p.Editions {
				if o != e {
					everyLanguage = append(slices.Clip(everyLanguage), derive.EditionFrontMatter(o))
				}
			}
			page(u.History(lang, p.Slug), "history.html", history(ed), everyLanguage, func(f *Frame) *Page { return r.historyPage(f, ed) })
			file(u.Versions(lang, p.Slug), edition, func() ([]byte, error) { return record.Marshal(record.ForEdition(s, e)) })
			file(u.PolicyFeed(lang, p.Slug), edition, func() ([]byte, error) { return feeds.Policy(ed) })
			// The embeds show a body and its processors alone, in the
			// words of the frame's language.
			embed := u.Embed(lang, p.Slug)
			page(embed, "embed.html", bare(lang), edition, func(f *Frame) *Page {
				return r.embedPage(f, s.Version(ed.Shown), embed, policyURL)
			})
			// A TimeMap lists the versions that came into force, with
			// the days they did: the edition's files decide both.
			file(u.TimeMap(lang, p.Slug), edition, func() ([]byte, error) { return memento.TimeMap(s, e, r.opts.Timezone), nil })
			current := u.Current(lang, p.Slug)
			file(current, edition, func() ([]byte, error) { return r.current(ed, current, policyURL) })
			for _, mv := range ed.Versions {
				v := s.Version(mv)
				permalink := u.Version(lang, p.Slug, v.Date)
				page(permalink, "version.html", policy(ed), edition, func(f *Frame) *Page {
					return r.versionPage(f, v, permalink)
				})
				versionEmbed := u.VersionEmbed(lang, p.Slug, v.Date)
				page(versionEmbed, "embed.html", bare(lang), keys(derive.VersionFile(mv)), func(f *Frame) *Page {
					return r.embedPage(f, v, versionEmbed, permalink)
				})
				file(u.Source(lang, p.Slug, v.Date), keys(derive.VersionFile(mv)), func() ([]byte, error) { return content.ReadSource(r.fsys, mv) })
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
