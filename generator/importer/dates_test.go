package importer

import (
	"testing"
	"time"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/i18n"
)

func day(y int, m time.Month, d int) date.Date { return date.Date{Year: y, Month: m, Day: d} }

func TestStatedDates(t *testing.T) {
	cat, _ := i18n.New([]string{"en", "sv", "nb", "da", "de", "fi", "fr"}, nil)
	none := date.Date{}
	tests := []struct {
		lang, line         string
		updated, effective date.Date
		only               bool
	}{
		{"en", "Last updated: July 15, 2021", day(2021, 7, 15), none, true},
		{"en", "Last Updated on 15 July 2021.", day(2021, 7, 15), none, true},
		{"en", "This policy was last updated on the 3rd of March, 2022", day(2022, 3, 3), none, true},
		{"en", "Effective date: 1 August 2021", none, day(2021, 8, 1), true},
		{"en", "Last updated: July 15, 2021 · Effective from August 1, 2021", day(2021, 7, 15), day(2021, 8, 1), true},
		{"en", "Updated: 2021-07-15", day(2021, 7, 15), none, true},
		{"en", "Last modified: Monday, July 15, 2019", day(2019, 7, 15), none, true},
		{"en", "Last updated 15/07/2021", day(2021, 7, 15), none, true},
		{"en", "Last updated 07/15/2021", day(2021, 7, 15), none, true},
		{"en", "Last updated 03/07/2021", none, none, false}, // March or July: not guessed
		{"en", "Last updated: Feb 30, 2021", none, none, false},
		{"en", "Last updated: soon", none, none, false},
		{"en", "We updated our cookie list and the date is July 15, 2021 for all of our many users worldwide.", none, none, false},
		{"en", "The controller last updated its records of processing on 1 March 2020, as the law requires.", none, none, false},
		{"en", "Last updated on 1 March 2020, when we added a newsletter provider and kept logs shorter.", day(2020, 3, 1), none, false},
		{"sv", "Senast uppdaterad: 15 juli 2021", day(2021, 7, 15), none, true},
		{"sv", "Gäller från den 1 augusti 2021", none, day(2021, 8, 1), true},
		{"sv", "Senast uppdaterad 2021-07-15. Gäller från och med 2021-08-01.", day(2021, 7, 15), day(2021, 8, 1), true},
		{"sv", "Uppdaterad 15.7.2021", day(2021, 7, 15), none, true},
		{"nb", "Sist oppdatert: 15. juli 2021", day(2021, 7, 15), none, true},
		{"da", "Senest opdateret den 15. juli 2021", day(2021, 7, 15), none, true},
		{"de", "Stand: 15. Juli 2021", day(2021, 7, 15), none, true},
		{"de", "Zuletzt aktualisiert am 3. März 2022", day(2022, 3, 3), none, true},
		{"de", "Gültig ab 01.08.2021", none, day(2021, 8, 1), true},
		{"de", "Letzte Aktualisierung: 15. Dez. 2021", day(2021, 12, 15), none, true},
		{"fi", "Päivitetty 15. heinäkuuta 2021", day(2021, 7, 15), none, true},
		{"fr", "Dernière mise à jour : 1er novembre 2026", day(2026, 11, 1), none, true},
		{"fr", "Mis à jour le 15 juillet 2021", day(2021, 7, 15), none, true},
		{"fr", "Date d'entrée en vigueur : 1 août 2021", none, day(2021, 8, 1), true},
		{"fr", "En vigueur à compter du 15/07/2021", none, day(2021, 7, 15), true},
		{"fr", "Dernière mise à jour : 15 juil. 2021", day(2021, 7, 15), none, true},
		// English labels are read in every language; other languages' not.
		{"sv", "Last updated: July 15, 2021", day(2021, 7, 15), none, true},
		{"en", "Senast uppdaterad: 15 juli 2021", none, none, false},
	}
	for _, tt := range tests {
		got := newDateReader(tt.lang, cat).read(tt.line)
		if got.updated != tt.updated || got.effective != tt.effective || got.only != tt.only {
			t.Errorf("%s %q: updated %v effective %v only %v, want %v %v %v", tt.lang, tt.line, got.updated, got.effective, got.only, tt.updated, tt.effective, tt.only)
		}
	}
}

func TestFileDate(t *testing.T) {
	for name, want := range map[string]date.Date{
		"2021-07-15.html":             day(2021, 7, 15),
		"privacy-2021-07-15.docx":     day(2021, 7, 15),
		"privacy_2021-07-15_final.md": day(2021, 7, 15),
		"privacy.docx":                {},
		"2021-13-01.html":             {},
		"v12021-07-150.html":          {},
	} {
		if got := fileDate(name); got != want {
			t.Errorf("fileDate(%q) = %v, want %v", name, got, want)
		}
	}
}

// FuzzStatedDates reads dates out of any line in every language: it must
// never panic, and a date it finds is a day on the calendar.
func FuzzStatedDates(f *testing.F) {
	for _, s := range []string{"Last updated: July 15, 2021", "Senast uppdaterad 2021-07-15. Gäller från och med 2021-08-01.",
		"Dernière mise à jour : 1er novembre 2026", "Stand: 31.02.2021", "updated updated on on the the 1", "Effective date: ", "Last updated 99/99/9999"} {
		f.Add(s, "en")
		f.Add(s, "fr")
	}
	cat, _ := i18n.New([]string{"en", "sv", "nb", "da", "de", "fi", "fr"}, nil)
	readers := map[string]*dateReader{}
	for _, l := range []string{"en", "sv", "nb", "da", "de", "fi", "fr"} {
		readers[l] = newDateReader(l, cat)
	}
	f.Fuzz(func(t *testing.T, line, lang string) {
		r, ok := readers[lang]
		if !ok {
			r = readers["sv"]
		}
		st := r.read(line)
		for _, d := range []date.Date{st.updated, st.effective} {
			if !d.IsZero() && i18n.Day(d.Year, int(d.Month), d.Day) != d {
				t.Errorf("%q: %v is not a day", line, d)
			}
		}
		if st.only && st.updated.IsZero() && st.effective.IsZero() {
			t.Errorf("%q: a line without dates would be taken out", line)
		}
	})
}
