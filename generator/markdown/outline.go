package markdown

import (
	"fmt"
	"strings"
)

// A policy page has one level-1 heading, its title, and the headings of
// its body below it. A body written for another site often starts its
// sections at ### (under that site's own headings) or skips a level
// further down; the page would then jump from <h1> to <h3>, which screen
// readers announce as a gap and the HTML checker rejects. So the levels a
// page shows follow one rule, the outline: a heading is one level below
// the nearest heading above it that it is written under (a lower level),
// or, without one, level 2, under the title. A body that skips nothing
// and starts at ## is shown exactly as written. Ids never change with the
// level: links to a section keep working whatever its level.

// Outline returns the levels a page shows headings at, given the levels
// they are written at, in document order: 3, 5, 4 becomes 2, 3, 3, and
// 1, 3, 3, 2, 4 becomes 2, 3, 3, 3, 4. Pages, redlines and `gen import`
// (which writes the shown levels into the Markdown it makes) all use it.
func Outline(written []int) []int {
	shown := make([]int, len(written))
	for i, s := range outlineSteps(written) {
		shown[i] = s.shown
	}
	return shown
}

// outlineStep is where one heading lands in the outline.
type outlineStep struct {
	shown int
	// under is the written level of the heading this one is under, 0 for
	// the page's title.
	under int
}

func outlineSteps(written []int) []outlineStep {
	steps := make([]outlineStep, len(written))
	var open []int // the written levels of the headings enclosing this one
	for i, l := range written {
		for len(open) > 0 && open[len(open)-1] >= l {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			steps[i].under = open[len(open)-1]
		}
		open = append(open, l)
		// Levels past 6, the last HTML has, stay 6.
		steps[i].shown = min(len(open)+1, 6)
	}
	return steps
}

// outlineProblem is the warning for a heading written at level, where the
// outline put it (s), or "" when the author has nothing to fix there: a
// heading shown at another level only because one above it was moved is
// not warned about again. others are the headings further down with the
// same problem.
func outlineProblem(level int, s outlineStep, others int) string {
	shown := fmt.Sprintf("shown as a level %d heading (%s)", s.shown, strings.Repeat("#", s.shown))
	switch {
	case others == 1:
		shown += ", as is 1 more like it further down,"
	case others > 1:
		shown += fmt.Sprintf(", as are %d more like it further down,", others)
	}
	switch {
	case level == 1:
		return "a # heading has the level of the page's title, the only level-1 heading of a page; it is " + strings.TrimSuffix(shown, ",") + "; write ## instead (its id stays the same)"
	case s.under == 0 && level > 2:
		return fmt.Sprintf("heading level skipped: %s comes right under the page's title (level 1) with no ## above it; it is %s so the page's outline has no gap; start the sections at ## (its id stays the same)",
			strings.Repeat("#", level), shown)
	case s.under > 0 && level > s.under+1:
		return fmt.Sprintf("heading level skipped: %s comes right under a %s heading; it is %s so the page's outline has no gap; write %s (its id stays the same)",
			strings.Repeat("#", level), strings.Repeat("#", s.under), shown, strings.Repeat("#", s.under+1))
	}
	return ""
}
