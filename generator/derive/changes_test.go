package derive

import (
	"fmt"
	"strings"
	"testing"
)

// announced: the version in force since 2024-03-01, one announced for
// 2024-09-01, and one of 2024-07-01 that follows it.
func announced(last version) []version {
	return []version{
		{policy: "privacy", lang: "en", date: "2024-02-15", effective: "2024-03-01", processors: []string{"Hetzner"}},
		{policy: "privacy", lang: "en", date: "2024-06-01", effective: "2024-09-01", processors: []string{"Hetzner", "Mailer"}},
		last,
	}
}

// TestBoundVersion: when the version before never comes into force, the
// version readers are bound by until the new one takes effect is the one
// before that, and the new version's pages offer that comparison.
func TestBoundVersion(t *testing.T) {
	for _, tc := range []struct {
		name    string
		last    version
		bound   string // date of the version readers are bound by
		skipped string
		compare string // the comparison offered, "none" when none
	}{
		{"replaced on its day", version{policy: "privacy", lang: "en", date: "2024-07-01", effective: "2024-09-01", processors: []string{"Hetzner", "Mailer"}},
			"2024-02-15", "[2024-06-01]", "compare 2024-02-15..2024-07-01"},
		{"withdrawn", version{policy: "privacy", lang: "en", date: "2024-07-01", effective: "2024-10-01", withdraws: "2024-06-01", processors: []string{"Hetzner"}},
			"2024-02-15", "[2024-06-01]", "compare 2024-02-15..2024-07-01"},
		{"after it", version{policy: "privacy", lang: "en", date: "2024-07-01", effective: "2024-10-01", processors: []string{"Hetzner", "Mailer"}},
			"2024-06-01", "[]", "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := site(t, "2024-07-10", "in-force", announced(tc.last)...)
			ed := edition(t, d, "privacy", "en")
			v := d.Version(ed.Versions[2])
			var skipped []string
			for _, s := range v.Skipped {
				skipped = append(skipped, s.Date.String())
			}
			if v.Bound.Date.String() != tc.bound || fmt.Sprint(skipped) != tc.skipped || v.BoundCompare.String() != tc.compare {
				t.Errorf("bound %s, skipped %v, compare %s; want %s, %s, %s", v.Bound.Date, skipped, v.BoundCompare, tc.bound, tc.skipped, tc.compare)
			}
			if tc.compare != "none" && !strings.Contains(fmt.Sprint(ed.Comparisons), tc.compare) {
				t.Errorf("the comparison %s is not among the edition's pages: %v", tc.compare, ed.Comparisons)
			}
		})
	}
}

// TestObjectionWindow: a version adding a processor to those readers are
// bound by carries the window to object, until it takes effect; one
// replaced before its day does not, and the feed tells against the
// version before (past a withdrawn one).
func TestObjectionWindow(t *testing.T) {
	d := site(t, "2024-07-10", "in-force", announced(version{policy: "privacy", lang: "en", date: "2024-07-01", effective: "2024-09-01", processors: []string{"Hetzner", "Mailer"}})...)
	ed := edition(t, d, "privacy", "en")
	replaced, replacing := d.Version(ed.Versions[1]), d.Version(ed.Versions[2])
	if replaced.Objection != nil {
		t.Errorf("a version that never takes effect has an objection window")
	}
	if o := replacing.Objection; o == nil || o.Until.String() != "2024-09-01" || len(o.Added) != 1 || o.Added[0].Name != "Mailer" || o.LastDay().String() != "2024-08-31" {
		t.Errorf("the replacing version's objection window: %+v", o)
	}
	// The mailer was announced with the replaced version: the feed told
	// of it then, not again.
	if len(replacing.ProcessorChanges) != 0 || len(replaced.ProcessorChanges) != 1 {
		t.Errorf("processor changes: replaced %v, replacing %v", replaced.ProcessorChanges, replacing.ProcessorChanges)
	}
	if n := replacing.UpcomingPage; n == nil || n.Objection != replacing.Objection {
		t.Errorf("the upcoming page does not show the objection window")
	}

	w := site(t, "2024-07-10", "in-force", announced(version{policy: "privacy", lang: "en", date: "2024-07-01", effective: "2024-10-01", withdraws: "2024-06-01", processors: []string{"Hetzner", "Mailer"}})...)
	wed := edition(t, w, "privacy", "en")
	if c := w.Version(wed.Versions[2]).ProcessorChanges; len(c) != 1 || c[0].Kind != "added" {
		t.Errorf("after a withdrawn version, the new one's processors are told against the one in force: %v", c)
	}
	if n := w.Version(wed.Versions[1]).UpcomingPage; n == nil || n.WithdrawnBy != wed.Versions[2] {
		t.Errorf("the withdrawn version's page does not say it was withdrawn")
	}
}

