package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/policygen/gen/generator/printable"
)

// controls warns about the control characters in src, once per line: the
// page shows each as U+FFFD (see partsWriter). Word writes U+000B for a
// line break, for one.
func controls(src []byte, probs *problems) {
	for at := 0; at < len(src); {
		i := printable.ControlAt(src[at:])
		if i < 0 {
			return
		}
		r, _ := utf8.DecodeRune(src[at+i:])
		probs.warnf(at+i, "the text holds the control character U+%04X, which a page cannot show: it is shown as %q; delete it", r, printable.Replacement)
		next := bytes.IndexByte(src[at+i:], '\n')
		if next < 0 {
			return
		}
		at += i + next + 1
	}
}
