// Package urls is the one place that knows the site's URL scheme. Every page,
// link, feed and sitemap entry takes its address from here, and whatever reads
// an address back (the link check, the preview) asks here what file it
// names, so a permalink can never be spelled two ways.
//
// A site is published at its base_url, which may have a path
// (https://acme.github.io/policies/): a Scheme carries it, and every
// address it gives starts with that path, so no page, feed or record adds it
// by hand. The files a build writes stay where they are in the output
// folder: Scheme.File takes the path off again.
package urls

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/policygen/gen/generator/date"
)

// Scheme is the URL scheme of one site: where it is published, and the
// address of every page and file in it. Addresses are paths on the host
// ("/policies/en/privacy/"), absolute ones (Absolute) carry the origin too.
// The zero Scheme is a site at the root of no host: its addresses are paths
// from the site's root, as the output folder and the manifest name files.
type Scheme struct {
	origin string // scheme and host: "https://acme.github.io"
	path   string // the path the site is published under, without its final slash; "" at the root
}

// segment is what a base_url's path may be made of: names that need no
// escaping, so an address is spelled the same in a page, a request and a
// host's configuration.
var segment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// New reads base, site.toml's base_url: an absolute http or https URL,
// optionally with a path of plain names, without query or fragment.
func New(base string) (Scheme, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" || u.User != nil {
		return Scheme{}, fmt.Errorf("%q is not an absolute http or https address, like https://policies.example.com/", base)
	}
	switch {
	case u.RawQuery != "" || u.ForceQuery:
		return Scheme{}, fmt.Errorf("%q has a query, %q", base, "?"+u.RawQuery)
	case u.Fragment != "":
		return Scheme{}, fmt.Errorf("%q has a fragment, %q", base, "#"+u.Fragment)
	}
	p := strings.TrimSuffix(u.EscapedPath(), "/")
	for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		if p != "" && (!segment.MatchString(seg) || seg == "." || seg == "..") {
			return Scheme{}, fmt.Errorf("%q has the path %q, whose folder names may hold only letters, digits and . _ ~ -", base, u.Path)
		}
	}
	return Scheme{origin: u.Scheme + "://" + strings.ToLower(u.Host), path: p}, nil
}

// Base is the address the site is published at, without its final slash:
// "https://acme.github.io/policies".
func (s Scheme) Base() string { return s.origin + s.path }

// Path is the path the site is published under ("/policies"), "" for a
// site at the root of its host.
func (s Scheme) Path() string { return s.path }

// at is the address of p, a path from the site's root: the one place the
// site's path is put in front.
func (s Scheme) at(p string) string { return s.path + p }

// Absolute is the full URL of an address of the site.
func (s Scheme) Absolute(addr string) string { return s.origin + addr }

// Root is the site root, which leads to the default language.
func (s Scheme) Root() string { return s.at("/") }

// Language is the index of the policies of one language.
func (s Scheme) Language(lang string) string { return s.at("/" + lang + "/") }

// Collides says what a policy named slug would share its addresses with on
// a site in langs, or "": its /<slug>/ would be a language's index, and
// /<lang>/<slug>/ a page of the language's own (the processor register,
// /<lang>/processors/).
func Collides(slug string, langs []string) string {
	for _, l := range langs {
		if slug == l {
			return "the site's language " + l + ": /" + l + "/ is that language's index"
		}
	}
	for _, name := range languagePages {
		if slug == name {
			return "the page /<lang>/" + name + "/ every language has"
		}
	}
	return ""
}

// languagePages are the folders in a language's folder that are no policy.
var languagePages = []string{registerFolder}

// PolicyRedirect leads from /<policy>/ to the default language's policy.
func (s Scheme) PolicyRedirect(policy string) string { return s.at("/" + policy + "/") }

// Policy is the page of the version in force.
func (s Scheme) Policy(lang, policy string) string { return s.at(policyPath(lang, policy)) }

func policyPath(lang, policy string) string { return "/" + lang + "/" + policy + "/" }

