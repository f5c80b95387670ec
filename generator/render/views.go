package render

import (
	"html/template"
	"strings"
	"sync"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/urls"
)

// newPage starts a page of frame f at url.
func (r *Renderer) newPage(f *Frame, url, title string) *Page {
	return &Page{Frame: f, Title: title, URL: url, Canonical: r.site.BaseURL + url, Inject: r.opts.Inject}
}

// frames holds the frames made so far, so the pages that share one get the
// same, whichever worker renders them.
type frames struct {
	mu   sync.Mutex
	made map[frameKey]*Frame
}

// frameKey tells frames apart: a language's own pages, or one kind of
// page of an edition.
type frameKey struct {
	kind string
	lang string
	ed   *model.Edition
}

// frame returns the frame of key, made by build the first time.
func (r *Renderer) frame(key frameKey, build func() *Frame) *Frame {
	r.frames.mu.Lock()
	defer r.frames.mu.Unlock()
	if f, ok := r.frames.made[key]; ok {
		return f
	}
	if r.frames.made == nil {
		r.frames.made = map[frameKey]*Frame{}
	}
	f := build()
	r.frames.made[key] = f
	return f
}

// bareFrame has what every page of a language has.
func (r *Renderer) bareFrame(lang string) *Frame {
	return r.frame(frameKey{kind: "bare", lang: lang}, func() *Frame { return r.newFrame(lang) })
}

// languageFrame is the frame of a language's index, whose switcher leads
// to the other languages' indexes.
func (r *Renderer) languageFrame(lang string) *Frame {
	return r.frame(frameKey{kind: "language", lang: lang}, func() *Frame {
		return r.newFrame(lang).withLanguages(r.site, func(code string) string { return urls.Language(code) })
	})
}

// policyFrame is the frame of an edition's version pages.
func (r *Renderer) policyFrame(ed *model.Edition) *Frame {
	return r.frame(frameKey{kind: "policy", ed: ed}, func() *Frame {
		pol := ed.Policy
		f := r.newFrame(ed.Lang)
		f.withLanguages(r.site, editionURLs(pol, func(o *model.Edition) string { return urls.Policy(o.Lang, pol.Slug) }))
		f.withPolicyFeed(ed)
		if ed.InForce != nil {
			// The material notice of this very policy would repeat the
			// change notice on its own pages.
			f.Material = without(f.Material, urls.Changes(ed.Lang, pol.Slug, ed.InForce.Date))
		}
		return f
	})
}

// historyFrame is the frame of an edition's history and comparison pages.
func (r *Renderer) historyFrame(ed *model.Edition) *Frame {
	return r.frame(frameKey{kind: "history", ed: ed}, func() *Frame {
		slug := ed.Policy.Slug
		f := r.newFrame(ed.Lang)
		f.withLanguages(r.site, editionURLs(ed.Policy, func(o *model.Edition) string { return urls.History(o.Lang, slug) }))
		f.withPolicyFeed(ed)
		return f
	})
}

// newFrame fills in what every page of a language has.
func (r *Renderer) newFrame(lang string) *Frame {
	s := r.site
	l, _ := s.Language(lang)
	f := &Frame{
		cat:      r.cat,
		Site:     s,
		Lang:     lang,
		LangName: l.Name,
		Home:     urls.Language(lang),
	}
	f.Feeds = []Link{
		{Lang: lang, Label: r.cat.T(lang, "site.feed_title", "title", s.Title), Href: urls.LanguageFeed(lang)},
		{Lang: lang, Label: r.cat.T(lang, "site.processors_feed_title", "title", s.Title), Href: urls.ProcessorsFeed(lang)},
	}
	for _, v := range s.MaterialNotices(lang) {
		f.Material = append(f.Material, MaterialNotice{
			Policy: v.Title,
			Date:   r.cat.Date(lang, v.Effective),
			Href:   urls.Changes(lang, v.Edition.Policy.Slug, v.Date),
		})
	}
	return f
}

