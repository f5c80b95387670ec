package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// documentedManifest is /manifest.json as the README documents it.
type documentedManifest struct {
	Format  string `json:"format"`
	BaseURL string `json:"base_url"`
	AsOf    string `json:"as_of"`
	Files   []struct {
		Path   string `json:"path"`
		Size   int64  `json:"size"`
		SHA256 string `json:"sha256"`
	} `json:"files"`
	Versions []struct {
		Policy       string                `json:"policy"`
		Language     string                `json:"language"`
		LastUpdated  string                `json:"last_updated"`
		Effective    string                `json:"effective"`
		Status       string                `json:"status"`
		InForceFrom  *string               `json:"in_force_from"`
		InForceUntil *string               `json:"in_force_until"`
		Draft        bool                  `json:"draft"`
		Page         string                `json:"page"`
		Source       string                `json:"source"`
		Fingerprint  documentedFingerprint `json:"fingerprint"`
	} `json:"versions"`
}

// TestManifestListsExactlyWhatTheBuildWrote walks a built site and finds
// every file in the manifest with its own SHA-256 and size, nothing listed
// that is not there, every version with the fingerprints and period of its
// versions.json, and the same bytes from a second build.
func TestManifestListsExactlyWhatTheBuildWrote(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	files := tree(t, out)
	raw := files["manifest.json"]
	var m documentedManifest
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		t.Fatalf("manifest.json does not follow the documented schema: %v", err)
	}
	if m.Format != "gen-manifest/1" || m.BaseURL != "https://policies.acme.example" || m.AsOf != "2024-04-10" {
		t.Errorf("manifest heading: %q %q %q", m.Format, m.BaseURL, m.AsOf)
	}
	listed := map[string]bool{}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, f.Path)
		listed[f.Path] = true
		b, ok := files[strings.TrimPrefix(f.Path, "/")]
		switch {
		case !ok:
			t.Errorf("the manifest lists %s, which the build did not write", f.Path)
		case int64(len(b)) != f.Size || sha256Hex(b) != f.SHA256:
			t.Errorf("%s: the manifest says %d bytes, sha256 %s; the file has %d, %s", f.Path, f.Size, f.SHA256, len(b), sha256Hex(b))
		}
	}
	if !sort.StringsAreSorted(paths) {
		t.Error("the manifest's files are not sorted by path")
	}
	for rel := range files {
		if rel != "manifest.json" && !listed["/"+rel] {
			t.Errorf("the build wrote %s, which the manifest does not list", rel)
		}
	}
	if !listed["/robots.txt"] {
		t.Error("the file copied from static/ is not listed")
	}

	published := publishedVersions(t, out)
	n := 0
	for _, v := range m.Versions {
		name := v.Policy + "/" + v.Language
		var want *documentedVersion
		for i, pv := range published[name] {
			if pv.LastUpdated == v.LastUpdated {
				want = &published[name][i]
			}
		}
		if want == nil {
			t.Errorf("the manifest lists %s %s, which versions.json does not", name, v.LastUpdated)
			continue
		}
		n++
		if v.Fingerprint != want.Fingerprint || v.Status != want.Status ||
			!sameDay(v.InForceFrom, want.InForceFrom) || !sameDay(v.InForceUntil, want.InForceUntil) {
			t.Errorf("%s %s: the manifest says %+v, versions.json %+v", name, v.LastUpdated, v, *want)
		}
		dir := "/" + v.Language + "/" + v.Policy + "/" + v.LastUpdated + "/"
		if v.Page != dir || v.Source != dir+"source.md" || !listed[v.Source] || !listed[dir+"index.html"] {
			t.Errorf("%s %s: page %s, source %s, not the version's own and listed", name, v.LastUpdated, v.Page, v.Source)
		}
	}
	total := 0
	for _, vs := range published {
		total += len(vs)
	}
	if n != total {
		t.Errorf("the manifest lists %d of the %d versions published", n, total)
	}

	again := buildSite(t, testSite, "2024-04-10")
	if !bytes.Equal(mustRead(t, again, "manifest.json"), raw) {
		t.Error("a second build of the same site and day gives another manifest")
	}
}

func sameDay(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// TestStaticManifestIsRefused: a file of the site's own where the manifest
// goes would replace the proof, or be replaced by it; the build refuses.
func TestStaticManifestIsRefused(t *testing.T) {
	site := copySite(t, testSite)
	if err := os.WriteFile(filepath.Join(site, "static", "manifest.json"), []byte(`{"name":"app"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 1 || !strings.Contains(stderr, "/manifest.json") || !strings.Contains(stderr, "another name") {
		t.Errorf("exit %d, want 1 with the file named:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the failed build left an output folder")
	}
}
