package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Dialect is the Markdown policy bodies are written in: CommonMark with GFM
// tables, strikethrough and autolinks, {#id} and {.class} after headings,
// and the {{< processors >}} placeholder. The policy pages render it and
// the redlines parse it, both through this one constructor, so a body
// reads the same on its page and in its comparisons. rendering adds the
// caller's renderer options (raw HTML kept or omitted, node renderers of
// its own).
func Dialect(rendering ...renderer.Option) goldmark.Markdown {
	// Ahead of goldmark's html renderer (priority 1000), for the nodes this
	// package adds; every renderer of the dialect must know them.
	opts := append([]renderer.Option{renderer.WithNodeRenderers(util.Prioritized(blockRenderer{}, 100))}, rendering...)
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
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
