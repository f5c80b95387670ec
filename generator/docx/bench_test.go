package docx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/policygen/gen/generator/corpus"
	"github.com/policygen/gen/generator/docx"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/redline"
)

// BenchmarkWrite writes the redline of two versions of the example site's
// longest policy, and of a policy of the large synthetic corpus (33 KB a
// version), as Word documents:
//
//	go test -run='^$' -bench=BenchmarkWrite -benchmem ./generator/docx/
func BenchmarkWrite(b *testing.B) {
	corpusDir := b.TempDir()
	large := corpus.Large()
	large.Policies, large.Languages, large.Versions = 1, 1, 2
	if err := corpus.Write(corpusDir, large); err != nil {
		b.Fatal(err)
	}
	corpusPolicy, _ := filepath.Glob(filepath.Join(corpusDir, "content", "*", "*.md"))
	corpusOld, _ := filepath.Glob(filepath.Join(corpusDir, "content", "*", "archive", "*", "*.md"))
	for _, c := range []struct{ name, old, new string }{
		{"example/privacy-sv", "../../content/privacy/archive/2025-09-15/sv.md", "../../content/privacy/sv.md"},
		{"corpus", corpusOld[0], corpusPolicy[0]},
	} {
		r := redlineOf(b, c.old, c.new)
		b.Run(c.name, func(b *testing.B) {
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

// redlineOf compares two version files with package redline and turns
// its HTML into a docx.Redline, the way phase B of issue 18 will from the
// redline's own structure.
func redlineOf(tb testing.TB, oldFile, newFile string) *docx.Redline {
	red := redline.Compare(bodyOf(tb, oldFile), bodyOf(tb, newFile), redline.Options{})
	c := &converter{}
	for _, s := range red.Sections {
		for _, blk := range s.Blocks {
			nodes, err := html.ParseFragment(strings.NewReader(string(blk.HTML)), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
			if err != nil {
				tb.Fatal(err)
			}
			for _, n := range nodes {
				c.node(n, docx.Run{}, docx.Unchanged)
			}
			c.cur = nil
		}
	}
	return &docx.Redline{Title: "Policy", Language: "sv", Author: "Benchmark", Date: time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), Blocks: c.blocks}
}

type converter struct {
	blocks []docx.RedlineBlock
	cur    *docx.RedlineBlock
	list   docx.RedlineBlock // the list item the next <li> makes
	cell   *[]docx.Run
}

func class(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Key == "class" {
			return a.Val
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (c *converter) start(b docx.RedlineBlock) {
	c.blocks = append(c.blocks, b)
	c.cur = &c.blocks[len(c.blocks)-1]
}

func (c *converter) node(n *html.Node, f docx.Run, block docx.Change) {
	if n.Type == html.TextNode {
		f.Text = n.Data
		if c.cell != nil {
			*c.cell = append(*c.cell, f)
		} else if c.cur != nil {
			c.cur.Runs = append(c.cur.Runs, f)
		}
		return
	}
	kids := func(f docx.Run, block docx.Change) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			c.node(k, f, block)
		}
	}
	switch n.DataAtom {
	case atom.Div:
		switch class(n) {
		case "block-added":
			block = docx.Inserted
		case "block-removed":
			block = docx.Deleted
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.start(docx.RedlineBlock{Kind: docx.HeadingBlock, Level: int(n.Data[1] - '0'), Change: block})
	case atom.P:
		if c.cur == nil {
			c.start(docx.RedlineBlock{Change: block})
		}
	case atom.Ul, atom.Ol:
		c.list = docx.RedlineBlock{Kind: docx.ListItemBlock, Change: block, Numbered: n.DataAtom == atom.Ol}
		for _, cl := range strings.Fields(class(n)) {
			if cl == "continued" {
				c.list.Continued = true
			}
			if l, ok := strings.CutPrefix(cl, "level-"); ok {
				c.list.Level, _ = strconv.Atoi(l)
				c.list.Level--
			}
		}
		c.list.Number, _ = strconv.Atoi(attr(n, "start"))
	case atom.Li:
		c.start(c.list)
	case atom.Blockquote:
		c.start(docx.RedlineBlock{Kind: docx.QuoteBlock, Change: block})
	case atom.Pre:
		c.start(docx.RedlineBlock{Kind: docx.CodeBlock, Change: block})
	case atom.Table:
		c.start(docx.RedlineBlock{Kind: docx.TableBlock, Change: block})
	case atom.Tr:
		row := docx.RedlineRow{}
		switch class(n) {
		case "row-added":
			row.Change = docx.Inserted
		case "row-removed":
			row.Change = docx.Deleted
		}
		c.cur.Rows = append(c.cur.Rows, row)
	case atom.Th, atom.Td:
		r := &c.cur.Rows[len(c.cur.Rows)-1]
		r.Header = n.DataAtom == atom.Th
		r.Cells = append(r.Cells, nil)
		c.cell = &r.Cells[len(r.Cells)-1]
		kids(f, block)
		c.cell = nil
		return
	case atom.Ins:
		f.Change = docx.Inserted
	case atom.Del:
		f.Change = docx.Deleted
	case atom.Strong:
		f.Bold = true
	case atom.Em:
		f.Italic = true
	case atom.A:
		f.Link = attr(n, "href")
	case atom.Span:
		if class(n) == "visually-hidden" {
			return
		}
	}
	kids(f, block)
}

// The benchmark's redline of the example's longest policy says what the
// redline package does: accepting all gives the new version's words,
// rejecting all the old one's.
func TestExampleRedline(t *testing.T) {
	oldFile, newFile := "../../content/privacy/archive/2025-09-15/sv.md", "../../content/privacy/sv.md"
	r := redlineOf(t, oldFile, newFile)
	data := write(t, r)
	red := redline.Compare(bodyOf(t, oldFile), bodyOf(t, newFile), redline.Options{})
	var oldWords, newWords []string
	for _, s := range red.Sections {
		for _, b := range s.Blocks {
			oldWords = append(oldWords, strings.Fields(b.Old)...)
			newWords = append(newWords, strings.Fields(b.New)...)
		}
	}
	for _, c := range []struct {
		accept bool
		want   []string
	}{{true, newWords}, {false, oldWords}} {
		got := strings.Fields(strings.ReplaceAll(strings.Join(view(t, data, c.accept), " "), " | ", " "))
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("accept %v: the words differ from the version's:\n got %.600q\nwant %.600q", c.accept, got, c.want)
		}
	}
}

// bodyOf is a version file's Markdown body.
func bodyOf(t testing.TB, name string) []byte {
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _, err := frontmatter.Split(data)
	if err != nil {
		t.Fatal(err)
	}
	return rest
}
