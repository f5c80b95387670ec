package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/manifest"
	"github.com/policygen/gen/generator/urls"
	"golang.org/x/crypto/ssh"
)

// VerifyRequest says what `gen verify` checks.
type VerifyRequest struct {
	Target string // a folder holding a copy of the site, or its address
	Key    string // the publisher's public key file; "" leaves the signature unchecked
	// On, when set, is a day to name the versions in force on, from the
	// verified manifest.
	On date.Date
	// Content, when set, is the site folder whose versions the published
	// ones must be.
	Content *Options
	// Progress, when set, is told of every file read from a live site.
	Progress func(done, total int)
}

// A manifest lists one line a file; this bounds it far above any site's.
const maxManifest = 256 << 20

// siteRequests bounds the requests gen verify makes to a live site at once.
const siteRequests = 8

// Verify checks a published copy of a site against its manifest: the
// signature, every file, the manifest's own consistency and, given the
// content, every version's fingerprints. Each mismatch is an error in the
// list; a target, key or day that cannot be used is a UsageError.
func Verify(ctx context.Context, req VerifyRequest, w io.Writer) (diag.List, error) {
	var diags diag.List
	published, err := manifest.Open(req.Target)
	if err != nil {
		return nil, &UsageError{err.Error()}
	}
	var key ssh.PublicKey
	if req.Key != "" {
		if key, err = manifest.ReadPublicKey(req.Key); err != nil {
			return nil, &UsageError{"--key: " + err.Error()}
		}
	}
	where := published.Where(urls.Manifest())
	data, m, err := readManifest(ctx, published)
	if err != nil {
		diags.Errorf(where, 0, 0, "%v", err)
		return diags, nil
	}
	if asOf, _ := date.Parse(m.AsOf); req.On.After(asOf) {
		return nil, &UsageError{fmt.Sprintf("--on %s is after %s, the day the manifest was made; it can tell what was in force until then", req.On, m.AsOf)}
	}
	add := func(ps []manifest.Problem) string {
		for _, p := range ps {
			diags.Errorf(p.Where, 0, 0, "%s", p.Msg)
		}
		return problems(len(ps))
	}
	fmt.Fprintf(w, "manifest   %s: %d files, %d versions, made on %s for %s\n", where, len(m.Files), len(m.Versions), m.AsOf, m.BaseURL)
	fmt.Fprintf(w, "signature  %s\n", checkSignature(ctx, published, data, key, &diags))

	// A folder is read one file per core, in a moment; a site politely.
	check := manifest.CheckOptions{}
	if _, ok := published.(*manifest.Site); ok {
		check = manifest.CheckOptions{Concurrency: siteRequests, Progress: req.Progress}
	}
	found := append(manifest.CheckFiles(ctx, published, m, check), manifest.CheckVersions(m, where)...)
	if ctx.Err() != nil {
		return nil, fmt.Errorf("interrupted: %v", ctx.Err()) // not a verdict on the files
	}
	fmt.Fprintf(w, "files      %d listed: %s\n", len(m.Files), add(found))

	if req.Content == nil {
		fmt.Fprintf(w, "versions   %d listed, not compared with the content (run gen verify in the site's folder, or give -s SITE)\n", len(m.Versions))
	} else {
		found, loadDiags := compareContent(*req.Content, m, where)
		if loadDiags.HasErrors() {
			return append(diags, loadDiags...), nil
		}
		fmt.Fprintf(w, "versions   %d listed, compared with the content in %s: %s\n", len(m.Versions), req.Content.Site, add(found))
	}
	if !req.On.IsZero() {
		printInForce(w, m, req.On)
	}
	verdict := "is exactly what its manifest lists"
	switch {
	case diags.HasErrors():
		verdict = "is NOT exactly what its manifest lists"
	case key != nil:
		verdict += ", signed by the key given"
	}
	fmt.Fprintf(w, "\n%s %s\n", req.Target, verdict)
	return diags, nil
}

