package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
)

var (
	urlAttr         = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	placeholderLine = regexp.MustCompile(`^[ \t]*\{\{[<%][ \t]*processors[ \t]*[>%]\}\}[ \t]*$`)
)

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## Vem ansvarar för dina personuppgifter?\n\ntext\n",
		"A\n\n{{< processors >}}\n\nB\n{{<processors>}}\n",
		"```\n{{< processors >}}\n```\n",
		"- {{< processors >}}\n> {{< processors >}}\n{{< x >}}\n",
		"## A {#a}\n## A\n## a-1 {#a-1}\n##\n## ???\n",
		"<script>alert(1)</script>\n\n<b onclick=x>x</b>\n",
		"[a](javascript:alert(1)) ![b](data:text/html,x) <vbscript:x> [c](&#106;avascript:x)\n",
		"| a | b |\n|---|---|\n| <i>x</i> | {{< processors >}} |\n",
		"Title {id=\"x y\" onclick=\"z\"}\n===\n",
		"## Πολιτική 隐私 a\u0308\n",
		policyBody(1500),
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src string, allowHTML bool) {
		r := safe
		if allowHTML {
			r = unsafe
		}
		const offset = 3
		b, l := r.Render("p.md", []byte(src), offset)

		if len(b.Parts) == 0 || b.Placeholder != (len(b.Parts) > 1) {
			t.Fatalf("%d parts, Placeholder = %v", len(b.Parts), b.Placeholder)
		}
		candidates := 0
		for _, line := range strings.FieldsFunc(src, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if placeholderLine.MatchString(line) {
				candidates++
			}
		}
		if len(b.Parts)-1 > candidates {
			t.Errorf("%d placeholders from %d placeholder lines", len(b.Parts)-1, candidates)
		}

		out := string(bytes.Join(b.Parts, nil))
		seen := map[string]bool{}
		for _, h := range b.Headings {
			if h.ID == "" || strings.ContainsAny(h.ID, " \t\n\f\r") || seen[h.ID] {
				t.Errorf("bad or duplicate heading id %q", h.ID)
			}
			seen[h.ID] = true
			if h.Level < 1 || h.Level > 6 {
				t.Errorf("heading level %d", h.Level)
			}
			if !strings.Contains(out, ` id="`+html.EscapeString(h.ID)+`"`) {
				t.Errorf("heading id %q not in output", h.ID)
			}
		}

		lines := strings.Count(src, "\n") + 1
		for _, d := range l {
			if d.Line != 0 && (d.Line <= offset || d.Line > lines+offset) || d.Col < 0 {
				t.Errorf("diagnostic outside the body: %v", d)
			}
		}

		if !allowHTML {
			if strings.Contains(strings.ToLower(out), "<script") {
				t.Errorf("<script in output: %s", out)
			}
			for _, m := range urlAttr.FindAllStringSubmatch(out, -1) {
				u := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, html.UnescapeString(m[1])))
				for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
					if strings.HasPrefix(u, bad) {
						t.Errorf("dangerous URL %q in output", m[1])
					}
				}
			}
		}

		b2, l2 := r.Render("p.md", []byte(src), offset)
		if out2 := string(bytes.Join(b2.Parts, nil)); out2 != out || len(l2) != len(l) {
			t.Errorf("rendering is not deterministic")
		}
	})
}
