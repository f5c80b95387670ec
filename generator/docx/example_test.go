package docx_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/corpus"
	"github.com/policygen/gen/generator/docx"
	"github.com/policygen/gen/generator/internal/testdocx"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/redline"
)

// loadSite loads a site with its drafts, as gen diff does.
func loadSite(tb testing.TB, dir string) *build.Loaded {
	tb.Helper()
	loaded, diags := build.Load(build.Options{Site: dir, Now: "2026-11-23", Drafts: true})
	if diags.HasErrors() {
		tb.Fatal(diags.Errors())
	}
	return loaded
}

// redlineOf is the Word redline of two versions, as gen diff --format
// docx makes it.
func redlineOf(tb testing.TB, loaded *build.Loaded, old, new *model.Version) *docx.Redline {
	tb.Helper()
	var bodies [2][]byte
	for i, v := range []*model.Version{old, new} {
		b, err := content.ReadBody(loaded.FS, v)
		if err != nil {
			tb.Fatal(err)
		}
		bodies[i] = b
	}
	r := redline.Compare(bodies[0], bodies[1], redline.Options{Review: true})
	return r.Docx(old, new, redline.DocxOptions{Author: loaded.Config.Title, URLs: loaded.Config.URLs,
		Labels: redline.DocxLabels{Summary: "Other changes", Processors: "Processors"}})
}

// blockTags are the elements that end a word: the others (links,
// emphasis, code) sit inside one.
var blockTags = map[atom.Atom]bool{atom.P: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Blockquote: true, atom.Pre: true, atom.Div: true, atom.Br: true, atom.Hr: true, atom.Thead: true, atom.Tbody: true}

// versionWords are the words of a version's main text as its page shows
// it (its rendered Markdown, without the processors table), read from
// the HTML the site renders rather than from the redline.
func versionWords(tb testing.TB, v *model.Version) []string {
	tb.Helper()
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Img:
			for _, a := range n.Attr {
				if a.Key == "alt" {
					b.WriteString(a.Val)
				}
			}
		}
		if blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	for _, part := range v.Body.Parts {
		nodes, err := html.ParseFragment(strings.NewReader(part.String()), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			tb.Fatal(err)
		}
		for _, n := range nodes {
			walk(n)
		}
	}
	return strings.Fields(b.String())
}

// bodyWords are the words of a redline document's text, after its
// summary: accepted or rejected, with the table cells' separators out.
func bodyWords(t *testing.T, data []byte, accept bool) []string {
	sections := testdocx.Sections(t, data, accept)
	var words []string
	for _, w := range strings.Fields(strings.Join(sections[len(sections)-1], " ")) {
		if w != "|" {
			words = append(words, w)
		}
	}
	return words
}

// TestExampleRedline writes the Word redline of every two consecutive
// versions of every policy of the example site, and of a policy of the
// large synthetic corpus (33 KB a version, tables, lists and links):
// accepting every change leaves exactly the newer version's words, as
// its page shows them, and rejecting every change the older one's.
func TestExampleRedline(t *testing.T) {
	t.Run("example", func(t *testing.T) { checkRedlines(t, loadSite(t, "../.."), 10) })
	t.Run("corpus", func(t *testing.T) {
		dir := t.TempDir()
		large := corpus.Large()
		large.Policies, large.Languages, large.Versions = 1, 2, 4
		if err := corpus.Write(dir, large); err != nil {
			t.Fatal(err)
		}
		checkRedlines(t, loadSite(t, dir), 6)
	})
}

// checkRedlines checks the redline of every two consecutive versions of
// the site's policies, and that it has at least atLeast such pairs.
func checkRedlines(t *testing.T, loaded *build.Loaded, atLeast int) {
	pairs := 0
	for _, p := range loaded.Site.Policies {
		for _, ed := range p.Editions {
			for _, v := range ed.Versions {
				if v.Previous == nil {
					continue
				}
				pairs++
				name := p.Slug + "/" + ed.Lang + "/" + v.Previous.Date.String() + ".." + v.Date.String()
				data := write(t, redlineOf(t, loaded, v.Previous, v))
				for _, c := range []struct {
					accept bool
					want   *model.Version
				}{{true, v}, {false, v.Previous}} {
					got, want := bodyWords(t, data, c.accept), versionWords(t, c.want)
					if strings.Join(got, " ") != strings.Join(want, " ") {
						t.Errorf("%s, accept %v: the words differ from the version of %s:\n got %.600q\nwant %.600q", name, c.accept, c.want.Date, got, want)
					}
				}
			}
		}
	}
	if pairs < atLeast {
		t.Fatalf("only %d pairs of versions", pairs)
	}
}

