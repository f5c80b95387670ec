package importer

import (
	"strings"

	"github.com/policygen/gen/generator/date"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is a source read into HTML, the one form every kind of source is
// brought to before the same steps make it a policy.
type page struct {
	body *html.Node // the document's text, in a container element
	// title is the document's own title when the source marks one (a
	// paragraph styled Title, front matter); else the first heading is.
	title string
	// docTitle is a weaker title for when there is no heading at all:
	// Word's document property, an HTML page's <title>.
	docTitle string
	// address is where the page was published, as it says itself
	// (canonical link, <base>, "saved from"), for its relative links.
	address string
	// updated and effective are dates the source's metadata gives (front
	// matter of a Markdown file).
	updated, effective date.Date
	// processors come from a gen policy file's own front matter.
	processors []Processor
}

// parseFragment parses HTML as the content of a <div>.
func parseFragment(s string) (*html.Node, error) {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), root)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root, nil
}

// text returns the text below n with every run of white space one space.
func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
			if isBlock(n) {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if n.Type == html.ElementNode && isBlock(n) {
			b.WriteByte(' ')
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// isBlock reports elements that start a new line of text.
func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Table, atom.Tr, atom.Td, atom.Th,
		atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption, atom.Blockquote, atom.Pre, atom.Section,
		atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside, atom.Nav, atom.Dl, atom.Dt,
		atom.Dd, atom.Figure, atom.Figcaption, atom.Hr, atom.Address, atom.Details, atom.Summary,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// attr returns the attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// setAttr sets the attribute key of n.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	parent := n.Parent
	if parent == nil {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		parent.InsertBefore(c, n)
		c = next
	}
	parent.RemoveChild(n)
}

// remove takes n out of the tree.
func remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// find returns the elements below root for which match holds, in
// document order, not looking inside those found.
func find(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
			return false
		}
		return true
	})
	return out
}

// all returns every element below root for which match holds, in
// document order, those inside others found included.
func all(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walkAll(root, func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	})
	return out
}

// is returns a matcher of elements of the given kinds.
func is(atoms ...atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, a := range atoms {
			if n.DataAtom == a {
				return true
			}
		}
		return false
	}
}
