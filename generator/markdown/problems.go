package markdown

import (
	"fmt"
	"sort"

	"github.com/yuin/goldmark/parser"

	"github.com/policygen/gen/generator/diag"
)

// problemsKey finds a Render call's problems in goldmark's parser context,
// so parsers shared by all calls report into the right page.
var problemsKey = parser.NewContextKey()

// problem is a diagnostic located by byte offset in the body; offsets are
// turned into lines and columns once, after parsing.
type problem struct {
	offset  int // -1 when unknown
	warning bool
	message string
	// archived, when not "", makes an error a warning in an archived
	// file, which may not be edited, and is said after the message there.
	archived string
}

// problems collects the diagnostics of one Render call.
type problems struct {
	all  []problem
	seen map[problem]bool // goldmark may parse a span twice; report it once
}

func (p *problems) add(pr problem) {
	if p.seen == nil {
		p.seen = map[problem]bool{}
	}
	if p.seen[pr] {
		return
	}
	p.seen[pr] = true
	p.all = append(p.all, pr)
}

func (p *problems) errorf(offset int, format string, args ...any) {
	p.add(problem{offset: offset, message: fmt.Sprintf(format, args...)})
}

func (p *problems) warnf(offset int, format string, args ...any) {
	p.add(problem{offset: offset, warning: true, message: fmt.Sprintf(format, args...)})
}

// list converts the problems to diagnostics positioned in the whole file,
// in source order; archived says the file is in the archive.
func (p *problems) list(path string, body []byte, lineOffset int, archived bool) diag.List {
	if len(p.all) == 0 {
		return nil
	}
	lines := lineStarts(body)
	var l diag.List
	for _, pr := range p.all {
		line, col := position(lines, pr.offset)
		if line > 0 {
			line += lineOffset
		}
		switch {
		case pr.warning:
			l.Warnf(path, line, col, "%s", pr.message)
		case archived && pr.archived != "":
			l.Warnf(path, line, col, "%s%s", pr.message, pr.archived)
		default:
			l.Errorf(path, line, col, "%s", pr.message)
		}
	}
	l.Sort()
	return l
}

// lineStarts returns the byte offset at which each line of src begins.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position returns the 1-based line and byte column of offset, or 0, 0
// when the offset is unknown.
func position(starts []int, offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > offset }) - 1
	return i + 1, offset - starts[i] + 1
}
