package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputIsReportedAndNothingWritten breaks the test site in every way
// the spec names. Each must exit 1 with an error naming the file and, where
// it can be known, the line and column, and must write no output at all.
func TestBadInputIsReportedAndNothingWritten(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  string // relative to the site; "" removes nothing
		write string // new content of file; "-" deletes it
		want  []string
	}{
		{"broken TOML in front matter", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\nlast_updated = 2023-05-01\n+++\nx\n",
			[]string{"content/cookies/en.md:2:"}},
		{"unknown key in site.toml", "site.toml", "title = \"Acme\"\nbase_url = \"https://a.example\"\ndefault_langauge = \"en\"\n[languages.en]\nname = \"English\"\n",
			[]string{"site.toml:3:1:", `did you mean "default_language"`}},
		{"unknown key in front matter", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_update = 2023-05-01\n+++\nx\n",
			[]string{"content/cookies/en.md:3:1:", `did you mean "last_updated"`}},
		{"missing title", "content/cookies/en.md", "+++\nlast_updated = 2023-05-01\n+++\nx\n",
			[]string{"content/cookies/en.md:1", "title"}},
		{"missing last_updated", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\n+++\nx\n",
			[]string{"content/cookies/en.md:1", "last_updated"}},
		{"a date that is not a date", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = \"May 1st\"\n+++\nx\n",
			[]string{"content/cookies/en.md:3:", "last_updated"}},
		{"effective before last_updated", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\neffective = 2023-04-01\n+++\nx\n",
			[]string{"content/cookies/en.md:4:", "effective"}},
		{"archived folder is not its last_updated", "content/terms/archive/2023-06-01/en.md", "+++\ntitle = \"Terms\"\nlast_updated = 2023-06-02\n+++\nx\n",
			[]string{"content/terms/archive/2023-06-01/en.md:3:1:", "folder"}},
		{"two versions with one date", "content/privacy/archive/2024-03-01/en.md", "+++\ntitle = \"Privacy\"\nlast_updated = 2023-01-01\n+++\nx\n",
			[]string{"content/privacy/archive/2024-03-01/en.md:3:1:"}},
		{"current file older than an archived one", "content/privacy/en.md", "+++\ntitle = \"Privacy\"\nlast_updated = 2024-01-01\n\n[change]\nsummary = \"x\"\n+++\nx\n",
			[]string{"content/privacy/en.md:3:1:", "newest"}},
		{"language not declared", "content/cookies/de.md", "+++\ntitle = \"Cookies\"\nlast_updated = 2023-05-01\n+++\nx\n",
			[]string{"content/cookies/de.md:", `"de" is not declared`}},
		{"illegal policy slug", "content/Cookie_Policy/en.md", "+++\ntitle = \"Cookies\"\nlast_updated = 2023-05-01\n+++\nx\n",
			[]string{"content/Cookie_Policy/en.md:", "slug"}},
		{"processors placeholder without processors", "content/cookies/en.md", "+++\ntitle = \"Cookies\"\nlast_updated = 2023-05-01\n+++\nIntro.\n\n{{< processors >}}\n",
			[]string{"content/cookies/en.md:7:1:", "processors"}},
		{"processor without purpose", "content/cookies/en.md", "+++\ntitle = \"Cookies\"\nlast_updated = 2023-05-01\n\n[[processors]]\nname = \"X\"\nlocation = \"EU\"\n+++\nx\n",
			[]string{"content/cookies/en.md:5:", "purpose"}},
		{"default_language not among languages", "site.toml", "title = \"Acme\"\nbase_url = \"https://a.example\"\ndefault_language = \"fr\"\n[languages.en]\nname = \"English\"\n",
			[]string{"site.toml:3:", "fr"}},
		{"a file that is not UTF-8", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\n+++\nCaf\xe9\n",
			[]string{"content/cookies/en.md:5:4:", "UTF-8"}},
		{"broken link in Markdown", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\n+++\nSee [privacy](/en/privaci/).\n",
			[]string{"content/cookies/en.md:5:5: broken link: /en/privaci/"}},
		{"link to a missing heading", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\n+++\nSee [who](/en/privacy/#nobody) and [ok](/en/privacy/#who).\n",
			[]string{"content/cookies/en.md:5:5: broken link: /en/privacy/#nobody", `no heading with id "nobody"`}},
		{"link within the page to a missing heading", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\n+++\n## Cookies we use\n\nSee [use](#cookies-we-use), [top](#main-content) and [gone](#nowhere).\n",
			[]string{"content/cookies/en.md:7:54: broken link: #nowhere", `no heading with id "nowhere"`}},
		{"relative link that breaks on the permalink", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\n+++\nSee [privacy](../privacy/).\n",
			[]string{"content/cookies/en.md:5:5: broken link: ../privacy/", "write the path from the site root"}},
		{"broken site.toml", "site.toml", "title = \"Acme\nbase_url = 1\n",
			[]string{"site.toml:1:"}},
		// English prevails; its privacy versions are 2023-01-01, 2024-03-01 and 2024-04-05.
		{"translates names no version", "content/privacy/sv.md", "+++\ntitle = \"Integritetspolicy\"\nlast_updated = 2024-03-02\ntranslates = 2024-03-02\n+++\nx\n",
			[]string{"content/privacy/sv.md:4:1: translates = 2024-03-02, but privacy has no version in en (the authoritative language) dated 2024-03-02;",
				"the nearest are 2024-03-01, 2024-04-05, 2023-01-01"}},
		{"translates names no version, indented", "content/privacy/sv.md", "+++\ntitle = \"Integritetspolicy\"\nlast_updated = 2023-01-01\n  translates = 2022-12-31\n+++\nx\n",
			[]string{"content/privacy/sv.md:4:3: translates = 2022-12-31", "the nearest are 2023-01-01, 2024-03-01, 2024-04-05"}},
		{"translates in the authoritative language", "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\ntranslates = 2023-05-01\n+++\nx\n",
			[]string{"content/cookies/en.md:4:1: translates is only for translations, and en is the authoritative language", "remove translates from this file"}},
		{"translates names a draft", "content/terms/sv.md", "+++\ntitle = \"Användarvillkor\"\nlast_updated = 2024-04-09\ntranslates = 2024-04-08\n+++\nx\n",
			[]string{"content/terms/sv.md:4:1: translates = 2024-04-08 names a draft (content/terms/en.md), which is not published;",
				"publish that version first (remove its draft = true), mark this file draft = true too, or name the last_updated of the version this text translates: 2023-06-01"}},
		{"translates in a policy without authoritative text", "content/faq/sv.md", "+++\ntitle = \"Frågor\"\nlast_updated = 2024-04-09\ntranslates = 2024-04-08\n+++\nx\n",
			[]string{"content/faq/sv.md:4:1: translates = 2024-04-08, but faq has no published text in en, the authoritative language"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			target := filepath.Join(site, filepath.FromSlash(tc.file))
			os.MkdirAll(filepath.Dir(target), 0o755)
			if err := os.WriteFile(target, []byte(tc.write), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace on stderr:\n%s", stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed build wrote %s", out)
			}
			// check reports the same errors as build.
			code, _, checkErr := run(t, "check", "-s", site, "--now", "2024-04-10")
			if code != 1 || !strings.Contains(checkErr, tc.want[0]) {
				t.Errorf("check: exit %d, stderr:\n%s", code, checkErr)
			}
		})
	}
}

