package build

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policygen/gen/generator/content"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/importer"
	"github.com/policygen/gen/generator/markdown"
	"github.com/policygen/gen/generator/sitedir"
)

// ImportRequest says what `gen import` brings into a site.
type ImportRequest struct {
	Policy, Lang string
	// Sources are files, one version each; or Repo and File name a file
	// in a git repository, whose every revision is a version.
	Sources    []string
	Repo, File string
	// Date and Effective date a single source ("" when not given).
	Date, Effective         string
	LinkBase, Select, Title string
	DryRun                  bool
}

// Imported is what an import wrote, or would write in a dry run.
type Imported struct {
	Files []importer.File
	// Sources are the problems of the sources, named as they were given;
	// the other diagnostics are the site's, relative to it.
	Sources diag.List
}

// Import converts the sources into versions of a policy in one language
// and, unless it is a dry run, writes them into the site — only when the
// site with them passes every check gen check makes, and never over an
// existing file.
func Import(opts Options, req ImportRequest) (*Imported, diag.List, error) {
	var diags diag.List
	if err := checkName(req.Policy); err != nil {
		return nil, nil, err
	}
	var conv importer.Options
	var err error
	if conv.LinkBase, err = linkBase(req.LinkBase); err != nil {
		return nil, nil, err
	}
	for _, d := range []struct {
		flag, value string
		into        *date.Date
	}{{"--date", req.Date, &conv.Date}, {"--effective", req.Effective, &conv.Effective}} {
		if d.value == "" {
			continue
		}
		if *d.into, err = date.Parse(d.value); err != nil {
			return nil, nil, &UsageError{d.flag + ": " + err.Error()}
		}
	}
	fsys := os.DirFS(opts.Site)
	cfg, cfgDiags := loadConfig(opts, fsys)
	diags.Add(cfgDiags)
	if cfg == nil {
		return nil, diags, nil
	}
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	if !slices.Contains(codes, req.Lang) {
		diags.Errorf(sitedir.Config, 0, 0, "%s is not one of the site's languages (%s); add [languages.%s] with its name to %s first", req.Lang, strings.Join(codes, ", "), req.Lang, sitedir.Config)
		return nil, diags, nil
	}
	_, cat, _ := languages(cfg)
	conv.Lang, conv.Select, conv.Title, conv.Catalog, conv.Markdown = req.Lang, req.Select, req.Title, cat, markdown.New(bodyOptions(cfg))

	res := &Imported{}
	sources, srcDiags := readSources(req)
	res.Sources.Add(srcDiags)
	var versions []*importer.Version
	for _, src := range sources {
		v, d := importer.Convert(src, conv)
		res.Sources.Add(d)
		if v != nil {
			versions = append(versions, v)
		}
	}
	if res.Sources.HasErrors() {
		return res, diags, nil
	}
	if req.Repo != "" {
		versions = importer.Latest(versions)
	}

	existing, current, d := versionsOf(fsys, req.Policy, req.Lang)
	diags.Add(d)
	if diags.HasErrors() {
		return res, diags, nil
	}
	files, d := importer.Files(req.Policy, req.Lang, versions, existing, current)
	res.Sources.Add(d)
	if res.Sources.HasErrors() {
		return res, diags, nil
	}
	res.Files = files

	// The site as it would be: gen check's pass, before a file is written.
	added := map[string][]byte{}
	for _, f := range files {
		added[f.Path] = f.Data
	}
	_, checks, err := Run(Pass{Options: opts, Files: overlay{base: fsys, added: added}})
	if err != nil {
		return nil, diags, err
	}
	checks.Sort()
	diags.Add(checks)
	for _, f := range files {
		for _, d := range checks.Errors() {
			if d.Path == f.Path {
				// The file named does not exist: say where its text came from.
				diags.Warnf(f.Path, 0, 0, "not written: the errors above are in the text imported from %s (see it with --dry-run)", f.Version.Source.Name)
				break
			}
		}
	}
	if diags.HasErrors() || req.DryRun {
		return res, diags, nil
	}
	if err := importer.Write(opts.Site, files); err != nil {
		return nil, diags, err
	}
	return res, diags, nil
}

// checkName refuses a policy name that would reach outside its folder;
// the site's check reports any other name a policy may not have.
func checkName(policy string) error {
	if policy == "" || policy == "." || policy == ".." || strings.ContainsAny(policy, `/\:`) || strings.HasPrefix(policy, ".") {
		return &UsageError{fmt.Sprintf("%q is not a policy name; name it with lowercase letters, digits and dashes, like privacy", policy)}
	}
	return nil
}

func linkBase(s string) (*url.URL, error) {
	if s == "" {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &UsageError{fmt.Sprintf("--link-base %s is not a web address; give the address the policy was published at, like https://example.com/privacy", s)}
	}
	return u, nil
}

// readSources reads the files named, or the revisions in git.
func readSources(req ImportRequest) ([]importer.Source, diag.List) {
	var diags diag.List
	if req.Repo != "" {
		revs, err := importer.Revisions(req.Repo, req.File)
		if err != nil {
			diags.Errorf(req.File, 0, 0, "%v", err)
		}
		return revs, diags
	}
	var out []importer.Source
	for _, name := range req.Sources {
		// A pipe or a device would block the read or never end it. A link
		// named here is followed: it is the file named, not the site's.
		if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
			diags.Errorf(name, 0, 0, "is not a document but a folder, named pipe or device; name the file to import")
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			diags.Errorf(name, 0, 0, "cannot read: %v", unwrapPathError(err))
			continue
		}
		out = append(out, importer.Source{Name: filepath.ToSlash(name), File: filepath.Base(name), Data: data})
	}
	return out, diags
}

// versionsOf returns the dates of the versions of policy in lang the site
// has, and that of its current file (zero when it has none).
func versionsOf(fsys fs.FS, policy, lang string) ([]date.Date, date.Date, diag.List) {
	var diags diag.List
	var existing []date.Date
	var current date.Date
	found, _ := content.Find(fsys) // the site's check reports what is misplaced
	for _, loc := range found {
		if loc.Policy != policy || loc.Lang != lang {
			continue
		}
		if !loc.Archived.IsZero() {
			existing = append(existing, loc.Archived)
			continue
		}
		src, err := fs.ReadFile(fsys, loc.Path)
		if err != nil {
			diags.Errorf(loc.Path, 0, 0, "cannot read: %v", unwrapPathError(err))
			continue
		}
		meta, _, _, d := frontmatter.Parse(loc.Path, src)
		if d.HasErrors() {
			diags.Add(d.Errors())
			diags.Errorf(loc.Path, 0, 0, "fix the errors above before importing more versions of %s", policy)
			continue
		}
		current = meta.LastUpdated
		existing = append(existing, current)
	}
	return existing, current, diags
}
