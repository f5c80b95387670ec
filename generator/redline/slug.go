package redline

import (
	"strconv"
	"strings"
	"unicode"
)

// latin transliterates the accented Latin letters of the languages policies
// are commonly published in, so that ids stay readable ASCII
// ("för" -> "for"). Other letters are kept as they are: an id may be Unicode.
var latin = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ķ': "k", 'ļ': "l", 'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n", 'ņ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ő': "o", 'ō': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'ț': "t",
	'þ': "th", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// slugify makes a readable id from heading text: lower case, transliterated,
// words joined by hyphens; "section" when nothing usable is left.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
			hyphen = false
		case latin[r] != "":
			b.WriteString(latin[r])
			hyphen = false
		case r == '-' || r == '_' || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			hyphen = false
		}
	}
	id := strings.TrimSuffix(b.String(), "-")
	if id == "" {
		return "section"
	}
	return id
}

// unique returns id, or id with the first free "-2", "-3"… suffix, and
// records it as used.
func unique(id string, used map[string]bool) string {
	cand := id
	for n := 2; used[cand]; n++ {
		cand = id + "-" + strconv.Itoa(n)
	}
	used[cand] = true
	return cand
}
