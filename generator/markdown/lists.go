package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// A list copied from a word processor or an e-mail often keeps its
// indentation: a tab, or four spaces. In Markdown that is no list item.
// Right under a paragraph's line it continues the paragraph, so its
// marker becomes text; after a blank line it starts a block of code. The
// author sees neither in the source, so both get a warning at the line.

// listItem matches the start of a line that reads as a list item: a
// bullet (-, *, +) or a number with . or ), then a space and some text.
var listItem = regexp.MustCompile(`^(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\S`)

// indentedItem warns about a code block under a paragraph whose first line
// reads as a list item.
func (p *page) indentedItem(n *ast.CodeBlock) {
	if _, ok := n.PreviousSibling().(*ast.Paragraph); !ok || n.Lines().Len() == 0 {
		return
	}
	at, cols := p.indentation(n.Lines().At(0).Start)
	if cols >= 4 && listItem.Match(p.source[at:]) {
		p.problems.warnf(at, "this list item is indented by a tab or 4 spaces under a paragraph, so it shows as a block of code; remove the indentation to make it a list item")
	}
}

// indentation returns where the text of the source line holding offset
// starts, after its blanks, and how many columns those blanks take, a tab
// reaching the next multiple of 4 as in CommonMark.
func (p *page) indentation(offset int) (at, cols int) {
	at = bytes.LastIndexByte(p.source[:offset], '\n') + 1
	for at < len(p.source) && (p.source[at] == ' ' || p.source[at] == '\t') {
		if p.source[at] == '\t' {
			cols += 4 - cols%4
		} else {
			cols++
		}
		at++
	}
	return at, cols
}

// lazyItems warns about lines of a top-level paragraph that read as list
// items but are indented, so that they joined the paragraph as text.
func (p *page) lazyItems(n *ast.Paragraph) {
	if n.Parent() == nil || n.Parent().Kind() != ast.KindDocument {
		return
	}
	lines := n.Lines()
	for i := 1; i < lines.Len(); i++ {
		s := lines.At(i)
		if at, cols := p.indentation(s.Start); cols >= 4 && listItem.Match(p.source[at:s.Stop]) {
			p.problems.warnf(at, "this list item is indented by a tab or 4 spaces, so it joined the paragraph above as text; remove the indentation to make it a list item")
		}
	}
}
