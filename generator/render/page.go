package render

import (
	"errors"
	"html/template"
	"sync"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
)

// Page is what every layout receives: the page's title and address, its
// Frame (the site, the language and the links around the content, which
// the pages of one policy share) and exactly one of the views below for its
// content. Layouts decide how things look, never which notice applies: that
// is decided here from the model.
type Page struct {
	*Frame

	Title     string
	Desc      string
	URL       string // site-relative
	Canonical string // absolute
	NoIndex   bool   // drafts, archived versions and redirects stay out of search engines
	// Policy is the Content-Security-Policy of the page's <meta
	// http-equiv>, for hosts that send no headers.
	Policy string
	// TimeMap is the policy's Memento TimeMap, absolute, on its version
	// pages: how a Memento client finds every version's datetime.
	TimeMap string

	Version  *VersionView
	History  *HistoryView
	Index    *IndexView
	Redline  *RedlineView
	Register *RegisterView
	Redirect string // the target of a redirect page
	// Inject is extra HTML before </body>, set only by serve.
	Inject template.HTML

	layout             *layout // the templates the page is rendered with
	stylesheet, script string  // their addresses
}

// Frame is what the pages of one policy, of one kind, in one language
// share around their content: the same switcher, feeds and notices. The
// parts of the layouts drawn from the frame alone are rendered once per
// frame (see Page.Partial). A frame does not change once made.
type Frame struct {
	cat *i18n.Catalog

	Site     *model.Site
	Lang     string
	LangName string
	Home     string // the language index
	// Alternates are the page in the site's other languages, for hreflang.
	Alternates []Link
	// Switcher links the same policy in every language of the site.
	Switcher []Link
	// Material lists the material changes announced on every page of the
	// language while their notice lasts.
	Material []MaterialNotice
	// Feeds are Atom feeds for <link rel="alternate">.
	Feeds []Link
	// Subscribe is the feed a visible "subscribe" link offers, if any.
	Subscribe string
	// Policies are the language's policies, for the side navigation of a
	// policy's pages; the current one is the page's.
	Policies []Link

	mu       sync.Mutex
	rendered map[partialKey]template.HTML // by Page.Partial
	kept     map[eachKey]template.HTML    // by Page.Each
}

// partialKey names a built-in partial: a file and a template it defines.
type partialKey struct{ file, name string }

// Link is an address with the words to show for it.
type Link struct {
	Lang    string
	Label   string
	Href    string
	Current bool
}

// T returns the UI string key in the page's language. A key that names
// no UI string is an error, which stops the build at the layout's place:
// the page would show the key.
func (f *Frame) T(key string, args ...string) (string, error) {
	if msg := i18n.Unknown(key); msg != "" {
		return "", errors.New(msg)
	}
	return f.cat.T(f.Lang, key, args...), nil
}

// Country names a processor's country code in the page's language, from
// CLDR ("DE": "Germany", "Tyskland"); a value that is no code is shown as
// written.
func (f *Frame) Country(code string) string { return i18n.CountryName(f.Lang, code) }

// Date formats a day in the page's language.
func (f *Frame) Date(d date.Date) string { return f.cat.Date(f.Lang, d) }

// Stylesheet is the address of the site's stylesheet.
func (p *Page) Stylesheet() string { return p.stylesheet }

// Script is the address of the one small script, which only the history
// page's comparison picker uses.
func (p *Page) Script() string { return p.script }

// MaterialNotice announces a material change on every page of a language.
type MaterialNotice struct {
	Policy string // the policy's title
	Date   string // formatted effective date
	Href   string
}

// VersionView is a version page: the policy in force, a permalink, an
// upcoming or an archived version.
type VersionView struct {
	V           *model.Version
	Status      string // the localized status
	StatusClass string // "in-force", "upcoming", "archived"
	Parts       []template.HTML
	Processors  []model.Processor
	// ProcessorsAtEnd is set when the body has no placeholder, so the
	// table follows the text under its own heading.
	ProcessorsAtEnd bool
	TOC             []TOCEntry

	Archived     *ArchivedNotice
	Change       *ChangeNotice
	Upcoming     []UpcomingNotice
	UpcomingPage *UpcomingPageNotice
	// Behind is set when the translation lags the authoritative version
	// in force, BehindUpcoming when it lags only one still to take effect.
	Behind         *BehindNotice
	BehindUpcoming *BehindNotice

	LastUpdated string
	Effective   string
	Permalink   string
	// PrintTrace ties a printout to its version: the permanent address,
	// and the status on the day the site was built. Shown only in print,
	// where the page's links are gone.
	PrintTrace string
	HistoryURL string
	ChangesURL string // "" for the first version
	CompareURL string // comparison with the version in force; "" for it
	SourceURL  string
	PDFURL     string // "" when the build prints no PDFs
	// Fingerprint is the version's, as versions.json spells it: the page
	// shows its short id and carries the full source sum.
	Fingerprint record.Fingerprint
}

