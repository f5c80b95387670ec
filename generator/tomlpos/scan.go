package tomlpos

import "strings"

// Node is where one key of a TOML document is written. Its children mirror
// the decoded data: a table's keys, and an array's elements (including each
// [[array]] table), so a caller walking the decoded value can walk the
// positions alongside it.
type Node struct {
	line, col           int // the key; for an array element, its start
	valueLine, valueCol int // the value; for a [table] header, the header

	keys     []string // children in the order they first appear
	children map[string]*Node
	elems    []*Node
}

// Pos returns the 1-based line and byte column of the key, or 0, 0 for a nil
// Node.
func (n *Node) Pos() (line, col int) {
	if n == nil {
		return 0, 0
	}
	return n.line, n.col
}

// ValuePos returns where the value starts, falling back to the key's position
// for tables that have no single value (a key only implied by a dotted key).
func (n *Node) ValuePos() (line, col int) {
	if n == nil {
		return 0, 0
	}
	if n.valueLine == 0 {
		return n.line, n.col
	}
	return n.valueLine, n.valueCol
}

// Key returns the child named name, or nil. It is nil-safe so lookups chain.
func (n *Node) Key(name string) *Node {
	if n == nil {
		return nil
	}
	return n.children[name]
}

// Elem returns the i-th element of an array, or nil.
func (n *Node) Elem(i int) *Node {
	if n == nil || i < 0 || i >= len(n.elems) {
		return nil
	}
	return n.elems[i]
}

// Keys returns the names of the children in the order they appear.
func (n *Node) Keys() []string {
	if n == nil {
		return nil
	}
	return n.keys
}

// child returns the child named name, creating it at line:col when it is
// new: a key's position is where it is first written.
func (n *Node) child(name string, line, col int) *Node {
	if c, ok := n.children[name]; ok {
		return c
	}
	if n.children == nil {
		n.children = map[string]*Node{}
	}
	c := &Node{line: line, col: col}
	n.children[name] = c
	n.keys = append(n.keys, name)
	return c
}

// scanner finds keys and values in TOML text. It runs only on text the toml
// package already accepted, so it skips rather than validates; on any other
// input it still terminates and never panics.
type scanner struct {
	src       []byte
	i         int
	line, col int
	depth     int    // arrays and inline tables open around the value being read
	over      *Bound // the first bound the text passes, see bounds.go
}

type segment struct {
	name      string
	line, col int
}

// Scan returns the positions of the keys of the TOML text src, which starts
// at file line firstLine. The root's own position is (line, col).
func Scan(src []byte, firstLine, line, col int) *Node {
	root, _ := scan(src, firstLine, line, col)
	return root
}

// scan is Scan that also reports the first of the bounds the text passes,
// if any: then the positions are of the text up to it.
func scan(src []byte, firstLine, line, col int) (*Node, *Bound) {
	s := &scanner{src: src, line: firstLine, col: 1}
	root := &Node{line: line, col: col}
	table := root
	for s.i < len(s.src) {
		start := s.i
		s.skipSpace()
		switch s.peek() {
		case '\n', '\r':
			s.next()
		case '#':
			s.skipComment()
		case '[':
			table = s.header(root)
		default:
			s.keyval(table)
		}
		if s.over != nil {
			break
		}
		if s.i == start {
			s.next() // not TOML the scanner understands; move on
		}
	}
	return root, s.over
}

func (s *scanner) peek() byte { return s.at(0) }

func (s *scanner) at(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

func (s *scanner) next() {
	if s.i >= len(s.src) {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
	s.i++
}

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.next()
	}
}

func (s *scanner) skipComment() {
	for s.i < len(s.src) && s.peek() != '\n' {
		s.next()
	}
}