// withLanguages adds hreflang alternates and the language switcher, given
// where this page lives in each language ("" where it does not exist).
func (f *Frame) withLanguages(s *model.Site, urlIn func(lang string) string) *Frame {
	for _, l := range s.Languages {
		u := urlIn(l.Code)
		if u == "" {
			continue
		}
		f.Switcher = append(f.Switcher, Link{Lang: l.Code, Label: l.Name, Href: u, Current: l.Code == f.Lang})
		if l.Code != f.Lang {
			f.Alternates = append(f.Alternates, Link{Lang: l.Code, Href: s.BaseURL + u})
		}
	}
	if len(f.Switcher) < 2 {
		f.Switcher = nil // a switcher with only the current language says nothing
	}
	return f
}

// withPolicyFeed puts the policy's own feed first, as the one the
// page's subscribe link offers.
func (f *Frame) withPolicyFeed(ed *model.Edition) {
	own := Link{Lang: ed.Lang, Label: ed.Shown.Title, Href: urls.PolicyFeed(ed.Lang, ed.Policy.Slug)}
	f.Feeds = append([]Link{own}, f.Feeds...)
	f.Subscribe = own.Href
}

// editionURLs returns, for a policy, where a page of it lives per language.
func editionURLs(pol *model.Policy, url func(ed *model.Edition) string) func(string) string {
	return func(lang string) string {
		if ed := pol.Edition(lang); ed != nil {
			return url(ed)
		}
		return ""
	}
}

func (r *Renderer) statusLabel(lang string, v *model.Version) string {
	return r.cat.T(lang, "version.status."+v.Status.String())
}

// versionPage renders v at url: the policy page, or v's permalink.
func (r *Renderer) versionPage(v *model.Version, url string) *Page {
	ed := v.Edition
	pol := ed.Policy
	lang := ed.Lang
	p := r.newPage(r.policyFrame(ed), url, v.Title)
	p.Desc = v.Description
	p.NoIndex = v.Draft
	view := &VersionView{
		V:               v,
		Status:          r.statusLabel(lang, v),
		StatusClass:     v.Status.String(),
		Processors:      v.Processors,
		ProcessorsAtEnd: len(v.Processors) > 0 && !v.Body.Placeholder,
		TOC:             tableOfContents(v.Body.Headings),
		LastUpdated:     p.Date(v.Date),
		Effective:       p.Date(v.Effective),
		Permalink:       urls.Version(lang, pol.Slug, v.Date),
		HistoryURL:      urls.History(lang, pol.Slug),
		SourceURL:       urls.Source(lang, pol.Slug, v.Date),
	}
	for _, part := range v.Body.Parts {
		view.Parts = append(view.Parts, template.HTML(part))
	}
	view.PrintTrace = r.cat.T(lang, "version.print_trace", "url", r.site.BaseURL+view.Permalink,
		"date", p.Date(r.site.Now), "status", view.Status)
	if v.Previous != nil {
		view.ChangesURL = urls.Changes(lang, pol.Slug, v.Date)
	}
	inForce := ed.InForce
	if inForce != nil && inForce != v {
		view.CompareURL = compareURL(v, inForce)
	}

	switch v.Status {
	case model.Archived:
		n := &ArchivedNotice{From: p.Date(v.Effective), NeverInForce: v.NeverInForce}
		if !v.Until.IsZero() {
			n.Until = p.Date(lastDay(v))
		}
		if inForce != nil {
			n.InForceURL = urls.Policy(lang, pol.Slug)
			n.CompareURL = view.CompareURL
		}
		view.Archived = n
	case model.InForce:
		if model.NoticeShown(v, r.site.Now, r.site.NoticeDays) {
			view.Change = &ChangeNotice{
				Date:       p.Date(v.Effective),
				Summary:    v.Change.Summary,
				Material:   v.Change.Material,
				ChangesURL: view.ChangesURL,
				HistoryURL: view.HistoryURL,
			}
			if view.ChangesURL == "" {
				view.Change.ChangesURL = view.HistoryURL
			}
		}
		for _, u := range ed.Coming() {
			view.Upcoming = append(view.Upcoming, UpcomingNotice{
				Date:       p.Date(u.Effective),
				Href:       urls.Version(lang, pol.Slug, u.Date),
				ChangesURL: compareURL(v, u),
			})
		}
	case model.Upcoming:
		n := &UpcomingPageNotice{Date: p.Date(v.Effective)}
		if inForce != nil {
			n.InForceURL = urls.Policy(lang, pol.Slug)
		}
		if by := v.ReplacedBy; by != nil {
			n.ReplacedBy = p.Date(by.Date)
			n.ReplacedByURL = urls.Version(lang, pol.Slug, by.Date)
		}
		view.UpcomingPage = n
	}
	if b := ed.Behind; b != nil && v.Status != model.Archived {
		authLang, _ := r.site.Language(b.Edition.Lang)
		// Named in the reader's language: "the Swedish version", not
		// "the Svenska version", on an English page.
		authLang.Name = i18n.LanguageName(lang, authLang.Code, authLang.Name)
		if b.Status == model.InForce {
			// The policy page shows the version in force: the one named.
			view.Behind = &BehindNotice{
				Language: authLang.Name,
				Date:     p.Date(b.Date),
				Href:     urls.Policy(authLang.Code, pol.Slug),
			}
		} else {
			// Not in force yet, so it does not prevail: the notice says when
			// it takes effect and links its own page, not the policy page,
			// which still shows the text the translation follows.
			view.BehindUpcoming = &BehindNotice{
				Language: authLang.Name,
				Date:     p.Date(b.Effective),
				Href:     urls.Version(authLang.Code, pol.Slug, b.Date),
			}
		}
	}
	p.Version = view
	return p
}

