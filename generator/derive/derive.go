// Package derive is the stage between the model and the render: it applies,
// once, the rules of what the site publishes about its versions — which
// comparisons each policy has, which notices each version's page shows,
// which material changes a language announces, what every feed lists —
// so that the render only formats what it is given. It also names what
// each page shows of the site (see Key), so `gen serve` can render again
// only the pages an edit touches. Like the model, it does no I/O.
package derive

import (
	"sort"
	"sync"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/redline"
	"github.com/policygen/gen/generator/urls"
)

// Site is a site with every rule applied. It embeds the model, which it
// leaves as it was.
type Site struct {
	*model.Site
	// URLs is the URL scheme of the site, published at its BaseURL.
	URLs     urls.Scheme
	editions map[*model.Edition]*Edition
	byName   map[[2]string]*model.Edition // by policy and language
	versions map[*model.Version]*Version
	material map[string][]*model.Version // by language
	feeds    map[string]*languageFeeds   // by language
	settings uint64                      // the stamp of the settings and the day (see Stamp)
}

// Edition is one policy in one language, with what its pages show.
type Edition struct {
	*model.Edition
	// Comparisons are its redline pages: every version's changes against
	// the one before it, every version against the one in force, and,
	// with compare = "all", every other pair.
	Comparisons []*Comparison
	// Coming are the upcoming versions that will come into force, in the
	// order they will.
	Coming []*model.Version
	// Announced are those of Coming the page in force announces: all but
	// the editorial ones, which change nothing for readers.
	Announced []*model.Version
	// WillShow are the versions the policy's address shows: the one shown
	// now and each upcoming one on the day it comes into force.
	WillShow []*model.Version
	// Material are the material changes its version pages announce: the
	// language's, without its own, which its change notice already tells.
	Material []*model.Version
	// Feed is its own feed: its published versions, newest first.
	Feed []Entry
}

// Comparison is one redline page.
type Comparison struct {
	From, To *model.Version // From is the older
	// Changes is set for the page of what To changed, From being the
	// version before it; otherwise the page compares any two versions.
	Changes bool
	// Change is To's change notice when the two are neighbours, which the
	// page repeats; nil otherwise.
	Change *model.Change
}

// Version is one version with what its page and its history row show.
type Version struct {
	*model.Version
	// Changes is its changes page; nil for the first version.
	Changes *Comparison
	// CompareInForce is its comparison with the version in force; nil for
	// that version itself and while none is in force.
	CompareInForce *Comparison
	// Listed is the comparison its row in the history links: the one with
	// the version in force, except for the version right after it, whose
	// changes page shows that pair already.
	Listed *Comparison
	// Period is when it was in force; nil for a version that never was.
	Period *Period
	// Bound is the version readers are bound by until this one takes
	// effect: the newest older one that came (or comes) into force; nil
	// for the first. It is Previous unless Previous never came into
	// force (replaced or withdrawn first).
	Bound *model.Version
	// Skipped are the versions between Bound and this one, oldest first:
	// announced, but they never came into force. BoundCompare is then the
	// comparison with Bound, what changes for readers; both are empty
	// when Previous is Bound.
	Skipped      []*model.Version
	BoundCompare *Comparison
	// ProcessorChanges are the processors it added, removed or changed against
	// the version before it (the one before that when that one was
	// withdrawn, since its processors were never to apply): what the
	// processors feed tells, and what gen check --base gives advance
	// notice of. A first version changes none.
	ProcessorChanges []redline.ProcessorChange
	// Objection is set on a version that adds processors to those readers
	// are bound by, and comes or came into force: until its effective
	// date they could object.
	Objection *Objection

	// The notices of its page; at most one of the first three.
	Archived     *ArchivedNotice
	ChangeNotice *ChangeNotice
	UpcomingPage *UpcomingPageNotice
	// Upcoming announces, on the page in force, each version to come.
	Upcoming []UpcomingNotice
	// Behind is set on the current and upcoming pages of a translation
	// that lags the authoritative language.
	Behind *BehindNotice
}

// Period is the days a version was in force: from From until the day
// before Until, the day another version took over (zero while it is still
// in force).
type Period struct{ From, Until date.Date }

