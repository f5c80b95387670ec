package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// kindTableScroll is the AST kind of the box a table scrolls in.
var kindTableScroll = ast.NewNodeKind("TableScroll")

// tableScroll wraps a table so that a wide one scrolls inside its own box
// on small screens instead of widening the page.
type tableScroll struct{ ast.BaseBlock }

func (n *tableScroll) Kind() ast.NodeKind { return kindTableScroll }

func (n *tableScroll) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// blockRenderer renders the nodes this package adds.
type blockRenderer struct{}

func (blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPlaceholder, renderPlaceholder)
	reg.Register(kindTableScroll, renderTableScroll)
	reg.Register(ast.KindHeading, renderHeading)
}

// renderHeading writes a heading as goldmark does, noting for a page
// where the digit of each of its tags is: the level a page shows depends
// on the headings before it, in other chunks too (see Outline), so it is
// set once the whole body is known.
func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	pw, _ := w.(*partsWriter)
	if entering {
		_, _ = w.WriteString("<h")
		if pw != nil {
			pw.levels = append(pw.levels, pw.buf.Len())
		}
		_ = w.WriteByte("0123456"[n.Level])
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString("</h")
		if pw != nil {
			pw.levels = append(pw.levels, pw.buf.Len())
		}
		_ = w.WriteByte("0123456"[n.Level])
		_, _ = w.WriteString(">\n")
	}
	return ast.WalkContinue, nil
}

func renderPlaceholder(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if pw, ok := w.(*partsWriter); ok && entering {
		pw.split()
	}
	return ast.WalkSkipChildren, nil
}

func renderTableScroll(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"table-scroll\" tabindex=\"0\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// omitHTMLRenderer writes nothing for raw HTML, which the page's inspection
// has already warned about.
type omitHTMLRenderer struct{}

func (omitHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderNothing)
	reg.Register(ast.KindRawHTML, renderNothing)
}

func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}
