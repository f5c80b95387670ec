package derive

import (
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
)

// Key names a part of the site that pages show: the render plan gives each
// page the keys of what it shows, and Stamp tells what a part looks like in
// one site. A page whose keys stamp the same in two sites is the same page
// in both, so `gen serve` renders again only the pages whose stamps moved,
// without knowing what any page is. Keys compare equal across builds.
//
// A part is either a set of files, stamped by their paths and bytes (what
// a page shows of a policy file comes from those bytes, its standing from
// them and the day), or a fact that spans files, stamped by its value. The
// site's configuration and the day are in every stamp; layouts and static
// files are no part of the site model: serve renders everything when they
// change.
type Key struct {
	part         part
	policy, lang string
	from, to     date.Date
}

type part uint8

const (
	settings           part = iota + 1 // the site's settings and the day
	allFiles                           // every policy file
	languageFiles                      // the files of a language's policies
	materialChanges                    // the material changes a language announces
	policyLanguages                    // the languages of a policy, and which of its translations lag
	editionFiles                       // the files of one policy in one language
	editionFrontMatter                 // the front matter of those files
	editionTitle                       // the title the edition's pages carry
	versionFile                        // one version's file
	comparison                         // two versions of an edition, compared
	policyTitles                       // a language's policies and their titles
)

// Settings names the site's settings and the day, which every file shows
// (and every other stamp includes).
func Settings() Key { return Key{part: settings} }

// AllFiles names every policy file: what a sitemap, policies.json (every
// version's fingerprints) or a language index, which lists the policies
// other languages have, shows.
func AllFiles() Key { return Key{part: allFiles} }

// LanguageFiles names the files of a language's policies: its feeds.
func LanguageFiles(lang string) Key { return Key{part: languageFiles, lang: lang} }

// Material names the material changes every page of a language announces.
func Material(lang string) Key { return Key{part: materialChanges, lang: lang} }

// PolicyLanguages names the languages a policy has and the authoritative
// version each lagging translation points to: what the pages of each
// language show of the others (hreflang alternates, the switcher, the
// translation notice).
func PolicyLanguages(p *model.Policy) Key { return Key{part: policyLanguages, policy: p.Slug} }

// PolicyTitles names a language's policies by their slugs and titles: what
// the side navigation of a policy's pages lists.
func PolicyTitles(lang string) Key { return Key{part: policyTitles, lang: lang} }

// EditionFiles names the files of an edition: everything its version and
// history pages, its versions.json and its feed show of it.
func EditionFiles(ed *model.Edition) Key {
	return Key{part: editionFiles, policy: ed.Policy.Slug, lang: ed.Lang}
}

// EditionFrontMatter names the front matter of an edition's files: which
// of its versions came into force, which is why a changes/ page offers
// the comparison with the version readers were bound by.
func EditionFrontMatter(ed *model.Edition) Key {
	return Key{part: editionFrontMatter, policy: ed.Policy.Slug, lang: ed.Lang}
}

// EditionTitle names the title an edition's pages carry around their
// content (its feed's name).
func EditionTitle(ed *model.Edition) Key {
	return Key{part: editionTitle, policy: ed.Policy.Slug, lang: ed.Lang}
}

// VersionFile names one version's file: its source.md.
func VersionFile(v *model.Version) Key {
	return Key{part: versionFile, policy: v.Edition.Policy.Slug, lang: v.Edition.Lang, from: v.Date}
}

// ComparisonOf names what a comparison page shows of its two versions:
// their files, and whether they are neighbours (then it repeats the newer
// one's change notice).
func ComparisonOf(c *Comparison) Key {
	ed := c.To.Edition
	return Key{part: comparison, policy: ed.Policy.Slug, lang: ed.Lang, from: c.From.Date, to: c.To.Date}
}

