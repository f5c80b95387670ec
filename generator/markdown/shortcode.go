package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The only shortcode: {{< processors >}} on a line of its own places the
// processors table. Parsing it as a block keeps it out of code blocks and
// gives it a position; anything else that looks like a shortcode is an error
// rather than text shown to visitors. {{% processors %}}, Hugo's other
// delimiter, is accepted too: authors coming from Hugo write either.

// kindPlaceholder is the AST kind of a {{< processors >}} line.
var kindPlaceholder = ast.NewNodeKind("ProcessorsPlaceholder")

// placeholder is where the processors table goes.
type placeholder struct{ ast.BaseBlock }

func (n *placeholder) Kind() ast.NodeKind { return kindPlaceholder }

// IsRaw keeps goldmark from parsing the line as inline text.
func (n *placeholder) IsRaw() bool { return true }

func (n *placeholder) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// placeholderParser recognises {{< processors >}} lines.
type placeholderParser struct{}

func (placeholderParser) Trigger() []byte { return []byte{'{'} }

func (placeholderParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	// Only at the top level: inside a list or quote the table would split
	// that element's HTML in two.
	if parent.Kind() != ast.KindDocument {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	trimmed := util.TrimRightSpace(util.TrimLeftSpace(line))
	name, args, size := shortcode(trimmed)
	if size != len(trimmed) || name != "processors" || len(args) > 0 {
		return nil, parser.NoChildren
	}
	n := &placeholder{}
	seg = seg.TrimLeftSpace(reader.Source())
	n.Lines().Append(seg.TrimRightSpace(reader.Source()))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (placeholderParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (placeholderParser) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph lets the placeholder directly follow a paragraph
// line, as authors write it.
func (placeholderParser) CanInterruptParagraph() bool { return true }

func (placeholderParser) CanAcceptIndentedLine() bool { return false }

// shortcodeParser reports shortcodes inside running text: unknown ones, and
// {{< processors >}} where it cannot be placed. It never produces a node,
// so the text stays as written; the build fails on the error anyway.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	name, args, size := shortcode(line)
	if size == 0 {
		return nil
	}
	probs, _ := pc.Get(problemsKey).(*problems)
	if probs == nil {
		return nil
	}
	switch {
	case name == "processors" && len(args) > 0:
		probs.errorf(seg.Start, "{{< processors >}} takes no arguments")
	case name == "processors":
		probs.errorf(seg.Start, "{{< processors >}} must be on a line of its own, outside lists, quotes and tables")
	default:
		probs.errorf(seg.Start, "unknown shortcode %q; the only one is {{< processors >}}", name)
	}
	return nil
}

// shortcode reads a Hugo-style shortcode, {{< name args >}} or
// {{% name args %}}, at the start of b. size is its length in bytes, 0
// when b does not start with one.
func shortcode(b []byte) (name string, args []byte, size int) {
	var closing []byte
	switch {
	case bytes.HasPrefix(b, []byte("{{<")):
		closing = []byte(">}}")
	case bytes.HasPrefix(b, []byte("{{%")):
		closing = []byte("%}}")
	default:
		return "", nil, 0
	}
	end := bytes.Index(b[3:], closing)
	if end < 0 {
		return "", nil, 0
	}
	size = 3 + end + len(closing)
	inner := bytes.TrimSpace(b[3 : 3+end])
	// A closing shortcode such as {{< /details >}} is named without its slash.
	fields := bytes.Fields(bytes.TrimPrefix(inner, []byte("/")))
	if len(fields) == 0 {
		return "", nil, size
	}
	return string(fields[0]), bytes.TrimSpace(inner[bytes.Index(inner, fields[0])+len(fields[0]):]), size
}
