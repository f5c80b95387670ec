package i18n

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/policygen/gen/generator/suggest"
)

// knownKeys are Keys, read from the embedded table once: site.toml's
// check asks for them once per override.
var knownKeys = sync.OnceValue(Keys)

// UnknownKey returns the error message for an override of key in
// [languages.<lang>.strings] when key names no UI string, or "" when it
// does. The message suggests what the author most likely meant: a close
// key, else the keys of the section the key names, else the sections.
// config reports it at the key's line and column; New reports it too, for
// overrides that did not come from site.toml.
func UnknownKey(key, lang string) string {
	return unknown(key, fmt.Sprintf("unknown UI string key %q in [languages.%s.strings]", key, lang))
}

// Unknown is UnknownKey for a layout that asks for the UI string key
// ({{.T "key"}}): the message, or "" when key names a UI string.
func Unknown(key string) string {
	return unknown(key, fmt.Sprintf("unknown UI string key %q", key))
}

// unknown is msg with its suggestion when key names no UI string, or "".
func unknown(key, msg string) string {
	known := knownKeys()
	if _, found := slices.BinarySearch(known, key); found {
		return ""
	}
	if s := closest(key, known); s != "" {
		return msg + fmt.Sprintf("; did you mean %q?", s)
	}
	section := sectionOf(key)
	var inSection, sections []string
	for _, k := range known {
		s := sectionOf(k)
		if s == section {
			inSection = append(inSection, k)
		}
		if !slices.Contains(sections, s) {
			sections = append(sections, s)
		}
	}
	if len(inSection) > 0 {
		return msg + fmt.Sprintf("; the keys of [%s] are %s", section, strings.Join(inSection, ", "))
	}
	if section == "" {
		return msg + fmt.Sprintf(`; a key is a section and a name, like "notice.upcoming", and the sections are %s`, strings.Join(sections, ", "))
	}
	return msg + fmt.Sprintf("; there is no section [%s]; the sections are %s", section, strings.Join(sections, ", "))
}

// sectionOf returns the section of key, as written in the string tables:
// "version.status.in-force" is in section "version.status".
func sectionOf(key string) string {
	i := strings.LastIndexByte(key, '.')
	return key[:max(i, 0)]
}

// closest returns the known key a mistyped key most likely meant, or "" when
// none is near enough to be a useful suggestion.
func closest(key string, known []string) string {
	// A key given without its section ("skip" for "site.skip") is a common
	// slip that edit distance misses; suggest the key when exactly one ends
	// that way.
	var suffixed []string
	for _, k := range known {
		if strings.HasSuffix(k, "."+key) {
			suffixed = append(suffixed, k)
		}
	}
	if len(suffixed) == 1 {
		return suffixed[0]
	}
	return suggest.Closest(key, known)
}
