package render

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/sitedir"
)

//go:embed layouts
var builtin embed.FS

// common are the layout files every page template is parsed with.
var common = []string{"base.html", "partials.html"}

// pageLayout is the layout of one kind of page: the file that defines the
// page's "main", the template its pages are executed through, and how
// messages name its pages. A new kind of page adds its line here.
type pageLayout struct {
	file  string
	entry string // "base" (base.html around "main"), or a template of the file's own that is the whole page
	pages string
}

var pageLayouts = []pageLayout{
	{"version.html", "base", "the policy pages"},
	{"history.html", "base", "the history pages"},
	{"index.html", "base", "the language pages"},
	{"404.html", "base", "the 404 page"},
	{"redirect.html", "redirect", "the redirect pages"},
	{"redline.html", "base", "the comparison pages"},
	{"embed.html", "embed", "the embeds"},
	{"register.html", "base", "the registers of processors"},
}

// versionPageIDs are the element ids the built-in layouts give on a
// version page besides its headings', and redlinePageIDs those on a
// comparison page besides its sections'.
var (
	versionPageIDs = []string{"main-content", "contents-title", "processors-table"}
	redlinePageIDs = []string{"main-content", "redline-summary-title", "changed-sections-title", "redline-meta-title", "redline-processors-title"}
)

