// Package diag holds the diagnostics a build reports about content: errors
// and warnings that name the file, line and column, in the form editors and
// CI logs understand ("path:line:col: message").
package diag

import (
	"fmt"
	"sort"
	"strings"

	"github.com/policygen/gen/generator/printable"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in the site's input.
type Diagnostic struct {
	Severity Severity
	Path     string // relative to the site directory, slash-separated
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Message  string
}

// String formats the diagnostic as "path:line:col: message" for errors and
// "path:line:col: warning: message" for warnings, leaving out unknown parts.
// It is one line, safe to print to a terminal or a CI log: a message quoting
// a title, a heading or a file name cannot break the line or send control
// characters (see printable.Line).
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(printable.Line(d.Path))
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(printable.Line(d.Message))
	return b.String()
}

// List collects diagnostics; a stage appends everything it finds instead of
// stopping at the first problem, so an author fixes a file in one pass.
type List []Diagnostic

// Errorf appends an error.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Error, path, line, col, fmt.Sprintf(format, args...)})
}

// Warnf appends a warning.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Warning, path, line, col, fmt.Sprintf(format, args...)})
}

// Add appends other diagnostics.
func (l *List) Add(other List) { *l = append(*l, other...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file and position so output is deterministic
// even when files were read in parallel.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Error makes a List usable as an error; it joins the lines.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
