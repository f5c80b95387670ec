package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/policygen/gen/generator/output"
)

// store keeps the served files in a private temporary folder, one file per
// distinct content, named by its hash. A preview of a large site then does
// not hold every page in memory, and a rebuild writes only the pages whose
// bytes changed. It is never public/: the preview must not touch a build.
type store struct {
	dir string
}

// blob is a stored file: its name in the store.
type blob string

func newStore() (*store, error) {
	dir, err := os.MkdirTemp("", "gen-serve-")
	if err != nil {
		return nil, err
	}
	return &store{dir: dir}, nil
}

// put stores b and returns its name; storing the same bytes again is free.
func (s *store) put(b []byte) (blob, error) {
	sum := sha256.Sum256(b)
	name := hex.EncodeToString(sum[:16])
	file := filepath.Join(s.dir, name)
	if _, err := os.Stat(file); err == nil {
		return blob(name), nil
	}
	// Whole or not at all: a reader never sees half a file.
	if err := output.ReplaceFile(file, b); err != nil {
		return "", err
	}
	return blob(name), nil
}

// read returns a stored file's bytes.
func (s *store) read(b blob) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.dir, string(b)))
}

// sweep removes every blob not in keep. The rebuild loop keeps the blobs of
// the two newest states, so a request still reading the previous state's
// files finds them.
func (s *store) sweep(keep ...map[string]blob) {
	live := map[blob]bool{}
	for _, files := range keep {
		for _, b := range files {
			live[b] = true
		}
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !live[blob(e.Name())] {
			os.Remove(filepath.Join(s.dir, e.Name()))
		}
	}
}

// close removes the store and everything in it.
func (s *store) close() error {
	err := os.RemoveAll(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// storeWriter is the output.Writer a rebuild renders into: files go to the
// store and only their names stay in memory.
type storeWriter struct {
	s     *store
	mu    sync.Mutex
	files map[string]blob
}

func newStoreWriter(s *store) *storeWriter {
	return &storeWriter{s: s, files: map[string]blob{}}
}

func (w *storeWriter) WriteFile(p string, data []byte) error {
	b, err := w.s.put(data)
	if err != nil {
		return err
	}
	w.mu.Lock()
	w.files[p] = b
	w.mu.Unlock()
	return nil
}
