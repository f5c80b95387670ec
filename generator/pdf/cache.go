package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// cacheFormat changes whenever what a print depends on changes beyond its
// files (the paper, the margins, the footer), so that older prints are not
// reused.
const cacheFormat = "gen pdf 1"

// cache keeps earlier prints on disk. A print is found in two steps: the
// page's key (its address, bytes and language) names an entry that lists
// the files the page loaded when it was printed; the hash of those files'
// bytes now names the PDF. So a page whose stylesheet changed is printed
// again although its own bytes did not, and a page is never printed twice
// for the same files. A cache that cannot be read or written only makes
// printing slower.
type cache struct{ dir string }

// entry is what the cache knows of a page's last print.
type entry struct {
	Files    []string `json:"files"` // the site's files it loaded, sorted
	Producer string   `json:"producer"`
}

func openCache(dir string) *cache {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return &cache{}
		}
		dir = filepath.Join(base, "gen", "pdf")
	}
	return &cache{dir: dir}
}

// pageKey identifies a page's print by its address, language and bytes,
// less its volatile text.
func pageKey(base, file, lang string, html []byte, volatile []string) string {
	h := sha256.New()
	for _, s := range []string{cacheFormat, base, file, lang} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, v := range volatile {
		if v != "" {
			html = bytes.ReplaceAll(html, []byte(v), nil)
		}
	}
	h.Write(html)
	return hex.EncodeToString(h.Sum(nil))
}

// filesKey hashes the files' names and bytes in site; false when one is
// missing now.
func filesKey(site fs.FS, files []string) (string, bool) {
	h := sha256.New()
	for _, f := range files {
		data, err := fs.ReadFile(site, f)
		if err != nil {
			return "", false
		}
		sum := sha256.Sum256(data)
		h.Write([]byte(f))
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

func (c *cache) lookup(key string, site fs.FS) (pdf []byte, producer string, ok bool) {
	if c.dir == "" {
		return nil, "", false
	}
	data, err := os.ReadFile(filepath.Join(c.dir, key+".json"))
	if err != nil {
		return nil, "", false
	}
	var e entry
	if json.Unmarshal(data, &e) != nil {
		return nil, "", false
	}
	files, ok := filesKey(site, e.Files)
	if !ok {
		return nil, "", false
	}
	name := filepath.Join(c.dir, key+"-"+files+".pdf")
	pdf, err = os.ReadFile(name)
	if err != nil {
		return nil, "", false
	}
	// Used: prune keeps it.
	now := time.Now()
	_ = os.Chtimes(name, now, now)
	_ = os.Chtimes(filepath.Join(c.dir, key+".json"), now, now)
	return pdf, e.Producer, true
}

// unused is how long a print stays in the cache without a build using
// it: the prints of pages long changed would otherwise pile up (and with
// them the cache a CI job saves and restores every run).
const unused = 60 * 24 * time.Hour

// prune removes the cache's files that no print has used for unused.
func (c *cache) prune() {
	if c.dir == "" {
		return
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	old := time.Now().Add(-unused)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.ModTime().Before(old) {
			_ = os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
}

func (c *cache) store(key string, site fs.FS, loaded []string, producer string, pdf []byte) {
	if c.dir == "" {
		return
	}
	files := slices.Sorted(slices.Values(loaded))
	fk, ok := filesKey(site, files)
	if !ok {
		return
	}
	e, err := json.Marshal(entry{Files: files, Producer: producer})
	if err != nil {
		return
	}
	// The PDF first: an entry always names a print that is there.
	if writeFile(filepath.Join(c.dir, key+"-"+fk+".pdf"), pdf) == nil {
		_ = writeFile(filepath.Join(c.dir, key+".json"), e)
	}
}
