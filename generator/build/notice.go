package build

import (
	"io"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/notice"
)

// NoticeRequest asks `gen notice` for the email notice of a version.
type NoticeRequest struct {
	Policy, Lang string
	Version      string // its last_updated; "" for the newest published
	HTML         bool   // HTML instead of plain text
}

// Notice prints the email-ready notice of a version of a policy, in the
// policy's language, as the site says it on today (or --now). Drafts are
// left out: they are not published.
func Notice(opts Options, req NoticeRequest, w io.Writer) diag.List {
	opts.Drafts = false
	loaded, diags := Load(opts)
	if diags.HasErrors() {
		return diags
	}
	ed := edition(loaded, req.Policy, req.Lang, &diags)
	if ed == nil {
		return diags
	}
	v := ed.Newest()
	if req.Version != "" {
		if v = version(ed, req.Version, "gen notice", &diags); v == nil {
			return diags
		}
	}
	d := derive.New(loaded.Site)
	n, err := notice.For(d, loaded.Catalog, d.Version(v))
	if err != nil {
		diags.Errorf(v.SourcePath, 0, 0, "%v", err)
		return diags
	}
	out := n.Text()
	if req.HTML {
		if out, err = n.HTML(); err != nil {
			diags.Errorf("gen notice", 0, 0, "%v", err)
			return diags
		}
	}
	if _, err := w.Write(out); err != nil {
		diags.Errorf("gen notice", 0, 0, "writing: %v", err)
	}
	return diags
}
