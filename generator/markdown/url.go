package markdown

import (
	"bytes"
	"strings"
)

// safeSchemes are the link schemes kept when raw HTML is not allowed. An
// allow-list, unlike goldmark's deny-list, also stops schemes nobody
// thought of.
var safeSchemes = map[string]bool{"http": true, "https": true, "ftp": true, "mailto": true, "tel": true}

// safeURLRule explains safeURL to authors.
const safeURLRule = "only http, https, ftp, mailto, tel and relative addresses are allowed unless unsafe_html = true"

// safeURL reports whether dest is relative or uses a safe scheme. It reads
// the scheme the way a browser does: ignoring tabs and newlines anywhere
// and control characters and spaces in front.
func safeURL(dest []byte) bool {
	dest = bytes.TrimLeft(dest, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	var scheme strings.Builder
	for _, c := range dest {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
		case c == ':':
			return scheme.Len() == 0 || safeSchemes[strings.ToLower(scheme.String())]
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			scheme.WriteByte(c)
		case scheme.Len() > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
			scheme.WriteByte(c)
		default:
			// Not a scheme character before any colon: a relative URL.
			return true
		}
	}
	return true
}