// skipBlank skips spaces, newlines and comments, as allowed between the
// elements of an array.
func (s *scanner) skipBlank() {
	for {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

// header reads a [table] or [[array]] header and returns the table that the
// following keys belong to.
func (s *scanner) header(root *Node) *Node {
	line, col := s.line, s.col
	s.next()
	array := s.peek() == '['
	if array {
		s.next()
	}
	segs := s.key()
	s.skipComment() // the closing brackets and any comment
	if len(segs) == 0 {
		return root
	}
	n := root
	for _, seg := range segs[:len(segs)-1] {
		n = n.child(seg.name, seg.line, seg.col)
		if len(n.elems) > 0 {
			// [a.b] after [[a]] extends a's last element.
			n = n.elems[len(n.elems)-1]
		}
	}
	last := segs[len(segs)-1]
	n = n.child(last.name, last.line, last.col)
	if array {
		e := &Node{line: line, col: col, valueLine: line, valueCol: col}
		n.elems = append(n.elems, e)
		return e
	}
	if n.valueLine == 0 {
		n.valueLine, n.valueCol = line, col
	}
	return n
}

// keyval reads "key = value" into table.
func (s *scanner) keyval(table *Node) {
	segs := s.key()
	if len(segs) == 0 {
		return
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	s.next()
	s.skipSpace()
	n := table
	for _, seg := range segs {
		n = n.child(seg.name, seg.line, seg.col)
	}
	n.valueLine, n.valueCol = s.line, s.col
	s.value(n)
}

// key reads a possibly dotted key.
func (s *scanner) key() []segment {
	var segs []segment
	for {
		s.skipSpace()
		seg := segment{line: s.line, col: s.col}
		switch c := s.peek(); {
		case c == '"':
			seg.name = unescape(s.quoted('"'))
		case c == '\'':
			seg.name = s.quoted('\'')
		case isBare(c):
			start := s.i
			for isBare(s.peek()) {
				s.next()
			}
			seg.name = string(s.src[start:s.i])
		default:
			return segs
		}
		if !s.keyWithin(seg, len(segs)+1) {
			return nil
		}
		segs = append(segs, seg)
		s.skipSpace()
		if s.peek() != '.' {
			return segs
		}
		s.next()
	}
}

// isBare reports whether c may be part of a bare key. Bytes of multi-byte
// characters count, since TOML 1.1 allows them.
func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c >= 0x80
}

// quoted reads a one-line string delimited by q and returns its raw text.
func (s *scanner) quoted(q byte) string {
	s.next()
	start := s.i
	for s.i < len(s.src) {
		switch s.peek() {
		case q:
			raw := string(s.src[start:s.i])
			s.next()
			return raw
		case '\\':
			if q == '"' {
				s.next()
			}
		case '\n':
			return string(s.src[start:s.i])
		}
		s.next()
	}
	return string(s.src[start:s.i])
}

// multiline skips a """ or ”' string.
func (s *scanner) multiline(q byte) {
	s.next()
	s.next()
	s.next()
	for s.i < len(s.src) {
		switch {
		case s.peek() == '\\' && q == '"':
			s.next()
		case s.peek() == q && s.at(1) == q && s.at(2) == q:
			s.next()
			s.next()
			s.next()
			// Up to two quotes may end the content right before the delimiter.
			for k := 0; k < 2 && s.peek() == q; k++ {
				s.next()
			}
			return
		}
		s.next()
	}
}

// value skips one value, recording the elements of arrays and the keys of
// inline tables under n.
func (s *scanner) value(n *Node) {
	switch c := s.peek(); {
	case c == '"' || c == '\'':
		if s.at(1) == c && s.at(2) == c {
			s.multiline(c)
		} else {
			s.quoted(c)
		}
	case (c == '[' || c == '{') && !s.nestWithin():
		// Too deep: nothing more is read. Otherwise the depth grew, and
		// the case below takes it back when the value ends.
	case c == '[':
		defer func() { s.depth-- }()
		s.sequence(']', func() {
			e := &Node{line: s.line, col: s.col, valueLine: s.line, valueCol: s.col}
			n.elems = append(n.elems, e)
			s.value(e)
		})
	case c == '{':
		defer func() { s.depth-- }()
		s.sequence('}', func() { s.keyval(n) })
	default:
		// Numbers, booleans and dates; a date may contain a space.
		for s.i < len(s.src) && !strings.ContainsRune(",]}#\r\n", rune(s.peek())) {
			s.next()
		}
	}
}

// sequence reads the comma-separated items of an array or inline table up
// to the closing byte, calling item at the start of each.
func (s *scanner) sequence(closing byte, item func()) {
	s.next()
	for s.i < len(s.src) {
		start := s.i
		s.skipBlank()
		switch s.peek() {
		case closing:
			s.next()
			return
		case ',':
			s.next()
		default:
			item()
		}
		if s.i == start || s.over != nil {
			return
		}
	}
}

// unescape decodes the escapes of a TOML basic string. Unknown escapes are
// kept as written; the toml package has already rejected them.
func unescape(raw string) string {
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"', '\\':
			b.WriteByte(raw[i])
		case 'x', 'u', 'U':
			size := 2
			if raw[i] == 'u' {
				size = 4
			} else if raw[i] == 'U' {
				size = 8
			}
			if r, ok := hexRune(raw[i+1:], size); ok {
				b.WriteRune(r)
				i += size
				continue
			}
			b.WriteByte('\\')
			b.WriteByte(raw[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}

func hexRune(s string, size int) (rune, bool) {
	if len(s) < size {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:size]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}
