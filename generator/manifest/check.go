package manifest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/record"
	"github.com/policygen/gen/generator/urls"
)

// Problem is one way a copy differs from its manifest, or a manifest from
// the content it claims to publish.
type Problem struct {
	Where string // the copy's file (a path or URL), or a content file
	Msg   string
}

// CheckOptions say how to read a copy.
type CheckOptions struct {
	// Concurrency bounds the files read at once; 0 means one per core.
	Concurrency int
	// Progress, if set, is told of every file checked.
	Progress func(done, total int)
}

// CheckFiles reads every file the manifest lists from c and reports each
// one missing or different, and, when c is a folder, each file the
// manifest does not list: the copy must be exactly what was published.
func CheckFiles(ctx context.Context, c Copy, m *Manifest, opts CheckOptions) []Problem {
	workers := opts.Concurrency
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	found := make([]*Problem, len(m.Files))
	next := make(chan int)
	var done atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(m.Files)) {
		wg.Go(func() {
			for i := range next {
				found[i] = checkFile(ctx, c, m.Files[i])
				if n := done.Add(1); opts.Progress != nil {
					opts.Progress(int(n), len(m.Files))
				}
			}
		})
	}
	for i := range m.Files {
		next <- i
	}
	close(next)
	wg.Wait()

	var out []Problem
	for _, p := range found {
		if p != nil {
			out = append(out, *p)
		}
	}
	if f, ok := c.(Folder); ok {
		out = append(out, extra(f, m)...)
	}
	return out
}

func checkFile(ctx context.Context, c Copy, f File) *Problem {
	where := c.Where(f.Path)
	b, err := c.Read(ctx, f.Path, f.Size)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Problem{where, "missing: the manifest lists it"}
	case err != nil:
		return &Problem{where, fmt.Sprintf("cannot be read: %v", err)}
	case int64(len(b)) > f.Size:
		return &Problem{where, fmt.Sprintf("differs: longer than the %d bytes the manifest lists", f.Size)}
	case int64(len(b)) < f.Size:
		return &Problem{where, fmt.Sprintf("differs: %d bytes, the manifest lists %d", len(b), f.Size)}
	}
	if sum := fingerprint.Hex(sha256.Sum256(b)); sum != f.SHA256 {
		return &Problem{where, fmt.Sprintf("differs: sha256 %s, the manifest lists %s", sum, f.SHA256)}
	}
	return nil
}

// extra reports the files of a folder that the manifest does not list.
func extra(f Folder, m *Manifest) []Problem {
	listed := map[string]bool{urls.Manifest(): true, urls.ManifestSignature(): true}
	for _, file := range m.Files {
		listed[file.Path] = true
	}
	paths, err := f.list()
	if err != nil {
		return []Problem{{string(f), fmt.Sprintf("cannot be listed: %v", err)}}
	}
	var out []Problem
	for _, p := range paths {
		if !listed[p] {
			out = append(out, Problem{f.Where(p), "not in the manifest: the site published no such file"})
		}
	}
	return out
}

// CheckVersions checks the manifest, read from where, against itself:
// every version's source.md and page are among its files, and the source's
// SHA-256 is the version's source fingerprint, so that files that check
// out prove the versions too.
func CheckVersions(m *Manifest, where string) []Problem {
	files := map[string]File{}
	for _, f := range m.Files {
		files[f.Path] = f
	}
	var out []Problem
	for _, v := range m.Versions {
		src, ok := files[v.Source]
		switch {
		case !ok:
			out = append(out, Problem{where, name(v) + fmt.Sprintf(": its source %s is not among the manifest's files", v.Source)})
		case src.SHA256 != v.Fingerprint.Source:
			out = append(out, Problem{where, name(v) + fmt.Sprintf(": source fingerprint %s, but its source %s has sha256 %s", v.Fingerprint.Source, v.Source, src.SHA256)})
		}
		if _, ok := files[urls.File(v.Page)]; !ok {
			out = append(out, Problem{where, name(v) + fmt.Sprintf(": its page %s is not among the manifest's files", v.Page)})
		}
	}
	return out
}

