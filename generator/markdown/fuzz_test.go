package markdown

import (
	"github.com/policygen/gen/generator/model"
	"html"
	"math/rand/v2"
	"reflect"
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

		out := joinParts(b.Parts)
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
		if out2 := joinParts(b2.Parts); out2 != out || len(l2) != len(l) {
			t.Errorf("rendering is not deterministic")
		}
		checkChunked(t, r, []byte(src))
	})
}

// checkChunked asserts that rendering a body in chunks, with and without
// a memo that has seen them, gives what rendering it whole gives: the
// same HTML, ids, links, placeholders and diagnostics.
func checkChunked(t *testing.T, r *Renderer, src []byte) {
	t.Helper()
	const offset = 3
	wb, wl := r.render("p.md", src, offset, nil, [][]byte{src}, false)
	memo := NewMemo()
	for round := range 2 {
		cb, cl := r.RenderMemo("p.md", src, offset, memo, false)
		if !reflect.DeepEqual(flat(cb), flat(wb)) {
			t.Fatalf("round %d: chunked body differs for %q:\nwhole:   %+v\nchunked: %+v", round, src, wb, cb)
		}
		if !reflect.DeepEqual(diagStrings(cl), diagStrings(wl)) {
			t.Fatalf("round %d: chunked diagnostics differ for %q:\nwhole:   %q\nchunked: %q", round, src, diagStrings(wl), diagStrings(cl))
		}
	}
}

// flat is b with each part in one piece: the pieces of a part follow
// its chunks, its HTML does not.
func flat(b model.Body) model.Body {
	parts := make([]model.Part, len(b.Parts))
	for i, p := range b.Parts {
		parts[i] = model.Part{[]byte(p.String())}
	}
	b.Parts = parts
	return b
}

// bodySnippets are the pieces random bodies are made of: headings that
// collide across chunks, {#ids}, reserved ids, placeholders, links the
// check must place, raw HTML and addresses the safe mode removes.
var bodySnippets = []string{
	"## Contact", "## Contact {#contact}", "## Contact {#contact-1}", "## Main {#main-content}", "## Main content",
	"# Title {.note}", "### Title {onclick=x}", "Setext\n===", "## ",
	"Text with a [link](/en/privacy/#contact) and [another](https://example.com).",
	"Text with [bad](javascript:alert(1)) and ![img](/a.png) and <https://example.org>.",
	"{{< processors >}}", "Text\n{{< processors >}}", "{{< unknown >}} in text",
	"- item [x](/en/terms/)\n- item two", "1. one\n2. two", "> quote with [q](/q/)",
	"| a | b |\n|---|---|\n| [c](/c/) | d |", "Line <b>bold</b> raw", "<div>block</div>",
	"Årets ändringar", "Plain paragraph.", "    code", "---",
}

func TestChunkedRenderingMatchesWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	safe, unsafe := New(Options{ReservedIDs: []string{"main-content"}}), New(Options{UnsafeHTML: true, ReservedIDs: []string{"main-content"}})
	for range 3000 {
		var b strings.Builder
		for n := 1 + r.IntN(12); n > 0; n-- {
			b.WriteString(bodySnippets[r.IntN(len(bodySnippets))])
			b.WriteString(strings.Repeat("\n", 1+r.IntN(3)))
		}
		checkChunked(t, safe, []byte(b.String()))
		checkChunked(t, unsafe, []byte(b.String()))
	}
}
