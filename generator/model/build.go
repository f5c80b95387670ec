package model

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/suggest"
	"github.com/policygen/gen/generator/urls"
)

// Config is what Build needs to know about the site besides its files.
type Config struct {
	Title                 string
	BaseURL               string
	DefaultLanguage       string
	AuthoritativeLanguage string
	Languages             []Language
	NoticeDays            int
	ProcessorNoticeDays   int
	Objection             string
	Compare               string
	Now                   date.Date
	Drafts                bool
	Host                  string
	IndexArchived         bool
	Order                 []string // policy slugs, as site.toml's order
}

// File is one parsed policy file as the content package hands it to Build.
type File struct {
	Policy   string    // the folder under content/
	Lang     string    // the file name without .md
	Archived date.Date // the archive folder's date; zero for the current file
	// Version holds the parsed fields, source and body; Build fills in
	// the rest. It is nil for a file that failed to parse: its errors are
	// reported, and Build checks nothing that depends on what it says.
	Version *Version
	// Lines and Cols map front matter keys to their 1-based line and
	// column in the file, so rules about versions can point at the key
	// that breaks them.
	Lines, Cols map[string]int
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Build assembles the site from parsed files and decides every version's
// status on cfg.Now. It reports every broken version rule it finds.
func Build(cfg Config, files []File) (*Site, diag.List) {
	var diags diag.List
	site := &Site{
		Title:                 cfg.Title,
		BaseURL:               cfg.BaseURL,
		Host:                  cfg.Host,
		IndexArchived:         cfg.IndexArchived,
		DefaultLanguage:       cfg.DefaultLanguage,
		AuthoritativeLanguage: cfg.AuthoritativeLanguage,
		Languages:             cfg.Languages,
		NoticeDays:            cfg.NoticeDays,
		ProcessorNoticeDays:   cfg.ProcessorNoticeDays,
		Objection:             cfg.Objection,
		Compare:               cfg.Compare,
		Now:                   cfg.Now,
		Drafts:                cfg.Drafts,
		Order:                 cfg.Order,
	}
	langOrder := map[string]int{}
	for i, l := range cfg.Languages {
		langOrder[l.Code] = i
	}

	codes := make([]string, len(cfg.Languages))
	for i, l := range cfg.Languages {
		codes[i] = l.Code
	}
	collided := map[string]bool{} // each policy reported once
	groups := map[edition][]File{}
	// Drafts left out, by edition, so that a translates naming one can be
	// told apart from a date that names nothing.
	drafts := map[edition][]*Version{}
	var translations []File // files that name the version they translate
	// Editions with a file that failed to parse: what that file says is
	// unknown, so no rule that depends on it is checked, lest one mistake
	// give errors in other files too.
	unread := map[edition]bool{}
	badSlug := map[string]bool{}
	where := fileOf{} // each version's file, for the positions of its keys
	for _, f := range files {
		v := f.Version
		if v == nil {
			unread[edition{f.Policy, f.Lang}] = true
			continue
		}
		if v.Draft && !cfg.Drafts {
			// A draft is left out as if it did not exist.
			k := edition{f.Policy, f.Lang}
			drafts[k] = append(drafts[k], v)
			continue
		}
		if !slugPattern.MatchString(f.Policy) {
			// One folder, one mistake: said once, at its first file.
			if !badSlug[f.Policy] {
				diags.Errorf(v.SourcePath, 0, 0, "policy folder %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", f.Policy)
			}
			badSlug[f.Policy] = true
			continue
		}
		if what := urls.Collides(f.Policy, codes); what != "" {
			if !collided[f.Policy] {
				collided[f.Policy] = true
				diags.Errorf(v.SourcePath, 0, 0, "policy folder %q has the name of %s, so the policy's addresses would be taken: rename the folder", f.Policy, what)
			}
			continue
		}
		if _, ok := langOrder[f.Lang]; !ok {
			diags.Errorf(v.SourcePath, 0, 0, "%s", undeclared(f.Lang, cfg.Languages))
			continue
		}
		where[v] = f
		v.InArchive = !f.Archived.IsZero()
		if !f.Archived.IsZero() && f.Archived != v.Date {
			diags.Errorf(v.SourcePath, f.Lines["last_updated"], 1, "archived under %s but last_updated is %s; an archived file's folder must be its last_updated date", f.Archived, v.Date)
			continue
		}
		if v.Body.Placeholder && len(v.Processors) == 0 {
			diags.Errorf(v.SourcePath, firstOr(v.Body.PlaceholderLines), 1, "{{< processors >}} is used but the file lists no [[processors]]; add them to the front matter or remove the placeholder")
		}
		if !v.Translates.IsZero() {
			if f.Lang == cfg.AuthoritativeLanguage {
				unlessArchived(&diags, v)(v.SourcePath, f.Lines["translates"], f.Cols["translates"], "translates is only for translations, and %s is the authoritative language (site.toml): its text prevails and translates nothing; remove translates from this file", f.Lang)
			} else {
				translations = append(translations, f)
			}
		}
		k := edition{f.Policy, f.Lang}
		groups[k] = append(groups[k], f)
	}

	policies := map[string]*Policy{}
	broken := map[edition]bool{}
	for k, group := range groups {
		ed, ds := buildEdition(group, cfg)
		diags.Add(ds)
		if ed == nil {
			broken[k] = true
			continue
		}
		p := policies[k.policy]
		if p == nil {
			p = &Policy{Slug: k.policy}
			policies[k.policy] = p
		}
		ed.Policy = p
		p.Editions = append(p.Editions, ed)
	}
	for _, p := range policies {
		sort.Slice(p.Editions, func(i, j int) bool {
			return langOrder[p.Editions[i].Lang] < langOrder[p.Editions[j].Lang]
		})
		site.Policies = append(site.Policies, p)
	}
	sort.Slice(site.Policies, func(i, j int) bool { return site.Policies[i].Slug < site.Policies[j].Slug })
	for _, slug := range cfg.Order {
		if _, ok := policies[slug]; !ok {
			diags.Warnf(sitedir.Config, 0, 0, "order names %q, which is no policy this build publishes (content/%s/); it is left out of the order", slug, slug)
		}
	}

	for k := range unread {
		broken[k] = true
	}
	diags.Add(checkTranslates(site, translations, drafts, broken))
	for _, p := range site.Policies {
		diags.Add(markBehind(p, cfg.AuthoritativeLanguage, broken, where))
	}
	return site, diags
}

// fileOf maps each version to the file it was read from.
type fileOf map[*Version]File

// pos returns where v's file writes key, else its last_updated, else 0, 0.
func (w fileOf) pos(v *Version, key string) (line, col int) {
	f := w[v]
	if l := f.Lines[key]; l > 0 {
		return l, f.Cols[key]
	}
	return f.Lines["last_updated"], f.Cols["last_updated"]
}

// undeclared is the error for a file in a language site.toml does not
// declare: most often a misspelt code (se.md for sv.md).
func undeclared(lang string, langs []Language) string {
	codes := make([]string, len(langs))
	for i, l := range langs {
		codes[i] = l.Code
	}
	if near := suggest.Closest(lang, codes); near != "" {
		return fmt.Sprintf("language %q is not declared in site.toml; did you mean %q? Rename the file to %s.md, or add [languages.%s] with a name", lang, near, near, lang)
	}
	return fmt.Sprintf("language %q is not declared in site.toml; add [languages.%s] with a name, or rename the file", lang, lang)
}

// edition identifies one policy in one language before its Edition is built.
type edition struct{ policy, lang string }

func firstOr(lines []int) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[0]
}

