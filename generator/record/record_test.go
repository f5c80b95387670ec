package record_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/corpus"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
)

// site loads the cli test site on day, drafts included when asked.
func site(t *testing.T, day string, drafts bool) *derive.Site {
	t.Helper()
	loaded, diags := build.Load(build.Options{Site: "../cli/testdata/site", Now: day, Drafts: drafts})
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	return derive.New(loaded.Site)
}

// decoded is versions.json as a program reading it sees it.
type decoded struct {
	InForce  *string `json:"in_force"`
	Versions []struct {
		LastUpdated  string  `json:"last_updated"`
		Status       string  `json:"status"`
		InForceFrom  *string `json:"in_force_from"`
		InForceUntil *string `json:"in_force_until"`
		Draft        bool    `json:"draft"`
		Translates   *string `json:"translates"`
		URLs         struct {
			Page    string  `json:"page"`
			Changes *string `json:"changes"`
		} `json:"urls"`
		Change     *struct{ Material bool } `json:"change"`
		Processors []struct{ Name string }  `json:"processors"`
	} `json:"versions"`
}

func edition(t *testing.T, d *derive.Site, policy, lang string) decoded {
	t.Helper()
	b, err := record.Marshal(record.ForEdition(d, d.Site.Edition(lang, policy)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(b), "}\n") {
		t.Errorf("versions.json does not end with a newline")
	}
	var out decoded
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

// TestInForcePeriods answers "which version was in force on a day" from
// the record alone, on 10 April 2024: the first version until 1 April,
// the second since, and the third still to come.
func TestInForcePeriods(t *testing.T) {
	r := edition(t, site(t, "2024-04-10", false), "privacy", "en")
	if str(r.InForce) != "2024-03-01" || len(r.Versions) != 3 {
		t.Fatalf("in force %s, %d versions", str(r.InForce), len(r.Versions))
	}
	var got []string
	for _, v := range r.Versions {
		got = append(got, v.LastUpdated+" "+v.Status+" "+str(v.InForceFrom)+".."+str(v.InForceUntil)+" changes "+str(v.URLs.Changes))
	}
	want := []string{
		"2024-04-05 upcoming null..null changes https://policies.acme.example/en/privacy/2024-04-05/changes/",
		"2024-03-01 in-force 2024-04-01..null changes https://policies.acme.example/en/privacy/2024-03-01/changes/",
		"2023-01-01 archived 2023-01-01..2024-04-01 changes null",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("versions, newest first:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v := r.Versions[1]; v.Change == nil || !v.Change.Material || len(v.Processors) != 2 {
		t.Errorf("the material change: %+v", v)
	}
	if sv := edition(t, site(t, "2024-04-10", false), "privacy", "sv"); str(sv.Versions[0].Translates) != "2023-01-01" {
		t.Errorf("the translation names %s", str(sv.Versions[0].Translates))
	}
	// Before any version has taken effect, none is in force.
	if r := edition(t, site(t, "2022-12-31", false), "privacy", "en"); r.InForce != nil || r.Versions[2].InForceFrom != nil {
		t.Errorf("in force before the first effective date: %s", str(r.InForce))
	}
}

func TestDraftsAndSite(t *testing.T) {
	d := site(t, "2024-04-10", true)
	r := edition(t, d, "terms", "en")
	if len(r.Versions) != 2 || !r.Versions[0].Draft || r.Versions[1].Draft {
		t.Errorf("terms with drafts: %+v", r.Versions)
	}
	b, err := record.Marshal(record.ForSite(d))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		AsOf     string `json:"as_of"`
		BaseURL  string `json:"base_url"`
		Policies []struct {
			Policy    string `json:"policy"`
			Languages []struct {
				Language string `json:"language"`
			} `json:"languages"`
		} `json:"policies"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.AsOf != "2024-04-10" || s.BaseURL != "https://policies.acme.example" || len(s.Policies) != 3 || s.Policies[1].Policy != "privacy" || len(s.Policies[1].Languages) != 2 {
		t.Errorf("policies.json: %+v", s)
	}
}

// TestMarshalSite checks that policies.json put together from its
// editions' parts is, byte for byte, what encoding/json writes of the
// whole record: on the test site, the example site, a synthetic corpus,
// a title that JSON escapes, a policy without languages and a site
// without policies.
func TestMarshalSite(t *testing.T) {
	corpusSite := t.TempDir()
	if err := corpus.Write(corpusSite, corpus.Sizes()["small"]); err != nil {
		t.Fatal(err)
	}
	load := func(t *testing.T, dir, day string, drafts bool) *derive.Site {
		loaded, diags := build.Load(build.Options{Site: dir, Now: day, Drafts: drafts})
		if diags.HasErrors() {
			t.Fatal(diags.Errors())
		}
		return derive.New(loaded.Site)
	}
	cases := map[string]func(t *testing.T) *derive.Site{
		"test site":             func(t *testing.T) *derive.Site { return load(t, "../cli/testdata/site", "2024-04-10", false) },
		"test site with drafts": func(t *testing.T) *derive.Site { return load(t, "../cli/testdata/site", "2024-04-10", true) },
		"example":               func(t *testing.T) *derive.Site { return load(t, "../..", "2026-11-23", false) },
		"example later":         func(t *testing.T) *derive.Site { return load(t, "../..", "2027-01-05", true) },
		"corpus":                func(t *testing.T) *derive.Site { return load(t, corpusSite, "2026-11-23", false) },
		"escaped title": func(t *testing.T) *derive.Site {
			d := load(t, "../cli/testdata/site", "2024-04-10", false)
			d.Title = "Acme <\"AB\" & Co>\u2028\\"
			return d
		},
		"a policy without languages": func(t *testing.T) *derive.Site {
			d := load(t, "../cli/testdata/site", "2024-04-10", false)
			d.Policies[0].Editions = nil
			return d
		},
		"no policies": func(t *testing.T) *derive.Site {
			d := load(t, "../cli/testdata/site", "2024-04-10", false)
			d.Policies = nil
			return d
		},
	}
	for name, get := range cases {
		t.Run(name, func(t *testing.T) {
			d := get(t)
			want, err := record.Marshal(record.ForSite(d))
			if err != nil {
				t.Fatal(err)
			}
			got, err := record.MarshalSite(d, func(ed *model.Edition) ([]byte, error) { return record.EditionInSite(d, ed) })
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("policies.json differs from encoding/json's:\n got %.2000q\nwant %.2000q", got, want)
			}
		})
	}
}
