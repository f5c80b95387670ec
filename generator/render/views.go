package render

import (
	"html/template"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	xlanguage "golang.org/x/text/language"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/timeline"
	"github.com/policygen/gen/generator/urls"
)

// newPage starts a page of frame f at url.
func (r *Renderer) newPage(f *Frame, url, title string) *Page {
	u := r.site.URLs
	return &Page{Frame: f, Title: title, URL: url, Canonical: u.Absolute(url), Inject: r.opts.Inject,
		Policy: MetaPolicy(r.opts.Preview, r.opts.ExternalOrigins), stylesheet: u.Stylesheet(), script: u.Script()}
}

// frames holds the frames made so far, so the pages that share one get the
// same, whichever worker renders them.
type frames struct {
	mu   sync.Mutex
	made map[frameKey]*Frame
}

// frameKey names a frame: what a language's own pages share, or one kind
// of page of an edition. The plan gives every page its frame.
type frameKey struct {
	kind frameKind
	lang string
	ed   *derive.Edition // for the pages of an edition
}

type frameKind uint8

const (
	bareFrame     frameKind = iota // a redirect's: the language and nothing around
	languageFrame                  // a language's own pages: its switcher leads to the other languages
	policyFrame                    // an edition's version pages
	historyFrame                   // an edition's history and comparison pages
	registerFrame                  // a language's register of processors
)

func bare(lang string) frameKey           { return frameKey{kind: bareFrame, lang: lang} }
func language(lang string) frameKey       { return frameKey{kind: languageFrame, lang: lang} }
func policy(ed *derive.Edition) frameKey  { return frameKey{policyFrame, ed.Lang, ed} }
func history(ed *derive.Edition) frameKey { return frameKey{historyFrame, ed.Lang, ed} }
func register(lang string) frameKey       { return frameKey{kind: registerFrame, lang: lang} }

// shows names what a frame shows of the site (see derive.Key): the
// language's material notices, and around an edition's pages its other
// languages and its title.
func (k frameKey) shows() []derive.Key {
	keys := []derive.Key{derive.Material(k.lang)}
	if k.ed != nil {
		// The side navigation lists the language's policies by title.
		keys = append(keys, derive.PolicyLanguages(k.ed.Policy), derive.EditionTitle(k.ed.Edition), derive.PolicyTitles(k.lang))
	}
	return keys
}

// frame returns the frame of key, made the first time it is asked for.
func (r *Renderer) frame(key frameKey) *Frame {
	r.frames.mu.Lock()
	defer r.frames.mu.Unlock()
	if f, ok := r.frames.made[key]; ok {
		return f
	}
	if r.frames.made == nil {
		r.frames.made = map[frameKey]*Frame{}
	}
	f := r.newFrame(key)
	r.frames.made[key] = f
	return f
}

// newFrame makes the frame of key.
func (r *Renderer) newFrame(key frameKey) *Frame {
	s := r.site
	u := s.URLs
	lang := key.lang
	l, _ := s.Language(lang)
	f := &Frame{
		cat:      r.cat,
		Site:     s.Site,
		Lang:     lang,
		LangName: l.Name,
		Home:     u.Language(lang),
	}
	f.Feeds = []Link{
		{Lang: lang, Label: r.cat.T(lang, "site.feed_title", "title", s.Title), Href: u.LanguageFeed(lang)},
		{Lang: lang, Label: r.cat.T(lang, "site.processors_feed_title", "title", s.Title), Href: u.ProcessorsFeed(lang)},
	}
	material := s.Material(lang)
	switch key.kind {
	case languageFrame:
		f.withLanguages(s, u.Language)
	case registerFrame:
		f.withLanguages(s, u.Register)
	case policyFrame:
		slug := key.ed.Policy.Slug
		f.withLanguages(s, editionURLs(key.ed.Policy, func(o *model.Edition) string { return u.Policy(o.Lang, slug) }))
		f.withPolicyFeed(u, key.ed.Edition)
		f.withPolicies(r, key.ed.Policy)
		material = key.ed.Material
	case historyFrame:
		slug := key.ed.Policy.Slug
		f.withLanguages(s, editionURLs(key.ed.Policy, func(o *model.Edition) string { return u.History(o.Lang, slug) }))
		f.withPolicyFeed(u, key.ed.Edition)
		f.withPolicies(r, key.ed.Policy)
	}
	for _, v := range material {
		f.Material = append(f.Material, MaterialNotice{
			Policy: v.Title,
			Date:   r.cat.Date(lang, v.Effective),
			Href:   u.Changes(lang, v.Edition.Policy.Slug, v.Date),
		})
	}
	return f
}

