package printable

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Line returns s made safe to print as part of one line of a terminal or
// a CI log: every control character, line breaks included, is written as
// a Go escape (\n, \x1b, \u0085), and so are the characters that reorder
// what a terminal shows (the bidirectional overrides and isolates); the
// sequences a GitHub Actions runner obeys are broken with a backslash ("##["
// anywhere, "::" at the start). Diagnostics print every message through it,
// and commands every value that comes from a file.
func Line(s string) string { return escape(s, false) }

// Text is Line for text printed as lines of its own, such as the text of a
// redline in `gen diff`: its line breaks and tabs stay, and each line is
// kept from reading as a runner's command.
func Text(s string) string { return escape(s, true) }

func escape(s string, lines bool) string {
	if safe(s, lines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true // only blanks so far on this line
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case IsControl(r) || r == '\t' || r == '\r' || r == '\n' || reorders(r):
			b.WriteString(goEscape(r))
		case r == ':' && lineStart && strings.HasPrefix(s[i:], "::"):
			b.WriteString(`\:`)
		case r == '[' && strings.HasSuffix(s[:i], "##"):
			b.WriteString(`\[`)
		default:
			b.WriteRune(r)
		}
		lineStart = lines && r == '\n' || lineStart && (r == ' ' || r == '\t')
		i += size
	}
	return b.String()
}

// safe reports whether s needs no escaping, cheaply for the common case.
func safe(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\t':
			if !lines {
				return false
			}
		case c < 0x20 || c == 0x7f || c >= 0x80, c == '#' || c == ':':
			return false
		}
	}
	return true
}

// reorders reports whether r changes the order in which a terminal shows
// the characters around it, so that printed text could read as something
// else than it is.
func reorders(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

func goEscape(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case 0x1b:
		return `\x1b`
	}
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// Writer writes to w, escaping the control characters that reach it other
// than tab and line breaks, as Line does: what a command prints cannot
// steer the terminal or the log it goes to, whatever a message forgot to
// escape. On a terminal, the colours gen writes itself (SGR sequences,
// ESC [ … m) and carriage returns (a progress line redrawn) pass. Text
// without control characters passes byte for byte (gen show --text is
// hashed).
type Writer struct {
	mu       sync.Mutex // gen serve writes from its builds and its server
	w        io.Writer
	terminal bool
	pending  []byte // the start of an escape sequence a write ended in
}

// NewWriter returns a Writer writing to w; terminal says w is one.
func NewWriter(w io.Writer, terminal bool) *Writer { return &Writer{w: w, terminal: terminal} }

func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	data := p
	if len(w.pending) > 0 {
		data = append(w.pending, p...)
		w.pending = nil
	}
	if ControlAt(data) < 0 {
		_, err := w.w.Write(data)
		return len(p), err
	}
	var out bytes.Buffer
	for len(data) > 0 {
		i := ControlAt(data)
		if i < 0 {
			out.Write(data)
			break
		}
		out.Write(data[:i])
		data = data[i:]
		if data[0] == 0x1b && w.terminal {
			n, complete := sgr(data)
			if !complete {
				w.pending = append([]byte(nil), data...)
				break
			}
			if n > 0 {
				out.Write(data[:n])
				data = data[n:]
				continue
			}
		}
		r, size := utf8.DecodeRune(data)
		out.WriteString(goEscape(r))
		data = data[size:]
	}
	_, err := w.w.Write(out.Bytes())
	return len(p), err
}

// sgr returns the length of the SGR sequence (ESC [ digits and ; m) b
// starts with, or 0 when it starts with another; complete is false when b
// ends before the sequence could be told apart.
func sgr(b []byte) (n int, complete bool) {
	if len(b) < 2 {
		return 0, false
	}
	if b[1] != '[' {
		return 0, true
	}
	for i := 2; i < len(b); i++ {
		switch c := b[i]; {
		case c == 'm':
			return i + 1, true
		case c == ';' || '0' <= c && c <= '9':
		default:
			return 0, true
		}
	}
	return 0, len(b) > 16 // a colour code is short
}
