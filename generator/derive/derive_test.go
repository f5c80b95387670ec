package derive

import (
	"fmt"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
)

func day(s string) date.Date {
	d, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// version is one policy file for site: "privacy/en 2024-03-01" with its
// effective date, change and processors.
type version struct {
	policy, lang, date, effective string
	material, draft, editorial    bool
	withdraws                     string
	processors                    []string
	source                        uint32 // stands in for the file's bytes
}

// site models versions as of now; the newest of each edition is its
// current file. compare is site.toml's compare.
func site(t *testing.T, now, compare string, vs ...version) *Site {
	t.Helper()
	newest := map[string]string{}
	for _, v := range vs {
		k := v.policy + "/" + v.lang
		if v.date > newest[k] {
			newest[k] = v.date
		}
	}
	var files []model.File
	for _, v := range vs {
		mv := &model.Version{
			Date: day(v.date), Title: v.policy + " " + v.lang, Draft: v.draft,
			Change:     &model.Change{Summary: "changed " + v.date, Kind: kind(v.material)},
			SourcePath: v.policy + "/" + v.lang + "/" + v.date, SourceSum: v.source, FrontMatterSum: v.source,
		}
		if v.effective != "" {
			mv.Effective = day(v.effective)
		}
		if v.editorial {
			mv.Change.Kind = model.Editorial
		}
		if v.withdraws != "" {
			mv.Withdraws = day(v.withdraws)
		}
		for _, p := range v.processors {
			mv.Processors = append(mv.Processors, model.Processor{Name: p, Location: "EU", Purpose: "Hosting"})
		}
		f := model.File{Policy: v.policy, Lang: v.lang, Version: mv}
		if v.date != newest[v.policy+"/"+v.lang] {
			f.Archived = mv.Date
		}
		files = append(files, f)
	}
	s, diags := model.Build(model.Config{
		Title: "Acme", BaseURL: "https://acme.example", DefaultLanguage: "en", AuthoritativeLanguage: "en",
		Languages:  []model.Language{{Code: "en", Name: "English"}, {Code: "sv", Name: "Svenska"}},
		NoticeDays: 30, Compare: compare, Now: day(now), Drafts: true,
	}, files)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	return New(s)
}

func kind(material bool) model.ChangeKind {
	if material {
		return model.Material
	}
	return model.Minor
}

func edition(t *testing.T, d *Site, policy, lang string) *Edition {
	t.Helper()
	ed := d.Site.Edition(lang, policy)
	if ed == nil {
		t.Fatalf("no %s/%s", policy, lang)
	}
	return d.Edition(ed)
}

func (c *Comparison) String() string {
	if c == nil {
		return "none"
	}
	kind := "compare"
	if c.Changes {
		kind = "changes"
	}
	return fmt.Sprintf("%s %s..%s", kind, c.From.Date, c.To.Date)
}

// three versions of privacy in English: one archived, one in force since
// 2024-03-01, one to take effect on 2024-09-01.
var three = []version{
	{policy: "privacy", lang: "en", date: "2023-01-01"},
	{policy: "privacy", lang: "en", date: "2024-02-15", effective: "2024-03-01", material: true, processors: []string{"Hetzner"}},
	{policy: "privacy", lang: "en", date: "2024-06-01", effective: "2024-09-01"},
}

func TestComparisons(t *testing.T) {
	for _, c := range []struct {
		compare string
		want    string
	}{
		{"in-force", "[changes 2023-01-01..2024-02-15 changes 2024-02-15..2024-06-01 compare 2023-01-01..2024-02-15 compare 2024-02-15..2024-06-01]"},
		{"all", "[changes 2023-01-01..2024-02-15 changes 2024-02-15..2024-06-01 compare 2023-01-01..2024-02-15 compare 2023-01-01..2024-06-01 compare 2024-02-15..2024-06-01]"},
	} {
		ed := edition(t, site(t, "2024-03-10", c.compare, three...), "privacy", "en")
		if got := fmt.Sprint(ed.Comparisons); got != c.want {
			t.Errorf("compare = %q: %s, want %s", c.compare, got, c.want)
		}
		for _, cmp := range ed.Comparisons {
			neighbours := cmp.To.Previous == cmp.From
			if (cmp.Change != nil) != neighbours {
				t.Errorf("%s repeats the change notice: %v; the versions are neighbours: %v", cmp, cmp.Change != nil, neighbours)
			}
		}
	}
}

// TestVersionPages checks what each version's page and history row show
// while one version is in force and a newer one is coming.
func TestVersionPages(t *testing.T) {
	d := site(t, "2024-03-10", "in-force", three...)
	ed := edition(t, d, "privacy", "en")
	old, current, coming := d.Version(ed.Versions[0]), d.Version(ed.Versions[1]), d.Version(ed.Versions[2])

	if n := old.Archived; n == nil || n.InForce != current.Version || n.LastDay != day("2024-02-29") || n.Compare.String() != "compare 2023-01-01..2024-02-15" {
		t.Errorf("archived notice %+v", n)
	}
	if old.Changes != nil || old.Period == nil || old.Period.Until != day("2024-03-01") || old.Listed.String() != "compare 2023-01-01..2024-02-15" {
		t.Errorf("first version: changes %s, period %+v, listed %s", old.Changes, old.Period, old.Listed)
	}
	if n := current.ChangeNotice; n == nil || !n.Material() || n.Changes.String() != "changes 2023-01-01..2024-02-15" {
		t.Errorf("change notice %+v", n)
	}
	if len(current.Upcoming) != 1 || current.Upcoming[0].Version != coming.Version || current.Upcoming[0].Compare.String() != "compare 2024-02-15..2024-06-01" {
		t.Errorf("upcoming notices %+v", current.Upcoming)
	}
	if current.CompareInForce != nil || current.Listed != nil || current.Period == nil || !current.Period.Until.IsZero() {
		t.Errorf("version in force: compare %s, listed %s, period %+v", current.CompareInForce, current.Listed, current.Period)
	}
	// The version right after the one in force is compared with it on its
	// changes page already: the history links that once.
	if n := coming.UpcomingPage; n == nil || n.InForce != current.Version || n.ReplacedBy != nil {
		t.Errorf("upcoming page notice %+v", n)
	}
	if coming.Period != nil || coming.CompareInForce.String() != "compare 2024-02-15..2024-06-01" || coming.Listed != nil {
		t.Errorf("upcoming version: period %+v, compare %s, listed %s", coming.Period, coming.CompareInForce, coming.Listed)
	}
	if got := fmt.Sprint(ed.WillShow); !strings.Contains(got, "2024-02-15") || !strings.Contains(got, "2024-06-01") || len(ed.WillShow) != 2 {
		t.Errorf("the policy's address will show %v", got)
	}
}

// TestNotices checks the notice period and the site-wide material notice,
// which every page of the language shows but the policy's own.
func TestNotices(t *testing.T) {
	vs := append([]version{{policy: "cookies", lang: "en", date: "2023-01-01"}}, three[:2]...)
	for now, want := range map[string]bool{"2024-02-29": false, "2024-03-01": true, "2024-03-30": true, "2024-03-31": false} {
		d := site(t, now, "in-force", vs...)
		privacy, cookies := edition(t, d, "privacy", "en"), edition(t, d, "cookies", "en")
		v := privacy.InForce
		if got := NoticeShown(v, d.Now, d.NoticeDays); got != want {
			t.Errorf("%s: notice shown %v, want %v", now, got, want)
		}
		if got := len(d.Material("en")) == 1; got != want {
			t.Errorf("%s: material notice %v, want %v", now, got, want)
		}
		if got := len(cookies.Material) == 1; got != want {
			t.Errorf("%s: material notice on the other policy's pages %v, want %v", now, got, want)
		}
		if len(privacy.Material) != 0 || len(d.Material("sv")) != 0 {
			t.Errorf("%s: material notice on its own policy's pages or in another language", now)
		}
	}
}

func TestBehind(t *testing.T) {
	for _, c := range []struct {
		now      string
		prevails bool
		to       string
	}{
		{"2024-03-10", true, "2024-02-15"},  // the translation lags the version in force
		{"2024-02-20", false, "2024-02-15"}, // it lags only one still to take effect
	} {
		vs := append([]version{{policy: "privacy", lang: "sv", date: "2023-01-01"}}, three[:2]...)
		d := site(t, c.now, "in-force", vs...)
		sv := edition(t, d, "privacy", "sv")
		n := d.Version(sv.Versions[0]).Behind
		if n == nil || n.Prevails != c.prevails || n.Version.Date != day(c.to) {
			t.Errorf("%s: behind notice %+v, want prevails %v, pointing to %s", c.now, n, c.prevails, c.to)
		}
		if d.Version(edition(t, d, "privacy", "en").Versions[0]).Behind != nil {
			t.Errorf("%s: the authoritative language is behind itself", c.now)
		}
	}
}

func TestFeeds(t *testing.T) {
	vs := append([]version{
		{policy: "cookies", lang: "en", date: "2024-02-15"},
		{policy: "cookies", lang: "en", date: "2024-07-01", draft: true},
		{policy: "terms", lang: "sv", date: "2024-01-01", processors: []string{"Hetzner"}},
	}, three...)
	d := site(t, "2024-03-10", "in-force", vs...)
	names := func(es []Entry) string {
		var out []string
		for _, e := range es {
			out = append(out, e.Edition.Policy.Slug+" "+e.Date.String())
		}
		return strings.Join(out, ", ")
	}
	for _, c := range [][2]string{
		{names(d.LanguageFeed("en")), "privacy 2024-06-01, cookies 2024-02-15, privacy 2024-02-15, privacy 2023-01-01"},
		{names(d.ProcessorsFeed("en")), "privacy 2024-06-01, privacy 2024-02-15"}, // Hetzner added, then removed
		{names(d.ProcessorsFeed("sv")), "terms 2024-01-01"},
		{names(edition(t, d, "cookies", "en").Feed), "cookies 2024-02-15"},
	} {
		if c[0] != c[1] {
			t.Errorf("feed lists %q, want %q", c[0], c[1])
		}
	}
	if ps := d.ProcessorsFeed("en")[0].Processors; len(ps) != 1 || ps[0].Kind != "removed" {
		t.Errorf("processor changes %+v", ps)
	}
}

// TestStamps checks that each key's stamp moves exactly when what it
// names changes.
func TestStamps(t *testing.T) {
	base := site(t, "2024-03-10", "in-force", three...)
	edit := func(now string, change func(vs []version)) *Site {
		vs := append([]version(nil), three...)
		change(vs)
		return site(t, now, "in-force", vs...)
	}
	ed := func(d *Site) *model.Edition { return d.Site.Edition("en", "privacy") }
	cmp := func(d *Site, i int) *Comparison { return d.Edition(ed(d)).Comparisons[i] }
	body := edit("2024-03-10", func(vs []version) { vs[2].source = 7 }) // the newest file's text
	for _, c := range []struct {
		what  string
		after *Site
		key   func(*Site) Key
		moves bool
	}{
		{"a body edit, its edition's files", body, func(d *Site) Key { return EditionFiles(ed(d)) }, true},
		{"a body edit, all files", body, func(*Site) Key { return AllFiles() }, true},
		{"a body edit, its language's files", body, func(*Site) Key { return LanguageFiles("en") }, true},
		{"a body edit, another language's files", body, func(*Site) Key { return LanguageFiles("sv") }, false},
		{"a body edit, the comparison of two other versions", body, func(d *Site) Key { return ComparisonOf(cmp(d, 0)) }, false},
		{"a body edit, a comparison of the edited version", body, func(d *Site) Key { return ComparisonOf(cmp(d, 1)) }, true},
		{"a body edit, another version's source", body, func(d *Site) Key { return VersionFile(ed(d).Versions[0]) }, false},
		{"a body edit, the material notices", body, func(*Site) Key { return Material("en") }, false},
		{"a body edit, the title", body, func(d *Site) Key { return EditionTitle(ed(d)) }, false},
		{"the same site, its files", site(t, "2024-03-10", "in-force", three...), func(*Site) Key { return AllFiles() }, false},
		{"a new day, the comparison", site(t, "2024-03-11", "in-force", three...), func(d *Site) Key { return ComparisonOf(cmp(d, 0)) }, true},
		{"a new day, the settings", site(t, "2024-03-11", "in-force", three...), func(*Site) Key { return Settings() }, true},
		{"a body edit, the settings", body, func(*Site) Key { return Settings() }, false},
		{"material no longer, the material notices", edit("2024-03-10", func(vs []version) { vs[1].material = false; vs[1].source = 3 }), func(*Site) Key { return Material("en") }, true},
		{"material no longer, the other language's", edit("2024-03-10", func(vs []version) { vs[1].material = false; vs[1].source = 3 }), func(*Site) Key { return Material("sv") }, false},
		// Once the notice period is over, the notice is gone: a new day
		// moves every stamp, this one because its value changed.
		{"the notice period over, the material notices", site(t, "2024-04-10", "in-force", three...), func(*Site) Key { return Material("en") }, true},
		{"a translation added, the policy's languages", site(t, "2024-03-10", "in-force", append([]version{{policy: "privacy", lang: "sv", date: "2024-02-15"}}, three...)...), func(d *Site) Key { return PolicyLanguages(ed(d).Policy) }, true},
	} {
		before, after := base.Stamp(c.key(base)), c.after.Stamp(c.key(c.after))
		if moved := before != after; moved != c.moves {
			t.Errorf("%s: stamp moved %v, want %v", c.what, moved, c.moves)
		}
	}

	// A version removed between two others makes them neighbours: their
	// comparison now repeats the newer one's change notice.
	all := site(t, "2024-03-10", "all", three...)
	without := site(t, "2024-03-10", "all", three[0], three[2])
	k := func(d *Site) Key {
		for _, c := range d.Edition(ed(d)).Comparisons {
			if !c.Changes && c.From.Date == day("2023-01-01") && c.To.Date == day("2024-06-01") {
				return ComparisonOf(c)
			}
		}
		t.Fatal("no comparison of 2023-01-01 and 2024-06-01")
		return Key{}
	}
	if all.Stamp(k(all)) == without.Stamp(k(without)) {
		t.Error("the comparison of two versions that became neighbours keeps its stamp")
	}
}
