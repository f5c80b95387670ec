package cli_test

import (
	"strings"
	"testing"
)

// TestShowTheVersionInForce asks gen show for the days around each change
// of the test site's English privacy policy: 2023-01-01 in force from that
// day, 2024-03-01 from 1 April 2024, 2024-04-05 to take effect on 1 June.
func TestShowTheVersionInForce(t *testing.T) {
	published := publishedVersions(t, buildSite(t, testSite, "2024-04-10"))["privacy/en"]
	id := map[string]string{}
	text := map[string]string{}
	for _, v := range published {
		id[v.LastUpdated], text[v.LastUpdated] = v.Fingerprint.ID, v.Fingerprint.Text
	}
	for _, c := range []struct{ on, version, period string }{
		{"2023-01-01", "2023-01-01", "from 2023-01-01 to 2024-03-31 (replaced on 2024-04-01)"},
		{"2024-03-31", "2023-01-01", "from 2023-01-01 to 2024-03-31 (replaced on 2024-04-01)"},
		{"2024-04-01", "2024-03-01", "from 2024-04-01; still in force on 2024-04-10"},
		{"2024-06-01", "2024-04-05", "from 2024-06-01; upcoming on 2024-04-10, not yet in force"},
	} {
		code, stdout, stderr := run(t, "show", "-s", testSite, "--now", "2024-04-10", "--on", c.on, "privacy", "en")
		if code != 0 {
			t.Fatalf("gen show --on %s: exit %d\n%s", c.on, code, stderr)
		}
		for _, want := range []string{
			"version     " + c.version + ",",
			"permalink   https://policies.acme.example/en/privacy/" + c.version + "/\n",
			"in force    " + c.period + "\n",
			"id          " + id[c.version] + "\n",
			"main text   sha256 " + text[c.version] + "\n",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("gen show --on %s does not say %q:\n%s", c.on, want, stdout)
			}
		}
		_, stdout, _ = run(t, "show", "-s", testSite, "--on", c.on, "--text", "privacy", "en")
		if got := sha256Hex([]byte(stdout)); got != text[c.version] {
			t.Errorf("gen show --on %s --text | sha256sum gives %s, not the text fingerprint %s", c.on, got, text[c.version])
		}
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--on", "2022-12-31", "privacy", "en"}, 1, "no version of privacy/en was in force on 2022-12-31: the first took effect on 2023-01-01"},
		{[]string{"--on", "2024-01-01", "privacy", "fi"}, 1, `testdata/site/content/privacy: no language "fi" in site.toml; the languages are en, sv`},
		{[]string{"--on", "2024-01-01", "privacy", "se"}, 1, `testdata/site/content/privacy: no language "se" in site.toml; did you mean "sv"?`},
		{[]string{"--on", "2024-01-01", "privcy", "en"}, 1, `testdata/site/content/privcy: no policy "privcy"; did you mean "privacy"?`},
		{[]string{"privacy", "en"}, 2, "--on DATE is required"},
		{[]string{"--on", "yesterday", "privacy", "en"}, 2, "--on"},
	} {
		code, _, stderr := run(t, append([]string{"show", "-s", testSite}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("gen show %s: exit %d, want %d saying %q:\n%s", strings.Join(c.args, " "), code, c.code, c.want, stderr)
		}
	}
}
