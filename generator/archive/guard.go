package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/sitedir"
)

// Guard compares the site's content tree with git revision base and
// reports every change that would lose or rewrite a published version:
// an archived file changed or deleted, a current file moved on to a new
// last_updated without its previous text archived byte for byte, a
// published current file whose text changed without a new last_updated,
// a symbolic link where base has a version, and a new archived version
// older than the newest one published at base, which would change the
// in-force periods already published for its neighbours (allowed, with a
// warning, when allowBackfill says it was published and forgotten). The
// working tree is what is checked, so uncommitted edits count.
func Guard(site, base string, allowBackfill bool) diag.List {
	var diags diag.List
	g, err := openBase(site, base)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "%v", err)
		return diags
	}
	files, entries, err := g.lsTree(base, sitedir.Content)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "%v", err)
		return diags
	}
	tree := os.DirFS(site)
	g.linksStaged(&diags, tree)
	same := g.comparer(&diags)
	published := map[edition]date.Date{} // the newest version of each at base
	publish := func(loc sitedir.Location, d date.Date) {
		k := edition{loc.Policy, loc.Lang}
		if d.After(published[k]) {
			published[k] = d
		}
	}
	linked := map[string]bool{} // the links reported, each once
	// read reads a file of the working tree, never through a link: a link
	// is reported, and the file counts as absent.
	read := func(rel string) ([]byte, bool) {
		if part, problem := sitedir.RefusedPath(tree, rel); problem != "" {
			if !linked[part] {
				linked[part] = true
				if info, err := fs.Lstat(tree, part); err == nil && info.Mode()&fs.ModeSymlink != 0 {
					problem = "is a symbolic link where " + base + " has published versions; git stores a link as the name of its target, not as the versions, and gen reads no links"
				}
				diags.Errorf(part, 0, 0, "%s: restore what %s has there with `%s`", problem, base, restore(site, base, part))
			}
			return nil, false
		}
		b, err := fs.ReadFile(tree, rel)
		return b, err == nil
	}
	for _, rel := range files {
		id := entries[rel].id
		if entries[rel].mode == linkMode {
			diags.Warnf(rel, 0, 0, "is a symbolic link at %s, where git stores only the name of its target, so gen check cannot tell which versions were published from it; from now on the files here are the record", base)
			continue
		}
		loc, problem := sitedir.Locate(rel)
		if problem != "" {
			continue
		}
		old, err := g.show(base, rel)
		if err != nil {
			diags.Errorf(rel, 0, 0, "%v", err)
			continue
		}
		now, exists := read(rel)
		if !loc.Archived.IsZero() {
			publish(loc, loc.Archived)
			switch {
			case linked[rel] || !exists && anyLinked(linked, rel):
			case !exists:
				diags.Errorf(rel, 0, 0, "archived version was deleted; it was published at its permanent address and must stay (restore it with `%s`)", restore(site, base, rel))
			case !same(rel, now, old, id) && bytes.Equal(withoutCR(now), withoutCR(old)):
				diags.Errorf(rel, 0, 0, "archived version was changed: only its line endings (CRLF/LF), which git does not convert for this file; restore it with `%s`, or let git convert them (core.autocrlf, or eol in .gitattributes)", restore(site, base, rel))
			case !same(rel, now, old, id):
				diags.Errorf(rel, 0, 0, "archived version was changed; published versions are frozen (restore it with `%s`)", restore(site, base, rel))
			}
			continue
		}
		oldMeta, _, _, d := frontmatter.Parse(rel, old)
		if d.HasErrors() || oldMeta.Draft {
			continue // never published from base, so nothing to protect
		}
		publish(loc, oldMeta.LastUpdated)
		archivePath := sitedir.Archived(loc.Policy, oldMeta.LastUpdated, loc.Lang)
		archived, archOK := read(archivePath)
		archivedIntact := archOK && same(archivePath, archived, old, id)
		if !exists {
			if !archivedIntact && !anyLinked(linked, rel) {
				diags.Errorf(rel, 0, 0, "deleted, but its published version of %s is not in %s byte for byte; archive it there first", oldMeta.LastUpdated, archivePath)
			}
			continue
		}
		if same(rel, now, old, id) {
			continue
		}
		newMeta, _, _, d := frontmatter.Parse(rel, now)
		if d.HasErrors() {
			continue // the normal checks report these
		}
		switch {
		case newMeta.LastUpdated != oldMeta.LastUpdated && !archivedIntact:
			line := newMeta.Lines["last_updated"]
			switch {
			case anyLinked(linked, archivePath):
			case !archOK:
				diags.Errorf(rel, line, 1, "last_updated moved on from %s to %s, but the published text of %s was not archived at %s; run `gen new-version` (or copy the file from %s there unchanged)",
					oldMeta.LastUpdated, newMeta.LastUpdated, oldMeta.LastUpdated, archivePath, base)
			default:
				diags.Errorf(archivePath, 0, 0, "differs from the published text of %s at %s; the archive must hold it byte for byte", rel, base)
			}
		case newMeta.LastUpdated == oldMeta.LastUpdated:
			diags.Errorf(rel, newMeta.Lines["last_updated"], 1, "the published text of %s changed without a new last_updated; cut a new version with `gen new-version %s %s`, or restore the text",
				oldMeta.LastUpdated, loc.Policy, loc.Lang)
		}
	}
	diags.Add(backfilled(tree, base, entries, published, allowBackfill))
	return diags
}