// lastDay is the last day a superseded version was in force. The model's
// Until is the day the next one took over, as versions.json gives it; on a
// page "until 15 September" beside the next version's "from 15 September"
// would read as a day both were in force, so pages name the last day.
func lastDay(v *model.Version) date.Date { return v.Until.AddDays(-1) }

func without(ns []MaterialNotice, href string) []MaterialNotice {
	var out []MaterialNotice
	for _, n := range ns {
		if n.Href != href {
			out = append(out, n)
		}
	}
	return out
}

// compareURL is the comparison page of two versions, older first.
func compareURL(a, b *model.Version) string {
	if b.Date.Before(a.Date) {
		a, b = b, a
	}
	return urls.Compare(a.Edition.Lang, a.Edition.Policy.Slug, a.Date, b.Date)
}

// tableOfContents lists the sections (h2) with their subsections (h3): a
// short policy needs none, and listing every h4 would bury the sections.
func tableOfContents(hs []model.Heading) []TOCEntry {
	var out []TOCEntry
	n := 0
	for _, h := range hs {
		switch {
		case h.Level == 2:
			out = append(out, TOCEntry{Heading: h})
			n++
		case h.Level == 3 && len(out) > 0:
			last := &out[len(out)-1]
			last.Children = append(last.Children, h)
			n++
		}
	}
	if n < 4 {
		return nil
	}
	return out
}

