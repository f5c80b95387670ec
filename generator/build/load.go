package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/policygen/gen/generator/config"
	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/markdown"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/sitedir"
)

// Load reads the site and builds its model, returning every diagnostic.
// It writes nothing.
func Load(opts Options) (*Loaded, diag.List) {
	return LoadCached(opts, NewCache())
}

// Cache keeps parsed policy files between loads of one site, so `gen serve`
// parses again only the files that changed. A Cache belongs to one
// goroutine: serve's rebuild loop.
type Cache struct {
	// rendering is what of site.toml parsing depends on (unsafe_html, the
	// origins pages may embed from); a change empties the cache.
	rendering string
	files     map[string]cachedFile
}

// cachedFile is one parsed file and what identified its bytes when parsed.
type cachedFile struct {
	size  int64
	mod   time.Time
	file  model.File
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}} }

// Forget drops a file (slash-separated, relative to the site), so the next
// load parses it even if its size and modification time look unchanged: two
// saves within one clock tick of the file system can share both.
func (c *Cache) Forget(path string) { delete(c.files, path) }

// LoadCached is Load for a site loaded again and again: files whose size
// and modification time are unchanged since the last load are taken from c
// instead of parsed.
func LoadCached(opts Options, c *Cache) (*Loaded, diag.List) {
	return loadFS(opts, os.DirFS(opts.Site), c)
}

// loadFS is LoadCached from the site's files in fsys.
func loadFS(opts Options, fsys fs.FS, c *Cache) (*Loaded, diag.List) {
	var diags diag.List
	cfg, cfgDiags := loadConfig(opts, fsys)
	diags.Add(cfgDiags)
	if cfg == nil {
		return nil, diags
	}
	now, err := Today(opts, cfg.Timezone)
	if err != nil {
		from := "--now"
		if opts.Now == "" {
			from = "SOURCE_DATE_EPOCH"
		}
		diags.Errorf(from, 0, 0, "%v", err)
		return nil, diags
	}
	langs, cat, catDiags := languages(cfg)
	diags.Add(catDiags)

	mdOpts := bodyOptions(cfg)
	if key := fmt.Sprint(mdOpts); c.rendering != key {
		c.files = map[string]cachedFile{}
		c.rendering = key
	}
	md := markdown.New(mdOpts)
	found, findDiags := content.Find(fsys)
	diags.Add(findDiags)
	c.refresh(fsys, found, md)

	files := make([]model.File, 0, len(found))
	for _, loc := range found {
		e := c.files[loc.Path]
		diags.Add(e.diags)
		// A file that failed to parse goes in without a Version, so that
		// its mistake gives no errors in the files that depend on it.
		f := e.file
		if f.Version != nil {
			// model.Build fills in status, neighbours and defaults on the
			// version it is given; a copy keeps the cached one as parsed.
			v := *f.Version
			f.Version = &v
		}
		files = append(files, f)
	}

	site, modelDiags := model.Build(model.Config{
		Title:                 cfg.Title,
		BaseURL:               cfg.BaseURL,
		DefaultLanguage:       cfg.DefaultLanguage,
		AuthoritativeLanguage: cfg.AuthoritativeLanguage,
		Order:                 cfg.Order,
		Languages:             langs,
		NoticeDays:            cfg.NoticeDays,
		ProcessorNoticeDays:   cfg.ProcessorNoticeDays,
		Objection:             cfg.Objection,
		Compare:               cfg.Compare,
		Now:                   now,
		Drafts:                opts.Drafts,
		Host:                  string(cfg.Host),
		IndexArchived:         cfg.IndexArchived,
	}, files)
	diags.Add(modelDiags)
	switch {
	case len(site.Policies) > 0 || diags.HasErrors():
	case len(files) > 0:
		// A new site (gen init) starts with drafts: it builds, publishing
		// nothing yet, rather than failing its first CI run.
		diags.Warnf(sitedir.Content, 0, 0, "every policy is a draft (draft = true), so nothing is published yet; gen serve shows the drafts, and deleting draft = true from one publishes it")
	default:
		diags.Errorf(sitedir.Content, 0, 0, "no policies found; add one as %s", sitedir.Current("<policy>", "<lang>"))
	}
	diags.Sort()
	return &Loaded{FS: fsys, Config: cfg, Site: site, Catalog: cat}, diags
}

