package i18n

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// reference is the language every other table is checked against and falls
// back to.
const reference = "en"

//go:embed strings/*.toml
var tableFiles embed.FS

// aliases maps language codes to the built-in table that serves them when
// the code itself has none and its base language is no help: "no" is the
// macrolanguage whose written standard the site most likely means.
var aliases = map[string]string{"no": "nb"}

// builtinLanguages lists the languages with a built-in table, sorted.
func builtinLanguages() []string {
	entries, err := tableFiles.ReadDir("strings")
	if err != nil {
		panic(err) // the directory is embedded; it cannot be missing
	}
	var langs []string
	for _, e := range entries {
		if lang, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			langs = append(langs, lang)
		}
	}
	sort.Strings(langs)
	return langs
}

// builtinTable reads the embedded table of lang. ok is false when lang has
// none; err is set only when the embedded file is broken, which the tests
// rule out.
func builtinTable(lang string) (table map[string]string, ok bool, err error) {
	data, err := tableFiles.ReadFile("strings/" + lang + ".toml")
	if err != nil {
		return nil, false, nil
	}
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		return nil, true, fmt.Errorf("strings/%s.toml: %w", lang, err)
	}
	table = map[string]string{}
	if err := flatten("", tree, table); err != nil {
		return nil, true, fmt.Errorf("strings/%s.toml: %w", lang, err)
	}
	return table, true, nil
}

// flatten turns nested TOML tables into dotted keys: [version.status]
// in-force becomes "version.status.in-force".
func flatten(prefix string, tree map[string]any, out map[string]string) error {
	for k, v := range tree {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			out[key] = v
		case map[string]any:
			if err := flatten(key, v, out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: want a string, got %T", key, v)
		}
	}
	return nil
}

// builtinFor picks the built-in table that serves lang: its own, its
// alias's, or its base language's ("de-ch" is served by "de"). It returns
// the code of the table used, or "" when there is none.
func builtinFor(lang string, tables map[string]map[string]string) string {
	candidates := []string{lang, aliases[lang]}
	if base, _, ok := strings.Cut(lang, "-"); ok {
		candidates = append(candidates, base, aliases[base])
	}
	for _, c := range candidates {
		if _, ok := tables[c]; ok && c != "" {
			return c
		}
	}
	return ""
}

// Keys lists every known string key, sorted.
func Keys() []string {
	table, _, err := builtinTable(reference)
	if err != nil {
		panic(err) // the embedded reference table is part of the program
	}
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// placeholders returns the distinct {name} placeholders of s, sorted.
func placeholders(s string) []string {
	var names []string
	for {
		name, rest, ok := nextPlaceholder(s)
		if !ok {
			break
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
		s = rest
	}
	slices.Sort(names)
	return names
}

// nextPlaceholder finds the first {name} in s. It returns the name and the
// text after the closing brace.
func nextPlaceholder(s string) (name, rest string, ok bool) {
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return "", "", false
		}
		n := placeholderLen(s[open+1:])
		if n > 0 {
			return s[open+1 : open+1+n], s[open+n+2:], true
		}
		s = s[open+1:]
	}
}

// placeholderLen returns the length of the name at the start of s when it is
// followed by "}", else 0. Names are lowercase letters, digits and '_', so
// stray braces in a translation stay literal text.
func placeholderLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '}':
			return i
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		default:
			return 0
		}
	}
	return 0
}
