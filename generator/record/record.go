// Package record writes the machine-readable record of every published
// version: versions.json for each policy in each language and policies.json
// for the whole site. The schema is documented in the README; it answers
// questions such as "which version was in force on 3 March 2022?" without
// scraping HTML.
package record

import (
	"bytes"
	"encoding/json"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/model"
)

// Edition is versions.json: one policy in one language.
type Edition struct {
	Policy   string    `json:"policy"`
	Language string    `json:"language"`
	Title    string    `json:"title"`
	URL      string    `json:"url"`
	History  string    `json:"history"`
	Feed     string    `json:"feed"`
	InForce  *string   `json:"in_force"` // last_updated of the version in force; null before any is
	Versions []Version `json:"versions"` // newest first
}

// Version is one version of an edition.
type Version struct {
	LastUpdated string `json:"last_updated"`
	Effective   string `json:"effective"`
	Status      string `json:"status"` // "in-force", "upcoming" or "archived"
	// InForceFrom and InForceUntil bound the days the version was in force:
	// from (inclusive) until (exclusive). Until is null while it is still in
	// force; both are null for a version that never came into force.
	InForceFrom  *string `json:"in_force_from"`
	InForceUntil *string `json:"in_force_until"`
	Title        string  `json:"title"`
	Draft        bool    `json:"draft,omitempty"`
	Translates   *string `json:"translates,omitempty"`
	// Withdraws is the version before it, which it withdrew before that
	// one took effect.
	Withdraws *string `json:"withdraws,omitempty"`
	// ObjectionUntil is, for a version adding processors, the day
	// objections to them were (or are) too late: its effective date.
	ObjectionUntil *string     `json:"objection_until,omitempty"`
	URLs           URLs        `json:"urls"`
	Fingerprint    Fingerprint `json:"fingerprint"`
	Change         *Change     `json:"change"`
	Processors     []Processor `json:"processors"`
}

// URLs are a version's addresses, absolute.
type URLs struct {
	Page    string  `json:"page"`
	Source  string  `json:"source"`
	Changes *string `json:"changes"` // null for the first version
}

// Fingerprint proves a version's text (package fingerprint): the SHA-256
// of its source file, as `sha256sum source.md` prints it, of its main text,
// and the short id a consent log can keep beside the permalink.
type Fingerprint struct {
	ID     string `json:"id"`
	Source string `json:"source_sha256"`
	Text   string `json:"text_sha256"`
}

// FingerprintOf spells a version's fingerprint for the records.
func FingerprintOf(v *model.Version) Fingerprint {
	f := v.Fingerprint
	return Fingerprint{ID: fingerprint.ID(f), Source: fingerprint.Hex(f.Source), Text: fingerprint.Hex(f.Text)}
}

// Change is a version's change notice.
type Change struct {
	Summary string `json:"summary"`
	Kind    string `json:"kind"` // "editorial", "minor" or "material"
	// Material is kind == "material", as versions.json said before kinds.
	Material bool `json:"material"`
}

// Processor is a processor as listed by a version.
type Processor struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Purpose  string `json:"purpose"`
	Country  string `json:"country,omitempty"`
	Transfer string `json:"transfer,omitempty"`
	URL      string `json:"url,omitempty"`
}

// Site is policies.json: every policy, language and version.
type Site struct {
	Title    string   `json:"title"`
	BaseURL  string   `json:"base_url"`
	AsOf     string   `json:"as_of"` // the build's "today", which decided every status
	Policies []Policy `json:"policies"`
}

// Policy is one policy in every language.
type Policy struct {
	Policy    string    `json:"policy"`
	Languages []Edition `json:"languages"`
}

