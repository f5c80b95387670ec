package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/sitedir"
)

// File is a policy file an import writes.
type File struct {
	Path    string // slash-separated, relative to the site
	Data    []byte
	Version *Version
	// Summary reports a [change] summary the import wrote, which says only
	// where the text came from: the author replaces it.
	Summary bool
}

// Preview is what a dry run shows of the file: its front matter, between
// its +++ lines, and how many lines of Markdown follow.
func (f File) Preview() (front string, lines int) {
	fm, body, _, err := frontmatter.Split(f.Data)
	if err != nil {
		return string(f.Data), 0 // cannot happen: the import checked the file
	}
	return string(fm), bytes.Count(body, []byte("\n"))
}

// Files lays versions out as policy files of policy in lang: the newest
// the current file, the others archived. existing are the dates of the
// versions the site has already, current the date of its current file
// (zero when there is none): imported versions must all be older than it,
// since an import never replaces a file. Every version but the first of
// the policy in lang gets a [change] saying where it came from.
func Files(policy, lang string, versions []*Version, existing []date.Date, current date.Date) ([]File, diag.List) {
	var diags diag.List
	sorted := append([]*Version(nil), versions...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].LastUpdated.Before(sorted[j].LastUpdated) })
	for i := 1; i < len(sorted); i++ {
		if a, b := sorted[i-1], sorted[i]; a.LastUpdated == b.LastUpdated {
			diags.Errorf(b.Source.Name, 0, 0, "dated %s, like %s: a policy has one version per day; give one of them another date with --date, or import only the later one", b.LastUpdated, a.Source.Name)
		}
	}
	taken := map[date.Date]bool{}
	first := date.Date{}
	for _, d := range existing {
		taken[d] = true
		if first.IsZero() || d.Before(first) {
			first = d
		}
	}
	var files []File
	for i, v := range sorted {
		file := sitedir.Archived(policy, v.LastUpdated, lang)
		switch {
		case !current.IsZero() && !v.LastUpdated.Before(current):
			diags.Errorf(v.Source.Name, 0, 0, "dated %s, but %s is already the version of %s; an import only adds older versions to a policy and never replaces a file: cut a new version with gen new-version and paste the text in, or import it as another policy",
				v.LastUpdated, sitedir.Current(policy, lang), current)
			continue
		case taken[v.LastUpdated]:
			diags.Errorf(v.Source.Name, 0, 0, "dated %s, and %s already has the version of that day; an import never replaces a file", v.LastUpdated, sitedir.Archived(policy, v.LastUpdated, lang))
			continue
		case current.IsZero() && i == len(sorted)-1:
			file = sitedir.Current(policy, lang)
		}
		change := (i > 0 || (!first.IsZero() && first.Before(v.LastUpdated)))
		files = append(files, File{Path: file, Data: policyFile(v, change), Version: v, Summary: change})
	}
	return files, diags
}

// policyFile writes a version as a policy file: front matter for a
// lawyer to read and check, then the body.
func policyFile(v *Version, change bool) []byte {
	var b bytes.Buffer
	b.WriteString("+++\n")
	b.WriteString("# Imported by gen import from " + oneLine(origin(v.Source)) + ".\n")
	b.WriteString("title = " + quote(v.Title) + "\n")
	b.WriteString("last_updated = " + v.LastUpdated.String() + "\n")
	if !v.Effective.IsZero() {
		b.WriteString("effective = " + v.Effective.String() + "\n")
	}
	if change {
		b.WriteString("\n[change]\n")
		b.WriteString("# Written by gen import; replace it with what changed in this version.\n")
		b.WriteString("summary = " + quote(summary(v.Source)) + "\n")
	}
	for _, p := range v.Processors {
		b.WriteString("\n[[processors]]\n")
		for _, f := range []struct{ key, value string }{
			{"name", p.Name}, {"location", p.Location}, {"purpose", p.Purpose},
			{"country", p.Country}, {"transfer", p.Transfer}, {"url", p.URL},
		} {
			if f.value != "" {
				b.WriteString(f.key + " = " + quote(f.value) + "\n")
			}
		}
	}
	b.WriteString("+++\n")
	b.Write(v.Body)
	// A policy file is UTF-8; a page that said it was and is not keeps
	// its readable text.
	return bytes.ToValidUTF8(b.Bytes(), []byte("\uFFFD"))
}

// origin names a source by its file name, or its revision in git: not by
// the folder on someone's computer it was in.
func origin(src Source) string {
	if src.Commit != "" {
		return src.Name
	}
	return path.Base(strings.ReplaceAll(src.File, `\`, "/"))
}

// summary says where a version's text came from, for its change notice
// until the author writes what changed. It names the file, not the folder
// on someone's computer it was in.
func summary(src Source) string {
	if src.Commit != "" {
		return "Imported from " + path.Base(src.File) + " as committed on " + src.Committed.String() + " (" + src.Commit + ")."
	}
	return "Imported from " + origin(src) + "."
}

// quote writes s as a TOML string, escaped as TOML needs: quotes,
// backslashes, new lines and control characters included.
func quote(s string) string {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(map[string]string{"v": s}); err != nil {
		panic(err) // a map of strings always encodes
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), "v = "), "\n")
}

// oneLine makes s fit a TOML comment.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r < ' ' }), " ")
}

// Write creates the files in the site folder, never replacing one: if a
// file exists, or a write fails, the files and folders written so far are
// removed again, so a failed import leaves the site as it was.
func Write(site string, files []File) error {
	var undo []func()
	fail := func(err error) error {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
		return err
	}
	for _, f := range files {
		name := filepath.Join(site, filepath.FromSlash(f.Path))
		var made []string
		for d := filepath.Dir(name); ; d = filepath.Dir(d) {
			if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
				break
			}
			made = append(made, d)
		}
		undo = append(undo, func() {
			for _, d := range made {
				os.Remove(d) // deepest first; a folder someone filled meanwhile stays
			}
		})
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fail(fmt.Errorf("%s: cannot create its folder: %v", f.Path, err))
		}
		// O_EXCL: an existing file is never overwritten, even one created
		// since the import looked.
		out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fail(fmt.Errorf("%s already exists; gen import never replaces a file", f.Path))
			}
			return fail(fmt.Errorf("%s: cannot write: %v", f.Path, err))
		}
		undo = append(undo, func() { os.Remove(name) })
		_, err = out.Write(f.Data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(fmt.Errorf("%s: cannot write: %v", f.Path, err))
		}
	}
	return nil
}
