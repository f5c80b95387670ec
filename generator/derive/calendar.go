package derive

import (
	"sort"

	"github.com/policygen/gen/generator/model"
)

// Calendar lists the versions lang's calendar has an event for: every
// day a published version of one of its policies took or takes effect.
// Upcoming ones are what subscribers want to hear of; past ones stay, so
// an event does not vanish from a subscribed calendar on its day. Left
// out are drafts, editorial changes (nothing changes for readers) and
// versions that never come into force. Ordered by effective date, then
// policy.
func (d *Site) Calendar(lang string) []*Version {
	var out []*Version
	for _, p := range d.Policies {
		ed := p.Edition(lang)
		if ed == nil {
			continue
		}
		for _, v := range ed.Versions {
			if !v.Draft && !v.Editorial() && !v.NeverInForce {
				out = append(out, d.versions[v])
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Effective != b.Effective {
			return a.Effective.Before(b.Effective)
		}
		return a.Edition.Policy.Slug < b.Edition.Policy.Slug
	})
	return out
}

// comesIntoForce reports whether v takes effect, or took effect: it is
// neither replaced before its day nor withdrawn.
func comesIntoForce(v *model.Version) bool { return !v.NeverInForce }
