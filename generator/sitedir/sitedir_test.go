package sitedir

import (
	"path/filepath"
	"testing"

	"github.com/policygen/gen/generator/date"
)

func TestPaths(t *testing.T) {
	d := date.Date{Year: 2024, Month: 3, Day: 1}
	for _, c := range [][2]string{
		{Current("privacy", "pt-br"), "content/privacy/pt-br.md"},
		{Archived("privacy", d, "sv"), "content/privacy/archive/2024-03-01/sv.md"},
		{Policy("../x"), "content/../x"}, // as named, for messages
		{DefaultOutput("site"), filepath.Join("site", "public")},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
}

// TestLocate reads paths back as the paths above write them, and names
// what is wrong with the others.
func TestLocate(t *testing.T) {
	d := date.Date{Year: 2024, Month: 3, Day: 1}
	for _, c := range []struct {
		path    string
		want    Location
		problem string
	}{
		{"content/privacy/en.md", Location{Path: "content/privacy/en.md", Policy: "privacy", Lang: "en"}, ""},
		{"content/privacy/archive/2024-03-01/sv.md", Location{Path: "content/privacy/archive/2024-03-01/sv.md", Policy: "privacy", Lang: "sv", Archived: d}, ""},
		{"content/privacy/archive/march/sv.md", Location{}, "archive folder march is not a date; name it after the version's last_updated (YYYY-MM-DD)"},
		{"content/privacy/notes.txt", Location{}, "only Markdown policy files (<lang>.md) belong in content/"},
		{"content/en.md", Location{}, "not a policy file: policies live at content/<policy>/<lang>.md and content/<policy>/archive/<YYYY-MM-DD>/<lang>.md"},
		{"content/privacy/old/en.md", Location{}, "not a policy file: policies live at content/<policy>/<lang>.md and content/<policy>/archive/<YYYY-MM-DD>/<lang>.md"},
		{"layouts/en.md", Location{}, "not in content/"},
	} {
		got, problem := Locate(c.path)
		if got != c.want || problem != c.problem {
			t.Errorf("Locate(%q) = %+v, %q; want %+v, %q", c.path, got, problem, c.want, c.problem)
		}
	}
	for _, p := range []string{Current("terms", "nb"), Archived("terms", d, "nb")} {
		if loc, problem := Locate(p); problem != "" || loc.Policy != "terms" || loc.Lang != "nb" {
			t.Errorf("Locate(%q) = %+v, %q", p, loc, problem)
		}
	}
}

func TestLanguageAndIgnored(t *testing.T) {
	for name, want := range map[string]string{"en.md": "en", "pt-br.md": "pt-br", "en.md~": "", ".en.md.swp": "", "#en.md#": "", ".#en.md": "", "4913": "", "en.txt": "", "README": ""} {
		lang, ok := Language(name)
		if lang != want || ok != (want != "") {
			t.Errorf("Language(%q) = %q, %v; want %q", name, lang, ok, want)
		}
	}
	for name, want := range map[string]bool{".git": true, "x.swx": true, "privacy": false, "en.md": false} {
		if Ignored(name) != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, !want, want)
		}
	}
	// static/ keeps hidden files: only editors' scratch files are left out.
	for name, want := range map[string]bool{".nojekyll": false, ".well-known": false, ".htaccess": false, ".#logo.svg": true, "#logo.svg#": true, "logo.svg~": true, ".logo.svg.swp": true, "4913": true, "logo.svg": false} {
		if Scratch(name) != want {
			t.Errorf("Scratch(%q) = %v, want %v", name, !want, want)
		}
	}
}
