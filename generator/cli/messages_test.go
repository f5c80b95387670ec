package cli_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// lagWarning is the test site's own warning, in every build of it: its
// Swedish privacy policy translates an older English version. It is at the
// file's translates (issue 15: the lag warning has its line and column).
const lagWarning = "content/privacy/sv.md:4:1: warning: translation lags behind: it translates 2023-01-01 but content/privacy/en.md has a version of 2024-04-05"

// cookies is the test site's cookie policy with body as its text.
func cookies(body string) string {
	return "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\n+++\n" + body
}

// TestOneMistakeOneMessage breaks the test site with the smallest input
// that showed each problem of issues 13 and 15 and asserts the whole of
// what gen says (every line of stderr, paths from where it ran), the exit
// status, and that a failed build leaves public/ as the last good build
// wrote it.
func TestOneMistakeOneMessage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string // site-relative path → content; "" deletes
		code  int
		want  []string // every line of stderr but the summary
	}{
		// Issue 13, item 4: an image from another site is a tracking pixel.
		{"an image from another site",
			map[string]string{"content/cookies/en.md": cookies("![Acme](https://tracker.example/p.gif)\n")}, 1, []string{
				`content/cookies/en.md:5:1: image https://tracker.example/p.gif is loaded from another site (https://tracker.example), which would learn of every reader; ` +
					`copy it into static/ and write its path from the site root, like ![Acme](/p.gif), or allow that site in site.toml: external_origins = ["https://tracker.example"]`,
				lagWarning}},
		{"an image from another site, in an archived file",
			map[string]string{"content/privacy/archive/2023-01-01/en.md": "+++\ntitle = \"Privacy policy\"\nlast_updated = 2023-01-01\n+++\n## Who we are {#who}\n\n![](//tracker.example/p.gif)\n"}, 0, []string{
				`content/privacy/archive/2023-01-01/en.md:7:1: warning: image //tracker.example/p.gif is loaded from another site (https://tracker.example), which would learn of every reader; ` +
					`copy it into static/ and write its path from the site root, like ![](/p.gif), or allow that site in site.toml: external_origins = ["https://tracker.example"]; ` +
					`this archived file may not be edited, so its page leaves the image out and shows its text`,
				lagWarning}},
		// Issue 13, item 10.
		{"a layout that does not parse",
			map[string]string{"layouts/404.html": "{{define \"main\"}}\n<p>{{.Title}</p>\n{{end}}\n"}, 1, []string{
				lagWarning,
				`layouts/404.html:2: bad character U+007D '}'`}},
		{"a layout that fails on a page",
			map[string]string{"layouts/404.html": "{{define \"main\"}}\n<p>{{.Nope}}</p>\n{{end}}\n"}, 1, []string{
				lagWarning,
				`layouts/404.html:2:6: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Page (rendering /404.html)`}},
		{"a link written with an entity",
			map[string]string{"content/cookies/en.md": cookies("See [who](/en/privacy/&#35;who) and [us](/en/privacy/&#35;woh).\n")}, 1, []string{
				`content/cookies/en.md:5:37: broken link: /en/privacy/&#35;woh: the page /en/privacy/ has no heading with id "woh"; did you mean #who?`,
				lagWarning}},
		{"a footnote linked to",
			map[string]string{"content/cookies/en.md": cookies("We set none[^1]; see [the note](#fn:1), not [this](#fn:2).\n\n[^1]: Not even for statistics.\n")}, 1, []string{
				`content/cookies/en.md:5:45: broken link: #fn:2: the page /en/cookies/2023-05-01/ has no heading with id "fn:2"; did you mean #fn:1?`,
				lagWarning}},
		{"a byte order mark",
			map[string]string{"content/cookies/en.md": "\uFEFF" + cookies("This site sets no cookies.\n")}, 0, []string{lagWarning}},
		{"lines ended by carriage returns",
			map[string]string{"content/cookies/en.md": strings.ReplaceAll("+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\nlast_update = 2023-05-01\n+++\n### Cookies\n", "\n", "\r")}, 1, []string{
				`content/cookies/en.md:4:1: unknown key "last_update" in front matter; did you mean "last_updated"?`,
				lagWarning}},
		// Issue 15, item 2: real-world Markdown.
		{"sections at ### under the title",
			map[string]string{"content/cookies/en.md": cookies("Intro.\n\n### Cookies we set\n\nNone.\n\n### Your choices\n\nNone needed.\n")}, 0, []string{
				`content/cookies/en.md:7:1: warning: heading level skipped: ### comes right under the page's title (level 1) with no ## above it; ` +
					`it is shown as a level 2 heading (##), as is 1 more like it further down, so the page's outline has no gap; start the sections at ## (its id stays the same)`,
				lagWarning}},
		{"a tab-indented list under a paragraph",
			map[string]string{"content/cookies/en.md": cookies("We set these cookies:\n\n\t- session\n\t- language\n")}, 0, []string{
				`content/cookies/en.md:7:2: warning: this list item is indented by a tab or 4 spaces under a paragraph, so it shows as a block of code; remove the indentation to make it a list item`,
				lagWarning}},
		{"a link to the company's main site",
			map[string]string{"content/cookies/en.md": cookies("Change them in [your settings](/account/settings).\n")}, 1, []string{
				`content/cookies/en.md:5:16: broken link: /account/settings leads to /account/settings, which the site does not have (on /en/cookies/2023-05-01/); ` +
					`for a page on another site write its full address (https://…/account/settings), or set broken_links = "warn" in site.toml to publish links the site cannot check`,
				lagWarning}},
		{"a link to the company's main site, broken_links = warn",
			map[string]string{
				"content/cookies/en.md": cookies("Change them in [your settings](/account/settings).\n"),
				"site.toml":             siteToml(`broken_links = "warn"`)}, 0, []string{
				`content/cookies/en.md:5:16: warning: broken link: /account/settings leads to /account/settings, which the site does not have (on /en/cookies/2023-05-01/); ` +
					`for a page on another site write its full address (https://…/account/settings), or set broken_links = "warn" in site.toml to publish links the site cannot check`,
				lagWarning}},
		{"a mistyped policy in a link",
			map[string]string{"content/cookies/en.md": cookies("See [privacy](/en/privaci/).\n")}, 1, []string{
				`content/cookies/en.md:5:5: broken link: /en/privaci/ leads to /en/privaci, which the site does not have (on /en/cookies/2023-05-01/); did you mean /en/privacy/?`,
				lagWarning}},
		// Issue 15, item 3: one mistake, one error.
		{"a typo in the authoritative file",
			map[string]string{"content/privacy/en.md": "+++\ntitle = \"Privacy policy\"\nlast_update = 2024-04-05\n+++\n## Who we are {#who}\n"}, 1, []string{
				`content/privacy/en.md:3:1: unknown key "last_update" in front matter; did you mean "last_updated"?`}},
		{"a date the European way",
			map[string]string{"content/cookies/en.md": "+++\ntitle = \"Cookie policy\"\nlast_updated = 01/12/2026\n+++\nx\n"}, 1, []string{
				`content/cookies/en.md:3:16: last_updated = 01/12/2026 is not a date as TOML writes one; write the date as 2026-12-01 (1 December 2026), or as 2026-01-12 if you meant 12 January 2026 (year-month-day, without quotes)`,
				lagWarning}},
		{"a date in words",
			map[string]string{"content/cookies/en.md": "+++\ntitle = \"Cookie policy\"\nlast_updated = 1 December 2026\n+++\nx\n"}, 1, []string{
				`content/cookies/en.md:3:16: last_updated = 1 December 2026 is not a date as TOML writes one; write the date as 2026-12-01 (year-month-day, without quotes)`,
				lagWarning}},
		{"a date without its zero",
			map[string]string{"content/cookies/en.md": "+++\ntitle = \"Cookie policy\"\nlast_updated = 2026-12-1\n+++\nx\n"}, 1, []string{
				`content/cookies/en.md:3:16: last_updated = 2026-12-1 is not a date as TOML writes one; write the date as 2026-12-01 (year-month-day, without quotes)`,
				lagWarning}},
		{"a mistyped language",
			map[string]string{"content/cookies/se.md": "+++\ntitle = \"Kakor\"\nlast_updated = 2023-05-01\n+++\nx\n"}, 1, []string{
				`content/cookies/se.md: language "se" is not declared in site.toml; did you mean "sv"? Rename the file to sv.md, or add [languages.se] with a name`,
				lagWarning}},
		// Issue 13, item 6: nothing a file says reaches the terminal raw.
		{"a title with control characters",
			map[string]string{"content/cookies/en.md": "+++\ntitle = \"Cookies \\u001b]0;owned\\u0007\"\nlast_updated = 2023-05-01\n+++\nx\n"}, 0, []string{
				`content/cookies/en.md:2:9: warning: title holds the control character U+001B, which a page cannot show: it is shown as "` + "\uFFFD" + `"; remove it`,
				lagWarning}},
		{"a folder named with an escape",
			map[string]string{"content/cookies/archive/\x1b[2J/en.md": cookies("x\n")}, 1, []string{
				`content/cookies/archive/\x1b[2J/en.md: archive folder \x1b[2J is not a date; name it after the version's last_updated (YYYY-MM-DD)`,
				lagWarning}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			out := buildSite(t, site, "2024-04-10")
			before := tree(t, out)
			for rel, text := range tc.files {
				write(t, site, rel, text)
			}
			code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
			lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(stderr, site+"/", ""), "\n"), "\n")
			if tc.code != 0 {
				if last := lines[len(lines)-1]; !strings.HasPrefix(last, "gen: 1 error") {
					t.Errorf("last line %q, want the count of errors", last)
				}
				lines = lines[:len(lines)-1]
				sameTree(t, before, tree(t, out), "public/ after the failed build")
			}
			if code != tc.code || !slices.Equal(lines, tc.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant:\n%s", code, tc.code, strings.Join(lines, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// siteToml is the test site's site.toml with extra settings.
func siteToml(extra string) string {
	return "title = \"Acme\"\nbase_url = \"https://policies.acme.example/\"\ndefault_language = \"en\"\nauthoritative_language = \"en\"\n" +
		"notice_days = 30\ntimezone = \"Europe/Stockholm\"\n" + extra + "\n\n[languages.en]\nname = \"English\"\n\n[languages.sv]\nname = \"Svenska\"\n"
}

// TestWhatTheFixedPagesShow looks at the pages the inputs above make once
// they build: what a reader gets, and what a terminal or CI log gets.
func TestWhatTheFixedPagesShow(t *testing.T) {
	t.Run("an image from a site external_origins allows", func(t *testing.T) {
		site := copySite(t, testSite)
		write(t, site, "content/cookies/en.md", cookies("![Acme](https://tracker.example/p.gif)\n"))
		// What the error said to write.
		write(t, site, "site.toml", siteToml(`external_origins = ["https://tracker.example"]`))
		out := buildSite(t, site, "2024-04-10")
		if imgs := readPage(t, out, "/en/cookies/").all("img", ""); len(imgs) != 1 || attr(imgs[0], "src") != "https://tracker.example/p.gif" {
			t.Errorf("images %v", imgs)
		}
		headers := string(mustReadFile(t, filepath.Join(out, "_headers")))
		if !strings.Contains(headers, "img-src 'self' https://tracker.example;") || strings.Contains(headers, "script-src 'self' https") {
			t.Errorf("_headers:\n%s", headers)
		}
	})

	t.Run("an archived file's image from another site", func(t *testing.T) {
		site := copySite(t, testSite)
		write(t, site, "content/privacy/archive/2023-01-01/en.md", "+++\ntitle = \"Privacy policy\"\nlast_updated = 2023-01-01\n+++\n## Who we are {#who}\n\n![Our office](https://tracker.example/p.gif)\n")
		out := buildSite(t, site, "2024-04-10")
		p := readPage(t, out, "/en/privacy/2023-01-01/")
		if len(p.all("img", "")) != 0 || !strings.Contains(p.mainText(), "Our office") {
			t.Errorf("the archived page loads the image or lost its text: %s", p.mainText())
		}
	})

	t.Run("aligned tables on pages and in redlines", func(t *testing.T) {
		site := copySite(t, testSite)
		rewrite(t, site, "content/privacy/en.md", "## Contact", "| Data | Kept for |\n|:--|--:|\n| Web logs | 30 days |\n\n## Contact")
		out := buildSite(t, site, "2024-04-10")
		for _, page := range []string{"/en/privacy/2024-04-05/", "/en/privacy/2024-04-05/changes/"} {
			p := readPage(t, out, page)
			cells := append(p.all("th", "align-right"), p.all("td", "align-right")...)
			if len(cells) != 2 || !strings.HasSuffix(text(cells[1]), "30 days") || len(p.all("td", "align-left")) != 1 {
				t.Errorf("%s: right-aligned cells %d", page, len(cells))
			}
			if b := mustReadFile(t, filepath.Join(out, filepath.FromSlash(page), "index.html")); bytes.Contains(b, []byte("style=")) || bytes.Contains(b, []byte(" align=")) {
				t.Errorf("%s has a style or align attribute, which the CSP or the HTML checker refuses", page)
			}
		}
	})

	t.Run("the outline of a body written at ###", func(t *testing.T) {
		site := copySite(t, testSite)
		write(t, site, "content/cookies/en.md", cookies("Intro.\n\n### Cookies we set\n\n#### Session\n\nOne.\n\n### Your choices {#choices}\n\nNone needed.\n"))
		out := buildSite(t, site, "2024-04-10")
		p := readPage(t, out, "/en/cookies/")
		var got []string
		for _, tag := range []string{"h1", "h2", "h3", "h4"} {
			for _, h := range p.all(tag, "") {
				// The side navigation's headings are the page's, not the body's.
				if id := attr(h, "id"); id != "contents-title" && !hasClass(h, "side-title") {
					got = append(got, tag+"#"+id)
				}
			}
		}
		if want := []string{"h1#", "h2#cookies-we-set", "h2#choices", "h3#session"}; !slices.Equal(got, want) {
			t.Errorf("headings %q, want %q", got, want)
		}
	})

	t.Run("a byte order mark and lines ended by carriage returns", func(t *testing.T) {
		site := copySite(t, testSite)
		bom := "\uFEFF" + cookies("Line one,\nline two.\n\n## Choices\n")
		write(t, site, "content/cookies/en.md", bom)
		write(t, site, "content/terms/archive/2023-06-01/en.md", strings.ReplaceAll("+++\ntitle = \"Terms of service\"\nlast_updated = 2023-06-01\n+++\n## Use\n\nBe kind.\n", "\n", "\r"))
		out := buildSite(t, site, "2024-04-10")
		if got := string(mustReadFile(t, filepath.Join(out, "en/cookies/2023-05-01/source.md"))); got != bom {
			t.Errorf("source.md %q, want the file byte for byte", got)
		}
		if p := readPage(t, out, "/en/cookies/"); !strings.Contains(p.mainText(), "Line one, line two.") || len(p.all("h2", "")) == 0 {
			t.Errorf("cookie page: %s", p.mainText())
		}
		if p := readPage(t, out, "/en/terms/"); !strings.Contains(p.mainText(), "Be kind.") || attr(p.all("h2", "")[0], "id") != "use" {
			t.Errorf("terms page: %s", p.mainText())
		}
	})

	t.Run("a footnote", func(t *testing.T) {
		site := copySite(t, testSite)
		write(t, site, "content/cookies/en.md", cookies("We set none[^1].\n\n[^1]: Not even for statistics.\n"))
		out := buildSite(t, site, "2024-04-10")
		p := readPage(t, out, "/en/cookies/")
		if !p.hasLink("1", "#fn:1") || !strings.Contains(p.mainText(), "Not even for statistics.") {
			t.Errorf("footnote: %s", p.mainText())
		}
	})

	t.Run("control characters reach no page and no terminal", func(t *testing.T) {
		site := copySite(t, testSite)
		rewrite(t, site, "content/privacy/en.md", `title = "Privacy policy"`, `title = "Privacy policy\u001b]0;owned\u0007\n::error file=README.md::injected"`)
		rewrite(t, site, "content/privacy/en.md", "We are Acme AB.", "We are Acme AB.\n::warning::injected \u001b[2J and &#27;.")
		rewrite(t, site, "content/privacy/en.md", `summary = "We now keep web logs for 30 days instead of 90."`, `summary = "Shorter logs.\n::error::injected"`)
		out := buildSite(t, site, "2024-04-10")
		for _, page := range []string{"/en/privacy/2024-04-05/", "/en/privacy/2024-04-05/changes/", "/en/feed.xml"} {
			file := filepath.Join(out, filepath.FromSlash(page))
			if strings.HasSuffix(page, "/") {
				file = filepath.Join(file, "index.html")
			}
			if b := mustReadFile(t, file); bytes.ContainsAny(b, "\x1b\x07") {
				t.Errorf("%s holds a control character", page)
			}
		}
		code, stdout, stderr := run(t, "diff", "-s", site, "privacy", "en")
		if code != 0 {
			t.Fatalf("diff: exit %d\n%s", code, stderr)
		}
		for _, line := range strings.Split(stdout+stderr, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "::") || strings.ContainsAny(line, "\x1b\x07") {
				t.Errorf("gen diff printed %q", line)
			}
		}
		for _, want := range []string{
			// The title's line break is shown as \n, so no line of the
			// log starts a workflow command.
			"Privacy policy\ufffd]0;owned\ufffd\\n::error file=README.md::injected (en): 2024-03-01 → 2024-04-05",
			"Shorter logs. ::error::injected"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("gen diff lacks %q:\n%s", want, stdout)
			}
		}
	})
}

