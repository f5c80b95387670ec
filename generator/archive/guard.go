package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/sitedir"
)

// Guard compares the site's content tree with git revision base and
// reports every change that would lose or rewrite a published version:
// an archived file changed or deleted, a current file moved on to a new
// last_updated without its previous text archived byte for byte, and a
// published current file whose text changed without a new last_updated.
// The working tree is what is checked, so uncommitted edits count.
func Guard(site, base string) diag.List {
	var diags diag.List
	g, err := openBase(site, base)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "%v", err)
		return diags
	}
	files, ids, err := g.lsTree(base, sitedir.Content)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "%v", err)
		return diags
	}
	same := g.comparer(&diags)
	for _, rel := range files {
		loc, problem := sitedir.Locate(rel)
		if problem != "" {
			continue
		}
		old, err := g.show(base, rel)
		if err != nil {
			diags.Errorf(rel, 0, 0, "%v", err)
			continue
		}
		now, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		exists := err == nil
		if !loc.Archived.IsZero() {
			switch {
			case !exists:
				diags.Errorf(rel, 0, 0, "archived version was deleted; it was published at its permanent address and must stay (restore it with `%s`)", restore(site, base, rel))
			case !same(rel, now, old, ids[rel]) && bytes.Equal(withoutCR(now), withoutCR(old)):
				diags.Errorf(rel, 0, 0, "archived version was changed: only its line endings (CRLF/LF), which git does not convert for this file; restore it with `%s`, or let git convert them (core.autocrlf, or eol in .gitattributes)", restore(site, base, rel))
			case !same(rel, now, old, ids[rel]):
				diags.Errorf(rel, 0, 0, "archived version was changed; published versions are frozen (restore it with `%s`)", restore(site, base, rel))
			}
			continue
		}
		oldMeta, _, _, d := frontmatter.Parse(rel, old)
		if d.HasErrors() || oldMeta.Draft {
			continue // never published from base, so nothing to protect
		}
		archivePath := sitedir.Archived(loc.Policy, oldMeta.LastUpdated, loc.Lang)
		archived, archErr := os.ReadFile(filepath.Join(site, filepath.FromSlash(archivePath)))
		archivedIntact := archErr == nil && same(archivePath, archived, old, ids[rel])
		if !exists {
			if !archivedIntact {
				diags.Errorf(rel, 0, 0, "deleted, but its published version of %s is not in %s byte for byte; archive it there first", oldMeta.LastUpdated, archivePath)
			}
			continue
		}
		if same(rel, now, old, ids[rel]) {
			continue
		}
		newMeta, _, _, d := frontmatter.Parse(rel, now)
		if d.HasErrors() {
			continue // the normal checks report these
		}
		switch {
		case newMeta.LastUpdated != oldMeta.LastUpdated && !archivedIntact:
			line := newMeta.Lines["last_updated"]
			if archErr != nil {
				diags.Errorf(rel, line, 1, "last_updated moved on from %s to %s, but the published text of %s was not archived at %s; run `gen new-version` (or copy the file from %s there unchanged)",
					oldMeta.LastUpdated, newMeta.LastUpdated, oldMeta.LastUpdated, archivePath, base)
			} else {
				diags.Errorf(archivePath, 0, 0, "differs from the published text of %s at %s; the archive must hold it byte for byte", rel, base)
			}
		case newMeta.LastUpdated == oldMeta.LastUpdated:
			diags.Errorf(rel, newMeta.Lines["last_updated"], 1, "the published text of %s changed without a new last_updated; cut a new version with `gen new-version %s %s`, or restore the text",
				oldMeta.LastUpdated, loc.Policy, loc.Lang)
		}
	}
	return diags
}

// CheckBase makes sure Guard can compare the site with base: the site is
// in a git repository and base names one of its commits. A command checks
// it first, since a revision it cannot compare with is a mistake on the
// command line, not in the content.
func CheckBase(site, base string) error {
	_, err := openBase(site, base)
	return err
}

func openBase(site, base string) (*git, error) {
	// git would read a revision starting with "-" as an option.
	if base == "" || strings.HasPrefix(base, "-") {
		return nil, fmt.Errorf("%q is not a git revision; name one such as origin/main or HEAD", base)
	}
	g, err := openGit(site)
	if err != nil {
		return nil, err
	}
	if err := g.verify(base); err != nil {
		return nil, err
	}
	return g, nil
}

// git runs the git command line in the site's folder. Paths it returns are
// relative to the site, which may be a subfolder of the repository.
type git struct {
	site, prefix string
}

func openGit(site string) (*git, error) {
	g := &git{site: site}
	out, err := g.run("rev-parse", "--show-prefix")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, fmt.Errorf("--base needs git, which is not installed")
		}
		return nil, fmt.Errorf("--base needs a git repository, and %s is not in one", site)
	}
	g.prefix = strings.TrimSpace(string(out))
	return g, nil
}

