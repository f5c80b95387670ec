package frontmatter

import (
	"errors"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, src       string
		front, body     string
		bodyLine        int
		errLine, errCol int
		err             string
	}{
		{name: "plain", src: "+++\na = 1\n+++\nbody\n", front: "a = 1\n", body: "body\n", bodyLine: 3},
		{name: "crlf", src: "+++\r\na = 1\r\n+++\r\nbody\r\n", front: "a = 1\r\n", body: "body\r\n", bodyLine: 3},
		{name: "trailing blanks on delimiters", src: "+++ \na = 1\n+++\t\nbody", front: "a = 1\n", body: "body", bodyLine: 3},
		{name: "empty front matter", src: "+++\n+++\nbody", front: "", body: "body", bodyLine: 2},
		{name: "no body", src: "+++\na = 1\n+++", front: "a = 1\n", body: "", bodyLine: 3},
		{name: "body with its own +++", src: "+++\na = 1\n+++\n\n+++\n", front: "a = 1\n", body: "\n+++\n", bodyLine: 3},
		{name: "missing opening", src: "title = 1\n+++\n", errLine: 1, errCol: 1, err: `missing front matter: the file must start with a line "+++", then the TOML front matter, then a line "+++"`},
		{name: "empty file", src: "", errLine: 1, errCol: 1, err: `missing front matter: the file must start with a line "+++", then the TOML front matter, then a line "+++"`},
		{name: "yaml delimiters", src: "---\na: 1\n---\n", errLine: 1, errCol: 1, err: `missing front matter: the file must start with a line "+++", then the TOML front matter, then a line "+++"`},
		{name: "bom read past", src: "\uFEFF+++\na = 1\n+++\nbody\n", front: "a = 1\n", body: "body\n", bodyLine: 3},
		{name: "unclosed", src: "+++\na = 1\nbody\n", errLine: 1, errCol: 1, err: `the front matter is not closed: add a line "+++" between it and the text`},
		{name: "only opening", src: "+++", errLine: 1, errCol: 1, err: `the front matter is not closed: add a line "+++" between it and the text`},
		{name: "delimiter not alone", src: "+++\na = 1\n+++ x\n", errLine: 1, errCol: 1, err: `the front matter is not closed: add a line "+++" between it and the text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, bodyLine, err := Split([]byte(tt.src))
			if tt.err != "" {
				var e *Error
				if !errors.As(err, &e) || e.Msg != tt.err || e.Line != tt.errLine || e.Col != tt.errCol {
					t.Fatalf("err = %v, want %d:%d: %s", err, tt.errLine, tt.errCol, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.front || string(body) != tt.body || bodyLine != tt.bodyLine {
				t.Errorf("got %q, %q, %d; want %q, %q, %d", front, body, bodyLine, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}
