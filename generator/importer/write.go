package importer

import (
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// placeholderMarker holds the place of the processors table through the
// conversion to Markdown, which would escape the placeholder itself.
const placeholderMarker = "GENIMPORTPROCESSORSPLACEHOLDER"

// Placeholder is the line that places the processors table in a body.
const Placeholder = "{{< processors >}}"

// markdown writes the body as Markdown.
func (c *conversion) markdown() ([]byte, error) {
	root := c.page.body
	tidy(root)
	// A heading that links point at carries a temporary id, so that its
	// id on the site can be looked up once the Markdown is written.
	for _, h := range find(root, func(n *html.Node) bool { return headingLevel(n) > 0 }) {
		if n := attr(h, anchorAttr); n != "" {
			h.AppendChild(&html.Node{Type: html.TextNode, Data: " {#" + anchorPrefix + n + "}"})
		}
	}
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(
			commonmark.WithBulletListMarker("-"),
			commonmark.WithListEndComment(false),
		),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(
			table.WithHeaderPromotion(true),
			table.WithSpanCellBehavior(table.SpanBehaviorEmpty),
			table.WithSkipEmptyRows(true),
			table.WithPresentationTables(true),
			table.WithCellPaddingBehavior(table.CellPaddingBehaviorMinimal),
		),
	))
	out, err := conv.ConvertNode(root)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.TrimSpace(l) == placeholderMarker {
			if len(c.page.processors) == 0 {
				continue // a placeholder with no processors to place
			}
			l = Placeholder
		}
		if strings.TrimSpace(l) == "" {
			l = "" // but "text  " keeps the two spaces of its line break
		}
		lines = append(lines, l)
	}
	body := strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(tightLists(lines), "\n"), "\n\n"))
	if body == "" {
		return nil, errNoText
	}
	return []byte(c.anchors(body) + "\n"), nil
}

var blankLines = regexp.MustCompile(`\n{3,}`)

// listItem matches a list item's first line: its indent and marker.
var listItem = regexp.MustCompile(`^( *)(- |[0-9]+\. )`)

// tightLists removes the blank line html-to-markdown leaves between a
// list item and the list nested in it, which would make the list loose
// (every item a paragraph, spaced apart). A nested ordered list keeps it
// unless it starts at 1: only then may it follow a line of text directly.
func tightLists(lines []string) []string {
	var out []string
	for i, l := range lines {
		if l == "" && i > 0 && i+1 < len(lines) {
			above, below := listItem.FindStringSubmatch(lines[i-1]), listItem.FindStringSubmatch(lines[i+1])
			if above != nil && below != nil && len(below[1]) > len(above[1]) && (below[2] == "- " || below[2] == "1. ") {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// anchors puts the ids headings get on the site into the links to them:
// the body is rendered with the temporary ids to learn which heading each
// belongs to, then without them, as the site will.
func (c *conversion) anchors(body string) string {
	if !strings.Contains(body, anchorPrefix) || c.opts.Markdown == nil {
		return body
	}
	marked, _ := c.opts.Markdown.Render(c.src.Name, []byte(body), 0)
	plain := tempID.ReplaceAllString(body, "")
	final, _ := c.opts.Markdown.Render(c.src.Name, []byte(plain), 0)
	if len(marked.Headings) != len(final.Headings) {
		return plain
	}
	var pairs []string
	for i, h := range marked.Headings {
		if strings.HasPrefix(h.ID, anchorPrefix) {
			pairs = append(pairs, "](#"+h.ID+")", "](#"+final.Headings[i].ID+")")
		}
	}
	return strings.NewReplacer(pairs...).Replace(plain)
}

var tempID = regexp.MustCompile(` \{#` + anchorPrefix + `[0-9]+\}`)

// tidy shapes the HTML for Markdown: no emphasis inside headings (they
// are bold already), and table cells of one line each, as a Markdown
// table's cells are.
func tidy(root *html.Node) {
	for _, h := range find(root, func(n *html.Node) bool { return headingLevel(n) > 0 }) {
		for _, e := range find(h, is(atom.Strong, atom.B, atom.Em, atom.I, atom.U)) {
			unwrap(e)
		}
		flatten(h)
	}
	for _, cell := range find(root, is(atom.Td, atom.Th)) {
		flatten(cell)
	}
	for _, c := range find(root, is(atom.Caption)) {
		// A caption would be lost in a Markdown table: it becomes the
		// paragraph above the table.
		t := c.Parent
		for t != nil && t.DataAtom != atom.Table {
			t = t.Parent
		}
		remove(c)
		if t != nil && t.Parent != nil {
			flatten(c)
			c.Data, c.DataAtom = "p", atom.P
			t.Parent.InsertBefore(c, t)
		}
	}
	for _, d := range all(root, is(atom.Details, atom.Summary)) {
		// Folded text is text like any other on a policy page.
		d.Data, d.DataAtom = "div", atom.Div
	}
	for _, code := range find(root, is(atom.Pre)) {
		// A policy has no program code: preformatted text is text.
		code.Data, code.DataAtom = "p", atom.P
		flatten(code)
	}
}

// flatten makes the content of n one line: the blocks inside it become
// runs of text separated by spaces.
func flatten(n *html.Node) {
	for _, b := range find(n, func(e *html.Node) bool { return isBlock(e) || e.DataAtom == atom.Br || headingLevel(e) > 0 }) {
		flatten(b)
		if b.DataAtom == atom.Br {
			b.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, b)
			remove(b)
			continue
		}
		b.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, b)
		if b.NextSibling != nil {
			b.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, b.NextSibling)
		} else {
			b.Parent.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
		}
		unwrap(b)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			c.Data = strings.ReplaceAll(strings.ReplaceAll(c.Data, "\n", " "), "\r", " ")
		}
	}
}
