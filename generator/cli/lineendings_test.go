package cli_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mdFiles lists the policy files below site's content/.
func mdFiles(t *testing.T, site string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if len(files) == 0 {
		t.Fatal("no policy files")
	}
	return files
}

func toCRLF(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// requireCRLF fails the test unless every policy file of site has CRLF
// line endings: the premise of a Windows-style checkout.
func requireCRLF(t *testing.T, site string) {
	t.Helper()
	for _, f := range mdFiles(t, site) {
		b, _ := os.ReadFile(f)
		if !bytes.Contains(b, []byte("\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
			t.Fatalf("%s is not CRLF in this checkout", f)
		}
	}
}

// TestCheckBaseSeesFilesAsGitDoes checks clean checkouts whose files git
// converts to CRLF — core.autocrlf = true, as Git for Windows sets it, and
// an eol=crlf attribute — against the revision they came from: nothing
// changed, as git status says, so check passes; an edited archived file, a
// published text changed in place and a new version cut there are judged
// as everywhere else.
func TestCheckBaseSeesFilesAsGitDoes(t *testing.T) {
	checkouts := map[string]func(t *testing.T) string{
		"core.autocrlf=true": func(t *testing.T) string {
			clone := filepath.Join(t.TempDir(), "clone")
			git(t, filepath.Dir(clone), "clone", "-q", "-c", "core.autocrlf=true", "file://"+gitSite(t), clone)
			return clone
		},
		"core.autocrlf=true, the site in a subfolder": func(t *testing.T) string {
			repo := t.TempDir()
			if err := os.Rename(copySite(t, testSite), filepath.Join(repo, "policies")); err != nil {
				t.Fatal(err)
			}
			git(t, repo, "init", "-q", "-b", "main")
			git(t, repo, "add", "-A")
			git(t, repo, "commit", "-q", "-m", "published")
			clone := filepath.Join(t.TempDir(), "clone")
			git(t, filepath.Dir(clone), "clone", "-q", "-c", "core.autocrlf=true", "file://"+repo, clone)
			return filepath.Join(clone, "policies")
		},
		".gitattributes eol=crlf": func(t *testing.T) string {
			site := gitSite(t)
			os.WriteFile(filepath.Join(site, ".gitattributes"), []byte("*.md text eol=crlf\n"), 0o644)
			git(t, site, "add", ".gitattributes")
			git(t, site, "commit", "-q", "-m", "attributes")
			// Check the files out again, now with the attribute.
			os.RemoveAll(filepath.Join(site, "content"))
			git(t, site, "checkout", "--", "content")
			return site
		},
	}
	for name, checkout := range checkouts {
		t.Run(name, func(t *testing.T) {
			site := checkout(t)
			requireCRLF(t, site)
			if st := git(t, site, "status", "--porcelain"); st != "" {
				t.Fatalf("the checkout is not clean for git:\n%s", st)
			}
			if code, stdout, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10"); code != 0 || !strings.Contains(stdout, "no errors") {
				t.Fatalf("clean checkout: exit %d, want 0:\n%s", code, stderr)
			}

			edit(t, site, "content/privacy/archive/2023-01-01/en.md", func(s string) string { return strings.Replace(s, "We are Acme.", "We are Acme Inc.", 1) })
			edit(t, site, "content/cookies/en.md", func(s string) string { return strings.Replace(s, "no cookies", "few cookies", 1) })
			code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10")
			for _, want := range []string{
				"content/privacy/archive/2023-01-01/en.md: archived version was changed; published versions are frozen",
				"content/cookies/en.md:3:1: the published text of 2023-05-01 changed without a new last_updated",
			} {
				if code != 1 || !strings.Contains(stderr, want) {
					t.Errorf("edited: exit %d, want 1 with %q:\n%s", code, want, stderr)
				}
			}
			if !strings.Contains(stderr, "gen: 2 errors") {
				t.Errorf("edited: want only the two edits refused:\n%s", stderr)
			}

			git(t, site, "checkout", "--", "content")
			if code, stdout, stderr := run(t, "new-version", "-s", site, "--date", "2024-04-01", "cookies"); code != 0 {
				t.Fatalf("new-version: exit %d\n%s%s", code, stdout, stderr)
			}
			if b, _ := os.ReadFile(filepath.Join(site, "content/cookies/archive/2023-05-01/en.md")); !bytes.Contains(b, []byte("\r\n")) {
				t.Errorf("new-version did not archive the checkout's bytes as they are")
			}
			edit(t, site, "content/cookies/en.md", func(s string) string {
				return strings.Replace(s, "\r\nsummary = \"\"\r\n", "\r\nsummary = \"Clearer.\"\r\n", 1)
			})
			if code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10"); code != 0 {
				t.Errorf("a new version cut in the checkout: exit %d, want 0:\n%s", code, stderr)
			}
		})
	}
}