// TestNewVersionSaysWhatItCannotEdit gives new-version a [change] written
// inline, which it cannot replace by editing lines: it refuses, says why
// and where, and changes nothing.
func TestNewVersionSaysWhatItCannotEdit(t *testing.T) {
	site := copySite(t, testSite)
	write(t, site, "content/cookies/en.md", "+++\ntitle = \"Cookie policy\"\nlast_updated = 2023-05-01\nchange = { summary = \"First.\" }\n+++\nx\n")
	before := tree(t, filepath.Join(site, "content"))
	code, _, stderr := run(t, "new-version", "-s", site, "--date", "2024-05-01", "cookies", "en")
	want := site + `/content/cookies/en.md:4:1: the previous version's change notice is written as change = { summary = "First." }, which new-version cannot replace with an empty one; ` +
		`write it as a table, a line [change] followed by summary = "…"; archive the file by hand (copy it to content/cookies/archive/2023-05-01/en.md, then edit it)` + "\n" +
		"gen: 1 error; nothing was written\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	sameTree(t, before, tree(t, filepath.Join(site, "content")), "the content")

	// Named wrongly, the policy and the language get the names meant.
	for _, tc := range [][]string{
		{"new-version", "-s", site, "cookie", "en"},
		{"diff", "-s", site, "privcy", "en"},
		{"diff", "-s", site, "privacy", "se"},
	} {
		code, _, stderr := run(t, tc...)
		if code != 1 || !strings.Contains(stderr, "did you mean") {
			t.Errorf("gen %s: exit %d\n%s", strings.Join(tc, " "), code, stderr)
		}
	}
}
