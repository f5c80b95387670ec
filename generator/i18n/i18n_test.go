package i18n

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
)

func newCatalog(t *testing.T, langs []string, overrides map[string]map[string]string) (*Catalog, diag.List) {
	t.Helper()
	c, diags := New(langs, overrides)
	if c == nil {
		t.Fatal("New returned a nil catalog")
	}
	return c, diags
}

func TestDate(t *testing.T) {
	c, _ := newCatalog(t, []string{"en", "sv", "nb", "da", "de", "fi", "fr", "pt-br", "de-ch", "xx"}, nil)
	d := date.Date{Year: 2021, Month: 7, Day: 15}
	tests := map[string]string{
		"en":    "July 15, 2021",
		"sv":    "15 juli 2021",
		"nb":    "15. juli 2021",
		"da":    "15. juli 2021",
		"de":    "15. Juli 2021",
		"fi":    "15. heinäkuuta 2021",
		"fr":    "15 juillet 2021",
		"pt-br": "15 de julho de 2021",
		"de-ch": "15. Juli 2021",
		"xx":    "July 15, 2021", // no CLDR data: English
		"zz":    "July 15, 2021", // not a language of the site: English
	}
	for lang, want := range tests {
		if got := c.Date(lang, d); got != want {
			t.Errorf("Date(%q) = %q, want %q", lang, got, want)
		}
	}
	// The first of the month is an ordinal in French, and only there.
	first := date.Date{Year: 2026, Month: 11, Day: 1}
	for lang, want := range map[string]string{"fr": "1er novembre 2026", "en": "November 1, 2026", "sv": "1 november 2026"} {
		if got := c.Date(lang, first); got != want {
			t.Errorf("Date(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := c.Date("fr", date.Date{Year: 2026, Month: 11, Day: 11}); got != "11 novembre 2026" {
		t.Errorf("the 11th in French: %q", got)
	}
}

func TestT(t *testing.T) {
	c, diags := newCatalog(t, []string{"en", "sv"}, nil)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	tests := []struct {
		lang, key string
		args      []string
		want      string
	}{
		{"sv", "notice.upcoming", []string{"date", "1 januari 2027"}, "En ny version av den här policyn träder i kraft den 1 januari 2027."},
		{"en", "notice.archived", []string{"until", "May 1, 2022", "from", "July 15, 2021"}, "This is an archived version. It was in force from July 15, 2021 through May 1, 2022."},
		{"en", "notice.archived", []string{"from", "July 15, 2021"}, "This is an archived version. It was in force from July 15, 2021 through {until}."},
		{"en", "site.footer", []string{"title", "{title} & {x}"}, "Published by {title} & {x}"},
		{"en", "site.footer", []string{"title"}, "Published by {title}"},
		{"en", "site.skip", []string{"unused", "x"}, "Skip to content"},
		{"sv", "no.such.key", nil, "no.such.key"},
		{"zz", "site.skip", nil, "Skip to content"},
		{"sv", "version.status.in-force", nil, "Gällande"},
	}
	for _, tt := range tests {
		if got := c.T(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %q, %q) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

func TestOverridesReplace(t *testing.T) {
	c, diags := newCatalog(t, []string{"en", "sv"}, map[string]map[string]string{
		"sv": {"site.skip": "Gå till innehållet", "site.footer": "Ansvarig utgivare: {title}"},
	})
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if got, want := c.T("sv", "site.skip"), "Gå till innehållet"; got != want {
		t.Errorf("overridden site.skip = %q, want %q", got, want)
	}
	if got, want := c.T("sv", "site.footer", "title", "Acme"), "Ansvarig utgivare: Acme"; got != want {
		t.Errorf("overridden site.footer = %q, want %q", got, want)
	}
	if got, want := c.T("sv", "site.languages"), "Språk"; got != want {
		t.Errorf("not overridden site.languages = %q, want %q", got, want)
	}
	if got, want := c.T("en", "site.skip"), "Skip to content"; got != want {
		t.Errorf("override leaked into en: %q", got)
	}
}

func TestUnknownOverrideKey(t *testing.T) {
	tests := []struct {
		key, want string
	}{
		{"site.skp", `unknown UI string key "site.skp" in [languages.sv.strings]; did you mean "site.skip"?`},
		{"skip", `unknown UI string key "skip" in [languages.sv.strings]; did you mean "site.skip"?`},
		{"version.status.in_force", `did you mean "version.status.in-force"?`},
		{"completely.different", `unknown UI string key "completely.different" in [languages.sv.strings]`},
	}
	for _, tt := range tests {
		c, diags := newCatalog(t, []string{"sv"}, map[string]map[string]string{"sv": {tt.key: "x"}})
		errs := diags.Errors()
		if len(errs) != 1 {
			t.Errorf("%s: want 1 error, got %v", tt.key, diags)
			continue
		}
		if errs[0].Path != "site.toml" || !strings.Contains(errs[0].Message, tt.want) {
			t.Errorf("%s: error = %q, want it to contain %q", tt.key, errs[0].String(), tt.want)
		}
		if tt.key == "completely.different" && strings.Contains(errs[0].Message, "did you mean") {
			t.Errorf("%s: suggested an unrelated key: %q", tt.key, errs[0].Message)
		}
		if got := c.T("sv", tt.key); got != tt.key {
			t.Errorf("%s: unknown key became a string: %q", tt.key, got)
		}
	}
}

func TestLanguageWithoutBuiltins(t *testing.T) {
	n := len(Keys())
	c, diags := newCatalog(t, []string{"en", "pt-br"}, map[string]map[string]string{
		"pt-br": {"site.skip": "Pular para o conteúdo"},
	})
	want := fmt.Sprintf(`site.toml: warning: no built-in UI strings for "pt-br"; English is used for %d strings; add them under [languages.pt-br.strings]`, n-1)
	if len(diags) != 1 || diags[0].Severity != diag.Warning || diags[0].String() != want {
		t.Fatalf("diagnostics = %v, want one warning %q", diags, want)
	}
	if got := c.T("pt-br", "site.skip"); got != "Pular para o conteúdo" {
		t.Errorf("override not used: %q", got)
	}
	if got := c.T("pt-br", "site.languages"); got != "Language" {
		t.Errorf("missing string not English: %q", got)
	}
}

func TestLanguageFullyCoveredOrServedByBase(t *testing.T) {
	full, _, err := builtinTable("en") // stands in for a complete Icelandic table
	if err != nil {
		t.Fatal(err)
	}
	c, diags := newCatalog(t, []string{"en", "is", "de-at", "no"}, map[string]map[string]string{
		"is": full,
	})
	if len(diags) != 0 {
		t.Errorf("unexpected diagnostics: %v", diags)
	}
	if got := c.T("de-at", "site.skip"); got != "Zum Inhalt springen" {
		t.Errorf("de-at not served by de: %q", got)
	}
	if got := c.T("no", "site.skip"); got != "Hopp til innholdet" {
		t.Errorf("no not served by nb: %q", got)
	}
}

func TestOverridePlaceholders(t *testing.T) {
	_, diags := newCatalog(t, []string{"sv"}, map[string]map[string]string{
		"sv": {"notice.upcoming": "En ny version träder i kraft {datum}."},
	})
	if diags.HasErrors() {
		t.Fatalf("placeholder mistakes should be warnings: %v", diags)
	}
	want := []string{
		`UI string "notice.upcoming" in [languages.sv.strings] leaves out {date}`,
		`UI string "notice.upcoming" in [languages.sv.strings] has {datum}, which is not filled in; it can use {date}`,
	}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics = %v, want %d", diags, len(want))
	}
	for i, w := range want {
		if diags[i].Message != w {
			t.Errorf("diagnostic %d = %q, want %q", i, diags[i].Message, w)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	c, _ := newCatalog(t, []string{"en", "sv", "fi"}, nil)
	d := date.Date{Year: 2024, Month: 2, Day: 29}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, lang := range []string{"en", "sv", "fi"} {
				_ = c.T(lang, "notice.change", "date", c.Date(lang, d))
			}
		}()
	}
	wg.Wait()
	if got, want := c.T("fi", "notice.change", "date", c.Date("fi", d)), "Tämä versio tuli voimaan 29. helmikuuta 2024."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzT feeds site-provided string overrides through T: it must never panic,
// and without arguments it must return the text unchanged.
func FuzzT(f *testing.F) {
	for _, s := range []string{"", "{", "}", "{date}", "{{date}}", "a {b} {c", "{é}", "{x}{y}z"} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		c, _ := New([]string{"en"}, map[string]map[string]string{"en": {"site.skip": text}})
		if got := c.T("en", "site.skip"); got != text {
			t.Errorf("T without args changed %q to %q", text, got)
		}
		got := c.T("en", "site.skip", "date", value)
		if !strings.Contains(text, "{date}") && got != text {
			t.Errorf("T replaced something in %q without {date}: %q", text, got)
		}
	})
}

// TestLanguageName: a language is named in the reader's language, so an
// English sentence says "Swedish", not the site's own name "Svenska"; a
// code CLDR does not know keeps the site's name.
func TestLanguageName(t *testing.T) {
	for _, tc := range []struct{ ui, code, want string }{
		{"en", "sv", "Swedish"},
		{"sv", "en", "engelska"},
		{"fr", "fr", "français"},
		{"de", "nb", "Norwegisch Bokmål"},
		{"en", "xx", "Site name"},
		{"xx", "en", "Site name"},
	} {
		if got := LanguageName(tc.ui, tc.code, "Site name"); got != tc.want {
			t.Errorf("LanguageName(%q, %q) = %q, want %q", tc.ui, tc.code, got, tc.want)
		}
	}
}

func TestMonthNames(t *testing.T) {
	for lang, want := range map[string][2]string{
		"en":    {"July", "Jul"},
		"sv":    {"juli", ""},
		"de":    {"Dezember", "Dez."},
		"fi":    {"heinäkuuta", "heinä"},
		"fr":    {"juillet", "juil."},
		"pt-br": {"julho", "jul."},
	} {
		month := 7
		if lang == "de" {
			month = 12
		}
		names := MonthNames(lang)[month-1]
		if names[0] != want[0] || (want[1] == "" && len(names) != 1) || (want[1] != "" && (len(names) != 2 || names[1] != want[1])) {
			t.Errorf("MonthNames(%q)[%d] = %q, want %q", lang, month, names, want)
		}
	}
}
