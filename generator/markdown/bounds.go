package markdown

import (
	"bytes"
	"fmt"
)

// Bounds on a body, checked before goldmark parses it. Past them the
// parser's cost grows with the square of the text, and a page of 160 KB
// took tens of seconds; within them it grows with the text. Each bound is
// far above what a policy's text comes near, and what passes one is an
// error at its place, saying what to change.
//
// Nesting: for every block quote or list marker that opens on a line,
// goldmark measures the line's indentation again from its first byte
// (text.Reader.LineOffset), so a line of n markers — ">>>>…" or "- - - …",
// or the indentation of a list nested level by level — costs n² steps.
// The markers at the start of a line and the indentation before them may
// take maxNesting columns.
//
// Inline markup: every "]" that may close a link makes goldmark look for
// the link's destination to the end of its line and, when there is none,
// walk the paragraph's lines back to where the text between the brackets
// starts (parser.linkParser, text.blockReader.Value); emphasis delimiters
// and backticks are matched by scanning the paragraph as well. So "[a]("
// repeated, or a paragraph of thousands of "*a_", costs its markup times
// its length. In one paragraph (a run of lines that are not blank) the
// characters [ ] * _ ` ~ < times its lines plus its longest line may come
// to maxInlineWork (a table is such a run too: a table of 300 rows with a
// link in each comes to a tenth of it).
const (
	maxNesting    = 100
	maxInlineWork = 1 << 22
)

// bounds reports where body passes a bound: the problems, by offset.
func bounds(body []byte) []problem {
	var out []problem
	para := paragraph{start: -1}
	at := 0
	for line := range bytes.Lines(body) {
		line = bytes.TrimSuffix(line, []byte("\n"))
		if width, markers := nesting(line); markers > 0 && width > maxNesting && !thematicBreak(line) {
			out = append(out, problem{offset: at, message: fmt.Sprintf("this line's block quote and list markers (%d of them: > - + * 1.) reach %d columns deep with the indentation, more than gen reads (%d): nest them less deeply", markers, width, maxNesting)})
		}
		if len(bytes.TrimSpace(line)) == 0 {
			if p, ok := para.check(); ok {
				out = append(out, p)
			}
			para = paragraph{start: -1}
		} else {
			para.add(at, line)
		}
		at += len(line) + 1
	}
	if p, ok := para.check(); ok {
		out = append(out, p)
	}
	return out
}

// paragraph is a run of lines that are not blank, as bounds reads it.
type paragraph struct {
	start          int // offset of its first line; -1 before one
	lines, longest int
	markup         int
}

func (p *paragraph) add(at int, line []byte) {
	if p.start < 0 {
		p.start = at
	}
	p.lines++
	p.longest = max(p.longest, len(line))
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // an escaped character is text
		case '[', ']', '*', '_', '`', '~', '<':
			p.markup++
		}
	}
}

// check reports a paragraph past maxInlineWork.
func (p *paragraph) check() (problem, bool) {
	if p.start < 0 || p.markup*(p.lines+p.longest) <= maxInlineWork {
		return problem{}, false
	}
	return problem{offset: p.start, message: fmt.Sprintf("this paragraph has %d characters of markup ([ ] * _ ` ~ <) in %d lines of up to %d bytes, more than gen reads in one paragraph (their count times its lines plus its longest line may come to %d): split it with blank lines, or escape the characters that are text with \\",
		p.markup, p.lines, p.longest, maxInlineWork)}, true
}

// nesting returns how many block quote and list markers open the line and
// the columns they take with the indentation before and between them.
func nesting(line []byte) (width, markers int) {
	i, col := 0, 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
		n := marker(line[i:])
		if n == 0 {
			return width, markers
		}
		markers++
		col += n
		i += n
		width = col
	}
}

// marker returns the length of the block quote or list marker at the
// start of b, or 0 when b starts with none.
func marker(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	spaced := func(n int) int { // a list marker is followed by a space or the end of the line
		if n == len(b) || b[n] == ' ' || b[n] == '\t' || b[n] == '\r' {
			return n
		}
		return 0
	}
	switch c := b[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		return spaced(1)
	case c >= '0' && c <= '9':
		n := 1
		for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n < len(b) && (b[n] == '.' || b[n] == ')') {
			return spaced(n + 1)
		}
	}
	return 0
}

// thematicBreak reports whether line is a thematic break (- - -, * * *),
// which opens no list however many markers it seems to have.
func thematicBreak(line []byte) bool {
	var c byte
	n := 0
	for _, b := range line {
		switch {
		case b == ' ' || b == '\t' || b == '\r':
		case c == 0 && (b == '-' || b == '*' || b == '_'):
			c = b
			n++
		case b == c:
			n++
		default:
			return false
		}
	}
	return n >= 3
}
