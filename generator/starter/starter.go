// Package starter holds the new site that `gen init` writes: site.toml, a
// privacy policy skeleton in each language gen has texts for, .gitignore,
// .gitattributes and a CI workflow that installs a released gen and does
// what this repository's own publish.yml does.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/policygen/gen/generator/config"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/urls"
	"github.com/policygen/gen/generator/version"
)

//go:embed files
var embedded embed.FS

// Repository is where gen's releases and its GitHub Action live.
const Repository = "policygen/gen"

// PlaceholderBaseURL is base_url when none is given: a reserved name
// (RFC 2606) that can never be someone's real site.
const PlaceholderBaseURL = "https://policies.example.com"

// Options say whose site to make.
type Options struct {
	Title     string    // the company's name; default: the folder's name
	Languages []string  // language codes, the first the default; default: en
	BaseURL   string    // where the site will be published; default: PlaceholderBaseURL
	Today     date.Date // the policies' last_updated
	// Gen is the gen running init: the workflow installs its release, or
	// the latest release when it is a development build.
	Gen version.Info
}

// File is one file of the new site; Path is slash-separated, relative to
// the site's folder.
type File struct {
	Path string
	Data []byte
}

// UsageError is an option that cannot make a site: the command line's
// fault, not the disk's.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Languages lists the languages a new site can have: those with a policy
// skeleton here (and built-in UI strings, which a test makes sure of).
func Languages() []string {
	entries, err := embedded.ReadDir("files/privacy")
	if err != nil {
		panic(err) // embedded; cannot be missing
	}
	var langs []string
	for _, e := range entries {
		langs = append(langs, strings.TrimSuffix(e.Name(), ".md"))
	}
	slices.Sort(langs)
	return langs
}

// language is one [languages.<code>] of the new site.
type language struct{ Code, Name string }

// data is what the templates see.
type data struct {
	Title, BaseURL, Default string
	Languages               []language
	Today                   string
	Uses, Version           string // the action's reference and the gen release it installs
	Lang                    string
	Policy                  skeleton
}

// skeleton is one language's policy text, before the shared front matter.
type skeleton struct {
	Title, Description string // the policy's, in its language
	Body               string
}

// Files returns the files of a new site in dir (whose name is the default
// title), or a *UsageError saying which option is wrong.
func Files(dir string, opts Options) ([]File, error) {
	d, err := resolve(dir, opts)
	if err != nil {
		return nil, err
	}
	var files []File
	add := func(p, tmpl string, d data) error {
		b, err := execute(tmpl, d)
		files = append(files, File{p, b})
		return err
	}
	for _, f := range [][2]string{
		{sitedir.Config, "site.toml"},
		{".gitignore", "gitignore"},
		{".gitattributes", "gitattributes"},
		{".github/workflows/publish.yml", "publish.yml"},
	} {
		if err := add(f[0], f[1], d); err != nil {
			return nil, err
		}
	}
	for _, l := range d.Languages {
		ld := d
		ld.Lang = l.Code
		if ld.Policy, err = policy(l.Code, d); err != nil {
			return nil, err
		}
		if err := add(sitedir.Current("privacy", l.Code), "policy.md", ld); err != nil {
			return nil, err
		}
	}
	// The site.toml written must be one gen reads: a title or address that
	// config refuses is the command line's mistake, said before writing.
	if _, diags := config.Parse(sitedir.Config, files[0].Data); diags.HasErrors() {
		return nil, &UsageError{strings.TrimSpace(diags.Errors().Error())}
	}
	return files, nil
}

func resolve(dir string, opts Options) (data, error) {
	d := data{Title: opts.Title, BaseURL: opts.BaseURL, Today: opts.Today.String()}
	if d.Title == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return d, err
		}
		d.Title = filepath.Base(abs)
	}
	if strings.IndexFunc(d.Title, unicode.IsControl) >= 0 || strings.TrimSpace(d.Title) == "" || !utf8.ValidString(d.Title) {
		return d, &UsageError{fmt.Sprintf("--title %q: give the company's name on one line", d.Title)}
	}
	if d.BaseURL == "" {
		d.BaseURL = PlaceholderBaseURL
	}
	if _, err := urls.New(d.BaseURL); err != nil {
		return d, &UsageError{fmt.Sprintf("--base-url: %v; give the address the policies will be published at, such as https://policies.example.com or https://acme.github.io/policies/", err)}
	}
	langs := opts.Languages
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	known := Languages()
	for _, code := range langs {
		if !slices.Contains(known, code) {
			return d, &UsageError{fmt.Sprintf("--languages: gen has no privacy policy skeleton in %q; choose from %s (another language can be added to site.toml afterwards, see the README)", code, strings.Join(known, ", "))}
		}
		if slices.ContainsFunc(d.Languages, func(l language) bool { return l.Code == code }) {
			return d, &UsageError{fmt.Sprintf("--languages: %q is named twice", code)}
		}
		d.Languages = append(d.Languages, language{code, selfName(code)})
	}
	d.Default = d.Languages[0].Code
	d.Uses, d.Version = Repository+"@main", "latest"
	if opts.Gen.Released() {
		d.Uses, d.Version = Repository+"@"+opts.Gen.Version, opts.Gen.Version
	}
	return d, nil
}

