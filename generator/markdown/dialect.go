package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Dialect is the Markdown policy bodies are written in: CommonMark with GFM
// tables, strikethrough, autolinks and footnotes, {#id} and {.class} after
// headings, and the {{< processors >}} placeholder. The policy pages render it and
// the redlines parse it, both through this one constructor, so a body
// reads the same on its page and in its comparisons. rendering adds the
// caller's renderer options (raw HTML kept or omitted, node renderers of
// its own).
func Dialect(rendering ...renderer.Option) goldmark.Markdown {
	// Ahead of goldmark's html renderer (priority 1000), for the nodes this
	// package adds; every renderer of the dialect must know them.
	opts := append([]renderer.Option{renderer.WithNodeRenderers(util.Prioritized(blockRenderer{}, 100))}, rendering...)
	return goldmark.New(
		goldmark.WithExtensions(
			// A column's alignment is a class (AlignClass), not the style
			// attribute goldmark writes, which the site's CSP forbids.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough, extension.Linkify, extension.Footnote),
		goldmark.WithParserOptions(
			// Only for {#id} after headings. Ids themselves are assigned
			// after parsing (see IDs), not by WithAutoHeadingID, which
			// would let a later {#id} collide with an earlier generated one.
			parser.WithAttribute(),
			parser.WithBlockParsers(util.Prioritized(placeholderParser{}, 50)),
			parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 50)),
		),
		goldmark.WithRendererOptions(opts...),
	)
}

// IsPlaceholder reports whether n is a {{< processors >}} line, which marks
// where the processors table goes and is no text of the body.
func IsPlaceholder(n ast.Node) bool { return n.Kind() == kindPlaceholder }

// AlignClass is the class a table cell of a column aligned with ":--",
// ":-:" or "--:" carries, on policy pages and in redlines alike; the
// stylesheet aligns it. "" for a column without alignment.
func AlignClass(a extast.Alignment) string {
	switch a {
	case extast.AlignLeft:
		return "align-left"
	case extast.AlignCenter:
		return "align-center"
	case extast.AlignRight:
		return "align-right"
	}
	return ""
}
