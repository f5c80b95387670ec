package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/redline"
)

// RedlineView is a comparison page.
type RedlineView struct {
	PolicyTitle      string
	From, To         *model.Version
	FromDate, ToDate string
	FromURL, ToURL   string
	Change           *model.Change // the newer version's change notice, for changes/ pages
	Counts           string
	ChangedSections  []Link
	Groups           []SectionGroup
	Processors       []ProcessorChangeView
	Meta             []MetaChange
	NoChanges        bool
	HistoryURL       string
	// Skipped says how many versions lie between the two of a compare/
	// page; "" on a changes/ page, whose versions are neighbours.
	Skipped string
	// Bound is set on the changes/ page of a version whose previous one
	// never came into force: the comparison readers need.
	Bound *BoundNotice
}

// SectionGroup is a run of sections: changed ones shown, unchanged ones
// collapsed, so a two-word change in a long policy is found at once.
type SectionGroup struct {
	Collapsed bool
	Label     string // "3 unchanged sections"
	Sections  []SectionView
}

// SectionView is one section of a redline with its blocks' HTML joined:
// a policy has hundreds of blocks, and joining them here spares the
// template a step per block on thousands of pages.
type SectionView struct {
	ID      string
	Heading string
	Changed bool
	HTML    template.HTML
	// Previous and Next link the changed sections before and after a
	// changed one, to move through the changes; "" at either end.
	Previous, Next string
}

func (r *Renderer) sectionView(s redline.Section) SectionView {
	var b strings.Builder
	n := len(s.Blocks)
	for _, blk := range s.Blocks {
		n += len(blk.HTML)
	}
	b.Grow(n) // once: sections add up to hundreds of megabytes in a build
	for i, blk := range s.Blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(blk.HTML))
	}
	html := b.String()
	// On a site under a path, a link from the site's root gets the path,
	// as on the version's page.
	if u := r.site.URLs; u.Path() != "" && strings.Contains(html, `href="/`) {
		html = string(rewrite([]byte(html), rewriting{link: u.Link}))
	}
	// The blocks are HTML the redline package escaped and built.
	return SectionView{ID: s.ID, Heading: s.Heading, Changed: s.Changed, HTML: template.HTML(html)}
}

// ProcessorChangeView is one processor added, removed or changed.
type ProcessorChangeView struct {
	Kind   string // localized
	Class  string // "added", "removed", "changed"
	Name   string
	Fields []FieldChangeView
}

// FieldChangeView is one changed processor field, with a localized name.
type FieldChangeView struct {
	Field, Old, New string
}

// MetaChange is a change to the front matter a reader cares about.
type MetaChange struct {
	Label, Old, New string
}