// buildEdition orders one policy-language's versions, checks the rules that
// tie them together, and decides their status.
func buildEdition(group []File, cfg Config) (*Edition, diag.List) {
	var diags diag.List
	sort.Slice(group, func(i, j int) bool {
		if c := group[i].Version.Date.Compare(group[j].Version.Date); c != 0 {
			return c < 0
		}
		return group[i].Version.SourcePath < group[j].Version.SourcePath
	})
	var current *File
	for i := range group {
		if group[i].Archived.IsZero() {
			current = &group[i]
		}
	}
	ok := true
	for i := 1; i < len(group); i++ {
		a, b := group[i-1], group[i]
		if a.Version.Date == b.Version.Date {
			diags.Errorf(b.Version.SourcePath, b.Lines["last_updated"], 1, "last_updated %s is also the date of %s; every version needs its own date", b.Version.Date, a.Version.SourcePath)
			ok = false
		}
	}
	if current != nil {
		newest := group[len(group)-1]
		if newest.Version != current.Version && newest.Version.Date != current.Version.Date {
			diags.Errorf(current.Version.SourcePath, current.Lines["last_updated"], 1, "last_updated %s is older than the archived version %s; the current file must be the newest version (archive it with `gen new-version`)", current.Version.Date, newest.Version.SourcePath)
			ok = false
		}
	}
	if !ok {
		return nil, diags
	}

	ed := &Edition{Lang: group[0].Lang}
	for i, f := range group {
		v := f.Version
		v.Edition = ed
		if v.Effective.IsZero() {
			v.Effective = v.Date
		}
		if i > 0 {
			v.Previous = ed.Versions[i-1]
			ed.Versions[i-1].Next = v
		}
		diags.Add(checkChange(v, f))
		diags.Add(checkWithdraws(v, f))
		ed.Versions = append(ed.Versions, v)
	}
	decideStatus(ed, cfg.Now)
	return ed, diags
}

