package chunk_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/policygen/gen/generator/chunk"
)

// render is goldmark with the dialect of policy bodies, raw HTML kept so
// that a wrong cut through an HTML block would show.
func render(t testing.TB, md goldmark.Markdown, src []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func dialect() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}

// checkSplit asserts the property the package promises: the chunks put
// together are the body, and rendering them one by one gives the HTML of
// the whole.
func checkSplit(t testing.TB, md goldmark.Markdown, body []byte) [][]byte {
	t.Helper()
	chunks := chunk.Split(body)
	if got := bytes.Join(chunks, nil); !bytes.Equal(got, body) {
		t.Fatalf("chunks do not put back together:\n%q\n%q", got, body)
	}
	var pieces strings.Builder
	for _, c := range chunks {
		if len(c) == 0 {
			t.Fatalf("empty chunk in %q", body)
		}
		pieces.WriteString(render(t, md, c))
	}
	if whole := render(t, md, body); pieces.String() != whole {
		t.Fatalf("chunked rendering differs for %q (chunks %q):\nwhole:   %q\nchunked: %q", body, chunks, whole, pieces.String())
	}
	return chunks
}

func TestSplitCutsBetweenBlocks(t *testing.T) {
	md := dialect()
	body := []byte("# Who we are\n\nWe are a company.\nIn Oslo.\n\n## What we collect {#collect}\n\n- names\n- emails\n\nAnd nothing else.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nÅrlig rapport.\n")
	got := checkSplit(t, md, body)
	want := []string{"# Who we are\n\n", "We are a company.\nIn Oslo.\n\n", "## What we collect {#collect}\n\n", "- names\n- emails\n\n", "And nothing else.\n\n", "| a | b |\n|---|---|\n| 1 | 2 |\n\n", "Årlig rapport.\n"}
	if len(got) != len(want) {
		t.Fatalf("got %d chunks %q, want %q", len(got), got, want)
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Errorf("chunk %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSplitKeepsWholeWhatReachesAcrossBlankLines(t *testing.T) {
	for _, body := range []string{
		"See [the law][gdpr].\n\nText.\n\n[gdpr]: https://example.com\n",
		"```\ncode\n\nmore code\n```\n\nText.\n",
		"<div>\n\nText.\n\n</div>\n",
		"- item\n\n  ~~~\n  code\n\n  ~~~\n\nText.\n",
		"Text.\r\n\r\nMore.\r\n",
		"Text\x00.\n\nMore.\n",
	} {
		if got := chunk.Split([]byte(body)); len(got) != 1 {
			t.Errorf("Split(%q) = %d chunks, want the body whole", body, len(got))
		}
	}
}

func TestSplitNeverCutsAList(t *testing.T) {
	md := dialect()
	for _, body := range []string{
		"- a\n\n- b\n\nText.\n",
		"1. a\n\n2. b\n",
		"- a\n\n  b\n\nText\n",
		"> a\n\n> b\n",
		"* a\n\n* b\n",
		"Text\n\n    code\n\n    more\n\nText\n",
	} {
		checkSplit(t, md, []byte(body))
	}
}

// snippets are the pieces random bodies are made of: every block a policy
// might hold, and the awkward ones around blank lines.
var snippets = []string{
	"# Heading", "## Heading {#custom}", "### Ünïcode heading", "Setext\n===", "Setext two\n---",
	"A paragraph with *emphasis*, **strong**, `code`, ~~struck~~ and a [link](https://example.com/a).",
	"Lines\nthat wrap\nacross three", "Hard break  \nnext", "www.example.com and https://example.org linkify",
	"- item one\n- item two", "- loose one\n\n- loose two", "1. first\n2. second", "3) third",
	"- outer\n  - inner\n  - inner two\n- outer two", "- item\n\n  continued in the item",
	"* star item", "+ plus item", "> a quote\n> on two lines", "> quote\n\n> another",
	"| a | b |\n|---|---|\n| 1 | 2 |", "|x|\n|-|\n|y|", "---", "***", "    indented code",
	"\tTabbed code", "  two spaces in", "Årets text", "日本語の段落", "#hashtag not heading",
	"<b>inline html</b> in text", "a | b", "=== not a heading", "- ", "1.", "Text with \\* escape &amp; entity",
	"{{< processors >}}", "Final line without newline",
}

// randomBody joins random snippets with one to three line breaks.
func randomBody(r *rand.Rand) []byte {
	var b strings.Builder
	for n := 1 + r.IntN(14); n > 0; n-- {
		b.WriteString(snippets[r.IntN(len(snippets))])
		b.WriteString(strings.Repeat("\n", 1+r.IntN(3)))
	}
	s := b.String()
	if r.IntN(4) == 0 {
		s = strings.TrimRight(s, "\n")
	}
	return []byte(s)
}

func TestSplitRendersAsTheWhole(t *testing.T) {
	md := dialect()
	r := rand.New(rand.NewPCG(1, 2))
	cut := 0
	for range 5000 {
		cut += len(checkSplit(t, md, randomBody(r))) - 1
	}
	if cut < 5000 {
		t.Fatalf("only %d cuts in 5000 bodies: the splitter hardly splits", cut)
	}
}

func FuzzSplit(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomBody(r))
	}
	md := dialect()
	f.Fuzz(func(t *testing.T, body []byte) {
		checkSplit(t, md, body)
	})
}