// LastDay is the last day the version was in force, or zero while it is.
// A page names it: "until 15 September" beside the next version's "from 15
// September" would read as a day both were in force.
func (p Period) LastDay() date.Date {
	if p.Until.IsZero() {
		return date.Date{}
	}
	return p.Until.AddDays(-1)
}

// Objection is the window in which readers could object to the
// processors a version adds (GDPR Art. 28(2)).
type Objection struct {
	// Until is the first day objections are too late: the version's
	// effective date.
	Until date.Date
	// Added are the processors it adds, against the version readers are
	// bound by.
	Added []model.Processor
	// How is site.toml's objection: where to object; "" when not given.
	How string
}

// LastDay is the last day an objection is in time.
func (o *Objection) LastDay() date.Date { return o.Until.AddDays(-1) }

// ArchivedNotice tells a reader the version is no longer in force.
type ArchivedNotice struct {
	From    date.Date // its effective date
	LastDay date.Date // the last day it was in force, or would have been
	// NeverInForce is set when a newer version took effect first, or
	// withdrew it; WithdrawnBy is that version when it was withdrawn.
	NeverInForce bool
	WithdrawnBy  *model.Version
	// InForce is the version in force, to read instead, and Compare the
	// comparison with it; both nil while none is in force.
	InForce *model.Version
	Compare *Comparison
}

// ChangeNotice tells a reader the version in force changed recently.
type ChangeNotice struct {
	*model.Change
	// Changes is the page of what changed; nil for a first version, whose
	// notice leads to the history instead.
	Changes *Comparison
	// Bound and Skipped are the version's (see Version): when the version
	// before it never came into force, the notice also offers Bound, the
	// comparison with the version readers were bound by, and says why.
	Bound   *Comparison
	Skipped []*model.Version
}

// UpcomingNotice, on the page in force, announces a version to come and
// the comparison with it.
type UpcomingNotice struct {
	Version *model.Version
	Compare *Comparison
}

// UpcomingPageNotice, on an upcoming version's page, says when it takes
// effect, or that it never will.
type UpcomingPageNotice struct {
	InForce    *model.Version // the version in force meanwhile; nil if none
	ReplacedBy *model.Version // the version in force on its day instead, if any
	// WithdrawnBy is the version that withdrew it, if one did.
	WithdrawnBy *model.Version
	// Objection is how long readers may object to the processors it adds.
	Objection *Objection
}

// BehindNotice says a translation lags the authoritative language.
type BehindNotice struct {
	// Version is the authoritative version its readers are pointed to.
	Version *model.Version
	// Prevails is set when that version is in force: its text prevails.
	// Otherwise it has yet to take effect, and does not prevail before.
	Prevails bool
}

// Entry is a version as a feed lists it.
type Entry struct {
	*Version
	// ProcessorChanges are the processors it added, removed or changed against
	// the version before it; set in the processors feed.
	Processors []redline.ProcessorChange
}

// languageFeeds are a language's two feeds, listed the first time one is
// asked for: `gen serve` renders them again only for the language edited.
type languageFeeds struct {
	once            sync.Once
	all, processors []Entry
}

// New applies the rules to a modelled site.
func New(s *model.Site) *Site {
	// The model's BaseURL is site.toml's, which package config has read
	// with urls.New: it cannot fail again here.
	scheme, _ := urls.New(s.BaseURL)
	d := &Site{
		Site:     s,
		URLs:     scheme,
		editions: map[*model.Edition]*Edition{},
		byName:   map[[2]string]*model.Edition{},
		versions: map[*model.Version]*Version{},
		material: map[string][]*model.Version{},
		feeds:    map[string]*languageFeeds{},
	}
	for _, l := range s.Languages {
		d.material[l.Code] = materialNotices(s, l.Code)
		d.feeds[l.Code] = &languageFeeds{}
	}
	for _, p := range s.Policies {
		for _, ed := range p.Editions {
			d.editions[ed] = d.edition(ed)
			d.byName[[2]string{p.Slug, ed.Lang}] = ed
		}
	}
	d.settings = d.settingsStamp()
	return d
}

// Edition returns what ed's pages show.
func (d *Site) Edition(ed *model.Edition) *Edition { return d.editions[ed] }

// Version returns what v's page shows.
func (d *Site) Version(v *model.Version) *Version { return d.versions[v] }

// Material returns the material changes every page of lang announces: the
// versions in force whose change is material, while their notice lasts.
func (d *Site) Material(lang string) []*model.Version { return d.material[lang] }