// Version is the permanent address of one version.
func (s Scheme) Version(lang, policy string, d date.Date) string {
	return s.Policy(lang, policy) + d.String() + "/"
}

// Changes is the redline of a version against the one before it.
func (s Scheme) Changes(lang, policy string, d date.Date) string {
	return s.Version(lang, policy, d) + "changes/"
}

// Compare is the redline between two versions.
func (s Scheme) Compare(lang, policy string, from, to date.Date) string {
	return s.CompareFolder(lang, policy) + from.String() + ".." + to.String() + "/"
}

// CompareFolder is where an edition's comparisons are, for the history's
// picker, whose script adds "<from>..<to>/".
func (s Scheme) CompareFolder(lang, policy string) string { return s.Policy(lang, policy) + "compare/" }

// History lists every version of a policy in one language.
func (s Scheme) History(lang, policy string) string { return s.Policy(lang, policy) + "history/" }

// Source is a version's exact source file.
func (s Scheme) Source(lang, policy string, d date.Date) string {
	return s.Version(lang, policy, d) + SourceFile
}

// Embed is the body of the version in force alone, for another site to
// include, and VersionEmbed that of one version.
func (s Scheme) Embed(lang, policy string) string { return s.Policy(lang, policy) + EmbedFile }
func (s Scheme) VersionEmbed(lang, policy string, d date.Date) string {
	return s.Version(lang, policy, d) + EmbedFile
}

// Current is the version in force, machine-readable, for an app to show.
func (s Scheme) Current(lang, policy string) string { return s.Policy(lang, policy) + CurrentFile }

// PDF is a version's page printed to PDF (gen build --pdf), named so that
// a downloaded copy says which policy, language and version it is.
func (s Scheme) PDF(lang, policy string, d date.Date) string {
	return s.Version(lang, policy, d) + policy + "-" + lang + "-" + d.String() + ".pdf"
}

// Versions is the machine-readable list of an edition's versions.
func (s Scheme) Versions(lang, policy string) string { return s.Policy(lang, policy) + VersionsFile }

// PolicyFeed is the Atom feed of one policy in one language.
func (s Scheme) PolicyFeed(lang, policy string) string { return s.Policy(lang, policy) + "feed.xml" }

// TimeMap is the Memento TimeMap of one policy in one language.
func (s Scheme) TimeMap(lang, policy string) string { return s.Policy(lang, policy) + TimeMapFile }

// LanguageFeed is the Atom feed of every policy in one language.
func (s Scheme) LanguageFeed(lang string) string { return s.Language(lang) + "feed.xml" }

// ProcessorsFeed is the Atom feed of processor changes in one language.
func (s Scheme) ProcessorsFeed(lang string) string { return s.Language(lang) + "processors.xml" }

// Calendar is the iCalendar file of the effective dates of one language's
// policies.
func (s Scheme) Calendar(lang string) string { return s.Language(lang) + CalendarFile }

// Register is the page of every processor one language's policies have
// listed; RegisterCSV and RegisterJSON are the same as data.
func (s Scheme) Register(lang string) string     { return s.Language(lang) + registerFolder + "/" }
func (s Scheme) RegisterCSV(lang string) string  { return s.Language(lang) + RegisterCSVFile }
func (s Scheme) RegisterJSON(lang string) string { return s.Language(lang) + "processors.json" }

// registerFolder is the register's folder in a language's folder, where
// no policy may be.
const registerFolder = "processors"

// Index is the machine-readable index of the whole site.
func (s Scheme) Index() string { return s.at("/policies.json") }

// Sitemap, NotFound, Stylesheet and Script are the site-wide files.
func (s Scheme) Sitemap() string    { return s.at("/sitemap.xml") }
func (s Scheme) NotFound() string   { return s.at("/404.html") }
func (s Scheme) Stylesheet() string { return s.at("/style.css") }
func (s Scheme) Script() string     { return s.at("/compare.js") }

