package redline

import (
	"strings"
	"testing"
)

// TestPunctuationStaysWithItsWord: a full stop or a bracket next to a
// changed word is not part of the change, so a redline does not show more
// changed than was; the words added and removed are counted as before.
func TestPunctuationStaysWithItsWord(t *testing.T) {
	for _, tc := range []struct {
		old, new, want string
		added, removed int
	}{
		{"We never use it for advertising.", "We never use it for advertising or training.",
			"advertising<ins><span class=\"visually-hidden\">inserted: </span> or training</ins>.", 2, 0},
		{"We never use it for advertising.", "We never use it for marketing.",
			"<del><span class=\"visually-hidden\">deleted: </span>advertising</del><ins><span class=\"visually-hidden\">inserted: </span>marketing</ins>.", 1, 1},
		{"Logs (kept 90 days) are deleted.", "Logs (kept 30 days) are deleted.",
			"(kept <del><span class=\"visually-hidden\">deleted: </span>90</del><ins><span class=\"visually-hidden\">inserted: </span>30</ins> days)", 1, 1},
	} {
		r := Compare([]byte(tc.old+"\n"), []byte(tc.new+"\n"), opts)
		var html strings.Builder
		for _, s := range r.Sections {
			for _, b := range s.Blocks {
				html.WriteString(string(b.HTML))
			}
		}
		if !strings.Contains(html.String(), tc.want) {
			t.Errorf("%q → %q:\n got %s\nwant …%s…", tc.old, tc.new, html.String(), tc.want)
		}
		if r.WordsAdded != tc.added || r.WordsRemoved != tc.removed {
			t.Errorf("%q → %q: %d words added, %d removed; want %d, %d", tc.old, tc.new, r.WordsAdded, r.WordsRemoved, tc.added, tc.removed)
		}
	}
}
