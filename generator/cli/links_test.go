package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkThatBreaksWhenAVersionComesIntoForce renames a heading id in the
// test site's upcoming privacy policy (in force from 2024-06-01) while the
// cookie policy links to that id at the policy's address. Today the link
// works; on 2024-06-01 the daily build would fail with nobody having
// touched anything, and the new version would never be published. The
// build must refuse it today, at the link, naming the day and the version.
func TestLinkThatBreaksWhenAVersionComesIntoForce(t *testing.T) {
	site := copySite(t, testSite)
	rewrite(t, site, "content/privacy/en.md", "## Who we are {#who}", "## Who we are {#about-us}")
	rewrite(t, site, "content/cookies/en.md", "This site sets no cookies.", "This site sets no cookies. See [who we are](/en/privacy/#who).")

	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 1 || !strings.Contains(stderr, "content/cookies/en.md:5:") ||
		!strings.Contains(stderr, "from 2024-06-01") || !strings.Contains(stderr, "2024-04-05") ||
		!strings.Contains(stderr, "/en/privacy/2024-03-01/#who") {
		t.Errorf("exit %d, want the link refused today, with the day it breaks and a dated link to use instead:\n%s", code, stderr)
	}
	// check writes nothing ever, so it does not say so as build does.
	if code, _, stderr := run(t, "check", "-s", site, "--now", "2024-04-10"); code != 1 || !strings.Contains(stderr, "from 2024-06-01") || strings.Contains(stderr, "written") {
		t.Errorf("check: exit %d, want the same refusal:\n%s", code, stderr)
	}

	// The dated address always shows the text linked to: fine on every day.
	rewrite(t, site, "content/cookies/en.md", "(/en/privacy/#who)", "(/en/privacy/2024-03-01/#who)")
	for _, now := range []string{"2024-04-10", "2024-06-01"} {
		buildSite(t, site, now)
	}
	// A link within the page points into the body it is written in,
	// wherever that body is shown.
	rewrite(t, site, "content/privacy/en.md", "## Contact", "## Contact\n\nSee [above](#about-us).")
	buildSite(t, site, "2024-04-10")

	// A relative link in the upcoming version resolves differently once
	// the policy's address shows it: refused today too.
	rewrite(t, site, "content/privacy/en.md", "See [above](#about-us).", "See [the history](../history/).")
	if code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10"); code != 1 || !strings.Contains(stderr, "content/privacy/en.md:") || !strings.Contains(stderr, "(on /en/privacy/)") {
		t.Errorf("a relative link that breaks at the policy's address: exit %d, want it refused today:\n%s", code, stderr)
	}
}

// TestBrokenLinkInAnArchivedTextWarns: an archived file may not be edited
// (gen check --base refuses it), so a link in it that no longer resolves is
// a warning at the link, not an error the author could not act on. The
// same link in a current text stays an error.
func TestBrokenLinkInAnArchivedTextWarns(t *testing.T) {
	site := copySite(t, testSite)
	archived := "content/privacy/archive/2023-01-01/en.md"
	rewrite(t, site, archived, "We are Acme.", "We are Acme. See [contact](/en/cookies/#nowhere).")
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 0 || !strings.Contains(stderr, archived+":13:") || !strings.Contains(stderr, "warning: broken link") {
		t.Errorf("exit %d, want a warning at the archived link:\n%s", code, stderr)
	}
	// The version in force on 2024-04-10 lies in the archive too (the
	// current file is upcoming): frozen all the same.
	inForce := "content/privacy/archive/2024-03-01/en.md"
	rewrite(t, site, inForce, "We are Acme AB.", "We are Acme AB. See [contact](/en/cookies/#nowhere).")
	if code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10"); code != 0 || !strings.Contains(stderr, inForce+":") {
		t.Errorf("an archived file in force: exit %d, want a warning:\n%s", code, stderr)
	}
	rewrite(t, site, "content/cookies/en.md", "This site sets no cookies.", "See [contact](/en/cookies/#nowhere).")
	if code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10"); code != 1 || !strings.Contains(stderr, "content/cookies/en.md:5:") {
		t.Errorf("a current text's broken link: exit %d, want an error:\n%s", code, stderr)
	}
}
