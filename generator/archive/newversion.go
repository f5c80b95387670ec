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
	"slices"
	"sort"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/suggest"
)

// Cut is what `gen new-version` did for one language.
type Cut struct {
	Lang     string
	Archived string // the archive file written, relative to the site
	Current  string // the current file edited
	From, To date.Date
	// Effective is the day the new version takes effect.
	Effective date.Date
	// Withdrawn is set when the version of From is withdrawn; Replaced
	// when it was announced and the new version takes its place on its
	// day, its [change] carried over.
	Withdrawn, Replaced bool
	// Translates is the authoritative version the new one translates,
	// moved on with it; zero when translates was left alone.
	Translates date.Date
}

// Request says which new version to cut.
type Request struct {
	Policy string
	Langs  []string // all of the policy's languages when empty
	Date   date.Date
	// Effective is --effective: the day the new version takes effect;
	// zero for the default, the announced effective date of a version not
	// in force yet when it is later than Date, else Date.
	Effective date.Date
	// Withdraw says the current version, announced but not in force, is
	// withdrawn: it never takes effect.
	Withdraw bool
	// Today decides which current versions are still to take effect.
	Today date.Date
	// Authoritative is the site's authoritative language; a translation
	// cut with it gets its translates moved to the new date.
	Authoritative string
}

