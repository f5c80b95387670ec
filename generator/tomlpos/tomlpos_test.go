package tomlpos

import (
	"strings"
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
)

func TestDecodeSyntaxError(t *testing.T) {
	tests := []struct {
		name, src string
		firstLine int
		want      string
	}{
		{"missing value", "a = 1\nb = \n", 1, "f.toml:2:5: invalid TOML: expected value but found '\\n' instead"},
		{"offset by front matter", "a = 1\nb = \n", 2, "f.toml:3:5: invalid TOML: expected value but found '\\n' instead"},
		{"duplicate key", "title = \"x\"\ntitle = \"y\"\n", 1, "f.toml:2:1: invalid TOML: Key 'title' has already been defined."},
		{"impossible date", "x = 1\nlast_updated = 2023-13-01\n", 2, `f.toml:3:16: last_updated: "2023-13-01" is not a valid date; write a date like 2023-08-18`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			if _, ok := Decode(&d, "f.toml", []byte(tt.src), tt.firstLine, "f.toml"); ok {
				t.Fatal("decoded invalid TOML")
			}
			if len(d) != 1 || d[0].String() != tt.want {
				t.Errorf("got %q, want %q", d.Error(), tt.want)
			}
		})
	}
}

// table decodes src, which must be valid, as the root table of "f.toml".
func table(t *testing.T, src string) (Table, *diag.List) {
	t.Helper()
	d := &diag.List{}
	tab, ok := Decode(d, "f.toml", []byte(src), 1, "f.toml")
	if !ok {
		t.Fatalf("invalid TOML: %v", d)
	}
	return tab, d
}

func TestAccessorsReportWrongTypes(t *testing.T) {
	tests := []struct {
		name, src string
		read      func(Table) bool
		wantOK    bool
		want      string // the diagnostics
	}{
		{"string", `k = "v"`, func(t Table) bool { s, ok := t.String("k"); return ok && s == "v" }, true, ""},
		{"string given a number", `k = 3`, func(t Table) bool { _, ok := t.String("k"); return ok }, false, `f.toml:1:5: k must be a string in quotes, not the number 3`},
		{"bool given a string", `k = "yes"`, func(t Table) bool { _, ok := t.Bool("k"); return ok }, false, `f.toml:1:5: k must be true or false, not the string "yes"`},
		{"int given a float", `k = 1.5`, func(t Table) bool { _, ok := t.Int("k"); return ok }, false, `f.toml:1:5: k must be a whole number, not the number 1.5`},
		{"table given a string", `k = "x"`, func(t Table) bool { _, ok := t.Table("k", "[k]"); return ok }, false, `f.toml:1:5: k must be a table, not the string "x"`},
		{"tables given a table", "[k]\na = 1", func(t Table) bool { _, ok := t.Tables("k", "[[k]]"); return ok }, false, `f.toml:1:1: k must be a list of tables, each written [[k]], not a table`},
		{"tables given a list of numbers", "k = [1]", func(t Table) bool { s, ok := t.Tables("k", "[[k]]"); return ok && len(s) == 0 }, true, `f.toml:1:6: each element of k must be a table, not the number 1`},
		{"inline tables", "k = [{a = 1}, {a = 2}]", func(t Table) bool { s, _ := t.Tables("k", "[[k]]"); return len(s) == 2 }, true, ""},
		{"url", `k = "https://example.com/x"`, func(t Table) bool { _, ok := t.URL("k"); return ok }, true, ""},
		{"url without scheme", `k = "example.com"`, func(t Table) bool { _, ok := t.URL("k"); return ok }, false, `f.toml:1:5: k must be an absolute http or https address, like k = "https://example.com/", not "example.com"`},
		{"url with another scheme", `k = "ftp://example.com"`, func(t Table) bool { _, ok := t.URL("k"); return ok }, false, `f.toml:1:5: k must be an absolute http or https address, like k = "https://example.com/", not "ftp://example.com"`},
		{"absent", `other = 1`, func(t Table) bool { _, ok := t.String("k"); return ok }, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, d := table(t, tt.src)
			ok := tt.read(tab)
			if got := d.Error(); got != tt.want {
				t.Errorf("diagnostics %q, want %q", got, tt.want)
			}
			if ok != tt.wantOK {
				t.Errorf("ok = %v, want %v", ok, tt.wantOK)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		src  string
		want date.Date
		err  string
	}{
		{"d = 2023-08-18", date.Date{Year: 2023, Month: 8, Day: 18}, ""},
		{"d = 2024-02-29", date.Date{Year: 2024, Month: 2, Day: 29}, ""},
		{`d = "2023-08-18"`, date.Date{}, "f.toml:1:5: d must be a date, not a string; remove the quotes: d = 2023-08-18"},
		{`d = "18 August"`, date.Date{}, `f.toml:1:5: d must be a date like 2023-08-18, not the string "18 August"`},
		{"d = 2023-08-18T10:00:00", date.Date{}, "f.toml:1:5: d must be a date without a time; write a date without time, like d = 2023-08-18"},
		{"d = 2023-08-18T23:30:00-11:00", date.Date{}, "f.toml:1:5: d must be a date without a time; write a date without time, like d = 2023-08-18"},
		{"d = 2023-08-18 00:00:00Z", date.Date{}, "f.toml:1:5: d must be a date without a time; write a date without time, like d = 2023-08-18"},
		{"d = 10:00:00", date.Date{}, "f.toml:1:5: d must be a date like d = 2023-08-18, not a time of day"},
		{"d = 20230818", date.Date{}, "f.toml:1:5: d must be a date like 2023-08-18, not the number 20230818"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			tab, d := table(t, tt.src)
			got, ok := tab.Date("d")
			if got != tt.want || ok != (tt.err == "") || d.Error() != tt.err {
				t.Errorf("got %v, %v, %q; want %v, %q", got, ok, d.Error(), tt.want, tt.err)
			}
		})
	}
}

func TestUnknown(t *testing.T) {
	tab, d := table(t, "title = 1\nlast_update = 2\n[procesors]\nx = 1\n")
	tab.Unknown("title", "last_updated", "processors")
	want := "f.toml:2:1: unknown key \"last_update\" in f.toml; did you mean \"last_updated\"?\n" +
		"f.toml:3:2: unknown key \"procesors\" in f.toml; did you mean \"processors\"?"
	if d.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", d.Error(), want)
	}
}

func TestUnknownKeyListsKeysWhenNoneIsClose(t *testing.T) {
	got := UnknownKey("colour", "[change]", []string{"summary", "material"})
	if want := `unknown key "colour" in [change]; the keys are summary, material`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !strings.Contains(UnknownKey("sumary", "[change]", []string{"summary", "material"}), `did you mean "summary"?`) {
		t.Error("no suggestion for a near miss")
	}
}
