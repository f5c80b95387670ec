package render

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/suggest"
	"github.com/policygen/gen/generator/urls"
)

// CheckLinks verifies that every link written in a policy's Markdown that
// points into the site leads to a file the build writes (or one of extra,
// the static files), and that a #fragment names a heading of the target
// version page. A broken link is an error at the line and column where the
// author wrote it. Links in the layouts come from urls and are tested.
//
// A policy's address shows another version on each day an upcoming one
// comes into force, so a #fragment pointing there must name a heading of
// every version it will show, or the link breaks on that day with nobody
// editing anything: the pull request is where to hear of it.
//
// Problems in archived files are warnings, even in the version in force:
// they may not be edited (gen check --base refuses it), so the author could
// not act on an error, and a link that broke as the site moved on says only
// that it was written for an earlier site. With broken_links = "warn" in
// site.toml they are warnings everywhere.
func (r *Renderer) CheckLinks(extra []string) diag.List {
	var diags diag.List
	u := r.site.URLs
	files := map[string]bool{}
	for _, p := range r.Paths() {
		files[p] = true
	}
	for _, p := range extra {
		files[p] = true
	}
	// nearPage suggests the page of the site a mistyped path meant: one
	// that differs from it in one part (/en/privaci/ for /en/privacy/).
	var addresses [][]string
	nearPage := func(p string) string {
		if addresses == nil {
			for f := range files {
				if page := u.Page(f); page != f {
					addresses = append(addresses, strings.Split(page, "/"))
				}
			}
			// A tie goes the same way in every build.
			slices.SortFunc(addresses, func(a, b []string) int { return strings.Compare(strings.Join(a, "/"), strings.Join(b, "/")) })
		}
		parts := strings.Split(p, "/")
		for i := range parts {
			var alike []string // the i-th parts of the addresses that differ only there
			for _, a := range addresses {
				if len(a) == len(parts) && a[i] != parts[i] && slices.Equal(a[:i], parts[:i]) && slices.Equal(a[i+1:], parts[i+1:]) {
					alike = append(alike, a[i])
				}
			}
			if near := suggest.Closest(parts[i], alike); near != "" {
				parts[i] = near
				return strings.Join(parts, "/")
			}
		}
		return ""
	}
	// The versions each version page shows, now and on the days to come,
	// for the heading ids that links with a #fragment point at.
	shows := map[string][]*model.Version{}
	for _, p := range r.site.Policies {
		for _, ed := range p.Editions {
			shows[u.File(u.Policy(ed.Lang, p.Slug))] = r.site.Edition(ed).WillShow
			for _, v := range ed.Versions {
				shows[u.File(u.Version(ed.Lang, p.Slug, v.Date))] = []*model.Version{v}
			}
		}
	}

	for _, p := range r.site.Policies {
		for _, ed := range p.Editions {
			for _, v := range ed.Versions {
				// A body appears at its permalink, and the one shown, now
				// or once it comes into force, also at the policy's
				// address; a relative link must work on both.
				pages := []string{u.Version(ed.Lang, p.Slug, v.Date)}
				if slices.Contains(shows[u.File(u.Policy(ed.Lang, p.Slug))], v) {
					pages = append(pages, u.Policy(ed.Lang, p.Slug))
				}
				report := diags.Errorf
				if v.InArchive || r.opts.BrokenLinksWarn {
					report = diags.Warnf
				}
				for _, l := range v.Body.Links {
					for _, page := range pages {
						if msg := checkLink(u, page, l, files, shows, v, nearPage); msg != "" {
							report(v.SourcePath, l.Line, l.Col, "%s", msg)
							break
						}
					}
				}
			}
		}
	}
	return diags
}

// lacking names a version that file shows, now or to come, without the id,
// or is nil. A link within the page points into the body it is written
// in, wherever that body is shown. A file that is not a version page has
// no ids to check.
func lacking(shows map[string][]*model.Version, file, id string, from *model.Version, inPage bool) *model.Version {
	in, ok := shows[file]
	switch {
	case !ok:
		return nil
	case inPage:
		if hasHeading(from, id) {
			return nil
		}
		return from
	}
	for _, u := range in {
		if !hasHeading(u, id) {
			return u
		}
	}
	return nil
}

