package render

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/policygen/gen/generator/i18n"
)

// TestLayoutsUseKnownStrings makes sure every UI string a built-in layout
// asks for exists, so no visitor ever reads a raw key like "notice.change".
func TestLayoutsUseKnownStrings(t *testing.T) {
	known := i18n.Keys()
	use := regexp.MustCompile(`\.T "([a-z_.-]+)"`)
	found := 0
	err := fs.WalkDir(builtin, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		if err != nil {
			return err
		}
		for _, m := range use.FindAllSubmatch(b, -1) {
			found++
			if !slices.Contains(known, string(m[1])) {
				t.Errorf("%s uses unknown UI string %q", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Errorf("found only %d uses of UI strings; is the pattern still right?", found)
	}
	// Keys built from a value in Go code.
	for _, k := range []string{"version.status.in-force", "version.status.upcoming", "version.status.archived",
		"redline.processor_added", "redline.processor_removed", "redline.processor_changed",
		"processors.name", "processors.location", "processors.purpose", "processors.country", "processors.transfer", "processors.policy"} {
		if !slices.Contains(known, k) {
			t.Errorf("UI string %q is built in code but unknown", k)
		}
	}
}

// TestLayoutsDefineWhatPagesAskFor checks that a site's layout leaving out a
// template some page needs is reported before anything renders, naming the
// site's file rather than the built-in one that asks for it.
func TestLayoutsDefineWhatPagesAskFor(t *testing.T) {
	builtinFile := func(name string) string {
		b, err := fs.ReadFile(builtin, "layouts/"+name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tt := range []struct {
		name    string
		layouts map[string]string
		want    []string
	}{
		{"built-in layouts", nil, nil},
		{"partials without header", map[string]string{
			"partials.html": strings.Replace(builtinFile("partials.html"), `{{define "header"`, `{{define "site-header"`, 1),
		}, []string{
			`layouts/partials.html: defines no "header" template, which every page uses; add {{define "header"}}…{{end}}, or delete the file to use the built-in partials.html`,
		}},
		{"partials with a footer only", map[string]string{
			"partials.html": `{{define "footer"}}<footer>Acme</footer>{{end}}`,
		}, []string{
			`layouts/partials.html: defines no "header" template, which every page uses; add {{define "header"}}…{{end}}, or delete the file to use the built-in partials.html`,
			`layouts/partials.html: defines no "material" template, which every page uses; add {{define "material"}}…{{end}}, or delete the file to use the built-in partials.html`,
			`layouts/partials.html: defines no "processors" template, which the policy pages use; add {{define "processors"}}…{{end}}, or delete the file to use the built-in partials.html`,
		}},
		{"404 without main", map[string]string{
			"404.html": `{{define "title"}}Not here{{end}}`,
		}, []string{
			`layouts/404.html: defines no "main" template, which the 404 page uses; add {{define "main"}}…{{end}}, or delete the file to use the built-in 404.html`,
		}},
		{"base without base", map[string]string{
			"base.html": `{{define "page"}}{{template "main" .}}{{end}}`,
		}, []string{
			`layouts/base.html: defines no "base" template, which every page uses; add {{define "base"}}…{{end}}, or delete the file to use the built-in base.html`,
		}},
		{"redirect without redirect", map[string]string{
			"redirect.html": `<p>Moved</p>`,
		}, []string{
			`layouts/redirect.html: defines no "redirect" template, which the redirect pages use; add {{define "redirect"}}…{{end}}, or delete the file to use the built-in redirect.html`,
		}},
		{"a use of a template no layout defines", map[string]string{
			"404.html":     "{{define \"main\"}}\n{{if .Home}}{{.Partial \"sidebar\"}}{{end}} {{template \"ad\" .}}{{end}}",
			"history.html": "{{define \"main\"}}{{range .Switcher}}{{$.Each \"row\" .}}{{end}}{{end}}",
		}, []string{
			`layouts/history.html:1:39: the history pages ask here for the template "row", which no layout defines; define it with {{define "row"}}…{{end}} in this file, or remove this use`,
			`layouts/404.html:2:15: the 404 page asks here for the template "sidebar", which no layout defines; define it with {{define "sidebar"}}…{{end}} in this file, or remove this use`,
			`layouts/404.html:2:54: the 404 page asks here for the template "ad", which no layout defines; define it with {{define "ad"}}…{{end}} in this file, or remove this use`,
		}},
		{"a page layout defining what partials leaves out", map[string]string{
			"partials.html": strings.Replace(builtinFile("partials.html"), `{{define "processors"`, `{{define "unused"`, 1),
			"version.html":  `{{define "processors"}}{{end}}` + builtinFile("version.html"),
		}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{}
			for name, text := range tt.layouts {
				site["layouts/"+name] = &fstest.MapFile{Data: []byte(text)}
			}
			l, diags := loadLayouts(site)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if (l == nil) != (len(tt.want) > 0) {
				t.Errorf("layouts %v with %d errors", l, len(tt.want))
			}
		})
	}
}

// TestExplainNamesTheSiteFile checks the errors only rendering finds: each
// names the site's layout file with its line and column, not the built-in
// file or the template package.
func TestExplainNamesTheSiteFile(t *testing.T) {
	l := &layouts{from: map[string]string{
		"base.html":     "built-in layouts/base.html",
		"partials.html": "layouts/partials.html",
		"404.html":      "layouts/404.html",
	}}
	for _, tt := range []struct{ err, want string }{
		{`template: 404.html:1:19: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Page`,
			`layouts/404.html:1:20: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Page (rendering /404.html)`},
		{`template: base.html:15:2: executing "base" at <.Partial>: error calling Partial: template: partials.html:3:5: executing "header" at <.X>: boom`,
			`layouts/partials.html:3:6: executing "header" at <.X>: boom (rendering /404.html)`},
		{`html/template:404.html:2:25: {{if}} branches end in different contexts`,
			`layouts/404.html:2:26: {{if}} branches end in different contexts (rendering /404.html)`},
		{`template: 404.html:2:2: executing "main" at <.Partial>: error calling Partial: html/template: "Page not found" is undefined`,
			`layouts/404.html:2:3: no layout defines the template "Page not found" asked for here; define it with {{define "Page not found"}}…{{end}}, or ask for one that exists (rendering /404.html)`},
		{`something else`, `something else (rendering /404.html)`},
	} {
		if got := l.explain(errors.New(tt.err), "/404.html").Error(); got != tt.want {
			t.Errorf("explain(%q)\n got %q\nwant %q", tt.err, got, tt.want)
		}
	}
}