// readManifest reads and parses the copy's manifest.
func readManifest(ctx context.Context, published manifest.Copy) ([]byte, *manifest.Manifest, error) {
	data, err := published.Read(ctx, urls.Manifest(), maxManifest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, errors.New("missing: the site publishes no manifest, so there is nothing to check it against")
	case err != nil:
		return nil, nil, err
	case len(data) > maxManifest:
		return nil, nil, fmt.Errorf("larger than any manifest (%d MB)", maxManifest>>20)
	}
	m, err := manifest.Parse(data)
	return data, m, err
}

// compareContent compares the manifest's versions with the content of the
// site folder opts names, loaded for the manifest's day. Content paths are
// named from where gen runs, as the copy's are.
func compareContent(opts Options, m *manifest.Manifest, where string) ([]manifest.Problem, diag.List) {
	inSite := func(p string) string {
		if opts.Site == "." || p == "" || filepath.IsAbs(p) {
			return p
		}
		return strings.TrimSuffix(filepath.ToSlash(opts.Site), "/") + "/" + p
	}
	opts.Now, opts.Drafts = m.AsOf, false
	loaded, diags := Load(opts)
	if diags.HasErrors() {
		for i := range diags {
			diags[i].Path = inSite(diags[i].Path)
		}
		return nil, diags
	}
	found := manifest.CompareVersions(m, loaded.Site, where)
	for i := range found {
		if found[i].Where != where {
			found[i].Where = inSite(found[i].Where)
		}
	}
	return found, nil
}

// printInForce lists, from the manifest, the version of every policy and
// language in force on day.
func printInForce(w io.Writer, m *manifest.Manifest, day date.Date) {
	fmt.Fprintf(w, "\nin force on %s, by the manifest:\n", day)
	for _, ed := range manifest.InForceOn(m, day) {
		name := ed.Policy + "/" + ed.Language
		v := ed.InForce
		if v == nil {
			fmt.Fprintf(w, "  %-14s none in force\n", name)
			continue
		}
		until := "still in force on " + m.AsOf
		if v.InForceUntil != nil {
			until = "replaced on " + *v.InForceUntil
		}
		fmt.Fprintf(w, "  %-14s %s  id %s, in force from %s, %s\n", name, urls.Absolute(m.BaseURL, v.Page), v.Fingerprint.ID, v.Effective, until)
	}
}

// problems says how many problems a check found.
func problems(n int) string {
	switch n {
	case 0:
		return "all match"
	case 1:
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}

// checkSignature checks the manifest's signature with key, reporting a
// missing or bad one, and says what it found.
func checkSignature(ctx context.Context, published manifest.Copy, data []byte, key ssh.PublicKey, diags *diag.List) string {
	where := published.Where(urls.ManifestSignature())
	if key == nil {
		return "not checked: give --key with the publisher's public key to check " + where
	}
	sig, err := published.Read(ctx, urls.ManifestSignature(), 64<<10)
	if errors.Is(err, fs.ErrNotExist) {
		err = errors.New("missing: the manifest is not signed")
	}
	if err == nil {
		err = manifest.Verify(data, sig, key)
	}
	if err != nil {
		diags.Errorf(where, 0, 0, "%v", err)
		return "BAD: " + strings.SplitN(err.Error(), ":", 2)[0]
	}
	return "good: signed by " + ssh.FingerprintSHA256(key) + " in namespace " + manifest.Namespace
}

// Progress returns a Progress for VerifyRequest that keeps one line on w up
// to date: rewritten in place on a terminal, else a line every tenth.
func Progress(w io.Writer, terminal bool) func(done, total int) {
	var mu sync.Mutex
	shown := -1
	return func(done, total int) {
		step := done * 100 / max(total, 1)
		if !terminal {
			step -= step % 10
		}
		mu.Lock()
		defer mu.Unlock()
		if step <= shown {
			return
		}
		shown = step
		if terminal {
			fmt.Fprintf(w, "\rchecked %d of %d files (%d%%)", done, total, step)
			if done == total {
				fmt.Fprintln(w)
			}
			return
		}
		fmt.Fprintf(w, "checked %d of %d files (%d%%)\n", done, total, step)
	}
}
