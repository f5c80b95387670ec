package redline

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteText(t *testing.T) {
	r := Compare([]byte(privacyV1), []byte(privacyV2), opts)
	tests := []struct {
		color     bool
		want, not []string
	}{
		{
			color: false,
			want: []string{
				"… 2 unchanged sections …\n",
				"## What we collect\n",
				"- Usage data: pages", // inline markup is not reproduced, words are
				"We keep web server logs for [-90-]{+30+} days.",
				"## {+Cookies+}\n\n{+We use only",
				"[-authority's site <https://www.imy.se/>-]{+authority's site <https://www.imy.se/en/>+}",
				"| Invoicing | Legal obligation | [-7-]{+10+} years |",
				"| {+Support+} | {+Legitimate interest+} | {+2 years+} |",
			},
			not: []string{"\x1b[", "<ins>", "Acme AB"},
		},
		{
			color: true,
			want: []string{
				"\x1b[1m## What we collect\x1b[0m",
				"We keep web server logs for \x1b[31;9m90\x1b[0m\x1b[32;4m30\x1b[0m days.",
			},
			not: []string{"[-", "{+"},
		},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteText(&buf, r, tt.color); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, s := range tt.want {
			if !strings.Contains(out, s) {
				t.Errorf("color=%v: output lacks %q:\n%s", tt.color, s, out)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(out, s) {
				t.Errorf("color=%v: output has %q:\n%s", tt.color, s, out)
			}
		}
	}
}

func TestWriteTextNoChanges(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, Compare([]byte(swedishV1), []byte(swedishV1), opts), false); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "No changes to the text.\n… 2 unchanged sections …\n\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriteTextDropsControlCharacters(t *testing.T) {
	var buf bytes.Buffer
	r := Compare([]byte("Hello.\n"), []byte("Hello \x1b[2Jthere.\n"), opts)
	if err := WriteText(&buf, r, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b") {
		t.Errorf("escape sequence passed through: %q", buf.String())
	}
}

func TestWriteFrontMatter(t *testing.T) {
	cs := []FrontMatterChange{
		{Field: "title", Old: "Privacy\x1b\x07 policy", New: "Privacy\n  notice"},
		{Field: "effective", Old: "2024-04-01", New: "2024-06-01"},
	}
	for _, tt := range []struct {
		color bool
		want  string
	}{
		// Control characters in a value are shown escaped, and its lines joined.
		{false, `title: [-Privacy\x1b\x07 policy-]{+Privacy notice+}` + "\neffective: [-2024-04-01-]{+2024-06-01+}\n"},
		{true, "title: \x1b[31;9m" + `Privacy\x1b\x07 policy` + "\x1b[0m\x1b[32;4mPrivacy notice\x1b[0m\neffective: \x1b[31;9m2024-04-01\x1b[0m\x1b[32;4m2024-06-01\x1b[0m\n"},
	} {
		var buf bytes.Buffer
		if err := WriteFrontMatter(&buf, cs, tt.color); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tt.want {
			t.Errorf("color %v:\n got %q\nwant %q", tt.color, got, tt.want)
		}
	}
}
