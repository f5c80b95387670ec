package frontmatter

import (
	"bytes"
	"fmt"
)

// delimiter opens and closes the front matter, on a line of its own.
const delimiter = "+++"

// Error is a problem with the shape of a policy file, at a 1-based line and
// byte column.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Split separates a policy file "+++\n<toml>\n+++\n<body>" into its front
// matter and its Markdown body. Lines may end in \r\n. bodyLine is the number
// of lines before the body, so line N of the body is line bodyLine+N of the
// file. A missing delimiter is reported as an *Error. A UTF-8 byte order
// mark, which Windows editors write, is read past as site.toml's is: it
// stays in the file (and in source.md), but is in neither part.
func Split(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	first, rest, ok := cutLine(src)
	if !isDelimiter(first) {
		return nil, nil, 0, &Error{1, 1, `missing front matter: the file must start with a line "+++", then the TOML front matter, then a line "+++"`}
	}
	if !ok {
		rest = nil
	}
	start := len(src) - len(rest)
	for line := 2; len(rest) > 0; line++ {
		l, after, _ := cutLine(rest)
		if isDelimiter(l) {
			end := len(src) - len(rest)
			return src[start:end], src[len(src)-len(after):], line, nil
		}
		rest = after
	}
	return nil, nil, 0, &Error{1, 1, `the front matter is not closed: add a line "+++" between it and the text`}
}

// cutLine returns the first line of b without its line ending, the rest
// after it, and whether there was a line ending.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	line, rest, ok = bytes.Cut(b, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), rest, ok
}

// isDelimiter reports whether line is "+++". Trailing blanks are allowed
// because no one can see them.
func isDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == delimiter
}