func (g *git) verify(base string) error {
	if _, err := g.run("rev-parse", "--verify", "--quiet", base+"^{commit}"); err == nil {
		return nil
	}
	if out, _ := g.run("rev-parse", "--is-shallow-repository"); strings.TrimSpace(string(out)) == "true" {
		return fmt.Errorf("unknown git revision %q in this shallow clone; fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)", base)
	}
	return fmt.Errorf("unknown git revision %q; fetch it first (for a branch: git fetch origin %s)", base, strings.TrimPrefix(base, "origin/"))
}

// lsTree lists the files below dir at rev, relative to the site, and the
// id of each one's blob.
func (g *git) lsTree(rev, dir string) ([]string, map[string]string, error) {
	out, err := g.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", g.prefix+dir)
	if err != nil {
		return nil, nil, fmt.Errorf("git ls-tree %s: %v", rev, err)
	}
	var files []string
	ids := map[string]string{}
	for _, entry := range strings.Split(string(out), "\x00") {
		// <mode> SP <type> SP <object> TAB <path>
		info, name, ok := strings.Cut(entry, "\t")
		if fields := strings.Fields(info); ok && len(fields) == 3 {
			rel := strings.TrimPrefix(name, g.prefix)
			files = append(files, rel)
			ids[rel] = fields[2]
		}
	}
	return files, ids, nil
}

// comparer returns the test of whether a working-tree file (now, at rel)
// is unchanged from its blob at the base revision (old, with id): the
// same bytes, or the same blob once git's own filters have made of it what
// a commit would store. A checkout with core.autocrlf (Git for Windows'
// default) or an eol attribute in .gitattributes holds CRLF where the
// repository holds LF, and git calls that unchanged; so does the guard.
// git hashes every content file of the working tree at once, the first
// time the bytes differ. If it cannot, the bytes alone decide, which can
// only refuse more, and the problem is reported.
func (g *git) comparer(diags *diag.List) func(rel string, now, old []byte, id string) bool {
	var stored map[string]string
	asked := false
	return func(rel string, now, old []byte, id string) bool {
		if bytes.Equal(now, old) {
			return true
		}
		if !asked {
			asked = true
			var err error
			if stored, err = g.hashWorktree(sitedir.Content); err != nil {
				diags.Errorf(sitedir.Content, 0, 0, "git cannot say what it would store for the working tree's files, so they are compared byte for byte, line endings included: %v", err)
			}
		}
		return id != "" && stored[rel] == id
	}
}

// hashWorktree returns the blob id that git would store for each regular
// file below dir in the working tree (paths relative to the site), with
// the filters of each path applied, as git add would.
func (g *git) hashWorktree(dir string) (map[string]string, error) {
	var paths []string
	err := filepath.WalkDir(filepath.Join(g.site, dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(g.site, p)
		if err == nil && !strings.ContainsAny(rel, "\n\r") {
			paths = append(paths, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	// git reads these paths from the top of the repository, not from
	// the folder it runs in.
	var stdin strings.Builder
	for _, p := range paths {
		stdin.WriteString(g.prefix + p + "\n")
	}
	cmd := exec.Command("git", "hash-object", "--stdin-paths")
	cmd.Dir = g.site
	cmd.Stdin = strings.NewReader(stdin.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git hash-object: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	ids := strings.Fields(string(out))
	if len(ids) != len(paths) {
		return nil, fmt.Errorf("git hash-object gave %d ids for %d files", len(ids), len(paths))
	}
	hashes := make(map[string]string, len(paths))
	for i, p := range paths {
		hashes[p] = ids[i]
	}
	return hashes, nil
}

// withoutCR is b without carriage returns, to tell a change of line
// endings from a change of text.
func withoutCR(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r"), nil) }

// show returns a file's bytes at rev.
func (g *git) show(rev, rel string) ([]byte, error) {
	out, err := g.run("cat-file", "blob", rev+":"+g.prefix+rel)
	if err != nil {
		return nil, fmt.Errorf("git cannot read %s at %s: %v", rel, rev, err)
	}
	return out, nil
}

func (g *git) run(args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.site
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s", msg)
		}
		return nil, err
	}
	return out, nil
}

// restore is the command that puts rel back as it was at base (as it was
// staged when base is ""), runnable from wherever gen was run: git -C
// takes the paths from the site's folder.
func restore(site, base, rel string) string {
	cmd := "git"
	if site != "." && site != "" {
		cmd += " -C " + shellWord(site)
	}
	cmd += " checkout"
	if base != "" {
		cmd += " " + base
	}
	return cmd + " -- " + rel
}

// shellWord quotes s for a POSIX shell when it has anything but plain
// path characters, so a hint with a folder named "Legal policies" can be
// pasted as it is.
func shellWord(s string) string {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/._-+,:@", c)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
