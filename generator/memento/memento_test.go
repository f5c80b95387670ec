package memento_test

import (
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/memento"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
)

// TestTimeMapsNameTheVersionInForce writes the TimeMap of every policy and
// language of the example site, parses it as link-format, and checks it as
// a Memento client reads it: the original is the policy's address, each
// version that came into force is a memento dated from the start of its
// effective day in the site's zone, and the latest memento at or before any
// moment is the version in force then.
func TestTimeMapsNameTheVersionInForce(t *testing.T) {
	loaded, diags := build.Load(build.Options{Site: filepath.Join("..", ".."), Now: "2026-11-23"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s := derive.New(loaded.Site)
	zone, err := time.LoadLocation("Europe/Stockholm") // the example's site.toml
	if err != nil {
		t.Fatal(err)
	}
	var eds []*model.Edition
	var timemaps []string
	for _, p := range s.Policies {
		for _, ed := range p.Editions {
			eds = append(eds, ed)
			timemaps = append(timemaps, string(memento.TimeMap(s, ed, loaded.Config.Timezone)))
		}
	}
	parsed := testsite.ParseLinks(t, filepath.Join("..", ".."), timemaps)
	const base = "https://policies.lumenledger.example"
	gmt := func(day string) string {
		d, _ := time.ParseInLocation("2006-01-02", day, zone)
		return d.UTC().Format("Mon, 02 Jan 2006 15:04:05") + " GMT"
	}
	sawUpcoming := false
	for i, ed := range eds {
		name := ed.Policy.Slug + "/" + ed.Lang
		addr := base + "/" + ed.Lang + "/" + ed.Policy.Slug + "/"
		rels := map[string][]testsite.Link{}
		for _, l := range parsed[i] {
			rels[l.Rel] = append(rels[l.Rel], l)
		}
		if o := rels["original"]; len(o) != 1 || o[0].URI != addr {
			t.Errorf("%s: original %+v, want %s", name, o, addr)
		}
		// The mementos a client should see: the versions with an in-force
		// period in versions.json, dated from its first day.
		var want []testsite.Link
		for _, v := range record.ForEdition(s, ed).Versions {
			if v.InForceFrom == nil {
				sawUpcoming = sawUpcoming || v.Status == "upcoming"
				continue
			}
			want = append(want, testsite.Link{URI: addr + v.LastUpdated + "/", Rel: "memento", Datetime: gmt(*v.InForceFrom)})
		}
		slices.Reverse(want) // versions.json is newest first, a TimeMap oldest first
		if got := rels["memento"]; !slices.Equal(got, want) {
			t.Errorf("%s: mementos\n%+v\nwant\n%+v\n%s", name, got, want, timemaps[i])
			continue
		}
		self := rels["self"]
		if len(self) != 1 || self[0].URI != addr+"timemap.link" || self[0].Type != "application/link-format" ||
			self[0].From != want[0].Datetime || self[0].Until != want[len(want)-1].Datetime {
			t.Errorf("%s: self %+v", name, self)
		}
		if f, l := rels["first"], rels["last"]; len(f) != 1 || f[0].URI != want[0].URI || len(l) != 1 || l[0].URI != want[len(want)-1].URI {
			t.Errorf("%s: first %+v, last %+v", name, f, l)
		}

		// Ask as a Memento client does, at the start of each effective day,
		// a moment before it and at noon, in the site's zone.
		for _, v := range ed.Versions {
			start, _ := time.ParseInLocation("2006-01-02", v.Effective.String(), zone)
			for _, at := range []time.Time{start.Add(-time.Second), start, start.Add(12 * time.Hour)} {
				var picked string
				for _, m := range want {
					if mt, _ := http.ParseTime(m.Datetime); !mt.After(at) {
						picked = m.URI
					}
				}
				day := date.Of(at.In(zone))
				if day.After(s.Now) {
					continue // to come: the TimeMap lists only what has been
				}
				var inForce string
				if v := ed.InForceOn(day); v != nil {
					inForce = addr + v.Date.String() + "/"
				}
				if picked != inForce {
					t.Errorf("%s at %s: the TimeMap gives %q, but %q was in force", name, at.UTC(), picked, inForce)
				}
			}
		}
	}
	if !sawUpcoming {
		t.Error("the example has no upcoming version on 2026-11-23; the test does not see one left out")
	}
}