// checkChange asks every version but the first to say what changed: a
// published one without a summary would publish an empty notice (or none),
// so that is an error; a draft, still being written, gets a warning.
func checkChange(v *Version, f File) diag.List {
	var diags diag.List
	report := unlessArchived(&diags, v)
	if v.Draft {
		report = diags.Warnf
	}
	switch {
	case v.Previous != nil && v.Change == nil:
		report(v.SourcePath, 0, 0, "no [change]: every version but the first must say what changed; add [change] with summary = \"…\" (and kind = \"editorial\", \"minor\" or \"material\")")
	case v.Change != nil && v.Change.Summary == "" && v.Previous != nil:
		report(v.SourcePath, f.Lines["change"], 1, "[change] has no summary, so readers would get an empty change notice; write what changed in summary = \"…\"")
	case v.Change != nil && v.Change.Summary == "":
		diags.Warnf(v.SourcePath, f.Lines["change"], 1, "[change] has no summary; readers see an empty change notice")
	}
	if v.Editorial() && v.Previous != nil && processorsChanged(v.Previous.Processors, v.Processors) {
		report(v.SourcePath, f.Lines["change"], 1, "kind = \"editorial\", but this version changes the processors, which readers must be told of; make it kind = \"minor\" or \"material\"")
	}
	return diags
}

// processorsChanged reports whether two lists of processors differ, in
// anything a reader could be told.
func processorsChanged(a, b []Processor) bool { return !slices.Equal(a, b) }

