// Package model holds the site as plain data: policies, their editions in
// each language, and the versions of each edition, with the legal status of
// every version (in force, upcoming, archived) decided once, here. It does no
// I/O; the content package reads files and hands their parsed form to Build.
package model

import (
	"io"
	"strings"

	"github.com/policygen/gen/generator/date"
)

// Site is everything a build publishes.
type Site struct {
	Title                 string
	BaseURL               string // without a trailing slash
	DefaultLanguage       string
	AuthoritativeLanguage string // "" when no language prevails
	// Order lists policy slugs in the order they are shown; the rest
	// follow by title.
	Order      []string
	Languages  []Language
	NoticeDays int
	// ProcessorNoticeDays is how long before it takes effect a version
	// adding a processor must be published (gen check --base holds it).
	ProcessorNoticeDays int
	// Objection is how to object to a processor change (a mailto: or
	// https address); "" when the site does not say.
	Objection     string
	Compare       string // "in-force" or "all"
	Now           date.Date
	Drafts        bool   // drafts are included (serve, build --drafts)
	Host          string // site.toml's host: whose files to write for it
	IndexArchived bool   // archived versions are left to search engines to index
	Policies      []*Policy
}

// Language is a language the site publishes in.
type Language struct {
	Code string // lowercase BCP 47, e.g. "en", "pt-br"
	Name string // in the language itself, e.g. "Svenska"
}

// Policy is one policy (privacy, cookies, terms…) in all its languages.
type Policy struct {
	Slug     string
	Editions []*Edition // in the site's language order; only languages that have the policy
}

// Edition is one policy in one language with all its versions. Languages
// version independently, so each edition has its own history.
type Edition struct {
	Policy   *Policy
	Lang     string
	Versions []*Version // oldest first

	// InForce is the newest version whose effective date has arrived, or nil.
	InForce *Version
	// Shown is what /<lang>/<policy>/ shows: the version in force, or, when
	// none is in force yet, the newest upcoming one.
	Shown *Version
	// Upcoming are the versions newer than the one in force, oldest first,
	// including any that will be superseded before taking effect (see
	// Coming).
	Upcoming []*Version
	// Behind is set when this edition is a translation that has not caught
	// up with the authoritative language's newest version. It is the
	// authoritative version its readers are pointed to: the version in force
	// when the translation lags it (Status InForce: that text prevails), or
	// else the next version to take effect that the translation lags (Status
	// Upcoming: it does not prevail before its effective date).
	Behind *Version
}

// Status is a version's legal standing on the build's "now".
type Status int

const (
	Archived Status = iota // superseded, or never came into force
	InForce
	Upcoming
)

func (s Status) String() string {
	switch s {
	case InForce:
		return "in-force"
	case Upcoming:
		return "upcoming"
	}
	return "archived"
}

// Version is one dated text of an edition.
type Version struct {
	Edition *Edition

	Date        date.Date // last_updated: the version's identity
	Effective   date.Date // defaults to Date
	Title       string
	Description string
	Draft       bool
	Translates  date.Date // zero unless the translation names its source version
	// Withdraws is the date of the version before this one when this one
	// withdraws it (front matter withdraws): announced, it never takes
	// effect. Zero otherwise.
	Withdraws  date.Date
	Change     *Change // nil when the version has no change notice
	Processors []Processor

	Status Status
	// Until is the day another version took over, when this version has
	// been superseded; zero while it is in force or upcoming.
	Until date.Date
	// NeverInForce is set for a version superseded before its effective
	// date, and for an upcoming one that a newer version will supersede
	// before it takes effect; ReplacedBy is then that newer version.
	NeverInForce bool
	ReplacedBy   *Version
	// WithdrawnBy is the newer version that withdrew this one before it
	// took effect (its withdraws names this one); nil otherwise. A
	// withdrawn version never comes into force.
	WithdrawnBy *Version

	// Previous and Next are the neighbouring versions of the same edition.
	Previous, Next *Version

	SourcePath string // relative to the site, slash-separated
	// InArchive is set when the file lies in the policy's archive/: it
	// was published and may never be edited (gen check --base), whether
	// or not it is still the version in force.
	InArchive bool
	// The source file itself is not kept: on a large site the sources
	// would be a third of the build's memory. SourceSize and SourceSum
	// identify the bytes that were parsed, so the file can be read again
	// for source.md and redlines and checked unchanged (content.ReadSource).
	SourceSize int
	SourceSum  uint32 // CRC-32C
	BodyOffset int    // where the Markdown body starts in the file
	// FrontMatterSum is the CRC-32C of the file up to the body: what
	// changes when any of the fields above does, and not with the text.
	FrontMatterSum uint32
	Body           Body
	// Fingerprint proves the version's text (package fingerprint).
	Fingerprint Fingerprint
}

