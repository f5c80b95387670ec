package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/urls"
)

const full = `title = "Example Ltd"
base_url = "https://policies.example.com/legal/"
default_language = "sv"
authoritative_language = "en"
notice_days = 14
processor_notice_days = 45
objection = "mailto:privacy@example.com"
timezone = "Europe/Stockholm"
unsafe_html = true
compare = "all"
broken_links = "warn"
external_origins = ["https://CDN.example.com:443/", "http://media.example.com:8080"]
host = "netlify"
index_archived = true

[languages.sv]
name = "Svenska"

[languages.en]
name = "English"

[languages.pt-br]
name = "Português (Brasil)"
[languages.pt-br.strings]
"version.last_updated" = "Última atualização"
"notice.see_history" = "Todas as versões"
`

func TestParseFull(t *testing.T) {
	s, d := Parse("site.toml", []byte(full))
	if len(d) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", d)
	}
	if s.Timezone == nil || s.Timezone.String() != "Europe/Stockholm" {
		t.Errorf("timezone %v", s.Timezone)
	}
	s.Timezone = nil
	scheme, err := urls.New("https://policies.example.com/legal/")
	if err != nil {
		t.Fatal(err)
	}
	want := &Site{
		URLs:                  scheme,
		Title:                 "Example Ltd",
		BaseURL:               "https://policies.example.com/legal",
		DefaultLanguage:       "sv",
		AuthoritativeLanguage: "en",
		NoticeDays:            14,
		ProcessorNoticeDays:   45,
		Objection:             "mailto:privacy@example.com",
		TimezoneName:          "Europe/Stockholm",
		UnsafeHTML:            true,
		Compare:               "all",
		BrokenLinks:           "warn",
		ExternalOrigins:       []string{"https://cdn.example.com", "http://media.example.com:8080"},
		Host:                  "netlify",
		IndexArchived:         true,
		Languages: []Language{
			{Code: "sv", Name: "Svenska"},
			{Code: "en", Name: "English"},
			{Code: "pt-br", Name: "Português (Brasil)", Strings: map[string]string{"version.last_updated": "Última atualização", "notice.see_history": "Todas as versões"}},
		},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
}

// TestBaseURLAtRoot lists the addresses a site may be published at: a
// host, with or without a port and a closing slash.
func TestBaseURLAtRoot(t *testing.T) {
	for u, want := range map[string]string{
		"https://policies.example.com":  "https://policies.example.com",
		"https://policies.example.com/": "https://policies.example.com",
		"http://localhost:1313/":        "http://localhost:1313",
		"https://example.github.io/":    "https://example.github.io",
	} {
		s, d := Parse("site.toml", []byte("title = \"T\"\nbase_url = \""+u+"\"\ndefault_language = \"en\"\n"+en))
		if len(d) > 0 {
			t.Errorf("%s: %v", u, d)
			continue
		}
		if s.BaseURL != want {
			t.Errorf("%s: BaseURL %q, want %q", u, s.BaseURL, want)
		}
	}
}

func TestParseDefaults(t *testing.T) {
	s, d := Parse("site.toml", []byte("title = \"T\"\nbase_url = \"http://localhost:1313\"\ndefault_language = \"en\"\nlanguages.en.name = \"English\"\n"))
	if len(d) > 0 {
		t.Fatal(d)
	}
	if s.NoticeDays != 30 || s.ProcessorNoticeDays != 30 || s.Objection != "" || s.Timezone.String() != "UTC" || s.TimezoneName != "UTC" || s.Compare != "in-force" || s.UnsafeHTML || s.AuthoritativeLanguage != "" ||
		s.BrokenLinks != "error" || s.ExternalOrigins != nil {
		t.Errorf("defaults not applied: %+v", s)
	}
	if s.BaseURL != "http://localhost:1313" {
		t.Errorf("base_url %q", s.BaseURL)
	}
}

// TestLanguageOrder checks that languages keep the order of site.toml,
// which a map would lose.
func TestLanguageOrder(t *testing.T) {
	codes := []string{"nb", "da", "sv", "fi", "de", "fr", "en"}
	var b strings.Builder
	b.WriteString("title = \"T\"\nbase_url = \"https://x.example\"\ndefault_language = \"en\"\n")
	for _, c := range codes {
		b.WriteString("[languages." + c + "]\nname = \"" + c + "\"\n")
	}
	s, d := Parse("site.toml", []byte(b.String()))
	if len(d) > 0 {
		t.Fatal(d)
	}
	var got []string
	for _, l := range s.Languages {
		got = append(got, l.Code)
	}
	if !reflect.DeepEqual(got, codes) {
		t.Errorf("order %v, want %v", got, codes)
	}
}

