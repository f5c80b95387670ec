package record_test

import (
	"testing"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/corpus"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
)

// BenchmarkSiteRecord writes policies.json of the large corpus (5.6 MB):
// whole, as encoding/json indents it; from its editions' parts; and as
// `gen serve` does after a save, with every part but one kept.
//
//	go test -run='^$' -bench=BenchmarkSiteRecord -count=6 ./generator/record/
func BenchmarkSiteRecord(b *testing.B) {
	site := b.TempDir()
	if err := corpus.Write(site, corpus.Large()); err != nil {
		b.Fatal(err)
	}
	loaded, diags := build.Load(build.Options{Site: site, Now: "2026-11-23"})
	if diags.HasErrors() {
		b.Fatal(diags.Errors())
	}
	d := derive.New(loaded.Site)
	fresh := func(ed *model.Edition) ([]byte, error) { return record.EditionInSite(d, ed) }
	kept := map[*model.Edition][]byte{}
	for _, p := range d.Policies {
		for _, ed := range p.Editions {
			part, err := fresh(ed)
			if err != nil {
				b.Fatal(err)
			}
			kept[ed] = part
		}
	}
	saved := d.Policies[0].Editions[0]
	oneChanged := func(ed *model.Edition) ([]byte, error) {
		if ed == saved {
			return fresh(ed)
		}
		return kept[ed], nil
	}
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			if _, err := record.Marshal(record.ForSite(d)); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range []struct {
		name string
		part func(*model.Edition) ([]byte, error)
	}{{"parts", fresh}, {"one-changed", oneChanged}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := record.MarshalSite(d, c.part); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
