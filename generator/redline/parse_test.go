package redline

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/chunk"
)

func chunksOf(body string) [][]byte {
	return chunk.Split([]byte(body))
}

// checkChunked parses bodies chunk by chunk with one Memo, as a site build
// does, and each as a whole, and asserts that both give the same blocks and
// the same redlines.
func checkChunked(t testing.TB, unsafe bool, bodies ...string) {
	t.Helper()
	o := Options{UnsafeHTML: unsafe, InsertedLabel: "+", DeletedLabel: "-", Terminal: true, Memo: NewMemo()}
	m := o.Memo
	chunked := make([]*Doc, len(bodies))
	whole := make([]*Doc, len(bodies))
	for i, body := range bodies {
		chunked[i] = Parse([]byte(body), o)
		// Numbered by the same vocab, so numbers must be equal too.
		whole[i] = m.doc([]*parsedChunk{m.parser.parse([]byte(body), unsafe)}, nil)
		sameBlocks(t, body, chunked[i].blocks, whole[i].blocks)
		if !reflect.DeepEqual(chunked[i].ids, whole[i].ids) {
			t.Fatalf("heading ids differ chunked in %q (chunks %q):\n got %q\nwant %q", body, chunksOf(body), chunked[i].ids, whole[i].ids)
		}
	}
	for i := range bodies {
		for j := range bodies {
			plain := o
			plain.Memo = nil // the whole Docs were parsed with no chunk shared
			want := CompareDocs(whole[i], whole[j], plain)
			if got := CompareDocs(chunked[i], chunked[j], o); !reflect.DeepEqual(got, want) {
				t.Fatalf("redline of chunked parses differs:\nold %q\nnew %q\n got %s\nwant %s", bodies[i], bodies[j], allHTML(got), allHTML(want))
			}
		}
	}
}

func sameBlocks(t testing.TB, body string, got, want []*block) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d blocks chunked, %d whole, in %q (chunks %q)", len(got), len(want), body, chunksOf(body))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.class != w.class || g.level != w.level || g.depth != w.depth || g.ordered != w.ordered ||
			g.number != w.number || g.cont != w.cont || g.id != w.id || g.key != w.key ||
			!reflect.DeepEqual(g.tokens, w.tokens) || !reflect.DeepEqual(g.rows, w.rows) {
			t.Fatalf("block %d differs chunked in %q (chunks %q):\n got %+v\nwant %+v", i, body, chunksOf(body), g, w)
		}
	}
}

// markdownLines are pieces of the Markdown a policy may hold, chosen to
// meet at chunk boundaries in every order: containers, lazy continuations,
// numbered lists, custom ids, tables, code, HTML, reference links.
var markdownLines = []string{
	"# Who we are", "## What we collect {#collect}", "Setext heading", "===", "---", "***",
	"We keep **logs** for 90 days.", "and *more* text, see www.example.com.", "Ærlig tekst.",
	"- an item", "* another item", "+ a third", "1. first", "2. second", "7) seventh",
	"  - nested", "    - deeper", "   continued text", "    indented code", "\tcode after a tab",
	"> quoted", "> > nested quote", "| Purpose | Basis |", "|---|---|", "| Newsletter | Consent |",
	"```", "~~~", "<div>", "</div>", "<!-- note -->", "[gdpr]: https://example.com", "See [the law][gdpr].",
	"{{< processors >}}", "a\\*b &amp; &copy; `code`", "![logo](a.png) ~~old~~", "Text {#not-a-heading}",
	"", "", "", "",
}

func randomMarkdown(rng *rand.Rand) string {
	var b strings.Builder
	for range 1 + rng.IntN(30) {
		b.WriteString(markdownLines[rng.IntN(len(markdownLines))])
		b.WriteByte('\n')
	}
	return b.String()
}

func TestParseChunkedRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	n := 400
	if testing.Short() {
		n = 50
	}
	for i := range n {
		checkChunked(t, i%2 == 0, randomMarkdown(rng), randomMarkdown(rng), randomMarkdown(rng))
	}
}

func TestParseChunkedPolicies(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	versions := []string{privacyV1, privacyV2, swedishV1, swedishV2, policyBody(rng, 20_000)}
	for range 3 {
		versions = append(versions, editWords(rng, versions[len(versions)-1], 0.03))
	}
	checkChunked(t, false, versions...)
	shared := 0
	for _, v := range versions {
		shared += len(chunksOf(v))
	}
	m := NewMemo()
	for _, v := range versions {
		Parse([]byte(v), Options{Memo: m})
	}
	if len(m.chunks) >= shared {
		t.Errorf("no chunk was shared: %d distinct of %d", len(m.chunks), shared)
	}
}
