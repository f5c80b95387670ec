package frontmatter

import (
	"bytes"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones of TestDatesInExtremeZones, wherever the test runs

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
)

const full = `+++
title = "Privacy policy"
last_updated = 2023-08-18          # the version's identity
effective = 2023-09-17
description = "How we process personal data"
draft = true
translates = 2023-08-01

[change]
summary = """
We added Hotjar as a processor.
"""
material = true

[[processors]]
name = "Hubspot"
location = "EU"
purpose = "Book meetings"
country = "US"
transfer = "Standard Contractual Clauses"
url = "https://example.com/privacy"

[[processors]]
name = "Hotjar"
location = "EU"
purpose = "Website analysis"
+++
# Privacy

Text.
`

func TestParseFull(t *testing.T) {
	m, body, bodyLine, d := Parse("content/privacy/en.md", []byte(full))
	if len(d) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", d)
	}
	want := Meta{
		Title:       "Privacy policy",
		LastUpdated: date.Date{Year: 2023, Month: 8, Day: 18},
		Effective:   date.Date{Year: 2023, Month: 9, Day: 17},
		Description: "How we process personal data",
		Draft:       true,
		Translates:  date.Date{Year: 2023, Month: 8, Day: 1},
		Change:      &model.Change{Summary: "We added Hotjar as a processor.", Kind: model.Material},
		Processors: []model.Processor{
			{Name: "Hubspot", Location: "EU", Purpose: "Book meetings", Country: "US", Transfer: "Standard Contractual Clauses", URL: "https://example.com/privacy"},
			{Name: "Hotjar", Location: "EU", Purpose: "Website analysis"},
		},
		Lines: map[string]int{"title": 2, "last_updated": 3, "effective": 4, "description": 5, "draft": 6, "translates": 7, "change": 9, "processors": 15},
		// A table's column is its name's, inside the brackets.
		Cols: map[string]int{"title": 1, "last_updated": 1, "effective": 1, "description": 1, "draft": 1, "translates": 1, "change": 2, "processors": 3},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %+v\nwant %+v", m, want)
	}
	if string(body) != "# Privacy\n\nText.\n" || bodyLine != 27 {
		t.Errorf("body %q at line %d", body, bodyLine)
	}
	if lines := strings.Split(full, "\n"); lines[bodyLine] != "# Privacy" {
		t.Errorf("line %d of the file is %q, not the body's first line", bodyLine+1, lines[bodyLine])
	}
}

func TestParseMinimal(t *testing.T) {
	m, _, _, d := Parse("p.md", []byte("+++\ntitle = \"T\"\nlast_updated = 2023-08-18\n[change]\n+++\n"))
	if len(d) > 0 {
		t.Fatal(d)
	}
	if !m.Effective.IsZero() || !m.Translates.IsZero() || m.Draft || m.Processors != nil {
		t.Errorf("optional fields set: %+v", m)
	}
	if m.Change == nil || *m.Change != (model.Change{}) {
		t.Errorf("an empty [change] must give an empty Change, got %+v", m.Change)
	}
	m, _, _, _ = Parse("p.md", []byte("+++\ntitle = \"T\"\nlast_updated = 2023-08-18\n+++\n"))
	if m.Change != nil {
		t.Error("no [change] must give a nil Change")
	}
}

func TestParseInlineProcessors(t *testing.T) {
	src := "+++\ntitle = \"T\"\nlast_updated = 2023-08-18\nprocessors = [\n  {name = \"A\", location = \"EU\", purpose = \"P\"},\n  {name = \"B\", location = \"EU\"},\n]\n+++\n"
	m, _, _, d := Parse("p.md", []byte(src))
	if len(m.Processors) != 2 || m.Processors[0].Name != "A" {
		t.Errorf("processors %+v", m.Processors)
	}
	if want := `p.md:6:3: processor without purpose; add purpose = "…" (what the processor does with the data)`; d.Error() != want {
		t.Errorf("got %q, want %q", d.Error(), want)
	}
}