// bodyOptions are how the site's policy bodies render: its unsafe_html
// setting decides what survives, its address and external_origins where
// images may come from, and the layouts' own ids are never a heading's.
func bodyOptions(cfg *config.Site) markdown.Options {
	return markdown.Options{UnsafeHTML: cfg.UnsafeHTML, ReservedIDs: render.ReservedIDs(), Origin: cfg.BaseURL, ExternalOrigins: cfg.ExternalOrigins}
}

// refresh brings the cache in line with the files found, parsing new and
// changed ones in parallel.
func (c *Cache) refresh(fsys fs.FS, found []sitedir.Location, md *markdown.Renderer) {
	seen := make(map[string]bool, len(found))
	var stale []sitedir.Location
	stats := make([]fs.FileInfo, 0, len(found))
	for _, loc := range found {
		seen[loc.Path] = true
		info, err := fs.Stat(fsys, loc.Path)
		if e, ok := c.files[loc.Path]; ok && err == nil && e.size == info.Size() && e.mod.Equal(info.ModTime()) {
			continue
		}
		stale = append(stale, loc)
		stats = append(stats, info)
	}
	for p := range c.files {
		if !seen[p] {
			delete(c.files, p)
		}
	}

	// The files of one policy in one language share most of their
	// paragraphs: one worker parses them together with one Markdown memo.
	var groups [][]int
	group := map[[2]string]int{}
	for i, loc := range stale {
		k := [2]string{loc.Policy, loc.Lang}
		g, ok := group[k]
		if !ok {
			g = len(groups)
			group[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	parsed := make([]cachedFile, len(stale))
	work := make(chan []int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Go(func() {
			for g := range work {
				memo := markdown.NewMemo()
				for _, i := range g {
					f, d := content.Parse(fsys, stale[i], md, memo)
					parsed[i] = cachedFile{file: f, diags: d}
					if stats[i] != nil {
						parsed[i].size, parsed[i].mod = stats[i].Size(), stats[i].ModTime()
					}
				}
			}
		})
	}
	for _, g := range groups {
		work <- g
	}
	close(work)
	wg.Wait()
	for i, loc := range stale {
		c.files[loc.Path] = parsed[i]
	}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadConfig reads and parses site.toml, returning nil when it has errors.
func loadConfig(opts Options, fsys fs.FS) (*config.Site, diag.List) {
	var diags diag.List
	src, err := fs.ReadFile(fsys, sitedir.Config)
	if err != nil {
		diags.Errorf(filepath.Join(opts.Site, sitedir.Config), 0, 0, "cannot read the site configuration: %v; run gen in the site's folder or name it with -s SITE", unwrapPathError(err))
		return nil, diags
	}
	cfg, cfgDiags := config.Parse(sitedir.Config, src)
	diags.Add(cfgDiags)
	if cfg == nil || cfgDiags.HasErrors() {
		return nil, diags
	}
	return cfg, diags
}

// languages turns site.toml's languages into the model's and the catalog.
func languages(cfg *config.Site) ([]model.Language, *i18n.Catalog, diag.List) {
	codes := make([]string, len(cfg.Languages))
	overrides := map[string]map[string]string{}
	langs := make([]model.Language, len(cfg.Languages))
	for i, l := range cfg.Languages {
		codes[i] = l.Code
		langs[i] = model.Language{Code: l.Code, Name: l.Name}
		if l.Strings != nil {
			overrides[l.Code] = l.Strings
		}
	}
	cat, diags := i18n.New(codes, overrides)
	return langs, cat, diags
}