// NewVersion archives the current file of each language of the policy
// and moves the current file on to the request's date, editing only its
// front matter lines so the author's formatting and comments survive. It
// never lets a version announced to take effect on a day be replaced by
// one taking effect earlier, unless told the announced one is withdrawn.
// It checks every language before writing anything, and undoes its writes
// if one fails, so a refusal changes nothing.
func NewVersion(site string, req Request) ([]Cut, diag.List) {
	var diags diag.List
	dir := sitedir.Policy(req.Policy)
	if err := NamedOnce(req.Langs); err != nil {
		diags.Errorf(dir, 0, 0, "%v", err)
		return nil, diags
	}
	if diags = refusedIn(site, dir); diags.HasErrors() {
		return nil, diags
	}
	langs, diags := languages(site, req.Policy, req.Langs)
	if diags.HasErrors() {
		return nil, diags
	}
	var plans []plan
	for _, lang := range langs {
		p, ok := planCut(&diags, site, req.Policy, lang, req.Date, req.Today, len(langs) > 1)
		if ok {
			plans = append(plans, p)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	effective := decideEffective(&diags, req, plans)
	if diags.HasErrors() {
		return nil, diags
	}
	cutsAuthoritative := slices.Contains(langs, req.Authoritative)
	for i := range plans {
		p := &plans[i]
		p.cut.Effective = effective
		p.cut.Withdrawn = req.Withdraw
		p.cut.Replaced = !req.Withdraw && p.upcoming && effective == p.effective
		if cutsAuthoritative && p.cut.Lang != req.Authoritative && !p.meta.Translates.IsZero() {
			p.cut.Translates = req.Date
		}
		edit, err := moveOn(p.src, p.meta, p.cut)
		if err != nil {
			var refused *refusal
			if !errors.As(err, &refused) {
				refused = &refusal{reason: err.Error()}
			}
			diags.Errorf(p.cut.Current, refused.line, refused.col, "%s; archive the file by hand (copy it to %s, then edit it)", refused.reason, p.cut.Archived)
			continue
		}
		p.edit = edit
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

// decideEffective is the day the new versions take effect: --effective,
// or the latest announced effective date of the versions they follow when
// that is later than their date (versions cut together take effect
// together), or their date. It refuses a day that would leave a version
// announced but not in force, which readers were told of, never to take
// effect without saying it is withdrawn, and a withdrawal of a version
// already in force.
func decideEffective(diags *diag.List, req Request, plans []plan) date.Date {
	effective := req.Date
	for _, p := range plans {
		if p.upcoming && !req.Withdraw && p.effective.After(effective) {
			effective = p.effective
		}
	}
	if !req.Effective.IsZero() {
		if req.Effective.Before(req.Date) {
			diags.Errorf("--effective", 0, 0, "the new version would take effect on %s, before its date %s; a version cannot take effect before it is written: give --effective %s or later", req.Effective, req.Date, req.Date)
			return date.Date{}
		}
		effective = req.Effective
	}
	for _, p := range plans {
		line, col := p.meta.Lines["effective"], p.meta.Cols["effective"]
		if line == 0 {
			line, col = p.meta.Lines["last_updated"], p.meta.Cols["last_updated"]
		}
		switch {
		case req.Withdraw && !p.upcoming:
			diags.Errorf(p.cut.Current, line, col, "--withdraw: the version of %s took effect on %s, so it cannot be withdrawn; leave out --withdraw, and the new version replaces it from the day it takes effect", p.meta.LastUpdated, p.effective)
		case req.Withdraw:
		case p.upcoming && effective.Before(p.effective):
			diags.Errorf(p.cut.Current, line, col, "the version of %s is announced to take effect on %s, and the new version would take effect on %s, before it, so the announced version would never take effect; take effect on %s or later (--effective %s, or leave out --effective), or say it is withdrawn with --withdraw", p.meta.LastUpdated, p.effective, effective, p.effective, p.effective)
		case effective.Before(p.effective):
			diags.Errorf(p.cut.Current, line, col, "the new version would take effect on %s, before the version in force did (%s), which would rewrite what was in force since then; take effect on %s or later", effective, p.effective, p.effective)
		}
	}
	return effective
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
	meta      frontmatter.Meta
	src, edit []byte
	// effective is the current version's effective date, and upcoming
	// whether that is still to come.
	effective date.Date
	upcoming  bool
}

// planCut reads the current file of lang and checks it can be archived and
// moved on to day, reporting every reason it cannot. several says other
// languages are cut too, for the hint to leave this one out.
func planCut(diags *diag.List, site, policy, lang string, day, today date.Date, several bool) (plan, bool) {
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
	effective := meta.Effective
	if effective.IsZero() {
		effective = meta.LastUpdated
	}
	p := plan{
		cut:       Cut{Lang: lang, Archived: arch, Current: cur, From: meta.LastUpdated, To: day},
		meta:      meta,
		src:       src,
		effective: effective,
		upcoming:  effective.After(today),
	}
	return p, true
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
	if err := output.ReplaceFile(curFile, p.edit); err != nil {
		diags.Errorf(p.cut.Current, 0, 0, "cannot write: %v", err)
		return false
	}
	*undo = append(*undo, func() {
		if err := output.ReplaceFile(curFile, p.src); err != nil {
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

var (
	keyLine     = regexp.MustCompile(`^(\s*)(last_updated|effective|translates|withdraws)(\s*=\s*)([0-9]{4}-[0-9]{2}-[0-9]{2})(.*)$`)
	tableHeader = regexp.MustCompile(`^\s*\[`)
	changeHead  = regexp.MustCompile(`^\s*\[\s*change\s*\]\s*(#.*)?$`)
	// withdrawsComment is the comment moveOn writes above withdraws.
	withdrawsComment = regexp.MustCompile(`^\s*# The version of [0-9-]+ was announced but never takes effect: this one withdraws it\.\s*$`)
)

// emptyChange is the [change] table a new version starts with.
const emptyChange = `[change]
# Say what changed in this version; readers see it in the change notice.
# kind: "editorial" (typos, formatting, links: no notice, no feed entry),
# "minor", or "material" (also announced on every page of the language).
summary = ""
kind = "minor"
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

// moveOn edits the front matter of src for the new version cut: its date,
// its effective date, what it translates and withdraws, and its [change],
// which gives way to an empty one unless the version it follows never
// takes effect (cut.Replaced): then readers have yet to hear of that
// change, and it is carried over. Lines are edited in place; everything
// else stays byte for byte. When it cannot make that edit, the error is a
// *refusal saying why.
func moveOn(src []byte, meta frontmatter.Meta, cut Cut) ([]byte, error) {
	if bytes.IndexByte(src, '\r') >= 0 && bytes.IndexByte(src, '\n') < 0 {
		// Lines ended by carriage returns alone: edited as lines, and
		// written back with the file's own line endings.
		edited, err := moveOn(bytes.ReplaceAll(src, []byte("\r"), []byte("\n")), meta, cut)
		return bytes.ReplaceAll(edited, []byte("\n"), []byte("\r")), err
	}
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
		return nil, &refusal{1, 1, "the front matter's lines end in more than one way, so new-version cannot tell where it ends"}
	}
	values := map[string]date.Date{"last_updated": cut.To, "effective": cut.Effective, "translates": cut.Translates}
	var out []string
	out = append(out, lines[0])
	inChange := false
	changeAt, datesAt, firstTable := -1, -1, -1
	hasEffective := false
	for i := 1; i < close; i++ {
		l := lines[i]
		trimmed := strings.TrimRight(l, "\r\n")
		if tableHeader.MatchString(trimmed) {
			inChange = changeHead.MatchString(trimmed)
			if inChange {
				changeAt = len(out)
				if cut.Replaced {
					out = append(out, l, fmt.Sprintf("# Carried over from the version of %s, which this one replaces before it takes effect:%s# readers have yet to be told of it. Add what else changed.%s", cut.From, nl, nl))
				}
				continue
			}
			if firstTable < 0 {
				firstTable = len(out)
			}
		}
		if inChange {
			if cut.Replaced {
				out = append(out, l)
			}
			continue // the previous version's change notice is not this one's
		}
		if firstTable < 0 {
			if m := keyLine.FindStringSubmatch(trimmed); m != nil {
				key := m[2]
				if key == "withdraws" {
					// What the previous version withdrew, this one does
					// not; the comment new-version wrote above goes too.
					if n := len(out); n > 1 && withdrawsComment.MatchString(out[n-1]) {
						out = out[:n-1]
					}
					continue
				}
				if d := values[key]; !d.IsZero() {
					l = m[1] + key + m[3] + d.String() + m[5] + l[len(trimmed):]
				}
				hasEffective = hasEffective || key == "effective"
				if key == "last_updated" || key == "effective" {
					datesAt = len(out) + 1
				}
			}
		}
		out = append(out, l)
	}
	if datesAt < 0 {
		line, col := meta.Lines["last_updated"], meta.Cols["last_updated"]
		return nil, &refusal{line, col, "last_updated is not written as last_updated = YYYY-MM-DD on a line of its own before any [table], so new-version cannot move it to " + cut.To.String()}
	}
	var added []string
	if !hasEffective && cut.Effective != cut.To {
		added = append(added, "effective = "+cut.Effective.String()+nl)
	}
	if cut.Withdrawn {
		added = append(added, fmt.Sprintf("# The version of %s was announced but never takes effect: this one withdraws it.%swithdraws = %s%s", cut.From, nl, cut.From, nl))
	}
	out = slices.Insert(out, datesAt, added...)
	if changeAt >= datesAt {
		changeAt += len(added)
	}
	if firstTable >= datesAt {
		firstTable += len(added)
	}
	if changeAt < 0 || !cut.Replaced {
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
		out = slices.Insert(out, changeAt, block)
	}
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
	if d.HasErrors() {
		e := d.Errors()[0]
		return nil, &refusal{e.Line, e.Col, "with its front matter moved on, the file would not parse: " + e.Message}
	}
	effective := check.Effective
	if effective.IsZero() {
		effective = check.LastUpdated
	}
	want := meta.Translates
	if !cut.Translates.IsZero() {
		want = cut.Translates
	}
	var withdraws date.Date
	if cut.Withdrawn {
		withdraws = cut.From
	}
	for _, c := range []struct {
		key       string
		got, want date.Date
	}{{"last_updated", check.LastUpdated, cut.To}, {"effective", effective, cut.Effective}, {"translates", check.Translates, want}} {
		if c.got != c.want {
			line, col := meta.Lines[c.key], meta.Cols[c.key]
			return nil, &refusal{line, col, c.key + " is not written as " + c.key + " = YYYY-MM-DD on a line of its own before any [table], so new-version cannot set it to " + c.want.String()}
		}
	}
	if check.Withdraws != withdraws || check.Change == nil || !cut.Replaced && check.Change.Summary != "" {
		return nil, &refusal{1, 1, "the edited front matter would not read as intended"}
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
