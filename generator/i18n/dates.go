package i18n

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/policygen/gen/generator/date"
)

// DateReader reads a date written the ways people write one, rather than
// as gen does (2021-07-15): 15 July 2021, 15. Juli 2021, 1er novembre
// 2026, July 15, 2021, 15.07.2021, 15/7/2021, 2021/07/15, 2021-7-15, with
// month names in the languages it is made for. gen import reads the dates
// a policy states with it, and a front matter date written any such way
// gets an error that says how to write it.
type DateReader struct {
	months     map[string]int // lowercased month name or abbreviation -> month
	dayMY      *regexp.Regexp // 15 July 2021, 15. Juli 2021, 1er novembre 2026
	mDY        *regexp.Regexp // July 15, 2021
	iso        *regexp.Regexp // 2021-07-15, 2021/07/15
	num        *regexp.Regexp // 15.07.2021, 15/7/2021
	monthFirst bool           // numeric dates may be month first (07/15/2021)
}

// NewDateReader returns a reader of dates in langs, the first of which
// decides the order of numeric dates: day first, but for English, where
// either may be meant.
func NewDateReader(langs ...string) *DateReader {
	first := ""
	if len(langs) > 0 {
		first, _, _ = strings.Cut(langs[0], "-")
	}
	r := &DateReader{months: map[string]int{}, monthFirst: first == "en"}
	var names []string
	for _, l := range langs {
		for m, forms := range MonthNames(l) {
			for _, f := range forms {
				f = strings.TrimSuffix(strings.ToLower(f), ".")
				if f != "" && r.months[f] == 0 {
					r.months[f] = m + 1
					names = append(names, regexp.QuoteMeta(f))
				}
			}
		}
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	month := `(` + strings.Join(names, "|") + `)\.?`
	r.dayMY = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|er|re|e|\.)?\s*(?:of\s+|de\s+)?` + month + `,?\s+(\d{4})\b`)
	r.mDY = regexp.MustCompile(`^` + month + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	r.iso = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	r.num = regexp.MustCompile(`^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b`)
	return r
}

// At reads a date at the start of s, which must be in lower case. It
// returns the days it can mean, in the order a reader of the first
// language would take them, and the bytes read; none when s does not start
// with a date. A numeric date is two days when either number may be the
// month (03/07/2021 in English: the 7th of March in the US, the 3rd of
// July in Britain).
func (r *DateReader) At(s string) ([]date.Date, int) {
	one := func(d date.Date, n int) ([]date.Date, int) {
		if d.IsZero() {
			return nil, 0
		}
		return []date.Date{d}, n
	}
	if m := r.iso.FindStringSubmatch(s); m != nil {
		return one(Day(atoi(m[1]), atoi(m[2]), atoi(m[3])), len(m[0]))
	}
	if m := r.dayMY.FindStringSubmatch(s); m != nil {
		return one(Day(atoi(m[3]), r.months[m[2]], atoi(m[1])), len(m[0]))
	}
	if m := r.mDY.FindStringSubmatch(s); m != nil {
		return one(Day(atoi(m[3]), r.months[m[1]], atoi(m[2])), len(m[0]))
	}
	if m := r.num.FindStringSubmatch(s); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		var out []date.Date
		if d := Day(y, b, a); !d.IsZero() {
			out = append(out, d)
		}
		if d := Day(y, a, b); r.monthFirst && !d.IsZero() && a != b {
			out = append(out, d)
		}
		if len(out) > 0 {
			return out, len(m[0])
		}
	}
	return nil, 0
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// Day returns the date, or the zero Date when it is not a day on the
// calendar or not a year a policy could be from.
func Day(y, m, d int) date.Date {
	if y < 1970 || y > 2199 || m < 1 || m > 12 || d < 1 {
		return date.Date{}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return date.Date{}
	}
	return date.Date{Year: y, Month: time.Month(m), Day: d}
}

// AnyLanguageDates returns a reader of dates in English and every language
// with built-in strings, English first: numeric dates are read both ways.
// It is made once, on first use.
var AnyLanguageDates = sync.OnceValue(func() *DateReader {
	langs := []string{"en"}
	for _, l := range builtinLanguages() {
		if l != "en" {
			langs = append(langs, l)
		}
	}
	return NewDateReader(langs...)
})
