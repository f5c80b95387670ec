package serve

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/urls"
)

// builder is the rebuild loop's own state; only the loop's goroutine
// touches it, and it hands the server finished states to show.
type builder struct {
	s     *Server
	cache *build.Cache
	memos *render.Memos // the redlines' memos, kept from one rebuild to the next

	// The last good build: its model and files. Pages an edit does not
	// affect keep these bytes.
	site    *model.Site
	tz      *time.Location // the time zone of site's days
	index   record.Site    // what policies.json holds for site
	files   map[string]blob
	older   map[string]blob // the state before, whose files requests may still read
	headers [][2]string

	// Changes not yet in a good build: a failed build leaves them pending,
	// so the build after the fix redoes everything they touched.
	pending     map[string]bool
	pendingFull bool

	// day is the "today" of the last build tried, good or failed, so a
	// new day is built once, not retried at every look at the clock
	// while the site has errors.
	day date.Date

	pages, builds int
	reported      string // the diagnostics last printed, not to repeat them
}

// loop builds the site once, then again after every burst of changes to
// its inputs, until ctx is cancelled.
func (s *Server) loop(ctx context.Context, w *watcher) {
	b := &builder{s: s, cache: build.NewCache(), memos: render.NewMemos(), pending: map[string]bool{}, pendingFull: true}
	b.rebuild(nil)
	close(s.ready)

	// Editors save in bursts (write a temporary, rename it over the file,
	// touch a backup); a short quiet period makes one build of a burst
	// without adding noticeable delay.
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	dirty := map[string]bool{}
	var newDay <-chan time.Time // nil, never ready, when the day is fixed
	if s.clockDecidesToday() {
		t := time.NewTicker(s.dayCheck)
		defer t.Stop()
		newDay = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-newDay:
			// Only a good build knows the site's time zone; before one,
			// the fix's build reads the clock anyway.
			if b.site == nil || b.day == date.Today(s.clock(), b.tz) {
				continue
			}
			fmt.Fprintf(s.log, "a new day: rebuilding everything\n")
			b.pendingFull = true
			b.rebuild(dirty)
			dirty = map[string]bool{}
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			c, ok := w.interpret(ev)
			if !ok {
				continue
			}
			dirty[c.path] = true
			b.pendingFull = b.pendingFull || c.full
			quiet.Reset(s.debounce)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			// Most likely the kernel's event queue overflowed: events were
			// lost, so watch everything again and build it all.
			fmt.Fprintf(s.log, "gen serve: watching: %v; rebuilding everything\n", err)
			for _, d := range watchedDirs {
				w.addTree(w.site + "/" + d)
			}
			b.pendingFull = true
			quiet.Reset(s.debounce)
		case <-quiet.C:
			b.rebuild(dirty)
			dirty = map[string]bool{}
		}
	}
}

// clockDecidesToday reports whether the preview's "today" follows the clock,
// as opposed to --now or SOURCE_DATE_EPOCH fixing it.
func (s *Server) clockDecidesToday() bool {
	return s.opts.Now == "" && s.opts.SourceDateEpoch == "" && s.opts.Clock.IsZero()
}