// LanguageFeed returns the feed of lang: every published version of its
// policies, newest first.
func (d *Site) LanguageFeed(lang string) []Entry { return d.languageFeeds(lang).all }

// ProcessorsFeed returns the processors feed of lang: every published
// version of its policies that added, removed or changed processors,
// newest first. Customers under GDPR Art. 28(2) must hear of those.
func (d *Site) ProcessorsFeed(lang string) []Entry { return d.languageFeeds(lang).processors }

// edition applies the rules to one edition and its versions.
func (d *Site) edition(ed *model.Edition) *Edition {
	de := &Edition{Edition: ed, Coming: ed.Coming()}
	for _, u := range de.Coming {
		if !u.Editorial() {
			de.Announced = append(de.Announced, u)
		}
	}
	de.Comparisons = comparisons(d.Site, ed)
	de.WillShow = []*model.Version{ed.Shown}
	for _, u := range de.Coming {
		if u != ed.Shown {
			de.WillShow = append(de.WillShow, u)
		}
	}
	for _, v := range d.material[ed.Lang] {
		if v != ed.InForce {
			de.Material = append(de.Material, v)
		}
	}

	changes := map[*model.Version]*Comparison{}
	compared := map[[2]*model.Version]*Comparison{}
	for _, c := range de.Comparisons {
		if c.Changes {
			changes[c.To] = c
		} else {
			compared[[2]*model.Version{c.From, c.To}] = c
		}
	}
	compare := func(a, b *model.Version) *Comparison {
		if b.Date.Before(a.Date) {
			a, b = b, a
		}
		return compared[[2]*model.Version{a, b}]
	}
	for _, v := range ed.Versions {
		dv := &Version{Version: v, Changes: changes[v]}
		if ed.InForce != nil && ed.InForce != v {
			dv.CompareInForce = compare(v, ed.InForce)
			if ed.InForce != v.Previous {
				dv.Listed = dv.CompareInForce
			}
		}
		if v.Status != model.Upcoming && !v.NeverInForce {
			dv.Period = &Period{From: v.Effective, Until: v.Until}
		}
		dv.Bound, dv.Skipped = bound(v)
		if len(dv.Skipped) > 0 {
			dv.BoundCompare = compare(dv.Bound, v)
		}
		if b := basis(v); b != nil {
			dv.ProcessorChanges = redline.Processors(b.Processors, v.Processors)
		}
		dv.Objection = d.objection(v, dv.Bound)
		d.notices(dv, de, compare)
		d.versions[v] = dv
	}
	for _, v := range published(ed.Versions) {
		de.Feed = append(de.Feed, Entry{Version: d.versions[v]})
	}
	return de
}

// bound returns the version readers are bound by until v takes effect
// (see Version.Bound), and the versions after it, before v, that never
// came into force.
func bound(v *model.Version) (*model.Version, []*model.Version) {
	var skipped []*model.Version
	for p := v.Previous; p != nil; p = p.Previous {
		if !p.NeverInForce {
			return p, skipped
		}
		skipped = append([]*model.Version{p}, skipped...)
	}
	return nil, nil // nothing before it came into force: it is in effect the first
}

// basis is the version v's processor changes are told against: the one
// before it, or, past those withdrawn, the newest before it that was not.
// A replaced version's processors were announced, and their notice ran
// from its publication; a withdrawn one's were taken back.
func basis(v *model.Version) *model.Version {
	p := v.Previous
	for p != nil && p.Withdrawn() {
		p = p.Previous
	}
	return p
}

// objection is the objection window of v: set when it comes (or came)
// into force and adds processors to those of the version readers are
// bound by, bound.
func (d *Site) objection(v, bound *model.Version) *Objection {
	if bound == nil || v.NeverInForce {
		return nil
	}
	o := &Objection{Until: v.Effective, How: d.Objection}
	for _, c := range redline.Processors(bound.Processors, v.Processors) {
		if c.Kind == "added" {
			o.Added = append(o.Added, *c.New)
		}
	}
	if len(o.Added) == 0 {
		return nil
	}
	return o
}

