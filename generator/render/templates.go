package render

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync/atomic"

	"gen/generator/diag"
)

//go:embed layouts
var builtin embed.FS

// LayoutsDir is the folder of a site's layout overrides.
const LayoutsDir = "layouts"

// common are the layout files every page template is parsed with.
var common = []string{"base.html", "partials.html"}

// pageLayouts are the files that each define "main" for one kind of page
// (redirect.html defines a whole page of its own).
var pageLayouts = []string{"version.html", "history.html", "index.html", "404.html", "redirect.html", "redline.html"}

// ReservedIDs are the element ids the built-in layouts give on pages that
// also carry a policy's headings.
func ReservedIDs() []string { return []string{"main-content", "contents-title", "processors-table"} }

// layouts holds the compiled templates, parsed once per build.
type layouts struct {
	// from names the file each layout was read from, for errors.
	from   map[string]string
	pages  map[string]*layout
	css    []byte
	script []byte
}

// layout is the set of templates one kind of page is rendered with.
type layout struct {
	t *template.Template
	// builtin maps each template defined by a built-in file, not by the
	// site's layouts/, to that file.
	builtin map[string]string
	// size is the largest page rendered so far, to size the next one's
	// buffer: a comparison page is tens of kilobytes.
	size atomic.Int64
}

// render runs the template name of the set into HTML.
func (l *layout) render(name string, data any) (template.HTML, error) {
	var b strings.Builder
	if err := l.t.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	// html/template escaped what went in.
	return template.HTML(b.String()), nil
}

// loadLayouts reads the built-in layouts and lets the site's layouts/
// folder replace any of them file by file, as Hugo's layouts do.
func loadLayouts(site fs.FS) (*layouts, diag.List) {
	var diags diag.List
	files := map[string][]byte{}
	from := map[string]string{}
	fromSite := map[string]bool{}
	entries, _ := fs.ReadDir(builtin, "layouts")
	for _, e := range entries {
		b, _ := fs.ReadFile(builtin, "layouts/"+e.Name())
		files[e.Name()] = b
		from[e.Name()] = "built-in layouts/" + e.Name()
	}
	if site != nil {
		overrides, err := fs.ReadDir(site, LayoutsDir)
		if err == nil {
			for _, e := range overrides {
				if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
					continue
				}
				p := path.Join(LayoutsDir, e.Name())
				if _, known := files[e.Name()]; !known {
					diags.Warnf(p, 0, 0, "no built-in layout has this name, so it replaces nothing; built-in layouts are %s", strings.Join(sortedKeys(files), ", "))
					continue
				}
				b, err := fs.ReadFile(site, p)
				if err != nil {
					diags.Errorf(p, 0, 0, "cannot read: %v", err)
					continue
				}
				files[e.Name()] = b
				from[e.Name()] = p
				fromSite[e.Name()] = true
			}
		}
	}

	l := &layouts{from: from, pages: map[string]*layout{}, css: files["style.css"], script: files["compare.js"]}
	base := template.New("").Funcs(funcs)
	for _, name := range common {
		if _, err := base.New(name).Parse(string(files[name])); err != nil {
			diags.Errorf(from[name], 0, 0, "%s", templateError(err))
			return nil, diags
		}
	}
	for _, name := range pageLayouts {
		t := template.Must(base.Clone())
		if _, err := t.New(name).Parse(string(files[name])); err != nil {
			diags.Errorf(from[name], 0, 0, "%s", templateError(err))
			continue
		}
		builtin := map[string]string{}
		for _, d := range t.Templates() {
			if d.Tree != nil && !fromSite[d.Tree.ParseName] {
				builtin[d.Name()] = d.Tree.ParseName
			}
		}
		l.pages[name] = &layout{t: t, builtin: builtin}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return l, diags
}

// explain turns a template execution error into one that names the layout
// file, its line and column, and the page being rendered: most often a
// site's own layout asking for something a page does not have.
func (l *layouts) explain(err error, page string) error {
	msg := err.Error()
	// An error in a partial (Page.Partial) is wrapped in the error of the
	// template that called it; the partial's own is the one to show.
	if i := strings.LastIndex(msg, "template: "); i >= 0 {
		msg = msg[i+len("template: "):]
	}
	name, rest, ok := strings.Cut(msg, ":")
	if file, known := l.from[name]; ok && known {
		msg = strings.TrimPrefix(file, "built-in ") + ":" + rest
	}
	return fmt.Errorf("%s (rendering %s)", msg, page)
}

// templateError strips the "template: name:" prefix that would repeat the
// file name the diagnostic already carries.
func templateError(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": "); strings.HasPrefix(s, "template: ") && i >= 0 {
		return strings.TrimPrefix(s, "template: ")
	}
	return s
}

func sortedKeys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// funcs are the few helpers templates need beyond the page's own methods.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key, value pairs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict keys must be strings")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
