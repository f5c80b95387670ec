package derive

import (
	"slices"
	"sort"
	"strings"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/redline"
)

// Processor is one processor of a language's register: every processor any
// of its policies has listed, from the versions that came (or come) into
// force, drafts left out.
type Processor struct {
	// Processor holds its current details: as the version in force lists
	// it (the newest such, when several policies do), else as the latest
	// version that lists it.
	model.Processor
	Status ProcessorStatus
	// Added is the first day a policy listed it in force (or will);
	// Removed the day the last policy listing it stopped doing so, zero
	// while one still does (or will, with a version to come).
	Added, Removed date.Date
	// Policies are the editions that list it, or last did, in the
	// site's order.
	Policies []*model.Edition
	// Changes are the versions that added, changed or removed it, in the
	// order they took (or take) effect.
	Changes []ProcessorEvent
}

// ProcessorStatus is where a processor stands on the build's day.
type ProcessorStatus uint8

const (
	ProcessorInUse    ProcessorStatus = iota // a version in force lists it
	ProcessorUpcoming                        // only versions still to take effect list it
	ProcessorRemoved                         // no version in force or to come lists it
)

func (s ProcessorStatus) String() string {
	switch s {
	case ProcessorUpcoming:
		return "upcoming"
	case ProcessorRemoved:
		return "removed"
	}
	return "in-use"
}

// ProcessorEvent is one version's change to a processor.
type ProcessorEvent struct {
	Version *model.Version
	redline.ProcessorChange
}

// Register lists lang's processors by name (see Processor), sorted by
// name without regard to case.
func (d *Site) Register(lang string) []*Processor {
	byKey := map[string]*Processor{}
	var keys []string
	entry := func(name string) *Processor {
		k := processorKey(name)
		p, ok := byKey[k]
		if !ok {
			p = &Processor{}
			byKey[k] = p
			keys = append(keys, k)
		}
		return p
	}
	// latest is the effective date of the version each entry's details
	// come from, and inForce whether that version is in force; still
	// marks those the newest version of an edition lists, removed when
	// another edition stopped listing them, and coming those a version to
	// come lists.
	latest := map[*Processor]date.Date{}
	inForce, still, coming := map[*Processor]bool{}, map[*Processor]bool{}, map[*Processor]bool{}
	removed := map[*Processor]date.Date{}
	for _, pol := range d.Policies {
		ed := pol.Edition(lang)
		if ed == nil {
			continue
		}
		var prev *model.Version // the edition's version before, among those in force
		listed := map[*Processor]bool{}
		for _, v := range ed.Versions {
			if !comesIntoForce(v) {
				continue
			}
			var before []model.Processor
			if prev != nil {
				before = prev.Processors
			}
			for _, c := range redline.Processors(before, v.Processors) {
				p := entry(c.Name)
				p.Changes = append(p.Changes, ProcessorEvent{Version: v, ProcessorChange: c})
			}
			now := map[*Processor]bool{}
			for _, pr := range v.Processors {
				p := entry(pr.Name)
				now[p] = true
				if p.Added.IsZero() || v.Effective.Before(p.Added) {
					p.Added = v.Effective
				}
				if !slices.Contains(p.Policies, ed) {
					p.Policies = append(p.Policies, ed)
				}
				coming[p] = coming[p] || v.Status == model.Upcoming
				current := v == ed.InForce
				// Details in force win over any others; among equals, the
				// newest.
				if current && !inForce[p] || current == inForce[p] && !v.Effective.Before(latest[p]) {
					p.Processor, latest[p], inForce[p] = pr, v.Effective, current
				}
			}
			for p := range listed {
				if !now[p] && removed[p].Before(v.Effective) {
					removed[p] = v.Effective
				}
			}
			listed, prev = now, v
		}
		for p := range listed {
			still[p] = true
		}
	}
	for p, day := range removed {
		if !still[p] {
			p.Removed = day
		}
	}
	var out []*Processor
	for _, k := range keys {
		p := byKey[k]
		switch {
		case inForce[p]:
			p.Status = ProcessorInUse
		case coming[p]:
			p.Status = ProcessorUpcoming
		default:
			p.Status = ProcessorRemoved
		}
		sort.SliceStable(p.Changes, func(i, j int) bool {
			return p.Changes[i].Version.Effective.Before(p.Changes[j].Version.Effective)
		})
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Name), strings.ToLower(out[j].Name)
		if a != b {
			return a < b
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// processorKey matches processors by name as package redline does:
// ignoring case and the space around and within.
func processorKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
