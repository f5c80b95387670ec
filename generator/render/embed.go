package render

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
)

// body is v's body in parts (cut at its processors placeholders) as a
// page shows it, changed by rw where the body needs it.
func (r *Renderer) body(v *model.Version, rw rewriting) []template.HTML {
	parts := make([]template.HTML, len(v.Body.Parts))
	all, need := r.needsRewriting(v, rw)
	for i, part := range v.Body.Parts {
		var html string
		if all {
			html = string(rewriteFrom(part.Reader(), part.Len(), rw))
		} else if html = part.String(); need(html) {
			html = string(rewrite([]byte(html), rw))
		}
		// Markdown rendered the HTML, and rewrite escapes what it writes.
		parts[i] = template.HTML(html)
	}
	return parts
}

// needsRewriting tells which parts of v's body rw changes: the HTML
// Markdown writes has no other links than the body's, and no class or
// style attribute that its text could imitate (quotes in text are
// escaped). Raw HTML (unsafe_html) may have anything. all says every part
// does, whatever it holds.
func (r *Renderer) needsRewriting(v *model.Version, rw rewriting) (all bool, need func(string) bool) {
	if r.opts.UnsafeHTML {
		return true, nil
	}
	fromRoot := false
	for _, l := range v.Body.Links {
		fromRoot = fromRoot || strings.HasPrefix(l.Dest, "/") && !strings.HasPrefix(l.Dest, "//")
	}
	switch {
	case rw.embed && len(v.Body.Links) > 0:
		return true, nil
	case rw.embed:
		return false, func(part string) bool {
			return strings.Contains(part, ` class="`) || strings.Contains(part, ` style="`)
		}
	case fromRoot && r.site.URLs.Path() != "":
		return true, nil
	}
	return false, func(string) bool { return false }
}

// embedPage is v's body alone, with its processors, for another site to
// include: at is the address of the page that shows v (the policy's or
// v's own), against which its relative links are made absolute.
func (r *Renderer) embedPage(f *Frame, v *derive.Version, addr, at string) *Page {
	u := r.site.URLs
	p := r.newPage(f, addr, v.Title)
	page, _ := url.Parse(u.Absolute(at)) // built by urls: it parses
	p.Version = &VersionView{
		V:               v.Version,
		Processors:      v.Processors,
		ProcessorsAtEnd: len(v.Processors) > 0 && !v.Body.Placeholder,
		Parts:           r.body(v.Version, rewriting{link: absoluteLinks(page, u.Link), embed: true}),
		Permalink:       u.Absolute(u.Version(v.Edition.Lang, v.Edition.Policy.Slug, v.Date)),
	}
	return p
}

// current is current.json of an edition: the version its address shows,
// with the body its embed.html has.
func (r *Renderer) current(ed *derive.Edition, addr, at string) ([]byte, error) {
	v := r.site.Version(ed.Shown)
	embed := r.site.URLs.Embed(ed.Lang, ed.Policy.Slug)
	b, err := r.execute("embed.html", r.embedPage(r.frame(bare(ed.Lang)), v, embed, at))
	if err != nil {
		return nil, err
	}
	c := record.CurrentOf(r.site, ed.Edition, string(b))
	r.release(b)
	return record.MarshalCurrent(c)
}
