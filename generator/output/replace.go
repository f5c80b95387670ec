package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Replace builds into a temporary folder beside dest by calling fill with
// a Dir writing into it (whose FS reads back what was written), then
// puts it in dest's place. If fill fails, dest is untouched and the
// temporary folder removed. Once ctx is done (the command got SIGINT or
// SIGTERM), every write fails, so fill ends soon and Replace returns
// ctx.Err() with dest untouched; a swap already under way is finished
// first. What a build killed outright left beside dest is put right before
// anything else (see tidy).
func Replace(ctx context.Context, dest string, fill func(*Dir) error) error {
	return replace(ctx, dest, fill, exchange)
}

// swapFunc puts the complete build tmp in place of the existing folder
// dest, and removes the previous output. aside is a free name beside dest
// that a swap through renames may move the previous output to. On error
// dest holds the previous output, and tmp, if it is still there, is the
// caller's to remove.
type swapFunc func(tmp, dest, aside string) error

func replace(ctx context.Context, dest string, fill func(*Dir) error, swap swapFunc) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	names := leftovers(filepath.Base(dest))
	if err := names.tidy(parent, dest); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, names.building)
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := fill(newDir(ctx, tmp)); err != nil {
		os.RemoveAll(tmp)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		err = os.Rename(tmp, dest) // a first build: nothing to swap with
	} else {
		err = swap(tmp, dest, filepath.Join(parent, names.aside+strings.TrimPrefix(filepath.Base(tmp), names.building)))
	}
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("cannot put the new build in place of %s (the previous one is still there): %w", dest, err)
	}
	return nil
}

// renames is the portable swap: dest moves aside, tmp takes its name, and
// the previous output is removed. Between the two renames dest is missing;
// a build killed there leaves the previous output aside, where the next
// build finds it and puts it back.
func renames(tmp, dest, aside string) error {
	if err := os.Rename(dest, aside); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		if back := os.Rename(aside, dest); back != nil {
			return fmt.Errorf("%w; the previous output is in %s, and the next build puts it back", err, aside)
		}
		return err
	}
	// The new build is in place. If the old one cannot be removed now (a
	// program holds one of its files open), the next build removes it.
	os.RemoveAll(aside)
	return nil
}

// leftoverNames are the prefixes of the folders a build of one output
// folder makes beside it, all hidden and named after it, so that they are
// recognisably gen's (and .gitignore can name them: .public.*).
type leftoverNames struct {
	common   string // what all of them start with: .public.
	building string // a build being written: .public.new-RANDOM
	aside    string // the previous output, moved aside by renames: .public.old-RANDOM
	removing string // a leftover renamed to be removed: .public.del-new-RANDOM
}

func leftovers(base string) leftoverNames {
	common := "." + base + "."
	return leftoverNames{common: common, building: common + "new-", aside: common + "old-", removing: common + "del-"}
}

// tidy puts right what a build of dest that was killed outright (SIGKILL,
// a power cut) left in parent. If dest is missing and a previous output
// was moved aside, it is put back, so no interruption can lose the
// published site; every other leftover is removed. Each is renamed before
// it is removed, so that a build writing into the same folder at the same
// time fails (its folder is gone) instead of publishing a half-removed one.
func (n leftoverNames) tidy(parent, dest string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	var asides, others []os.DirEntry
	for _, e := range entries {
		switch name := e.Name(); {
		case !e.IsDir():
		case strings.HasPrefix(name, n.aside):
			asides = append(asides, e)
		case strings.HasPrefix(name, n.building), strings.HasPrefix(name, n.removing):
			others = append(others, e)
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) && len(asides) > 0 {
		// Several can only come from several failures; the newest is the
		// last output that was in place.
		slices.SortFunc(asides, func(a, b os.DirEntry) int { return modTime(a).Compare(modTime(b)) })
		last := asides[len(asides)-1]
		if err := os.Rename(filepath.Join(parent, last.Name()), dest); err != nil {
			return fmt.Errorf("an interrupted build left the previous output in %s, and it cannot be put back in %s: %w", filepath.Join(parent, last.Name()), dest, err)
		}
		asides = asides[:len(asides)-1]
	}
	for _, e := range append(others, asides...) {
		p := filepath.Join(parent, e.Name())
		if !strings.HasPrefix(e.Name(), n.removing) {
			gone := filepath.Join(parent, n.removing+strings.TrimPrefix(e.Name(), n.common))
			if os.Rename(p, gone) != nil {
				continue // gone already, or not ours to move: leave it
			}
			p = gone
		}
		os.RemoveAll(p)
	}
	return nil
}

func modTime(e os.DirEntry) (t time.Time) {
	if info, err := e.Info(); err == nil {
		t = info.ModTime()
	}
	return t
}
