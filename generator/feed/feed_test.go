package feed_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/feed"
)

// atom is what a feed reader takes from a feed.
type atom struct {
	Lang    string `xml:"lang,attr"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Published string `xml:"published"`
		Links     []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

// feeds loads the cli test site on 10 April 2024, when privacy's version
// of 2024-03-01 is in force (a material change that added a processor),
// the one of 2024-04-05 is upcoming and terms has a draft.
func feeds(t *testing.T) (feed.Builder, *derive.Site) {
	t.Helper()
	loaded, diags := build.Load(build.Options{Site: "../cli/testdata/site", Now: "2024-04-10"})
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	d := derive.New(loaded.Site)
	return feed.Builder{Site: d, Catalog: loaded.Catalog}, d
}

// parse reads a feed as Builder writes it.
func parse(t *testing.T) func([]byte, error) atom {
	return func(b []byte, err error) atom {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var f atom
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatalf("not XML: %v\n%s", err, b)
		}
		return f
	}
}

func TestLanguageFeed(t *testing.T) {
	b, _ := feeds(t)
	f := parse(t)(b.Language("en"))
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, strings.TrimPrefix(e.ID, "tag:policies.acme.example,2000:"))
	}
	// Newest first; the draft of terms is not published.
	want := "/en/privacy/2024-04-05/ /en/privacy/2024-03-01/ /en/terms/2023-06-01/ /en/cookies/2023-05-01/ /en/privacy/2023-01-01/"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("entries %s\nwant    %s", got, want)
	}
	if f.Lang != "en" || f.ID != "https://policies.acme.example/en/feed.xml" || f.Updated != "2024-04-05T00:00:00Z" {
		t.Errorf("feed lang %q id %q updated %q", f.Lang, f.ID, f.Updated)
	}
	material := f.Entries[1]
	if len(material.Categories) != 1 || material.Categories[0].Term != "material" || !strings.Contains(material.Summary, "We added a mail provider.") {
		t.Errorf("the material change reads %+v", material)
	}
	related := func(i int) string {
		for _, l := range f.Entries[i].Links {
			if l.Rel == "related" {
				return l.Href
			}
		}
		return ""
	}
	if related(1) != "https://policies.acme.example/en/privacy/2024-03-01/changes/" || related(4) != "" {
		t.Errorf("what changed: %q for a later version, %q for a first one", related(1), related(4))
	}
}

func TestProcessorsFeed(t *testing.T) {
	b, _ := feeds(t)
	f := parse(t)(b.Processors("en"))
	if len(f.Entries) != 2 {
		t.Fatalf("%d entries, want the two versions that changed processors", len(f.Entries))
	}
	// The mail provider was added; customers could object until the day
	// before the version took effect.
	if e := f.Entries[0]; !strings.HasSuffix(e.ID, "/en/privacy/2024-03-01/#processors") ||
		e.Summary != "Added: Mail Co\nIf you object to one of the new processors (Mail Co), tell us by March 31, 2024: this version takes effect the next day." {
		t.Errorf("newest entry %s: %q", e.ID, e.Summary)
	}
	if f := parse(t)(b.Processors("sv")); !strings.Contains(f.Entries[0].Summary, "Hosting Co") {
		t.Errorf("Swedish processors feed %+v", f.Entries)
	}
}

// TestFeedWithNoEntries gives a feed with nothing in it a fixed date, so
// rebuilding it changes nothing.
func TestFeedWithNoEntries(t *testing.T) {
	b, d := feeds(t)
	ed := d.Edition(d.Site.Edition("en", "terms"))
	ed.Feed = nil
	f := parse(t)(b.Policy(ed))
	if len(f.Entries) != 0 || f.Updated != "1970-01-01T00:00:00Z" {
		t.Errorf("empty feed: %d entries, updated %q", len(f.Entries), f.Updated)
	}
}
