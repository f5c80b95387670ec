// Package output writes a build to disk atomically: everything goes into a
// fresh folder next to the destination, which replaces the destination only
// after the whole build succeeded. A failed build leaves the previous output
// exactly as it was, and no stale file survives a successful one.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// Writer receives the files of a build. Paths are slash-separated and begin
// with "/", as URLs do. Implementations are safe for concurrent use, and
// keep no reference to data once WriteFile returns: the renderer reuses
// its page buffers.
type Writer interface {
	WriteFile(path string, data []byte) error
}

// Dir writes files below a folder on disk.
type Dir struct {
	root string
	mu   sync.Mutex
	made map[string]bool // folders known to exist, so each is made with one mkdir
}

// NewDir returns a Writer into root, which must exist.
func NewDir(root string) *Dir {
	root = filepath.Clean(root)
	return &Dir{root: root, made: map[string]bool{root: true}}
}

// WriteFile writes one file, creating its folders.
func (d *Dir) WriteFile(p string, data []byte) error {
	if !fs.ValidPath(strings.TrimPrefix(p, "/")) {
		return fmt.Errorf("refusing to write outside the output folder: %q", p)
	}
	full := filepath.Join(d.root, filepath.FromSlash(p))
	if err := d.mkdirs(filepath.Dir(full)); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// mkdirs makes dir and whichever of its parents are not known to exist.
// Every page is a folder of its own, so most calls make one folder whose
// parent is known: one mkdir, where os.MkdirAll would stat twice first.
func (d *Dir) mkdirs(dir string) error {
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if made {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := d.mkdirs(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		// Another worker may have made it since; anything else there is an error.
		if info, statErr := os.Stat(dir); statErr != nil || !info.IsDir() {
			return err
		}
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// Replace builds into a temporary folder beside dest by calling fill, then
// puts it in dest's place. If fill fails, dest is untouched and the
// temporary folder removed.
func Replace(dest string, fill func(Writer) error) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := fill(NewDir(tmp)); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// swap moves the new folder into place. On Linux it exchanges the two in one
// step, so dest is never missing, not even for a moment; elsewhere, or for a
// first build, it falls back to renames.
func swap(tmp, dest string) error {
	if _, err := os.Stat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE); err == nil {
		return os.RemoveAll(tmp) // now holds the previous output
	}
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}

// Memory keeps files in memory, for `gen serve` and for tests.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns an empty in-memory Writer.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// WriteFile stores one file.
func (m *Memory) WriteFile(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Files[p] = bytes.Clone(data)
	return nil
}