// historyPage lists every version of ed, newest first.
func (r *Renderer) historyPage(ed *model.Edition) *Page {
	pol := ed.Policy
	lang := ed.Lang
	shown := ed.Shown
	p := r.newPage(r.historyFrame(ed), urls.History(lang, pol.Slug), r.cat.T(lang, "history.title", "policy", shown.Title))
	h := &HistoryView{PolicyTitle: shown.Title, CompareBase: urls.Policy(lang, pol.Slug) + "compare/"}
	var pairs []string
	for _, c := range Comparisons(r.site, ed) {
		// A pair of neighbours may only have its changes/ page, so each
		// pair names the page that shows it.
		pairs = append(pairs, c.From.Date.String()+".."+c.To.Date.String()+"="+c.URL)
	}
	h.Pairs = strings.Join(pairs, " ")
	for i := len(ed.Versions) - 1; i >= 0; i-- {
		v := ed.Versions[i]
		row := HistoryRow{
			Date:         p.Date(v.Date),
			ISODate:      v.Date.String(),
			Href:         urls.Version(lang, pol.Slug, v.Date),
			Effective:    p.Date(v.Effective),
			Status:       r.statusLabel(lang, v),
			StatusClass:  v.Status.String(),
			NeverInForce: v.NeverInForce,
			SourceURL:    urls.Source(lang, pol.Slug, v.Date),
			Draft:        v.Draft,
		}
		if v.Status != model.Upcoming && !v.NeverInForce {
			row.From = p.Date(v.Effective)
			if !v.Until.IsZero() {
				row.Until = p.Date(lastDay(v))
			}
		}
		if v.Change != nil {
			row.Summary = v.Change.Summary
			row.Material = v.Change.Material
		}
		if v.Previous != nil {
			row.ChangesURL = urls.Changes(lang, pol.Slug, v.Date)
		}
		// The upcoming version right after the one in force is compared
		// with it on its changes/ page already: one link, not two to the
		// same redline.
		if ed.InForce != nil && ed.InForce != v && ed.InForce != v.Previous {
			row.CompareURL = compareURL(v, ed.InForce)
		}
		h.Rows = append(h.Rows, row)
	}
	p.History = h
	return p
}

// elsewhere lists where a policy missing from a language can be read, in
// the site's language order.
func (r *Renderer) elsewhere(pol *model.Policy) ElsewhereEntry {
	var e ElsewhereEntry
	for _, l := range r.site.Languages {
		ed := pol.Edition(l.Code)
		if ed == nil {
			continue
		}
		if e.Title == "" {
			e.Title, e.Lang = ed.Shown.Title, l.Code
		}
		e.In = append(e.In, Link{Lang: l.Code, Label: l.Name, Href: urls.Policy(l.Code, pol.Slug)})
	}
	return e
}

// indexPage lists the policies of one language.
func (r *Renderer) indexPage(lang string) *Page {
	s := r.site
	l, _ := s.Language(lang)
	p := r.newPage(r.languageFrame(lang), urls.Language(lang), r.cat.T(lang, "index.title", "title", s.Title))
	p.Desc = r.cat.T(lang, "index.intro", "title", s.Title, "language", i18n.LanguageName(lang, l.Code, l.Name))
	idx := &IndexView{}
	for _, pol := range s.Policies {
		ed := pol.Edition(lang)
		if ed == nil {
			idx.Elsewhere = append(idx.Elsewhere, r.elsewhere(pol))
			continue
		}
		e := IndexEntry{
			Title:       ed.Shown.Title,
			Description: ed.Shown.Description,
			Href:        urls.Policy(lang, pol.Slug),
			HistoryURL:  urls.History(lang, pol.Slug),
		}
		if ed.InForce != nil {
			e.InForceSince = p.Date(ed.InForce.Effective)
		}
		if coming := ed.Coming(); len(coming) > 0 {
			e.UpcomingOn = p.Date(coming[0].Effective)
		}
		idx.Policies = append(idx.Policies, e)
	}
	p.Index = idx
	return p
}

// notFoundPage is served for any address the site does not have, in the
// default language, with the way to every language's policies.
func (r *Renderer) notFoundPage() *Page {
	s := r.site
	p := r.newPage(r.languageFrame(s.DefaultLanguage), urls.NotFound(), r.cat.T(s.DefaultLanguage, "notfound.title"))
	p.NoIndex = true
	p.Canonical = ""
	return p
}

// redirectPage leads from an address without a language to one with it.
func (r *Renderer) redirectPage(from, to string) *Page {
	s := r.site
	p := r.newPage(r.bareFrame(s.DefaultLanguage), from, r.cat.T(s.DefaultLanguage, "redirect.title"))
	p.Redirect = to
	p.NoIndex = true
	p.Canonical = s.BaseURL + to
	return p
}
