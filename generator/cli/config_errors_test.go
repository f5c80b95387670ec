package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteTomlErrors builds the test site with a site.toml that is wrong in
// a way the build could not see before: each must fail with the line and
// column in site.toml and what to do, and write nothing.
func TestSiteTomlErrors(t *testing.T) {
	original := string(mustReadFile(t, filepath.Join(testSite, "site.toml")))
	for _, tc := range []struct {
		name        string
		old, new    string // replaced once in the test site's site.toml
		want        []string
		wantNothing []string // must not appear, like the bare message of before
	}{
		{
			// A path is spelled the same in pages, requests and a host's
			// configuration only if it needs no escaping.
			name: "base_url with a path that needs escaping",
			old:  `base_url = "https://policies.acme.example/"`,
			new:  `base_url = "https://example.com/vår policy/"`,
			want: []string{
				`site.toml:2:12: base_url "https://example.com/vår policy/" has the path "/vår policy/", whose folder names may hold only letters, digits and . _ ~ -`,
				`under a path, base_url = "https://acme.github.io/policies/"`,
			},
		},
		{
			name: "base_url without a host",
			old:  `base_url = "https://policies.acme.example/"`,
			new:  `base_url = "https:/policies"`,
			want: []string{`site.toml:2:12: base_url must be an absolute http or https address`},
		},
		{
			name: "unknown UI string key",
			old:  "[languages.sv]\nname = \"Svenska\"\n",
			new:  "[languages.sv]\nname = \"Svenska\"\n\n[languages.sv.strings]\n\"site.skip\" = \"Hoppa till innehållet\"\n  \"notice.nonexistent\" = \"x\"\n",
			want: []string{
				`site.toml:16:3: unknown UI string key "notice.nonexistent" in [languages.sv.strings]`,
				"the keys of [notice] are notice.archived, ", // the keys it may have meant
			},
			wantNothing: []string{"site.toml: unknown"},
		},
		{
			name: "misspelt UI string key",
			old:  "[languages.sv]\nname = \"Svenska\"\n",
			new:  "[languages.sv]\nname = \"Svenska\"\n\n[languages.sv.strings]\n\"notice.see_histroy\" = \"Alla versioner\"\n",
			want: []string{`site.toml:15:1: unknown UI string key "notice.see_histroy" in [languages.sv.strings]; did you mean "notice.see_history"?`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(original, tc.old) {
				t.Fatalf("the test site's site.toml no longer has %q", tc.old)
			}
			site := copySite(t, testSite)
			toml := strings.Replace(original, tc.old, tc.new, 1)
			if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte(toml), 0o644); err != nil {
				t.Fatal(err)
			}
			buildFails(t, site, tc.want, tc.wantNothing)
		})
	}
}

// buildFails builds site, which must fail with exit status 1 and write
// nothing, with each of want on stderr and none of wantNot. It returns
// stderr.
func buildFails(t *testing.T, site string, want, wantNot []string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 1 {
		t.Errorf("build: exit %d, want 1", code)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("build: stderr lacks %q:\n%s", w, stderr)
		}
	}
	for _, w := range wantNot {
		if strings.Contains(stderr, w) {
			t.Errorf("build: stderr has %q:\n%s", w, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed build wrote %s", out)
	}
	return stderr
}