// Stamp is what the part k names looks like in the site: equal stamps of
// the same key in two sites mean the part is the same in both.
func (d *Site) Stamp(k Key) uint64 {
	w := newStamper()
	w.int(int(d.settings))
	w.int(int(k.part))
	switch k.part {
	case allFiles:
		for _, p := range d.Policies {
			for _, ed := range p.Editions {
				w.edition(ed)
			}
		}
	case languageFiles:
		for _, p := range d.Policies {
			if ed := p.Edition(k.lang); ed != nil {
				w.edition(ed)
			}
		}
	case materialChanges:
		for _, v := range d.material[k.lang] {
			w.str(v.Edition.Policy.Slug)
			w.version(v, true)
		}
	case policyLanguages:
		for _, p := range d.Policies {
			if p.Slug != k.policy {
				continue
			}
			for _, ed := range p.Editions {
				w.str(ed.Lang)
				if b := ed.Behind; b != nil {
					w.str(b.Edition.Lang)
					w.version(b, true)
					w.int(int(b.Status))
				}
			}
		}
	case editionFiles:
		if ed := d.byName[[2]string{k.policy, k.lang}]; ed != nil {
			w.edition(ed)
		}
	case editionFrontMatter:
		if ed := d.byName[[2]string{k.policy, k.lang}]; ed != nil {
			w.int(len(ed.Versions))
			for _, v := range ed.Versions {
				w.version(v, true)
			}
		}
	case policyTitles:
		for _, p := range d.Policies {
			if ed := p.Edition(k.lang); ed != nil {
				w.str(p.Slug)
				w.str(ed.Shown.Title)
			}
		}
	case editionTitle:
		if ed := d.byName[[2]string{k.policy, k.lang}]; ed != nil {
			w.str(ed.Shown.Title)
		}
	case versionFile, comparison:
		ed := d.byName[[2]string{k.policy, k.lang}]
		if ed == nil {
			break
		}
		from, to := ed.Version(k.from), ed.Version(k.to)
		for _, v := range []*model.Version{from, to} {
			if v != nil {
				w.version(v, false)
			} else {
				w.str("none")
			}
		}
		w.bool(to != nil && to.Previous == from)
	}
	return w.sum
}

// settingsStamp stamps what every page depends on: the site's settings and
// the day, which decides every version's standing.
func (d *Site) settingsStamp() uint64 {
	w := newStamper()
	w.str(d.Title)
	w.str(d.BaseURL)
	w.str(d.DefaultLanguage)
	w.str(d.AuthoritativeLanguage)
	for _, l := range d.Languages {
		w.str(l.Code)
		w.str(l.Name)
	}
	w.int(d.NoticeDays)
	w.int(d.ProcessorNoticeDays)
	w.str(d.Objection)
	w.str(d.Compare)
	w.str(d.Now.String())
	w.bool(d.Drafts)
	w.str(d.Host)
	w.bool(d.IndexArchived)
	return w.sum
}

// Combine stamps a list of stamps, in order: what a page shows of several
// parts.
func Combine(stamps ...uint64) uint64 {
	w := newStamper()
	for _, s := range stamps {
		w.int(int(s))
	}
	return w.sum
}

// stamper hashes values into a stamp with 64-bit FNV-1a, writing every
// string with its length so that no two sequences of values read alike. A
// stamp is computed for thousands of parts on every rebuild of `gen serve`:
// it allocates nothing.
type stamper struct{ sum uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newStamper() stamper { return stamper{fnvOffset} }

func (w *stamper) byte(b byte) {
	w.sum ^= uint64(b)
	w.sum *= fnvPrime
}

// int writes n as one word: each step of FNV is a bijection of the sum,
// so a word that differs always gives another stamp.
func (w *stamper) int(n int) {
	w.sum ^= uint64(n)
	w.sum *= fnvPrime
}

func (w *stamper) str(s string) {
	w.int(len(s))
	for i := 0; i < len(s); i++ {
		w.byte(s[i])
	}
}

func (w *stamper) bool(b bool) {
	if b {
		w.byte(1)
	} else {
		w.byte(0)
	}
}

// edition writes an edition's versions: their files.
func (w *stamper) edition(ed *model.Edition) {
	w.str(ed.Policy.Slug)
	w.str(ed.Lang)
	w.int(len(ed.Versions))
	for _, v := range ed.Versions {
		w.version(v, false)
	}
}

// version writes a version's file: which it is (its date, and whether it
// is archived; its edition is written with it) and its bytes, or only the
// bytes of its front matter. Its standing follows from those of its
// edition and the day.
func (w *stamper) version(v *model.Version, frontMatter bool) {
	w.int(v.Date.Year<<9 | int(v.Date.Month)<<5 | v.Date.Day)
	w.bool(v.InArchive)
	if frontMatter {
		w.int(int(v.FrontMatterSum))
		return
	}
	w.int(v.SourceSize)
	w.int(int(v.SourceSum))
}
