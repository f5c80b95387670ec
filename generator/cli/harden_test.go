package cli_test

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/policygen/gen/generator/cli"
)

// entries records every entry below root without following links or
// opening pipes: a file's bytes, a link's target, a pipe as such.
func entries(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == root {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "link -> " + target
			return err
		case d.IsDir():
			out[rel] = "folder"
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			out[rel] = string(b)
			return err
		default:
			out[rel] = "special " + d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameSnapshot fails the test where two snapshots differ.
func sameSnapshot(t *testing.T, before, after map[string]string, what string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s: %s is gone", what, p)
		} else if a != b {
			t.Errorf("%s: %s changed", what, p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s appeared", what, p)
		}
	}
}

// moveOut moves rel of the site to a folder outside it and leaves a
// symbolic link to it in its place, as someone keeping a file elsewhere
// would.
func moveOut(t *testing.T, site, rel string) {
	t.Helper()
	from := filepath.Join(site, filepath.FromSlash(rel))
	to := filepath.Join(t.TempDir(), filepath.Base(from))
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(to, from); err != nil {
		t.Fatal(err)
	}
}

// linkInside replaces rel with a symbolic link to target, a path in the
// site: a link that stays inside the site is refused all the same.
func linkInside(t *testing.T, site, rel, target string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(rel))
	os.RemoveAll(p)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// mkfifo makes a named pipe, which a read would block on forever.
func mkfifo(t *testing.T, site, rel string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(rel))
	os.Remove(p)
	if out, err := exec.Command("mkfifo", p).CombinedOutput(); err != nil {
		t.Fatalf("mkfifo: %v %s", err, out)
	}
}

const linkRefused = "is a symbolic link; gen reads no links in content/, layouts/ or static/, since what it publishes must be the bytes git stores: replace the link with a copy of the file or folder it points to"

