// Package feed writes the Atom feeds (RFC 4287) subscribers follow: every
// version of every policy in a language, every version of one policy, and
// the changes to personal data processors, with the entries package derive
// lists. Entries take their dates from the versions, never from the build,
// so a rebuild changes nothing.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/redline"
)

// atom is the feed document.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"xml:lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  person   `xml:"author"`
	Links   []link   `xml:"link"`
	Entries []entry  `xml:"entry"`
}

type person struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type link struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
}

type entry struct {
	ID         string     `xml:"id"`
	Title      string     `xml:"title"`
	Published  string     `xml:"published"`
	Updated    string     `xml:"updated"`
	Links      []link     `xml:"link"`
	Categories []category `xml:"category"`
	Summary    text       `xml:"summary"`
}

type category struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type text struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// Builder makes the feeds of one site.
type Builder struct {
	Site    *derive.Site
	Catalog *i18n.Catalog
}

// Language is the feed of every version of every policy in lang.
func (b Builder) Language(lang string) ([]byte, error) {
	u := b.Site.URLs
	return b.write(lang, u.LanguageFeed(lang), u.Language(lang),
		b.Catalog.T(lang, "site.feed_title", "title", b.Site.Title), b.Site.LanguageFeed(lang), b.versionEntry)
}

// Policy is the feed of one policy in one language.
func (b Builder) Policy(ed *derive.Edition) ([]byte, error) {
	title := ed.Shown.Title + " · " + b.Site.Title
	u := b.Site.URLs
	return b.write(ed.Lang, u.PolicyFeed(ed.Lang, ed.Policy.Slug), u.Policy(ed.Lang, ed.Policy.Slug),
		title, ed.Feed, b.versionEntry)
}

// Processors is the feed of versions that added, removed or changed
// processors, in lang: what customers under GDPR Art. 28(2) must hear of.
func (b Builder) Processors(lang string) ([]byte, error) {
	u := b.Site.URLs
	return b.write(lang, u.ProcessorsFeed(lang), u.Language(lang),
		b.Catalog.T(lang, "site.processors_feed_title", "title", b.Site.Title), b.Site.ProcessorsFeed(lang),
		func(e derive.Entry) entry {
			out := b.versionEntry(e)
			out.ID += "#processors"
			lines := Describe(b.Catalog, lang, e.Processors)
			if o := e.Objection; o != nil {
				// Customers under Art. 28(2) may object until the day
				// the version takes effect.
				var names []string
				for _, p := range o.Added {
					names = append(names, p.Name)
				}
				lines = append(lines, b.Catalog.T(lang, "notice.objection", "processors", strings.Join(names, ", "), "date", b.Catalog.Date(lang, o.LastDay())))
				if o.How != "" {
					lines = append(lines, b.Catalog.T(lang, "notice.objection_how")+": "+o.How)
				}
			}
			out.Summary = text{Type: "text", Body: strings.Join(lines, "\n")}
			return out
		})
}

// Describe says, one line each, which processors a version added, removed
// or changed, in lang: the processors feed's words, which an email notice
// repeats.
func Describe(cat *i18n.Catalog, lang string, changes []redline.ProcessorChange) []string {
	var lines []string
	for _, c := range changes {
		line := cat.T(lang, "redline.processor_"+c.Kind) + ": " + c.Name
		var fields []string
		for _, f := range c.Fields {
			fields = append(fields, cat.T(lang, i18n.ProcessorField(f.Field))+": "+orDash(f.Old)+" → "+orDash(f.New))
		}
		if len(fields) > 0 {
			line += " (" + strings.Join(fields, "; ") + ")"
		}
		lines = append(lines, line)
	}
	return lines
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// write assembles a feed of entries, which package derive lists in their
// order, newest first.
func (b Builder) write(lang, self, alternate, title string, entries []derive.Entry, toEntry func(derive.Entry) entry) ([]byte, error) {
	u := b.Site.URLs
	f := atom{
		Lang:   lang,
		ID:     u.Absolute(self),
		Title:  title,
		Author: person{Name: b.Site.Title, URI: u.Absolute(u.Root())},
		Links: []link{
			{Rel: "self", Type: "application/atom+xml", Href: u.Absolute(self)},
			{Rel: "alternate", Type: "text/html", Href: u.Absolute(alternate)},
		},
	}
	// A feed with no entries still needs an <updated>; the newest day any
	// of the site's versions was written is stable across builds.
	newest := date.Date{Year: 1970, Month: 1, Day: 1}
	for _, e := range entries {
		if e.Date.After(newest) {
			newest = e.Date
		}
		f.Entries = append(f.Entries, toEntry(e))
	}
	f.Updated = stamp(newest)

	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("writing feed %s: %w", self, err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// versionEntry describes one version: when it was published, when it takes
// effect, what changed, where to read it and its redline.
func (b Builder) versionEntry(v derive.Entry) entry {
	ed := v.Edition
	lang, slug := ed.Lang, ed.Policy.Slug
	u, base := b.Site.URLs, b.Site.BaseURL
	e := entry{
		ID:        tagID(base, u.Version(lang, slug, v.Date)),
		Title:     v.Title + " · " + b.Catalog.Date(lang, v.Date),
		Published: stamp(v.Date),
		Updated:   stamp(v.Date),
		Links:     []link{{Rel: "alternate", Type: "text/html", Href: u.Absolute(u.Version(lang, slug, v.Date)), Hreflang: lang}},
	}
	if v.Changes != nil {
		e.Links = append(e.Links, link{Rel: "related", Type: "text/html", Href: u.Absolute(u.Changes(lang, slug, v.Date))})
	}
	var summary []string
	if v.Change != nil {
		summary = append(summary, v.Change.Summary)
		if v.Change.Material() {
			e.Categories = append(e.Categories, category{Term: "material", Label: b.Catalog.T(lang, "history.material")})
		}
	}
	summary = append(summary, b.Catalog.T(lang, "version.effective")+": "+b.Catalog.Date(lang, v.Effective))
	e.Summary = text{Type: "text", Body: strings.Join(summary, "\n")}
	return e
}

// tagID is a stable tag: URI (RFC 4151) for a page: the host of base_url,
// a fixed date, and the page's path, so it never changes with a rebuild.
func tagID(base, path string) string {
	host := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	return "tag:" + host + ",2000:" + path
}

// stamp writes a day as an RFC 3339 timestamp at midnight UTC.
func stamp(d date.Date) string { return d.Time().Format("2006-01-02T15:04:05Z") }
