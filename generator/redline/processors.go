package redline

import (
	"slices"
	"strings"

	"github.com/policygen/gen/generator/model"
)

// ProcessorChange is a processor added, removed or changed between two
// versions.
type ProcessorChange struct {
	Kind     string // "added", "removed" or "changed"
	Name     string // new name (old when removed)
	Old, New *model.Processor
	Fields   []FieldChange // for "changed": the fields that differ, in front matter order
}

// FieldChange is one changed field of a processor.
type FieldChange struct {
	Field    string // the front matter key: "name", "location", "purpose", "country", "transfer", "url"
	Old, New string
}

// Processors compares two processor lists. Processors are matched by name,
// ignoring case and surrounding space, so "Hubspot" and "HubSpot" are one
// processor whose name changed. Values are compared with whitespace
// normalized. The result lists the added processors in the new order, then
// the removed ones in the old order, then the changed ones in the new order.
func Processors(old, new []model.Processor) []ProcessorChange {
	if slices.Equal(old, new) {
		return nil // most versions keep their processors as they were
	}
	byName := make(map[string][]int, len(old))
	for i, p := range old {
		k := processorKey(p.Name)
		byName[k] = append(byName[k], i)
	}
	matched := make([]bool, len(old))
	var added, removed, changed []ProcessorChange
	for j := range new {
		np := new[j]
		k := processorKey(np.Name)
		// Duplicate names (an error elsewhere) match in order rather than
		// all against the first.
		if q := byName[k]; len(q) > 0 {
			i := q[0]
			byName[k] = q[1:]
			matched[i] = true
			if fs := fieldChanges(old[i], np); len(fs) > 0 {
				op := old[i]
				changed = append(changed, ProcessorChange{Kind: "changed", Name: np.Name, Old: &op, New: &np, Fields: fs})
			}
			continue
		}
		added = append(added, ProcessorChange{Kind: "added", Name: np.Name, New: &np})
	}
	for i := range old {
		if !matched[i] {
			op := old[i]
			removed = append(removed, ProcessorChange{Kind: "removed", Name: op.Name, Old: &op})
		}
	}
	return append(append(added, removed...), changed...)
}

func processorKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

func fieldChanges(a, b model.Processor) []FieldChange {
	var fs []FieldChange
	cmp := func(field, x, y string) {
		if strings.Join(strings.Fields(x), " ") != strings.Join(strings.Fields(y), " ") {
			fs = append(fs, FieldChange{field, x, y})
		}
	}
	cmp("name", a.Name, b.Name)
	cmp("location", a.Location, b.Location)
	cmp("purpose", a.Purpose, b.Purpose)
	cmp("country", a.Country, b.Country)
	cmp("transfer", a.Transfer, b.Transfer)
	cmp("url", a.URL, b.URL)
	return fs
}
