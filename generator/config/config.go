// Package config reads site.toml: the site's title and address, its
// languages, and the settings that decide what a build publishes.
package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/tomlpos"
)

// Site is the configuration in site.toml.
type Site struct {
	Title                 string
	BaseURL               string // absolute http(s) URL without a trailing slash
	DefaultLanguage       string
	AuthoritativeLanguage string // "" when no language prevails
	NoticeDays            int    // default 30
	ProcessorNoticeDays   int    // default 30
	Objection             string // how to object to a processor change: a mailto: or https URL; "" for none
	Timezone              *time.Location
	TimezoneName          string // default "UTC"
	UnsafeHTML            bool
	Compare               string     // "in-force" (default) or "all"
	Languages             []Language // in the order site.toml declares them
}

// Language is one [languages.<code>] table.
type Language struct {
	Code string // lowercase BCP 47, e.g. "pt-br"
	Name string // in the language itself, e.g. "Svenska"
	// Strings overrides UI strings by name; nil when not given. Every
	// name is one the i18n package knows.
	Strings map[string]string
}

// Defaults for settings site.toml leaves out.
const (
	DefaultNoticeDays          = 30
	DefaultProcessorNoticeDays = 30
	DefaultTimezone            = "UTC"
	CompareInForce             = "in-force"
	CompareAll                 = "all"
)

var (
	siteKeys     = []string{"title", "base_url", "default_language", "authoritative_language", "notice_days", "processor_notice_days", "objection", "timezone", "unsafe_html", "compare", "languages"}
	languageKeys = []string{"name", "strings"}
	// languageCode is lowercase BCP 47 as used in URLs and folder names.
	languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)
)

// Parse reads site.toml from src; path names the file in diagnostics. It
// reports every problem it finds; the Site is usable only without errors.
func Parse(path string, src []byte) (*Site, diag.List) {
	var d diag.List
	t, ok := tomlpos.Decode(&d, path, src, 1, path)
	if !ok {
		return nil, d
	}
	t.Unknown(siteKeys...)
	s := &Site{
		NoticeDays:          DefaultNoticeDays,
		ProcessorNoticeDays: DefaultProcessorNoticeDays,
		Timezone:            time.UTC,
		TimezoneName:        DefaultTimezone,
		Compare:             CompareInForce,
	}
	line, col := t.Pos()
	required := []struct{ key, example string }{
		{"title", `title = "Example Ltd"`},
		{"base_url", `base_url = "https://policies.example.com/"`},
		{"default_language", `default_language = "en"`},
	}
	for _, r := range required {
		if !t.Has(r.key) {
			d.Errorf(path, line, col, "missing %s; add %s", r.key, r.example)
		}
	}
	if title, ok := t.String("title"); ok {
		s.Title = strings.TrimSpace(title)
		if s.Title == "" {
			t.Errorf("title", `the title is empty; write the site or company name, like title = "Example Ltd"`)
		}
	}
	if u, ok := t.URL("base_url"); ok {
		s.BaseURL = strings.TrimRight(u, "/")
		atRoot(t, u)
	}
	s.DefaultLanguage, _ = t.String("default_language")
	s.AuthoritativeLanguage, _ = t.String("authoritative_language")
	if n, ok := t.Int("notice_days"); ok {
		if n < 0 {
			t.Errorf("notice_days", "notice_days must be 0 or more days, not %d", n)
		} else {
			s.NoticeDays = int(min(n, 1<<31-1))
		}
	}
	if n, ok := t.Int("processor_notice_days"); ok {
		if n < 0 {
			t.Errorf("processor_notice_days", "processor_notice_days must be 0 or more days, not %d", n)
		} else {
			s.ProcessorNoticeDays = int(min(n, 1<<31-1))
		}
	}
	if o, ok := t.String("objection"); ok {
		s.Objection = objection(t, strings.TrimSpace(o))
	}
	if name, ok := t.String("timezone"); ok {
		s.Timezone, s.TimezoneName = timezone(t, name)
	}
	s.UnsafeHTML, _ = t.Bool("unsafe_html")
	if c, ok := t.String("compare"); ok {
		if c == CompareInForce || c == CompareAll {
			s.Compare = c
		} else {
			t.Errorf("compare", "compare must be %q or %q, not %q", CompareInForce, CompareAll, c)
		}
	}
	s.Languages = languages(t)

	codes := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		codes[i] = l.Code
	}
	for _, key := range []string{"default_language", "authoritative_language"} {
		code, ok := t.Data[key].(string)
		if ok && len(codes) > 0 && !slices.Contains(codes, code) {
			t.Errorf(key, "%s %q is not one of the languages (%s); add [languages.%s] or use one of them",
				key, code, strings.Join(codes, ", "), code)
		}
	}
	return s, d
}

