package build

import (
	"fmt"
	"io"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/record"
)

// ShowRequest asks `gen show` which version of a policy was in force on a day.
type ShowRequest struct {
	Policy, Lang string
	On           date.Date
	// Text prints the version's main text instead, the bytes its text
	// fingerprint is the SHA-256 of.
	Text bool
}

// Show prints the version of a policy in force on a day: its permanent
// address, fingerprints and the days it was in force, as the content says
// today (or --now). Drafts are left out: they were never in force.
func Show(opts Options, req ShowRequest, w io.Writer) diag.List {
	opts.Drafts = false
	loaded, diags := Load(opts)
	if diags.HasErrors() {
		return diags
	}
	s := loaded.Site
	ed := edition(loaded, req.Policy, req.Lang, &diags)
	if ed == nil {
		return diags
	}
	v := ed.InForceOn(req.On)
	if v == nil {
		first := ed.Versions[0]
		diags.Errorf(first.SourcePath, 0, 0, "no version of %s/%s was in force on %s: the first took effect on %s", req.Policy, req.Lang, req.On, first.Effective)
		return diags
	}
	if req.Text {
		if _, err := w.Write(fingerprint.MainText(v.Body.Parts)); err != nil {
			diags.Errorf("gen show", 0, 0, "writing: %v", err)
		}
		return diags
	}
	f := record.FingerprintOf(v)
	d := derive.New(s)
	u := d.URLs
	source := u.Absolute(u.Source(req.Lang, req.Policy, v.Date))
	_, err := fmt.Fprintf(w, "%s (%s/%s), the version in force on %s\n"+
		"version     %s, effective %s\n"+
		"permalink   %s\n"+
		"in force    %s\n"+
		"id          %s\n"+
		"source      sha256 %s of %s\n"+
		"main text   sha256 %s\n",
		v.Title, req.Policy, req.Lang, req.On,
		v.Date, v.Effective,
		u.Absolute(u.Version(req.Lang, req.Policy, v.Date)),
		period(d.Version(v), s.Now),
		f.ID, f.Source, source, f.Text)
	if err != nil {
		diags.Errorf("gen show", 0, 0, "writing: %v", err)
	}
	return diags
}

// period says when v was in force, as known on now.
func period(v *derive.Version, now date.Date) string {
	switch p := v.Period; {
	case p == nil:
		return fmt.Sprintf("from %s; upcoming on %s, not yet in force", v.Effective, now)
	case p.Until.IsZero():
		return fmt.Sprintf("from %s; still in force on %s", p.From, now)
	default:
		return fmt.Sprintf("from %s to %s (replaced on %s)", p.From, p.LastDay(), p.Until)
	}
}
