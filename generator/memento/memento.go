// Package memento writes a policy's versions in the terms of the Memento
// protocol (RFC 7089), so that web archives and Memento clients can find
// the version in force at any moment: a TimeMap per policy and language
// (application/link-format, RFC 6690) whose original resource is the
// policy's address and whose mementos are its versions' permanent ones.
//
// Which datetime a memento carries: the moment its version came into force,
// the start of its effective day in the site's time zone, written in GMT as
// the protocol requires. That is when the policy's address began to show
// it, so a client asking "what was in force at D?" the usual way, by taking
// the latest memento at or before D, gets the version in force at D.
// last_updated (when it was written) would answer "what had been written
// by D", which for a version announced ahead is not what applied.
//
// A TimeMap lists the states its original resource has had, so versions
// that have not come into force are left out: an upcoming one joins on its
// effective day, with the daily build, and one replaced before it took
// effect never was the policy. Both keep their permanent pages, listed in
// the history and versions.json.
package memento

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/model"
)

// ContentType is the media type of a TimeMap.
const ContentType = "application/link-format"

// Mementos are the versions of ed that came into force, those with an
// in-force period, oldest first.
func Mementos(site *derive.Site, ed *model.Edition) []*derive.Version {
	var out []*derive.Version
	for _, v := range ed.Versions {
		if dv := site.Version(v); dv.Period != nil {
			out = append(out, dv)
		}
	}
	return out
}

// Datetime is the moment v came into force: the start of the first day of
// its period in zone, the site's time zone.
func Datetime(v *derive.Version, zone *time.Location) time.Time {
	d := v.Period.From
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, zone).UTC()
}

// HTTPDate spells a moment as Memento does (RFC 1123, in GMT).
func HTTPDate(t time.Time) string { return t.UTC().Format(http.TimeFormat) }

// TimeMap is the TimeMap of one policy in one language, published at
// the Scheme's TimeMap: the original, the TimeMap itself with the span of its
// mementos, and one memento a version, oldest first, one link a line.
func TimeMap(site *derive.Site, ed *model.Edition, zone *time.Location) []byte {
	u, lang, slug := site.URLs, ed.Lang, ed.Policy.Slug
	mementos := Mementos(site, ed)
	var b bytes.Buffer
	fmt.Fprintf(&b, "<%s>; rel=\"original\",\n", u.Absolute(u.Policy(lang, slug)))
	fmt.Fprintf(&b, "<%s>; rel=\"self\"; type=%q", u.Absolute(u.TimeMap(lang, slug)), ContentType)
	if len(mementos) > 0 {
		fmt.Fprintf(&b, "; from=%q; until=%q",
			HTTPDate(Datetime(mementos[0], zone)), HTTPDate(Datetime(mementos[len(mementos)-1], zone)))
	}
	for i, v := range mementos {
		rel := "memento"
		switch {
		case len(mementos) == 1:
			rel = "first last memento"
		case i == 0:
			rel = "first memento"
		case i == len(mementos)-1:
			rel = "last memento"
		}
		fmt.Fprintf(&b, ",\n<%s>; rel=%q; datetime=%q", u.Absolute(u.Version(lang, slug, v.Date)), rel, HTTPDate(Datetime(v, zone)))
	}
	b.WriteString("\n")
	return b.Bytes()
}