// atRoot reports a base_url that is more than a scheme and a host. The
// pages link to each other and to the stylesheet from the root of the host
// (/en/privacy/), so a site under a path would be published with every
// internal link broken while its canonical links and feeds looked right.
func atRoot(t tomlpos.Table, u string) {
	p, err := url.Parse(u)
	if err != nil {
		return // t.URL has reported it
	}
	var extra string
	switch {
	case p.Path != "" && p.Path != "/":
		extra = fmt.Sprintf("the path %q", p.Path)
	case p.RawQuery != "" || p.ForceQuery:
		extra = fmt.Sprintf("the query %q", "?"+p.RawQuery)
	case p.Fragment != "":
		extra = fmt.Sprintf("the fragment %q", "#"+p.Fragment)
	default:
		return
	}
	t.Errorf("base_url", "base_url %q has %s, but gen publishes a site at the root of its host; "+
		"give the site a domain or subdomain of its own, like base_url = \"https://policies.example.com/\" "+
		"(on GitHub Pages: a custom domain, or a user or organisation site, https://<name>.github.io/)",
		u, extra)
}

// objection checks the address readers object to processor changes at:
// a mailto: address or an https page, which every notice links.
func objection(t tomlpos.Table, o string) string {
	u, err := url.Parse(o)
	switch {
	case err == nil && u.Scheme == "mailto" && strings.Contains(u.Opaque, "@"):
		return o
	case err == nil && u.Scheme == "https" && u.Host != "":
		return o
	}
	t.Errorf("objection", "objection = %q is not a mailto: address or an https address; write how to object to a processor change, like objection = \"mailto:privacy@example.com\" or \"https://example.com/object\"", o)
	return ""
}

// timezone loads the IANA zone name, falling back to UTC after an error.
func timezone(t tomlpos.Table, name string) (*time.Location, string) {
	// "Local" would make "today" depend on the machine that builds.
	if name != "" && name != "Local" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, name
		}
	}
	t.Errorf("timezone", `timezone %q is not a known IANA time zone; write one like "Europe/Stockholm" or "UTC"`, name)
	return time.UTC, DefaultTimezone
}

// languages reads the [languages.<code>] tables in the order they appear.
func languages(t tomlpos.Table) []Language {
	line, col := t.Pos()
	langs, ok := t.Table("languages", "[languages]")
	if !ok || len(langs.Data) == 0 {
		if !t.Has("languages") || ok {
			t.Diags.Errorf(t.Path, line, col, `no languages; add at least one, like [languages.en] with name = "English"`)
		}
		return nil
	}
	var out []Language
	for _, code := range langs.Keys() {
		lt, ok := langs.Table(code, fmt.Sprintf("[languages.%s]", code))
		if !ok {
			continue
		}
		if !languageCode.MatchString(code) {
			line, col := langs.KeyPos(code)
			t.Diags.Errorf(t.Path, line, col, "language code %q must be lowercase BCP 47, like \"en\", \"sv\" or \"pt-br\"", code)
		}
		lt.Unknown(languageKeys...)
		l := Language{Code: code}
		l.Name, ok = lt.String("name")
		if !lt.Has("name") {
			line, col := lt.Pos()
			t.Diags.Errorf(t.Path, line, col, `language %q has no name; add name = "…", written in that language, like "Svenska"`, code)
		} else if ok && strings.TrimSpace(l.Name) == "" {
			lt.Errorf("name", "the name of language %q is empty; write it in that language, like \"Svenska\"", code)
		}
		if st, ok := lt.Table("strings", fmt.Sprintf("[languages.%s.strings]", code)); ok {
			l.Strings = map[string]string{}
			readStrings(t, st, "", code, l.Strings)
		}
		out = append(out, l)
	}
	return out
}

// readStrings reads the UI strings of language code from st into into. A
// name is a section and a key: written quoted ("notice.upcoming" = …),
// dotted (notice.upcoming = …) or as a table ([languages.sv.strings.notice]);
// TOML makes nested tables of the last two, so they are read with prefix,
// the names of the tables above.
func readStrings(t tomlpos.Table, st tomlpos.Table, prefix, code string, into map[string]string) {
	for _, k := range st.Keys() {
		name := prefix + k
		if _, table := st.Data[k].(map[string]any); table && i18n.UnknownKey(name, code) != "" {
			if sub, ok := st.Table(k, name); ok {
				readStrings(t, sub, name+".", code, into)
				continue
			}
		}
		// The i18n package knows the names; they are checked here, where
		// the line and column of each are known.
		if msg := i18n.UnknownKey(name, code); msg != "" {
			line, col := st.KeyPos(k)
			t.Diags.Errorf(t.Path, line, col, "%s", msg)
			continue
		}
		if _, twice := into[name]; twice {
			// "a.b" and a.b are different TOML keys for one string.
			line, col := st.KeyPos(k)
			t.Diags.Errorf(t.Path, line, col, "UI string %q is given twice in [languages.%s.strings]; keep one", name, code)
			continue
		}
		if v, ok := st.String(k); ok {
			into[name] = v
		}
	}
}
