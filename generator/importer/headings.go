package importer

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// outline returns the levels headings get in a policy: the highest level
// used becomes 2, under the page's title (its only <h1>), and no level is
// skipped — a heading is one level below the nearest heading above it
// that outranks it, so 1, 3, 3, 2, 4 becomes 2, 3, 3, 3, 4 and 3, 5, 4
// becomes 2, 3, 3. Levels past 6 stay 6, the last HTML has.
func outline(levels []int) []int {
	out := make([]int, len(levels))
	var open []int // the original levels of the headings enclosing this one
	for i, l := range levels {
		for len(open) > 0 && open[len(open)-1] >= l {
			open = open[:len(open)-1]
		}
		open = append(open, l)
		out[i] = min(len(open)+1, 6)
	}
	return out
}

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

// renumber gives the headings below root their levels in the outline.
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
	for i, l := range outline(levels) {
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
