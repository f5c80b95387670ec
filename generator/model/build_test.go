package model

import (
	"strings"
	"testing"

	"github.com/policygen/gen/generator/date"
)

func day(s string) date.Date {
	d, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// file makes a parsed file of policy "p" in lang dated last (effective eff,
// "" for the same day); archived files live in their date's folder.
func file(lang, last, eff string, current bool) File {
	v := &Version{Date: day(last), Title: "T", SourcePath: "content/p/" + lang + ".md", Change: &Change{Summary: "s"}}
	if eff != "" {
		v.Effective = day(eff)
	}
	f := File{Policy: "p", Lang: lang, Version: v, Lines: map[string]int{"last_updated": 3}}
	if !current {
		f.Archived = v.Date
		v.SourcePath = "content/p/archive/" + last + "/" + lang + ".md"
	}
	return f
}

var config = Config{
	Languages:             []Language{{"en", "English"}, {"sv", "Svenska"}},
	AuthoritativeLanguage: "en",
	NoticeDays:            30,
}

// TestStatus applies "in force on a day is the newest version whose
// effective date has arrived" to a range of days.
func TestStatus(t *testing.T) {
	files := func() []File {
		return []File{
			file("en", "2023-01-01", "", false),
			file("en", "2023-06-01", "2023-07-01", false),
			file("en", "2023-08-01", "2023-12-01", true),
		}
	}
	for _, tc := range []struct {
		now      string
		statuses string // of the three versions, oldest first
		shown    string
		until    []string // Until of each version ("" for none)
	}{
		{"2022-12-31", "upcoming upcoming upcoming", "2023-08-01", []string{"", "", ""}},
		{"2023-01-01", "in-force upcoming upcoming", "2023-01-01", []string{"", "", ""}},
		{"2023-06-30", "in-force upcoming upcoming", "2023-01-01", []string{"", "", ""}},
		{"2023-07-01", "archived in-force upcoming", "2023-06-01", []string{"2023-07-01", "", ""}},
		{"2023-12-01", "archived archived in-force", "2023-08-01", []string{"2023-07-01", "2023-12-01", ""}},
	} {
		c := config
		c.Now = day(tc.now)
		site, diags := Build(c, files())
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		ed := site.Policies[0].Editions[0]
		var got []string
		for i, v := range ed.Versions {
			got = append(got, v.Status.String())
			if v.Until.String() != tc.until[i] && !(v.Until.IsZero() && tc.until[i] == "") {
				t.Errorf("now %s: version %s until %s, want %q", tc.now, v.Date, v.Until, tc.until[i])
			}
		}
		if strings.Join(got, " ") != tc.statuses {
			t.Errorf("now %s: statuses %v, want %s", tc.now, got, tc.statuses)
		}
		if ed.Shown.Date.String() != tc.shown {
			t.Errorf("now %s: shown %s, want %s", tc.now, ed.Shown.Date, tc.shown)
		}
	}
}

// TestReplacedBeforeTakingEffect: a version overtaken by a newer one that
// took effect first was never in force.
func TestReplacedBeforeTakingEffect(t *testing.T) {
	c := config
	c.Now = day("2024-01-01")
	site, _ := Build(c, []File{
		file("en", "2023-01-01", "", false),
		file("en", "2023-02-01", "2023-09-01", false),
		file("en", "2023-03-01", "2023-03-01", true),
	})
	vs := site.Policies[0].Editions[0].Versions
	if !vs[1].NeverInForce || vs[1].Status != Archived || vs[0].Until != day("2023-03-01") {
		t.Errorf("replaced version: never=%v status=%v; first until %s", vs[1].NeverInForce, vs[1].Status, vs[0].Until)
	}
}

// TestTranslationBehind compares translations with the authoritative
// language by the version they translate, else by date.
func TestTranslationBehind(t *testing.T) {
	for _, tc := range []struct {
		name       string
		svDate     string
		translates string
		behind     bool
	}{
		{"older by date", "2023-01-01", "", true},
		{"newer by date", "2023-07-01", "", false},
		{"dated later but translating the old text", "2023-07-01", "2023-01-01", true},
		{"translating the newest", "2023-06-15", "2023-06-01", false},
	} {
		c := config
		c.Now = day("2023-08-01")
		sv := file("sv", tc.svDate, "", true)
		if tc.translates != "" {
			sv.Version.Translates = day(tc.translates)
		}
		site, diags := Build(c, []File{file("en", "2023-01-01", "", false), file("en", "2023-06-01", "", true), sv})
		ed := site.Policies[0].Edition("sv")
		if got := ed.Behind != nil; got != tc.behind {
			t.Errorf("%s: behind = %v", tc.name, got)
		}
		if got := len(diags.Warnings()) == 1; got != tc.behind {
			t.Errorf("%s: warnings %v", tc.name, diags)
		}
	}
}

// TestTranslationBehindPointsTo checks which authoritative version a
// lagging translation's notice names: the version in force if the
// translation lags it, else the next version to take effect, which is not
// always the oldest nor the newest upcoming one.
func TestTranslationBehindPointsTo(t *testing.T) {
	for _, tc := range []struct {
		name       string
		upcoming   [][2]string // last_updated and effective of upcoming English versions
		translates string
		want       string // the version named; its status decides the notice
		status     Status
	}{
		{"lags the version in force", [][2]string{{"2023-09-01", "2023-11-01"}}, "2023-01-01", "2023-06-01", InForce},
		{"lags only an upcoming version", [][2]string{{"2023-09-01", "2023-11-01"}}, "2023-06-01", "2023-09-01", Upcoming},
		{"the next of two to take effect", [][2]string{{"2023-09-01", "2023-11-01"}, {"2023-10-01", "2023-12-01"}}, "2023-06-01", "2023-09-01", Upcoming},
		{"translating the first of two", [][2]string{{"2023-09-01", "2023-11-01"}, {"2023-10-01", "2023-12-01"}}, "2023-09-01", "2023-10-01", Upcoming},
		{"one replaced before it takes effect", [][2]string{{"2023-09-01", "2023-12-01"}, {"2023-10-01", "2023-11-01"}}, "2023-06-01", "2023-10-01", Upcoming},
	} {
		c := config
		c.Now = day("2023-08-01")
		files := []File{file("en", "2023-01-01", "", false), file("en", "2023-06-01", "", false)}
		for i, u := range tc.upcoming {
			files = append(files, file("en", u[0], u[1], i == len(tc.upcoming)-1))
		}
		sv := file("sv", "2023-07-01", "", true)
		sv.Version.Translates = day(tc.translates)
		site, diags := Build(c, append(files, sv))
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tc.name, diags)
		}
		b := site.Policies[0].Edition("sv").Behind
		if b == nil || b.Date.String() != tc.want || b.Status != tc.status {
			t.Errorf("%s: behind = %v, want %s (%s)", tc.name, b, tc.want, tc.status)
		}
	}
}

