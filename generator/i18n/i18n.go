// Package i18n holds the UI strings and date formats of the generated site:
// built-in string tables for en, sv, nb, da, de, fi and fr (embedded TOML
// files under strings/), merged with the strings a site overrides in
// site.toml, and each language's long date format from CLDR.
package i18n

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"slices"
	"sort"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/sitedir"

	"github.com/bep/golocales"
)

// configPath is where overrides come from, for diagnostics.
const configPath = sitedir.Config

// Catalog holds the UI strings of every language of one site: built-in
// tables merged with the site's overrides. Immutable after New; safe for
// concurrent use.
type Catalog struct {
	strings map[string]map[string]string    // language -> key -> text, every key present
	dates   map[string]golocales.Translator // language -> CLDR date formats
}

// New builds the catalog for the site's languages. overrides maps language
// code -> key -> text (from site.toml [languages.xx.strings]). It warns about
// a language without built-in strings that the overrides don't fully cover
// (English fills the gaps), reports an error for an override key that is not
// a known string key, and warns when an override's {placeholders} differ
// from the English string's, since a value would go missing or show raw.
func New(langs []string, overrides map[string]map[string]string) (*Catalog, diag.List) {
	var diags diag.List
	builtins := map[string]map[string]string{}
	for _, lang := range builtinLanguages() {
		table, _, err := builtinTable(lang)
		if err != nil {
			// A broken embedded table is a bug in the generator, not in the
			// site; report it rather than crash the build.
			diags.Errorf(configPath, 0, 0, "built-in UI strings: %v", err)
			continue
		}
		builtins[lang] = table
	}
	en := builtins[reference]
	keys := make([]string, 0, len(en))
	for k := range en {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	c := &Catalog{
		strings: map[string]map[string]string{},
		dates:   map[string]golocales.Translator{},
	}
	all := append([]string{reference}, langs...)
	for lang := range overrides {
		all = append(all, lang)
	}
	sort.Strings(all)
	all = slices.Compact(all)

	for _, lang := range all {
		base := en
		from := builtinFor(lang, builtins)
		if from != "" {
			base = builtins[from]
		}
		table := make(map[string]string, len(en))
		for k, v := range en {
			table[k] = v
		}
		for k, v := range base {
			table[k] = v
		}

		own := overrides[lang]
		missing := 0
		if from == "" {
			for _, k := range keys {
				if _, ok := own[k]; !ok {
					missing++
				}
			}
		}
		if missing > 0 {
			diags.Warnf(configPath, 0, 0, "no built-in UI strings for %q; English is used for %d strings; add them under [languages.%s.strings]", lang, missing, lang)
		}

		okeys := make([]string, 0, len(own))
		for k := range own {
			okeys = append(okeys, k)
		}
		sort.Strings(okeys)
		for _, k := range okeys {
			v := own[k]
			ref, known := en[k]
			if !known {
				diags.Errorf(configPath, 0, 0, "%s", UnknownKey(k, lang))
				continue
			}
			want, got := placeholders(ref), placeholders(v)
			for _, p := range want {
				if !slices.Contains(got, p) {
					diags.Warnf(configPath, 0, 0, "UI string %q in [languages.%s.strings] leaves out {%s}", k, lang, p)
				}
			}
			for _, p := range got {
				if !slices.Contains(want, p) {
					diags.Warnf(configPath, 0, 0, "UI string %q in [languages.%s.strings] has {%s}, which is not filled in; it can use %s", k, lang, p, braced(want))
				}
			}
			table[k] = v
		}
		c.strings[lang] = table
		c.dates[lang] = translator(lang)
	}
	return c, diags
}

// braced lists placeholder names as "{a}, {b}", or "none" when empty.
func braced(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "{" + n + "}"
	}
	return strings.Join(parts, ", ")
}