// hasHeading reports whether v's page has an element with the id: a
// heading, a footnote or a reference to one, or an element of the layout.
// A page has a few dozen ids, fewer than a map is worth.
func hasHeading(v *model.Version, id string) bool {
	for _, h := range v.Body.Headings {
		if h.ID == id {
			return true
		}
	}
	return slices.Contains(v.Body.NoteIDs, id) || slices.Contains(versionPageIDs, id)
}

// didYouMean suggests the id of v's page nearest to id, or "".
func didYouMean(v *model.Version, id string) string {
	ids := slices.Clone(v.Body.NoteIDs)
	for _, h := range v.Body.Headings {
		ids = append(ids, h.ID)
	}
	if s := suggest.Closest(id, ids); s != "" {
		return "; did you mean #" + s + "?"
	}
	return ""
}

// checkLink resolves l, written in the body of from, on page as a reader's
// browser does (a link from the site's root is on the site, under its path)
// and says what is wrong with it, or "". shows lists the versions each
// version page shows, now and to come; nearPage suggests an address of the
// site for a mistyped path, or "".
func checkLink(u urls.Scheme, page string, l model.Link, files map[string]bool, shows map[string][]*model.Version, from *model.Version, nearPage func(string) string) string {
	dest, href := l.Dest, l.Href
	var target *url.URL
	if frag, ok := strings.CutPrefix(href, "#"); ok && !strings.Contains(frag, "%") {
		// A link within the page, most of a policy's: what url.Parse and
		// ResolveReference would make of it, without their allocations.
		target = &url.URL{Path: page, Fragment: frag}
	} else {
		ref, err := url.Parse(u.Link(href))
		if err != nil {
			return "link " + dest + " is not a valid address: " + err.Error()
		}
		target = (&url.URL{Path: page}).ResolveReference(ref)
	}
	file := u.File(target.Path)
	if !files[file] && files[u.File(urls.Folder(target.Path))] {
		file = u.File(urls.Folder(target.Path)) // static hosts redirect /x to /x/
	}
	if file == "" {
		file = target.Path // outside the site's path: no file has it
	}
	if !files[file] {
		hint := ""
		switch near := nearPage(path.Clean(target.Path) + "/"); {
		case near != "":
			hint = "; did you mean " + near + "?"
		case strings.HasPrefix(href, "/"):
			// Most often a link copied from the company's main site, where
			// /account/settings was a page.
			hint = "; for a page on another site write its full address (https://…" + path.Clean(target.Path) + "), " +
				"or set broken_links = \"warn\" in site.toml to publish links the site cannot check"
		case !strings.HasPrefix(href, "#"):
			hint = "; relative links resolve differently on a version's permanent address, so write the path from the site root, like /en/cookies/"
		}
		return "broken link: " + dest + " leads to " + path.Clean(target.Path) + ", which the site does not have (on " + page + ")" + hint
	}
	if frag := target.Fragment; frag != "" {
		if missing := lacking(shows, file, frag, from, strings.HasPrefix(href, "#")); missing != nil {
			at := u.Page(file)
			if missing.Status == model.Upcoming && at == u.Policy(missing.Edition.Lang, missing.Edition.Policy.Slug) && missing != missing.Edition.Shown {
				return "broken link from " + missing.Effective.String() + ": " + dest + ": when the version of " + missing.Date.String() +
					" comes into force, the page " + at + " will have no heading with id \"" + frag + "\"; give a heading of " +
					missing.SourcePath + " that id ({#" + frag + "}), or link to the dated page of the version meant, like " +
					u.Version(missing.Edition.Lang, missing.Edition.Policy.Slug, missing.Edition.Shown.Date) + "#" + frag
			}
			return "broken link: " + dest + ": the page " + at + " has no heading with id \"" + frag + "\"" + didYouMean(missing, frag)
		}
	}
	return ""
}