// ReservedIDs are the element ids the built-in layouts give on the pages
// that carry a policy's headings: its version pages and its comparisons.
// No heading gets one, so a heading has the same id on all of them.
func ReservedIDs() []string {
	ids := slices.Clone(versionPageIDs)
	for _, id := range redlinePageIDs {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

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
		if part, problem := sitedir.RefusedPath(site, sitedir.Layouts); problem != "" {
			diags.Errorf(part, 0, 0, "%s", problem)
			return nil, diags
		}
		overrides, err := fs.ReadDir(site, sitedir.Layouts)
		if err == nil {
			for _, e := range overrides {
				if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
					continue
				}
				p := path.Join(sitedir.Layouts, e.Name())
				if problem := sitedir.Refused(p, e.Type()); problem != "" {
					diags.Errorf(p, 0, 0, "%s", problem)
					continue
				}
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
			line, msg := templateError(err)
			diags.Errorf(from[name], line, 0, "%s", msg)
			return nil, diags
		}
	}
	for _, pl := range pageLayouts {
		name := pl.file
		t := template.Must(base.Clone())
		if _, err := t.New(name).Parse(string(files[name])); err != nil {
			line, msg := templateError(err)
			diags.Errorf(from[name], line, 0, "%s", msg)
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
	if missing := l.undefined(fromSite); len(missing) > 0 {
		diags.Add(missing)
		return nil, diags
	}
	if unknown := l.unknownStrings(); len(unknown) > 0 {
		diags.Add(unknown)
		return nil, diags
	}
	return l, diags
}

// entry is the template a page layout's pages are executed through.
func entry(layout string) string {
	for _, pl := range pageLayouts {
		if pl.file == layout {
			return pl.entry
		}
	}
	return "base"
}

// undefined reports every template a page asks for by name that its
// layout set does not define, as errors naming the site's file to fix.
// html/template would find them only while rendering, page by page, and
// blame the built-in file that asks ("base.html: no such template
// \"main\"") or no file at all ("\"header\" is undefined") when the cause
// is a site's layout that leaves a template out. A name given to .Partial
// or .Each by a value rather than a constant is found only when rendered.
func (l *layouts) undefined(fromSite map[string]bool) diag.List {
	// fault is what to fix: a site's file that replaced the built-in one
	// defining name, or else the place that asks for name.
	type fault struct {
		name, file string
		at         string // file:line:col of the use, when file is ""
	}
	var faults []fault
	usedBy := map[fault][]string{}
	var owners map[string][]string // read only when a template is missing
	for _, pl := range pageLayouts {
		layout := pl.file
		set := l.pages[layout].t
		seen := map[string]bool{}
		var visit func(name, at string)
		visit = func(name, at string) {
			if seen[name] {
				return
			}
			seen[name] = true
			d := set.Lookup(name)
			if d != nil && d.Tree != nil {
				eachUse(d.Tree.Root, func(n parse.Node, name string) {
					at, _ := d.Tree.ErrorContext(n)
					visit(name, at)
				})
				return
			}
			if owners == nil {
				owners = builtinDefines()
			}
			f := fault{name: name, at: at}
			// The page's own layout, then the files every page has.
			for _, file := range append([]string{layout}, common...) {
				if slices.Contains(owners[file], name) {
					if fromSite[file] {
						f = fault{name: name, file: file}
					}
					break
				}
			}
			if usedBy[f] == nil {
				faults = append(faults, f)
			}
			usedBy[f] = append(usedBy[f], layout)
		}
		visit(entry(layout), layout+":0:0")
	}

	var diags diag.List
	for _, f := range faults {
		if f.file != "" {
			diags.Errorf(l.from[f.file], 0, 0, "defines no %q template, which %s; add {{define %q}}…{{end}}, or delete the file to use the built-in %s",
				f.name, describePages(usedBy[f], "uses", "use"), f.name, f.file)
			continue
		}
		// Only a site's layout can ask for a name that no built-in file
		// defines.
		file, line, col := l.position(f.at)
		diags.Errorf(file, line, col, "%s here for the template %q, which no layout defines; define it with {{define %q}}…{{end}} in this file, or remove this use",
			describePages(usedBy[f], "asks", "ask"), f.name, f.name)
	}
	return diags
}

// builtinDefines lists the templates each built-in layout file defines. It
// parses the files again, which only a failing build does.
func builtinDefines() map[string][]string {
	defines := map[string][]string{}
	files := slices.Clone(common)
	for _, pl := range pageLayouts {
		files = append(files, pl.file)
	}
	for _, file := range files {
		b, err := fs.ReadFile(builtin, "layouts/"+file)
		if err != nil {
			continue
		}
		t, err := template.New(file).Funcs(funcs).Parse(string(b))
		if err != nil {
			continue
		}
		for _, d := range t.Templates() {
			if d.Tree != nil && d.Name() != file {
				defines[file] = append(defines[file], d.Name())
			}
		}
	}
	return defines
}

// describePages says which pages do something, with the verb in its
// singular or plural form: "every page uses", "the 404 page uses", "the
// policy pages and the history pages use".
func describePages(layouts []string, singular, plural string) string {
	every := true
	for _, pl := range pageLayouts {
		// A redirect is hardly a page: a browser leaves it at once.
		every = every && (slices.Contains(layouts, pl.file) || pl.entry != "base")
	}
	if every {
		return "every page " + singular
	}
	kinds := make([]string, len(layouts))
	for i, l := range layouts {
		for _, pl := range pageLayouts {
			if pl.file == l {
				kinds[i] = pl.pages
			}
		}
	}
	if len(kinds) == 1 && strings.HasSuffix(kinds[0], " page") {
		return kinds[0] + " " + singular
	}
	return strings.Join(kinds, " and ") + " " + plural
}

// position splits a template location, "base.html:15:3", into the layout
// file it names and the line and column. The template package counts
// columns from 0; a diagnostic's count from 1, as editors do.
func (l *layouts) position(at string) (file string, line, col int) {
	name, rest, _ := strings.Cut(at, ":")
	file = name
	if f, known := l.from[name]; known {
		file = f
	}
	lineText, colText, hasCol := strings.Cut(rest, ":")
	line, _ = strconv.Atoi(lineText)
	if hasCol {
		col, _ = strconv.Atoi(colText)
		col++
	}
	return file, line, col
}

// explain turns a template execution error into a diagnostic (a diag.List
// as the error) that names the layout file, its line and column, and the
// page being rendered: most often a site's own layout asking for
// something a page does not have.
func (l *layouts) explain(err error, page string) error {
	msg := err.Error()
	// An error in a partial (Page.Partial) is wrapped in the error of the
	// template that called it; the innermost place is the one to show.
	// text/template writes "template: file:line:col: ", html/template's
	// escaper "html/template:file:line:col: ".
	places := located.FindAllStringSubmatchIndex(msg, -1)
	if len(places) == 0 {
		return fmt.Errorf("%s (rendering %s)", msg, page)
	}
	last := places[len(places)-1]
	name, at, rest := msg[last[2]:last[3]], msg[last[3]:last[1]-2], msg[last[1]:]
	file, line, col := l.position(name + at)
	file = strings.TrimPrefix(file, "built-in ")
	// A template asked for by a name that is a value, not a constant (which
	// loadLayouts checks), fails with a message of no place of its own:
	// "error calling Partial: html/template: \"x\" is undefined".
	if i := strings.LastIndex(rest, "html/template: "); i >= 0 {
		rest = rest[i+len("html/template: "):]
		var missing string
		if _, err := fmt.Sscanf(rest, "%q is undefined", &missing); err == nil {
			rest = fmt.Sprintf("no layout defines the template %q asked for here; define it with {{define %q}}…{{end}}, or ask for one that exists", missing, missing)
		}
	}
	// A diagnostic, so that the build reports it as it does the content's.
	var d diag.List
	d.Errorf(file, line, col, "%s (rendering %s)", rest, page)
	return d
}

// located finds "template: base.html:15:3: " and "html/template:base.html:18:11: "
// in an error: the file, then the line and column (or the line alone).
var located = regexp.MustCompile(`(?:html/template:|template: )([^:\s]+)((?::\d+){1,2}): `)

// templateError splits an error parsing a layout, "template: 404.html:2:
// unexpected …", into its line and its message, which follow the file
// name the diagnostic already carries.
func templateError(err error) (line int, msg string) {
	s := err.Error()
	if m := parseFailed.FindStringSubmatch(s); m != nil {
		line, _ = strconv.Atoi(m[1])
		return line, m[2]
	}
	return 0, strings.TrimPrefix(s, "template: ")
}

// parseFailed finds the line and message of "template: 404.html:2: …".
var parseFailed = regexp.MustCompile(`^template: [^:]+:(\d+): (.*)$`)

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
