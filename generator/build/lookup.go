package build

import (
	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/sitedir"
)

// edition is the policy in lang that a command names, or nil after an
// error saying why the site has none and what was likely meant.
func edition(loaded *Loaded, policy, lang string, diags *diag.List) *model.Edition {
	ed := loaded.Site.Edition(lang, policy)
	if ed == nil {
		diags.Errorf(sitedir.Policy(policy), 0, 0, "%s", loaded.Site.NoEdition(policy, lang))
	}
	return ed
}

// version is the version of ed that a command names by its date (a
// VERSION, FROM or TO argument of the command cmd), or nil after an error.
func version(ed *model.Edition, arg, cmd string, diags *diag.List) *model.Version {
	d, err := date.Parse(arg)
	if err != nil {
		diags.Errorf(cmd, 0, 0, "%v", err)
		return nil
	}
	v := ed.Version(d)
	if v == nil {
		diags.Errorf(cmd, 0, 0, "%s/%s has no version of %s; see its history for the dates", ed.Policy.Slug, ed.Lang, d)
	}
	return v
}