// translator finds CLDR data for lang: the code itself ("pt-br" is known as
// pt_BR), else its base language, else English.
func translator(lang string) golocales.Translator {
	if t := golocales.New(lang); t != nil {
		return t
	}
	if base, _, ok := strings.Cut(lang, "-"); ok {
		if t := golocales.New(base); t != nil {
			return t
		}
	}
	return golocales.New(reference)
}

// T returns the string for key in lang with {name} placeholders replaced by
// args given as name, value pairs:
//
//	T("sv", "notice.upcoming", "date", "1 januari 2027")
//
// A placeholder without a value stays visible as "{name}" so the omission
// shows up in review; values are inserted as they are, never expanded again.
// An unknown key returns the key itself; a language the catalog was not built
// for gets English.
func (c *Catalog) T(lang, key string, args ...string) string {
	table, ok := c.strings[lang]
	if !ok {
		table = c.strings[reference]
	}
	s, ok := table[key]
	if !ok {
		return key
	}
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		name, rest, ok := nextPlaceholder(s)
		if !ok {
			break
		}
		start := len(s) - len(rest) - len(name) - 2
		b.WriteString(s[:start])
		if v, found := arg(args, name); found {
			b.WriteString(v)
		} else {
			b.WriteString(s[start : len(s)-len(rest)])
		}
		s = rest
	}
	b.WriteString(s)
	return b.String()
}

// arg looks name up in name, value pairs; a trailing name without a value is
// ignored.
func arg(args []string, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return "", false
}

// Date formats d in the language's own long format from CLDR: "July 15,
// 2021" in en, "15 juli 2021" in sv, "15. Juli 2021" in de. A language
// without CLDR data uses its base language's or English.
func (c *Catalog) Date(lang string, d date.Date) string {
	t, ok := c.dates[lang]
	if !ok {
		t = c.dates[reference]
	}
	s := t.FormatDateLong(d.Time())
	// French writes the first of the month as an ordinal ("1er novembre"),
	// which CLDR's long format, built for every day alike, leaves out.
	if d.Day == 1 && (lang == "fr" || strings.HasPrefix(lang, "fr-")) && strings.HasPrefix(s, "1 ") {
		s = "1er" + s[1:]
	}
	return s
}

// ProcessorField returns the key of the UI string naming a processor's
// front matter field (name, location, purpose, country, transfer, url),
// the same words as the processors table's column headings.
func ProcessorField(field string) string {
	if field == "url" {
		return "processors.policy" // the column of links to each processor's policy
	}
	return "processors." + field
}

// LanguageName names the language code in the language ui, as a sentence
// in ui needs it ("The Swedish version" on an English page, "engelska" on
// a Swedish one), from CLDR's names. fallback, the site's own name for the
// language, serves where CLDR knows either language not.
func LanguageName(ui, code, fallback string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return fallback
	}
	if _, conf := tag.Base(); conf == language.No {
		return fallback
	}
	namer := display.Tags(language.Make(ui))
	if namer == nil {
		return fallback
	}
	if name := namer.Name(tag); name != "" {
		return name
	}
	return fallback
}

// CountryName names the country or region code (ISO 3166-1 alpha-2, as a
// processor's country is written: "DE", "us") in the language ui, from
// CLDR's names ("Germany", "Tyskland", "Allemagne"). A code CLDR does not
// know, or a value that is not a code ("Germany" written out), is returned
// as it is.
func CountryName(ui, code string) string {
	region, err := language.ParseRegion(strings.TrimSpace(code))
	if err != nil || len(strings.TrimSpace(code)) != 2 {
		return code
	}
	namer := display.Regions(namesIn(ui))
	if namer == nil {
		return code
	}
	if name := namer.Name(region); name != "" {
		return name
	}
	return code
}

// namesIn is the language whose CLDR names serve ui. x/text has no names
// for Norwegian Bokmål under its own code and would match it to Danish
// ("Den Europæiske Union"); under "no" it has the Bokmål ones.
func namesIn(ui string) language.Tag {
	t := language.Make(ui)
	if base, _ := t.Base(); base.String() == "nb" {
		return language.Make("no")
	}
	return t
}
