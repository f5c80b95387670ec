package redline

import (
	"fmt"
	"testing"

	"github.com/policygen/gen/generator/model"
)

func TestProcessors(t *testing.T) {
	hubspot := model.Processor{Name: "Hubspot", Location: "EU", Purpose: "Book meetings"}
	stripe := model.Processor{Name: "Stripe", Location: "US", Purpose: "Payments", Transfer: "SCC"}
	hotjar := model.Processor{Name: "Hotjar", Location: "EU", Purpose: "Analytics"}

	tests := []struct {
		name     string
		old, new []model.Processor
		want     string
	}{
		{"none", nil, nil, "[]"},
		{"identical", []model.Processor{hubspot, stripe}, []model.Processor{hubspot, stripe}, "[]"},
		{"added", []model.Processor{hubspot}, []model.Processor{hubspot, hotjar}, "[added Hotjar []]"},
		{"removed", []model.Processor{hubspot, stripe}, []model.Processor{hubspot}, "[removed Stripe []]"},
		{
			"changed field",
			[]model.Processor{stripe},
			[]model.Processor{{Name: "Stripe", Location: "EU", Purpose: "Payments"}},
			"[changed Stripe [{location US EU} {transfer SCC }]]",
		},
		{
			"matched by name case-insensitively and trimmed",
			[]model.Processor{hubspot},
			[]model.Processor{{Name: " HubSpot ", Location: "EU", Purpose: "Book  meetings"}},
			"[changed  HubSpot  [{name Hubspot  HubSpot }]]",
		},
		{
			"all kinds, grouped",
			[]model.Processor{hubspot, stripe},
			[]model.Processor{hotjar, {Name: "hubspot", Location: "US", Purpose: "Book meetings"}},
			"[added Hotjar [] removed Stripe [] changed hubspot [{name Hubspot hubspot} {location EU US}]]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Processors(tt.old, tt.new)
			var s []string
			for _, c := range got {
				s = append(s, fmt.Sprintf("%s %s %v", c.Kind, c.Name, c.Fields))
				switch c.Kind {
				case "added":
					if c.Old != nil || c.New == nil {
						t.Errorf("added %s: Old=%v New=%v", c.Name, c.Old, c.New)
					}
				case "removed":
					if c.Old == nil || c.New != nil {
						t.Errorf("removed %s: Old=%v New=%v", c.Name, c.Old, c.New)
					}
				case "changed":
					if c.Old == nil || c.New == nil {
						t.Errorf("changed %s: Old=%v New=%v", c.Name, c.Old, c.New)
					}
				}
			}
			if fmt.Sprint(s) != tt.want && !(len(s) == 0 && tt.want == "[]") {
				t.Errorf("Processors = %v\nwant %v", s, tt.want)
			}
		})
	}
}
