package render

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/policygen/gen/generator/calendar"
	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/memento"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/urls"
)

// pagePolicy is the Content-Security-Policy every page keeps to. The site
// loads nothing from another origin but from the ones site.toml's
// external_origins names (images, media and frames only: never scripts or
// styles), and runs no inline script or style, so the policy can be this
// strict; the browser tests load every kind of page under it. Pages carry
// it in a <meta http-equiv>, for the hosts that send no headers (GitHub
// Pages).
func pagePolicy(external []string) string {
	embed := strings.Join(append([]string{"'self'"}, external...), " ")
	csp := "default-src 'none'; style-src 'self'; img-src " + embed + "; script-src 'self'; "
	if len(external) > 0 {
		csp += "media-src " + embed + "; frame-src " + strings.Join(external, " ") + "; "
	}
	return csp + "form-action 'self'; base-uri 'none'"
}

// contentSecurityPolicy is the policy sent as a header, with what only a
// header can say: no other site may frame the pages (a <meta> policy's
// frame-ancestors is ignored).
func contentSecurityPolicy(external []string) string {
	return pagePolicy(external) + "; frame-ancestors 'none'"
}

// PreviewConnect is what `gen serve` adds to the policy of its pages and
// headers: its reload script listens to the preview's event stream.
const PreviewConnect = "; connect-src 'self'"

// MetaPolicy is the policy of every page's <meta http-equiv>, in a build or
// (preview) in `gen serve`, for a site embedding from external.
func MetaPolicy(preview bool, external []string) string {
	if preview {
		return pagePolicy(external) + PreviewConnect
	}
	return pagePolicy(external)
}

// anyOrigin lets other sites and apps read a file: the embeds and records,
// public by nature, are made to be fetched from anywhere.
var anyOrigin = []host.Header{{Name: "Access-Control-Allow-Origin", Value: "*"}}

// Rules are what the site asks of the host that serves it (package host):
// the headers of every file and of some, the redirects from the addresses
// without a language, and the 404 page. Every host's files are written
// from them, and the preview sends their headers.
func (r *Renderer) Rules() host.Rules {
	u := r.site.URLs
	rules := host.Rules{
		Root: u.Root(),
		Every: []host.Header{
			{Name: "Content-Security-Policy", Value: contentSecurityPolicy(r.opts.ExternalOrigins)},
			{Name: "X-Content-Type-Options", Value: "nosniff"},
			{Name: "Referrer-Policy", Value: "no-referrer"},
			{Name: "X-Frame-Options", Value: "DENY"},
			{Name: "Cross-Origin-Opener-Policy", Value: "same-origin"},
			{Name: "Permissions-Policy", Value: "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
		},
		Some: []host.Rule{
			// Sources are legal records: show them as text, in UTF-8, never render them.
			{Pattern: u.Anywhere(urls.SourceFile), Headers: []host.Header{{Name: "Content-Type", Value: "text/markdown; charset=utf-8"}}},
			// Hosts guess less common types, and the charset, wrong.
			{Pattern: u.Anywhere(urls.CalendarFile), Headers: []host.Header{{Name: "Content-Type", Value: calendar.ContentType}}},
			{Pattern: u.Anywhere(urls.RegisterCSVFile), Headers: []host.Header{{Name: "Content-Type", Value: "text/csv; charset=utf-8"}}},
			// Memento clients and web archives read a TimeMap by its type.
			// The pages carry no Link headers of their own: one rule a
			// version would soon pass Cloudflare's 100 rules, and each page
			// links its TimeMap, which gives every version's datetime.
			{Pattern: u.Anywhere(urls.TimeMapFile), Headers: append([]host.Header{{Name: "Content-Type", Value: memento.ContentType}}, anyOrigin...)},
			{Pattern: u.Anywhere(urls.EmbedFile), Headers: anyOrigin},
			{Pattern: u.Anywhere(urls.CurrentFile), Headers: anyOrigin},
			{Pattern: u.Anywhere(urls.VersionsFile), Headers: anyOrigin},
			{Pattern: u.Index(), Headers: anyOrigin},
		},
		NotFound: u.NotFound(),
	}
	rules.Redirects = append(rules.Redirects, host.Redirect{From: u.Root(), To: u.Language(r.site.DefaultLanguage)})
	for _, p := range r.site.Policies {
		rules.Redirects = append(rules.Redirects, r.policyRedirect(p))
	}
	return rules
}

// policyRedirect leads from /<policy>/ to the policy in the default
// language, or in the first language that has it.
func (r *Renderer) policyRedirect(p *model.Policy) host.Redirect {
	target := p.Editions[0]
	if ed := p.Edition(r.site.DefaultLanguage); ed != nil {
		target = ed
	}
	u := r.site.URLs
	return host.Redirect{From: u.PolicyRedirect(p.Slug), To: u.Policy(target.Lang, p.Slug)}
}

// sitemap lists the pages meant for search engines, with hreflang
// alternates where the same page exists in other languages: the language
// indexes, each policy's page (the version in force) and history, and,
// only with index_archived, every version's permanent address. Search
// engines then show the version in force as the policy, not an earlier one.
func (r *Renderer) sitemap() []byte {
	s := r.site
	u := s.URLs
	type link struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type entry struct {
		Loc   string `xml:"loc"`
		Links []link `xml:"xhtml:link"`
	}
	var entries []entry
	addSet := func(byLang func(lang string) string) {
		var present []link
		for _, l := range s.Languages {
			if addr := byLang(l.Code); addr != "" {
				present = append(present, link{"alternate", l.Code, u.Absolute(addr)})
			}
		}
		for _, p := range present {
			e := entry{Loc: p.Href}
			if len(present) > 1 {
				e.Links = present
			}
			entries = append(entries, e)
		}
	}
	addSet(u.Language)
	addSet(u.Register)
	for _, pol := range s.Policies {
		addSet(editionURLs(pol, func(ed *model.Edition) string { return u.Policy(ed.Lang, pol.Slug) }))
		addSet(editionURLs(pol, func(ed *model.Edition) string { return u.History(ed.Lang, pol.Slug) }))
		if !s.IndexArchived {
			continue
		}
		for _, ed := range pol.Editions {
			for _, v := range ed.Versions {
				if !v.Draft {
					entries = append(entries, entry{Loc: u.Absolute(u.Version(ed.Lang, pol.Slug, v.Date))})
				}
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	for _, e := range entries {
		enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: "url"}})
	}
	enc.Flush()
	buf.WriteString("\n</urlset>\n")
	return buf.Bytes()
}
