package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policygen/gen/generator/date"
)

// Revisions returns every committed revision of file in the git
// repository at repo, oldest first, following the file through renames.
// A revision whose bytes are those of the one before it (a merge, a
// commit that only touched file modes) is left out.
func Revisions(repo, file string) ([]Source, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("--git needs git, which is not installed (Debian: apt-get install git; macOS: xcode-select --install; Windows: https://git-scm.com)")
	}
	if _, err := runGit(repo, "rev-parse", "--git-dir"); err != nil {
		return nil, fmt.Errorf("--git %s: not a git repository (%v)", repo, err)
	}
	// %x01 starts a commit and %x00 separates its fields; --name-status
	// gives the file's path in each commit, renames included. Newest
	// first: git's --follow ignores --reverse.
	out, err := runGit(repo, "log", "--follow", "--format=%x01%H%x00%h%x00%as", "--name-status", "--", filepath.ToSlash(file))
	if err != nil {
		return nil, fmt.Errorf("git log %s: %v", file, err)
	}
	commits := strings.Split(string(out), "\x01")[1:]
	slices.Reverse(commits)
	var revs []Source
	var last []byte
	for _, rec := range commits {
		head, files, _ := strings.Cut(rec, "\n")
		fields := strings.Split(head, "\x00")
		if len(fields) != 3 {
			continue
		}
		full, short, when := fields[0], fields[1], fields[2]
		status, at := "", ""
		for _, l := range strings.Split(files, "\n") {
			if parts := strings.Split(l, "\t"); len(parts) >= 2 {
				status, at = parts[0], parts[len(parts)-1]
			}
		}
		if at == "" || strings.HasPrefix(status, "D") {
			continue // the commit that deleted the file
		}
		// git stores a link as the name of its target (mode 120000): that
		// name is no version of the policy.
		if entry, err := runGit(repo, "ls-tree", "--full-tree", full, "--", at); err == nil && bytes.HasPrefix(entry, []byte("120000 ")) {
			return nil, fmt.Errorf("%s is a symbolic link at %s; git stores only the name of its target, so there is no text to import: import the file it points to", at, short)
		}
		data, err := runGit(repo, "cat-file", "blob", full+":"+at)
		if err != nil {
			return nil, fmt.Errorf("git cannot read %s at %s: %v", at, short, err)
		}
		if bytes.Equal(data, last) {
			continue
		}
		last = data
		d, _ := date.Parse(when)
		revs = append(revs, Source{Name: short + ":" + at, File: at, Data: data, Commit: short, Committed: d})
	}
	if len(revs) == 0 {
		return nil, fmt.Errorf("--git %s: no commit has %s; name the file as git does, relative to the repository (git -C %s log --stat shows them)", repo, file, repo)
	}
	return revs, nil
}

func runGit(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}

// Latest keeps, of several versions with one date, the one from the
// latest revision: revisions are oldest first, and a day's last commit is
// what was published that day.
func Latest(versions []*Version) []*Version {
	var out []*Version
	at := map[date.Date]int{}
	for _, v := range versions {
		if i, ok := at[v.LastUpdated]; ok {
			out[i] = v
			continue
		}
		at[v.LastUpdated] = len(out)
		out = append(out, v)
	}
	return out
}
