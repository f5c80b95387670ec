package starter_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/starter"
	"github.com/policygen/gen/generator/version"
)

var today = date.Date{Year: 2026, Month: 12, Day: 2}

// newSite writes a new site into a fresh folder and returns the folder.
func newSite(t *testing.T, opts starter.Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "acme")
	files, err := starter.Files(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := starter.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestNewSiteBuildsInEveryLanguage makes a site in every language init
// offers and builds it as CI would (drafts left out) and as the preview
// does (drafts in): the first publishes nothing yet and only says so, the
// second renders each language's policy with its own UI strings, without
// a warning (an English fallback, a broken link) or an error.
func TestNewSiteBuildsInEveryLanguage(t *testing.T) {
	langs := starter.Languages()
	if len(langs) < 7 {
		t.Fatalf("init offers %v; the README promises en, sv, nb, da, de, fi, fr", langs)
	}
	site := newSite(t, starter.Options{Title: `Acme *Labs* <AB> & "Co"`, Languages: langs, Today: today})

	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := build.Build(build.Options{Site: site, Now: "2026-12-02"}, out)
	if err != nil || diags.HasErrors() || len(diags) != 1 || !strings.Contains(diags[0].String(), "every policy is a draft") {
		t.Fatalf("build without drafts: %v\n%s", err, diags)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "privacy")); err == nil {
		t.Errorf("a draft was published")
	}
	if diags := build.Check(build.Options{Site: site, Now: "2026-12-02"}, "", false); diags.HasErrors() {
		t.Errorf("check: %s", diags)
	}

	preview := filepath.Join(t.TempDir(), "public")
	_, diags, err = build.Build(build.Options{Site: site, Now: "2026-12-02", Drafts: true}, preview)
	if err != nil || len(diags) > 0 {
		t.Fatalf("build with drafts: %v\n%s", err, diags)
	}
	titles := map[string]string{}
	for _, lang := range langs {
		b, err := os.ReadFile(filepath.Join(preview, lang, "privacy", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		titles[lang] = text(find(doc, "h1"))
		if body := text(find(doc, "main")); !strings.Contains(body, `Acme *Labs* <AB> & "Co"`) {
			t.Errorf("%s: the company's name is not in the text as written:\n%s", lang, body)
		}
		if n := strings.Count(string(b), "<h2 id="); n < 8 {
			t.Errorf("%s: %d sections; a privacy policy skeleton needs controller, data, purposes, retention, recipients, transfers, rights, contact", lang, n)
		}
	}
	// Each language's own title: a skeleton copied from English would not do.
	seen := map[string]string{}
	for lang, title := range titles {
		if other, ok := seen[title]; ok || title == "" {
			t.Errorf("%s and %s have the same policy title %q", lang, other, title)
		}
		seen[title] = lang
	}
	if titles["sv"] != "Integritetspolicy" || titles["de"] != "Datenschutzerklärung" {
		t.Errorf("titles: %v", titles)
	}
}

func find(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

// TestNewSiteSettings reads back what the options set: the title, the
// address, the languages with their own names, the default language, the
// date, and the gen release the workflow installs.
func TestNewSiteSettings(t *testing.T) {
	site := newSite(t, starter.Options{Title: "Acme AB", Languages: []string{"sv", "en"}, BaseURL: "https://legal.acme.example", Today: today, Gen: version.Info{Version: "v1.4.0"}})
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	toml := read("site.toml")
	for _, want := range []string{`title = "Acme AB"`, `base_url = "https://legal.acme.example"`, `default_language = "sv"`, "[languages.sv]\nname = \"Svenska\"", "[languages.en]\nname = \"English\""} {
		if !strings.Contains(toml, want) {
			t.Errorf("site.toml lacks %q:\n%s", want, toml)
		}
	}
	if p := read("content/privacy/sv.md"); !strings.Contains(p, "last_updated = 2026-12-02\n") || !strings.Contains(p, "\ndraft = true\n") {
		t.Errorf("sv.md:\n%s", p)
	}
	wf := read(".github/workflows/publish.yml")
	if strings.Count(wf, "uses: policygen/gen@v1.4.0\n        with:\n          version: v1.4.0\n") != 2 {
		t.Errorf("the workflow does not install gen v1.4.0 in both jobs:\n%s", wf)
	}
	if strings.Contains(wf, "go run") || strings.Contains(wf, "setup-go") {
		t.Errorf("the workflow builds gen instead of installing a release:\n%s", wf)
	}
	devel := newSite(t, starter.Options{Today: today})
	if b, _ := os.ReadFile(filepath.Join(devel, ".github", "workflows", "publish.yml")); !bytes.Contains(b, []byte("uses: policygen/gen@main\n        with:\n          version: latest\n")) {
		t.Errorf("a development build's workflow does not take the latest release:\n%s", b)
	}
	if b, _ := os.ReadFile(filepath.Join(devel, "site.toml")); !bytes.Contains(b, []byte(`title = "acme"`)) {
		t.Errorf("without --title the folder's name is not the title:\n%s", b)
	}
}

// TestInitNeverOverwrites runs init where a file it would write exists:
// it refuses, naming the file, and writes nothing at all.
func TestInitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := []byte("node_modules/\n")
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), mine, 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := starter.Files(dir, starter.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	err = starter.Write(dir, files)
	var usage *starter.UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), ".gitignore") || !strings.Contains(err.Error(), "wrote nothing") {
		t.Fatalf("got %v, want a refusal naming .gitignore", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a refused init wrote: %v", entries)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !bytes.Equal(b, mine) {
		t.Errorf(".gitignore changed: %q", b)
	}

	// A folder that already has other files (a README, a repository) is fine.
	os.Remove(filepath.Join(dir, ".gitignore"))
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("ours\n"), 0o644)
	if err := starter.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := starter.Write(dir, files); !errors.As(err, &usage) {
		t.Errorf("a second init over the first: %v", err)
	}
}

// TestBadOptionsAreRefused gives init what cannot make a site.
func TestBadOptionsAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts starter.Options
		want string
	}{
		{"a language without a skeleton", starter.Options{Languages: []string{"en", "pt"}}, `no privacy policy skeleton in "pt"; choose from da, de, en, fi, fr, nb, sv`},
		{"a language twice", starter.Options{Languages: []string{"sv", "sv"}}, `"sv" is named twice`},
		{"an empty language", starter.Options{Languages: []string{"en", ""}}, `skeleton in ""`},
		{"a title on two lines", starter.Options{Title: "Acme\nAB"}, "--title"},
		{"an address that is no URL", starter.Options{BaseURL: "policies.acme.example"}, "--base-url"},
		{"an address with a fragment", starter.Options{BaseURL: "https://acme.example/legal/#top"}, "--base-url"},
		{"an address with an odd path", starter.Options{BaseURL: "https://acme.example/our legal/"}, "--base-url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Today = today
			_, err := starter.Files(t.TempDir(), tc.opts)
			var usage *starter.UsageError
			if !errors.As(err, &usage) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a usage error with %q", err, tc.want)
			}
		})
	}
}

// TestInitLanguagesHaveUIStrings keeps init's languages and gen's built-in
// UI strings together: a skeleton in a language whose pages would come out
// in English is no use.
func TestInitLanguagesHaveUIStrings(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "i18n", "strings"))
	if err != nil {
		t.Fatal(err)
	}
	var ui []string
	for _, e := range entries {
		ui = append(ui, strings.TrimSuffix(e.Name(), ".toml"))
	}
	if !slices.Equal(ui, starter.Languages()) {
		t.Errorf("UI strings for %v, init skeletons for %v", ui, starter.Languages())
	}
}