// edition is a policy in one language, whose versions follow each other.
type edition struct{ policy, lang string }

// anyLinked reports whether a folder above rel is a link reported already.
func anyLinked(linked map[string]bool, rel string) bool {
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if linked[dir] {
			return true
		}
	}
	return false
}

// backfilled reports each archived version of the working tree that base
// does not have and that is older than the newest version of its policy
// and language published at base: slipped in before it, it would end the
// in-force period of the version before it earlier than the site has said
// since (versions.json, the history, the manifest). A version published
// and forgotten is let through by allow, with a warning.
func backfilled(tree fs.FS, base string, atBase treeEntries, published map[edition]date.Date, allow bool) diag.List {
	var diags diag.List
	found, _ := content.Find(tree) // the site's check reports what is misplaced
	for _, loc := range found {
		newest, ok := published[edition{loc.Policy, loc.Lang}]
		if loc.Archived.IsZero() || !ok || !loc.Archived.Before(newest) || atBase.has(loc.Path) {
			continue
		}
		line, col := 0, 0
		if src, err := fs.ReadFile(tree, loc.Path); err == nil {
			if meta, _, _, d := frontmatter.Parse(loc.Path, src); !d.HasErrors() {
				line, col = meta.Lines["last_updated"], meta.Cols["last_updated"]
			}
		}
		if allow {
			diags.Warnf(loc.Path, line, col, "a version of %s, before %s, the newest version of %s in %s published at %s, is added to the archive (--allow-backfill): the in-force periods published for the versions around it change",
				loc.Archived, newest, loc.Policy, loc.Lang, base)
			continue
		}
		diags.Errorf(loc.Path, line, col, "a new archived version of %s is older than %s, the newest version of %s in %s published at %s; slipped in before it, it would change the in-force periods already published for the versions around it. If it really was published and left out by mistake, run gen check with --allow-backfill",
			loc.Archived, newest, loc.Policy, loc.Lang, base)
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

// linkMode is the mode git stores a symbolic link with.
const linkMode = "120000"

// treeEntry is a file of a git tree: its mode and the id of its blob.
type treeEntry struct{ mode, id string }

// treeEntries are the files of a tree by path.
type treeEntries map[string]treeEntry

// has reports whether the tree has rel, or a link where a folder above it
// is: what was published from behind a link is not known.
func (t treeEntries) has(rel string) bool {
	if _, ok := t[rel]; ok {
		return true
	}
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if t[dir].mode == linkMode {
			return true
		}
	}
	return false
}

// lsTree lists the files below dir at rev, relative to the site, with the
// mode and blob of each one.
func (g *git) lsTree(rev, dir string) ([]string, treeEntries, error) {
	out, err := g.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", g.prefix+dir)
	if err != nil {
		return nil, nil, fmt.Errorf("git ls-tree %s: %v", rev, err)
	}
	var files []string
	entries := treeEntries{}
	for _, entry := range strings.Split(string(out), "\x00") {
		// <mode> SP <type> SP <object> TAB <path>
		info, name, ok := strings.Cut(entry, "\t")
		if fields := strings.Fields(info); ok && len(fields) == 3 {
			rel := strings.TrimPrefix(name, g.prefix)
			files = append(files, rel)
			entries[rel] = treeEntry{fields[0], fields[2]}
		}
	}
	return files, entries, nil
}

// linksStaged reports each symbolic link git holds in its index under the
// site's folders that the working tree shows as a plain file: a checkout
// without symbolic links (Git for Windows by default) writes a link as a
// file holding its target's name, which a commit stores as a link again.
// A link that is a link on disk the site's own check reports.
func (g *git) linksStaged(diags *diag.List, tree fs.FS) {
	out, err := g.run("ls-files", "-s", "-z", "--", g.prefix+sitedir.Content, g.prefix+sitedir.Layouts, g.prefix+sitedir.Static)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "git cannot list its index: %v", err)
		return
	}
	for _, entry := range strings.Split(string(out), "\x00") {
		// <mode> SP <object> SP <stage> TAB <path>, paths from the top
		info, name, ok := strings.Cut(entry, "\t")
		if !ok || !strings.HasPrefix(info, linkMode+" ") {
			continue
		}
		rel := strings.TrimPrefix(name, g.prefix)
		if info, err := fs.Lstat(tree, rel); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			continue
		}
		diags.Errorf(rel, 0, 0, "git stores this as a symbolic link (mode %s), not as a file: a published version must be the bytes git stores; replace the link with a copy of the file it points to and stage that (git rm --cached, then git add)", linkMode)
	}
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
