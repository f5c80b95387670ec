package build

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/policygen/gen/generator/archive"
	"github.com/policygen/gen/generator/config"
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/sitedir"
)

// Check validates everything Build would, writing nothing, and with a base
// revision also guards the archive against lost or rewritten versions;
// allowBackfill lets a version older than the newest published one in.
func Check(opts Options, base string, allowBackfill bool) diag.List {
	// A pass with no destination makes every check a build makes and
	// writes nothing, so it fails on nothing but the site.
	res, diags, _ := Run(Pass{Options: opts})
	if base != "" {
		diags.Add(archive.Guard(opts.Site, base, allowBackfill))
		if res.Site != nil {
			diags.Add(archive.ProcessorNotice(opts.Site, base, res.Site))
		}
	}
	diags.Sort()
	return diags
}

// CheckBase makes sure Check can compare the site with the git revision
// base, before anything is read: a revision it cannot compare with is a
// mistake on the command line, not in the content.
func CheckBase(site, base string) error { return archive.CheckBase(site, base) }

// NamedOnce refuses a language named twice to NewVersion: its second cut
// would find the first one's archive copy and fail after writing.
func NamedOnce(langs []string) error { return archive.NamedOnce(langs) }

// NewVersionRequest is what `gen new-version` asks for: dates as given on
// the command line, "" when not.
type NewVersionRequest struct {
	Policy    string
	Langs     []string
	Date      string // default today
	Effective string // default: see archive.Request
	Withdraw  bool
}

// NewVersion cuts a new version of a policy in the languages asked for
// (all when none), dated --date or today in the site's time zone; today
// (--now, else the clock) also decides which current versions are still
// to take effect.
func NewVersion(opts Options, req NewVersionRequest) ([]archive.Cut, diag.List) {
	var diags diag.List
	src, err := fs.ReadFile(os.DirFS(opts.Site), sitedir.Config)
	if err != nil {
		diags.Errorf(filepath.Join(opts.Site, sitedir.Config), 0, 0, "cannot read the site configuration: %v", unwrapPathError(err))
		return nil, diags
	}
	cfg, cfgDiags := config.Parse(sitedir.Config, src)
	if cfg == nil || cfgDiags.HasErrors() {
		return nil, cfgDiags
	}
	today, err := Today(opts, cfg.Timezone)
	if err != nil {
		from := "--now"
		if opts.Now == "" {
			from = "SOURCE_DATE_EPOCH"
		}
		diags.Errorf(from, 0, 0, "%v", err)
		return nil, diags
	}
	r := archive.Request{Policy: req.Policy, Langs: req.Langs, Date: today, Withdraw: req.Withdraw, Today: today, Authoritative: cfg.AuthoritativeLanguage}
	for _, d := range []struct {
		flag, value string
		into        *date.Date
	}{{"--date", req.Date, &r.Date}, {"--effective", req.Effective, &r.Effective}} {
		if d.value == "" {
			continue
		}
		if *d.into, err = date.Parse(d.value); err != nil {
			diags.Errorf(d.flag, 0, 0, "%v", err)
			return nil, diags
		}
	}
	return archive.NewVersion(opts.Site, r)
}
