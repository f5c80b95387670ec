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
	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/tomlpos"
	"github.com/policygen/gen/generator/urls"
)

// Site is the configuration in site.toml.
type Site struct {
	Title                 string
	BaseURL               string      // absolute http(s) URL without a trailing slash
	URLs                  urls.Scheme // the URL scheme of a site published at BaseURL
	DefaultLanguage       string
	AuthoritativeLanguage string // "" when no language prevails
	NoticeDays            int    // default 30
	ProcessorNoticeDays   int    // default 30
	Objection             string // how to object to a processor change: a mailto: or https URL; "" for none
	Timezone              *time.Location
	TimezoneName          string // default "UTC"
	UnsafeHTML            bool
	Compare               string    // "in-force" (default) or "all"
	Host                  host.Name // which host's files to write; default generic
	IndexArchived         bool      // archived versions are left to search engines to index
	// BrokenLinks is what a link to a page the site does not have is:
	// "error" (default) or "warn".
	BrokenLinks string
	// ExternalOrigins are the other sites' origins ("https://cdn.example.com")
	// pages may load images and other embedded resources from.
	ExternalOrigins []string
	Languages       []Language // in the order site.toml declares them
	// Order lists policies by slug in the order a language's index and the
	// side navigation show them; the rest follow by title.
	Order []string
}

// Language is one [languages.<code>] table.
type Language struct {
	Code string // lowercase BCP 47, e.g. "pt-br"
	Name string // in the language itself, e.g. "Svenska"
	// Strings overrides UI strings by name; nil when not given. Every
	// name is one the i18n package knows.
	Strings map[string]string
}

// slugPattern is a policy's folder name.
var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Defaults for settings site.toml leaves out.
const (
	DefaultNoticeDays          = 30
	DefaultProcessorNoticeDays = 30
	DefaultTimezone            = "UTC"
	CompareInForce             = "in-force"
	CompareAll                 = "all"
	BrokenLinksError           = "error"
	BrokenLinksWarn            = "warn"
)

var (
	siteKeys     = []string{"title", "base_url", "default_language", "authoritative_language", "notice_days", "processor_notice_days", "objection", "timezone", "unsafe_html", "compare", "host", "index_archived", "broken_links", externalOrigins, "order", "languages"}
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
		BrokenLinks:         BrokenLinksError,
		Host:                host.Generic,
	}
	line, col := t.Pos()
	required := []struct{ key, example string }{
		{"title", `title = "Example Ltd"`},
		{"base_url", `base_url = "https://policies.example.com/"`},
		{"default_language", `default_language = "en"`},
	}
	for _, r := range required {
		if !t.Has(r.key) && !t.Misspelt(r.key, siteKeys) {
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
		scheme, err := urls.New(u)
		if err != nil {
			t.Errorf("base_url", "base_url %v; write the address the site is published at, like base_url = \"https://policies.example.com/\" or, under a path, base_url = \"https://acme.github.io/policies/\"", err)
		}
		s.URLs, s.BaseURL = scheme, scheme.Base()
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
	if b, ok := t.String("broken_links"); ok {
		if b == BrokenLinksError || b == BrokenLinksWarn {
			s.BrokenLinks = b
		} else {
			t.Errorf("broken_links", "broken_links must be %q or %q, not %q", BrokenLinksError, BrokenLinksWarn, b)
		}
	}
	s.ExternalOrigins = origins(t, s.BaseURL)
	if h, ok := t.String("host"); ok {
		if slices.Contains(host.Names(), host.Name(h)) {
			s.Host = host.Name(h)
		} else {
			names := make([]string, len(host.Names()))
			for i, n := range host.Names() {
				names[i] = fmt.Sprintf("%q", n)
			}
			t.Errorf("host", "host %q is not one gen writes files for; use one of %s (%q writes what every host can take)", h, strings.Join(names, ", "), host.Generic)
		}
	}
	s.IndexArchived, _ = t.Bool("index_archived")
	t.Strings("order", func(i int, slug string) {
		switch {
		case !slugPattern.MatchString(slug):
			t.ElemErrorf("order", i, "order names %q, which is not a policy's folder name (lowercase letters, digits and hyphens, like \"privacy\")", slug)
		case slices.Contains(s.Order, slug):
			t.ElemErrorf("order", i, "order names %q twice; list each policy once", slug)
		default:
			s.Order = append(s.Order, slug)
		}
	})
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

// externalOrigins is the key of the origins pages may embed from, which
// the Markdown renderer's message for an image from another site names.
const externalOrigins = "external_origins"

// origins reads external_origins: each an http or https origin, a scheme
// and a host (and port) without a path, since a browser allows or blocks
// a whole origin. The site's own origin needs no mention.
func origins(t tomlpos.Table, base string) []string {
	var out []string
	t.Strings(externalOrigins, func(i int, o string) {
		u, err := url.Parse(o)
		switch {
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil:
			t.ElemErrorf(externalOrigins, i, "%s: %q is not the address of a site; write its scheme and host, like \"https://cdn.example.com\"", externalOrigins, o)
		case u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "":
			t.ElemErrorf(externalOrigins, i, "%s: %q has a path, but a browser allows or blocks a whole site; write only its scheme and host: %q", externalOrigins, o, urls.Origin(o))
		case base != "" && urls.Origin(o) == urls.Origin(base):
			t.ElemErrorf(externalOrigins, i, "%s: %q is the site's own address (base_url), from which pages load anyway; remove it", externalOrigins, o)
		default:
			out = append(out, urls.Origin(o))
		}
	})
	return out
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
		if !lt.Has("name") && !lt.Misspelt("name", languageKeys) {
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
