// Package output writes a build to disk atomically: everything goes into a
// fresh folder next to the destination, which replaces the destination only
// after the whole build succeeded. A failed build leaves the previous output
// exactly as it was, and no stale file survives a successful one.
package output

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	ctx  context.Context // once done (a signal), every write fails
	mu   sync.Mutex
	made map[string]bool // folders known to exist, so each is made with one mkdir
}

// NewDir returns a Writer into root, which must exist.
func NewDir(root string) *Dir { return newDir(context.Background(), root) }

func newDir(ctx context.Context, root string) *Dir {
	root = filepath.Clean(root)
	return &Dir{root: root, ctx: ctx, made: map[string]bool{root: true}}
}

// WriteFile writes one file, creating its folders.
func (d *Dir) WriteFile(p string, data []byte) error {
	if err := d.ctx.Err(); err != nil {
		return err
	}
	if !fs.ValidPath(strings.TrimPrefix(p, "/")) {
		return fmt.Errorf("refusing to write outside the output folder: %q", p)
	}
	full := filepath.Join(d.root, filepath.FromSlash(p))
	if err := d.mkdirs(filepath.Dir(full)); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// FS reads the files written so far: a build's later steps (its PDFs)
// read the pages the earlier ones wrote.
func (d *Dir) FS() fs.FS { return os.DirFS(d.root) }

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
