package manifest

import (
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/urls"
	"golang.org/x/crypto/ssh"
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
// Writer r writes to: the manifest is not in itself. Given a key, it adds
// /manifest.json.sig too, its signature, so both land in the same
// replacement of the output folder: a published manifest is never without
// the signature made for it. A site file of either name (a web app manifest
// in static/) is refused rather than replaced or left to replace the proof.
// It returns how many files it added.
func Write(w output.Writer, site *derive.Site, r *Recorder, key ssh.Signer) (int, error) {
	files := r.Files()
	for _, f := range files {
		if f.Path == urls.Manifest() || f.Path == urls.ManifestSignature() {
			return 0, fmt.Errorf("the site has a file of its own at %s, where gen publishes the manifest, the proof of what the site published; give it another name (a web app manifest can be /app.webmanifest)", f.Path)
		}
	}
	b, err := New(site, files).Marshal()
	if err != nil {
		return 0, err
	}
	if err := w.WriteFile(urls.Manifest(), b); err != nil || key == nil {
		return 1, err
	}
	sig, err := Sign(b, key)
	if err != nil {
		return 1, fmt.Errorf("signing the manifest: %v", err)
	}
	return 2, w.WriteFile(urls.ManifestSignature(), sig)
}