// TestSymlinksAndSpecialFilesAreRefused gives every command a site with a
// link or a pipe in it, the smallest change that showed each problem: the
// command fails with an error naming the entry and what to do, and neither
// the content nor the published site changes. Before, build dropped a
// linked archive folder's versions, published a linked file's target and
// copied linked static files from outside the site, and a pipe hung it.
func TestSymlinksAndSpecialFilesAreRefused(t *testing.T) {
	type tc struct {
		name  string
		setup func(t *testing.T, site string)
		args  []string // after the command's own -s SITE
		want  string
	}
	var cases []tc
	for _, cmd := range [][]string{{"build"}, {"check"}, {"new-version", "privacy"}} {
		cases = append(cases,
			tc{"archive folder is a link to outside", func(t *testing.T, site string) { moveOut(t, site, "content/privacy/archive") }, cmd,
				"content/privacy/archive: " + linkRefused},
			tc{"archived version is a link inside the site", func(t *testing.T, site string) {
				linkInside(t, site, "content/privacy/archive/2023-01-01/en.md", "../2024-03-01/en.md")
			}, cmd, "content/privacy/archive/2023-01-01/en.md: " + linkRefused},
			tc{"current file is a link to outside", func(t *testing.T, site string) { moveOut(t, site, "content/privacy/en.md") }, cmd,
				"content/privacy/en.md: " + linkRefused},
			tc{"content folder is a link", func(t *testing.T, site string) { moveOut(t, site, "content") }, cmd,
				"content: " + linkRefused},
			tc{"policy file is a named pipe", func(t *testing.T, site string) { mkfifo(t, site, "content/privacy/archive/2023-01-01/en.md") }, cmd,
				"content/privacy/archive/2023-01-01/en.md: is not a regular file but a named pipe, socket or device, which gen does not read; remove it"},
		)
	}
	for _, cmd := range [][]string{{"build"}, {"check"}} {
		cases = append(cases,
			tc{"static file is a link to outside", func(t *testing.T, site string) { moveOut(t, site, "static/robots.txt") }, cmd,
				"static/robots.txt: " + linkRefused},
			tc{"static folder is a link", func(t *testing.T, site string) { moveOut(t, site, "static") }, cmd,
				"static: " + linkRefused},
			tc{"static holds a named pipe", func(t *testing.T, site string) { mkfifo(t, site, "static/feed") }, cmd,
				"static/feed: is not a regular file but a named pipe"},
			tc{"layout is a link", func(t *testing.T, site string) {
				put(t, site, "layouts/404.html", `{{define "main"}}<h1>Gone</h1>{{end}}`)
				moveOut(t, site, "layouts/404.html")
			}, cmd, "layouts/404.html: " + linkRefused},
			tc{"layouts folder is a link", func(t *testing.T, site string) {
				put(t, site, "layouts/404.html", `{{define "main"}}<h1>Gone</h1>{{end}}`)
				moveOut(t, site, "layouts")
			}, cmd, "layouts: " + linkRefused},
		)
	}
	cases = append(cases,
		tc{"import into a linked policy folder", func(t *testing.T, site string) {
			put(t, site, "../old-terms.md", "# Terms\n\nLast updated: 1 May 2022\n\nBe nice, always.\n")
			moveOut(t, site, "content/terms")
		}, []string{"import", "terms", "en", "../old-terms.md", "--date", "2022-05-01"}, "content/terms: " + linkRefused},
		tc{"import of a named pipe", func(t *testing.T, site string) { mkfifo(t, site, "../pipe.md") },
			[]string{"import", "terms", "en", "../pipe.md", "--date", "2022-05-01"},
			"pipe.md: is not a document but a folder, named pipe or device; name the file to import"},
	)
	for _, c := range cases {
		t.Run(c.args[0]+"/"+c.name, func(t *testing.T) {
			// The site one level down, so that files "beside" it are
			// outside it.
			site := filepath.Join(t.TempDir(), "site")
			if err := os.Rename(copySite(t, testSite), site); err != nil {
				t.Fatal(err)
			}
			buildSite(t, site, "2024-04-10", "-o", filepath.Join(site, "public"))
			c.setup(t, site)
			public, content := entries(t, filepath.Join(site, "public")), entries(t, filepath.Join(site, "content"))
			args := append([]string{c.args[0], "-s", site}, c.args[1:]...)
			if c.args[0] == "build" || c.args[0] == "check" {
				args = append(args, "--now", "2024-04-10")
			}
			for i, a := range args {
				if strings.HasPrefix(a, "../") {
					args[i] = filepath.Join(site, a)
				}
			}
			code, _, stderr := run(t, args...)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("gen %s: exit %d, want 1 with %q:\n%s", strings.Join(c.args, " "), code, c.want, stderr)
			}
			sameSnapshot(t, public, entries(t, filepath.Join(site, "public")), "public/")
			sameSnapshot(t, content, entries(t, filepath.Join(site, "content")), "content/")
		})
	}
}

// TestStaticHiddenFilesAreCopied: static/ is copied verbatim, hidden files
// included (GitHub Pages needs .nojekyll, security.txt lives in
// .well-known/), but not an editor's scratch files. They were dropped.
func TestStaticHiddenFilesAreCopied(t *testing.T) {
	site := copySite(t, testSite)
	for _, f := range []string{".nojekyll", ".well-known/security.txt", ".htaccess", "robots.txt~", ".#robots.txt", ".robots.txt.swp"} {
		put(t, site, "static/"+f, "Contact: mailto:security@acme.example\n")
	}
	out := buildSite(t, site, "2024-04-10")
	for f, want := range map[string]bool{".nojekyll": true, ".well-known/security.txt": true, ".htaccess": true, "robots.txt~": false, ".#robots.txt": false, ".robots.txt.swp": false} {
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(f)))
		if (err == nil) != want {
			t.Errorf("%s copied: %v, want %v", f, err == nil, want)
		}
	}
	// A second build replaces a folder holding hidden files gen wrote.
	code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10")
	if code != 0 {
		t.Errorf("rebuild: exit %d\n%s", code, stderr)
	}
}

// backfillVersion is a version of the test site's privacy policy dated
// between two that HEAD publishes.
func backfillVersion(day string) string {
	return fmt.Sprintf(`+++
title = "Privacy policy"
last_updated = %s

[change]
summary = "A version nobody remembered."
+++
## Who we are {#who}

We are Acme, really.
`, day)
}

