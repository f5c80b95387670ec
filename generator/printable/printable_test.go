package printable

import (
	"bytes"
	"strings"
	"testing"
)

func TestPage(t *testing.T) {
	for in, want := range map[string]string{
		"Privacy policy":                 "Privacy policy",
		"tab\tand\nlines\r\n":            "tab\tand\nlines\r\n",
		"esc \x1b]0;x\x07 here":          "esc \uFFFD]0;x\uFFFD here",
		"nul \x00, del \x7f, nel \u0085": "nul \uFFFD, del \uFFFD, nel \uFFFD",
		"Ünïcödé and \u202e bidi":        "Ünïcödé and \u202e bidi",    // a page may need them
		"not UTF-8 \xf4 \x1f \x85":       "not UTF-8 \xf4 \uFFFD \x85", // only controls change, as without one
	} {
		if got := Page(in); got != want {
			t.Errorf("Page(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLine checks what reaches one line of a terminal or a CI log: no
// control character, no line break, nothing a runner reads as a command.
func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"content/privacy/en.md:3:1: missing title":      "content/privacy/en.md:3:1: missing title",
		"Privacy\n::error file=x::You have been hacked": `Privacy\n::error file=x::You have been hacked`,
		"::warning::fake":           `\::warning::fake`,
		"  ::add-mask::x":           `  \::add-mask::x`,
		"a ##[error]fake":           `a ##\[error]fake`,
		"title \x1b]0;owned\x07":    `title \x1b]0;owned\x07`,
		"\x1b[2J cleared":           `\x1b[2J cleared`,
		"cr\rover":                  `cr\rover`,
		"a\tb":                      `a\tb`,
		"nel \u0085 and \u202eevil": `nel \u0085 and \u202eevil`,
		"bad \xff byte":             `bad \xff byte`,
		"IPv6 [::1]:1313":           "IPv6 [::1]:1313",
		"## [heading]":              "## [heading]",
	} {
		got := Line(in)
		if got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, "\n\r\x1b") || strings.HasPrefix(strings.TrimLeft(got, " \t"), "::") || strings.Contains(got, "##[") {
			t.Errorf("Line(%q) = %q is not safe", in, got)
		}
	}
}

func TestText(t *testing.T) {
	in := "First line\n::error::second\n\t##[warning]third\x1b[31m\n  ::x"
	want := "First line\n\\::error::second\n\t##\\[warning]third\\x1b[31m\n  \\::x"
	if got := Text(in); got != want {
		t.Errorf("Text(%q) = %q, want %q", in, got, want)
	}
}

// TestWriter checks the last line of defence: control characters escaped,
// gen's own colours and carriage returns kept on a terminal, text without
// control characters passed byte for byte, sequences split across writes.
func TestWriter(t *testing.T) {
	for _, tt := range []struct {
		terminal bool
		writes   []string
		want     string
	}{
		{false, []string{"plain <p>text</p>\r\n", "::not touched, hashed output\n"}, "plain <p>text</p>\r\n::not touched, hashed output\n"},
		{false, []string{"red \x1b[31mx\x1b[0m"}, `red \x1b[31mx\x1b[0m`},
		{true, []string{"red \x1b[31;9mx\x1b[0m\n"}, "red \x1b[31;9mx\x1b[0m\n"},
		{true, []string{"title \x1b]0;owned\x07\n"}, `title \x1b]0;owned\x07` + "\n"},
		{true, []string{"split \x1b", "[32;4mgreen\x1b[", "0m."}, "split \x1b[32;4mgreen\x1b[0m."},
		{true, []string{"\rchecked 5 of 10 files (50%)"}, "\rchecked 5 of 10 files (50%)"},
		{false, []string{"bell\a and \u0085"}, `bell\x07 and \u0085`},
	} {
		var b bytes.Buffer
		w := NewWriter(&b, tt.terminal)
		for _, s := range tt.writes {
			if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
				t.Errorf("Write(%q) = %d, %v", s, n, err)
			}
		}
		if b.String() != tt.want {
			t.Errorf("terminal %v, writes %q: %q, want %q", tt.terminal, tt.writes, b.String(), tt.want)
		}
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"x\n::error::y", "##[", "\x1b[2J", "\u202e", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{Line(s), Text(s)} {
			if ControlAt(got) >= 0 || strings.Contains(got, "##[") {
				t.Errorf("%q escaped to %q", s, got)
			}
			for _, line := range strings.Split(got, "\n") {
				if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
					t.Errorf("%q escaped to %q, a line of which starts with ::", s, got)
				}
			}
		}
		if strings.ContainsAny(Line(s), "\n\r") {
			t.Errorf("Line(%q) = %q breaks the line", s, Line(s))
		}
	})
}
