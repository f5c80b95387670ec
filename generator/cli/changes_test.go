package cli_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/policygen/gen/generator/cli"
	"github.com/policygen/gen/generator/internal/testsite"
)

// runOn runs gen in-process on a clock set to day, in the site's time
// zone's morning, as a shell run that day would.
func runOn(t *testing.T, day string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	clock, err := time.Parse("2006-01-02 15:04", day+" 09:00")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code = cli.Main(cli.Env{
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(string) string { return "" },
		Clock:  func() time.Time { return clock },
	}, args)
	return code, out.String(), errOut.String()
}

// exampleInGit copies the repository's own example site into a fresh git
// repository with one commit: what a team that publishes it has.
func exampleInGit(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for _, name := range []string{"site.toml", "content"} {
		from := filepath.Join("..", "..", name)
		if info, err := os.Stat(from); err != nil {
			t.Fatal(err)
		} else if !info.IsDir() {
			b, _ := os.ReadFile(from)
			os.WriteFile(filepath.Join(site, name), b, 0o644)
			continue
		}
		copied := testsite.Copy(t, from)
		if err := os.Rename(copied, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	git(t, site, "init", "-q", "-b", "main")
	git(t, site, "add", "-A")
	git(t, site, "commit", "-q", "-m", "published")
	return site
}

// readmeSteps returns the commands of the documentation's "Cutting a new
// version" example, as written there.
func readmeSteps(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../docs/commands.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "### Cutting a new version")
	_, block, ok2 := strings.Cut(section, "```sh\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("docs/commands.md has no \"Cutting a new version\" example")
	}
	var steps []string
	sc := bufio.NewScanner(strings.NewReader(block))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			steps = append(steps, line)
		}
	}
	if len(steps) < 4 {
		t.Fatalf("the example has only %d steps: %q", len(steps), steps)
	}
	return steps
}

// TestReadmeExampleOnAnyDate runs the documentation's example, step by step as
// written, on the example site in a temporary repository: on a day while
// the announced privacy policy (2026-11-16, taking effect 2027-01-01) is
// still to come, and on a day after it took effect. $EDITOR is an author
// who fills in what the new version's [change] asks for and edits the
// text. Every step must succeed, and the site must then say what a reader
// should be told.
func TestReadmeExampleOnAnyDate(t *testing.T) {
	for _, tc := range []struct {
		day, effective string
		replaced       bool // the announced version is replaced on its day
	}{
		{"2026-12-03", "2027-01-01", true},
		{"2027-02-01", "2027-02-01", false},
	} {
		t.Run(tc.day, func(t *testing.T) {
			site := exampleInGit(t)
			for _, step := range readmeSteps(t) {
				fields := strings.Fields(step)
				switch fields[0] {
				case "$EDITOR":
					for _, rel := range fields[1:] {
						edit(t, site, rel, func(s string) string {
							s = strings.Replace(s, `summary = ""`, `summary = "We now answer support chats within one working day."`, 1)
							s = strings.Replace(s, "summary = \"We are moving", "summary = \"We answer support chats within one working day. We are moving", 1)
							return s + "\nA paragraph added in the new version.\n"
						})
					}
				case "gen":
					args := append([]string{fields[1], "-s", site}, fields[2:]...)
					code, stdout, stderr := runOn(t, tc.day, args...)
					if code != 0 {
						t.Fatalf("%s on %s: exit %d\n%s%s", step, tc.day, code, stdout, stderr)
					}
				default:
					t.Fatalf("the documentation's example has a step the test cannot run: %q", step)
				}
			}
			out := filepath.Join(site, "public")
			v := "/en/privacy/" + tc.day + "/"
			if from, eff := readPage(t, out, v).versionDates(); from != tc.day || eff != tc.effective {
				t.Errorf("the new version is of %s, effective %s; want %s, effective %s", from, eff, tc.day, tc.effective)
			}
			sv, _ := os.ReadFile(filepath.Join(site, "content/privacy/sv.md"))
			if !bytes.Contains(sv, []byte("translates = "+tc.day+"\n")) {
				t.Errorf("the Swedish translation cut with English does not translate the new version:\n%s", sv)
			}
			announced := readPage(t, out, "/en/privacy/2026-11-16/")
			if tc.replaced {
				if n := announced.notice("upcoming"); !strings.Contains(n, "will not take effect") {
					t.Errorf("the announced version does not say it is replaced: %q", n)
				}
				// What readers were bound by is the version of 2025-09-15:
				// the new version's changes page offers that comparison.
				changes := readPage(t, out, v+"changes/")
				want := "/en/privacy/compare/2025-09-15.." + tc.day + "/"
				if !changes.hasLink("See what changes from the version of September 15, 2025", want) {
					t.Errorf("the changes page does not offer the comparison with the version in force before:\n%s", changes.mainText())
				}
				readPage(t, out, want) // and the page exists
				// The announced change still reaches readers: carried over, material.
				if n := readPage(t, out, "/en/privacy/").notice("upcoming"); !strings.Contains(n, "January 1, 2027") {
					t.Errorf("the page in force does not announce the new version: %q", n)
				}
			} else if n := readPage(t, out, "/en/privacy/").notice("change"); !strings.Contains(n, "one working day") {
				t.Errorf("the new version in force shows no change notice with its summary: %q", n)
			}
		})
	}
}

