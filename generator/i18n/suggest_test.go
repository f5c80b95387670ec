package i18n

import (
	"strings"
	"testing"
)

// TestUnknownKeySuggests checks that every unknown key gets a way forward:
// the key it most likely meant, else the keys near it, never nothing.
func TestUnknownKeySuggests(t *testing.T) {
	for _, tt := range []struct {
		key  string
		want []string
		not  []string
	}{
		{"site.skip", []string{""}, nil},
		{"notice.see_histroy", []string{`unknown UI string key "notice.see_histroy" in [languages.sv.strings]; did you mean "notice.see_history"?`}, nil},
		{"see_history", []string{`did you mean "notice.see_history"?`}, nil},
		// Nothing is close, but the section is right: its keys are the
		// nearest ones.
		{"notice.nonexistent", []string{
			`unknown UI string key "notice.nonexistent" in [languages.sv.strings]; the keys of [notice] are notice.archived, `,
			"notice.upcoming, "}, []string{"did you mean", "site.skip"}},
		{"version.status.x", []string{"the keys of [version.status] are version.status.archived, version.status.in-force, version.status.upcoming"}, []string{"version.contents"}},
		{"legal.disclaimer", []string{"there is no section [legal]; the sections are ", "notice, ", "version.status"}, []string{"notice.upcoming"}},
		{"disclaimer", []string{`a key is a section and a name, like "notice.upcoming", and the sections are `, "site, "}, nil},
	} {
		got := UnknownKey(tt.key, "sv")
		for _, w := range tt.want {
			if !strings.Contains(got, w) || (w == "" && got != "") {
				t.Errorf("%s: %q lacks %q", tt.key, got, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q has %q", tt.key, got, w)
			}
		}
	}
}
