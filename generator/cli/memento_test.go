package cli_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/policygen/gen/generator/internal/testsite"
)

// TestTimeMapsArePublished builds the example site and reads every
// policy's TimeMap as a Memento client does: parsed as link-format, its
// original the policy's address, its mementos every version that came into
// force, oldest first, each dated from midnight of its first day in force
// in the site's time zone (site.toml: Europe/Stockholm), written in GMT.
// Each version page and the policy's page link their TimeMap.
func TestTimeMapsArePublished(t *testing.T) {
	out := buildSite(t, exampleSite, "2026-11-23")
	const base = "https://policies.lumenledger.example"
	zone, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		Policies []struct {
			Languages []documentedEdition `json:"languages"`
		} `json:"policies"`
	}
	if err := json.Unmarshal(mustRead(t, out, "policies.json"), &index); err != nil {
		t.Fatal(err)
	}
	var eds []documentedEdition
	var timemaps []string
	for _, p := range index.Policies {
		for _, ed := range p.Languages {
			eds = append(eds, ed)
			timemaps = append(timemaps, string(mustRead(t, out, ed.Language+"/"+ed.Policy+"/timemap.link")))
		}
	}
	if len(eds) < 8 {
		t.Fatalf("only %d policies and languages in the example", len(eds))
	}
	parsed := testsite.ParseLinks(t, exampleSite, timemaps)
	mementos := 0
	for i, ed := range eds {
		name := ed.Policy + "/" + ed.Language
		addr := base + "/" + ed.Language + "/" + ed.Policy + "/"
		timemap := addr + "timemap.link"
		var original, self []string
		var got []string
		for _, l := range parsed[i] {
			switch l.Rel {
			case "original":
				original = append(original, l.URI)
			case "self":
				self = append(self, l.URI+" "+l.Type)
			case "memento":
				got = append(got, l.URI+" "+l.Datetime)
			}
		}
		if !slices.Equal(original, []string{addr}) || !slices.Equal(self, []string{timemap + " application/link-format"}) {
			t.Errorf("%s: original %q, self %q", name, original, self)
		}
		var want []string
		for _, v := range ed.Versions {
			if v.InForceFrom == nil {
				continue // never in force, or not yet: not a state the address has had
			}
			day, err := time.ParseInLocation("2006-01-02", *v.InForceFrom, zone)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, v.URLs.Page+" "+day.UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT"))
		}
		slices.Reverse(want) // versions.json is newest first
		if !slices.Equal(got, want) {
			t.Errorf("%s: mementos\n%s\nwant\n%s\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"), timemaps[i])
		}
		mementos += len(got)

		pages := []string{strings.TrimPrefix(addr, base)}
		for _, v := range ed.Versions {
			pages = append(pages, strings.TrimPrefix(v.URLs.Page, base))
		}
		for _, p := range pages {
			var links []string
			for _, l := range readPage(t, out, p).all("link", "") {
				if attr(l, "rel") == "timemap" {
					links = append(links, attr(l, "href")+" "+attr(l, "type"))
				}
			}
			if !slices.Equal(links, []string{timemap + " application/link-format"}) {
				t.Errorf("%s: timemap links %q, want the policy's", p, links)
			}
		}
	}
	if mementos < 10 {
		t.Errorf("only %d mementos in the example's TimeMaps", mementos)
	}
}

// TestVersionPagesShowTheirFingerprint reads every version page's
// fingerprint line, in each language's words, and the full source sum the
// page carries, and checks both against versions.json.
func TestVersionPagesShowTheirFingerprint(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	label := map[string]string{"en": "Fingerprint", "sv": "Fingeravtryck"}
	for name, versions := range publishedVersions(t, out) {
		policy, lang, _ := strings.Cut(name, "/")
		for _, v := range versions {
			addr := "/" + lang + "/" + policy + "/" + v.LastUpdated + "/"
			pg := readPage(t, out, addr)
			var metas []string
			for _, m := range pg.all("meta", "") {
				if attr(m, "name") == "gen:fingerprint" {
					metas = append(metas, attr(m, "content"))
				}
			}
			if !slices.Equal(metas, []string{v.Fingerprint.Source}) {
				t.Errorf("%s: <meta name=gen:fingerprint> %q, want the source sum %s", addr, metas, v.Fingerprint.Source)
			}
			lines := pg.all("div", "fingerprint")
			if len(lines) != 1 {
				t.Errorf("%s: %d fingerprint lines, want 1", addr, len(lines))
				continue
			}
			if got, want := text(lines[0]), label[lang]+" "+v.Fingerprint.ID; got != want {
				t.Errorf("%s: the fingerprint line says %q, want %q", addr, got, want)
			}
			data := pg.all("data", "")
			if len(data) != 1 || attr(data[0], "value") != v.Fingerprint.Source {
				t.Errorf("%s: the fingerprint line does not carry the source sum %s", addr, v.Fingerprint.Source)
			}
		}
	}
}