// rebuild loads the site again, parsing only changed files, and renders
// what the changes affect. On errors it keeps the last good files and shows
// the errors instead.
func (b *builder) rebuild(dirty map[string]bool) {
	start := time.Now()
	for p := range dirty {
		b.cache.Forget(p)
	}
	opts := b.s.opts
	if opts.Clock.IsZero() {
		opts.Clock = b.s.clock()
		if b.tz != nil {
			b.day = date.Today(opts.Clock, b.tz)
		}
	}
	loaded, changed, diags := build.LoadCached(opts, b.cache)
	b.builds++
	for _, p := range changed {
		b.pending[p] = true
	}
	if loaded == nil || diags.HasErrors() {
		b.fail(diags)
		return
	}
	// The same layout and link checks as gen build: the preview must fail
	// where the build would.
	r, renderDiags := build.Renderer(loaded, render.Options{Inject: reloadTag, Memos: b.memos})
	diags.Add(renderDiags)
	if r == nil || diags.HasErrors() {
		b.fail(diags)
		return
	}

	next := newStoreWriter(b.s.store)
	index := record.ForSite(derive.New(loaded.Site))
	stats, err := r.RenderOnly(next, b.affected(loaded.Site, index))
	if err == nil {
		// Unaffected pages keep their bytes; pages the site no longer has
		// are not carried over, so a deleted policy's pages vanish.
		for _, p := range r.Paths() {
			if _, ok := next.files[p]; !ok {
				next.files[p] = b.files[p]
			}
		}
		_, err = build.CopyStatic(loaded, next)
	}
	var headers []byte
	if err == nil {
		headers, err = b.s.store.read(next.files["/_headers"])
	}
	if err != nil {
		diags.Errorf(sitedir.Config, 0, 0, "rendering: %v", err)
		b.fail(diags)
		return
	}

	b.site, b.tz, b.index, b.older, b.files = loaded.Site, loaded.Config.Timezone, index, b.files, next.files
	b.day = loaded.Site.Now
	b.headers = siteHeaders(headers)
	b.pending, b.pendingFull = map[string]bool{}, false
	b.pages++
	b.report(diags)
	fmt.Fprintf(b.s.log, "built in %s: %d of %d files rendered again\n",
		time.Since(start).Round(100*time.Microsecond), stats.Files, len(b.files))
	b.s.publish(state{files: b.files, headers: b.headers, pages: b.pages, builds: b.builds})
	b.s.store.sweep(b.files, b.older)
}

// fail keeps the last good files on show, with the errors over them.
func (b *builder) fail(diags diag.List) {
	b.report(diags)
	errs := errorLines(diags)
	fmt.Fprintf(b.s.log, "gen serve: %d errors; still showing the last good build\n", len(errs))
	b.s.publish(state{files: b.files, headers: b.headers, pages: b.pages, builds: b.builds, errors: errs})
}

// report prints the diagnostics, unless they are the ones printed last:
// an author fixing one file does not need every other warning again.
func (b *builder) report(diags diag.List) {
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.String())
	}
	text := strings.Join(lines, "\n")
	if text == b.reported {
		return
	}
	b.reported = text
	if text != "" {
		fmt.Fprintln(b.s.log, text)
	}
}

// affected decides which files of the new site to render again; the others
// keep their bytes from the last good build. A content file changes its own
// policy-language's pages; every language's pages of the policy when what
// they show of each other changes (languageKey); all pages of a language when its material
// notices change; every language's index, which names the policies it
// lacks; and always the site- and language-wide files: feeds, sitemap,
// policies.json, redirects, 404. Anything else — site.toml,
// layouts, static, a new day — renders everything.
func (b *builder) affected(next *model.Site, index record.Site) func(path string) bool {
	if b.pendingFull || b.site == nil || b.site.Now != next.Now {
		return func(string) bool { return true }
	}
	// policies.json describes every version of the site: megabytes to
	// write for a large one, while most saves change a body and none of it.
	sameIndex := reflect.DeepEqual(b.index, index)
	langs := map[string]bool{}
	for _, l := range next.Languages {
		langs[l.Code] = true
	}
	changed := map[string]map[string]bool{} // policy → languages
	for p := range b.pending {
		parts := strings.Split(p, "/")
		if len(parts) < 3 || !strings.HasSuffix(p, ".md") {
			continue // not a policy file, so nothing to render (only a diagnostic)
		}
		policy, lang := parts[1], strings.TrimSuffix(parts[len(parts)-1], ".md")
		if changed[policy] == nil {
			changed[policy] = map[string]bool{}
		}
		changed[policy][lang] = true
	}
	wide := map[string]bool{}
	for policy := range changed {
		wide[policy] = !slices.Equal(languageKey(b.site, policy), languageKey(next, policy))
	}
	material := map[string]bool{}
	before, after := derive.New(b.site), derive.New(next)
	for l := range langs {
		material[l] = !slices.Equal(materialKey(before, l), materialKey(after, l))
	}
	editedLangs := map[string]bool{}
	for _, ls := range changed {
		for l := range ls {
			editedLangs[l] = true
		}
	}
	for _, w := range wide {
		if w {
			for l := range langs {
				editedLangs[l] = true // every language's pages of the policy changed
			}
		}
	}
	redlines := newRedlineChanges(b.site, next, b.pending)
	old := b.files
	return func(p string) bool {
		if _, ok := old[p]; !ok {
			return true
		}
		if p == urls.Index() {
			return !sameIndex
		}
		first, rest, _ := strings.Cut(p[1:], "/")
		if !langs[first] {
			// A policy's redirect leads to whichever languages have it;
			// the sitemap, policies.json, 404 and root show everything.
			if rest == "index.html" && first != "" {
				_, edited := changed[first]
				return edited && wide[first]
			}
			return true
		}
		if material[first] {
			return true
		}
		policy, inside, inPolicy := strings.Cut(rest, "/")
		if !inPolicy {
			// The language's feeds show only its own policies; its index
			// also names those it lacks, as other languages title them,
			// so any edited policy may change it (a few small pages).
			return editedLangs[first] || (rest == "index.html" && len(changed) > 0)
		}
		ls, ok := changed[policy]
		if !ok || !(wide[policy] || ls[first]) {
			return false
		}
		if wide[policy] {
			return true
		}
		return redlines.affected(first, policy, inside)
	}
}