// head is valid front matter that the error cases add to.
const head = "+++\ntitle = \"T\"\nlast_updated = 2023-08-18\n"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // every diagnostic, in order
	}{
		{"not utf-8", "+++\ntitle = \"caf\xe9\"\n", []string{
			"p.md:2:13: the file is not valid UTF-8 (byte 0xe9 here); save it with UTF-8 encoding"}},
		{"not utf-8 after multi-byte text", "+++\n# äö \xff\n", []string{
			"p.md:2:8: the file is not valid UTF-8 (byte 0xff here); save it with UTF-8 encoding"}},
		{"missing front matter", "# Privacy\n", []string{
			`p.md:1:1: missing front matter: the file must start with a line "+++", then the TOML front matter, then a line "+++"`}},
		{"unclosed", head + "body\n", []string{
			`p.md:1:1: the front matter is not closed: add a line "+++" between it and the text`}},
		{"broken toml", head + "description = \"x\n+++\n", []string{
			"p.md:4:17: invalid TOML: strings cannot contain newlines"}},
		{"broken toml crlf", "+++\r\ntitle = \"T\"\r\nlast_updated = 2023-08-18\r\ndraft = \r\n+++\r\n", []string{
			"p.md:4:9: invalid TOML: expected value but found '\\r' instead"}},
		{"impossible date", "+++\ntitle = \"T\"\nlast_updated = 2023-13-01\n+++\n", []string{
			`p.md:3:16: last_updated: "2023-13-01" is not a valid date; write a date like 2023-08-18`}},
		{"unknown top-level key", "+++\ntitle = \"T\"\nlast_updated = 2023-08-18\nlast_update = 2023-08-18\n+++\n", []string{
			`p.md:4:1: unknown key "last_update" in front matter; did you mean "last_updated"?`}},
		{"unknown key, nothing close", head + "colour = \"red\"\n+++\n", []string{
			`p.md:4:1: unknown key "colour" in front matter; the keys are title, last_updated, effective, description, draft, translates, withdraws, change, processors`}},
		{"unknown quoted key", head + "\"efective\" = 2023-08-18\n+++\n", []string{
			`p.md:4:1: unknown key "efective" in front matter; did you mean "effective"?`}},
		{"unknown dotted key", head + "change.sumary = \"x\"\n+++\n", []string{
			`p.md:4:8: unknown key "sumary" in [change]; did you mean "summary"?`}},
		{"unknown key in change", head + "[change]\nsummary = \"s\"\nmaterial = true\nmateral = true\n+++\n", []string{
			`p.md:7:1: unknown key "materal" in [change]; did you mean "material"?`}},
		{"unknown key in second processor", head + "[[processors]]\nname = \"A\"\nlocation = \"EU\"\npurpose = \"P\"\n[[processors]]\nnme = \"B\"\nname = \"B\"\nlocation = \"EU\"\npurpose = \"P\"\n+++\n", []string{
			`p.md:9:1: unknown key "nme" in [[processors]]; did you mean "name"?`}},
		{"unknown table", head + "[processor]\nname = \"A\"\n+++\n", []string{
			`p.md:4:2: unknown key "processor" in front matter; did you mean "processors"?`}},
		{"missing title and last_updated", "+++\ndescription = \"d\"\n+++\n", []string{
			`p.md:1:1: missing title; add title = "…" to the front matter`,
			"p.md:1:1: missing last_updated; add the date of this version, like last_updated = 2023-08-18"}},
		{"empty title", "+++\ntitle = \"  \"\nlast_updated = 2023-08-18\n+++\n", []string{
			`p.md:2:9: the title is empty; write the policy's title, like title = "Privacy policy"`}},
		{"title not a string", "+++\ntitle = 1\nlast_updated = 2023-08-18\n+++\n", []string{
			`p.md:2:9: title must be a string in quotes, not the number 1`}},
		{"quoted date", "+++\ntitle = \"T\"\nlast_updated = \"2023-08-18\"\n+++\n", []string{
			"p.md:3:16: last_updated must be a date, not a string; remove the quotes: last_updated = 2023-08-18"}},
		{"local datetime", "+++\ntitle = \"T\"\nlast_updated = 2023-08-18T10:00:00\n+++\n", []string{
			"p.md:3:16: last_updated must be a date without a time; write a date without time, like last_updated = 2023-08-18"}},
		{"offset datetime effective", head + "effective = 2023-09-01T00:00:00Z\n+++\n", []string{
			"p.md:4:13: effective must be a date without a time; write a date without time, like effective = 2023-09-01"}},
		{"a typo for last_updated, one error", "+++\ntitle = \"T\"\nlast_update = 2023-08-18\n+++\n", []string{
			`p.md:3:1: unknown key "last_update" in front matter; did you mean "last_updated"?`}},
		{"a typo in a processor, one error", head + "[[processors]]\nnmae = \"A\"\nlocation = \"EU\"\npurpose = \"P\"\n+++\n", []string{
			`p.md:5:1: unknown key "nmae" in [[processors]]; did you mean "name"?`}},
		{"a date as a string the wrong way", "+++\ntitle = \"T\"\nlast_updated = \"01/12/2026\"\n+++\n", []string{
			`p.md:3:16: last_updated = "01/12/2026" is not a date as TOML writes one; write the date as 2026-12-01 (1 December 2026), or as 2026-01-12 if you meant 12 January 2026 (year-month-day, without quotes)`}},
		{"a date the European way", "+++\ntitle = \"T\"\nlast_updated = 01/12/2026\n+++\n", []string{
			`p.md:3:16: last_updated = 01/12/2026 is not a date as TOML writes one; write the date as 2026-12-01 (1 December 2026), or as 2026-01-12 if you meant 12 January 2026 (year-month-day, without quotes)`}},
		{"a date in words", "+++\ntitle = \"T\"\nlast_updated = 1 December 2026  # new\n+++\n", []string{
			`p.md:3:16: last_updated = 1 December 2026 is not a date as TOML writes one; write the date as 2026-12-01 (year-month-day, without quotes)`}},
		{"a date without its zero", head + "effective = 2026-12-1\n+++\n", []string{
			`p.md:4:13: effective = 2026-12-1 is not a date as TOML writes one; write the date as 2026-12-01 (year-month-day, without quotes)`}},
		{"a date in German", head + "effective = 1. Dezember 2026\n+++\n", []string{
			`p.md:4:13: effective = 1. Dezember 2026 is not a date as TOML writes one; write the date as 2026-12-01 (year-month-day, without quotes)`}},
		{"not a date at all", head + "effective = soon\n+++\n", []string{
			`p.md:4:13: invalid TOML: expected value but found "soon" instead`}},
		{"carriage returns alone end the lines", "+++\rtitle = \"T\"\rlast_updated = 2023-08-18\rlast_update = 2023-08-18\r+++\rbody\r", []string{
			`p.md:4:1: unknown key "last_update" in front matter; did you mean "last_updated"?`}},
		{"translates as a string", head + "translates = \"August\"\n+++\n", []string{
			`p.md:4:14: translates must be a date like 2023-08-18, not the string "August"`}},
		{"effective before last_updated", head + "effective = 2023-08-17\n+++\n", []string{
			"p.md:4:13: effective (2023-08-17) is before last_updated (2023-08-18); a version cannot take effect before it is written: set effective to 2023-08-18 or later"}},
		{"draft not a bool", head + "draft = \"yes\"\n+++\n", []string{
			`p.md:4:9: draft must be true or false, not the string "yes"`}},
		{"change not a table", head + "change = \"we changed\"\n+++\n", []string{
			`p.md:4:10: change must be a table, not the string "we changed"`}},
		{"material not a bool", head + "[change]\nsummary = \"s\"\nmaterial = \"yes\"\n+++\n", []string{
			`p.md:6:12: material must be true or false, not the string "yes"`}},
		{"kind unknown", head + "[change]\nsummary = \"s\"\nkind = \"major\"\n+++\n", []string{
			`p.md:6:8: kind = "major" is not a kind of change; write kind = "editorial" (typos, formatting, links: no notice), "minor" (the default) or "material" (announced on every page)`}},
		{"kind contradicted by material", head + "[change]\nsummary = \"s\"\nkind = \"editorial\"\nmaterial = true\n+++\n", []string{
			`p.md:7:12: material = true contradicts kind = "editorial"; keep kind and remove material, which kind replaces`}},
		{"withdraws not a date", head + "withdraws = \"yes\"\n+++\n", []string{
			`p.md:4:13: withdraws must be a date like 2023-08-18, not the string "yes"`}},
		{"processor without fields", head + "\n[[processors]]\ncountry = \"US\"\n+++\n", []string{
			`p.md:5:1: processor without name; add name = "…" (the processor's name)`,
			`p.md:5:1: processor without location; add location = "…" (where the processing takes place)`,
			`p.md:5:1: processor without purpose; add purpose = "…" (what the processor does with the data)`}},
		{"processor with an empty name", head + "[[processors]]\nname = \"\"\nlocation = \"EU\"\npurpose = \"P\"\n+++\n", []string{
			`p.md:4:1: processor without name; add name = "…" (the processor's name)`}},
		{"processor name not a string", head + "[[processors]]\nname = 7\nlocation = \"EU\"\npurpose = \"P\"\n+++\n", []string{
			`p.md:5:8: name must be a string in quotes, not the number 7`}},
		{"processor url", head + "[[processors]]\nname = \"A\"\nlocation = \"EU\"\npurpose = \"P\"\nurl = \"example.com\"\n+++\n", []string{
			`p.md:8:7: url must be an absolute http or https address, like url = "https://example.com/", not "example.com"`}},
		{"processors as a table", head + "[processors]\nname = \"A\"\n+++\n", []string{
			`p.md:4:1: processors must be a list of tables, each written [[processors]], not a table`}},
		// The typo's suggestion says what "missing title" would.
		{"all at once", "+++\ntitel = \"T\"\nlast_updated = 2023-08-18\neffective = 2023-01-01\n[[processors]]\nname = \"A\"\n+++\n", []string{
			`p.md:2:1: unknown key "titel" in front matter; did you mean "title"?`,
			"p.md:4:13: effective (2023-01-01) is before last_updated (2023-08-18); a version cannot take effect before it is written: set effective to 2023-08-18 or later",
			`p.md:5:1: processor without location; add location = "…" (where the processing takes place)`,
			`p.md:5:1: processor without purpose; add purpose = "…" (what the processor does with the data)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, d := Parse("p.md", []byte(tt.src))
			var got []string
			for _, x := range d {
				got = append(got, x.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestDatesInExtremeZones checks that a date stays the day written in the
// zones furthest ahead of and behind UTC, where converting midnight to UTC
// moves it a day. time.Local is fixed when a process starts, so each zone
// gets a process of its own.
func TestDatesInExtremeZones(t *testing.T) {
	if zone := os.Getenv("FRONTMATTER_TEST_TZ"); zone != "" {
		if _, offset := time.Now().Zone(); zone == "Pacific/Kiritimati" && offset != 14*3600 {
			t.Fatalf("TZ=%s did not take effect: offset %d", zone, offset)
		}
		checkDates(t)
		return
	}
	checkDates(t) // in whatever zone this process runs in
	for _, zone := range []string{"Pacific/Kiritimati", "America/Adak"} {
		t.Run(zone, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestDatesInExtremeZones$")
			cmd.Env = append(os.Environ(), "TZ="+zone, "FRONTMATTER_TEST_TZ="+zone)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("in TZ=%s: %v\n%s", zone, err, out)
			}
		})
	}
}

func checkDates(t *testing.T) {
	t.Helper()
	src := head + "effective = 2023-12-31\ntranslates = 2023-01-01\n+++\n"
	m, _, _, d := Parse("p.md", []byte(src))
	if len(d) > 0 {
		t.Fatal(d)
	}
	got := []string{m.LastUpdated.String(), m.Effective.String(), m.Translates.String()}
	if want := []string{"2023-08-18", "2023-12-31", "2023-01-01"}; !reflect.DeepEqual(got, want) {
		t.Errorf("TZ=%s: dates %v, want %v", os.Getenv("TZ"), got, want)
	}
}

// FuzzParse checks that no input panics and that a file without errors has
// a body that is the end of the file, starting after bodyLine lines.
func FuzzParse(f *testing.F) {
	f.Add([]byte(full))
	f.Add([]byte(head + "+++\r\nbody"))
	f.Add([]byte("+++\n[[processors]]\nname = 1\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		front, sbody, sline, err := Split(src)
		_, body, bodyLine, d := Parse("p.md", src)
		if err == nil && (!bytes.HasSuffix(src, sbody) || !bytes.Contains(src, front)) {
			t.Fatalf("Split: body %q is not the end of %q", sbody, src)
		}
		if d.HasErrors() {
			return
		}
		if !bytes.HasSuffix(src, body) || !bytes.Equal(body, sbody) || bodyLine != sline {
			t.Fatalf("Parse: body %q at %d, Split: %q at %d", body, bodyLine, sbody, sline)
		}
		before := bytes.Count(src[:len(src)-len(body)], []byte("\n"))
		if before != bodyLine && !(len(body) == 0 && before == bodyLine-1) {
			t.Fatalf("%d lines before the body, bodyLine %d", before, bodyLine)
		}
	})
}