// TOCEntry is a section in the table of contents with its subsections.
type TOCEntry struct {
	model.Heading
	Children []model.Heading
}

// ArchivedNotice tells a reader the version is no longer in force.
type ArchivedNotice struct {
	From, Until  string
	NeverInForce bool
	Withdrawn    bool
	InForceURL   string
	CompareURL   string
	// Bar is the notice in a few words, kept in sight at the top of the
	// window while the reader scrolls through an archived text.
	Bar string
}

// ChangeNotice tells a reader the version in force changed recently.
type ChangeNotice struct {
	Date       string
	Summary    string
	Material   bool
	ChangesURL string
	HistoryURL string
	Bound      *BoundNotice
}

// BoundNotice says the version before never came into force and offers
// the comparison with the one readers were bound by.
type BoundNotice struct {
	Previous string // the date of the version before, which never came into force
	Date     string // the date of the version readers were bound by
	Href     string // the comparison with it
}

// ObjectionNotice gives the last day to object to the processors a
// version adds, and where.
type ObjectionNotice struct {
	Processors string // their names
	LastDay    string
	How        string // site.toml's objection; "" when not given
}

// UpcomingNotice, on the page in force, announces a version to come.
type UpcomingNotice struct {
	Date       string
	Href       string
	ChangesURL string
}

// UpcomingPageNotice, on an upcoming version's page, says when it applies,
// or that it never will, since a newer version replaces it first.
type UpcomingPageNotice struct {
	Date       string
	InForceURL string // "" when nothing is in force yet
	// ReplacedBy is the date of the version in force on Date instead,
	// and ReplacedByURL its page; "" when this version takes effect.
	ReplacedBy, ReplacedByURL string
	// WithdrawnBy is the date of the version that withdrew it, and
	// WithdrawnByURL its page; "" unless it was withdrawn.
	WithdrawnBy, WithdrawnByURL string
	Objection                   *ObjectionNotice
}

// BehindNotice says a translation lags the authoritative language.
type BehindNotice struct {
	Language string // the authoritative language's name
	// Date is the last_updated of the version in force that prevails, or
	// the effective date of an upcoming one.
	Date string
	Href string // the page of that version
}

// HistoryView lists every version of an edition, newest first.
type HistoryView struct {
	PolicyTitle string
	Rows        []HistoryRow
	// CompareBase is the folder of the comparison pages, and Pairs lists
	// each rendered pair as "from..to=address" for the picker's script.
	CompareBase string
	Pairs       string
	Timeline    *TimelineView // nil when no version was ever in force
}

// HistoryRow is one version in the history.
type HistoryRow struct {
	Date         string
	ISODate      string
	Href         string
	Effective    string
	Status       string
	StatusClass  string
	From, Until  string
	NeverInForce bool
	Summary      string
	Material     bool
	Editorial    bool
	Withdrawn    bool
	ChangesURL   string
	CompareURL   string
	SourceURL    string
	Draft        bool
}

// IndexView lists a language's policies.
type IndexView struct {
	Policies []IndexEntry
	// Register and Calendar are the language's register of processors
	// and its calendar of changes.
	Register, Calendar string
	// Elsewhere are the site's policies this language does not have, each
	// with where it can be read, so a reader is not left thinking there
	// are no such terms.
	Elsewhere []ElsewhereEntry
	Timeline  *TimelineView
}

// ElsewhereEntry is a policy published only in other languages.
type ElsewhereEntry struct {
	Title string // in the first language that has it
	Lang  string // that language, for the title's lang attribute
	In    []Link // the policy in each language that has it
}

// IndexEntry is one policy on a language index.
type IndexEntry struct {
	Title        string
	Description  string
	Href         string
	HistoryURL   string
	InForceSince string
	UpcomingOn   string
	UpdatedOn    string // the day the version in force took effect, while its change notice shows
}
