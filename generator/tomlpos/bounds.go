package tomlpos

import "fmt"

// The TOML decoder's cost grows faster than the text with some shapes —
// inline tables nested in inline tables, dotted keys of many parts: 40 KB
// of x = {a={a=…}} took 13 s and 3.8 GB, 100,000 parts of a.a.a… ran out
// of memory — so text past these bounds never reaches it. No policy's
// front matter and no site.toml comes near them.
const (
	// MaxSize bounds the text: front matter holds dates, a change notice
	// and processors, site.toml the settings and UI strings.
	MaxSize = 128 << 10
	// MaxDepth bounds how deeply arrays and inline tables nest; a
	// processors list of inline tables is two levels. Within the bounds
	// the decoder's cost grows with the text: 128 KB of inline tables
	// four deep, the costliest shape, decode in about a tenth of a second.
	MaxDepth = 4
	// MaxKeyParts bounds the parts of a dotted key (change.summary has 2)
	// and of a [table] header.
	MaxKeyParts = 8
	// MaxKeyLength bounds one part of a key, in bytes.
	MaxKeyLength = 128
)

// Bound is the first bound a text passes, where it passes it.
type Bound struct {
	Line, Col int
	Msg       string
}

// sizeBound checks the size of the text named name.
func sizeBound(src []byte, name string, line int) *Bound {
	if len(src) <= MaxSize {
		return nil
	}
	return &Bound{line, 1, fmt.Sprintf("%s is %d KB, more than gen reads (%d KB): shorten it", name, (len(src)+1023)>>10, MaxSize>>10)}
}

// nestWithin opens an array or inline table at the scanner's position, or
// records that it would nest deeper than MaxDepth and reports false.
func (s *scanner) nestWithin() bool {
	if s.depth >= MaxDepth {
		s.pass(fmt.Sprintf("arrays and inline tables nest more than %d deep here, more than gen reads: flatten the value", MaxDepth))
		return false
	}
	s.depth++
	return true
}

// keyWithin checks the part-th part of a key, seg, read up to the
// scanner's position.
func (s *scanner) keyWithin(seg segment, part int) bool {
	switch {
	case part > MaxKeyParts:
		s.line, s.col = seg.line, seg.col
		s.pass(fmt.Sprintf("this key has more than %d dotted parts, more than gen reads; keys look like change.summary", MaxKeyParts))
	case len(seg.name) > MaxKeyLength:
		s.line, s.col = seg.line, seg.col
		s.pass(fmt.Sprintf("this key is %d bytes long, more than gen reads (%d)", len(seg.name), MaxKeyLength))
	default:
		return true
	}
	return false
}

// pass records the first bound passed, at the scanner's position, and
// moves the scanner to the end of the text so that every loop ends.
func (s *scanner) pass(msg string) {
	if s.over == nil {
		s.over = &Bound{s.line, s.col, msg}
	}
	s.i = len(s.src)
}