// BenchmarkWrite writes the redline of two versions of the example site's
// longest policy, and of a policy of the large synthetic corpus (33 KB a
// version), as Word documents: "compare" compares the two versions and
// makes the document's model, "write" writes it.
//
//	go test -run='^$' -bench=BenchmarkWrite -benchmem ./generator/docx/
func BenchmarkWrite(b *testing.B) {
	corpusDir := b.TempDir()
	large := corpus.Large()
	large.Policies, large.Languages, large.Versions = 1, 1, 2
	if err := corpus.Write(corpusDir, large); err != nil {
		b.Fatal(err)
	}
	example, generated := loadSite(b, "../.."), loadSite(b, filepath.Join(corpusDir))
	for _, c := range []struct {
		name   string
		loaded *build.Loaded
		ed     *model.Edition
	}{
		{"example/privacy-sv", example, example.Site.Edition("sv", "privacy")},
		{"corpus", generated, generated.Site.Policies[0].Editions[0]},
	} {
		new := c.ed.Newest()
		b.Run(c.name+"/compare", func(b *testing.B) {
			for b.Loop() {
				redlineOf(b, c.loaded, new.Previous, new)
			}
		})
		r := redlineOf(b, c.loaded, new.Previous, new)
		b.Run(c.name+"/write", func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := docx.Write(&buf, r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "docx-bytes")
			b.ReportMetric(float64(len(r.Blocks)), "blocks")
		})
	}
}

// TestExampleRedlineForm reads the Word redline of the example's English
// privacy policy back with the package's reader (gen import's), which
// accepts every change: its headings are the new version's, at their
// levels in Word's heading styles and with their ids as bookmarks; its
// list items are Word list paragraphs, its tables tables with a header
// row; every link is absolute or points at a bookmark of the document.
func TestExampleRedlineForm(t *testing.T) {
	loaded := loadSite(t, "../..")
	v := loaded.Site.Edition("en", "privacy").Newest()
	doc, err := docx.Read(write(t, redlineOf(t, loaded, v.Previous, v)))
	if err != nil {
		t.Fatal(err)
	}
	type heading struct {
		level int
		text  string
	}
	var headings []heading
	bookmarks := map[string]bool{}
	items, tables := 0, 0
	var links []docx.Inline
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *docx.Paragraph:
			if b.Heading > 0 {
				headings = append(headings, heading{b.Heading, b.Text()})
				if !strings.HasPrefix(b.Style, "heading ") {
					t.Errorf("heading %q has the style %q", b.Text(), b.Style)
				}
			}
			for _, m := range b.Bookmarks {
				bookmarks[m] = true
			}
			if b.List != nil && b.List.Label != "" {
				items++
			}
			for _, in := range b.Inlines {
				if in.Link != "" || in.Anchor != "" {
					links = append(links, in)
				}
			}
		case *docx.Table:
			tables++
			if !b.Rows[0].Header {
				t.Errorf("table %d has no header row", tables)
			}
		}
	}
	var want []heading
	for _, h := range v.Body.Headings {
		want = append(want, heading{h.Level, h.Text})
		if !bookmarks[h.ID] {
			t.Errorf("no bookmark %q for the heading %q", h.ID, h.Text)
		}
	}
	// The summary's own headings come first.
	if len(headings) < len(want) || !reflect.DeepEqual(headings[len(headings)-len(want):], want) {
		t.Errorf("headings:\n got %v\nwant %v after the summary's", headings, want)
	}
	var html strings.Builder
	for _, p := range v.Body.Parts {
		html.WriteString(p.String())
	}
	if n := strings.Count(html.String(), "<li>"); items != n {
		t.Errorf("%d list items, the version has %d", items, n)
	}
	if n := strings.Count(html.String(), "<table>"); tables != n+1 { // and the summary's processors
		t.Errorf("%d tables, want the version's %d and the summary's", tables, n)
	}
	if len(links) == 0 {
		t.Fatal("no links")
	}
	for _, l := range links {
		if l.Anchor != "" && !bookmarks[l.Anchor] || l.Link != "" && !strings.HasPrefix(l.Link, "https://") && !strings.HasPrefix(l.Link, "mailto:") {
			t.Errorf("the link %+v goes nowhere outside the site", l)
		}
	}
}