// checkWithdraws checks that a version withdraws only the version right
// before it, and only one that had not taken effect when this one was
// written: a version in force is replaced, not withdrawn.
func checkWithdraws(v *Version, f File) diag.List {
	var diags diag.List
	if v.Withdraws.IsZero() {
		return nil
	}
	report := unlessArchived(&diags, v)
	line, col := f.Lines["withdraws"], f.Cols["withdraws"]
	p := v.Previous
	switch {
	case p == nil:
		report(v.SourcePath, line, col, "withdraws = %s, but this is the first version: there is nothing to withdraw; remove withdraws", v.Withdraws)
	case p.Date != v.Withdraws:
		report(v.SourcePath, line, col, "withdraws = %s, but the version before this one is of %s; a version can withdraw only the one right before it: write withdraws = %s, or remove it", v.Withdraws, p.Date, p.Date)
	case !p.Effective.After(v.Date):
		report(v.SourcePath, line, col, "withdraws = %s, but that version took effect on %s, before this one was written (%s): a version in force cannot be withdrawn, only replaced; remove withdraws", v.Withdraws, p.Effective, v.Date)
	default:
		p.WithdrawnBy = v
	}
	return diags
}

// decideStatus applies the rule "the version in force on a day is the newest
// whose effective date has arrived" to cfg.Now and, for archived versions,
// to the days after them, which gives each its in-force interval.
func decideStatus(ed *Edition, now date.Date) {
	vs := ed.Versions
	inForce := slices.Index(vs, ed.InForceOn(now))
	for i, v := range vs {
		switch {
		case i == inForce:
			v.Status = InForce
			ed.InForce = v
		case i > inForce:
			v.Status = Upcoming
			ed.Upcoming = append(ed.Upcoming, v)
			// A newer version taking effect on or before this one's day
			// is in force then instead: this one never will be, and no
			// page may announce it as coming. Nor will a withdrawn one.
			v.NeverInForce = v.Withdrawn()
			for _, later := range vs[i+1:] {
				if !later.Withdrawn() && !later.Effective.After(v.Effective) {
					v.NeverInForce = true
					v.ReplacedBy = later // the newest such: in force on the day
				}
			}
		default:
			v.Status = Archived
			// Superseded on the earliest effective date among later
			// versions that have arrived.
			var until date.Date
			for _, later := range vs[i+1:] {
				if !later.Withdrawn() && !later.Effective.After(now) && (until.IsZero() || later.Effective.Before(until)) {
					until = later.Effective
				}
			}
			v.Until = until
			v.NeverInForce = v.Withdrawn() || !v.Effective.Before(until)
		}
	}
	ed.Shown = ed.InForce
	if ed.Shown == nil && len(vs) > 0 {
		ed.Shown = vs[len(vs)-1]
	}
}

// markBehind finds translations that lag the authoritative language's newest
// version, by the version they say they translate or else by date, and
// decides which authoritative version their notice points to. An edition
// in unknown (a file of it failed) is not judged: its newest version may
// be the one that failed.
func markBehind(p *Policy, authoritative string, unknown map[edition]bool, where fileOf) diag.List {
	var diags diag.List
	auth := p.Edition(authoritative)
	if auth == nil || len(auth.Versions) == 0 || unknown[edition{p.Slug, authoritative}] {
		return nil
	}
	newest := auth.Newest()
	for _, ed := range p.Editions {
		if ed == auth || len(ed.Versions) == 0 || unknown[edition{p.Slug, ed.Lang}] {
			continue
		}
		latest := ed.Newest()
		basis := latest.Translates
		if basis.IsZero() {
			basis = latest.Date
		}
		if basis.Before(newest.Date) {
			ed.Behind = lagged(auth, basis)
			line, col := where.pos(latest, "translates")
			diags.Warnf(latest.SourcePath, line, col, "translation lags behind: it translates %s but %s has a version of %s",
				basis, newest.SourcePath, newest.Date)
		}
	}
	return diags
}

// lagged is the authoritative version a translation of the version of
// basis points its readers to. When the translation is older than the
// version in force, that is the version in force, which prevails. When it
// lags only versions that have not taken effect, it is the first of them to
// take effect: a notice must not say a text prevails before it does.
func lagged(auth *Edition, basis date.Date) *Version {
	if auth.InForce != nil && basis.Before(auth.InForce.Date) {
		return auth.InForce
	}
	for _, v := range auth.Coming() {
		if v.Date.After(basis) {
			return v
		}
	}
	return nil
}

