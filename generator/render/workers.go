package render

import (
	"runtime"
	"sync"

	"github.com/policygen/gen/generator/output"
)

// RenderOnly writes to w the files of the site for which keep returns true,
// and nothing else: Render's since, or a benchmark's choice.
func (r *Renderer) RenderOnly(w output.Writer, keep func(path string) bool) (Stats, error) {
	var stats Stats
	var todo []job
	for _, j := range r.files() {
		wanted := false
		for _, f := range j.files() {
			if keep(f.path) {
				wanted = true
				stats.Files++
				if isPage(f.path) {
					stats.Pages++
				}
			}
		}
		if wanted {
			todo = append(todo, j)
		}
	}
	// A job that renders several files at once runs whole; only the files
	// asked for are passed on.
	only := filtered{w, keep}
	type numbered struct {
		n int
		job
	}
	work := make(chan numbered)
	// The error reported is the one of the first failing file in the
	// list's order, whichever worker finishes first, so a broken layout
	// names the same page on every run. After a failure no later job is
	// handed out; the earlier ones in flight still finish, and one of them
	// may fail first in order.
	var (
		mu       sync.Mutex
		failedAt = len(todo)
		failure  error
	)
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return failure != nil }
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range work {
				var err error
				if j.write != nil {
					err = j.write(only, keep)
				} else {
					var b []byte
					// Errors name their file already: a layout's with its
					// line (layouts.explain), a write's with its path.
					if b, err = j.run(); err == nil {
						err = w.WriteFile(j.path, b)
						if j.page {
							r.release(b)
						}
					}
				}
				if err != nil {
					mu.Lock()
					if j.n < failedAt {
						failedAt, failure = j.n, err
					}
					mu.Unlock()
				}
			}
		})
	}
	for n, j := range todo {
		if failed() {
			break
		}
		work <- numbered{n, j}
	}
	close(work)
	wg.Wait()
	return stats, failure
}

// filtered passes on only the files keep wants.
type filtered struct {
	w    output.Writer
	keep func(path string) bool
}

func (f filtered) WriteFile(p string, b []byte) error {
	if !f.keep(p) {
		return nil
	}
	return f.w.WriteFile(p, b)
}
