package record

import (
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/i18n"
)

// Register is processors.json: every processor a language's policies
// have listed, for procurement and vendor-risk teams.
type Register struct {
	Language   string              `json:"language"`
	AsOf       string              `json:"as_of"` // the build's "today", which decided every status
	URL        string              `json:"url"`   // the register's page
	Processors []RegisterProcessor `json:"processors"`
}

// RegisterProcessor is one processor of the register with its current
// details.
type RegisterProcessor struct {
	Name   string `json:"name"`
	Status string `json:"status"` // "in-use", "upcoming" or "removed"
	// Added is the day a policy first listed it in force (or will);
	// Removed the day the last one stopped, null while one lists it.
	Added       string           `json:"added"`
	Removed     *string          `json:"removed"`
	Location    string           `json:"location"`
	Purpose     string           `json:"purpose"`
	Country     string           `json:"country,omitempty"`
	CountryName string           `json:"country_name,omitempty"` // in the register's language, from CLDR
	Transfer    string           `json:"transfer,omitempty"`
	URL         string           `json:"url,omitempty"`
	Policies    []RegisterPolicy `json:"policies"`
	Changes     []RegisterChange `json:"changes"`
}

// RegisterPolicy is a policy that lists the processor.
type RegisterPolicy struct {
	Policy string `json:"policy"`
	Title  string `json:"title"`
	URL    string `json:"url"`
}

// RegisterChange is a version that added, changed or removed the
// processor.
type RegisterChange struct {
	Policy    string   `json:"policy"`
	Version   string   `json:"version"`   // its last_updated
	Effective string   `json:"effective"` // the day the change took (or takes) effect
	Kind      string   `json:"kind"`      // "added", "changed" or "removed"
	Fields    []string `json:"fields,omitempty"`
	URL       string   `json:"url"`
}

// ForRegister describes lang's register.
func ForRegister(s *derive.Site, lang string) Register {
	u := s.URLs
	out := Register{Language: lang, AsOf: s.Now.String(), URL: u.Absolute(u.Register(lang)), Processors: []RegisterProcessor{}}
	for _, p := range s.Register(lang) {
		rp := RegisterProcessor{
			Name:     p.Name,
			Status:   p.Status.String(),
			Added:    p.Added.String(),
			Location: p.Location,
			Purpose:  p.Purpose,
			Country:  p.Country,
			Transfer: p.Transfer,
			URL:      p.URL,
			Policies: []RegisterPolicy{},
			Changes:  []RegisterChange{},
		}
		if p.Country != "" {
			rp.CountryName = i18n.CountryName(lang, p.Country)
		}
		if !p.Removed.IsZero() {
			rp.Removed = str(p.Removed)
		}
		for _, ed := range p.Policies {
			rp.Policies = append(rp.Policies, RegisterPolicy{Policy: ed.Policy.Slug, Title: ed.Shown.Title, URL: u.Absolute(u.Policy(lang, ed.Policy.Slug))})
		}
		for _, c := range p.Changes {
			v := c.Version
			rc := RegisterChange{
				Policy:    v.Edition.Policy.Slug,
				Version:   v.Date.String(),
				Effective: v.Effective.String(),
				Kind:      c.Kind,
				URL:       u.Absolute(u.Version(lang, v.Edition.Policy.Slug, v.Date)),
			}
			for _, f := range c.Fields {
				rc.Fields = append(rc.Fields, f.Field)
			}
			rp.Changes = append(rp.Changes, rc)
		}
		out.Processors = append(out.Processors, rp)
	}
	return out
}

// RegisterCSV writes the register as processors.csv (RFC 4180): a header
// row in the language, then a row per processor, dates as YYYY-MM-DD.
func RegisterCSV(r Register, cat *i18n.Catalog) []byte {
	lang := r.Language
	t := func(key string) string { return cat.T(lang, key) }
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{
		t("processors.name"), t("register.status_label"), t("register.added"), t("register.removed"),
		t("processors.location"), t("processors.purpose"), t("processors.country"), t("register.country_code"),
		t("processors.transfer"), t("processors.policy"), t("register.policies"), t("register.changes"),
	})
	for _, p := range r.Processors {
		removed := ""
		if p.Removed != nil {
			removed = *p.Removed
		}
		var policies, changes []string
		for _, pol := range p.Policies {
			policies = append(policies, pol.Title)
		}
		for _, c := range p.Changes {
			changes = append(changes, c.URL)
		}
		row := []string{
			p.Name, t("register.status." + p.Status), p.Added, removed,
			p.Location, p.Purpose, p.CountryName, p.Country,
			p.Transfer, p.URL, strings.Join(policies, "; "), strings.Join(changes, " "),
		}
		for i := range row {
			row[i] = inert(row[i])
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// inert keeps a spreadsheet from reading a cell as a formula: a value
// starting with =, +, -, @ or a control character is a formula to Excel
// and LibreOffice, which would run what a careless or hostile processor
// entry holds. A leading apostrophe makes it text.
func inert(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