// TestNewVersionCases covers what new-version does with a version that is
// announced but not in force, in the test site on 2024-04-10, when the
// privacy policy of 2024-04-05 takes effect on 2024-06-01.
func TestNewVersionCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		// what the new current file says, and does not
		want, wantNot []string
		// a page and the notice it shows, built on a day
		now, path, notice, says string
	}{
		{
			name: "upcoming kept: the new version takes effect on the announced day",
			args: []string{"--date", "2024-05-01", "privacy", "en"},
			want: []string{"last_updated = 2024-05-01\n", "effective = 2024-06-01\n", "Carried over from the version of 2024-04-05",
				`summary = "We now keep web logs for 30 days instead of 90."`},
			now: "2024-05-02", path: "/en/privacy/2024-04-05/", notice: "upcoming", says: "the version of May 1, 2024 replaces it",
		},
		{
			name:    "moved later: the announced version comes into force first",
			args:    []string{"--date", "2024-05-01", "--effective", "2024-07-01", "privacy", "en"},
			want:    []string{"last_updated = 2024-05-01\n", "effective = 2024-07-01\n", `summary = ""`},
			wantNot: []string{"Carried over", "withdraws"},
			now:     "2024-06-15", path: "/en/privacy/", notice: "upcoming", says: "takes effect on July 1, 2024",
		},
		{
			name: "withdrawn: the announced version never takes effect",
			args: []string{"--date", "2024-05-01", "--withdraw", "privacy", "en"},
			want: []string{"last_updated = 2024-05-01\n", "effective = 2024-05-01\n", "withdraws = 2024-04-05\n", `summary = ""`},
			now:  "2024-06-15", path: "/en/privacy/2024-04-05/", notice: "archived", says: "It was withdrawn before it came into force.",
		},
		{
			name: "withdrawn, before the new version takes effect either",
			args: []string{"--date", "2024-05-01", "--effective", "2024-08-01", "--withdraw", "privacy", "en"},
			want: []string{"effective = 2024-08-01\n", "withdraws = 2024-04-05\n"},
			// On 2024-06-15 the withdrawn version's day has passed: the
			// version of 2024-03-01 is still in force.
			now: "2024-06-15", path: "/en/privacy/", notice: "upcoming", says: "takes effect on August 1, 2024",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			code, stdout, stderr := run(t, append([]string{"new-version", "-s", site}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
			}
			b, _ := os.ReadFile(filepath.Join(site, "content/privacy/en.md"))
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("the new current file lacks %q:\n%s", w, b)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(string(b), w) {
					t.Errorf("the new current file has %q:\n%s", w, b)
				}
			}
			edit(t, site, "content/privacy/en.md", func(s string) string {
				return strings.Replace(s, `summary = ""`, `summary = "Shorter logs."`, 1)
			})
			out := buildSite(t, site, tc.now)
			if n := readPage(t, out, tc.path).notice(tc.notice); !strings.Contains(n, tc.says) {
				t.Errorf("%s on %s: %s notice %q, want %q", tc.path, tc.now, tc.notice, n, tc.says)
			}
		})
	}
}

// TestNewVersionRefusesSurprises: a new version may not take effect before
// the announced one without saying the announced one is withdrawn, nor
// withdraw a version in force, nor take effect before its date. Nothing is
// written.
func TestNewVersionRefusesSurprises(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"earlier than the announced version", []string{"--date", "2024-05-01", "--effective", "2024-05-15", "privacy", "en"},
			"content/privacy/en.md:4:1: the version of 2024-04-05 is announced to take effect on 2024-06-01, and the new version would take effect on 2024-05-15, before it, so the announced version would never take effect; take effect on 2024-06-01 or later (--effective 2024-06-01, or leave out --effective), or say it is withdrawn with --withdraw"},
		{"withdrawing a version in force", []string{"--date", "2024-05-01", "--withdraw", "cookies"},
			"content/cookies/en.md:3:1: --withdraw: the version of 2023-05-01 took effect on 2023-05-01, so it cannot be withdrawn"},
		{"effective before the date", []string{"--date", "2024-05-01", "--effective", "2024-04-20", "cookies"},
			"--effective: the new version would take effect on 2024-04-20, before its date 2024-05-01"},
		{"one language announced, cut together earlier", []string{"--date", "2024-05-01", "--effective", "2024-05-02", "privacy"},
			"content/privacy/en.md:4:1: the version of 2024-04-05 is announced to take effect on 2024-06-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, testSite)
			before := tree(t, site)
			code, stdout, stderr := run(t, append([]string{"new-version", "-s", site}, tc.args...)...)
			if code != 1 || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("exit %d, want 1 with %q:\n%s%s", code, tc.want, stdout, stderr)
			}
			sameTree(t, before, tree(t, site), "site before and after a refused new-version")
		})
	}
}

// TestNewVersionMovesTranslates: a translation cut together with the
// authoritative language translates the new version; cut alone, it keeps
// the version it translated.
func TestNewVersionMovesTranslates(t *testing.T) {
	site := copySite(t, testSite)
	if code, _, stderr := run(t, "new-version", "-s", site, "--date", "2024-09-01", "privacy", "en", "sv"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	sv, _ := os.ReadFile(filepath.Join(site, "content/privacy/sv.md"))
	if !bytes.Contains(sv, []byte("translates = 2024-09-01\n")) {
		t.Errorf("sv does not translate the new English version:\n%s", sv)
	}
	site = copySite(t, testSite)
	if code, _, stderr := run(t, "new-version", "-s", site, "--date", "2024-09-01", "privacy", "sv"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	sv, _ = os.ReadFile(filepath.Join(site, "content/privacy/sv.md"))
	if !bytes.Contains(sv, []byte("translates = 2023-01-01\n")) {
		t.Errorf("sv cut alone claims to translate another version:\n%s", sv)
	}
}
