package corpus_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/policygen/gen/generator/corpus"
)

// TestWriteHugo writes the small corpus in both layouts: one Hugo page per
// version and language, with the same body as gen's file and front matter
// Hugo reads (a date, the title, the processors as parameters).
func TestWriteHugo(t *testing.T) {
	spec := corpus.Small()
	site, hugo := t.TempDir(), t.TempDir()
	if err := corpus.Write(site, spec); err != nil {
		t.Fatal(err)
	}
	if err := corpus.WriteHugo(hugo, spec); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"hugo.toml", "layouts/_default/single.html", "layouts/shortcodes/processors.html"} {
		if _, err := os.Stat(filepath.Join(hugo, f)); err != nil {
			t.Error(err)
		}
	}
	pages := 0
	err := filepath.WalkDir(filepath.Join(site, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var gen struct {
			Title       string
			LastUpdated time.Time `toml:"last_updated"`
		}
		if _, err := toml.Decode(frontMatter(t, src), &gen); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rel, _ := filepath.Rel(filepath.Join(site, "content"), path)
		policy, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		lang := strings.TrimSuffix(d.Name(), ".md")
		page, err := os.ReadFile(filepath.Join(hugo, "content", lang, policy, gen.LastUpdated.Format("2006-01-02")+".md"))
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if !bytes.Equal(body(src), body(page)) {
			t.Errorf("%s: the Hugo page's body differs from gen's", rel)
		}
		var h struct {
			Title      string
			Date       time.Time
			Processors []struct{ Name, Location, Purpose string }
		}
		if _, err := toml.Decode(frontMatter(t, page), &h); err != nil {
			t.Fatalf("%s: Hugo front matter: %v", rel, err)
		}
		if h.Title != gen.Title || h.Date.Format("2006-01-02") != gen.LastUpdated.Format("2006-01-02") || len(h.Processors) == 0 {
			t.Errorf("%s: Hugo front matter %+v, want title %q and date %v", rel, h, gen.Title, gen.LastUpdated)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != spec.Files() {
		t.Errorf("compared %d pages, want %d", pages, spec.Files())
	}
}

func TestHugoPageErrors(t *testing.T) {
	for _, src := range []string{"no front matter\n", "+++\ntitle = \"x\"\n", "+++\ntitle = \"x\"\n+++\nbody\n"} {
		if _, _, err := corpus.HugoPage([]byte(src)); err == nil {
			t.Errorf("HugoPage(%q) succeeded", src)
		}
	}
}

// frontMatter returns the TOML between the +++ lines of a page.
func frontMatter(t *testing.T, src []byte) string {
	t.Helper()
	parts := strings.SplitN(string(src), "+++\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("no front matter in %.40q", src)
	}
	return parts[1]
}

// body returns what follows a page's front matter.
func body(src []byte) []byte {
	_, b, _ := bytes.Cut(src[3:], []byte("\n+++\n"))
	return b
}
