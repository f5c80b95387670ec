package render_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/render"
)

// TestSitePartialsSeeTheWholePage checks that a partial from the site's
// layouts/ is rendered for every page, not once per frame as the built-in
// ones are: a header showing the page's own title must differ between two
// pages that share a frame (a policy and one of its versions), whether it
// comes from partials.html or from a page layout redefining it.
func TestSitePartialsSeeTheWholePage(t *testing.T) {
	builtin, err := os.ReadFile("layouts/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	header := `<header class="site">{{.Title}}</header>`
	for name, layouts := range map[string]map[string]string{
		"partials.html": {"partials.html": strings.Replace(string(builtin), `<header class="site">`, `<header class="site">{{.Title}}`, 1)},
		"version.html":  {"version.html": `{{define "header"}}` + header + `{{end}}{{define "main"}}{{end}}`},
	} {
		t.Run(name, func(t *testing.T) {
			site := t.TempDir()
			write(t, site, "site.toml", "title = \"Acme\"\nbase_url = \"https://acme.example/\"\ndefault_language = \"en\"\n[languages.en]\nname = \"English\"\n")
			write(t, site, "content/privacy/en.md", "+++\ntitle = \"Privacy policy\"\nlast_updated = 2024-04-05\n[change]\nsummary = \"Shorter logs.\"\n+++\nWe keep logs.\n")
			write(t, site, "content/privacy/archive/2023-01-01/en.md", "+++\ntitle = \"Old privacy policy\"\nlast_updated = 2023-01-01\n+++\nWe kept logs.\n")
			for file, text := range layouts {
				write(t, site, "layouts/"+file, text)
			}
			r := renderer(t, site)
			m := output.NewMemory()
			if _, err := r.Render(m, nil); err != nil {
				t.Fatal(err)
			}
			for page, title := range map[string]string{
				"/en/privacy/index.html":            "Privacy policy",
				"/en/privacy/2023-01-01/index.html": "Old privacy policy",
			} {
				if got := string(m.Files[page]); !strings.Contains(got, `<header class="site">`+title) {
					t.Errorf("%s: the header does not show the page's title %q:\n%s", page, title, got)
				}
			}
		})
	}
}

// renderer loads site as of 1 May 2024 and returns its Renderer.
func renderer(t *testing.T, site string) *render.Renderer {
	t.Helper()
	loaded, diags := build.Load(build.Options{Site: site, Now: "2024-05-01"})
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	r, diags := build.Renderer(loaded, render.Options{})
	if r == nil {
		t.Fatal(diags.Errors())
	}
	return r
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailureNamesTheFirstBrokenPage gives every version page a layout
// that fails: however the workers happen to finish, the build reports the
// first such page in the site's file order, so a legal team sees the same
// error on every run.
func TestFailureNamesTheFirstBrokenPage(t *testing.T) {
	site := t.TempDir()
	write(t, site, "site.toml", "title = \"Acme\"\nbase_url = \"https://acme.example/\"\ndefault_language = \"en\"\n[languages.en]\nname = \"English\"\n[languages.fr]\nname = \"Français\"\n")
	for i := range 12 {
		slug := fmt.Sprintf("policy-%02d", i)
		for _, lang := range []string{"en", "fr"} {
			write(t, site, "content/"+slug+"/"+lang+".md", "+++\ntitle = \"Policy\"\nlast_updated = 2024-04-05\n[change]\nsummary = \"Shorter logs.\"\n+++\nWe keep logs.\n")
			write(t, site, "content/"+slug+"/archive/2023-01-01/"+lang+".md", "+++\ntitle = \"Policy\"\nlast_updated = 2023-01-01\n+++\nWe kept logs.\n")
		}
	}
	write(t, site, "layouts/version.html", `{{define "main"}}{{.Nope}}{{end}}`)
	r := renderer(t, site)
	// Render the pages one by one to learn which fail; the first of them
	// in the render's own order is the one the error must name.
	var first string
	for _, p := range r.Paths() {
		if _, err := r.RenderOnly(output.NewMemory(), func(q string) bool { return q == p }); err != nil {
			first = strings.TrimSuffix(p, "index.html")
			break
		}
	}
	if first == "" {
		t.Fatal("no page fails on its own")
	}
	// More workers than cores make a race between them likely, as on a
	// busy CI machine.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	for range 50 {
		_, err := r.Render(output.NewMemory(), nil)
		if err == nil || !strings.Contains(err.Error(), "(rendering "+first+")") {
			t.Fatalf("got %v, want the error of %s", err, first)
		}
	}
}
