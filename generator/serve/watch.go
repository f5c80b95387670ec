package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"

	"github.com/policygen/gen/generator/sitedir"
)

// watchedDirs are the site's folders whose every subfolder is watched;
// site.toml is seen through a watch on the site folder itself.
var watchedDirs = []string{sitedir.Content, sitedir.Layouts, sitedir.Static}

// watcher watches a site's inputs. fsnotify does not recurse, so every
// folder gets a watch of its own, and folders created later are added (and
// walked, since files may land in them before their watch exists).
type watcher struct {
	site string
	fs   *fsnotify.Watcher
}

// change is what one file system event means for the build.
type change struct {
	path string // slash-separated, relative to the site
	full bool   // the whole site must be rendered again (site.toml, layouts, static)
}

func newWatcher(site string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{site: site, fs: fw}
	if err := fw.Add(site); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(site, d))
	}
	return w, nil
}

func (w *watcher) close() { w.fs.Close() }

// addTree watches dir and every folder below it. A folder that vanishes
// while being walked is no error: its removal has its own event.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		w.fs.Add(p)
		return nil
	})
}

// interpret turns an event into a change, or reports that it does not
// matter (editor temporaries, hidden files, anything outside the inputs).
// A folder created under the inputs is watched before anything else.
func (w *watcher) interpret(ev fsnotify.Event) (change, bool) {
	rel, err := filepath.Rel(w.site, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return change{}, false
	}
	rel = filepath.ToSlash(rel)
	parts := strings.Split(rel, "/")
	// static/ is copied with its hidden files; elsewhere they are no input.
	if name := parts[len(parts)-1]; sitedir.Scratch(name) || parts[0] != sitedir.Static && sitedir.Ignored(name) {
		return change{}, false
	}
	if len(parts) == 1 && parts[0] == sitedir.Config {
		return change{path: rel, full: true}, true
	}
	top := parts[0]
	inputs := false
	for _, d := range watchedDirs {
		inputs = inputs || top == d
	}
	if !inputs {
		return change{}, false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name)
		}
	}
	if ev.Has(fsnotify.Rename) {
		// A folder moved away keeps its watch under the old name; drop it.
		// For a file there is no watch and nothing to drop.
		w.fs.Remove(ev.Name)
	}
	return change{path: rel, full: top != sitedir.Content}, true
}
