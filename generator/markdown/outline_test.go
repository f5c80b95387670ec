package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestOutline is the rule pages, redlines and gen import share.
func TestOutline(t *testing.T) {
	for _, tt := range []struct{ in, want []int }{
		{[]int{2, 3, 3, 2}, []int{2, 3, 3, 2}},
		{[]int{3, 4, 4, 3}, []int{2, 3, 3, 2}},       // sections at ### under the title
		{[]int{1, 1, 2}, []int{2, 2, 3}},             // Word's Heading 1 sections
		{[]int{2, 4, 4, 2, 5}, []int{2, 3, 3, 2, 3}}, // skipped levels closed up
		{[]int{1, 3, 3, 2, 4}, []int{2, 3, 3, 3, 4}}, // a level between keeps its place
		{[]int{4, 2, 3}, []int{2, 2, 3}},             // a first heading deeper than the rest
		{[]int{1, 2, 3, 4, 5, 6, 7}, []int{2, 3, 4, 5, 6, 6, 6}},
		{nil, []int{}},
	} {
		if got := Outline(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Outline(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestSkippedLevels renders bodies whose headings skip levels: the page
// shows the outline's levels with the ids the text gives, and warns once
// where a level is skipped, not again for the headings moved with it.
func TestSkippedLevels(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		html      []string // in order
		warnings  []string
	}{
		{"valid outline unchanged", "## A\n\n### B\n\n## C\n",
			[]string{`<h2 id="a">A</h2>`, `<h3 id="b">B</h3>`, `<h2 id="c">C</h2>`}, nil},
		{"sections at ### under the title", "Intro.\n\n### Who we are\n\n#### Contact\n\n### Your rights\n",
			[]string{`<h2 id="who-we-are">Who we are</h2>`, `<h3 id="contact">Contact</h3>`, `<h2 id="your-rights">Your rights</h2>`},
			[]string{"content/privacy/sv.md:7:1: warning: heading level skipped: ### comes right under the page's title (level 1) with no ## above it; it is shown as a level 2 heading (##), as is 1 more like it further down, so the page's outline has no gap; start the sections at ## (its id stays the same)"}},
		{"a skip further down", "## A\n\n#### B {#bee}\n",
			[]string{`<h2 id="a">A</h2>`, `<h3 id="bee">B</h3>`},
			[]string{"content/privacy/sv.md:7:1: warning: heading level skipped: #### comes right under a ## heading; it is shown as a level 3 heading (###) so the page's outline has no gap; write ### (its id stays the same)"}},
		{"a level-1 heading", "# Privacy\n\n## Data\n",
			[]string{`<h2 id="privacy">Privacy</h2>`, `<h3 id="data">Data</h3>`},
			[]string{"content/privacy/sv.md:5:1: warning: a # heading has the level of the page's title, the only level-1 heading of a page; it is shown as a level 2 heading (##); write ## instead (its id stays the same)"}},
		{"setext heading, class kept", "Who\n===\n\n#### Deep {.note}\n",
			[]string{`<h2 id="who">Who</h2>`, `<h3 class="note" id="deep">Deep</h3>`},
			[]string{"content/privacy/sv.md:5:1: warning: a # heading", "content/privacy/sv.md:8:1: warning: heading level skipped: #### comes right under a # heading; it is shown as a level 3 heading (###) so the page's outline has no gap; write ## (its id stays the same)"}},
		{"across chunks", "### A\n\nText.\n\n### B\n\nMore text.\n\n#### C\n",
			[]string{`<h2 id="a">A</h2>`, `<h2 id="b">B</h2>`, `<h3 id="c">C</h3>`},
			[]string{"content/privacy/sv.md:5:1: warning: heading level skipped: ###"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, l := render(t, Options{}, tt.src, 4)
			out := joined(b)
			at := 0
			for _, h := range tt.html {
				i := strings.Index(out[at:], h)
				if i < 0 {
					t.Fatalf("no %s (after byte %d) in\n%s", h, at, out)
				}
				at += i + len(h)
			}
			got := diagStrings(l)
			if len(got) != len(tt.warnings) {
				t.Fatalf("diagnostics %q, want %d like %q", got, len(tt.warnings), tt.warnings)
			}
			for i, w := range tt.warnings {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("diagnostic %q, want %q", got[i], w)
				}
			}
			for i, h := range b.Headings {
				if !strings.Contains(tt.html[i], `<h`+string(rune('0'+h.Level))+` `) {
					t.Errorf("heading %q has level %d in the body, not as in %s", h.ID, h.Level, tt.html[i])
				}
			}
			checkChunked(t, New(Options{}), []byte(tt.src))
		})
	}
}