// TestCheckBaseNamesALineEndingChange converts an archived file to CRLF in
// a repository where git converts nothing: for git the file changed, so
// check refuses it, and says that only the line endings did.
func TestCheckBaseNamesALineEndingChange(t *testing.T) {
	site := gitSite(t)
	edit(t, site, "content/privacy/archive/2023-01-01/en.md", func(s string) string { return string(toCRLF([]byte(s))) })
	if st := git(t, site, "status", "--porcelain"); !strings.Contains(st, "content/privacy/archive/2023-01-01/en.md") {
		t.Fatalf("git does not see the change, so the test proves nothing:\n%s", st)
	}
	code, _, stderr := run(t, "check", "-s", site, "--base", "HEAD", "--now", "2024-04-10")
	if want := "content/privacy/archive/2023-01-01/en.md: archived version was changed: only its line endings (CRLF/LF)"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 1 with %q:\n%s", code, want, stderr)
	}
}

// TestCRLFBuildsLikeLF builds the site with LF files, with CRLF files and
// with a mix of both: every page, feed and record is the same, and each
// version's source.md is its file's exact bytes, whatever they end in.
// What names a source's bytes (a SHA-256 of the source, and the manifest
// of every file's sum) may differ, and only that: the test puts the LF
// file's sum where the converted file's stands before comparing.
func TestCRLFBuildsLikeLF(t *testing.T) {
	lf := tree(t, buildSite(t, testSite, "2024-04-10"))
	for name, convert := range map[string]func(i int) bool{
		"all CRLF":    func(int) bool { return true },
		"CRLF and LF": func(i int) bool { return i%2 == 0 },
	} {
		t.Run(name, func(t *testing.T) {
			site := copySite(t, testSite)
			sources := map[string][]byte{} // source.md path -> the file's bytes
			var sums []string              // a converted file's SHA-256 in hex, then the LF one's
			for i, f := range mdFiles(t, site) {
				b, _ := os.ReadFile(f)
				if convert(i) {
					crlf := toCRLF(b)
					os.WriteFile(f, crlf, 0o644)
					sums = append(sums, fmt.Sprintf("%x", sha256.Sum256(crlf)), fmt.Sprintf("%x", sha256.Sum256(b)))
					b = crlf
				}
				sources[sourcePath(t, site, f)] = b
			}
			for i := range len(sums) / 2 { // and the short ids, their first 12 digits
				sums = append(sums, sums[2*i][:12], sums[2*i+1][:12])
			}
			asLF := strings.NewReplacer(sums...)
			got := tree(t, buildSite(t, site, "2024-04-10"))
			if len(got) != len(lf) {
				t.Errorf("%d files, with LF %d", len(got), len(lf))
			}
			for p, want := range lf {
				if p == "manifest.json" || p == "manifest.json.sig" {
					continue // every file's sum, source.md's among them
				}
				if src, ok := sources[p]; ok {
					want = src
				} else {
					got[p] = []byte(asLF.Replace(string(got[p])))
				}
				if !bytes.Equal(got[p], want) {
					t.Errorf("%s differs from the LF build's", p)
				}
			}
			if len(sources) != len(mdFiles(t, site)) {
				t.Errorf("%d source.md files for %d policy files", len(sources), len(mdFiles(t, site)))
			}
		})
	}
}

// sourcePath is where a policy file's source.md is published: the one
// under /<lang>/<policy>/<last_updated>/.
func sourcePath(t *testing.T, site, file string) string {
	t.Helper()
	b, _ := os.ReadFile(file)
	_, after, ok := strings.Cut(string(b), "last_updated = ")
	if !ok {
		t.Fatalf("%s has no last_updated", file)
	}
	rel, _ := filepath.Rel(filepath.Join(site, "content"), file)
	policy := strings.Split(filepath.ToSlash(rel), "/")[0]
	return strings.TrimSuffix(filepath.Base(file), ".md") + "/" + policy + "/" + after[:10] + "/source.md"
}