// redlineJob renders an edition's comparisons in one job, so each version
// is parsed for comparison once, and the parses are dropped when the job
// ends instead of piling up for the whole site (unless Options.Memos keeps
// them for the next render).
func (r *Renderer) redlineJob(ed *derive.Edition) job {
	fk := history(ed)
	frame := fk.shows()
	j := job{}
	for _, c := range ed.Comparisons {
		view := []derive.Key{derive.ComparisonOf(c)}
		if c.Changes {
			// It offers the comparison with the version readers were
			// bound by when the one before never came into force,
			// which the edition's front matter decides.
			view = append(view, derive.EditionFrontMatter(ed.Edition))
		}
		j.group = append(j.group, planned{r.site.URLs.File(r.comparisonURL(c)), frame, view})
	}
	j.write = func(w output.Writer, keep func(string) bool) error {
		docs := map[*model.Version]*redline.Doc{}
		redlines := map[[2]*model.Version]*redline.Redline{}
		key := memoKey{ed.Policy.Slug, ed.Lang, r.cat.T(ed.Lang, "redline.inserted"), r.cat.T(ed.Lang, "redline.deleted"), r.opts.UnsafeHTML}
		memo := r.opts.Memos.take(key)
		defer r.opts.Memos.give(key, memo)
		doc := func(v *model.Version) (*redline.Doc, error) {
			if d, ok := docs[v]; ok {
				return d, nil
			}
			body, err := content.ReadBody(r.fsys, v)
			if err != nil {
				return nil, err
			}
			// With the memo, the chunks versions share are parsed once.
			d := redline.Parse(body, redline.Options{UnsafeHTML: r.opts.UnsafeHTML, Memo: memo, ReservedIDs: ReservedIDs()})
			docs[v] = d
			return d, nil
		}
		for _, c := range ed.Comparisons {
			path := r.site.URLs.File(r.comparisonURL(c))
			if !keep(path) {
				continue // serve redoes only the comparisons an edit affects
			}
			from, err := doc(c.From)
			if err != nil {
				return err
			}
			to, err := doc(c.To)
			if err != nil {
				return err
			}
			// A version's changes/ page and its comparison with the version
			// in force are often the same pair: compare it once.
			pair := [2]*model.Version{c.From, c.To}
			rl, ok := redlines[pair]
			if !ok {
				rl = redline.CompareDocs(from, to, redline.Options{
					UnsafeHTML:    r.opts.UnsafeHTML,
					InsertedLabel: key.inserted,
					DeletedLabel:  key.deleted,
					Memo:          memo,
					ReservedIDs:   ReservedIDs(),
				})
				redlines[pair] = rl
			}
			b, err := r.execute("redline.html", r.redlinePage(r.frame(fk), c, rl))
			if err == nil {
				err = w.WriteFile(path, b)
				r.release(b)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	return j
}

// redlinePage renders one comparison.
func (r *Renderer) redlinePage(f *Frame, c *derive.Comparison, rl *redline.Redline) *Page {
	ed := c.To.Edition
	lang, slug := ed.Lang, ed.Policy.Slug
	u := r.site.URLs
	title := r.cat.T(lang, "redline.title", "policy", c.To.Title)
	if !c.Changes {
		title = r.cat.T(lang, "redline.compare_title", "policy", c.To.Title, "from", r.cat.Date(lang, c.From.Date), "to", r.cat.Date(lang, c.To.Date))
	}
	p := r.newPage(f, r.comparisonURL(c), title)
	p.NoIndex = c.From.Draft || c.To.Draft

	v := &RedlineView{
		PolicyTitle: c.To.Title,
		From:        c.From,
		To:          c.To,
		FromDate:    p.Date(c.From.Date),
		ToDate:      p.Date(c.To.Date),
		FromURL:     u.Version(lang, slug, c.From.Date),
		ToURL:       u.Version(lang, slug, c.To.Date),
		HistoryURL:  u.History(lang, slug),
		Counts: r.cat.T(lang, "redline.counts",
			"sections", strconv.Itoa(rl.SectionsChanged),
			"added", strconv.Itoa(rl.WordsAdded),
			"removed", strconv.Itoa(rl.WordsRemoved)),
	}
	v.Change = c.Change
	if !c.Changes {
		v.Skipped = r.skipped(c)
	}
	if to := r.site.Version(c.To); c.Changes && to.BoundCompare != nil {
		v.Bound = r.boundNotice(p, to.BoundCompare, to.Skipped)
	}
	for _, pc := range redline.Processors(c.From.Processors, c.To.Processors) {
		view := ProcessorChangeView{Kind: r.cat.T(lang, "redline.processor_"+pc.Kind), Class: pc.Kind, Name: pc.Name}
		for _, f := range pc.Fields {
			view.Fields = append(view.Fields, FieldChangeView{Field: r.cat.T(lang, i18n.ProcessorField(f.Field)), Old: f.Old, New: f.New})
		}
		v.Processors = append(v.Processors, view)
	}
	for _, f := range redline.FrontMatter(c.From, c.To) {
		old, new := f.Old, f.New
		if !f.OldDate.IsZero() {
			old, new = p.Date(f.OldDate), p.Date(f.NewDate)
		}
		v.Meta = append(v.Meta, MetaChange{r.cat.T(lang, "redline."+f.Field+"_changed"), old, new})
	}
	for _, s := range rl.Sections {
		if s.Changed {
			label := s.Heading
			if label == "" {
				label = "—"
			}
			v.ChangedSections = append(v.ChangedSections, Link{Label: label, Href: "#" + s.ID})
		}
		n := len(v.Groups)
		if n == 0 || v.Groups[n-1].Collapsed == s.Changed {
			v.Groups = append(v.Groups, SectionGroup{Collapsed: !s.Changed})
			n++
		}
		v.Groups[n-1].Sections = append(v.Groups[n-1].Sections, r.sectionView(s))
	}
	var changed []*SectionView
	for i := range v.Groups {
		if !v.Groups[i].Collapsed {
			for j := range v.Groups[i].Sections {
				changed = append(changed, &v.Groups[i].Sections[j])
			}
		}
	}
	for i, s := range changed {
		if i > 0 {
			s.Previous = "#" + changed[i-1].ID
		}
		if i+1 < len(changed) {
			s.Next = "#" + changed[i+1].ID
		}
	}
	for i := range v.Groups {
		g := &v.Groups[i]
		if g.Collapsed {
			if len(g.Sections) == 1 {
				g.Label = r.cat.T(lang, "redline.unchanged_one")
			} else {
				g.Label = r.cat.T(lang, "redline.unchanged", "count", strconv.Itoa(len(g.Sections)))
			}
		}
	}
	v.NoChanges = rl.SectionsChanged == 0 && len(v.Processors) == 0 && len(v.Meta) == 0
	p.Redline = v
	return p
}

// skipped says how many of the edition's versions lie between the two a
// comparison spans.
func (r *Renderer) skipped(c *derive.Comparison) string {
	lang := c.To.Edition.Lang
	n := 0
	for _, v := range c.To.Edition.Versions {
		if v.Date.After(c.From.Date) && c.To.Date.After(v.Date) {
			n++
		}
	}
	switch n {
	case 0:
		return r.cat.T(lang, "redline.skipped_none")
	case 1:
		return r.cat.T(lang, "redline.skipped_one")
	}
	return r.cat.T(lang, "redline.skipped_many", "count", strconv.Itoa(n))
}

// Memos keeps the redline memos of the editions rendered last, from one
// render to the next, for `gen serve`: after a save, the edited edition's
// comparisons are computed again, and all but the edited version's
// paragraphs were parsed and compared in the render before. A redline is
// the same with or without a memo. The nil *Memos keeps nothing.
type Memos struct {
	mu    sync.Mutex
	kept  map[memoKey]*redline.Memo
	uses  map[memoKey]int // renders since the memo was new
	order []memoKey       // kept keys, the most recently given last
}

// memoKey is everything a memo's contents depend on besides the text.
type memoKey struct {
	policy, lang      string
	inserted, deleted string // the labels baked into modified blocks
	unsafe            bool
}

const (
	// memoEditions is how many editions' memos are kept: an author edits
	// one policy at a time, and a memo of a large edition holds megabytes.
	memoEditions = 4
	// memoUses bounds how long a memo is kept: it grows with every saved
	// version, so after this many renders of its edition it starts afresh.
	memoUses = 32
)

// NewMemos returns an empty Memos.
func NewMemos() *Memos {
	return &Memos{kept: map[memoKey]*redline.Memo{}, uses: map[memoKey]int{}}
}

// take hands out the edition's memo, or a new one; until it is given back,
// another job asking for it gets a new one, as a memo serves one job at a
// time.
func (m *Memos) take(k memoKey) *redline.Memo {
	if m == nil {
		return redline.NewMemo()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	memo, ok := m.kept[k]
	if !ok || m.uses[k] >= memoUses {
		m.uses[k] = 0
		return redline.NewMemo()
	}
	m.forget(k)
	return memo
}

// give keeps memo for the edition's next render, and lets go of the
// memo given longest ago when more than memoEditions are kept.
func (m *Memos) give(k memoKey, memo *redline.Memo) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.forget(k)
	m.uses[k]++
	m.kept[k] = memo
	m.order = append(m.order, k)
	if len(m.order) > memoEditions {
		old := m.order[0]
		m.forget(old)
		delete(m.uses, old)
	}
}

// forget drops k's memo.
func (m *Memos) forget(k memoKey) {
	delete(m.kept, k)
	m.order = slices.DeleteFunc(m.order, func(o memoKey) bool { return o == k })
}
