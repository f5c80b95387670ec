package model

import (
	"fmt"
	"regexp"
	"sort"

	"gen/generator/date"
	"gen/generator/diag"
)

// Config is what Build needs to know about the site besides its files.
type Config struct {
	Title                 string
	BaseURL               string
	DefaultLanguage       string
	AuthoritativeLanguage string
	Languages             []Language
	NoticeDays            int
	Compare               string
	Now                   date.Date
	Drafts                bool
}

// File is one parsed policy file as the content package hands it to Build.
type File struct {
	Policy   string    // the folder under content/
	Lang     string    // the file name without .md
	Archived date.Date // the archive folder's date; zero for the current file
	Version  *Version  // parsed fields, source and body; Build fills in the rest
	// Lines maps front matter keys to their 1-based line in the file, so
	// rules about versions can point at the line that breaks them.
	Lines map[string]int
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Build assembles the site from parsed files and decides every version's
// status on cfg.Now. It reports every broken version rule it finds.
func Build(cfg Config, files []File) (*Site, diag.List) {
	var diags diag.List
	site := &Site{
		Title:                 cfg.Title,
		BaseURL:               cfg.BaseURL,
		DefaultLanguage:       cfg.DefaultLanguage,
		AuthoritativeLanguage: cfg.AuthoritativeLanguage,
		Languages:             cfg.Languages,
		NoticeDays:            cfg.NoticeDays,
		Compare:               cfg.Compare,
		Now:                   cfg.Now,
		Drafts:                cfg.Drafts,
	}
	langOrder := map[string]int{}
	for i, l := range cfg.Languages {
		langOrder[l.Code] = i
	}

	type key struct{ policy, lang string }
	groups := map[key][]File{}
	for _, f := range files {
		v := f.Version
		if v.Draft && !cfg.Drafts {
			continue // a draft is left out as if it did not exist
		}
		if !slugPattern.MatchString(f.Policy) {
			diags.Errorf(v.SourcePath, 0, 0, "policy folder %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", f.Policy)
			continue
		}
		if _, ok := langOrder[f.Lang]; !ok {
			diags.Errorf(v.SourcePath, 0, 0, "language %q is not declared in site.toml; add [languages.%s] with a name, or rename the file", f.Lang, f.Lang)
			continue
		}
		if !f.Archived.IsZero() && f.Archived != v.Date {
			diags.Errorf(v.SourcePath, f.Lines["last_updated"], 1, "archived under %s but last_updated is %s; an archived file's folder must be its last_updated date", f.Archived, v.Date)
			continue
		}
		if v.Body.Placeholder && len(v.Processors) == 0 {
			diags.Errorf(v.SourcePath, firstOr(v.Body.PlaceholderLines), 1, "{{< processors >}} is used but the file lists no [[processors]]; add them to the front matter or remove the placeholder")
		}
		k := key{f.Policy, f.Lang}
		groups[k] = append(groups[k], f)
	}

	policies := map[string]*Policy{}
	for k, group := range groups {
		ed, ds := buildEdition(group, cfg)
		diags.Add(ds)
		if ed == nil {
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

	for _, p := range site.Policies {
		diags.Add(markBehind(p, cfg.AuthoritativeLanguage))
	}
	return site, diags
}

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
			if v.Change == nil {
				diags.Warnf(v.SourcePath, 0, 0, "no [change] notice; every version but the first should say what changed (add [change] with a summary)")
			}
		}
		if v.Change != nil && v.Change.Summary == "" {
			diags.Warnf(v.SourcePath, f.Lines["change"], 1, "[change] has no summary; readers see an empty change notice")
		}
		ed.Versions = append(ed.Versions, v)
	}
	decideStatus(ed, cfg.Now)
	return ed, diags
}