// TestAllErrorsAreReported breaks two files at once: both must be named.
func TestAllErrorsAreReported(t *testing.T) {
	site := copySite(t, testSite)
	os.WriteFile(filepath.Join(site, "content/cookies/en.md"), []byte("+++\ntitle = \"C\"\n+++\n"), 0o644)
	os.WriteFile(filepath.Join(site, "content/terms/archive/2023-06-01/en.md"), []byte("+++\nlast_updated = 2023-06-01\n+++\n"), 0o644)
	code, _, stderr := run(t, "check", "-s", site)
	if code != 1 || !strings.Contains(stderr, "content/cookies/en.md") || !strings.Contains(stderr, "content/terms/archive/2023-06-01/en.md") {
		t.Errorf("exit %d; want both files named:\n%s", code, stderr)
	}
}

// TestBadUsageExits2 covers the command line itself.
func TestBadUsageExits2(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "-s", testSite, "--now", "yesterday"},
		{"build", "extra-argument"},
		{"build", "-s", testSite, "-o", testSite},
		{"build", "-s", "no-such-site"},
		{"diff", "-s", "no-such-site", "privacy", "en"},
	} {
		code, _, stderr := run(t, args...)
		if code != 2 {
			t.Errorf("gen %v: exit %d, want 2; stderr:\n%s", args, code, stderr)
		}
	}
	if code, stdout, _ := run(t, "--help"); code != 0 || !strings.Contains(stdout, "gen build") {
		t.Errorf("--help: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "build", "--help"); code != 0 || !strings.Contains(stderr, "-drafts") {
		t.Errorf("build --help: exit %d\n%s", code, stderr)
	}
}