// base is a valid site.toml without languages, for the error cases to add to.
const base = "title = \"T\"\nbase_url = \"https://x.example\"\ndefault_language = \"en\"\n"

// en declares English.
const en = "[languages.en]\nname = \"English\"\n"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"broken toml", "title = \"T\nx = 1\n", []string{
			"site.toml:1:11: invalid TOML: strings cannot contain newlines"}},
		{"unknown key", base + "notice_day = 3\n" + en, []string{
			`site.toml:4:1: unknown key "notice_day" in site.toml; did you mean "notice_days"?`}},
		{"objection not an address", base + "objection = \"write to us\"\n" + en, []string{
			`site.toml:4:13: objection = "write to us" is not a mailto: address or an https address; write how to object to a processor change, like objection = "mailto:privacy@example.com" or "https://example.com/object"`}},
		{"objection over http", base + "objection = \"http://example.com/object\"\n" + en, []string{
			`site.toml:4:13: objection = "http://example.com/object" is not a mailto: address or an https address; write how to object to a processor change, like objection = "mailto:privacy@example.com" or "https://example.com/object"`}},
		{"processor_notice_days negative", base + "processor_notice_days = -1\n" + en, []string{
			`site.toml:4:25: processor_notice_days must be 0 or more days, not -1`}},
		{"unknown key in a language", base + en + "nmae = \"x\"\n", []string{
			`site.toml:6:1: unknown key "nmae" in [languages.en]; did you mean "name"?`}},
		{"missing required keys", en, []string{
			`site.toml:1:1: missing title; add title = "Example Ltd"`,
			`site.toml:1:1: missing base_url; add base_url = "https://policies.example.com/"`,
			`site.toml:1:1: missing default_language; add default_language = "en"`}},
		{"empty title", "title = \"\"\nbase_url = \"https://x.example\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:1:9: the title is empty; write the site or company name, like title = "Example Ltd"`}},
		{"base_url relative", "title = \"T\"\nbase_url = \"/policies\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:2:12: base_url must be an absolute http or https address, like base_url = "https://example.com/", not "/policies"`}},
		{"base_url without a host", "title = \"T\"\nbase_url = \"https:///policies\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:2:12: base_url must be an absolute http or https address, like base_url = "https://example.com/", not "https:///policies"`}},
		{"base_url without a scheme", "title = \"T\"\nbase_url = \"policies.example.com\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:2:12: base_url must be an absolute http or https address, like base_url = "https://example.com/", not "policies.example.com"`}},
		{"base_url with a path of odd names", "title = \"T\"\nbase_url   =   \"https://example.com/our policies/\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:2:16: base_url "https://example.com/our policies/" has the path "/our policies/", whose folder names may hold only letters, digits and . _ ~ -; ` +
				`write the address the site is published at, like base_url = "https://policies.example.com/" or, under a path, base_url = "https://acme.github.io/policies/"`}},
		{"base_url with a query", "title = \"T\"\nbase_url = \"https://example.com/?lang=en\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:2:12: base_url "https://example.com/?lang=en" has a query, "?lang=en"; ` +
				`write the address the site is published at, like base_url = "https://policies.example.com/" or, under a path, base_url = "https://acme.github.io/policies/"`}},
		{"host unknown", base + "host = \"vercel\"\n" + en, []string{
			`site.toml:4:8: host "vercel" is not one gen writes files for; use one of "netlify", "cloudflare", "github-pages", "s3", "nginx", "apache", "generic" ("generic" writes what every host can take)`}},
		{"index_archived not a bool", base + "index_archived = \"yes\"\n" + en, []string{
			`site.toml:4:18: index_archived must be true or false, not the string "yes"`}},
		{"base_url not a string", "title = \"T\"\nbase_url = 1\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:2:12: base_url must be a string in quotes, not the number 1`}},
		{"default_language undeclared", "title = \"T\"\nbase_url = \"https://x.example\"\ndefault_language = \"xx\"\n" + en, []string{
			`site.toml:3:20: default_language "xx" is not one of the languages (en); add [languages.xx] or use one of them`}},
		{"authoritative_language undeclared", base + "authoritative_language = \"de\"\n" + en, []string{
			`site.toml:4:26: authoritative_language "de" is not one of the languages (en); add [languages.de] or use one of them`}},
		{"language code with capitals", base + en + "[languages.pt-BR]\nname = \"Português\"\n", []string{
			`site.toml:6:12: language code "pt-BR" must be lowercase BCP 47, like "en", "sv" or "pt-br"`}},
		{"language code with underscore", base + en + "[languages.pt_br]\nname = \"Português\"\n", []string{
			`site.toml:6:12: language code "pt_br" must be lowercase BCP 47, like "en", "sv" or "pt-br"`}},
		{"language without name", base + en + "[languages.sv]\n", []string{
			`site.toml:6:12: language "sv" has no name; add name = "…", written in that language, like "Svenska"`}},
		{"language with empty name", base + "[languages.en]\nname = \"\"\n", []string{
			`site.toml:5:8: the name of language "en" is empty; write it in that language, like "Svenska"`}},
		{"language not a table", base + "languages.en = \"English\"\n", []string{
			`site.toml:4:16: en must be a table, not the string "English"`}},
		{"strings value not a string", base + en + "[languages.en.strings]\n\"version.last_updated\" = 3\n", []string{
			`site.toml:7:26: version.last_updated must be a string in quotes, not the number 3`}},
		{"unknown UI string key", base + en + "[languages.en.strings]\n\"site.skip\" = \"Skip\"\n  last_updated = \"Updated\"\n", []string{
			`site.toml:8:3: unknown UI string key "last_updated" in [languages.en.strings]; did you mean "version.last_updated"?`}},
		{"unknown UI string key in an inline table", base + "[languages.en]\nname = \"English\"\nstrings = { \"notice.nonexistent\" = \"x\" }\n", []string{
			`site.toml:6:13: unknown UI string key "notice.nonexistent" in [languages.en.strings]; the keys of [notice] are ` + strings.Join(noticeKeys(), ", ")}},
		{"no languages", base, []string{
			`site.toml:1:1: no languages; add at least one, like [languages.en] with name = "English"`}},
		{"empty languages table", base + "[languages]\n", []string{
			`site.toml:1:1: no languages; add at least one, like [languages.en] with name = "English"`}},
		{"negative notice_days", base + "notice_days = -1\n" + en, []string{
			"site.toml:4:15: notice_days must be 0 or more days, not -1"}},
		{"notice_days not a number", base + "notice_days = \"30\"\n" + en, []string{
			`site.toml:4:15: notice_days must be a whole number, not the string "30"`}},
		{"unknown timezone", base + "timezone = \"Europe/Stokholm\"\n" + en, []string{
			`site.toml:4:12: timezone "Europe/Stokholm" is not a known IANA time zone; write one like "Europe/Stockholm" or "UTC"`}},
		{"machine-dependent timezone", base + "timezone = \"Local\"\n" + en, []string{
			`site.toml:4:12: timezone "Local" is not a known IANA time zone; write one like "Europe/Stockholm" or "UTC"`}},
		{"bad compare", base + "compare = \"every\"\n" + en, []string{
			`site.toml:4:11: compare must be "in-force" or "all", not "every"`}},
		{"unsafe_html not a bool", base + "unsafe_html = 1\n" + en, []string{
			`site.toml:4:15: unsafe_html must be true or false, not the number 1`}},
		{"bad broken_links", base + "broken_links = \"ignore\"\n" + en, []string{
			`site.toml:4:16: broken_links must be "error" or "warn", not "ignore"`}},
		{"external_origins not a list", base + "external_origins = \"https://cdn.example.com\"\n" + en, []string{
			`site.toml:4:20: external_origins must be a list of strings, like ["a", "b"], not the string "https://cdn.example.com"`}},
		{"external_origins entries", base + "external_origins = [\n  \"cdn.example.com\",\n  \"https://cdn.example.com/img/\",\n  3,\n  \"https://x.example\",\n]\n" + en, []string{
			`site.toml:5:3: external_origins: "cdn.example.com" is not the address of a site; write its scheme and host, like "https://cdn.example.com"`,
			`site.toml:6:3: external_origins: "https://cdn.example.com/img/" has a path, but a browser allows or blocks a whole site; write only its scheme and host: "https://cdn.example.com"`,
			`site.toml:7:3: each element of external_origins must be a string in quotes, not the number 3`,
			`site.toml:8:3: external_origins: "https://x.example" is the site's own address (base_url), from which pages load anyway; remove it`}},
		{"a typo for a required key, one error", "titel = \"T\"\nbase_url = \"https://x.example\"\ndefault_language = \"en\"\n" + en, []string{
			`site.toml:1:1: unknown key "titel" in site.toml; did you mean "title"?`}},
		{"all at once", "titel = \"T\"\nbase_url = \"ftp://x\"\ndefault_language = \"en\"\ncompare = \"none\"\n[languages.EN]\n", []string{
			`site.toml:1:1: unknown key "titel" in site.toml; did you mean "title"?`,
			`site.toml:2:12: base_url must be an absolute http or https address, like base_url = "https://example.com/", not "ftp://x"`,
			`site.toml:4:11: compare must be "in-force" or "all", not "none"`,
			`site.toml:5:12: language code "EN" must be lowercase BCP 47, like "en", "sv" or "pt-br"`,
			`site.toml:5:12: language "EN" has no name; add name = "…", written in that language, like "Svenska"`,
			`site.toml:3:20: default_language "en" is not one of the languages (EN); add [languages.en] or use one of them`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := Parse("site.toml", []byte(tt.src))
			var got []string
			for _, x := range d {
				got = append(got, x.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// noticeKeys are the UI string keys of the [notice] section.
func noticeKeys() []string {
	var out []string
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "notice.") {
			out = append(out, k)
		}
	}
	return out
}

// FuzzParse checks that no input panics and that a configuration without
// errors is complete.
func FuzzParse(f *testing.F) {
	f.Add(full)
	f.Add(base + en)
	f.Add(base + "languages = {en = {name = \"E\", strings = {a = \"b\"}}}")
	f.Fuzz(func(t *testing.T, src string) {
		s, d := Parse("site.toml", []byte(src))
		if d.HasErrors() {
			return
		}
		if s == nil || s.Title == "" || s.Timezone == nil || len(s.Languages) == 0 || strings.HasSuffix(s.BaseURL, "/") {
			t.Fatalf("valid configuration is incomplete: %+v", s)
		}
		found := false
		for _, l := range s.Languages {
			found = found || l.Code == s.DefaultLanguage
		}
		if !found {
			t.Fatalf("default language %q is not declared", s.DefaultLanguage)
		}
	})
}

// TestStringNamesInEveryTOMLSpelling: a UI string's name may be written
// quoted, dotted or as a table of its section, since TOML reads the last
// two as nested tables; all give the same strings, and a misspelled name
// in a nested table is still found at its line.
func TestStringNamesInEveryTOMLSpelling(t *testing.T) {
	head := "title = \"T\"\nbase_url = \"https://p.example\"\ndefault_language = \"sv\"\n[languages.sv]\nname = \"Svenska\"\n"
	want := map[string]string{"notice.see_history": "Alla versioner", "version.status.archived": "Arkiverad"}
	for name, text := range map[string]string{
		"quoted": "[languages.sv.strings]\n\"notice.see_history\" = \"Alla versioner\"\n\"version.status.archived\" = \"Arkiverad\"\n",
		"dotted": "[languages.sv.strings]\nnotice.see_history = \"Alla versioner\"\nversion.status.archived = \"Arkiverad\"\n",
		"tables": "[languages.sv.strings.notice]\nsee_history = \"Alla versioner\"\n[languages.sv.strings.version.status]\narchived = \"Arkiverad\"\n",
	} {
		s, d := Parse("site.toml", []byte(head+text))
		if len(d) > 0 {
			t.Errorf("%s: %v", name, d)
			continue
		}
		if got := s.Languages[0].Strings; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	_, twice := Parse("site.toml", []byte(head+"[languages.sv.strings]\n\"notice.see_history\" = \"A\"\nnotice.see_history = \"B\"\n"))
	if got := twice.Error(); !strings.Contains(got, `site.toml:8:8: UI string "notice.see_history" is given twice`) {
		t.Errorf("one string given quoted and dotted: %s", got)
	}
	_, d := Parse("site.toml", []byte(head+"[languages.sv.strings.version.status]\narchivd = \"Arkiverad\"\n"))
	if got := d.Error(); !strings.Contains(got, `site.toml:7:1: unknown UI string key "version.status.archivd"`) || !strings.Contains(got, `did you mean "version.status.archived"`) {
		t.Errorf("a misspelled name in a table: %s", got)
	}
}
