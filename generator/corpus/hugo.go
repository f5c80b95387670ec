package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/policygen/gen/generator/sitedir"
)

// WriteHugo writes the corpus of s into dir as a Hugo site, for comparing
// gen with Hugo on the same text: every version of every policy in every
// language becomes one page, dir/content/<lang>/<policy>/<date>.md, whose
// Markdown body is byte for byte the body gen reads. The corpus is written
// in gen's layout into a temporary folder first and converted with
// ConvertHugo.
func WriteHugo(dir string, s Spec) error {
	tmp, err := os.MkdirTemp("", "corpus-hugo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := Write(tmp, s); err != nil {
		return err
	}
	return ConvertHugo(tmp, dir)
}

// ConvertHugo writes the policies of the gen site in site (a corpus written
// by Write) into dir as a Hugo site: hugo.toml, minimal layouts and
// content/<lang>/<policy>/<date>.md per version, dated by its last_updated.
//
// Front matter stays TOML and keeps its keys but one: last_updated becomes
// Hugo's date. title and description mean the same to Hugo; the other keys
// and tables ([change], [[processors]]) are none of Hugo's, so Hugo keeps
// them as page parameters (.Params), in every version of Hugo: the Debian
// one, 0.111, predates the [params] table in front matter. The body is copied unchanged; its {{< processors >}} line is a Hugo
// shortcode too, which layouts/shortcodes/processors.html renders as the
// table of processors, as gen does.
func ConvertHugo(site, dir string) error {
	for name, text := range hugoFiles() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return filepath.WalkDir(filepath.Join(site, sitedir.Content), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(site, path)
		if err != nil {
			return err
		}
		loc, problem := sitedir.Locate(filepath.ToSlash(rel))
		if problem != "" {
			return nil
		}
		policy, lang := loc.Policy, loc.Lang
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		page, date, err := HugoPage(src)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		out := filepath.Join(dir, "content", lang, policy, date+".md")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, page, 0o644)
	})
}

// HugoPage converts one gen policy file into a Hugo page as ConvertHugo
// describes, and returns it with the version's date (its last_updated).
func HugoPage(src []byte) (page []byte, date string, err error) {
	rest, ok := bytes.CutPrefix(src, []byte("+++\n"))
	if !ok {
		return nil, "", errors.New("no TOML front matter")
	}
	end := bytes.Index(rest, []byte("\n+++\n"))
	if end < 0 {
		return nil, "", errors.New("front matter is not closed")
	}
	front, body := rest[:end+1], rest[end+len("\n+++\n"):]

	var b bytes.Buffer
	b.Grow(len(src) + 8)
	b.WriteString("+++\n")
	inTables := false
	for line := range strings.Lines(string(front)) {
		if strings.HasPrefix(line, "[") {
			inTables = true
		}
		if key, value, ok := strings.Cut(line, "="); ok && !inTables && strings.TrimSpace(key) == "last_updated" {
			date = strings.TrimSpace(value)
			line = "date = " + date + "\n"
		}
		b.WriteString(line)
	}
	if date == "" {
		return nil, "", errors.New("front matter has no last_updated")
	}
	b.WriteString("+++\n")
	b.Write(body)
	return b.Bytes(), date, nil
}

// hugoFiles returns the Hugo site's configuration and layouts, by path.
// The site renders the version pages and the minimal lists Hugo needs, and
// nothing else: no feeds, sitemaps or taxonomies. Dates up to late 2026
// are built whatever the clock says (buildFuture).
func hugoFiles() map[string]string {
	return map[string]string{
		"hugo.toml": `baseURL = "https://policies.synthetic.example/"
title = "Synthetic Corp"
languageCode = "en"
buildFuture = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`,
		"layouts/_default/single.html": `<!doctype html>
<html lang="{{ .Section }}">
<head><meta charset="utf-8"><title>{{ .Title }} ({{ .Date.Format "2006-01-02" }})</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p>Last updated {{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}
</main>
</body>
</html>
`,
		"layouts/_default/list.html": `<!doctype html>
<html>
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }} ({{ .Date.Format "2006-01-02" }})</a></li>
{{ end }}</ul>
</body>
</html>
`,
		"layouts/index.html": `<!doctype html>
<html>
<head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body>
<ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</body>
</html>
`,
		"layouts/shortcodes/processors.html": `<table>
<thead><tr><th>Processor</th><th>Location</th><th>Purpose</th></tr></thead>
<tbody>
{{ range .Page.Params.processors }}<tr><td>{{ with .url }}<a href="{{ . }}">{{ end }}{{ .name }}{{ with .url }}</a>{{ end }}</td><td>{{ .location }}</td><td>{{ .purpose }}</td></tr>
{{ end }}</tbody>
</table>
`,
	}
}
