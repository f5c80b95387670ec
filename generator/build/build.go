// Package build runs the pipeline — load, parse, model, derive, render,
// write (Run) — for every command: `gen build`, `gen check`, `gen diff`,
// `gen new-version`, and `gen serve`, which reruns it for what changed, so
// there is one pipeline. The command line calls this package only.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/policygen/gen/generator/config"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/manifest"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/urls"
	"golang.org/x/crypto/ssh"
)

// Options say what to build and for which day.
type Options struct {
	Site   string // the site folder
	Drafts bool   // include draft versions
	// Now is the --now flag ("" when not given); SourceDateEpoch is the
	// SOURCE_DATE_EPOCH environment variable; Clock is the current time.
	// They decide "today" in that order of precedence.
	Now             string
	SourceDateEpoch string
	Clock           time.Time
	// PDF also prints every version's page to PDF (gen build --pdf), with
	// the Chromium or Chrome at Browser, or "" for the one installed.
	PDF     bool
	Browser string
	// Sign is an SSH private key file (gen build --sign) to sign the
	// manifest with; "" leaves it unsigned.
	Sign string
}

// Loaded is a site read, parsed and modelled, ready to render.
type Loaded struct {
	FS      fs.FS
	Config  *config.Site
	Site    *model.Site
	Catalog *i18n.Catalog
}

// UsageError is a problem with the command line rather than the content;
// the command exits 2 for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Today decides the build's "now": --now if given, else SOURCE_DATE_EPOCH
// if set, else the clock's day in the site's time zone.
func Today(opts Options, tz *time.Location) (date.Date, error) {
	if opts.Now != "" {
		d, err := date.Parse(opts.Now)
		if err != nil {
			return date.Date{}, fmt.Errorf("--now: %v", err)
		}
		return d, nil
	}
	if opts.SourceDateEpoch != "" {
		secs, err := strconv.ParseInt(opts.SourceDateEpoch, 10, 64)
		if err != nil {
			return date.Date{}, fmt.Errorf("%q is not a number of seconds since 1970; set it to one, or unset it", opts.SourceDateEpoch)
		}
		if tz == nil {
			tz = time.UTC
		}
		// Far from now, time.Unix wraps around or gives a year of more
		// than four digits, which no address can hold.
		const maxSecs = 253402300799 // 9999-12-31T23:59:59Z
		const minSecs = -62135596800 // 0001-01-01T00:00:00Z
		if d := date.Today(time.Unix(secs, 0), tz); secs >= minSecs && secs <= maxSecs && d.InRange() {
			return d, nil
		}
		return date.Date{}, fmt.Errorf("%s seconds since 1970 is no day gen can build for (%s); set it to one, or unset it", opts.SourceDateEpoch, date.Range)
	}
	if tz == nil {
		tz = time.UTC
	}
	return date.Today(opts.Clock, tz), nil
}

// Build loads the site and, when it has no errors, replaces out with the
// rendered site in one step. On any error out is left exactly as it was.
func Build(opts Options, out string) (Result, diag.List, error) {
	return BuildContext(context.Background(), opts, out)
}

// BuildContext is Build that stops when ctx is done (the command got a
// signal): it returns ctx.Err(), leaving out as it was and nothing beside it.
// A key that cannot sign is a UsageError, before anything is read.
func BuildContext(ctx context.Context, opts Options, out string) (Result, diag.List, error) {
	var key ssh.Signer
	if opts.Sign != "" {
		var err error
		if key, err = manifest.ReadSigner(opts.Sign); err != nil {
			return Result{}, nil, &UsageError{"--sign: " + err.Error()}
		}
	}
	return Run(Pass{Options: opts, Context: ctx, Out: &folder{ctx: ctx, site: opts.Site, out: out, key: key}})
}

// folder is the output folder of `gen build`, replaced whole.
type folder struct {
	ctx       context.Context // once done, the folder is left as it was
	site, out string
	dest      string     // out with its symbolic links followed, once checked
	key       ssh.Signer // signs the manifest; nil leaves it unsigned
}

// Check refuses an output folder whose replacement would lose anybody's
// work (see checkOut).
func (f *folder) Check() error {
	dest, err := checkOut(f.site, f.out)
	f.dest = dest
	return err
}

// Write replaces the folder in one step, adding /manifest.json, which
// lists exactly the files written, and with a key its signature. The
// resolved folder is the one replaced: an -o that is a symbolic link
// (public -> www) keeps pointing at the new build.
func (f *folder) Write(site *derive.Site, fill func(output.Writer, fs.FS) error) (int, error) {
	added := 0
	err := output.Replace(f.ctx, f.dest, func(out *output.Dir) error {
		w := manifest.NewRecorder(out)
		if err := fill(w, out.FS()); err != nil {
			return err
		}
		var err error
		added, err = manifest.Write(out, site, w, f.key)
		return err
	})
	return added, err
}

// Renderer derives the site's rules, compiles its layouts and checks its
// links, as every command that renders or checks a site must; opts are
// serve's additions (its reload script, its memos), empty elsewhere;
// unsafe_html comes from the site. It returns nil when there are errors.
func Renderer(loaded *Loaded, opts render.Options) (*render.Renderer, diag.List) {
	opts.UnsafeHTML = loaded.Config.UnsafeHTML
	opts.ExternalOrigins = loaded.Config.ExternalOrigins
	opts.BrokenLinksWarn = loaded.Config.BrokenLinks == config.BrokenLinksWarn
	opts.Timezone = loaded.Config.Timezone
	r, diags := render.New(derive.New(loaded.Site), loaded.Catalog, loaded.FS, opts)
	if r == nil {
		return nil, diags
	}
	static, staticDiags := staticFiles(loaded.FS)
	diags.Add(staticDiags)
	diags.Add(r.CheckLinks(static))
	if diags.HasErrors() {
		return nil, diags
	}
	return r, diags
}

