package i18n

import (
	"strings"

	"gen/generator/tomlpos"
)

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
	return tomlpos.Closest(key, known)
}