// Host is a file a static host reads from the site's root folder (its
// _headers, a .htaccess): named as the host names it, at the root.
func (s Scheme) Host(name string) string { return s.at("/" + name) }

// Everything and Anywhere are patterns of addresses as static hosts write
// them in their rules, "*" matching any part of a path: every address of
// the site, and every file called name in any folder of it.
func (s Scheme) Everything() string          { return s.at("/*") }
func (s Scheme) Anywhere(name string) string { return s.at("/*/" + name) }

// Link is the address of a link an author wrote in a policy: one from the
// site's root (/en/cookies/) is on the site, wherever it is published; any
// other is left as written.
func (s Scheme) Link(dest string) string {
	if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
		return s.at(dest)
	}
	return dest
}

// Local is an address of the site as a path from the site's root, and
// false for an address outside it.
func (s Scheme) Local(addr string) (string, bool) {
	if s.path == "" {
		return addr, strings.HasPrefix(addr, "/")
	}
	rest, ok := strings.CutPrefix(addr, s.path)
	if !ok || !strings.HasPrefix(rest, "/") {
		return "", false
	}
	return rest, true
}

// File is the file in the output folder that serves an address of the
// site (see the function File); "" for an address outside the site.
func (s Scheme) File(addr string) string {
	p, ok := s.Local(addr)
	if !ok {
		return ""
	}
	return File(p)
}

// Page is the address of the page a file of the output folder serves.
func (s Scheme) Page(file string) string { return s.at(Page(file)) }

// The preview's own addresses, which `gen serve` answers at the root of
// its host, whatever the site's path, and no build writes: its reload
// script, its event stream and its list of files.
func PreviewScript() string { return "/_gen/reload.js" }
func PreviewEvents() string { return "/_gen/events" }
func PreviewFiles() string  { return "/_gen/files" }

// The names of the files every edition or version has.
const (
	SourceFile      = "source.md"
	EmbedFile       = "embed.html"
	CurrentFile     = "current.json"
	VersionsFile    = "versions.json"
	CalendarFile    = "changes.ics"
	RegisterCSVFile = "processors.csv"
	TimeMapFile     = "timemap.link"
	indexFile       = "index.html"
)

// Manifest lists every file of the site with its SHA-256, and
// ManifestSignature is its SSH signature: paths from the site's root, as
// the manifest lists every file, since `gen verify` reads them from
// wherever a copy of the site is.
func Manifest() string          { return "/manifest.json" }
func ManifestSignature() string { return Manifest() + ".sig" }

// Absolute is the address of a path from the root of a site published at
// base (a base_url without its trailing slash): what `gen verify` reads.
func Absolute(base, path string) string { return base + path }

// File turns a path from the site's root into the file that serves it:
// folders get index.html.
func File(path string) string {
	if path == "" || path[len(path)-1] == '/' {
		return path + indexFile
	}
	return path
}

// Page is the path of the page a file serves: File read backwards. Only a
// folder's index.html is its folder's page; /oldindex.html is a file of
// its own.
func Page(file string) string {
	if dir, ok := strings.CutSuffix(file, "/"+indexFile); ok {
		return dir + "/"
	}
	return file
}

// Folder is the address that, as static hosts answer it, redirects an
// address without its slash to its folder: /en/privacy to /en/privacy/.
func Folder(addr string) string { return addr + "/" }

// Origin returns the origin of an absolute address, as a browser compares
// them: "https://host" or "https://host:port", in lower case, without the
// scheme's default port. An address without a host — relative, from the
// site's root, a fragment, mailto: or tel: — has none: "". An address
// without a scheme (//host/x) takes https, the scheme of the sites gen
// publishes.
func Origin(address string) string {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || u.Host == "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "" {
		scheme = "https"
	}
	host := strings.ToLower(u.Host)
	if port := u.Port(); scheme == "https" && port == "443" || scheme == "http" && port == "80" {
		host = strings.TrimSuffix(host, ":"+port)
	}
	return scheme + "://" + host
}
