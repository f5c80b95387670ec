package render

import (
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/i18n"
)

// RegisterView is a language's register of processors.
type RegisterView struct {
	Rows      []RegisterRow
	CSV, JSON string
	// Objection is site.toml's objection: where to object to a change.
	Objection string
	Feed      string // the processors feed
}

// RegisterRow is one processor, with its details as they stand.
type RegisterRow struct {
	Name, Status, StatusClass string
	Added, Removed            string // formatted; Removed "" while in use
	Location, Purpose         string
	Country, Transfer, URL    string // Country named in the page's language
	Policies                  []Link
	Changes                   []Link // each version that changed it: "Added: 10 June 2024"
}

// registerPage lists every processor the language's policies have listed.
func (r *Renderer) registerPage(f *Frame, lang string) *Page {
	s := r.site
	u := s.URLs
	p := r.newPage(f, u.Register(lang), r.cat.T(lang, "register.title"))
	p.Desc = r.cat.T(lang, "register.intro", "title", s.Title)
	view := &RegisterView{CSV: u.RegisterCSV(lang), JSON: u.RegisterJSON(lang), Objection: s.Objection, Feed: u.ProcessorsFeed(lang)}
	day := func(d date.Date) string {
		if d.After(s.Now) {
			return r.cat.T(lang, "register.planned", "date", p.Date(d))
		}
		return p.Date(d)
	}
	for _, pr := range s.Register(lang) {
		row := RegisterRow{
			Name:        pr.Name,
			Status:      r.cat.T(lang, "register.status."+pr.Status.String()),
			StatusClass: pr.Status.String(),
			Added:       day(pr.Added),
			Location:    pr.Location,
			Purpose:     pr.Purpose,
			Country:     i18n.CountryName(lang, pr.Country),
			Transfer:    pr.Transfer,
			URL:         pr.URL,
		}
		if !pr.Removed.IsZero() {
			row.Removed = day(pr.Removed)
		}
		for _, ed := range pr.Policies {
			row.Policies = append(row.Policies, Link{Lang: lang, Label: ed.Shown.Title, Href: u.Policy(lang, ed.Policy.Slug)})
		}
		for _, c := range pr.Changes {
			v := c.Version
			row.Changes = append(row.Changes, Link{
				Lang:  lang,
				Label: r.cat.T(lang, "redline.processor_"+c.Kind) + ": " + p.Date(v.Effective) + " (" + v.Title + ")",
				Href:  u.Version(lang, v.Edition.Policy.Slug, v.Date),
			})
		}
		view.Rows = append(view.Rows, row)
	}
	p.Register = view
	return p
}
