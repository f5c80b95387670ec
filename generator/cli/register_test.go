package cli_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/policygen/gen/generator/frontmatter"
)

// exampleSite is the repository's own site, Lumen Ledger.
const exampleSite = "../.."

// exampleVersion is one version file of the example site as its front
// matter says, read here independently of the build.
type exampleVersion struct {
	policy, lang string
	meta         frontmatter.Meta
}

// exampleVersions reads every published version file of the example site.
func exampleVersions(t *testing.T) []exampleVersion {
	t.Helper()
	var out []exampleVersion
	root := filepath.Join(exampleSite, "content")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		src, _ := os.ReadFile(p)
		meta, _, _, diags := frontmatter.Parse(rel, src)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if !meta.Draft {
			out = append(out, exampleVersion{parts[0], strings.TrimSuffix(parts[len(parts)-1], ".md"), meta})
		}
		return nil
	})
	return out
}

func effectiveOf(m frontmatter.Meta) string {
	if !m.Effective.IsZero() {
		return m.Effective.String()
	}
	return m.LastUpdated.String()
}

// TestEditorialVersionIsNotAnnounced: the example's terms changed
// editorially on 2026-11-10. On 2026-11-23, within the notice period, no
// page shows a change notice for it, no feed has an entry for it, the
// calendar has no event and gen notice refuses; the history lists it,
// marked editorial.
func TestEditorialVersionIsNotAnnounced(t *testing.T) {
	out := buildSite(t, exampleSite, "2026-11-23")
	for _, lang := range []string{"en", "sv"} {
		p := readPage(t, out, "/"+lang+"/terms/")
		if n := p.notice("change"); n != "" {
			t.Errorf("%s terms: the editorial version shows a change notice: %q", lang, n)
		}
		for _, feed := range []string{lang + "/feed.xml", lang + "/terms/feed.xml", lang + "/processors.xml"} {
			if b := mustRead(t, out, feed); bytes.Contains(b, []byte("/terms/2026-11-10/")) {
				t.Errorf("%s lists the editorial version", feed)
			}
		}
		if b := mustRead(t, out, lang+"/changes.ics"); bytes.Contains(b, []byte("terms-"+lang+"-2026-11-10")) {
			t.Errorf("%s/changes.ics has an event for the editorial version", lang)
		}
	}
	// The previous terms are still in the feed: the editorial one is left
	// out, not the policy.
	if b := mustRead(t, out, "en/terms/feed.xml"); !bytes.Contains(b, []byte("/en/terms/2025-06-01/")) {
		t.Errorf("the terms feed lost the version before the editorial one")
	}
	history := readPage(t, out, "/en/terms/history/")
	if !strings.Contains(history.mainText(), "Editorial change: The link to our Data Processing Agreement") {
		t.Errorf("the history does not mark the editorial version:\n%s", history.mainText())
	}
	code, stdout, stderr := run(t, "notice", "-s", exampleSite, "--now", "2026-11-23", "terms", "en")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `the version of 2026-11-10 is editorial (kind = "editorial")`) {
		t.Errorf("gen notice of an editorial version: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestCalendarHasEveryEffectiveDate parses each language's changes.ics
// with an iCalendar library and checks it against the versions' front
// matter: an all-day event per day a version takes or took effect
// (editorial ones left out), with a link to the version, UIDs that stay
// the same from one day's build to the next, and lines as RFC 5545 wants
// them.
func TestCalendarHasEveryEffectiveDate(t *testing.T) {
	before := buildSite(t, exampleSite, "2026-11-23")
	after := buildSite(t, exampleSite, "2027-01-05")
	versions := exampleVersions(t)
	for _, lang := range []string{"en", "sv", "nb"} {
		raw := mustRead(t, before, lang+"/changes.ics")
		for i, line := range strings.SplitAfter(string(raw), "\r\n") {
			if line != "" && (!strings.HasSuffix(line, "\r\n") || len(line) > 75+2 || strings.ContainsAny(strings.TrimSuffix(line, "\r\n"), "\r\n")) {
				t.Errorf("%s/changes.ics line %d is not an RFC 5545 content line: %q", lang, i+1, line)
			}
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s/changes.ics: %v", lang, err)
		}
		want := map[string]string{} // UID -> version page
		for _, v := range versions {
			if v.lang != lang || v.meta.Change != nil && v.meta.Change.Kind.String() == "editorial" {
				continue
			}
			want[v.policy+"-"+lang+"-"+effectiveOf(v.meta)+"@policies.lumenledger.example"] = "https://policies.lumenledger.example/" + lang + "/" + v.policy + "/" + v.meta.LastUpdated.String() + "/"
		}
		got := map[string]string{}
		for _, e := range cal.Events() {
			uid := e.Id()
			start, err := e.GetAllDayStartAt()
			if err != nil {
				t.Errorf("%s: event %s starts at no day: %v", lang, uid, err)
				continue
			}
			end, err := e.GetAllDayEndAt()
			if err != nil || !end.Equal(start.AddDate(0, 0, 1)) {
				t.Errorf("%s: event %s is not one whole day: %v to %v (%v)", lang, uid, start, end, err)
			}
			if p := e.GetProperty(ics.ComponentPropertyDtStart); p == nil || p.ICalParameters["VALUE"][0] != "DATE" {
				t.Errorf("%s: event %s is not an all-day event", lang, uid)
			}
			if !strings.Contains(uid, "-"+start.Format("2006-01-02")+"@") {
				t.Errorf("%s: event %s is on %s", lang, uid, start.Format("2006-01-02"))
			}
			url := e.GetProperty(ics.ComponentPropertyUrl)
			desc := e.GetProperty(ics.ComponentPropertyDescription)
			if url == nil || desc == nil || !strings.Contains(desc.Value, url.Value) {
				t.Errorf("%s: event %s has no link to its version in its description", lang, uid)
				continue
			}
			got[uid] = url.Value
		}
		for uid, page := range want {
			if got[uid] != page {
				t.Errorf("%s: event %s links %q, want %q", lang, uid, got[uid], page)
			}
		}
		for uid := range got {
			if _, ok := want[uid]; !ok {
				t.Errorf("%s: event %s has no version taking effect that day", lang, uid)
			}
		}
		// The upcoming privacy policy is in the calendar before and after
		// its day, under one UID.
		later, err := ics.ParseCalendar(bytes.NewReader(mustRead(t, after, lang+"/changes.ics")))
		if err != nil {
			t.Fatal(err)
		}
		var uids []string
		for _, e := range later.Events() {
			uids = append(uids, e.Id())
		}
		if lang != "nb" && !slices.Contains(uids, "privacy-"+lang+"-2027-01-01@policies.lumenledger.example") {
			t.Errorf("%s: the event of 2027-01-01 is gone after its day: %v", lang, uids)
		}
	}
	en, _ := ics.ParseCalendar(bytes.NewReader(mustRead(t, before, "en/changes.ics")))
	for _, e := range en.Events() {
		if e.Id() == "privacy-en-2027-01-01@policies.lumenledger.example" {
			if s := e.GetProperty(ics.ComponentPropertySummary); s == nil || s.Value != "Privacy policy: a new version takes effect" {
				t.Errorf("the upcoming privacy policy's event reads %v", s)
			}
			if d := e.GetProperty(ics.ComponentPropertyDescription); d == nil || !strings.Contains(ics.FromText(d.Value), "removing one processor, Metrica Insights") {
				t.Errorf("the event does not carry the change summary: %v", d)
			}
		}
	}
}

// documentedRegister is processors.json as the README documents it.
type documentedRegister struct {
	Language   string                `json:"language"`
	AsOf       string                `json:"as_of"`
	URL        string                `json:"url"`
	Processors []documentedProcessor `json:"processors"`
}

type documentedProcessor struct {
	Name        string  `json:"name"`
	Status      string  `json:"status"`
	Added       string  `json:"added"`
	Removed     *string `json:"removed"`
	Location    string  `json:"location"`
	Purpose     string  `json:"purpose"`
	Country     string  `json:"country"`
	CountryName string  `json:"country_name"`
	Transfer    string  `json:"transfer"`
	URL         string  `json:"url"`
	Policies    []struct {
		Policy string `json:"policy"`
		Title  string `json:"title"`
		URL    string `json:"url"`
	} `json:"policies"`
	Changes []documentedProcessorChange `json:"changes"`
}

type documentedProcessorChange struct {
	Policy    string   `json:"policy"`
	Version   string   `json:"version"`
	Effective string   `json:"effective"`
	Kind      string   `json:"kind"`
	Fields    []string `json:"fields"`
	URL       string   `json:"url"`
}

// TestRegisterFollowsTheVersions decodes processors.json strictly and
// processors.csv as RFC 4180, and checks both against the versions' front
// matter: every processor ever listed, added on the effective date of the
// first version listing it, removed when the versions to come stop listing
// it, its status on the day, Swedish strings and CLDR country names.
func TestRegisterFollowsTheVersions(t *testing.T) {
	out := buildSite(t, exampleSite, "2026-11-23")
	versions := exampleVersions(t)
	for _, lang := range []string{"en", "sv", "nb"} {
		dec := json.NewDecoder(bytes.NewReader(mustRead(t, out, lang+"/processors.json")))
		dec.DisallowUnknownFields()
		var reg documentedRegister
		if err := dec.Decode(&reg); err != nil {
			t.Fatalf("%s/processors.json does not follow the documented schema: %v", lang, err)
		}
		if reg.Language != lang || reg.AsOf != "2026-11-23" || reg.URL != "https://policies.lumenledger.example/"+lang+"/processors/" {
			t.Errorf("%s register: %q %q %q", lang, reg.Language, reg.AsOf, reg.URL)
		}
		// Every processor any published version lists, by name, and the
		// first day one listing it took effect.
		first := map[string]string{}
		for _, v := range versions {
			if v.lang != lang {
				continue
			}
			for _, p := range v.meta.Processors {
				if e := effectiveOf(v.meta); first[p.Name] == "" || e < first[p.Name] {
					first[p.Name] = e
				}
			}
		}
		var names []string
		for _, p := range reg.Processors {
			names = append(names, p.Name)
			if first[p.Name] != p.Added {
				t.Errorf("%s: %s added %s, but the first version listing it took effect on %s", lang, p.Name, p.Added, first[p.Name])
			}
			if len(p.Changes) == 0 || p.Changes[0].Kind != "added" || p.Changes[0].Effective != p.Added {
				t.Errorf("%s: %s's first change is not its addition: %+v", lang, p.Name, p.Changes)
			}
		}
		if len(names) != len(first) {
			t.Errorf("%s register lists %v; the versions list %d processors", lang, names, len(first))
		}

		r := csv.NewReader(bytes.NewReader(mustRead(t, out, lang+"/processors.csv")))
		rows, err := r.ReadAll() // every row as long as the header, or an error
		if err != nil {
			t.Fatalf("%s/processors.csv: %v", lang, err)
		}
		if len(rows) != len(reg.Processors)+1 {
			t.Fatalf("%s/processors.csv has %d rows for %d processors", lang, len(rows)-1, len(reg.Processors))
		}
		for i, p := range reg.Processors {
			if row := rows[i+1]; row[0] != p.Name || row[2] != p.Added || row[7] != p.Country {
				t.Errorf("%s/processors.csv row %d %q does not match %s in processors.json", lang, i+1, row, p.Name)
			}
		}
	}

	// On 2026-11-23 Metrica Insights is still in use and leaves with the
	// privacy policy of 2027-01-01; Ocrella AI comes with it and the DPA.
	dec := json.NewDecoder(bytes.NewReader(mustRead(t, out, "en/processors.json")))
	var reg documentedRegister
	dec.Decode(&reg)
	find := func(name string) int {
		i := slices.IndexFunc(reg.Processors, func(p documentedProcessor) bool { return p.Name == name })
		if i < 0 {
			t.Fatalf("no %s in the register", name)
		}
		return i
	}
	metrica := reg.Processors[find("Metrica Insights Oy")]
	if metrica.Status != "in-use" || metrica.Removed == nil || *metrica.Removed != "2027-01-01" {
		t.Errorf("Metrica Insights: %s, removed %v; want in use until 2027-01-01", metrica.Status, metrica.Removed)
	}
	ocrella := reg.Processors[find("Ocrella AI B.V.")]
	if ocrella.Status != "upcoming" || ocrella.Added != "2027-01-01" || ocrella.Removed != nil || ocrella.CountryName != "Netherlands" || len(ocrella.Policies) != 2 {
		t.Errorf("Ocrella AI: %+v", ocrella)
	}
	postvik := reg.Processors[find("Postvik Mail AS")]
	if postvik.Location != "EU (Ireland)" || !slices.ContainsFunc(postvik.Changes, func(c documentedProcessorChange) bool {
		return c.Kind == "changed" && slices.Equal(c.Fields, []string{"location"}) && c.URL == "https://policies.lumenledger.example/en/privacy/2025-09-15/"
	}) {
		t.Errorf("Postvik Mail's move to Ireland is not in the register: %+v", postvik)
	}
	// The register page says the same in Swedish, with Swedish names of
	// countries and statuses.
	sv := readPage(t, out, "/sv/processors/")
	rows := sv.all("tr", "processor-upcoming")
	if len(rows) != 1 || !strings.Contains(text(rows[0]), "Ocrella AI B.V.") || !strings.Contains(text(rows[0]), "Nederländerna") || !strings.Contains(text(rows[0]), "Läggs till") {
		t.Errorf("the Swedish register's upcoming processor: %q", sv.mainText())
	}
	if !sv.hasLink("Ladda ned som CSV", "/sv/processors.csv") || !sv.hasLink("Så invänder du", "mailto:privacy@lumenledger.example") {
		t.Errorf("the Swedish register lacks its downloads or how to object")
	}
	// And over time: on 2027-01-05 Metrica Insights is removed, Ocrella in use.
	later := buildSite(t, exampleSite, "2027-01-05")
	p := readPage(t, later, "/en/processors/")
	if !strings.Contains(text(p.all("tr", "processor-removed")[0]), "Metrica Insights Oy") || len(p.all("tr", "processor-upcoming")) != 0 {
		t.Errorf("on 2027-01-05 the register reads %q", p.mainText())
	}
}

// TestRegisterCSVCannotRunFormulas: a processor entry that a spreadsheet
// would read as a formula is written as text.
func TestRegisterCSVCannotRunFormulas(t *testing.T) {
	site := copySite(t, testSite)
	edit(t, site, "content/privacy/en.md", func(s string) string {
		return strings.Replace(s, `name = "Mail Co"`, `name = '=HYPERLINK("https://evil.example","Mail Co")'`, 1)
	})
	out := buildSite(t, site, "2024-04-10")
	rows, err := csv.NewReader(bytes.NewReader(mustRead(t, out, "en/processors.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if strings.HasPrefix(cell, "=") {
				t.Errorf("a cell starts a formula: %q", cell)
			}
		}
	}
	if !slices.ContainsFunc(rows, func(r []string) bool { return r[0] == `'=HYPERLINK("https://evil.example","Mail Co")` }) {
		t.Errorf("the processor is not in the CSV as text: %q", rows)
	}
}

// TestProcessorsFeedGivesTheObjectionWindow: the entry of a version adding
// a processor says until when customers can object, and how.
func TestProcessorsFeedGivesTheObjectionWindow(t *testing.T) {
	out := buildSite(t, exampleSite, "2026-11-23")
	f, err := gofeed.NewParser().Parse(bytes.NewReader(mustRead(t, out, "en/processors.xml")))
	if err != nil {
		t.Fatal(err)
	}
	var entry *gofeed.Item
	for _, it := range f.Items {
		if it.Link == "https://policies.lumenledger.example/en/privacy/2026-11-16/" {
			entry = it
		}
	}
	if entry == nil {
		t.Fatalf("no processors entry for the privacy policy of 2026-11-16")
	}
	for _, want := range []string{"Added: Ocrella AI B.V.", "Removed: Metrica Insights Oy", "(Ocrella AI B.V.), tell us by December 31, 2026", "How to object: mailto:privacy@lumenledger.example"} {
		if !strings.Contains(entry.Description, want) {
			t.Errorf("the entry lacks %q:\n%s", want, entry.Description)
		}
	}
	var rec struct {
		Versions []struct {
			LastUpdated    string  `json:"last_updated"`
			ObjectionUntil *string `json:"objection_until"`
		} `json:"versions"`
	}
	json.Unmarshal(mustRead(t, out, "en/privacy/versions.json"), &rec)
	if v := rec.Versions[0]; v.LastUpdated != "2026-11-16" || v.ObjectionUntil == nil || *v.ObjectionUntil != "2027-01-01" {
		t.Errorf("versions.json gives the newest version objection_until %v", v.ObjectionUntil)
	}
	up := readPage(t, out, "/en/privacy/2026-11-16/")
	if n := up.notice("objection"); !strings.Contains(n, "(Ocrella AI B.V.), tell us by December 31, 2026") || !up.hasLink("How to object", "mailto:privacy@lumenledger.example") {
		t.Errorf("the upcoming page's objection notice: %q", n)
	}
}

// TestNoticeIsReadyToSend checks gen notice in text and HTML: the subject,
// the change, the processors, the objection, and the links, in the
// policy's language; the HTML is one document that loads nothing and is
// styled inline, with every link absolute.
func TestNoticeIsReadyToSend(t *testing.T) {
	code, stdout, stderr := run(t, "notice", "-s", exampleSite, "--now", "2026-11-23", "privacy", "sv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"Subject: Integritetspolicy: en ny version träder i kraft den 1 januari 2027\n",
		"Det här är en väsentlig ändring.",
		"Sammanfattning av ändringarna: Vi flyttar vår produktanalys",
		"- Tillagt: Ocrella AI B.V.\n", "- Borttaget: Metrica Insights Oy\n",
		"meddela oss senast den 31 december 2026",
		"Så invänder du: mailto:privacy@lumenledger.example\n",
		"Läs den nya versionen: https://policies.lumenledger.example/sv/privacy/2026-11-16/\n",
		"Se exakt vad som ändras: https://policies.lumenledger.example/sv/privacy/2026-11-16/changes/\n",
		"Alla versioner: https://policies.lumenledger.example/sv/privacy/history/\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the text notice lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.HasPrefix(stdout, "Subject: ") {
		t.Errorf("the subject is not the first line:\n%s", stdout)
	}

	code, stdout, stderr = run(t, "notice", "-s", exampleSite, "--now", "2026-11-23", "--format", "html", "privacy", "en", "2026-11-16")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	doc, err := html.Parse(strings.NewReader(stdout))
	if err != nil {
		t.Fatal(err)
	}
	p := &page{t, "gen notice", doc}
	if p.lang() != "en" || text(p.all("title", "")[0]) != "Privacy policy: a new version takes effect on January 1, 2027" {
		t.Errorf("lang %q, title %q", p.lang(), text(p.all("title", "")[0]))
	}
	for _, tag := range []string{"link", "style", "script", "img", "iframe", "object"} {
		if n := len(p.all(tag, "")); n > 0 {
			t.Errorf("the HTML notice has %d <%s>: mail clients drop or block them", n, tag)
		}
	}
	for _, a := range p.all("a", "") {
		if href := attr(a, "href"); !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "mailto:") {
			t.Errorf("link %q is not absolute", href)
		}
	}
	for _, tag := range []string{"body", "h1", "p", "a", "td"} {
		for _, n := range p.all(tag, "") {
			if attr(n, "style") == "" {
				t.Errorf("a <%s> is not styled inline", tag)
			}
		}
	}
	body := p.all("body", "")[0]
	for _, want := range []string{"This is a material change.", "Added: Ocrella AI B.V.", "tell us by December 31, 2026"} {
		if !strings.Contains(text(body), want) {
			t.Errorf("the HTML notice lacks %q", want)
		}
	}
	if !p.hasLink("How to object", "mailto:privacy@lumenledger.example") || !p.hasLink("See exactly what changes", "https://policies.lumenledger.example/en/privacy/2026-11-16/changes/") {
		t.Errorf("the HTML notice lacks its links")
	}

	// Once the version is in force the notice says it took effect, and
	// no longer invites objections that would come too late.
	_, stdout, _ = run(t, "notice", "-s", exampleSite, "--now", "2027-01-05", "privacy", "en")
	if !strings.HasPrefix(stdout, "Subject: Privacy policy: a new version took effect on January 1, 2027\n") || strings.Contains(stdout, "tell us by") {
		t.Errorf("the notice after the version took effect:\n%s", stdout)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--format", "pdf", "privacy", "en"}, 2, "--format pdf: give text or html"},
		{[]string{"privacy", "en", "2020-01-01"}, 1, "privacy/en has no version of 2020-01-01"},
		{[]string{"privacy", "fi"}, 1, `content/privacy: no language "fi" in site.toml; the languages are en, sv, nb`},
	} {
		code, _, stderr := run(t, append([]string{"notice", "-s", exampleSite, "--now", "2026-11-23"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("gen notice %q: exit %d, want %d with %q:\n%s", tc.args, code, tc.code, tc.want, stderr)
		}
	}
}

// TestCheckBaseHoldsProcessorNotice: in a real repository, a new version
// that adds a processor must take effect processor_notice_days after the
// day check --base first sees it; one published already is not checked
// again, and removing a processor needs no notice.
func TestCheckBaseHoldsProcessorNotice(t *testing.T) {
	addProcessor := func(t *testing.T, site, effective string) {
		code, _, stderr := run(t, "new-version", "-s", site, "--date", "2024-05-01", "--effective", effective, "privacy", "en")
		if code != 0 {
			t.Fatalf("new-version: exit %d\n%s", code, stderr)
		}
		edit(t, site, "content/privacy/en.md", func(s string) string {
			s = strings.Replace(s, `summary = ""`, `summary = "We added a search provider."`, 1)
			return strings.Replace(s, "[[processors]]", "[[processors]]\nname = \"Search Co\"\nlocation = \"EU\"\npurpose = \"Search\"\n\n[[processors]]", 1)
		})
	}
	t.Run("too soon", func(t *testing.T) {
		site := gitSite(t)
		addProcessor(t, site, "2024-06-01")
		code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-05-10")
		want := "content/privacy/en.md:4:1: adds the processor Search Co, but takes effect on 2024-06-01, 22 days after it is published today (2024-05-10); customers must be told of a new processor 30 days ahead (processor_notice_days in site.toml) to be able to object: set effective = 2024-06-09 or later"
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, want 1 with %q:\n%s", code, want, stderr)
		}
		// Without --base there is no day of publication to count from.
		if code, _, stderr := run(t, "check", "-s", site, "--now", "2024-05-10"); code != 0 {
			t.Errorf("check without --base: exit %d\n%s", code, stderr)
		}
	})
	t.Run("enough notice", func(t *testing.T) {
		site := gitSite(t)
		addProcessor(t, site, "2024-06-09")
		if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-05-10"); code != 0 {
			t.Errorf("exit %d, want 0:\n%s", code, stderr)
		}
	})
	t.Run("a shorter notice in site.toml", func(t *testing.T) {
		site := gitSite(t)
		edit(t, site, "site.toml", func(s string) string {
			return strings.Replace(s, "notice_days = 30\n", "notice_days = 30\nprocessor_notice_days = 14\n", 1)
		})
		addProcessor(t, site, "2024-06-01")
		if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-05-10"); code != 0 {
			t.Errorf("exit %d, want 0 with 14 days' notice:\n%s", code, stderr)
		}
	})
	t.Run("published already", func(t *testing.T) {
		site := gitSite(t)
		addProcessor(t, site, "2024-06-01")
		git(t, site, "add", "-A")
		git(t, site, "commit", "-q", "-m", "new version")
		if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-05-20"); code != 0 {
			t.Errorf("a version published at the base is checked again: exit %d\n%s", code, stderr)
		}
	})
	t.Run("a processor removed", func(t *testing.T) {
		site := gitSite(t)
		code, _, stderr := run(t, "new-version", "-s", site, "--date", "2024-05-01", "--effective", "2024-06-01", "privacy", "en")
		if code != 0 {
			t.Fatalf("new-version: exit %d\n%s", code, stderr)
		}
		edit(t, site, "content/privacy/en.md", func(s string) string {
			s = strings.Replace(s, `summary = ""`, `summary = "We no longer use Mail Co."`, 1)
			i := strings.LastIndex(s, "[[processors]]")
			j := strings.Index(s[i:], "\n+++") + i
			return s[:i] + s[j+1:]
		})
		if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-05-10"); code != 0 {
			t.Errorf("exit %d, want 0:\n%s", code, stderr)
		}
	})
}