// selfName is a language's name in itself, as its visitors look for it in
// the language switcher: CLDR's, capitalised as a menu entry is.
func selfName(code string) string {
	name := i18n.LanguageName(code, code, code)
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// policy reads lang's skeleton: a small front matter with the policy's
// title and description in that language, then the text. Both may name
// the company ({%.Title%}).
func policy(lang string, d data) (skeleton, error) {
	src, err := embedded.ReadFile("files/privacy/" + lang + ".md")
	if err != nil {
		return skeleton{}, err
	}
	front, body, _, err := frontmatter.Split(src)
	if err != nil {
		return skeleton{}, err
	}
	var s skeleton
	if _, err := toml.Decode(string(front), &s); err != nil {
		return skeleton{}, fmt.Errorf("privacy/%s.md: %w", lang, err)
	}
	for _, f := range []*string{&s.Title, &s.Description} {
		b, err := executeText(*f, d)
		if err != nil {
			return skeleton{}, err
		}
		*f = string(b)
	}
	b, err := executeText(string(body), d)
	s.Body = string(b)
	return s, err
}

var funcs = template.FuncMap{
	// toml quotes a string as a TOML basic string.
	"toml": func(s string) (string, error) {
		var b bytes.Buffer
		err := toml.NewEncoder(&b).Encode(map[string]string{"v": s})
		return strings.TrimSpace(strings.TrimPrefix(b.String(), "v = ")), err
	},
	// md escapes a string for Markdown text, so a company named
	// "*Acme* <Labs>" is shown as it is written.
	"md": func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if strings.ContainsRune("\\`*_{}[]()<>#+-!|~", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return b.String()
	},
}

// The templates' actions are {% … %}: the workflow is full of GitHub's
// own ${{ … }}.
func parse(name, text string) (*template.Template, error) {
	return template.New(name).Delims("{%", "%}").Funcs(funcs).Option("missingkey=error").Parse(text)
}

func execute(name string, d data) ([]byte, error) {
	src, err := embedded.ReadFile("files/" + name)
	if err != nil {
		return nil, err
	}
	t, err := parse(name, string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, d)
	return b.Bytes(), err
}

func executeText(text string, d data) ([]byte, error) {
	t, err := parse("text", text)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, d)
	return b.Bytes(), err
}

// Write writes files below dir, making it if need be. It refuses, before
// writing anything, when any of them already exists: init never
// overwrites. If a write fails, what it wrote is removed again.
func Write(dir string, files []File) error {
	var existing []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path))); !errors.Is(err, fs.ErrNotExist) {
			existing = append(existing, f.Path)
		}
	}
	if len(existing) > 0 {
		return &UsageError{fmt.Sprintf("%s already holds %s; gen init never overwrites a file, so it wrote nothing (run it in a new or empty folder)", dir, strings.Join(existing, ", "))}
	}
	var written, made []string
	undo := func(err error) error {
		for _, p := range slices.Backward(written) {
			os.Remove(p)
		}
		for _, p := range slices.Backward(made) {
			os.Remove(p) // only if empty, which folders init made are
		}
		return err
	}
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		for _, folder := range missing(filepath.Dir(full)) {
			if err := os.Mkdir(folder, 0o755); err != nil {
				return undo(err)
			}
			made = append(made, folder)
		}
		out, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return undo(err)
		}
		written = append(written, full)
		_, err = out.Write(f.Data)
		if closeErr := out.Close(); err == nil {
			err = closeErr
		}
		if err != nil {
			return undo(err)
		}
	}
	return nil
}

// missing lists folder and those of its parents that do not exist yet,
// outermost first.
func missing(folder string) []string {
	var out []string
	for p := folder; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		out = append(out, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	slices.Reverse(out)
	return out
}
