package redline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/policygen/gen/generator/printable"
)

// ANSI escapes for the terminal redline: deletions red and struck through,
// insertions green and underlined, so they differ without color too.
const (
	ansiDel     = "\x1b[31;9m"
	ansiIns     = "\x1b[32;4m"
	ansiHeading = "\x1b[1m"
	ansiReset   = "\x1b[0m"
)

// WriteText writes the redline as plain, Markdown-like text for `gen diff`:
// the changed sections with their headings and changed blocks; unchanged
// sections and blocks are elided. With color, deletions and insertions use
// ANSI colors; without, git's word-diff markers [-deleted-] and {+inserted+}.
func WriteText(w io.Writer, r *Redline, color bool) error {
	if !r.terminal {
		return errors.New("redline: WriteText needs a redline computed with Options.Terminal")
	}
	bw := bufio.NewWriter(w)
	tw := textWriter{w: bw, color: color}
	unchanged := 0
	flush := func() {
		if unchanged > 0 {
			tw.elided(unchanged, "section")
			unchanged = 0
		}
	}
	if r.SectionsChanged == 0 {
		fmt.Fprintln(bw, "No changes to the text.")
	}
	for _, s := range r.Sections {
		if !s.Changed {
			unchanged++
			continue
		}
		flush()
		skipped := 0
		for i, b := range s.Blocks {
			// A changed section always shows its heading, for context.
			if b.Kind == Unchanged && !(i == 0 && b.level > 0) {
				skipped++
				continue
			}
			if skipped > 0 {
				tw.elided(skipped, "block")
				skipped = 0
			}
			tw.block(b)
		}
		if skipped > 0 {
			tw.elided(skipped, "block")
		}
	}
	flush()
	return bw.Flush()
}

// WriteFrontMatter writes front matter changes for `gen diff`, a line
// each: the field, then the old value marked deleted and the new one
// inserted, in the colours or word-diff markers of WriteText.
func WriteFrontMatter(w io.Writer, cs []FrontMatterChange, color bool) error {
	bw := bufio.NewWriter(w)
	tw := textWriter{w: bw, color: color}
	for _, c := range cs {
		bw.WriteString(printable.Line(c.Field) + ": ")
		// A value is shown on its one line, as a page shows it.
		tw.mark(opDelete, printable.Line(strings.Join(strings.Fields(c.Old), " ")))
		tw.mark(opInsert, printable.Line(strings.Join(strings.Fields(c.New), " ")))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

type textWriter struct {
	w     *bufio.Writer
	color bool
}

func (t textWriter) elided(n int, what string) {
	if n != 1 {
		what += "s"
	}
	fmt.Fprintf(t.w, "… %d unchanged %s …\n\n", n, what)
}

func (t textWriter) block(b Block) {
	bold := t.color && b.level > 0
	if bold {
		t.w.WriteString(ansiHeading)
	}
	for _, m := range b.text {
		// Policy text cannot send escape sequences to the reader's
		// terminal or commands to a CI log.
		t.mark(m.op, printable.Text(m.s))
		if bold && t.color && m.op != opEqual {
			t.w.WriteString(ansiHeading) // the mark's reset ended the bold too
		}
	}
	if bold {
		t.w.WriteString(ansiReset)
	}
	t.w.WriteString("\n\n")
}

// mark writes s as deleted, inserted or kept text.
func (t textWriter) mark(o op, s string) {
	switch {
	case o == opEqual:
		t.w.WriteString(s)
	case t.color:
		code := ansiIns
		if o == opDelete {
			code = ansiDel
		}
		t.w.WriteString(code + s + ansiReset)
	case o == opDelete:
		t.w.WriteString("[-" + s + "-]")
	default:
		t.w.WriteString("{+" + s + "+}")
	}
}
