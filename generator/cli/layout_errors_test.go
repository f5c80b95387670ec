package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenLayoutsNameTheSiteFile builds the test site with a layouts/
// file that leaves out a template the pages need. The error must name the
// site's file and say what to do, not blame a built-in layout or name no
// file, and both build and check must report it.
func TestBrokenLayoutsNameTheSiteFile(t *testing.T) {
	builtinPartials := string(mustReadFile(t, "../render/layouts/partials.html"))
	for _, tc := range []struct {
		name, file, text string
		want             []string
		wantNothing      []string
	}{
		{
			name: "partials without a header",
			file: "partials.html",
			text: strings.Replace(builtinPartials, `{{define "header"`, `{{define "masthead"`, 1),
			want: []string{`layouts/partials.html: defines no "header" template, which every page uses; ` +
				`add {{define "header"}}…{{end}}, or delete the file to use the built-in partials.html`},
			wantNothing: []string{`gen: "header" is undefined`},
		},
		{
			name: "404 page without main",
			file: "404.html",
			text: `{{define "title"}}Not found{{end}}`,
			want: []string{`layouts/404.html: defines no "main" template, which the 404 page uses; ` +
				`add {{define "main"}}…{{end}}, or delete the file to use the built-in 404.html`},
			wantNothing: []string{"base.html"},
		},
		{
			name: "a template no layout defines",
			file: "index.html",
			text: "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{template \"policy-list\" .}}\n{{end}}",
			want: []string{`layouts/index.html:3:12: the language pages ask here for the template "policy-list", which no layout defines; ` +
				`define it with {{define "policy-list"}}…{{end}} in this file, or remove this use`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			if err := os.MkdirAll(filepath.Join(site, "layouts"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, "layouts", tc.file), []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			stderr := buildFails(t, site, tc.want, tc.wantNothing)
			// The layouts are checked before any page renders.
			if strings.Contains(stderr, "(rendering ") {
				t.Errorf("build: the error came from rendering a page:\n%s", stderr)
			}
			code, _, stderr := run(t, "check", "-s", site, "--now", "2024-04-10")
			if code != 1 || !strings.Contains(stderr, tc.want[0]) {
				t.Errorf("check: exit %d, stderr:\n%s", code, stderr)
			}
		})
	}
}