// notices decides which notices v's page shows.
func (d *Site) notices(v *Version, ed *Edition, compare func(a, b *model.Version) *Comparison) {
	inForce := ed.InForce
	switch v.Status {
	case model.Archived:
		n := &ArchivedNotice{From: v.Effective, NeverInForce: v.NeverInForce, WithdrawnBy: v.WithdrawnBy, InForce: inForce, Compare: v.CompareInForce}
		n.LastDay = Period{Until: v.Until}.LastDay()
		v.Archived = n
	case model.InForce:
		if NoticeShown(v.Version, d.Now, d.NoticeDays) {
			v.ChangeNotice = &ChangeNotice{Change: v.Change, Changes: v.Changes, Bound: v.BoundCompare, Skipped: v.Skipped}
		}
		for _, u := range ed.Announced {
			v.Upcoming = append(v.Upcoming, UpcomingNotice{Version: u, Compare: compare(v.Version, u)})
		}
	case model.Upcoming:
		v.UpcomingPage = &UpcomingPageNotice{InForce: inForce, ReplacedBy: v.ReplacedBy, WithdrawnBy: v.WithdrawnBy, Objection: v.Objection}
	}
	if b := ed.Behind; b != nil && v.Status != model.Archived {
		v.Behind = &BehindNotice{Version: b, Prevails: b.Status == model.InForce}
	}
}

// comparisons lists the redline pages of an edition, as Edition.Comparisons
// describes them.
func comparisons(s *model.Site, ed *model.Edition) []*Comparison {
	var out []*Comparison
	for _, v := range ed.Versions {
		if v.Previous != nil {
			out = append(out, &Comparison{From: v.Previous, To: v, Changes: true, Change: v.Change})
		}
	}
	vs := ed.Versions
	for i, a := range vs {
		for _, b := range vs[i+1:] {
			// The comparison with the version readers were bound by, when
			// the ones between never came into force, is what changes for
			// them: its changes/ page and notice offer it.
			first, skipped := bound(b)
			if s.Compare == "all" || a == ed.InForce || b == ed.InForce || first == a && len(skipped) > 0 {
				c := &Comparison{From: a, To: b}
				if b.Previous == a {
					c.Change = b.Change
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// NoticeShown reports whether v's change notice is on display on now: it is
// the version in force, has a [change] that is not editorial, and took
// effect less than noticeDays ago.
func NoticeShown(v *model.Version, now date.Date, noticeDays int) bool {
	return v.Status == model.InForce && v.Change != nil && !v.Editorial() &&
		now.Before(v.Effective.AddDays(noticeDays))
}

// materialNotices lists, for one language, the versions in force whose
// material change notice is on display.
func materialNotices(s *model.Site, lang string) []*model.Version {
	var out []*model.Version
	for _, p := range s.Policies {
		if ed := p.Edition(lang); ed != nil && ed.InForce != nil && ed.InForce.Change != nil &&
			ed.InForce.Change.Material() && NoticeShown(ed.InForce, s.Now, s.NoticeDays) {
			out = append(out, ed.InForce)
		}
	}
	return out
}

// languageFeeds lists the entries of lang's feeds, once.
func (d *Site) languageFeeds(lang string) *languageFeeds {
	f := d.feeds[lang]
	if f == nil {
		return &languageFeeds{} // not a language of the site
	}
	f.once.Do(func() {
		var versions []*model.Version
		for _, p := range d.Policies {
			if ed := p.Edition(lang); ed != nil {
				versions = append(versions, ed.Versions...)
			}
		}
		for _, v := range published(versions) {
			dv := d.versions[v]
			f.all = append(f.all, Entry{Version: dv})
			changes := dv.ProcessorChanges
			if basis(v) == nil {
				// A policy's first version tells its processors, added to none.
				changes = redline.Processors(nil, v.Processors)
			}
			if len(changes) > 0 {
				f.processors = append(f.processors, Entry{Version: dv, Processors: changes})
			}
		}
	})
	return f
}

// published leaves out the drafts and the editorial changes, which no feed
// tells, and orders the rest newest first, ties broken by policy so that
// no feed depends on the order of the input.
func published(versions []*model.Version) []*model.Version {
	var out []*model.Version
	for _, v := range versions {
		if !v.Draft && !v.Editorial() {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Date != c.Date {
			return a.Date.After(c.Date)
		}
		return a.Edition.Policy.Slug < c.Edition.Policy.Slug
	})
	return out
}