// TestCheckBaseRefusesLinksAndBackdating runs gen check --base in real git
// repositories on the two ways a published history was lost or rewritten
// while the check passed: a link where the archive was, and a version
// slipped in before the newest published one.
func TestCheckBaseRefusesLinksAndBackdating(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(t *testing.T, site string)
		flags  []string
		code   int
		want   []string
	}{
		{"archive folder moved out and linked", func(t *testing.T, site string) { moveOut(t, site, "content/privacy/archive") }, nil, 1, []string{
			"content/privacy/archive: is a symbolic link where HEAD has published versions; git stores a link as the name of its target, not as the versions, and gen reads no links: restore what HEAD has there with `git -C SITE checkout HEAD -- content/privacy/archive`",
			"content/privacy/archive: " + linkRefused,
		}},
		{"link committed, checked out as a file (core.symlinks=false)", func(t *testing.T, site string) {
			linkInside(t, site, "content/privacy/archive/2023-06-01/en.md", "../2024-03-01/en.md")
			git(t, site, "add", "-A")
			// What Git for Windows writes for a link: a file holding the
			// target's name, which git still stores as a link.
			p := filepath.Join(site, "content/privacy/archive/2023-06-01/en.md")
			os.Remove(p)
			os.WriteFile(p, []byte("../2024-03-01/en.md"), 0o644)
		}, nil, 1, []string{"content/privacy/archive/2023-06-01/en.md: git stores this as a symbolic link (mode 120000), not as a file"}},
		{"backdated version", func(t *testing.T, site string) {
			put(t, site, "content/privacy/archive/2023-06-01/en.md", backfillVersion("2023-06-01"))
		}, nil, 1, []string{
			"content/privacy/archive/2023-06-01/en.md:3:1: a new archived version of 2023-06-01 is older than 2024-04-05, the newest version of privacy in en published at HEAD; slipped in before it, it would change the in-force periods already published for the versions around it. If it really was published and left out by mistake, run gen check with --allow-backfill",
		}},
		{"backdated version, allowed", func(t *testing.T, site string) {
			put(t, site, "content/privacy/archive/2023-06-01/en.md", backfillVersion("2023-06-01"))
		}, []string{"--allow-backfill"}, 0, []string{
			"content/privacy/archive/2023-06-01/en.md:3:1: warning: a version of 2023-06-01, before 2024-04-05, the newest version of privacy in en published at HEAD, is added to the archive (--allow-backfill)",
		}},
		{"backdated translation", func(t *testing.T, site string) {
			put(t, site, "content/privacy/archive/2022-06-01/sv.md", "+++\ntitle = \"Integritetspolicy\"\nlast_updated = 2022-06-01\n+++\nVi är Acme.\n")
		}, nil, 1, []string{"content/privacy/archive/2022-06-01/sv.md:3:1: a new archived version of 2022-06-01 is older than 2023-01-01, the newest version of privacy in sv published at HEAD"}},
		{"older than a draft's date but newer than what was published", func(t *testing.T, site string) {
			// terms/en.md is a draft: the newest published terms is 2023-06-01.
			put(t, site, "content/terms/archive/2023-09-01/en.md", "+++\ntitle = \"Terms of service\"\nlast_updated = 2023-09-01\n\n[change]\nsummary = \"x\"\n+++\nBe nicer.\n")
		}, nil, 0, nil},
		{"a version cut with gen new-version", func(t *testing.T, site string) {
			if code, _, stderr := run(t, "new-version", "-s", site, "--date", "2024-04-09", "privacy", "en"); code != 0 {
				t.Fatalf("new-version: %d %s", code, stderr)
			}
			edit(t, site, "content/privacy/en.md", func(s string) string { return strings.Replace(s, `summary = ""`, `summary = "Shorter logs."`, 1) })
		}, nil, 0, nil},
		{"a new policy's history, imported", func(t *testing.T, site string) {
			put(t, site, "content/refunds/archive/2020-01-01/en.md", "+++\ntitle = \"Refunds\"\nlast_updated = 2020-01-01\n+++\nNone.\n")
			put(t, site, "content/refunds/en.md", "+++\ntitle = \"Refunds\"\nlast_updated = 2021-01-01\n\n[change]\nsummary = \"Some.\"\n+++\nSome.\n")
		}, nil, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := gitSite(t)
			c.change(t, site)
			content := entries(t, filepath.Join(site, "content"))
			args := append([]string{"check", "-s", site, "--base", "HEAD", "--now", "2024-04-10"}, c.flags...)
			code, _, stderr := run(t, args...)
			if code != c.code {
				t.Errorf("exit %d, want %d:\n%s", code, c.code, stderr)
			}
			for _, w := range c.want {
				if w = strings.ReplaceAll(w, "SITE", site); !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			sameSnapshot(t, content, entries(t, filepath.Join(site, "content")), "content/")
		})
	}
	t.Run("--allow-backfill without --base", func(t *testing.T) {
		code, _, stderr := run(t, "check", "-s", copySite(t, testSite), "--allow-backfill")
		if code != 2 || !strings.Contains(stderr, "--allow-backfill needs --base") {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
	})
	t.Run("a link the base revision has", func(t *testing.T) {
		site := gitSite(t)
		moveOut(t, site, "content/privacy/archive/2024-03-01")
		git(t, site, "add", "-A")
		git(t, site, "commit", "-q", "-m", "linked")
		// The link is replaced by the folder it pointed to: the fix.
		target, _ := os.Readlink(filepath.Join(site, "content/privacy/archive/2024-03-01"))
		os.Remove(filepath.Join(site, "content/privacy/archive/2024-03-01"))
		if err := os.Rename(target, filepath.Join(site, "content/privacy/archive/2024-03-01")); err != nil {
			t.Fatal(err)
		}
		git(t, site, "add", "-A")
		code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10")
		want := "content/privacy/archive/2024-03-01: warning: is a symbolic link at HEAD, where git stores only the name of its target"
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, want 0 with %q:\n%s", code, want, stderr)
		}
	})
}

