package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/policygen/gen/generator/markdown"
)

const policy = "+++\ntitle = \"Privacy\"\nlast_updated = 2024-03-01\n+++\n## Who we are\n\nAcme.\n"

// TestFind lists the policy files of a content tree in order and names
// what does not belong, passing over what editors leave behind.
func TestFind(t *testing.T) {
	site := fstest.MapFS{
		"content/privacy/sv.md":                    {Data: []byte(policy)},
		"content/privacy/en.md":                    {Data: []byte(policy)},
		"content/privacy/archive/2023-01-01/en.md": {Data: []byte(policy)},
		"content/privacy/archive/jan/en.md":        {Data: []byte(policy)},
		"content/privacy/notes.txt":                {Data: []byte("notes")},
		"content/privacy/.en.md.swp":               {Data: []byte("swap")},
		"content/privacy/en.md~":                   {Data: []byte("backup")},
		"content/.git/config":                      {Data: []byte("x")},
		"content/stray.md":                         {Data: []byte(policy)},
	}
	found, diags := Find(site)
	var paths []string
	for _, l := range found {
		paths = append(paths, l.Path)
	}
	if got := strings.Join(paths, " "); got != "content/privacy/archive/2023-01-01/en.md content/privacy/en.md content/privacy/sv.md" {
		t.Errorf("found %s", got)
	}
	if found[0].Archived.String() != "2023-01-01" || found[0].Policy != "privacy" || found[0].Lang != "en" {
		t.Errorf("archived file located as %+v", found[0])
	}
	want := []string{
		"content/privacy/archive/jan/en.md: archive folder jan is not a date; name it after the version's last_updated (YYYY-MM-DD)",
		"content/privacy/notes.txt: warning: ignored: only Markdown policy files (<lang>.md) belong in content/",
		"content/stray.md: not a policy file: policies live at content/<policy>/<lang>.md and content/<policy>/archive/<YYYY-MM-DD>/<lang>.md",
	}
	diags.Sort()
	if got := diags.Error(); got != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if _, diags := Find(fstest.MapFS{"site.toml": {Data: []byte("")}}); !strings.Contains(diags.Error(), "there is no content folder") {
		t.Errorf("no content folder: %v", diags)
	}
}

// TestParseAndReadAgain parses a file into a version and reads its source
// and body back, refusing a file that changed since.
func TestParseAndReadAgain(t *testing.T) {
	site := fstest.MapFS{"content/privacy/en.md": {Data: []byte(policy)}}
	found, _ := Find(site)
	f, diags := Parse(site, found[0], markdown.New(markdown.Options{}), nil)
	if diags.HasErrors() || f.Version == nil {
		t.Fatalf("parse: %v", diags)
	}
	v := f.Version
	if v.Title != "Privacy" || v.Date.String() != "2024-03-01" || v.SourcePath != "content/privacy/en.md" || f.Lines["title"] != 2 {
		t.Errorf("version %+v, title on line %d", v, f.Lines["title"])
	}
	if len(v.Body.Headings) != 1 || v.Body.Headings[0].ID != "who-we-are" {
		t.Errorf("body headings %+v", v.Body.Headings)
	}
	src, err := ReadSource(site, v)
	if err != nil || string(src) != policy {
		t.Errorf("source %q, %v", src, err)
	}
	body, err := ReadBody(site, v)
	if err != nil || string(body) != "## Who we are\n\nAcme.\n" {
		t.Errorf("body %q, %v", body, err)
	}

	// A body edit leaves the front matter's checksum; a front matter
	// edit does not.
	edited := func(text string) uint32 {
		s := fstest.MapFS{"content/privacy/en.md": {Data: []byte(text)}}
		f, _ := Parse(s, found[0], markdown.New(markdown.Options{}), nil)
		return f.Version.FrontMatterSum
	}
	if edited(policy+"More.\n") != v.FrontMatterSum || edited(strings.Replace(policy, "Privacy", "Integrity", 1)) == v.FrontMatterSum {
		t.Error("the front matter's checksum follows the body, or not the front matter")
	}

	site["content/privacy/en.md"] = &fstest.MapFile{Data: []byte(strings.Replace(policy, "Acme.", "Acme!", 1))}
	if _, err := ReadSource(site, v); err == nil || !strings.Contains(err.Error(), "changed while the site was being built") {
		t.Errorf("a file changed since it was parsed: %v", err)
	}
}

// TestParseStopsAtFrontMatterErrors returns no version for a file whose
// front matter is broken, with the error at its line.
func TestParseStopsAtFrontMatterErrors(t *testing.T) {
	site := fstest.MapFS{"content/privacy/en.md": {Data: []byte("+++\ntitel = \"x\"\nlast_updated = 2024-03-01\n+++\nText.\n")}}
	found, _ := Find(site)
	f, diags := Parse(site, found[0], markdown.New(markdown.Options{}), nil)
	if f.Version != nil || !diags.HasErrors() || !strings.HasPrefix(diags.Errors()[0].String(), "content/privacy/en.md:2:1: ") {
		t.Errorf("version %v, diagnostics %v", f.Version, diags)
	}
}
