package manifest

import (
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/urls"
)

// Recorder is an output.Writer that passes every file on and keeps its
// SHA-256 and size, so the manifest describes exactly the bytes written,
// not a second reading of them. A file written twice (static/ over a
// generated one) is recorded as last written.
type Recorder struct {
	w     output.Writer
	mu    sync.Mutex
	files map[string]File
}

// NewRecorder records what passes through to w.
func NewRecorder(w output.Writer) *Recorder {
	return &Recorder{w: w, files: map[string]File{}}
}

// WriteFile writes the file to the underlying Writer and records it.
func (r *Recorder) WriteFile(path string, data []byte) error {
	sum := sha256.Sum256(data)
	if err := r.w.WriteFile(path, data); err != nil {
		return err
	}
	r.mu.Lock()
	r.files[path] = File{Path: path, Size: int64(len(data)), SHA256: fingerprint.Hex(sum)}
	r.mu.Unlock()
	return nil
}

// Files lists what was written, in no particular order.
func (r *Recorder) Files() []File {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]File, 0, len(r.files))
	for _, f := range r.files {
		out = append(out, f)
	}
	return out
}

// Write adds /manifest.json for what r recorded to w, which should be the
// Writer r writes to: the manifest is not in itself. A site file of the
// manifest's name (a web app manifest in static/) is refused rather than
// replaced or left to replace the proof.
func Write(w output.Writer, site *derive.Site, r *Recorder) error {
	files := r.Files()
	for _, f := range files {
		if f.Path == urls.Manifest() || f.Path == urls.ManifestSignature() {
			return fmt.Errorf("the site has a file of its own at %s, where gen publishes the manifest, the proof of what the site published; give it another name (a web app manifest can be /app.webmanifest)", f.Path)
		}
	}
	b, err := New(site, files).Marshal()
	if err != nil {
		return err
	}
	return w.WriteFile(urls.Manifest(), b)
}