// TestImportRefusesALinkInGitHistory: a revision in which the file was a
// symbolic link holds only its target's name, which is no version.
func TestImportRefusesALinkInGitHistory(t *testing.T) {
	site := importSite(t)
	repo := t.TempDir()
	gitAt(t, repo, "2020-01-01", "init", "-q", "-b", "main")
	put(t, repo, "real.md", "# Privacy\n\nLast updated: 2020-01-10\n\nWe collect little.\n")
	if err := os.Symlink("real.md", filepath.Join(repo, "privacy.md")); err != nil {
		t.Fatal(err)
	}
	gitAt(t, repo, "2020-01-10", "add", "-A")
	gitAt(t, repo, "2020-01-10", "commit", "-q", "-m", "linked")
	before := entries(t, site)
	code, _, stderr := run(t, "import", "-s", site, "privacy", "en", "--git", repo, "privacy.md")
	if code != 1 || !strings.Contains(stderr, "privacy.md is a symbolic link at ") || !strings.Contains(stderr, "import the file it points to") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	sameSnapshot(t, before, entries(t, site), "the site")
}

// runEnv is run with environment variables set.
func runEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut strings.Builder
	code = cli.Main(cli.Env{
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
		Clock:  func() time.Time { return time.Date(2024, 4, 10, 12, 0, 0, 0, time.UTC) },
	}, args)
	return code, out.String(), errOut.String()
}