// checkTranslates makes sure every translates names a version of the same
// policy in the authoritative language that this build publishes: a
// translation that points at nothing, or at a text nobody can read yet,
// would make its notice and versions.json claim something untrue.
func checkTranslates(site *Site, files []File, drafts map[edition][]*Version, broken map[edition]bool) diag.List {
	var diags diag.List
	authLang := site.AuthoritativeLanguage
	if authLang == "" {
		// Only a warning, and one for the site rather than one per file:
		// archived files are frozen, so a site that has no language prevail
		// (any more) could not remove translates from them. It points at a
		// current file, which can still be changed, when there is one.
		if len(files) > 0 {
			f := slices.MinFunc(files, func(a, b File) int {
				if a.Archived.IsZero() != b.Archived.IsZero() {
					if a.Archived.IsZero() {
						return -1
					}
					return 1
				}
				return strings.Compare(a.Version.SourcePath, b.Version.SourcePath)
			})
			others := ""
			if n := len(files) - 1; n == 1 {
				others = " (here and in 1 other file)"
			} else if n > 1 {
				others = fmt.Sprintf(" (here and in %d other files)", n)
			}
			diags.Warnf(f.Version.SourcePath, f.Lines["translates"], f.Cols["translates"], "site.toml sets no authoritative_language, so translates%s is not checked and no translation notice is shown; set authoritative_language to the language that prevails, or remove translates", others)
		}
		return diags
	}
	for _, f := range files {
		k := edition{f.Policy, authLang}
		if broken[k] {
			continue // its own errors are reported; its versions are unknown
		}
		v := f.Version
		line, col := f.Lines["translates"], f.Cols["translates"]
		var published []date.Date
		auth := site.Edition(authLang, f.Policy)
		if auth != nil {
			if target := auth.Version(v.Translates); target != nil {
				if target.Draft && !v.Draft {
					diags.Warnf(v.SourcePath, line, col, "translates = %s names a draft (%s); `gen build` will refuse this file until that version is published or this file is a draft too", v.Translates, target.SourcePath)
				}
				continue
			}
			for _, av := range auth.Versions {
				published = append(published, av.Date)
			}
		}
		hint := "remove translates"
		if near := nearest(published, v.Translates, 3); len(near) > 0 {
			hint = "name the last_updated of the version this text translates; the nearest are " + strings.Join(near, ", ")
			if len(near) == 1 {
				hint = "name the last_updated of the version this text translates: " + near[0]
			}
		}
		i := slices.IndexFunc(drafts[k], func(d *Version) bool { return d.Date == v.Translates })
		report := unlessArchived(&diags, v)
		switch {
		case i >= 0:
			report(v.SourcePath, line, col, "translates = %s names a draft (%s), which is not published; publish that version first (remove its draft = true), mark this file draft = true too, or %s", v.Translates, drafts[k][i].SourcePath, hint)
		case auth == nil:
			report(v.SourcePath, line, col, "translates = %s, but %s has no published text in %s, the authoritative language, for this file to translate; publish it, or remove translates", v.Translates, f.Policy, authLang)
		default:
			report(v.SourcePath, line, col, "translates = %s, but %s has no version in %s (the authoritative language) dated %s; %s", v.Translates, f.Policy, authLang, v.Translates, hint)
		}
	}
	return diags
}

// unlessArchived reports a problem in v's file as an error, or as a warning
// when the file lies in the archive: archived files may never be edited
// (gen check --base refuses it), so an error there could not be fixed, and
// a site upgrading gen would stop building.
func unlessArchived(diags *diag.List, v *Version) func(path string, line, col int, format string, args ...any) {
	if !v.InArchive {
		return diags.Errorf
	}
	return func(path string, line, col int, format string, args ...any) {
		// The message's hint, after its first "; ", asks for an edit.
		problem, _, _ := strings.Cut(fmt.Sprintf(format, args...), "; ")
		diags.Warnf(path, line, col, "%s; this archived file may not be edited, so it stays as published", problem)
	}
}

