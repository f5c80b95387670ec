package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Heading ids are part of the permanent URLs people link to ("…/privacy/#cookies"),
// so they are derived from the heading text by a fixed, documented rule:
//
//   - letters with diacritics become their base letter and ligatures are
//     spelled out (å ä → a, ö ø → o, ü → u, é è ê → e, ç → c, æ → ae,
//     œ → oe, ß → ss, þ → th). The rule is the same for every language
//     because ids must not change when a heading is copied between
//     translations, and because ä and ö are letters of their own in
//     Swedish, Finnish and Estonian, where "ae"/"oe" read wrongly;
//     German readers are used to umlauts losing their dots in URLs;
//   - other letters and digits (Greek, Cyrillic, CJK…) are kept,
//     lowercased, so no script yields an empty id;
//   - apostrophes vanish ("don't" → "dont", "l'accès" → "lacces");
//   - every other run of characters becomes one "-", trimmed at both ends;
//   - text with nothing left becomes "section".
//
// A page's ids are unique: the second "overview" is "overview-1", then
// "overview-2", skipping ids already taken, including {#custom} ones.

// transliterations maps lowercase letters to their readable ASCII spelling.
var transliterations = func() map[rune]string {
	m := map[rune]string{}
	for _, t := range []struct{ from, to string }{
		{"àáâãäåāăąǎ", "a"},
		{"æǽ", "ae"},
		{"çćĉċč", "c"},
		{"ďđð", "d"},
		{"èéêëēĕėęě", "e"},
		{"ĝğġģ", "g"},
		{"ĥħ", "h"},
		{"ìíîïĩīĭįıǐ", "i"},
		{"ĳ", "ij"},
		{"ĵ", "j"},
		{"ķ", "k"},
		{"ĺļľŀł", "l"},
		{"ñńņňŉ", "n"},
		{"òóôõöøōŏőǒǿ", "o"},
		{"œ", "oe"},
		{"ŕŗř", "r"},
		{"śŝşšș", "s"},
		{"ß", "ss"},
		{"ţťŧț", "t"},
		{"þ", "th"},
		{"ùúûüũūŭůűųǔ", "u"},
		{"ŵ", "w"},
		{"ýÿŷ", "y"},
		{"źżž", "z"},
	} {
		for _, r := range t.from {
			m[r] = t.to
		}
	}
	return m
}()

// isApostrophe reports whether r joins a word rather than separating words.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ'
}

// slug turns heading text into an id by the rule above, without making it
// unique.
func slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false      // a separator is pending
	afterWide := false // the last kept character was not ASCII: marks may follow it
	emit := func(s string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(s)
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			emit(string(r))
			afterWide = false
		case isApostrophe(r):
		case transliterations[r] != "":
			emit(transliterations[r])
			afterWide = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			emit(string(r))
			afterWide = true
		case unicode.Is(unicode.M, r):
			// Vowel signs of Indic scripts are part of the word; a
			// combining accent on an ASCII letter is dropped like the
			// precomposed one would be.
			if afterWide && !dash {
				b.WriteRune(r)
			}
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// pageIDs is the set of element ids of one page. It implements parser.IDs
// so that anything in goldmark generating ids draws from the same set.
type pageIDs struct {
	used map[string]bool
	next map[string]int // last suffix tried for a base, to keep many duplicates linear
}

var _ parser.IDs = (*pageIDs)(nil)

func newPageIDs() *pageIDs {
	return &pageIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a new unique id for text.
func (p *pageIDs) Generate(text []byte, _ ast.NodeKind) []byte {
	return []byte(p.unique(slug(string(text))))
}

// Put marks id as taken.
func (p *pageIDs) Put(id []byte) { p.used[string(id)] = true }

// unique returns base, or base-1, base-2… when taken, and takes it.
func (p *pageIDs) unique(base string) string {
	id := base
	for n := p.next[base]; p.used[id]; {
		n++
		p.next[base] = n
		id = base + "-" + strconv.Itoa(n)
	}
	p.used[id] = true
	return id
}
