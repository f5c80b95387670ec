package render

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/policygen/gen/generator/calendar"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/urls"
)

// contentSecurityPolicy is what every page is served under. The site loads
// nothing from another origin and runs no inline script or style, so the
// policy can be this strict; the browser tests load every kind of page under
// it.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// headers is the _headers file read by Netlify and Cloudflare Pages.
func headers() []byte {
	var b strings.Builder
	b.WriteString(urls.AllFiles() + "\n")
	for _, h := range [][2]string{
		{"Content-Security-Policy", contentSecurityPolicy},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		{"X-Frame-Options", "DENY"},
		{"Cross-Origin-Opener-Policy", "same-origin"},
		{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
	} {
		b.WriteString("  " + h[0] + ": " + h[1] + "\n")
	}
	// Sources are legal records: show them as text, in UTF-8, never render them.
	b.WriteString(urls.AllSources() + "\n  Content-Type: text/markdown; charset=utf-8\n")
	// Hosts guess less common types, and the charset, wrong.
	b.WriteString(urls.AllCalendars() + "\n  Content-Type: " + calendar.ContentType + "\n")
	b.WriteString(urls.AllRegisterCSVs() + "\n  Content-Type: text/csv; charset=utf-8\n")
	return []byte(b.String())
}

// sitemap lists every page meant for search engines, with hreflang
// alternates where the same page exists in other languages.
func (r *Renderer) sitemap() []byte {
	s := r.site
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
			if u := byLang(l.Code); u != "" {
				present = append(present, link{"alternate", l.Code, urls.Absolute(s.BaseURL, u)})
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
	addSet(urls.Language)
	addSet(urls.Register)
	for _, pol := range s.Policies {
		addSet(editionURLs(pol, func(ed *model.Edition) string { return urls.Policy(ed.Lang, pol.Slug) }))
		addSet(editionURLs(pol, func(ed *model.Edition) string { return urls.History(ed.Lang, pol.Slug) }))
		for _, ed := range pol.Editions {
			for _, v := range ed.Versions {
				if !v.Draft {
					entries = append(entries, entry{Loc: urls.Absolute(s.BaseURL, urls.Version(ed.Lang, pol.Slug, v.Date))})
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