// ForEdition describes one edition.
func ForEdition(s *derive.Site, ed *model.Edition) Edition {
	lang, slug, u := ed.Lang, ed.Policy.Slug, s.URLs
	out := Edition{
		Policy:   slug,
		Language: lang,
		Title:    ed.Shown.Title,
		URL:      u.Absolute(u.Policy(lang, slug)),
		History:  u.Absolute(u.History(lang, slug)),
		Feed:     u.Absolute(u.PolicyFeed(lang, slug)),
		Versions: []Version{},
	}
	if ed.InForce != nil {
		out.InForce = str(ed.InForce.Date)
	}
	for i := len(ed.Versions) - 1; i >= 0; i-- {
		v := s.Version(ed.Versions[i])
		rv := Version{
			LastUpdated: v.Date.String(),
			Effective:   v.Effective.String(),
			Status:      v.Status.String(),
			Title:       v.Title,
			Draft:       v.Draft,
			URLs: URLs{
				Page:   u.Absolute(u.Version(lang, slug, v.Date)),
				Source: u.Absolute(u.Source(lang, slug, v.Date)),
			},
			Fingerprint: FingerprintOf(v.Version),
			Processors:  []Processor{},
		}
		rv.InForceFrom, rv.InForceUntil = Period(v.Period)
		if !v.Translates.IsZero() {
			rv.Translates = str(v.Translates)
		}
		if !v.Withdraws.IsZero() {
			rv.Withdraws = str(v.Withdraws)
		}
		if o := v.Objection; o != nil {
			rv.ObjectionUntil = str(o.Until)
		}
		if v.Changes != nil {
			c := u.Absolute(u.Changes(lang, slug, v.Date))
			rv.URLs.Changes = &c
		}
		if v.Change != nil {
			rv.Change = &Change{Summary: v.Change.Summary, Kind: v.Change.Kind.String(), Material: v.Change.Material()}
		}
		for _, p := range v.Processors {
			rv.Processors = append(rv.Processors, Processor(p))
		}
		out.Versions = append(out.Versions, rv)
	}
	return out
}

// Period spells the days a version was in force (derive's Period) as the
// records do: from (inclusive) until (exclusive); until is nil while it
// still is, and both are nil for a version that never was (p is nil).
func Period(p *derive.Period) (from, until *string) {
	if p == nil {
		return nil, nil
	}
	if !p.Until.IsZero() {
		until = str(p.Until)
	}
	return str(p.From), until
}

// ForSite describes the whole site.
func ForSite(s *derive.Site) Site {
	out := siteHead(s)
	for _, p := range s.Policies {
		rp := Policy{Policy: p.Slug}
		for _, ed := range p.Editions {
			rp.Languages = append(rp.Languages, ForEdition(s, ed))
		}
		out.Policies = append(out.Policies, rp)
	}
	return out
}

// MarshalSite writes policies.json, byte for byte Marshal(ForSite(s)), with
// each edition's part as edition returns it (EditionInSite, or the bytes
// it returned for an edition whose record is unchanged): the site's record
// is its editions' put together, and `gen serve` writes it after every
// save, when all but one of them are what they were.
func MarshalSite(s *derive.Site, edition func(*model.Edition) ([]byte, error)) ([]byte, error) {
	head := siteHead(s)
	parts := make([][][]byte, len(s.Policies))
	size := 0
	for i, p := range s.Policies {
		for _, ed := range p.Editions {
			part, err := edition(ed)
			if err != nil {
				return nil, err
			}
			parts[i] = append(parts[i], part)
			size += len(part) + len(editionIndent) + 2
		}
		size += len(p.Slug) + 64
	}
	var b bytes.Buffer
	b.Grow(size + len(head.Title) + len(head.BaseURL) + 64)
	b.WriteString("{\n  \"title\": ")
	writeString(&b, head.Title)
	b.WriteString(",\n  \"base_url\": ")
	writeString(&b, head.BaseURL)
	b.WriteString(",\n  \"as_of\": ")
	writeString(&b, head.AsOf)
	b.WriteString(",\n  \"policies\": [")
	for i, p := range s.Policies {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\n      \"policy\": ")
		writeString(&b, p.Slug)
		b.WriteString(",\n      \"languages\": ")
		if len(p.Editions) == 0 {
			b.WriteString("null") // ForSite leaves the slice nil
		} else {
			b.WriteByte('[')
			for j, part := range parts[i] {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString("\n" + editionIndent)
				b.Write(part)
			}
			b.WriteString("\n      ]")
		}
		b.WriteString("\n    }")
	}
	if len(s.Policies) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes(), nil
}

// editionIndent is how deep an edition's record stands in policies.json:
// in the languages of a policy in the site's policies.
const editionIndent = "        "

// EditionInSite is an edition's record as it stands in policies.json,
// indented to its depth there (its first line excepted: MarshalSite puts
// it after the indent).
func EditionInSite(s *derive.Site, ed *model.Edition) ([]byte, error) {
	compact, err := json.Marshal(ForEdition(s, ed))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(2 * len(compact))
	if err := json.Indent(&b, compact, editionIndent, "  "); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeString writes s as encoding/json spells a string.
func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always marshals
	b.Write(q)
}

// siteHead is policies.json without its policies.
func siteHead(s *derive.Site) Site {
	return Site{Title: s.Title, BaseURL: s.BaseURL, AsOf: s.Now.String(), Policies: []Policy{}}
}

// Marshal writes a record as indented JSON with a final newline.
func Marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func str(d date.Date) *string {
	s := d.String()
	return &s
}
