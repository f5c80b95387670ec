package cli_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// publishedVersions reads every versions.json of a build, keyed
// "policy/lang", newest version first as published.
func publishedVersions(t *testing.T, out string) map[string][]documentedVersion {
	t.Helper()
	eds := map[string][]documentedVersion{}
	for rel, b := range tree(t, out) {
		if !strings.HasSuffix(rel, "/versions.json") {
			continue
		}
		var ed documentedEdition
		if err := json.Unmarshal(b, &ed); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		eds[ed.Policy+"/"+ed.Language] = ed.Versions
	}
	if len(eds) == 0 {
		t.Fatal("the build has no versions.json")
	}
	return eds
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// mainText takes the main text out of a version page as the README
// defines it: the body, with each processors table the layout put between
// its parts standing as the placeholder line, and the table appended after
// the text left out.
func mainText(t *testing.T, page []byte) []byte {
	t.Helper()
	_, rest, ok := bytes.Cut(page, []byte(`<div class="body">`+"\n"))
	body, _, ok2 := bytes.Cut(rest, []byte("\n</div>\n</article>"))
	if !ok || !ok2 {
		t.Fatalf("no body in the page:\n%s", page)
	}
	body, _, _ = bytes.Cut(body, []byte("\n"+`<h2 id="processors-table">`))
	// The processors: a table, and the same as cards for narrow screens.
	table := regexp.MustCompile(`(?s)<div class="table-scroll processors-table" tabindex="0">\n<table class="processors">.*?</table>\n</div>\n<div class="processor-cards">.*?</dl>\n</div>`)
	return table.ReplaceAll(body, []byte("<!-- processors -->\n"))
}

// TestFingerprintsAreRecomputedFromTheSources computes every version's
// fingerprints here, from the content files and the pages, and finds them
// published: the source sum is what sha256sum gives for the file, the text
// sum that of the text the version page shows.
func TestFingerprintsAreRecomputedFromTheSources(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10", "--drafts")
	checked := 0
	for name, versions := range publishedVersions(t, out) {
		policy, lang, _ := strings.Cut(name, "/")
		for i, v := range versions {
			file := filepath.Join(testSite, "content", policy, "archive", v.LastUpdated, lang+".md")
			if i == 0 { // the newest is the current file
				file = filepath.Join(testSite, "content", policy, lang+".md")
			}
			src := mustReadFile(t, file)
			f := v.Fingerprint
			if want := sha256Hex(src); f.Source != want {
				t.Errorf("%s %s: source_sha256 %s, but sha256sum %s gives %s", name, v.LastUpdated, f.Source, file, want)
			}
			if f.ID != f.Source[:12] {
				t.Errorf("%s %s: id %q is not the first 12 digits of %s", name, v.LastUpdated, f.ID, f.Source)
			}
			dir := lang + "/" + policy + "/" + v.LastUpdated + "/"
			if got := mustRead(t, out, dir+"source.md"); !bytes.Equal(got, src) {
				t.Errorf("%s: the published source is not the file", dir)
			}
			text := mainText(t, mustRead(t, out, dir+"index.html"))
			if want := sha256Hex(text); f.Text != want {
				t.Errorf("%s %s: text_sha256 %s, but the page's main text has %s:\n%s", name, v.LastUpdated, f.Text, want, text)
			}
			checked++
		}
	}
	if checked < 6 {
		t.Errorf("only %d versions checked", checked)
	}
}