// CompareVersions compares the manifest's versions, read from where, with
// the content they claim to publish, a site loaded for the manifest's day:
// every published version must be in the content with the same
// fingerprints, and every version of the content must be published. Drafts
// are left out on both sides: they are never published.
func CompareVersions(m *Manifest, site *model.Site, where string) []Problem {
	type key struct{ policy, lang, day string }
	content := map[key]*model.Version{}
	var order []key
	for _, p := range site.Policies {
		for _, ed := range p.Editions {
			for _, v := range ed.Versions {
				if v.Draft {
					continue
				}
				k := key{p.Slug, ed.Lang, v.Date.String()}
				content[k] = v
				order = append(order, k)
			}
		}
	}
	var out []Problem
	published := map[key]bool{}
	for _, mv := range m.Versions {
		if mv.Draft {
			continue
		}
		k := key{mv.Policy, mv.Language, mv.LastUpdated}
		published[k] = true
		v, ok := content[k]
		if !ok {
			out = append(out, Problem{where, name(mv) + ": published, but the content has no such version: it was lost, or the site was built from other content"})
			continue
		}
		got := record.FingerprintOf(v)
		if got.Source != mv.Fingerprint.Source {
			out = append(out, Problem{v.SourcePath, fmt.Sprintf("has sha256 %s, but the published version of %s has %s: the text differs from what was published", got.Source, mv.LastUpdated, mv.Fingerprint.Source)})
		} else if got.Text != mv.Fingerprint.Text {
			out = append(out, Problem{v.SourcePath, fmt.Sprintf("renders to a main text with sha256 %s, but the published one has %s: the same source renders differently with this gen than with the one that built the site", got.Text, mv.Fingerprint.Text)})
		}
	}
	for _, k := range order {
		if !published[k] {
			out = append(out, Problem{content[k].SourcePath, fmt.Sprintf("the version of %s is not published: the site was built before it, or from other content", k.day)})
		}
	}
	return out
}

// Edition is a policy in one language, with the version of the manifest
// in force on a day (nil when none was).
type Edition struct {
	Policy, Language string
	InForce          *Version
}

// InForceOn lists every policy and language of the manifest with the
// version in force on day, which must not be after the manifest's own, by
// the rule every build decides it with (model.Edition.InForceOn). Drafts
// take part in the rule, as in a build with drafts, but are never listed:
// they were never published.
func InForceOn(m *Manifest, day date.Date) []Edition {
	type edition struct {
		Edition
		model     model.Edition
		published bool
	}
	var eds []*edition
	listed := map[*model.Version]*Version{}
	for i, v := range m.Versions {
		if n := len(eds); n == 0 || eds[n-1].Policy != v.Policy || eds[n-1].Language != v.Language {
			eds = append(eds, &edition{Edition: Edition{Policy: v.Policy, Language: v.Language}})
		}
		ed := eds[len(eds)-1]
		ed.published = ed.published || !v.Draft
		updated, _ := date.Parse(v.LastUpdated) // Parse checked both dates
		effective, _ := date.Parse(v.Effective)
		mv := &model.Version{Date: updated, Effective: effective}
		listed[mv] = &m.Versions[i]
		ed.model.Versions = append(ed.model.Versions, mv)
	}
	var out []Edition
	for _, ed := range eds {
		if !ed.published {
			continue
		}
		// The rule reads versions oldest first, as the manifest lists them.
		slices.SortStableFunc(ed.model.Versions, func(a, b *model.Version) int { return a.Date.Compare(b.Date) })
		if v := listed[ed.model.InForceOn(day)]; v != nil && !v.Draft {
			ed.InForce = v
		}
		out = append(out, ed.Edition)
	}
	return out
}

// name names a version of the manifest: "privacy/en 2024-05-10".
func name(v Version) string { return v.Policy + "/" + v.Language + " " + v.LastUpdated }
