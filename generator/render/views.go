package render

import (
	"html/template"
	"strings"

	"gen/generator/model"
	"gen/generator/urls"
)

// newPage fills in what every page of a language has.
func (r *Renderer) newPage(lang, url, title string) *Page {
	s := r.site
	l, _ := s.Language(lang)
	p := &Page{
		cat:       r.cat,
		Site:      s,
		Lang:      lang,
		LangName:  l.Name,
		Title:     title,
		URL:       url,
		Canonical: s.BaseURL + url,
		Home:      urls.Language(lang),
		Inject:    r.opts.Inject,
	}
	p.Feeds = []Link{
		{Lang: lang, Label: r.cat.T(lang, "site.feed_title", "title", s.Title), Href: urls.LanguageFeed(lang)},
		{Lang: lang, Label: r.cat.T(lang, "site.processors_feed_title", "title", s.Title), Href: urls.ProcessorsFeed(lang)},
	}
	for _, v := range s.MaterialNotices(lang) {
		p.Material = append(p.Material, MaterialNotice{
			Policy: v.Title,
			Date:   r.cat.Date(lang, v.Effective),
			Href:   urls.Changes(lang, v.Edition.Policy.Slug, v.Date),
		})
	}
	return p
}

// withLanguages adds hreflang alternates and the language switcher, given
// where this page lives in each language ("" where it does not exist).
func (p *Page) withLanguages(s *model.Site, urlIn func(lang string) string) *Page {
	for _, l := range s.Languages {
		u := urlIn(l.Code)
		if u == "" {
			continue
		}
		p.Switcher = append(p.Switcher, Link{Lang: l.Code, Label: l.Name, Href: u, Current: l.Code == p.Lang})
		if l.Code != p.Lang {
			p.Alternates = append(p.Alternates, Link{Lang: l.Code, Href: s.BaseURL + u})
		}
	}
	if len(p.Switcher) < 2 {
		p.Switcher = nil // a switcher with only the current language says nothing
	}
	return p
}

// withPolicyFeed puts the policy's own feed first, as the one the
// page's subscribe link offers.
func (p *Page) withPolicyFeed(ed *model.Edition) {
	own := Link{Lang: ed.Lang, Label: ed.Shown.Title, Href: urls.PolicyFeed(ed.Lang, ed.Policy.Slug)}
	p.Feeds = append([]Link{own}, p.Feeds...)
	p.Subscribe = own.Href
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
	p := r.newPage(lang, url, v.Title)
	p.Desc = v.Description
	p.NoIndex = v.Draft
	p.withLanguages(r.site, editionURLs(pol, func(o *model.Edition) string { return urls.Policy(o.Lang, pol.Slug) }))
	p.withPolicyFeed(ed)
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
			n.Until = p.Date(v.Until)
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
		for _, u := range ed.Upcoming {
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
		view.UpcomingPage = n
	}
	if ed.Behind != nil && v.Status != model.Archived {
		authLang, _ := r.site.Language(ed.Behind.Edition.Lang)
		view.Behind = &BehindNotice{
			Language: authLang.Name,
			Date:     p.Date(ed.Behind.Date),
			Href:     urls.Policy(authLang.Code, pol.Slug),
		}
	}
	if inForce != nil {
		// The material notice of this very policy would repeat the change
		// notice on its own pages.
		p.Material = without(p.Material, urls.Changes(lang, pol.Slug, inForce.Date))
	}
	p.Version = view
	return p
}

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
	p := r.newPage(lang, urls.History(lang, pol.Slug), r.cat.T(lang, "history.title", "policy", shown.Title))
	p.withLanguages(r.site, editionURLs(pol, func(o *model.Edition) string { return urls.History(o.Lang, pol.Slug) }))
	p.withPolicyFeed(ed)
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
				row.Until = p.Date(v.Until)
			}
		}
		if v.Change != nil {
			row.Summary = v.Change.Summary
			row.Material = v.Change.Material
		}
		if v.Previous != nil {
			row.ChangesURL = urls.Changes(lang, pol.Slug, v.Date)
		}
		if ed.InForce != nil && ed.InForce != v {
			row.CompareURL = compareURL(v, ed.InForce)
		}
		h.Rows = append(h.Rows, row)
	}
	p.History = h
	return p
}

// indexPage lists the policies of one language.
func (r *Renderer) indexPage(lang string) *Page {
	s := r.site
	l, _ := s.Language(lang)
	p := r.newPage(lang, urls.Language(lang), r.cat.T(lang, "index.title", "title", s.Title))
	p.Desc = r.cat.T(lang, "index.intro", "title", s.Title, "language", l.Name)
	p.withLanguages(s, func(code string) string { return urls.Language(code) })
	idx := &IndexView{}
	for _, pol := range s.Policies {
		ed := pol.Edition(lang)
		if ed == nil {
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
		if len(ed.Upcoming) > 0 {
			e.UpcomingOn = p.Date(ed.Upcoming[0].Effective)
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
	p := r.newPage(s.DefaultLanguage, urls.NotFound(), r.cat.T(s.DefaultLanguage, "notfound.title"))
	p.NoIndex = true
	p.Canonical = ""
	p.withLanguages(s, func(code string) string { return urls.Language(code) })
	return p
}

// redirectPage leads from an address without a language to one with it.
func (r *Renderer) redirectPage(from, to string) *Page {
	s := r.site
	p := r.newPage(s.DefaultLanguage, from, r.cat.T(s.DefaultLanguage, "redirect.title"))
	p.Redirect = to
	p.NoIndex = true
	p.Canonical = s.BaseURL + to
	return p
}
