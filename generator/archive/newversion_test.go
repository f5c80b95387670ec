package archive

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
)

// TestWriteUndoesWhenAWriteFails checks two languages, then lets the
// second one's current file turn into a folder before writing, as if
// someone changed it meanwhile: the first language's cut, already written,
// must be undone, so the refusal still changes nothing.
func TestWriteUndoesWhenAWriteFails(t *testing.T) {
	site := t.TempDir()
	put := func(rel, text string) {
		p := filepath.Join(site, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("content/privacy/en.md", "+++\ntitle = \"Privacy\"\nlast_updated = 2024-01-01\n+++\nText.\n")
	put("content/privacy/sv.md", "+++\ntitle = \"Integritet\"\nlast_updated = 2024-02-01\n+++\nText.\n")
	before := files(t, site)

	day, _ := date.Parse("2024-06-01")
	var diags diag.List
	var plans []plan
	for _, lang := range []string{"en", "sv"} {
		p, ok := planCut(&diags, site, "privacy", lang, day, day, true)
		if !ok {
			t.Fatalf("%s cannot be cut: %v", lang, diags)
		}
		p.cut.Effective = day
		var err error
		if p.edit, err = moveOn(p.src, p.meta, p.cut); err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
	}
	sv := filepath.Join(site, "content/privacy/sv.md")
	os.Remove(sv)
	os.Mkdir(sv, 0o755)

	d := write(site, plans)
	if !d.HasErrors() || !strings.Contains(d.Error(), "content/privacy/sv.md: cannot write") {
		t.Fatalf("the failed write is not reported: %v", d)
	}
	os.Remove(sv)
	os.WriteFile(sv, before["content/privacy/sv.md"], 0o644)
	after := files(t, site)
	for p, b := range before {
		if !bytes.Equal(after[p], b) {
			t.Errorf("%s was not restored:\n%s", p, after[p])
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was left behind", p)
		}
	}
}

// files reads every file and folder below root, keyed by slash path
// (folders with a nil value), so a folder left behind is noticed too.
func files(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			out[filepath.ToSlash(rel)] = nil
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
