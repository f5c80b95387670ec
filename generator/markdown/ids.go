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

// Heading is a heading as the id rule reads it: its text as a reader sees
// it, and the {#id} its author wrote when that is a valid id.
type Heading struct{ Text, Custom string }

// ReadHeading reads a heading of a body parsed in the Dialect, for the id
// rule: the redlines give their sections the ids the policy pages give
// their headings.
func ReadHeading(h *ast.Heading, source []byte) Heading {
	out := Heading{Text: plainText(h, source)}
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok && validID(b) {
			out.Custom = string(b)
		}
	}
	return out
}

// IDs is the set of element ids of one page: the ones its layout reserves
// and the ones its headings take. It implements parser.IDs so that
// anything in goldmark generating ids draws from the same set.
type IDs struct {
	used map[string]bool
	next map[string]int // last suffix tried for a base, to keep many duplicates linear
}

var _ parser.IDs = (*IDs)(nil)

// NewIDs returns the ids of a page whose layout uses reserved.
func NewIDs(reserved []string) *IDs {
	p := &IDs{used: map[string]bool{}, next: map[string]int{}}
	for _, id := range reserved {
		p.used[id] = true
	}
	return p
}

// Headings gives the headings of a page, in order, their ids: the authors'
// {#ids} first (an {#id} taken already, by the layout or by an earlier
// heading, is listed in taken and the heading gets a generated one), then
// generated ones, so a generated id never takes an {#id} written further
// down the page.
func (p *IDs) Headings(hs []Heading) (ids []string, taken []int) {
	ids = make([]string, len(hs))
	for i, h := range hs {
		switch {
		case h.Custom == "":
		case p.used[h.Custom]:
			taken = append(taken, i)
		default:
			p.used[h.Custom] = true
			ids[i] = h.Custom
		}
	}
	for i, h := range hs {
		if ids[i] == "" {
			ids[i] = p.Unique(slug(h.Text))
		}
	}
	return ids, taken
}

// Generate returns a new unique id for text.
func (p *IDs) Generate(text []byte, _ ast.NodeKind) []byte {
	return []byte(p.Unique(slug(string(text))))
}

// Put marks id as taken.
func (p *IDs) Put(id []byte) { p.used[string(id)] = true }

// Unique returns base, or base-1, base-2… when taken, and takes it.
func (p *IDs) Unique(base string) string {
	id := base
	for n := p.next[base]; p.used[id]; {
		n++
		p.next[base] = n
		id = base + "-" + strconv.Itoa(n)
	}
	p.used[id] = true
	return id
}
