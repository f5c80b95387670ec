package importer

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/i18n"
)

// dateLabels are the words policies put before their dates, by language:
// what they say of the last update and of when the text takes effect.
// Besides these, the site's own labels (i18n's version.last_updated and
// version.effective) are read, so a page gen published imports again.
var dateLabels = map[string]struct{ updated, effective []string }{
	"en": {
		updated:   []string{"last updated", "last update", "updated on", "updated", "last modified", "last revised", "revised", "last changed", "date of last revision", "version date"},
		effective: []string{"effective date", "effective from", "effective as of", "effective", "in force from", "in effect from", "valid from", "applies from", "comes into force", "takes effect"},
	},
	"sv": {
		updated:   []string{"senast uppdaterad", "senast ändrad", "senast reviderad", "uppdaterad", "reviderad", "ändrad"},
		effective: []string{"gäller från och med", "gäller från", "gäller fr.o.m.", "giltig från", "i kraft från", "träder i kraft", "trädde i kraft", "ikraftträdande"},
	},
	"nb": {
		updated:   []string{"sist oppdatert", "sist endret", "sist revidert", "oppdatert", "endret"},
		effective: []string{"gjelder fra og med", "gjelder fra", "gyldig fra", "i kraft fra", "trer i kraft", "trådte i kraft", "ikrafttredelse"},
	},
	"da": {
		updated:   []string{"senest opdateret", "sidst opdateret", "senest ændret", "sidst ændret", "opdateret", "ændret"},
		effective: []string{"gældende fra", "gyldig fra", "i kraft fra", "træder i kraft", "trådte i kraft", "ikrafttrædelse"},
	},
	"de": {
		updated:   []string{"zuletzt aktualisiert", "letzte aktualisierung", "aktualisiert am", "aktualisiert", "zuletzt geändert", "letzte änderung", "geändert am", "stand"},
		effective: []string{"gültig ab", "gültig seit", "wirksam ab", "in kraft ab", "in kraft seit", "tritt in kraft", "inkrafttreten"},
	},
	"fi": {
		updated:   []string{"viimeksi päivitetty", "päivitetty viimeksi", "päivitetty", "viimeksi muutettu", "muutettu"},
		effective: []string{"voimassa alkaen", "voimassa", "voimaantulo", "tulee voimaan", "astuu voimaan"},
	},
	"fr": {
		updated:   []string{"dernière mise à jour", "date de mise à jour", "mise à jour", "mis à jour le", "mis à jour", "dernière modification", "modifié le", "révisé le"},
		effective: []string{"date d'entrée en vigueur", "entrée en vigueur", "en vigueur à compter du", "en vigueur depuis le", "en vigueur le", "en vigueur", "applicable à compter du", "applicable à partir du", "date d'effet"},
	},
}

// dateReader finds the dates a policy states in its own words, in one
// language (and English, which policies in every language borrow).
type dateReader struct {
	labels []label // longest first
	dates  *i18n.DateReader
	fill   map[string]bool // small words between a label and its date
}

type label struct {
	text      string
	effective bool
}

// fillers are words that may stand between a label and its date ("last
// updated on the 15th of July", "gäller från den 1 juli").
var fillers = []string{"on", "the", "of", "as", "from", "at", "den", "från", "fra", "am", "ab", "vom", "zum", "seit", "le", "du", "au", "depuis", "à", "compter", "partir"}

func newDateReader(lang string, cat *i18n.Catalog) *dateReader {
	base, _, _ := strings.Cut(lang, "-")
	r := &dateReader{dates: i18n.NewDateReader(lang, "en"), fill: map[string]bool{}}
	seen := map[string]bool{}
	add := func(text string, effective bool) {
		text = normalize(text)
		if text != "" && !seen[text] {
			seen[text] = true
			r.labels = append(r.labels, label{text, effective})
		}
	}
	for _, l := range []string{base, "en"} {
		for _, t := range dateLabels[l].updated {
			add(t, false)
		}
		for _, t := range dateLabels[l].effective {
			add(t, true)
		}
	}
	if cat != nil {
		add(cat.T(lang, "version.last_updated"), false)
		add(cat.T(lang, "version.effective"), true)
		add(cat.T(lang, "version.takes_effect"), true)
	}
	sort.SliceStable(r.labels, func(i, j int) bool { return len(r.labels[i].text) > len(r.labels[j].text) })
	for _, f := range fillers {
		r.fill[f] = true
	}
	return r
}

