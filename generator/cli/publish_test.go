package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestFeedsFollowEveryVersion parses the feeds with a real feed parser and
// checks what a subscriber sees.
func TestFeedsFollowEveryVersion(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	parser := gofeed.NewParser()

	f, err := parser.Parse(bytes.NewReader(mustRead(t, out, "en/privacy/feed.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if f.FeedType != "atom" || len(f.Items) != 3 {
		t.Fatalf("privacy feed: type %q, %d entries, want atom with 3", f.FeedType, len(f.Items))
	}
	if f.Items[0].Link != "https://policies.acme.example/en/privacy/2024-04-05/" {
		t.Errorf("newest entry first: got %s", f.Items[0].Link)
	}
	var material bool
	for _, it := range f.Items {
		if strings.Contains(it.Description, "We added a mail provider.") {
			// gofeed shows an Atom category by its label.
			material = len(it.Categories) == 1 && it.Categories[0] == "Material change"
		}
	}
	if !material {
		t.Errorf("the material change carries no 'material' category")
	}

	all, err := parser.Parse(bytes.NewReader(mustRead(t, out, "en/feed.xml")))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range all.Items {
		if strings.Contains(it.Link, "2024-04-08") {
			t.Errorf("the feed lists a draft: %s", it.Link)
		}
	}
	if len(all.Items) != 3+1+1 { // privacy 3, cookies 1, terms 1 (its draft left out)
		t.Errorf("language feed has %d entries", len(all.Items))
	}

	procs, err := parser.Parse(bytes.NewReader(mustRead(t, out, "en/processors.xml")))
	if err != nil {
		t.Fatal(err)
	}
	var added bool
	for _, it := range procs.Items {
		if strings.Contains(it.Description, "Added: Mail Co") {
			added = true
		}
	}
	if !added {
		t.Errorf("the processors feed does not announce Mail Co")
	}

	// RFC 4287's required elements, checked on the raw XML.
	var raw struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(mustRead(t, out, "en/feed.xml"), &raw); err != nil {
		t.Fatal(err)
	}
	if raw.ID == "" || raw.Title == "" || raw.Updated != "2024-04-05T00:00:00Z" || raw.Author.Name != "Acme" {
		t.Errorf("feed head: %+v", raw)
	}
	for _, e := range raw.Entries {
		if !strings.HasPrefix(e.ID, "tag:policies.acme.example,") || e.Title == "" || e.Updated == "" {
			t.Errorf("entry lacks required elements: %+v", e)
		}
	}

	page := string(mustRead(t, out, "en/privacy/index.html"))
	if !strings.Contains(page, `<link rel="alternate" type="application/atom+xml"`) || !strings.Contains(page, `href="/en/privacy/feed.xml"`) {
		t.Errorf("the policy page does not offer its feed")
	}
}

// TestVersionsJSONAnswersWhatWasInForce reads versions.json the way a
// compliance tool would.
func TestVersionsJSONAnswersWhatWasInForce(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	var ed struct {
		InForce  *string `json:"in_force"`
		Versions []struct {
			LastUpdated  string  `json:"last_updated"`
			Status       string  `json:"status"`
			InForceFrom  *string `json:"in_force_from"`
			InForceUntil *string `json:"in_force_until"`
			URLs         struct {
				Page    string  `json:"page"`
				Changes *string `json:"changes"`
			} `json:"urls"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(mustRead(t, out, "en/privacy/versions.json"), &ed); err != nil {
		t.Fatal(err)
	}
	inForceOn := func(day string) string {
		for _, v := range ed.Versions {
			if v.InForceFrom != nil && *v.InForceFrom <= day && (v.InForceUntil == nil || day < *v.InForceUntil) {
				return v.LastUpdated
			}
		}
		return ""
	}
	for day, want := range map[string]string{
		"2022-12-31": "", "2023-03-03": "2023-01-01", "2024-03-31": "2023-01-01",
		"2024-04-01": "2024-03-01", "2024-04-10": "2024-03-01",
	} {
		if got := inForceOn(day); got != want {
			t.Errorf("in force on %s: %q, want %q", day, got, want)
		}
	}
	if ed.InForce == nil || *ed.InForce != "2024-03-01" || ed.Versions[0].Status != "upcoming" || ed.Versions[2].URLs.Changes != nil {
		t.Errorf("versions.json: %+v", ed)
	}

	var site struct {
		AsOf     string `json:"as_of"`
		Policies []struct {
			Policy    string `json:"policy"`
			Languages []struct {
				Language string `json:"language"`
			} `json:"languages"`
		} `json:"policies"`
	}
	if err := json.Unmarshal(mustRead(t, out, "policies.json"), &site); err != nil {
		t.Fatal(err)
	}
	if site.AsOf != "2024-04-10" || len(site.Policies) != 3 || len(site.Policies[1].Languages) != 2 {
		t.Errorf("policies.json: %+v", site)
	}
}

// documentedEdition is versions.json exactly as the README documents it.
// Decoding with unknown fields refused checks the output against the
// documented schema: no undocumented field, no field of another type.
type documentedEdition struct {
	Policy   string              `json:"policy"`
	Language string              `json:"language"`
	Title    string              `json:"title"`
	URL      string              `json:"url"`
	History  string              `json:"history"`
	Feed     string              `json:"feed"`
	InForce  *string             `json:"in_force"`
	Versions []documentedVersion `json:"versions"`
}

// documentedVersion is one version of versions.json.
type documentedVersion struct {
	LastUpdated  string  `json:"last_updated"`
	Effective    string  `json:"effective"`
	Status       string  `json:"status"`
	InForceFrom  *string `json:"in_force_from"`
	InForceUntil *string `json:"in_force_until"`
	Title        string  `json:"title"`
	Draft        bool    `json:"draft"`
	Translates   *string `json:"translates"`
	URLs         struct {
		Page    string  `json:"page"`
		Source  string  `json:"source"`
		Changes *string `json:"changes"`
	} `json:"urls"`
	Fingerprint documentedFingerprint `json:"fingerprint"`
	Change      *struct {
		Summary  string `json:"summary"`
		Kind     string `json:"kind"`
		Material bool   `json:"material"`
	} `json:"change"`
	Withdraws      *string `json:"withdraws"`
	ObjectionUntil *string `json:"objection_until"`
	Processors     []struct {
		Name     string `json:"name"`
		Location string `json:"location"`
		Purpose  string `json:"purpose"`
		Country  string `json:"country"`
		Transfer string `json:"transfer"`
		URL      string `json:"url"`
	} `json:"processors"`
}

// documentedFingerprint is a version's fingerprint, as versions.json and
// the manifest give it.
type documentedFingerprint struct {
	ID     string `json:"id"`
	Source string `json:"source_sha256"`
	Text   string `json:"text_sha256"`
}

// TestVersionsJSONFollowsTheDocumentedSchema decodes every versions.json
// and policies.json of the test site strictly and checks the values the
// README promises: dates as YYYY-MM-DD, the three statuses, absolute URLs.
func TestVersionsJSONFollowsTheDocumentedSchema(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10", "--drafts")
	dateRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	sumRE := regexp.MustCompile(`^[0-9a-f]{64}$`)
	check := func(where string, ed documentedEdition) {
		if ed.Policy == "" || ed.Language == "" || !strings.HasPrefix(ed.URL, "https://") || len(ed.Versions) == 0 {
			t.Errorf("%s: incomplete: %+v", where, ed)
		}
		for _, v := range ed.Versions {
			if !dateRE.MatchString(v.LastUpdated) || !dateRE.MatchString(v.Effective) {
				t.Errorf("%s: dates %q %q", where, v.LastUpdated, v.Effective)
			}
			switch v.Status {
			case "in-force", "upcoming", "archived":
			default:
				t.Errorf("%s: status %q", where, v.Status)
			}
			if c := v.Change; c != nil {
				switch c.Kind {
				case "editorial", "minor", "material":
				default:
					t.Errorf("%s: change kind %q", where, c.Kind)
				}
				if c.Material != (c.Kind == "material") {
					t.Errorf("%s: material %v with kind %q", where, c.Material, c.Kind)
				}
			}
			if v.Status == "upcoming" && (v.InForceFrom != nil || v.InForceUntil != nil) {
				t.Errorf("%s: an upcoming version has an in-force interval", where)
			}
			if v.Status == "in-force" && (v.InForceFrom == nil || v.InForceUntil != nil) {
				t.Errorf("%s: the version in force has interval %v..%v", where, v.InForceFrom, v.InForceUntil)
			}
			if !strings.HasPrefix(v.URLs.Page, "https://") || !strings.HasSuffix(v.URLs.Source, "/source.md") {
				t.Errorf("%s: urls %+v", where, v.URLs)
			}
			if f := v.Fingerprint; !sumRE.MatchString(f.Source) || !sumRE.MatchString(f.Text) || f.ID != f.Source[:12] {
				t.Errorf("%s: fingerprint %+v", where, f)
			}
			for _, p := range v.Processors {
				if p.Name == "" || p.Location == "" || p.Purpose == "" {
					t.Errorf("%s: processor without a required field: %+v", where, p)
				}
			}
		}
	}
	strict := func(b []byte, v any) error {
		d := json.NewDecoder(bytes.NewReader(b))
		d.DisallowUnknownFields()
		return d.Decode(v)
	}
	files := 0
	for rel, b := range tree(t, out) {
		if !strings.HasSuffix(rel, "/versions.json") {
			continue
		}
		files++
		var ed documentedEdition
		if err := strict(b, &ed); err != nil {
			t.Errorf("%s does not follow the documented schema: %v", rel, err)
		}
		check(rel, ed)
	}
	if files != 4 {
		t.Errorf("%d versions.json files, want 4", files)
	}
	var site struct {
		Title    string `json:"title"`
		BaseURL  string `json:"base_url"`
		AsOf     string `json:"as_of"`
		Policies []struct {
			Policy    string              `json:"policy"`
			Languages []documentedEdition `json:"languages"`
		} `json:"policies"`
	}
	if err := strict(mustRead(t, out, "policies.json"), &site); err != nil {
		t.Fatalf("policies.json does not follow the documented schema: %v", err)
	}
	for _, p := range site.Policies {
		for _, ed := range p.Languages {
			check("policies.json "+p.Policy, ed)
		}
	}
}
