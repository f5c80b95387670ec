// Package calendar writes a language's calendar of policy changes as
// iCalendar (RFC 5545), for legal teams, DPOs and customers to subscribe
// to: an all-day event on each day a version takes (or took) effect,
// with the versions package derive lists. Everything in it comes from the
// versions, never from the build's clock, so a rebuild changes no byte.
package calendar

import (
	"net/url"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/i18n"
)

// ContentType is the media type of the file.
const ContentType = "text/calendar; charset=utf-8"

// Build writes the calendar of lang.
func Build(s *derive.Site, cat *i18n.Catalog, lang string) []byte {
	cal := ics.NewCalendarFor("gen")
	cal.SetProductId("-//policygen//gen//EN")
	cal.SetCalscale("GREGORIAN")
	name := cat.T(lang, "calendar.name", "title", s.Title)
	cal.SetName(name)
	cal.SetXWRCalName(name)
	addr := s.URLs
	cal.SetUrl(addr.Absolute(addr.Calendar(lang)))
	// The site changes at most once a day, with the daily build.
	cal.SetRefreshInterval("P1D")
	cal.SetXPublishedTTL("P1D")
	host := s.BaseURL
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	for _, v := range s.Calendar(lang) {
		ed := v.Edition
		slug := ed.Policy.Slug
		// One event per policy, language and day: a version replaced
		// before its day by one taking effect the same day keeps the
		// event, which subscribers see updated rather than doubled.
		e := cal.AddEvent(slug + "-" + lang + "-" + v.Effective.String() + "@" + host)
		e.SetDtStampTime(v.Date.Time())
		e.SetAllDayStartAt(v.Effective.Time())
		e.SetAllDayEndAt(v.Effective.AddDays(1).Time())
		e.SetTimeTransparency(ics.TransparencyTransparent)
		e.SetSummary(cat.T(lang, "calendar.event", "policy", v.Title))
		page := addr.Absolute(addr.Version(lang, slug, v.Date))
		var desc []string
		if v.Change != nil && v.Change.Summary != "" {
			desc = append(desc, v.Change.Summary)
		}
		if v.Change.Material() {
			desc = append(desc, cat.T(lang, "email.material"))
			e.AddCategory(cat.T(lang, "history.material"))
		}
		desc = append(desc, cat.T(lang, "calendar.read", "url", page))
		e.SetDescription(strings.Join(desc, "\n\n"))
		e.SetURL(page)
	}
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}
