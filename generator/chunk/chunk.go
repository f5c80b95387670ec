// Package chunk cuts a Markdown body into pieces that parse on their own
// exactly as they parse inside the whole body.
//
// Consecutive versions of a policy share most of their paragraphs: each
// revision changes a few percent of the words. Cut at the right places, a
// body becomes a sequence of chunks most of which the previous version
// already had, and a build can parse and render each distinct chunk once
// instead of once per version.
//
// The cuts are conservative. A body is cut only after a blank line and
// before a line that starts a new top-level block whatever came before it
// (a heading, a paragraph, a table): never before a line that could
// continue a list or a block quote, and never in a body that has something
// whose meaning reaches across blank lines (link reference definitions,
// fenced code, HTML blocks) or that the parser rewrites (NUL, carriage
// returns). Such a body is one chunk: correct, only not shared.
package chunk

import "bytes"

// Split returns the chunks of body in order; their concatenation is body.
// Each chunk is a slice of body, not a copy, and ends with its blank lines.
func Split(body []byte) [][]byte {
	if len(body) == 0 {
		return nil
	}
	if !splittable(body) {
		return [][]byte{body}
	}
	var out [][]byte
	start := 0
	blank := false // the line before this one was blank
	// plain: every line of the chunk so far starts a block by itself
	// (headings, paragraphs, tables), so no list or quote is open that a
	// list item or quote line could continue.
	plain := true
	for at := 0; at < len(body); {
		end := bytes.IndexByte(body[at:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += at + 1
		}
		line := body[at:end]
		if blank && at > start && (startsBlock(line) || plain && startsContainer(line)) {
			out = append(out, body[start:at])
			start = at
			plain = true
		}
		blank = isBlank(line)
		if !blank && !startsBlock(line) {
			plain = false
		}
		at = end
	}
	return append(out, body[start:])
}

// splittable reports whether nothing in body reaches across blank lines or
// is rewritten by the parser before it reads the lines.
func splittable(body []byte) bool {
	if bytes.IndexByte(body, 0) >= 0 || bytes.IndexByte(body, '\r') >= 0 {
		return false
	}
	// A link reference definition ("[x]: /url") is visible to the whole
	// document. Any "]:" is taken as one: rare in prose, and safe.
	if bytes.Contains(body, []byte("]:")) {
		return false
	}
	for at := 0; at < len(body); {
		end := bytes.IndexByte(body[at:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += at
		}
		if opensLongBlock(body[at:end]) {
			return false
		}
		at = end + 1
	}
	return true
}

// opensLongBlock reports whether a line could open a block that goes on
// past blank lines: a code fence or an HTML block, at any nesting (a marker
// or quote in front does not matter; being conservative does not hurt).
func opensLongBlock(line []byte) bool {
	t := bytes.TrimLeft(line, " \t>-+*0123456789.)")
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) || bytes.HasPrefix(t, []byte("<"))
}

// startsBlock reports whether a line after a blank line surely starts a new
// top-level block: it is not indented (so it continues no list item or
// indented code) and does not start with a list marker, a quote marker or
// anything else a container could take as its own.
func startsBlock(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	c := line[0]
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '#', c == '|':
		return true
	case c >= 0x80:
		return true // a letter of another script: text
	}
	return false
}

// startsContainer reports whether a line starts a list item or a quote: a
// new list or quote when nothing before it could be continued.
func startsContainer(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case '-', '*', '+', '>':
		return true
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')')
}

func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}