// decideStatus applies the rule "the version in force on a day is the newest
// whose effective date has arrived" to cfg.Now and, for archived versions,
// to the days after them, which gives each its in-force interval.
func decideStatus(ed *Edition, now date.Date) {
	vs := ed.Versions
	inForce := -1
	for i := len(vs) - 1; i >= 0; i-- {
		if !vs[i].Effective.After(now) {
			inForce = i
			break
		}
	}
	for i, v := range vs {
		switch {
		case i == inForce:
			v.Status = InForce
			ed.InForce = v
		case i > inForce:
			v.Status = Upcoming
			ed.Upcoming = append(ed.Upcoming, v)
		default:
			v.Status = Archived
			// Superseded on the earliest effective date among later
			// versions that have arrived.
			var until date.Date
			for _, later := range vs[i+1:] {
				if !later.Effective.After(now) && (until.IsZero() || later.Effective.Before(until)) {
					until = later.Effective
				}
			}
			v.Until = until
			v.NeverInForce = !v.Effective.Before(until)
		}
	}
	ed.Shown = ed.InForce
	if ed.Shown == nil && len(vs) > 0 {
		ed.Shown = vs[len(vs)-1]
	}
}

// markBehind finds translations that lag the authoritative language's newest
// version, by the version they say they translate or else by date, and
// decides which authoritative version their notice points to.
func markBehind(p *Policy, authoritative string) diag.List {
	var diags diag.List
	auth := p.Edition(authoritative)
	if auth == nil || len(auth.Versions) == 0 {
		return nil
	}
	newest := auth.Newest()
	for _, ed := range p.Editions {
		if ed == auth || len(ed.Versions) == 0 {
			continue
		}
		latest := ed.Newest()
		basis := latest.Translates
		if basis.IsZero() {
			basis = latest.Date
		}
		if basis.Before(newest.Date) {
			ed.Behind = lagged(auth, basis)
			diags.Warnf(latest.SourcePath, 0, 0, "translation lags behind: it translates %s but %s has a version of %s",
				basis, newest.SourcePath, newest.Date)
		}
	}
	return diags
}

// lagged is the authoritative version a translation of the version of
// basis points its readers to. When the translation is older than the
// version in force, that is the version in force, which prevails. When it
// lags only versions that have not taken effect, it is the first of them to
// take effect (the newest of those sharing the earliest effective date, since
// that one is in force on the day): a notice must not say a text prevails
// before it does.
func lagged(auth *Edition, basis date.Date) *Version {
	if auth.InForce != nil && basis.Before(auth.InForce.Date) {
		return auth.InForce
	}
	var next *Version
	for _, v := range auth.Upcoming {
		if v.Date.After(basis) && (next == nil || !v.Effective.After(next.Effective)) {
			next = v
		}
	}
	return next
}

// NoticeShown reports whether v's change notice is on display on now: it is
// the version in force, has a [change], and took effect less than noticeDays ago.
func NoticeShown(v *Version, now date.Date, noticeDays int) bool {
	return v.Status == InForce && v.Change != nil &&
		now.Before(v.Effective.AddDays(noticeDays))
}

// MaterialNotices returns, for one language, the versions in force whose
// material change notice is on display, which every page of the language
// announces.
func (s *Site) MaterialNotices(lang string) []*Version {
	var out []*Version
	for _, p := range s.Policies {
		for _, ed := range p.Editions {
			if ed.Lang == lang && ed.InForce != nil && ed.InForce.Change != nil &&
				ed.InForce.Change.Material && NoticeShown(ed.InForce, s.Now, s.NoticeDays) {
				out = append(out, ed.InForce)
			}
		}
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

// Newest returns the edition's newest version.
func (ed *Edition) Newest() *Version { return ed.Versions[len(ed.Versions)-1] }

// String names the version for messages: "privacy/en 2024-05-10".
func (v *Version) String() string {
	return fmt.Sprintf("%s/%s %s", v.Edition.Policy.Slug, v.Edition.Lang, v.Date)
}