// nearest returns up to n of dates, nearest to d first (the earlier of two
// equally near), as YYYY-MM-DD.
func nearest(dates []date.Date, d date.Date, n int) []string {
	dist := func(e date.Date) time.Duration {
		gap := e.Time().Sub(d.Time())
		if gap < 0 {
			return -gap
		}
		return gap
	}
	sorted := slices.Clone(dates)
	slices.SortStableFunc(sorted, func(a, b date.Date) int {
		if c := cmp.Compare(dist(a), dist(b)); c != 0 {
			return c
		}
		return a.Compare(b)
	})
	var out []string
	for _, e := range sorted[:min(n, len(sorted))] {
		out = append(out, e.String())
	}
	return out
}

// Edition returns the policy's edition in lang, or nil.
func (p *Policy) Edition(lang string) *Edition {
	for _, ed := range p.Editions {
		if ed.Lang == lang {
			return ed
		}
	}
	return nil
}

// Edition returns the policy's edition in lang, or nil when the site has
// no such policy or not in that language.
func (s *Site) Edition(lang, policy string) *Edition {
	for _, p := range s.Policies {
		if p.Slug == policy {
			return p.Edition(lang)
		}
	}
	return nil
}

// Language returns the declared language with code, and whether it exists.
func (s *Site) Language(code string) (Language, bool) {
	for _, l := range s.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Version returns the edition's version of d, or nil.
func (ed *Edition) Version(d date.Date) *Version {
	for _, v := range ed.Versions {
		if v.Date == d {
			return v
		}
	}
	return nil
}

// InForceOn returns the version in force on day d by the rule every
// status follows: the newest version whose effective date has arrived,
// leaving out the withdrawn ones. It is nil before the first one took
// effect.
func (ed *Edition) InForceOn(d date.Date) *Version {
	for i := len(ed.Versions) - 1; i >= 0; i-- {
		if v := ed.Versions[i]; !v.Withdrawn() && !v.Effective.After(d) {
			return ed.Versions[i]
		}
	}
	return nil
}

// Newest returns the edition's newest version.
func (ed *Edition) Newest() *Version { return ed.Versions[len(ed.Versions)-1] }

// String names the version for messages: "privacy/en 2024-05-10".
func (v *Version) String() string {
	return fmt.Sprintf("%s/%s %s", v.Edition.Policy.Slug, v.Edition.Lang, v.Date)
}

// NoEdition says why the site has no edition of policy in lang, for a
// command that names them, with the name most likely meant: a mistyped
// policy, a language the site does not have, or one the policy is not
// published in.
func (s *Site) NoEdition(policy, lang string) string {
	var slugs []string
	var p *Policy
	for _, q := range s.Policies {
		slugs = append(slugs, q.Slug)
		if q.Slug == policy {
			p = q
		}
	}
	if p == nil {
		if near := suggest.Closest(policy, slugs); near != "" {
			return fmt.Sprintf("no policy %q; did you mean %q?", policy, near)
		}
		return fmt.Sprintf("no policy %q; the policies are %s", policy, strings.Join(slugs, ", "))
	}
	var langs []string
	for _, ed := range p.Editions {
		langs = append(langs, ed.Lang)
	}
	if _, declared := s.Language(lang); !declared {
		var codes []string
		for _, l := range s.Languages {
			codes = append(codes, l.Code)
		}
		if near := suggest.Closest(lang, codes); near != "" {
			return fmt.Sprintf("no language %q in site.toml; did you mean %q?", lang, near)
		}
		return fmt.Sprintf("no language %q in site.toml; the languages are %s", lang, strings.Join(codes, ", "))
	}
	return fmt.Sprintf("policy %q has no version in %q; it is published in %s", policy, lang, strings.Join(langs, ", "))
}
