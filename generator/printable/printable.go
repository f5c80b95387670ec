// Package printable makes text safe to show, where text from a policy file,
// a file name or another site ends up: on a page, in a terminal, in a CI
// log. Control characters are the danger: HTML forbids them, a terminal
// obeys them (ESC starts the sequences that retitle a window or clear the
// screen), and a CI runner reads a line of its log that starts with "::"
// as a command (a title holding a line break and "::error …" would write
// a fake error into a pull request's checks).
package printable

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r is a control character that a page does not
// show: the C0 controls other than tab, line feed and carriage return
// (which are white space), DEL, and the C1 controls.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || 0x7f <= r && r <= 0x9f
}

// Replacement is what a page shows for a control character: U+FFFD, which
// CommonMark prescribes for NUL.
const Replacement = "\uFFFD"

// ControlAt returns the index of the first control character (IsControl)
// in p, or -1. It reads bytes, so it costs little on the text a page is
// made of: a C1 control is the two bytes 0xC2 0x80 to 0xC2 0x9F.
func ControlAt[T ~string | ~[]byte](p T) int {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || c == 0xc2 && i+1 < len(p) && 0x80 <= p[i+1] && p[i+1] <= 0x9f {
			return i
		}
	}
	return -1
}

// Page returns s with each control character replaced by Replacement, as a
// page shows it. Everything else stays as it is, bytes that are not UTF-8
// too (strings.Map would replace those as well, but only in a string that
// also holds a control character).
func Page(s string) string {
	i := ControlAt(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i >= 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[:i])
		b.WriteString(Replacement)
		s = s[i+n:]
		i = ControlAt(s)
	}
	b.WriteString(s)
	return b.String()
}
