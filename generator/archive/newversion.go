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
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/suggest"
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
// comments survive. It checks every language before writing anything, and
// undoes its writes if one fails, so a refusal changes nothing.
func NewVersion(site, policy string, langs []string, day date.Date) ([]Cut, diag.List) {
	var diags diag.List
	dir := sitedir.Policy(policy)
	if err := NamedOnce(langs); err != nil {
		diags.Errorf(dir, 0, 0, "%v", err)
		return nil, diags
	}
	if diags = refusedIn(site, dir); diags.HasErrors() {
		return nil, diags
	}
	langs, diags = languages(site, policy, langs)
	if diags.HasErrors() {
		return nil, diags
	}
	var plans []plan
	for _, lang := range langs {
		p, ok := planCut(&diags, site, policy, lang, day, len(langs) > 1)
		if ok {
			plans = append(plans, p)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	if d := write(site, plans); d.HasErrors() {
		return nil, d
	}
	cuts := make([]Cut, len(plans))
	for i, p := range plans {
		cuts[i] = p.cut
	}
	return cuts, diags
}

// refusedIn reports every link, pipe or device in the policy's folder dir,
// as the build refuses them (see sitedir.Refused): a cut must neither
// archive the text of a link's target nor write through a linked folder.
func refusedIn(site, dir string) diag.List {
	var diags diag.List
	sitedir.Walk(os.DirFS(site), dir, sitedir.Ignored, func(string, fs.DirEntry, error) error { return nil },
		func(p, problem string) { diags.Errorf(p, 0, 0, "%s", problem) })
	return diags
}

// NamedOnce refuses a language named twice on the command line: its second
// cut would find the first one's archive copy and fail after writing.
func NamedOnce(langs []string) error {
	seen := map[string]bool{}
	for _, lang := range langs {
		if seen[lang] {
			return fmt.Errorf("language %s is named twice; name each language once", lang)
		}
		seen[lang] = true
	}
	return nil
}

// languages checks that policy and each named language have a current file
// in the site, or lists every language of the policy when none is named.
// Names are looked up among the folder's entries, never joined into a path
// unchecked, so a name like ../x cannot reach outside the content tree.
func languages(site, policy string, named []string) ([]string, diag.List) {
	var diags diag.List
	dir := sitedir.Policy(policy)
	if !isEntry(filepath.Join(site, sitedir.Content), policy, true) {
		diags.Errorf(dir, 0, 0, "no policy %q: there is no folder %s%s", policy, dir, didYouMean(policy, entries(filepath.Join(site, sitedir.Content), true)))
		return nil, diags
	}
	folder := filepath.Join(site, filepath.FromSlash(dir))
	if len(named) > 0 {
		for _, lang := range named {
			if cur := sitedir.Current(policy, lang); !isEntry(folder, sitedir.FileName(lang), false) {
				var langs []string
				for _, f := range entries(folder, false) {
					if l, ok := sitedir.Language(f); ok {
						langs = append(langs, l)
					}
				}
				diags.Errorf(cur, 0, 0, "policy %q has no %s version (no %s)%s", policy, lang, cur, didYouMean(lang, langs))
			}
		}
		return named, diags
	}
	var all []string
	entries, _ := os.ReadDir(folder)
	for _, e := range entries {
		if lang, ok := sitedir.Language(e.Name()); ok && !e.IsDir() {
			all = append(all, lang)
		}
	}
	sort.Strings(all)
	if len(all) == 0 {
		diags.Errorf(dir, 0, 0, "policy %q has no current files (<lang>.md)", policy)
	}
	return all, diags
}

// entries lists the names of folder's folders, or files, as dirs says.
func entries(folder string, dirs bool) []string {
	var out []string
	list, _ := os.ReadDir(folder)
	for _, e := range list {
		if e.IsDir() == dirs && !sitedir.Ignored(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// didYouMean suggests the one of names nearest to name, or says nothing.
func didYouMean(name string, names []string) string {
	if near := suggest.Closest(name, names); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// isEntry reports whether folder holds an entry of exactly this name, a
// folder or a file as wantDir says.
func isEntry(folder, name string, wantDir bool) bool {
	entries, _ := os.ReadDir(folder)
	for _, e := range entries {
		if e.Name() == name && !sitedir.Ignored(name) {
			return e.IsDir() == wantDir
		}
	}
	return false
}

// plan is one language's cut, checked and ready to write.
type plan struct {
	cut       Cut
	src, edit []byte
}

// planCut reads the current file of lang and checks it can be archived and
// moved on to day, reporting every reason it cannot. several says other
// languages are cut too, for the hint to leave this one out.
func planCut(diags *diag.List, site, policy, lang string, day date.Date, several bool) (plan, bool) {
	cur := sitedir.Current(policy, lang)
	src, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(cur)))
	if err != nil {
		diags.Errorf(cur, 0, 0, "cannot read: %v", err)
		return plan{}, false
	}
	meta, _, _, fileDiags := frontmatter.Parse(cur, src)
	if fileDiags.HasErrors() {
		diags.Add(fileDiags.Errors())
		diags.Errorf(cur, 0, 0, "fix the errors above before cutting a new version")
		return plan{}, false
	}
	if meta.Draft {
		// A draft was never published: archiving it would give it a
		// permanent address as if readers had seen it.
		line, col := meta.Lines["draft"], meta.Cols["draft"]
		hint := ""
		if several {
			hint = "; to cut the other languages now, name them without " + lang
		}
		diags.Errorf(cur, line, col, "the current text is a draft (draft = true) that was never published, so there is nothing to archive: edit the draft in place; or, if it has been published, set draft = false and then run gen new-version%s", hint)
		return plan{}, false
	}
	if !day.After(meta.LastUpdated) {
		line, col := meta.Lines["last_updated"], meta.Cols["last_updated"]
		diags.Errorf(cur, line, col, "the new version's date %s must be after the current last_updated %s", day, meta.LastUpdated)
		return plan{}, false
	}
	arch := sitedir.Archived(policy, meta.LastUpdated, lang)
	if _, err := os.Lstat(filepath.Join(site, filepath.FromSlash(arch))); err == nil {
		diags.Errorf(arch, 0, 0, "already exists; the version of %s is archived already, so %s cannot be archived again", meta.LastUpdated, cur)
		return plan{}, false
	} else if !errors.Is(err, fs.ErrNotExist) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is named already
		}
		diags.Errorf(arch, 0, 0, "cannot archive here: %v", err)
		return plan{}, false
	}
	edit, err := moveOn(src, meta, day)
	if err != nil {
		var refused *refusal
		if !errors.As(err, &refused) {
			refused = &refusal{reason: err.Error()}
		}
		diags.Errorf(cur, refused.line, refused.col, "%s; archive the file by hand (copy it to %s, then edit it)", refused.reason, arch)
		return plan{}, false
	}
	return plan{Cut{lang, arch, cur, meta.LastUpdated, day}, src, edit}, true
}

// write carries out the plans: each archive copy, then its edited current
// file. Everything was checked, but a write can still fail (a full disk, a
// file created meanwhile); then what was written is undone, so a refused
// new-version still changes nothing.
func write(site string, plans []plan) diag.List {
	var diags diag.List
	var undo []func()
	for _, p := range plans {
		if !p.write(&diags, site, &undo) {
			for i := len(undo) - 1; i >= 0; i-- {
				undo[i]()
			}
			return diags
		}
	}
	return diags
}

// write archives one language and moves its current file on, appending to
// undo how to take back each step taken.
func (p plan) write(diags *diag.List, site string, undo *[]func()) bool {
	archFile := filepath.Join(site, filepath.FromSlash(p.cut.Archived))
	curFile := filepath.Join(site, filepath.FromSlash(p.cut.Current))
	made, err := mkdirs(filepath.Dir(archFile))
	*undo = append(*undo, func() {
		for _, d := range made {
			os.Remove(d) // only empty folders go; anything else stays
		}
	})
	if err != nil {
		diags.Errorf(p.cut.Archived, 0, 0, "cannot create the archive folder: %v", err)
		return false
	}
	// O_EXCL: never overwrite an archived version, even one that appeared
	// since the check.
	f, err := os.OpenFile(archFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		diags.Errorf(p.cut.Archived, 0, 0, "cannot write: %v", err)
		return false
	}
	*undo = append(*undo, func() { os.Remove(archFile) })
	_, err = f.Write(p.src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		diags.Errorf(p.cut.Archived, 0, 0, "cannot write: %v", err)
		return false
	}
	if err := writeReplacing(curFile, p.edit); err != nil {
		diags.Errorf(p.cut.Current, 0, 0, "cannot write: %v", err)
		return false
	}
	*undo = append(*undo, func() {
		if err := writeReplacing(curFile, p.src); err != nil {
			diags.Errorf(p.cut.Current, 0, 0, "was edited but cannot be restored (%v); restore it from git: %s", err, restore(site, "", p.cut.Current))
		}
	})
	return true
}

// mkdirs creates folder and its missing parents, returning those it
// created, deepest first, so they can be removed again.
func mkdirs(folder string) ([]string, error) {
	var missing []string
	for d := folder; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	return missing, os.MkdirAll(folder, 0o755)
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

// refusal is why moveOn cannot edit a file, and where.
type refusal struct {
	line, col int
	reason    string
}

func (r *refusal) Error() string { return r.reason }

// changeElsewhere finds a [change] written as an inline table (change =
// {…}) or with dotted keys (change.summary = …), which moveOn, editing
// lines, cannot replace.
var changeElsewhere = regexp.MustCompile(`^\s*(?:change|"change"|'change')\s*[.=]`)

// moveOn edits the front matter of src for a new version of day: the dates
// move to day and the previous [change] gives way to an empty one. Lines
// are edited in place; everything else stays byte for byte. When it cannot
// make that edit, the error is a *refusal saying why.
func moveOn(src []byte, meta frontmatter.Meta, day date.Date) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	if cr := bytes.Count(src, []byte("\r")); cr > 0 && bytes.Count(src, []byte("\r\n")) == 0 && bytes.IndexByte(src, '\n') < 0 {
		// Lines ended by carriage returns alone: edited as lines, and
		// written back with the file's own line endings.
		edited, err := moveOn(bytes.ReplaceAll(src, []byte("\r"), []byte("\n")), meta, day)
		return bytes.ReplaceAll(edited, []byte("\n"), []byte("\r")), err
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
		return nil, &refusal{1, 1, "the front matter's lines end in more than one way, so new-version cannot tell where it ends"}
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

	// The edit must give exactly the intended front matter; if not, say
	// what in the file it could not edit.
	check, _, _, d := frontmatter.Parse("", edited)
	for i := 1; i < close; i++ {
		if changeElsewhere.MatchString(lines[i]) && firstTableAt(lines, close) > i {
			return nil, &refusal{i + 1, 1, "the previous version's change notice is written as " + strings.TrimSpace(lines[i]) +
				", which new-version cannot replace with an empty one; write it as a table, a line [change] followed by summary = \"…\""}
		}
	}
	for _, key := range []string{"last_updated", "effective"} {
		moved := check.LastUpdated == day
		if key == "effective" {
			moved = meta.Effective.IsZero() || check.Effective == day
		}
		if !moved {
			line, col := meta.Lines[key], meta.Cols[key]
			return nil, &refusal{line, col, key + " is not written as " + key + " = YYYY-MM-DD on a line of its own before any [table], so new-version cannot move it to " + day.String()}
		}
	}
	if d.HasErrors() || check.Change == nil || check.Change.Summary != "" {
		line, col, why := 1, 1, "the edited front matter would not read as intended"
		if d.HasErrors() {
			line, col, why = d.Errors()[0].Line, d.Errors()[0].Col, "with its [change] replaced, the front matter would not parse: "+d.Errors()[0].Message
		}
		return nil, &refusal{line, col, why}
	}
	return edited, nil
}

// firstTableAt returns the index of the first [table] header line of the
// front matter (lines[1:close]), or close.
func firstTableAt(lines []string, close int) int {
	for i := 1; i < close; i++ {
		if tableHeader.MatchString(lines[i]) {
			return i
		}
	}
	return close
}
