package redline

import (
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
)

// FrontMatterChange is a change to front matter a reader sees beside the
// text and the processors: the title or the effective date.
type FrontMatterChange struct {
	Field    string // the front matter key: "title" or "effective"
	Old, New string // the values, dates as YYYY-MM-DD
	// OldDate and NewDate are set for a date field, so a page can show
	// the dates in its reader's language; zero otherwise.
	OldDate, NewDate date.Date
}

// FrontMatter lists what changed in the front matter from old to new, in
// the order a redline shows it. The HTML redline and `gen diff` both show
// this list, so an author reviewing in a terminal sees what readers will.
func FrontMatter(old, new *model.Version) []FrontMatterChange {
	var cs []FrontMatterChange
	if old.Title != new.Title {
		cs = append(cs, FrontMatterChange{Field: "title", Old: old.Title, New: new.Title})
	}
	// Every version has its own effective date, by default its own
	// last_updated, which the redline's heading shows already: listing
	// the dates again as a change would make every redline look like an
	// amendment of when the policy applies. Only a date set apart from
	// last_updated, on either side, is news.
	if old.Effective != new.Effective && (old.Effective != old.Date || new.Effective != new.Date) {
		cs = append(cs, FrontMatterChange{
			Field: "effective", Old: old.Effective.String(), New: new.Effective.String(),
			OldDate: old.Effective, NewDate: new.Effective,
		})
	}
	return cs
}
