package build

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/policygen/gen/generator/archive"
	"github.com/policygen/gen/generator/config"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/sitedir"
)

// Check validates everything Build would, writing nothing, and with a base
// revision also guards the archive against lost or rewritten versions.
func Check(opts Options, base string) diag.List {
	loaded, diags := Load(opts)
	if !diags.HasErrors() {
		// The same checks of layouts and links a build makes.
		_, renderDiags := Renderer(loaded, render.Options{})
		diags.Add(renderDiags)
	}
	if base != "" {
		diags.Add(archive.Guard(opts.Site, base))
	}
	diags.Sort()
	return diags
}

// NewVersion cuts a new version of policy in langs (all when empty) dated
// day, or today in the site's time zone when day is "".
func NewVersion(opts Options, policy string, langs []string, day string) ([]archive.Cut, diag.List) {
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
	opts.Now = day
	d, err := Today(opts, cfg.Timezone)
	if err != nil {
		diags.Errorf("--date", 0, 0, "%v", err)
		return nil, diags
	}
	return archive.NewVersion(opts.Site, policy, langs, d)
}
