package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// overlay is a site's folder with files added that are not written yet,
// so a command can check the site as it would be before writing anything.
type overlay struct {
	base  fs.FS
	added map[string][]byte // slash-separated paths
}

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := o.added[name]; ok {
		return &addedFile{name: name, Reader: bytes.NewReader(data), size: int64(len(data))}, nil
	}
	f, err := o.base.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) || !o.isDir(name) {
		return f, err
	}
	return &addedFile{name: name, dir: true, Reader: bytes.NewReader(nil)}, nil
}

// isDir reports whether name is a folder the added files make.
func (o overlay) isDir(name string) bool {
	for p := range o.added {
		if name == "." || strings.HasPrefix(p, name+"/") {
			return true
		}
	}
	return false
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	f, err := o.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

// Lstat is Stat without following a link of the site's, so the site's
// check sees the links the site holds.
func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	info, err := fs.Lstat(o.base, name)
	if _, ok := o.added[name]; errors.Is(err, fs.ErrNotExist) && (ok || o.isDir(name)) {
		return o.Stat(name)
	}
	return info, err
}

func (o overlay) ReadLink(name string) (string, error) { return fs.ReadLink(o.base, name) }

func (o overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.added[name]; ok {
		return bytes.Clone(data), nil
	}
	return fs.ReadFile(o.base, name)
}

// ReadDir lists a folder's entries in the site and those the added files
// put in it, sorted by name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !(errors.Is(err, fs.ErrNotExist) && o.isDir(name)) {
		return nil, err
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Name()] = true
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	for p := range o.added {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		first, _, deeper := strings.Cut(rest, "/")
		if seen[first] {
			continue
		}
		seen[first] = true
		info := &addedFile{name: path.Join(name, first), dir: deeper, size: int64(len(o.added[p]))}
		entries = append(entries, fs.FileInfoToDirEntry(info))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, nil
}

// addedFile is an added file open for reading, or a folder only added
// files make; it is its own FileInfo.
type addedFile struct {
	*bytes.Reader
	name string
	dir  bool
	size int64
}

func (f *addedFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *addedFile) Close() error               { return nil }
func (f *addedFile) Name() string               { return path.Base(f.name) }
func (f *addedFile) Size() int64                { return f.size }
func (f *addedFile) ModTime() time.Time         { return time.Time{} }
func (f *addedFile) IsDir() bool                { return f.dir }
func (f *addedFile) Sys() any                   { return nil }
func (f *addedFile) Mode() fs.FileMode {
	if f.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}

func (f *addedFile) Read(p []byte) (int, error) {
	if f.dir {
		return 0, io.EOF
	}
	return f.Reader.Read(p)
}