// TestNearest lists the dates a translates probably meant.
func TestNearest(t *testing.T) {
	dates := []date.Date{day("2023-01-01"), day("2023-06-01"), day("2023-06-21"), day("2024-01-01")}
	for _, tc := range []struct {
		d    string
		n    int
		want string
	}{
		{"2023-06-11", 3, "2023-06-01 2023-06-21 2023-01-01"}, // a tie goes to the earlier
		{"2030-01-01", 2, "2024-01-01 2023-06-21"},
		{"2020-01-01", 9, "2023-01-01 2023-06-01 2023-06-21 2024-01-01"},
	} {
		if got := strings.Join(nearest(dates, day(tc.d), tc.n), " "); got != tc.want {
			t.Errorf("nearest to %s: %s, want %s", tc.d, got, tc.want)
		}
	}
	if got := nearest(nil, day("2023-01-01"), 3); len(got) != 0 {
		t.Errorf("nearest of none: %v", got)
	}
}

// TestVersionRules reports broken rules at the file and line.
func TestVersionRules(t *testing.T) {
	c := config
	c.Now = day("2024-01-01")
	for _, tc := range []struct {
		name  string
		files []File
		want  string
	}{
		{"duplicate date", []File{file("en", "2023-01-01", "", false), func() File {
			f := file("en", "2023-01-01", "", true)
			return f
		}()}, "content/p/en.md:3:1: last_updated 2023-01-01 is also the date of"},
		{"current older than archive", []File{file("en", "2023-05-01", "", false), file("en", "2023-01-01", "", true)}, "content/p/en.md:3:1: last_updated 2023-01-01 is older than the archived version"},
		{"undeclared language", []File{file("de", "2023-01-01", "", true)}, `language "de" is not declared`},
		{"bad slug", []File{func() File { f := file("en", "2023-01-01", "", true); f.Policy = "Bad_Slug"; return f }()}, "not a valid slug"},
		{"folder is not the date", []File{func() File { f := file("en", "2023-01-01", "", false); f.Archived = day("2023-01-02"); return f }()}, "archived under 2023-01-02 but last_updated is 2023-01-01"},
	} {
		_, diags := Build(c, tc.files)
		if !strings.Contains(diags.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, diags)
		}
	}
}
