// Package archive keeps the record of published versions: it cuts a new
// version (archiving the current text byte for byte) and guards the archive
// against changes that would lose or rewrite a published version.
package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gen/generator/content"
	"gen/generator/date"
	"gen/generator/diag"
	"gen/generator/frontmatter"
)

// Cut is what `gen new-version` did for one language.
type Cut struct {
	Lang     string
	Archived string // the archive file written, relative to the site
	Current  string // the current file edited
	From, To date.Date
}

// NewVersion archives the current file of each language of policy (all of
// its languages when langs is empty) and moves the current file on to day,
// editing only its front matter lines so the author's formatting and
// comments survive. It checks every language before writing anything, so a
// refusal changes nothing.
func NewVersion(site, policy string, langs []string, day date.Date) ([]Cut, diag.List) {
	var diags diag.List
	dir := path.Join(content.Dir, policy)
	if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(dir))); err != nil {
		diags.Errorf(dir, 0, 0, "no policy %q: there is no folder %s", policy, dir)
		return nil, diags
	}
	if len(langs) == 0 {
		entries, _ := os.ReadDir(filepath.Join(site, filepath.FromSlash(dir)))
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
				langs = append(langs, strings.TrimSuffix(e.Name(), ".md"))
			}
		}
		sort.Strings(langs)
		if len(langs) == 0 {
			diags.Errorf(dir, 0, 0, "policy %q has no current files (<lang>.md)", policy)
			return nil, diags
		}
	}

	type plan struct {
		cut       Cut
		src, edit []byte
	}
	var plans []plan
	for _, lang := range langs {
		cur := path.Join(dir, lang+".md")
		src, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(cur)))
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(cur, 0, 0, "policy %q has no %s version (no %s)", policy, lang, cur)
			continue
		} else if err != nil {
			diags.Errorf(cur, 0, 0, "cannot read: %v", err)
			continue
		}
		meta, _, _, fileDiags := frontmatter.Parse(cur, src)
		if fileDiags.HasErrors() {
			diags.Add(fileDiags.Errors())
			diags.Errorf(cur, 0, 0, "fix the errors above before cutting a new version")
			continue
		}
		if !day.After(meta.LastUpdated) {
			diags.Errorf(cur, meta.Lines["last_updated"], 1, "the new version's date %s must be after the current last_updated %s", day, meta.LastUpdated)
			continue
		}
		arch := path.Join(dir, "archive", meta.LastUpdated.String(), lang+".md")
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(arch))); err == nil {
			diags.Errorf(arch, 0, 0, "already exists; the version of %s is archived already, so %s cannot be archived again", meta.LastUpdated, cur)
			continue
		}
		edit, err := moveOn(src, meta, day)
		if err != nil {
			diags.Errorf(cur, 0, 0, "%v", err)
			continue
		}
		plans = append(plans, plan{Cut{lang, arch, cur, meta.LastUpdated, day}, src, edit})
	}
	if diags.HasErrors() {
		return nil, diags
	}

	var cuts []Cut
	for _, p := range plans {
		archFile := filepath.Join(site, filepath.FromSlash(p.cut.Archived))
		if err := os.MkdirAll(filepath.Dir(archFile), 0o755); err != nil {
			diags.Errorf(p.cut.Archived, 0, 0, "cannot create the archive folder: %v", err)
			return cuts, diags
		}
		// O_EXCL: never overwrite an archived version, even one that
		// appeared since the check above.
		f, err := os.OpenFile(archFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = f.Write(p.src)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			diags.Errorf(p.cut.Archived, 0, 0, "cannot write: %v", err)
			return cuts, diags
		}
		if err := writeReplacing(filepath.Join(site, filepath.FromSlash(p.cut.Current)), p.edit); err != nil {
			diags.Errorf(p.cut.Current, 0, 0, "cannot write: %v", err)
			return cuts, diags
		}
		cuts = append(cuts, p.cut)
	}
	return cuts, diags
}

// writeReplacing replaces a file through a temporary file and a rename, so
// an interrupted write never leaves half a policy.
func writeReplacing(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".new-version-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

var (
	keyLine     = regexp.MustCompile(`^(\s*)(last_updated|effective)(\s*=\s*)([0-9]{4}-[0-9]{2}-[0-9]{2})(.*)$`)
	tableHeader = regexp.MustCompile(`^\s*\[`)
	changeHead  = regexp.MustCompile(`^\s*\[\s*change\s*\]\s*(#.*)?$`)
)

// emptyChange is the [change] table a new version starts with.
const emptyChange = `[change]
# Say what changed in this version; readers see it in the change notice.
# Set material = true for a change that must be announced site-wide.
summary = ""
material = false
`

// moveOn edits the front matter of src for a new version of day: the dates
// move to day and the previous [change] gives way to an empty one. Lines
// are edited in place; everything else stays byte for byte.
func moveOn(src []byte, meta frontmatter.Meta, day date.Date) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(src), "\n")
	// Front matter is lines[1 : close]; lines[0] is the opening "+++".
	close := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\r\n") == "+++" {
			close = i
			break
		}
	}
	if close < 0 {
		return nil, fmt.Errorf("the front matter is not closed")
	}
	var out []string
	out = append(out, lines[0])
	inChange := false
	changeAt := -1
	firstTable := -1
	for i := 1; i < close; i++ {
		l := lines[i]
		trimmed := strings.TrimRight(l, "\r\n")
		if tableHeader.MatchString(trimmed) {
			inChange = changeHead.MatchString(trimmed)
			if inChange {
				changeAt = len(out)
				continue
			}
			if firstTable < 0 {
				firstTable = len(out)
			}
		}
		if inChange {
			continue // the previous version's change notice is not this one's
		}
		if firstTable < 0 {
			if m := keyLine.FindStringSubmatch(trimmed); m != nil {
				l = m[1] + m[2] + m[3] + day.String() + m[5] + l[len(trimmed):]
			}
		}
		out = append(out, l)
	}
	block := strings.ReplaceAll(emptyChange, "\n", nl)
	switch {
	case changeAt >= 0:
	case firstTable >= 0:
		changeAt = firstTable
		block += nl
	default:
		changeAt = len(out)
		if len(out) > 1 && strings.TrimSpace(out[len(out)-1]) != "" {
			block = nl + block
		}
	}
	out = append(out[:changeAt], append([]string{block}, out[changeAt:]...)...)
	out = append(out, lines[close:]...)
	edited := []byte(strings.Join(out, ""))

	// The edit must give exactly the intended front matter.
	check, _, _, d := frontmatter.Parse("", edited)
	if d.HasErrors() || check.LastUpdated != day || (!meta.Effective.IsZero() && check.Effective != day) ||
		check.Change == nil || check.Change.Summary != "" {
		return nil, fmt.Errorf("cannot edit the front matter safely (is last_updated written as a plain date on its own line?); archive the file by hand")
	}
	return edited, nil
}