// TestEditorialIsNotAnnounced: an editorial version in force shows no
// change notice, one to come is not announced, and no feed lists it.
func TestEditorialIsNotAnnounced(t *testing.T) {
	d := site(t, "2024-03-10", "in-force",
		version{policy: "privacy", lang: "en", date: "2023-01-01"},
		version{policy: "privacy", lang: "en", date: "2024-03-05", editorial: true},
		version{policy: "terms", lang: "en", date: "2023-01-01"},
		version{policy: "terms", lang: "en", date: "2024-03-09", effective: "2024-04-01", editorial: true},
	)
	privacy, terms := edition(t, d, "privacy", "en"), edition(t, d, "terms", "en")
	if n := d.Version(privacy.InForce).ChangeNotice; n != nil {
		t.Errorf("an editorial version in force shows a change notice: %+v", n)
	}
	if len(terms.Coming) != 1 || len(terms.Announced) != 0 || len(d.Version(terms.InForce).Upcoming) != 0 {
		t.Errorf("an editorial version to come is announced: coming %v, announced %v", terms.Coming, terms.Announced)
	}
	for _, e := range append(d.LanguageFeed("en"), privacy.Feed...) {
		if e.Editorial() {
			t.Errorf("a feed lists the editorial version %s", e.Version.Version)
		}
	}
	for _, v := range d.Calendar("en") {
		if v.Editorial() {
			t.Errorf("the calendar has the editorial version %s", v.Version)
		}
	}
}

// TestRegisterStatus follows one processor through the register: added by
// one policy, listed by a second, dropped by the first and then, in a
// version to come, by the second.
func TestRegisterStatus(t *testing.T) {
	vs := []version{
		{policy: "privacy", lang: "en", date: "2023-01-01", processors: []string{"Hetzner"}},
		{policy: "privacy", lang: "en", date: "2023-06-01", processors: []string{"Mailer"}},
		{policy: "dpa", lang: "en", date: "2023-03-01", processors: []string{"Hetzner"}},
		{policy: "dpa", lang: "en", date: "2024-01-01", effective: "2024-05-01", processors: []string{"Mailer", "Scanner"}},
	}
	for _, tc := range []struct {
		now, want string
	}{
		// Both policies drop it in versions to come: planned removal.
		{"2023-04-01", "Hetzner in-use 2023-01-01..2024-05-01 | Mailer upcoming 2023-06-01.. | Scanner upcoming 2024-05-01.."},
		{"2024-02-01", "Hetzner in-use 2023-01-01..2024-05-01 | Mailer in-use 2023-06-01.. | Scanner upcoming 2024-05-01.."},
		{"2024-06-01", "Hetzner removed 2023-01-01..2024-05-01 | Mailer in-use 2023-06-01.. | Scanner in-use 2024-05-01.."},
	} {
		d := site(t, tc.now, "in-force", vs...)
		var got []string
		for _, p := range d.Register("en") {
			removed := ""
			if !p.Removed.IsZero() {
				removed = p.Removed.String()
			}
			got = append(got, fmt.Sprintf("%s %s %s..%s", p.Name, p.Status, p.Added, removed))
		}
		if strings.Join(got, " | ") != tc.want {
			t.Errorf("%s: %s\nwant     %s", tc.now, strings.Join(got, " | "), tc.want)
		}
	}
	// Its history: the versions that added, changed or removed it.
	d := site(t, "2024-06-01", "in-force", vs...)
	for _, p := range d.Register("en") {
		if p.Name != "Hetzner" {
			continue
		}
		var events []string
		for _, e := range p.Changes {
			events = append(events, e.Version.String()+" "+e.Kind)
		}
		if want := "privacy/en 2023-01-01 added, dpa/en 2023-03-01 added, privacy/en 2023-06-01 removed, dpa/en 2024-01-01 removed"; strings.Join(events, ", ") != want {
			t.Errorf("Hetzner's changes: %s\nwant %s", strings.Join(events, ", "), want)
		}
		if len(p.Policies) != 2 {
			t.Errorf("Hetzner is listed in %d policies", len(p.Policies))
		}
	}
}