// redlineChanges tells which comparison pages of an edited edition must be
// rendered again. A comparison shows its two versions, the change notice
// of the newer when they are neighbours, and the edition's title in its
// feed link; an edit to one version leaves the comparisons of two others
// as they were, and those are most of an edition's pages.
type redlineChanges struct {
	old, next *model.Site
	versions  map[string]bool // "lang/policy/date" of versions whose file changed
}

func newRedlineChanges(old, next *model.Site, pending map[string]bool) redlineChanges {
	rc := redlineChanges{old: old, next: next, versions: map[string]bool{}}
	for _, s := range []*model.Site{old, next} {
		for _, p := range s.Policies {
			for _, ed := range p.Editions {
				for _, v := range ed.Versions {
					if pending[v.SourcePath] {
						rc.versions[ed.Lang+"/"+p.Slug+"/"+v.Date.String()] = true
					}
				}
			}
		}
	}
	return rc
}

// affected decides for a path inside lang/policy/; pages other than
// comparisons are always affected by an edit of their edition.
func (rc redlineChanges) affected(lang, policy, inside string) bool {
	var from, to string
	switch parts := strings.Split(inside, "/"); {
	case len(parts) == 3 && parts[1] == "changes" && parts[2] == "index.html":
		to = parts[0]
	case len(parts) == 3 && parts[0] == "compare" && parts[2] == "index.html":
		var ok bool
		if from, to, ok = strings.Cut(parts[1], ".."); !ok {
			return true
		}
	default:
		return true
	}
	oldEd, nextEd := rc.old.Edition(lang, policy), rc.next.Edition(lang, policy)
	if oldEd == nil || nextEd == nil || oldEd.Shown.Title != nextEd.Shown.Title {
		return true
	}
	if from == "" {
		// changes/: this version against whichever comes before it now.
		prevOld, prevNext := previous(oldEd, to), previous(nextEd, to)
		if prevOld != prevNext {
			return true
		}
		from = prevNext
	}
	key := lang + "/" + policy + "/"
	return rc.versions[key+from] || rc.versions[key+to]
}

// previous is the date of the version before the one of day, or "".
func previous(ed *model.Edition, day string) string {
	for _, v := range ed.Versions {
		if v.Date.String() == day && v.Previous != nil {
			return v.Previous.Date.String()
		}
	}
	return ""
}

// languageKey identifies what the pages of a policy in one language show
// of its other languages: which languages have it (hreflang alternates,
// the switcher) and the authoritative version a lagging translation points
// to (its notice).
func languageKey(s *model.Site, policy string) []string {
	var out []string
	for _, p := range s.Policies {
		if p.Slug != policy {
			continue
		}
		for _, ed := range p.Editions {
			key := ed.Lang
			if v := ed.Behind; v != nil {
				key = fmt.Sprint(ed.Lang, v.Edition.Lang, v.Date, v.Effective, v.Title, v.Status)
			}
			out = append(out, key)
		}
	}
	return out
}

// materialKey identifies the material notices every page of lang shows.
func materialKey(s *derive.Site, lang string) []string {
	var out []string
	for _, v := range s.Material(lang) {
		out = append(out, fmt.Sprint(v.Edition.Policy.Slug, v.Date, v.Effective, v.Title))
	}
	return out
}
