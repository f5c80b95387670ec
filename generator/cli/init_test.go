package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitBadUsage gives gen init what cannot make a site: each is bad
// usage (exit 2), said on one line, and nothing is written.
func TestInitBadUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--languages", "en,pt"}, `gen init: --languages: gen has no privacy policy skeleton in "pt"`},
		{[]string{"--languages", "en, en"}, `"en" is named twice`},
		{[]string{"--title", ""}, "gen init: --title is empty"},
		{[]string{"--base-url", "https://acme.example/legal?x=1"}, `--base-url: "https://acme.example/legal?x=1" has a query`},
		{[]string{"--base-url", "acme.example"}, `--base-url: "acme.example" is not an absolute http or https address`},
		{[]string{"another"}, `unexpected argument "another"`},
	} {
		dir := t.TempDir()
		code, stdout, stderr := run(t, append([]string{"init", filepath.Join(dir, "site")}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("init %q: exit %d, want 2 with %q:\n%s%s", tc.args, code, tc.want, stdout, stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("init %q wrote %v", tc.args, entries)
		}
	}
}