// normalize lowercases s and makes every run of spaces one space, so that
// labels match however a document spaced them.
func normalize(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// stated is what one line of text says of a policy's dates.
type stated struct {
	updated, effective date.Date
	// only reports a line that says nothing else worth keeping: the page
	// shows its dates itself, so such a line is left out of the body.
	only bool
}

// read looks for labelled dates in one line of text.
func (r *dateReader) read(line string) stated {
	s := normalize(line)
	var st stated
	var kept []string // the text around the labelled dates
	rest := s
	for len(rest) > 0 {
		i, l := r.nextLabel(rest)
		if i < 0 {
			kept = append(kept, rest)
			break
		}
		kept = append(kept, rest[:i])
		after := rest[i+len(l.text):]
		d, n := r.dateAfter(after)
		if d.IsZero() {
			kept = append(kept, rest[i:i+len(l.text)])
			rest = after
			continue
		}
		if l.effective && st.effective.IsZero() {
			st.effective = d
		} else if !l.effective && st.updated.IsZero() {
			st.updated = d
		}
		rest = after[n:]
	}
	if st.updated.IsZero() && st.effective.IsZero() {
		return st
	}
	words := 0
	for _, k := range kept {
		words += len(strings.FieldsFunc(k, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }))
	}
	st.only = words <= 4
	return st
}

// nextLabel finds the first label in s that starts and ends at word
// boundaries, returning its offset, or -1.
func (r *dateReader) nextLabel(s string) (int, label) {
	for i := 0; i < len(s); i++ {
		if i > 0 && isWordByte(s, i-1) {
			continue
		}
		for _, l := range r.labels {
			if strings.HasPrefix(s[i:], l.text) && (i+len(l.text) == len(s) || !isWordByte(s, i+len(l.text))) {
				return i, l
			}
		}
	}
	return -1, label{}
}

// isWordByte reports whether the character around byte i of s is a letter
// or digit; continuation bytes of UTF-8 count as letters.
func isWordByte(s string, i int) bool {
	c := s[i]
	if c >= 0x80 {
		return true
	}
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// dateAfter reads the date that follows a label: after punctuation and up
// to three small words, a date in any of the ways people write them. It
// returns the zero Date when there is none, and the bytes read.
func (r *dateReader) dateAfter(s string) (date.Date, int) {
	i := 0
	skip := func() {
		for i < len(s) && strings.ContainsRune(" :-–—,()", rune(s[i])) {
			i++
		}
	}
	skip()
	for words := 0; words < 3; words++ {
		if d, n := r.dateAt(s[i:]); !d.IsZero() {
			return d, i + n
		}
		end := i
		for end < len(s) && s[end] != ' ' {
			end++
		}
		word := strings.Trim(s[i:end], ".,:")
		if !r.fill[word] && !isWeekday(word) {
			return date.Date{}, 0
		}
		i = end
		skip()
	}
	if d, n := r.dateAt(s[i:]); !d.IsZero() {
		return d, i + n
	}
	return date.Date{}, 0
}

// isWeekday reports an English weekday ("Monday, July 15, 2021").
func isWeekday(w string) bool {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if name := strings.ToLower(d.String()); w == name || w == name[:3] {
			return true
		}
	}
	return false
}

// dateAt reads a date at the start of s (lowercased), or returns the zero
// Date. A date that can be read two ways (03/07/2021 in English is the 7th
// of March in the US and the 3rd of July in Britain) is not guessed:
// guessing could date a version wrongly.
func (r *dateReader) dateAt(s string) (date.Date, int) {
	if ds, n := r.dates.At(s); len(ds) == 1 {
		return ds[0], n
	}
	return date.Date{}, 0
}

// fileDate reads a date written as YYYY-MM-DD in a file's name
// ("privacy-2021-07-15.html"), or returns the zero Date.
func fileDate(name string) date.Date {
	m := fileDatePattern.FindStringSubmatch(name)
	if m == nil {
		return date.Date{}
	}
	return i18n.Day(atoi(m[1]), atoi(m[2]), atoi(m[3]))
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

var fileDatePattern = regexp.MustCompile(`(?:^|[^0-9])(\d{4})-(\d{2})-(\d{2})(?:[^0-9]|$)`)
