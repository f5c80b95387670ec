package record

import (
	"bytes"
	"encoding/json"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/model"
)

// Current is current.json, one per policy and language: the version the
// policy's address shows, for an app to show it and to record which
// version its user saw (the permalink and the fingerprint).
type Current struct {
	Policy      string `json:"policy"`
	Language    string `json:"language"`
	Title       string `json:"title"`
	LastUpdated string `json:"last_updated"`
	Effective   string `json:"effective"`
	// Status is "in-force", or "upcoming" while no version is in force
	// yet and the address shows the next to be; AsOf is the day that
	// decided it, the build's.
	Status      string      `json:"status"`
	AsOf        string      `json:"as_of"`
	Draft       bool        `json:"draft,omitempty"`
	Permalink   string      `json:"permalink"` // the version's permanent address
	URL         string      `json:"url"`       // the policy's address, which shows the version in force
	Embed       string      `json:"embed"`     // the body alone, as body_html holds it
	Change      *Change     `json:"change"`    // null for a first version
	Fingerprint Fingerprint `json:"fingerprint"`
	BodyHTML    string      `json:"body_html"` // what embed.html holds
}

// CurrentOf describes what ed's address shows; body is its embed.html.
func CurrentOf(s *derive.Site, ed *model.Edition, body string) Current {
	u, lang, slug := s.URLs, ed.Lang, ed.Policy.Slug
	v := ed.Shown
	c := Current{
		Policy:      slug,
		Language:    lang,
		Title:       v.Title,
		LastUpdated: v.Date.String(),
		Effective:   v.Effective.String(),
		Status:      v.Status.String(),
		AsOf:        s.Now.String(),
		Draft:       v.Draft,
		Permalink:   u.Absolute(u.Version(lang, slug, v.Date)),
		URL:         u.Absolute(u.Policy(lang, slug)),
		Embed:       u.Absolute(u.Embed(lang, slug)),
		Fingerprint: FingerprintOf(v),
		BodyHTML:    body,
	}
	if v.Change != nil {
		c.Change = &Change{Summary: v.Change.Summary, Kind: v.Change.Kind.String(), Material: v.Change.Material()}
	}
	return c
}

// MarshalCurrent writes current.json as Marshal writes the other records,
// but with the body's HTML as it is: escaping every < and > of a policy
// for a file that is never put inside a page would only make it longer.
func MarshalCurrent(c Current) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