// TestHostileInputIsRefused gives gen build each of the smallest inputs
// that took it down or made it write wrong pages: front matter and
// Markdown that made the parsers' cost explode, a policy named like a
// language, dates outside 0001–9999 and a layout asking for a UI string
// that does not exist. Each is an error at its place; the content and the
// published site stay as they were, and the refusal takes no longer than a
// build (go test's timeout would meet the blow-ups it replaces).
func TestHostileInputIsRefused(t *testing.T) {
	frontMatter := func(extra string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			edit(t, site, "content/cookies/en.md", func(s string) string {
				return strings.Replace(s, "last_updated = 2023-05-01\n", "last_updated = 2023-05-01\n"+extra+"\n", 1)
			})
		}
	}
	body := func(text string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			edit(t, site, "content/cookies/en.md", func(s string) string { return s + "\n" + text + "\n" })
		}
	}
	layout := func(text string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) { put(t, site, "layouts/404.html", text) }
	}
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, site string)
		env   map[string]string
		code  int
		want  string
	}{
		{"inline tables 10,000 deep", frontMatter("x = " + strings.Repeat("{a=", 10_000) + "1" + strings.Repeat("}", 10_000)), nil, 1,
			"content/cookies/en.md:4:17: arrays and inline tables nest more than 4 deep here, more than gen reads: flatten the value"},
		{"a key of 50,000 dotted parts", frontMatter(strings.Repeat("a.", 49_999) + "a = 1"), nil, 1,
			"content/cookies/en.md:4:17: this key has more than 8 dotted parts, more than gen reads; keys look like change.summary"},
		{"front matter of 300 KB", frontMatter(`description = "` + strings.Repeat("x", 300_000) + `"`), nil, 1,
			"content/cookies/en.md:2:1: front matter is 294 KB, more than gen reads (128 KB): shorten it"},
		{"160 KB of unclosed link openers", body(strings.Repeat("[a](", 40_000)), nil, 1,
			"content/cookies/en.md:7:1: this paragraph has 80000 characters of markup ([ ] * _ ` ~ <) in 1 lines of up to 160000 bytes, more than gen reads in one paragraph"},
		{"block quotes 100,000 deep", body(strings.Repeat(">", 100_000) + " x"), nil, 1,
			"content/cookies/en.md:7:1: this line's block quote and list markers (100000 of them: > - + * 1.) reach 100000 columns deep with the indentation, more than gen reads (100): nest them less deeply"},
		{"a policy named like a language", func(t *testing.T, site string) {
			put(t, site, "content/en/en.md", "+++\ntitle = \"English\"\nlast_updated = 2023-05-01\n+++\nText.\n")
		}, nil, 1, `content/en/en.md: policy folder "en" has the name of the site's language en: /en/ is that language's index, so the policy's addresses would be taken: rename the folder`},
		{"a policy named like the processor register", func(t *testing.T, site string) {
			put(t, site, "content/processors/en.md", "+++\ntitle = \"Processors\"\nlast_updated = 2023-05-01\n+++\nText.\n")
		}, nil, 1, `content/processors/en.md: policy folder "processors" has the name of the page /<lang>/processors/ every language has`},
		{"last_updated in year 0", func(t *testing.T, site string) {
			edit(t, site, "content/cookies/en.md", func(s string) string { return strings.Replace(s, "2023-05-01", "0000-01-01", 1) })
		}, nil, 1, "content/cookies/en.md:3:16: last_updated = 0000-01-01 is not a date gen can publish: years run from 0001 to 9999"},
		{"SOURCE_DATE_EPOCH past 9999", func(*testing.T, string) {}, map[string]string{"SOURCE_DATE_EPOCH": "99999999999999"}, 1,
			"SOURCE_DATE_EPOCH: 99999999999999 seconds since 1970 is no day gen can build for (years run from 0001 to 9999); set it to one, or unset it"},
		{"SOURCE_DATE_EPOCH before year 1", func(*testing.T, string) {}, map[string]string{"SOURCE_DATE_EPOCH": "-99999999999"}, 1,
			"SOURCE_DATE_EPOCH: -99999999999 seconds since 1970 is no day gen can build for"},
		{"an unknown UI string in a layout", layout(`{{define "main"}}<h1>{{.Title}}</h1>
<p>{{.T "notfound.txt"}}</p>{{end}}`), nil, 1,
			`layouts/404.html:2:6: unknown UI string key "notfound.txt"; did you mean "notfound.text"?`},
		{"an unknown UI string by a value", layout(`{{define "main"}}{{$k := "notfound.nothing"}}<p>{{.T $k}}</p>{{end}}`), nil, 1,
			`layouts/404.html:1:51: executing "main" at <.T>: error calling T: unknown UI string key "notfound.nothing"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := copySite(t, testSite)
			out := buildSite(t, site, "2024-04-10")
			c.setup(t, site)
			public, content := entries(t, out), entries(t, filepath.Join(site, "content"))
			args := []string{"build", "-s", site, "-o", out}
			if c.env == nil {
				args = append(args, "--now", "2024-04-10")
			}
			code, _, stderr := runEnv(t, c.env, args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d with %q:\n%.2000s", code, c.code, c.want, stderr)
			}
			sameSnapshot(t, public, entries(t, out), "public/")
			sameSnapshot(t, content, entries(t, filepath.Join(site, "content")), "content/")
		})
	}
	t.Run("--now in year 0", func(t *testing.T) {
		code, _, stderr := run(t, "build", "-s", copySite(t, testSite), "--now", "0000-12-31")
		if code != 2 || !strings.Contains(stderr, `--now: "0000-12-31" is not a date gen can publish: years run from 0001 to 9999`) {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
	})
}