// staticFiles lists the files of static/ as output paths, hidden ones
// included (.nojekyll, .well-known/security.txt), and reports what gen
// refuses to copy: links, pipes and devices (see sitedir.Refused).
func staticFiles(fsys fs.FS) ([]string, diag.List) {
	var out []string
	var diags diag.List
	refuse := func(p, problem string) { diags.Errorf(p, 0, 0, "%s", problem) }
	err := sitedir.Walk(fsys, sitedir.Static, sitedir.Scratch, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == sitedir.Static {
			return fs.SkipDir
		}
		if err != nil {
			diags.Errorf(p, 0, 0, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if !d.IsDir() {
			out = append(out, strings.TrimPrefix(p, sitedir.Static))
		}
		return nil
	}, refuse)
	if err != nil {
		diags.Errorf(sitedir.Static, 0, 0, "cannot read: %v", unwrapPathError(err))
	}
	return out, diags
}

// copyStatic copies static/ verbatim; its files win over generated ones of
// the same name, which is how a site adds a logo or replaces style.css.
func copyStatic(fsys fs.FS, w output.Writer) (int, error) {
	files, diags := staticFiles(fsys)
	if diags.HasErrors() {
		// Renderer reported these before anything was written.
		return 0, fmt.Errorf("%s", diags.Errors()[0])
	}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, sitedir.Static+f)
		if err != nil {
			return 0, staticError(sitedir.Static+f, err)
		}
		if err := w.WriteFile(f, b); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// staticError is a static file that cannot be copied, as a diagnostic
// naming it.
func staticError(p string, err error) error {
	var d diag.List
	d.Errorf(p, 0, 0, "cannot copy into the site: %v", unwrapPathError(err))
	return d
}

// checkOut refuses an output folder whose replacement would lose anybody's
// work: building replaces the whole folder, so it must never be the site,
// hold it, lie among the site's own inputs (content/, layouts/, static/, a
// hidden folder such as .git), or be a folder of files gen did not build.
// It returns the folder to replace, with symbolic links followed.
func checkOut(site, out string) (string, error) {
	s, err1 := resolve(site)
	o, err2 := resolve(out)
	if err1 != nil || err2 != nil {
		return "", &UsageError{"cannot resolve the site or output folder"}
	}
	return o, refuseOut(site, out, s, o)
}

// refuseOut says why the output folder o (out as given) may not be
// replaced, for the site folder s (site as given), or is nil.
func refuseOut(site, out, s, o string) error {
	if s == o || within(s, o) {
		return &UsageError{fmt.Sprintf("-o %s would replace the site folder itself; choose a folder of its own, such as %s", out, sitedir.DefaultOutput(site))}
	}
	if within(o, s) {
		rel, _ := filepath.Rel(s, o)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if top == sitedir.Content || top == sitedir.Layouts || top == sitedir.Static || strings.HasPrefix(top, ".") {
			return &UsageError{fmt.Sprintf("-o %s is inside the site's %s/, whose files are the site's own; choose a folder of its own, such as %s", out, top, sitedir.DefaultOutput(site))}
		}
	}
	for _, marker := range []string{sitedir.Config, sitedir.Content} {
		if _, err := os.Stat(filepath.Join(o, marker)); err == nil {
			return &UsageError{fmt.Sprintf("-o %s holds %s, so it looks like a site, not a build output; refusing to replace it", out, marker)}
		}
	}
	return checkBuiltBefore(out, o)
}

// checkBuiltBefore lets an existing output folder be replaced only when it
// is empty or a previous build's: a folder of someone's other files would
// be deleted without a trace.
func checkBuiltBefore(out, o string) error {
	info, err := os.Stat(o)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &UsageError{fmt.Sprintf("-o %s: %v", out, err)}
	}
	if !info.IsDir() {
		return &UsageError{fmt.Sprintf("-o %s is a file, not a folder; choose a folder for the site", out)}
	}
	entries, err := os.ReadDir(o)
	if err != nil {
		return &UsageError{fmt.Sprintf("-o %s: %v", out, err)}
	}
	if len(entries) == 0 {
		return nil
	}
	// A repository checked out in the folder (a gh-pages worktree) is
	// someone's work even in a folder gen built.
	for _, e := range entries {
		if vcs := e.Name(); vcs == ".git" || vcs == ".hg" || vcs == ".svn" {
			return &UsageError{fmt.Sprintf("-o %s holds %s, a repository that a build would delete with the rest; build into another folder and copy the files in", out, vcs)}
		}
	}
	// Files every gen build writes: a folder holding them was built by gen.
	for _, m := range []string{urls.Scheme{}.Index(), urls.Manifest()} {
		m = strings.TrimPrefix(m, "/")
		if _, err := os.Stat(filepath.Join(o, m)); err != nil {
			return &UsageError{fmt.Sprintf("-o %s already holds files gen did not build (it has no %s); a build replaces the whole folder, so move them away or choose an empty folder", out, m)}
		}
	}
	return nil
}

// resolve makes p absolute and follows the symbolic links of its longest
// existing part, so a link cannot hide that two folders are the same.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// within reports whether path is strictly inside dir.
func within(path, dir string) bool {
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator) // but the root ends in one already
	}
	return path != dir && strings.HasPrefix(path, dir)
}