// withLanguages adds hreflang alternates and the language switcher, given
// where this page lives in each language ("" where it does not exist).
func (f *Frame) withLanguages(s *derive.Site, urlIn func(lang string) string) *Frame {
	for _, l := range s.Languages {
		u := urlIn(l.Code)
		if u == "" {
			continue
		}
		f.Switcher = append(f.Switcher, Link{Lang: l.Code, Label: l.Name, Href: u, Current: l.Code == f.Lang})
		if l.Code != f.Lang {
			f.Alternates = append(f.Alternates, Link{Lang: l.Code, Href: s.URLs.Absolute(u)})
		}
	}
	if len(f.Switcher) < 2 {
		f.Switcher = nil // a switcher with only the current language says nothing
	}
	return f
}

// withPolicies lists the language's policies for the side navigation,
// marking the one the page belongs to.
func (f *Frame) withPolicies(r *Renderer, current *model.Policy) {
	s := r.site
	for _, ed := range r.policiesIn(f.Lang) {
		f.Policies = append(f.Policies, Link{Lang: f.Lang, Label: ed.Shown.Title, Href: s.URLs.Policy(f.Lang, ed.Policy.Slug), Current: ed.Policy == current})
	}
}

// policiesIn lists the editions of a language's policies in the order the
// site shows them (see ordered).
func (r *Renderer) policiesIn(lang string) []*model.Edition {
	var out []*model.Edition
	for _, pol := range r.ordered(lang) {
		if ed := pol.Edition(lang); ed != nil {
			out = append(out, ed)
		}
	}
	return out
}

