package serve

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/output"
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
	// records are the editions' parts of policies.json, likewise
	records *render.Records

	// The last good build: what its files show, and the files. Pages an
	// edit does not touch keep these bytes.
	snapshot *render.Snapshot // nil before the first good build
	tz       *time.Location   // the time zone of its days
	files    map[string]blob
	older    map[string]blob // the state before, whose files requests may still read
	urls     urls.Scheme     // where its files are
	rules    host.Rules      // and what headers they are sent with

	// pendingFull is set by a change that the site's model does not see
	// (site.toml, layouts, static files) until a good build renders
	// everything again: a failed build leaves it set.
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
	b := &builder{s: s, cache: build.NewCache(), memos: render.NewMemos(), records: render.NewRecords(), pendingFull: true}
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
			if b.snapshot == nil || b.day == date.Today(s.clock(), b.tz) {
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
				w.addTree(filepath.Join(w.site, d))
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

// rebuild runs the pipeline again, parsing only changed files and
// rendering only the files whose inputs changed since the last good build.
// On errors it keeps the last good files and shows the errors instead.
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
	pass := build.Pass{
		Options: opts,
		Cache:   b.cache,
		// The same checks of layouts and links as gen build: the preview
		// must fail where the build would.
		Render: render.Options{Inject: reloadTag, Preview: true, Memos: b.memos, Records: b.records},
	}
	dest := &storeDest{s: b.s.store}
	pass.Out = dest
	if !b.pendingFull {
		pass.Since = b.snapshot
	}
	res, diags, err := build.Run(pass)
	b.builds++
	if err == nil && res.Snapshot != nil {
		// Unchanged pages keep their bytes; pages the site no longer has
		// are not carried over, so a deleted policy's pages vanish.
		for _, p := range res.Paths {
			if _, ok := dest.w.files[p]; !ok {
				dest.w.files[p] = b.files[p]
			}
		}
	}
	if err != nil {
		diags.Errorf(sitedir.Config, 0, 0, "rendering: %v", err)
	}
	if res.Snapshot == nil || diags.HasErrors() {
		b.fail(diags)
		return
	}

	b.snapshot, b.tz, b.older, b.files = res.Snapshot, res.Timezone, b.files, dest.w.files
	b.day = res.Today
	if b.urls != res.URLs {
		fmt.Fprintf(b.s.log, "the site is at http://%s%s\n", b.s.host, res.URLs.Root())
	}
	b.urls, b.rules = res.URLs, res.Rules
	b.pendingFull = false
	b.pages++
	b.report(diags)
	fmt.Fprintf(b.s.log, "built in %s: %d of %d files rendered again\n",
		time.Since(start).Round(100*time.Microsecond), res.Files, len(b.files))
	b.s.publish(state{files: b.files, urls: b.urls, rules: b.rules, pages: b.pages, builds: b.builds})
	b.s.store.sweep(b.files, b.older)
}

// storeDest is where a rebuild writes: into the store, keeping only the
// files' names in memory until the rebuild publishes them.
type storeDest struct {
	s *store
	w *storeWriter
}

func (d *storeDest) Check() error { return nil }

// Write keeps what fill writes and adds nothing: the preview publishes
// nothing, so it proves nothing, and writes no manifest.
func (d *storeDest) Write(_ *derive.Site, fill func(output.Writer, fs.FS) error) (int, error) {
	d.w = newStoreWriter(d.s)
	return 0, fill(d.w, nil)
}

// fail keeps the last good files on show, with the errors over them.
func (b *builder) fail(diags diag.List) {
	b.report(diags)
	errs := errorLines(diags)
	fmt.Fprintf(b.s.log, "gen serve: %d errors; still showing the last good build\n", len(errs))
	b.s.publish(state{files: b.files, urls: b.urls, rules: b.rules, pages: b.pages, builds: b.builds, errors: errs})
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
