// Package sitedir is the one place that knows the layout of a site folder:
// where its configuration, policies, layouts and static files are, where
// each version of a policy lives in the content tree, and where a build
// goes unless told otherwise. Every package that reads or writes a site's
// files asks it. Paths are slash-separated and relative to the site
// folder, as io/fs names them; convert with filepath.FromSlash to touch the
// disk.
package sitedir

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/policygen/gen/generator/date"
)

// The parts of a site folder.
const (
	Config  = "site.toml" // the site configuration
	Content = "content"   // the policies: content/<policy>/<lang>.md and their archive/
	Layouts = "layouts"   // html/template files replacing built-in layouts of the same name
	Static  = "static"    // files copied verbatim into the output
	Output  = "public"    // where `gen build` writes unless given -o
)

// archiveDir holds a policy's earlier versions, one folder per date.
const archiveDir = "archive"

// ext ends every policy file's name.
const ext = ".md"

// DefaultOutput is the folder `gen build` writes for the site folder site
// (an operating-system path) unless given -o.
func DefaultOutput(site string) string { return filepath.Join(site, Output) }

// Policy is the folder of a policy. The slug is joined as given, not
// cleaned, so that a slug such as ../x shows in messages as written.
func Policy(policy string) string { return Content + "/" + policy }

// Current is the file of a policy's newest version in lang.
func Current(policy, lang string) string { return Policy(policy) + "/" + FileName(lang) }

// Archived is the file of the version of d of a policy in lang, archived
// under its last_updated.
func Archived(policy string, d date.Date, lang string) string {
	return Policy(policy) + "/" + archiveDir + "/" + d.String() + "/" + FileName(lang)
}

// FileName is the name of a policy file in lang.
func FileName(lang string) string { return lang + ext }

// Language returns the language a file's name stands for, and whether it
// is a policy file's name at all (a <lang>.md that is not an editor's
// scratch file).
func Language(name string) (string, bool) {
	if Ignored(name) || path.Ext(name) != ext {
		return "", false
	}
	return strings.TrimSuffix(name, ext), true
}

// Location says where a policy file sits in the content tree.
type Location struct {
	Path     string // e.g. content/privacy/en.md
	Policy   string
	Lang     string
	Archived date.Date // the archive folder's date; zero for the current file
}

// Locate decodes p, a path below content/, as a policy file, or says why
// it is misplaced.
func Locate(p string) (Location, string) {
	parts := strings.Split(p, "/")
	if len(parts) < 2 || parts[0] != Content {
		return Location{}, "not in " + Content + "/"
	}
	parts = parts[1:]
	base := parts[len(parts)-1]
	if path.Ext(base) != ext {
		return Location{}, "only Markdown policy files (<lang>" + ext + ") belong in " + Content + "/"
	}
	lang := strings.TrimSuffix(base, ext)
	switch {
	case len(parts) == 2:
		return Location{Path: p, Policy: parts[0], Lang: lang}, ""
	case len(parts) == 4 && parts[1] == archiveDir:
		d, err := date.Parse(parts[2])
		if err != nil {
			return Location{}, archiveDir + " folder " + parts[2] + " is not a date; name it after the version's last_updated (YYYY-MM-DD)"
		}
		return Location{Path: p, Policy: parts[0], Lang: lang, Archived: d}, ""
	}
	return Location{}, "not a policy file: policies live at " + Current("<policy>", "<lang>") +
		" and " + Policy("<policy>") + "/" + archiveDir + "/<YYYY-MM-DD>/" + FileName("<lang>")
}

// Ignored reports whether a file or folder of content/ or layouts/ is
// hidden or an editor's scratch file (see Scratch). The build passes them
// over and serve does not rebuild for them.
func Ignored(name string) bool { return strings.HasPrefix(name, ".") || Scratch(name) }

// Scratch reports whether a file is an editor's scratch file — vim's 4913
// probe, .swp and .swx, backups ending in ~, Emacs's .#lock and
// #autosave# — which a site may hold while someone is editing. static/ is
// copied verbatim, its hidden files included (.nojekyll,
// .well-known/security.txt), all but these.
func Scratch(name string) bool {
	return strings.HasPrefix(name, ".#") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || name == "4913"
}