// ordered lists the site's policies as a language shows them: those
// site.toml's order names, in its order, then the rest by their title in
// the language (or in the first language that has the policy), collated
// as the language sorts.
func (r *Renderer) ordered(lang string) []*model.Policy {
	r.ordersMu.Lock()
	defer r.ordersMu.Unlock()
	if o, ok := r.orders[lang]; ok {
		return o
	}
	if r.orders == nil {
		r.orders = map[string][]*model.Policy{}
	}
	s := r.site
	rank := map[string]int{}
	for i, slug := range s.Order {
		rank[slug] = i + 1
	}
	title := func(p *model.Policy) string {
		if ed := p.Edition(lang); ed != nil {
			return ed.Shown.Title
		}
		for _, l := range s.Languages {
			if ed := p.Edition(l.Code); ed != nil {
				return ed.Shown.Title
			}
		}
		return p.Slug
	}
	tag, err := xlanguage.Parse(lang)
	if err != nil {
		tag = xlanguage.Und
	}
	c := collate.New(tag, collate.IgnoreCase)
	out := slices.Clone(s.Policies)
	slices.SortStableFunc(out, func(a, b *model.Policy) int {
		ra, rb := rank[a.Slug], rank[b.Slug]
		switch {
		case ra != 0 && rb != 0:
			return ra - rb
		case ra != 0:
			return -1
		case rb != 0:
			return 1
		}
		if n := c.CompareString(title(a), title(b)); n != 0 {
			return n
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	r.orders[lang] = out
	return out
}

// withPolicyFeed puts the policy's own feed first, as the one the
// page's subscribe link offers.
func (f *Frame) withPolicyFeed(u urls.Scheme, ed *model.Edition) {
	own := Link{Lang: ed.Lang, Label: ed.Shown.Title, Href: u.PolicyFeed(ed.Lang, ed.Policy.Slug)}
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
func (r *Renderer) versionPage(f *Frame, v *derive.Version, url string) *Page {
	ed := v.Edition
	pol := ed.Policy
	lang := ed.Lang
	u := r.site.URLs
	p := r.newPage(f, url, v.Title)
	p.Desc = v.Description
	// Search engines see the version in force as the policy: an archived
	// one stays out of their results (unless index_archived), as drafts do.
	p.NoIndex = v.Draft || v.Status == model.Archived && !r.site.IndexArchived
	view := &VersionView{
		V:               v.Version,
		Status:          r.statusLabel(lang, v.Version),
		StatusClass:     v.Status.String(),
		Processors:      v.Processors,
		ProcessorsAtEnd: len(v.Processors) > 0 && !v.Body.Placeholder,
		TOC:             tableOfContents(v.Body.Headings),
		LastUpdated:     p.Date(v.Date),
		Effective:       p.Date(v.Effective),
		Permalink:       u.Version(lang, pol.Slug, v.Date),
		HistoryURL:      u.History(lang, pol.Slug),
		SourceURL:       u.Source(lang, pol.Slug, v.Date),
		ChangesURL:      r.comparisonURL(v.Changes),
		CompareURL:      r.comparisonURL(v.CompareInForce),
		Fingerprint:     record.FingerprintOf(v.Version),
	}
	p.TimeMap = u.Absolute(u.TimeMap(lang, pol.Slug))
	if r.opts.PDF {
		view.PDFURL = u.PDF(lang, pol.Slug, v.Date)
	}
	view.Parts = r.body(v.Version, rewriting{link: u.Link})
	view.PrintTrace = r.cat.T(lang, "version.print_trace", "url", u.Absolute(view.Permalink),
		"date", p.Date(r.site.Now), "status", view.Status)

	if n := v.Archived; n != nil {
		view.Archived = &ArchivedNotice{From: p.Date(n.From), NeverInForce: n.NeverInForce, Withdrawn: n.WithdrawnBy != nil, CompareURL: r.comparisonURL(n.Compare)}
		if !n.LastDay.IsZero() {
			view.Archived.Until = p.Date(n.LastDay)
		}
		if n.InForce != nil {
			view.Archived.InForceURL = u.Policy(lang, pol.Slug)
		}
		view.Archived.Bar = r.cat.T(lang, "notice.archived_bar_never")
		if a := view.Archived; a.Until != "" && !a.NeverInForce && !a.Withdrawn {
			a.Bar = r.cat.T(lang, "notice.archived_bar", "from", a.From, "until", a.Until)
		}
	}
	if n := v.ChangeNotice; n != nil {
		view.Change = &ChangeNotice{
			Date:       p.Date(v.Effective),
			Summary:    n.Summary,
			Material:   n.Material(),
			ChangesURL: r.comparisonURL(n.Changes),
			HistoryURL: view.HistoryURL,
		}
		if n.Changes == nil {
			view.Change.ChangesURL = view.HistoryURL
		}
		if n.Bound != nil {
			view.Change.Bound = r.boundNotice(p, n.Bound, n.Skipped)
		}
	}
	for _, n := range v.Upcoming {
		view.Upcoming = append(view.Upcoming, UpcomingNotice{
			Date:       p.Date(n.Version.Effective),
			Href:       u.Version(lang, pol.Slug, n.Version.Date),
			ChangesURL: r.comparisonURL(n.Compare),
		})
	}
	if n := v.UpcomingPage; n != nil {
		view.UpcomingPage = &UpcomingPageNotice{Date: p.Date(v.Effective)}
		if n.InForce != nil {
			view.UpcomingPage.InForceURL = u.Policy(lang, pol.Slug)
		}
		if by := n.ReplacedBy; by != nil {
			view.UpcomingPage.ReplacedBy = p.Date(by.Date)
			view.UpcomingPage.ReplacedByURL = u.Version(lang, pol.Slug, by.Date)
		}
		if by := n.WithdrawnBy; by != nil {
			view.UpcomingPage.WithdrawnBy = p.Date(by.Date)
			view.UpcomingPage.WithdrawnByURL = u.Version(lang, pol.Slug, by.Date)
		}
		if o := n.Objection; o != nil {
			view.UpcomingPage.Objection = objectionNotice(p, o)
		}
	}
	if n := v.Behind; n != nil {
		b := n.Version
		authLang, _ := r.site.Language(b.Edition.Lang)
		// Named in the reader's language: "the Swedish version", not
		// "the Svenska version", on an English page.
		authLang.Name = i18n.LanguageName(lang, authLang.Code, authLang.Name)
		if n.Prevails {
			// The policy page shows the version in force: the one named.
			view.Behind = &BehindNotice{
				Language: authLang.Name,
				Date:     p.Date(b.Date),
				Href:     u.Policy(authLang.Code, pol.Slug),
			}
		} else {
			// Not in force yet: the notice says when it takes effect and
			// links its own page, not the policy page, which still shows
			// the text the translation follows.
			view.BehindUpcoming = &BehindNotice{
				Language: authLang.Name,
				Date:     p.Date(b.Effective),
				Href:     u.Version(authLang.Code, pol.Slug, b.Date),
			}
		}
	}
	p.Version = view
	return p
}

// boundNotice says the versions skipped never came into force and links
// the comparison with the version readers were bound by.
func (r *Renderer) boundNotice(p *Page, c *derive.Comparison, skipped []*model.Version) *BoundNotice {
	return &BoundNotice{Previous: p.Date(skipped[len(skipped)-1].Date), Date: p.Date(c.From.Date), Href: r.comparisonURL(c)}
}

// objectionNotice names the processors a version adds and the last day
// to object to them.
func objectionNotice(p *Page, o *derive.Objection) *ObjectionNotice {
	names := make([]string, len(o.Added))
	for i, a := range o.Added {
		names[i] = a.Name
	}
	return &ObjectionNotice{Processors: strings.Join(names, ", "), LastDay: p.Date(o.LastDay()), How: o.How}
}

// comparisonURL is the address of a comparison page, or "" for none.
func (r *Renderer) comparisonURL(c *derive.Comparison) string { return ComparisonURL(r.site.URLs, c) }

// ComparisonURL is the address of a comparison's page on the site of u (a
// version's changes/ page or a compare/ page), or "" for none.
func ComparisonURL(u urls.Scheme, c *derive.Comparison) string {
	if c == nil {
		return ""
	}
	ed := c.To.Edition
	if c.Changes {
		return u.Changes(ed.Lang, ed.Policy.Slug, c.To.Date)
	}
	return u.Compare(ed.Lang, ed.Policy.Slug, c.From.Date, c.To.Date)
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
func (r *Renderer) historyPage(f *Frame, ed *derive.Edition) *Page {
	pol := ed.Policy
	lang := ed.Lang
	shown := ed.Shown
	u := r.site.URLs
	p := r.newPage(f, u.History(lang, pol.Slug), r.cat.T(lang, "history.title", "policy", shown.Title))
	h := &HistoryView{PolicyTitle: shown.Title, CompareBase: u.CompareFolder(lang, pol.Slug)}
	var pairs []string
	for _, c := range ed.Comparisons {
		// A pair of neighbours may only have its changes/ page, so each
		// pair names the page that shows it.
		pairs = append(pairs, c.From.Date.String()+".."+c.To.Date.String()+"="+r.comparisonURL(c))
	}
	h.Pairs = strings.Join(pairs, " ")
	for i := len(ed.Versions) - 1; i >= 0; i-- {
		v := r.site.Version(ed.Versions[i])
		row := HistoryRow{
			Date:         p.Date(v.Date),
			ISODate:      v.Date.String(),
			Href:         u.Version(lang, pol.Slug, v.Date),
			Effective:    p.Date(v.Effective),
			Status:       r.statusLabel(lang, v.Version),
			StatusClass:  v.Status.String(),
			NeverInForce: v.NeverInForce,
			SourceURL:    u.Source(lang, pol.Slug, v.Date),
			Draft:        v.Draft,
			ChangesURL:   r.comparisonURL(v.Changes),
			CompareURL:   r.comparisonURL(v.Listed),
		}
		if in := v.Period; in != nil {
			row.From = p.Date(in.From)
			if last := in.LastDay(); !last.IsZero() {
				row.Until = p.Date(last)
			}
		}
		if v.Change != nil {
			row.Summary = v.Change.Summary
			row.Material = v.Change.Material()
			row.Editorial = v.Editorial()
		}
		row.Withdrawn = v.Withdrawn()
		h.Rows = append(h.Rows, row)
	}
	var eds []*model.Edition
	for _, l := range r.site.Languages {
		if o := pol.Edition(l.Code); o != nil {
			eds = append(eds, o)
		}
	}
	h.Timeline = r.timelineOf(lang, "timeline", r.cat.T(lang, "timeline.title_policy", "policy", shown.Title), r.cat.T(lang, "timeline.desc_policy"),
		r.cat.T(lang, "timeline.language"), eds, func(o *model.Edition) string {
			l, _ := r.site.Language(o.Lang)
			return i18n.LanguageName(lang, l.Code, l.Name)
		}, true)
	p.History = h
	return p
}

// elsewhere lists where a policy missing from a language can be read, in
// the site's language order.
func (r *Renderer) elsewhere(pol *model.Policy) ElsewhereEntry {
	var e ElsewhereEntry
	u := r.site.URLs
	for _, l := range r.site.Languages {
		ed := pol.Edition(l.Code)
		if ed == nil {
			continue
		}
		if e.Title == "" {
			e.Title, e.Lang = ed.Shown.Title, l.Code
		}
		e.In = append(e.In, Link{Lang: l.Code, Label: l.Name, Href: u.Policy(l.Code, pol.Slug)})
	}
	return e
}

// indexPage lists the policies of one language.
func (r *Renderer) indexPage(f *Frame, lang string) *Page {
	s := r.site
	u := s.URLs
	l, _ := s.Language(lang)
	p := r.newPage(f, u.Language(lang), r.cat.T(lang, "index.title", "title", s.Title))
	p.Desc = r.cat.T(lang, "index.intro", "title", s.Title, "language", i18n.LanguageName(lang, l.Code, l.Name))
	idx := &IndexView{Register: u.Register(lang), Calendar: u.Calendar(lang)}
	for _, pol := range r.ordered(lang) {
		ed := pol.Edition(lang)
		if ed == nil {
			idx.Elsewhere = append(idx.Elsewhere, r.elsewhere(pol))
			continue
		}
		e := IndexEntry{
			Title:       ed.Shown.Title,
			Description: ed.Shown.Description,
			Href:        u.Policy(lang, pol.Slug),
			HistoryURL:  u.History(lang, pol.Slug),
		}
		if ed.InForce != nil {
			e.InForceSince = p.Date(ed.InForce.Effective)
		}
		if coming := s.Edition(ed).Announced; len(coming) > 0 {
			e.UpcomingOn = p.Date(coming[0].Effective)
		}
		// Updated while its change notice shows.
		if ed.InForce != nil && s.Version(ed.InForce).ChangeNotice != nil {
			e.UpdatedOn = p.Date(ed.InForce.Effective)
		}
		idx.Policies = append(idx.Policies, e)
	}
	idx.Timeline = r.timelineOf(lang, "timeline", r.cat.T(lang, "timeline.title_index"), r.cat.T(lang, "timeline.desc_index"),
		r.cat.T(lang, "timeline.policy"), r.policiesIn(lang), func(o *model.Edition) string { return o.Shown.Title }, false)
	p.Index = idx
	return p
}

// notFoundPage is served for any address the site does not have, in the
// default language, with the way to every language's policies.
func (r *Renderer) notFoundPage(f *Frame) *Page {
	s := r.site
	p := r.newPage(f, s.URLs.NotFound(), r.cat.T(s.DefaultLanguage, "notfound.title"))
	p.NoIndex = true
	p.Canonical = ""
	return p
}

// redirectPage leads from an address without a language to one with it.
func (r *Renderer) redirectPage(f *Frame, from, to string) *Page {
	s := r.site
	p := r.newPage(f, from, r.cat.T(s.DefaultLanguage, "redirect.title"))
	p.Redirect = to
	p.NoIndex = true
	p.Canonical = s.URLs.Absolute(to)
	return p
}

// TimelineView is a timeline and its text alternative.
type TimelineView struct {
	SVG   template.HTML
	Title string
	// BandHeading names what a band is ("Language", "Policy"), and
	// VersionHeading the versions' column of the table.
	BandHeading, VersionHeading string
	TableLabel                  string // the text alternative's summary
	Rows                        []TimelineRow
}

// TimelineRow is a version in the timeline's table.
type TimelineRow struct {
	Band, Label, Href string
}

// timelineOf draws the versions of the editions, one band each, labelled
// by label; with lag set, a translation's band shows when it followed an
// older text than the authoritative one in force.
func (r *Renderer) timelineOf(lang, id, title, desc, bandHeading string, eds []*model.Edition, label func(*model.Edition) string, lag bool) *TimelineView {
	s := r.site
	u := s.URLs
	c := timeline.Chart{ID: id, Title: title, Desc: desc, Now: s.Now, NowLabel: r.cat.T(lang, "timeline.now", "date", r.cat.Date(lang, s.Now))}
	view := &TimelineView{Title: title, BandHeading: bandHeading, VersionHeading: r.cat.T(lang, "history.version"), TableLabel: r.cat.T(lang, "timeline.table")}
	for _, ed := range eds {
		band := timeline.Band{Label: label(ed)}
		shown := inForceOrComing(ed)
		for i, v := range shown {
			seg := timeline.Segment{From: v.Effective, Href: u.Version(ed.Lang, ed.Policy.Slug, v.Date), Upcoming: v.Status == model.Upcoming,
				Material: v.Change != nil && v.Change.Material()}
			date, from := r.cat.Date(lang, v.Date), r.cat.Date(lang, v.Effective)
			switch {
			case i+1 < len(shown):
				seg.Until = shown[i+1].Effective
				seg.Label = r.cat.T(lang, "timeline.segment", "date", date, "from", from, "until", r.cat.Date(lang, seg.Until.AddDays(-1)))
				if seg.Upcoming {
					seg.Label = r.cat.T(lang, "timeline.segment_upcoming", "date", date, "from", from)
				}
			case seg.Upcoming:
				seg.Label = r.cat.T(lang, "timeline.segment_upcoming", "date", date, "from", from)
			default:
				seg.Label = r.cat.T(lang, "timeline.segment_current", "date", date, "from", from)
			}
			if seg.Material {
				seg.Label += " (" + r.cat.T(lang, "timeline.material") + ")"
			}
			band.Segments = append(band.Segments, seg)
			view.Rows = append(view.Rows, TimelineRow{Band: band.Label, Label: seg.Label, Href: seg.Href})
		}
		if lag && s.AuthoritativeLanguage != "" && ed.Lang != s.AuthoritativeLanguage {
			if auth := ed.Policy.Edition(s.AuthoritativeLanguage); auth != nil {
				band.Lag = lagging(shown, inForceOrComing(auth))
				l, _ := s.Language(auth.Lang)
				band.LagLabel = r.cat.T(lang, "timeline.lag", "language", i18n.LanguageName(lang, l.Code, l.Name))
			}
		}
		c.Bands = append(c.Bands, band)
	}
	view.SVG = template.HTML(c.SVG()) // package timeline escaped every value
	if view.SVG == "" {
		return nil
	}
	return view
}

// inForceOrComing are the versions of ed that were, are or will be in
// force, oldest first: not those replaced or withdrawn before their day.
func inForceOrComing(ed *model.Edition) []*model.Version {
	var out []*model.Version
	for _, v := range ed.Versions {
		if !v.NeverInForce && !v.Withdrawn() {
			out = append(out, v)
		}
	}
	return out
}

// lagging are the periods in which a translation's version in force
// followed an older text than the authoritative version in force: from the
// day a newer authoritative version took effect to the day the
// translation's next version did.
func lagging(tr, auth []*model.Version) []timeline.Period {
	var out []timeline.Period
	for i, v := range tr {
		follows := v.Translates
		if follows.IsZero() {
			follows = v.Date
		}
		var until date.Date
		if i+1 < len(tr) {
			until = tr[i+1].Effective
		}
		for _, a := range auth {
			if !a.Date.After(follows) {
				continue
			}
			from := a.Effective
			if from.Before(v.Effective) {
				from = v.Effective
			}
			if until.IsZero() || from.Before(until) {
				out = append(out, timeline.Period{From: from, Until: until})
			}
			break
		}
	}
	return out
}
