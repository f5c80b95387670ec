package render

import (
	"encoding/binary"
	"sync"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
)

// Records keeps the editions' parts of policies.json from one render to
// the next, for `gen serve`: the record holds every version of the site
// (megabytes on a large one) and changes with every save, but only in the
// edition saved. The nil *Records keeps nothing.
type Records struct {
	mu   sync.Mutex
	kept map[[2]string]keptRecord // by policy and language
}

type keptRecord struct {
	stamp uint64
	json  []byte
}

// NewRecords returns an empty Records.
func NewRecords() *Records { return &Records{kept: map[[2]string]keptRecord{}} }

// siteRecord writes policies.json, taking each edition's part from rs
// when what it shows is unchanged.
func (r *Renderer) siteRecord(rs *Records) ([]byte, error) {
	s := r.site
	if rs == nil {
		// A build writes it once: whole is faster than from parts.
		return record.Marshal(record.ForSite(s))
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	kept := make(map[[2]string]keptRecord, len(rs.kept))
	b, err := record.MarshalSite(s, func(ed *model.Edition) ([]byte, error) {
		k := [2]string{ed.Policy.Slug, ed.Lang}
		// What versions.json shows, and the fingerprints of the rendered
		// texts, which change with how bodies render, not only with the
		// files.
		parts := []uint64{s.Stamp(derive.Settings()), s.Stamp(derive.EditionFiles(ed))}
		for _, v := range ed.Versions {
			parts = append(parts, binary.LittleEndian.Uint64(v.Fingerprint.Text[:]))
		}
		stamp := derive.Combine(parts...)
		if old, ok := rs.kept[k]; ok && old.stamp == stamp {
			kept[k] = old
			return old.json, nil
		}
		part, err := record.EditionInSite(s, ed)
		if err != nil {
			return nil, err
		}
		kept[k] = keptRecord{stamp, part}
		return part, nil
	})
	if err != nil {
		return nil, err
	}
	rs.kept = kept // editions gone from the site are forgotten
	return b, nil
}