// Fingerprint identifies a version's text: the SHA-256 of its exact source
// file and of its rendered main text. Package fingerprint defines both.
type Fingerprint struct {
	Source, Text [32]byte
}

// Change is the change notice of a version.
type Change struct {
	Summary string
	Kind    ChangeKind
}

// ChangeKind says how a change is told to readers.
type ChangeKind uint8

const (
	// Minor is the default: a change notice on the policy's pages and an
	// entry in its feeds.
	Minor ChangeKind = iota
	// Editorial is a change of wording that changes nothing for readers
	// (typos, formatting, links): no change notice, no feed entry.
	Editorial
	// Material is a change readers must hear of: also announced on every
	// page of the language while its notice shows.
	Material
)

// ChangeKinds are the kinds, as front matter spells them.
var ChangeKinds = []string{"editorial", "minor", "material"}

func (k ChangeKind) String() string {
	switch k {
	case Editorial:
		return "editorial"
	case Material:
		return "material"
	}
	return "minor"
}

// ParseChangeKind reads a kind as front matter spells it.
func ParseChangeKind(s string) (ChangeKind, bool) {
	switch s {
	case "editorial":
		return Editorial, true
	case "minor":
		return Minor, true
	case "material":
		return Material, true
	}
	return Minor, false
}

// Material reports whether the change is material; false without one.
func (c *Change) Material() bool { return c != nil && c.Kind == Material }

// Editorial reports whether the version's change is editorial: then it
// has no change notice and no feed entry.
func (v *Version) Editorial() bool { return v.Change != nil && v.Change.Kind == Editorial }

// Withdrawn reports whether a newer version withdrew v before it took
// effect.
func (v *Version) Withdrawn() bool { return v.WithdrawnBy != nil }

// Processor is a company processing personal data on the publisher's behalf.
type Processor struct {
	Name     string
	Location string // where the processing takes place
	Purpose  string
	Country  string // where the processor is established; optional
	Transfer string // safeguard for a transfer outside the EU/EEA; optional
	URL      string // the processor's own policy; optional
}

// Body is a version's rendered Markdown.
type Body struct {
	// Parts are HTML fragments; the processors table goes between each two
	// consecutive parts (one {{< processors >}} placeholder each). A body
	// with processors and no placeholder has one part and the table follows it.
	Parts    []Part
	Headings []Heading
	// Placeholder reports whether the author placed the processors table.
	Placeholder bool
	// PlaceholderLines are the file lines of the placeholders, for errors.
	PlaceholderLines []int
	// Links are the body's links and images within the site, so a broken
	// one can be reported at the line and column where it is written.
	Links []Link
	// NoteIDs are the ids of the body's footnotes and of the references
	// to them ("fn:1", "fnref:1"), which links may point at besides its
	// headings.
	NoteIDs []string
}

// Part is an HTML fragment of a body, held as the pieces whose
// concatenation it is. The versions of a policy share most of their
// paragraphs, and their parts share those paragraphs' rendering, read-only:
// each version's body held whole would be most of a large site's memory.
type Part [][]byte

// Len is the length of the part's HTML in bytes.
func (p Part) Len() int {
	n := 0
	for _, b := range p {
		n += len(b)
	}
	return n
}

// String is the part's HTML.
func (p Part) String() string {
	if len(p) == 1 {
		return string(p[0])
	}
	var b strings.Builder
	b.Grow(p.Len())
	for _, piece := range p {
		b.Write(piece)
	}
	return b.String()
}

// Reader reads the part's HTML.
func (p Part) Reader() io.Reader { return &partReader{part: p} }

// partReader reads a part piece by piece, leaving the pieces as they are.
type partReader struct {
	part     Part
	piece, n int // the next byte to read: part[piece][n]
}

func (r *partReader) Read(b []byte) (int, error) {
	for r.piece < len(r.part) && r.n == len(r.part[r.piece]) {
		r.piece, r.n = r.piece+1, 0
	}
	if r.piece == len(r.part) {
		return 0, io.EOF
	}
	k := copy(b, r.part[r.piece][r.n:])
	r.n += k
	return k, nil
}

// Append appends the part's HTML to dst.
func (p Part) Append(dst []byte) []byte {
	for _, piece := range p {
		dst = append(dst, piece...)
	}
	return dst
}

// Link is an address written in a body that points into the site.
type Link struct {
	Dest      string // as the author wrote it, for messages
	Href      string // as the page links it: entities and escapes resolved, percent-encoded
	Line, Col int
}

// Heading is a heading of a version's body, for the table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Coming lists the upcoming versions that will come into force, in the
// order they will: leaving out those superseded before their day leaves
// their effective dates rising with their dates.
func (ed *Edition) Coming() []*Version {
	var out []*Version
	for _, v := range ed.Upcoming {
		if !v.NeverInForce {
			out = append(out, v)
		}
	}
	return out
}
