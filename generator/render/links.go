package render

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"gen/generator/diag"
	"gen/generator/model"
	"gen/generator/urls"
)

// CheckLinks verifies that every link written in a policy's Markdown that
// points into the site leads to a file the build writes (or one of extra,
// the static files), and that a #fragment names a heading of the target
// version page. A broken link is an error at the line and column where the
// author wrote it. Links in the layouts come from urls and are tested.
func (r *Renderer) CheckLinks(extra []string) diag.List {
	var diags diag.List
	files := map[string]bool{}
	for _, p := range r.Paths() {
		files[p] = true
	}
	for _, p := range extra {
		files[p] = true
	}
	// The version each version page shows, for the heading ids that links
	// with a #fragment point at.
	shows := map[string]*model.Version{}
	for _, p := range r.site.Policies {
		for _, ed := range p.Editions {
			shows[urls.File(urls.Policy(ed.Lang, p.Slug))] = ed.Shown
			for _, v := range ed.Versions {
				shows[urls.File(urls.Version(ed.Lang, p.Slug, v.Date))] = v
			}
		}
	}
	// hasID reports whether the version page file has an element with the
	// id; ok is false for a file that is not a version page. A page has a
	// few dozen ids, fewer than a map is worth.
	hasID := func(file, id string) (has, ok bool) {
		v, ok := shows[file]
		if !ok {
			return false, false
		}
		for _, h := range v.Body.Headings {
			if h.ID == id {
				return true, true
			}
		}
		return slices.Contains(ReservedIDs(), id), true
	}

	for _, p := range r.site.Policies {
		for _, ed := range p.Editions {
			for _, v := range ed.Versions {
				// A body appears at its permalink, and the one shown also
				// at the policy's address; a relative link must work on both.
				pages := []string{urls.Version(ed.Lang, p.Slug, v.Date)}
				if v == ed.Shown {
					pages = append(pages, urls.Policy(ed.Lang, p.Slug))
				}
				for _, l := range v.Body.Links {
					for _, page := range pages {
						if msg := checkLink(page, l.Dest, files, hasID); msg != "" {
							diags.Errorf(v.SourcePath, l.Line, l.Col, "%s", msg)
							break
						}
					}
				}
			}
		}
	}
	return diags
}

// checkLink resolves dest on page and says what is wrong with it, or "".
// hasID says whether a version page has an element with an id.
func checkLink(page, dest string, files map[string]bool, hasID func(file, id string) (has, ok bool)) string {
	var target *url.URL
	if frag, ok := strings.CutPrefix(dest, "#"); ok && !strings.Contains(frag, "%") {
		// A link within the page, most of a policy's: what url.Parse and
		// ResolveReference would make of it, without their allocations.
		target = &url.URL{Path: page, Fragment: frag}
	} else {
		ref, err := url.Parse(dest)
		if err != nil {
			return "link " + dest + " is not a valid address: " + err.Error()
		}
		target = (&url.URL{Path: page}).ResolveReference(ref)
	}
	file := target.Path
	switch {
	case strings.HasSuffix(file, "/"):
		file += "index.html"
	case !files[file] && files[file+"/index.html"]:
		file += "/index.html" // static hosts redirect /x to /x/
	}
	if !files[file] {
		hint := ""
		if !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "#") {
			hint = "; relative links resolve differently on a version's permanent address, so write the path from the site root, like /en/cookies/"
		}
		return "broken link: " + dest + " leads to " + path.Clean(target.Path) + ", which the site does not have (on " + page + ")" + hint
	}
	if frag := target.Fragment; frag != "" {
		if has, ok := hasID(file, frag); ok && !has {
			return "broken link: " + dest + ": the page " + strings.TrimSuffix(file, "index.html") + " has no heading with id \"" + frag + "\""
		}
	}
	return ""
}
