package importer

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/policygen/gen/generator/markdown"
)

var headingAtoms = []atom.Atom{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}

// headingLevel returns 1 to 6 for a heading element, else 0.
func headingLevel(n *html.Node) int {
	if n.Type != html.ElementNode {
		return 0
	}
	for i, a := range headingAtoms {
		if n.DataAtom == a {
			return i + 1
		}
	}
	return 0
}

// renumber gives the headings below root the levels a policy page shows
// them at (markdown.Outline), so the Markdown written says what the page
// shows and builds without a warning about a skipped level.
func renumber(root *html.Node) {
	var hs []*html.Node
	var levels []int
	walk(root, func(n *html.Node) bool {
		if l := headingLevel(n); l > 0 {
			hs = append(hs, n)
			levels = append(levels, l)
			return false
		}
		return true
	})
	for i, l := range markdown.Outline(levels) {
		hs[i].DataAtom = headingAtoms[l-1]
		hs[i].Data = hs[i].DataAtom.String()
	}
}

// walk calls visit on every node below root in document order, going
// into a node's children only when visit returns true. Nodes may be
// removed from the tree by visit.
func walk(root *html.Node, visit func(*html.Node) bool) {
	for c := root.FirstChild; c != nil; {
		next := c.NextSibling
		if visit(c) {
			walk(c, visit)
		}
		c = next
	}
}
