package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/sitedir"
)

// ProcessorNotice holds the versions that add a processor to GDPR Art.
// 28(2)'s advance notice: one that git revision base did not publish yet
// is published by the change being checked, today, so it must take effect
// at least site.toml's processor_notice_days later, to leave customers
// time to object. A version base published was checked when it was new;
// a policy's first version adds no processor to any before it.
func ProcessorNotice(site, base string, s *derive.Site) diag.List {
	var diags diag.List
	g, err := openBase(site, base)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "%v", err)
		return diags
	}
	_, atBase, err := g.lsTree(base, sitedir.Content)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "%v", err)
		return diags
	}
	earliest := s.Now.AddDays(s.ProcessorNoticeDays)
	for _, p := range s.Policies {
		for _, ed := range p.Editions {
			for _, v := range ed.Versions {
				added := addedProcessors(s.Version(v))
				if v.Draft || len(added) == 0 || !v.Effective.Before(earliest) || g.published(base, atBase, v) {
					continue
				}
				line, col := effectivePos(site, v)
				when := fmt.Sprintf("%d days after it is published today (%s)", daysBetween(s.Now, v.Effective), s.Now)
				if v.Effective.Before(s.Now) {
					when = fmt.Sprintf("before it is published today (%s)", s.Now)
				}
				diags.Errorf(v.SourcePath, line, col, "adds %s, but takes effect on %s, %s; customers must be told of a new processor %d days ahead (processor_notice_days in site.toml) to be able to object: set effective = %s or later",
					strings.Join(added, " and "), v.Effective, when, s.ProcessorNoticeDays, earliest)
			}
		}
	}
	return diags
}

// addedProcessors names, quoted, the processors v adds to those of the
// version before it.
func addedProcessors(v *derive.Version) []string {
	var out []string
	for _, c := range v.ProcessorChanges {
		if c.Kind == "added" {
			out = append(out, "the processor "+c.Name)
		}
	}
	return out
}

// published reports whether base had published v: its archived file was
// there, or the current file was, with v's date and not a draft. What was
// behind a link in base is taken as published, since base cannot say.
func (g *git) published(base string, atBase treeEntries, v *model.Version) bool {
	loc, problem := sitedir.Locate(v.SourcePath)
	if problem != "" {
		return false
	}
	if atBase.has(sitedir.Archived(loc.Policy, v.Date, loc.Lang)) {
		return true
	}
	current := sitedir.Current(loc.Policy, loc.Lang)
	if _, ok := atBase[current]; !ok {
		return false
	}
	old, err := g.show(base, current)
	if err != nil {
		return false
	}
	meta, _, _, d := frontmatter.Parse(current, old)
	return !d.HasErrors() && !meta.Draft && meta.LastUpdated == v.Date
}

// effectivePos is where v's file sets effective, or else last_updated:
// what to change.
func effectivePos(site string, v *model.Version) (line, col int) {
	src, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(v.SourcePath)))
	if err != nil {
		return 0, 0
	}
	meta, _, _, _ := frontmatter.Parse(v.SourcePath, src)
	if l := meta.Lines["effective"]; l > 0 {
		return l, meta.Cols["effective"]
	}
	return meta.Lines["last_updated"], meta.Cols["last_updated"]
}

// daysBetween counts the days from a to b.
func daysBetween(a, b date.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }
