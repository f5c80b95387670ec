// Package urls is the one place that knows the site's URL scheme. Every page,
// link, feed and sitemap entry takes its path from here, and whatever reads
// an address back (the link check, the preview) asks here what file it
// names, so a permalink can never be spelled two ways.
package urls

import (
	"strings"

	"github.com/policygen/gen/generator/date"
)

// Absolute is the address of a site-relative url on the site published at
// base (site.toml's base_url, without its trailing slash).
func Absolute(base, url string) string { return base + url }

// Root is the site root, which leads to the default language.
func Root() string { return "/" }

// Language is the index of the policies of one language.
func Language(lang string) string { return "/" + lang + "/" }

// PolicyRedirect leads from /<policy>/ to the default language's policy.
func PolicyRedirect(policy string) string { return "/" + policy + "/" }

// Policy is the page of the version in force.
func Policy(lang, policy string) string { return "/" + lang + "/" + policy + "/" }

// Version is the permanent address of one version.
func Version(lang, policy string, d date.Date) string {
	return Policy(lang, policy) + d.String() + "/"
}

// Changes is the redline of a version against the one before it.
func Changes(lang, policy string, d date.Date) string {
	return Version(lang, policy, d) + "changes/"
}

// Compare is the redline between two versions.
func Compare(lang, policy string, from, to date.Date) string {
	return CompareFolder(lang, policy) + from.String() + ".." + to.String() + "/"
}

// CompareFolder is where an edition's comparisons are, for the history's
// picker, whose script adds "<from>..<to>/".
func CompareFolder(lang, policy string) string { return Policy(lang, policy) + "compare/" }

// History lists every version of a policy in one language.
func History(lang, policy string) string { return Policy(lang, policy) + "history/" }

// Source is a version's exact source file.
func Source(lang, policy string, d date.Date) string { return Version(lang, policy, d) + sourceFile }

// Versions is the machine-readable list of an edition's versions.
func Versions(lang, policy string) string { return Policy(lang, policy) + "versions.json" }

// PolicyFeed is the Atom feed of one policy in one language.
func PolicyFeed(lang, policy string) string { return Policy(lang, policy) + "feed.xml" }

// TimeMap is the Memento TimeMap of one policy in one language.
func TimeMap(lang, policy string) string { return Policy(lang, policy) + "timemap.link" }

// LanguageFeed is the Atom feed of every policy in one language.
func LanguageFeed(lang string) string { return Language(lang) + "feed.xml" }

// ProcessorsFeed is the Atom feed of processor changes in one language.
func ProcessorsFeed(lang string) string { return Language(lang) + "processors.xml" }

// Calendar is the iCalendar file of the effective dates of one language's
// policies.
func Calendar(lang string) string { return Language(lang) + calendarFile }

// Register is the page of every processor one language's policies have
// listed; RegisterCSV and RegisterJSON are the same as data.
func Register(lang string) string     { return Language(lang) + "processors/" }
func RegisterCSV(lang string) string  { return Language(lang) + registerCSVFile }
func RegisterJSON(lang string) string { return Language(lang) + "processors.json" }

// TakenByLanguage reports whether a policy named slug would have the
// address of a page of its language: the register's.
func TakenByLanguage(slug string) bool { return Policy("", slug) == Register("") }

// Index is the machine-readable index of the whole site.
func Index() string { return "/policies.json" }

// Manifest lists every file of the site with its SHA-256, and
// ManifestSignature is its SSH signature.
func Manifest() string          { return "/manifest.json" }
func ManifestSignature() string { return Manifest() + ".sig" }

// Sitemap, NotFound, Headers and Stylesheet are the site-wide files.
func Sitemap() string    { return "/sitemap.xml" }
func NotFound() string   { return "/404.html" }
func Headers() string    { return "/_headers" }
func Stylesheet() string { return "/style.css" }
func Script() string     { return "/compare.js" }

// AllFiles and AllSources are the patterns of the _headers file that a
// static host matches against every file and against every version's
// source.md; AllCalendars and AllRegisterCSVs against every language's
// calendar and CSV register.
func AllFiles() string        { return "/*" }
func AllSources() string      { return "/*/" + sourceFile }
func AllCalendars() string    { return "/*/" + calendarFile }
func AllRegisterCSVs() string { return "/*/" + registerCSVFile }

// The preview's own addresses, which `gen serve` answers and no build
// writes: its reload script, its event stream and its list of files.
func PreviewScript() string { return "/_gen/reload.js" }
func PreviewEvents() string { return "/_gen/events" }
func PreviewFiles() string  { return "/_gen/files" }

const (
	sourceFile      = "source.md"
	indexFile       = "index.html"
	calendarFile    = "changes.ics"
	registerCSVFile = "processors.csv"
)

// File turns a page URL into the file that serves it: directories get index.html.
func File(url string) string {
	if url == "" || url[len(url)-1] == '/' {
		return url + indexFile
	}
	return url
}

// Page is the address of the page a file serves: File read backwards.
// Only a folder's index.html is its folder's page; /oldindex.html is a
// file of its own.
func Page(file string) string {
	if dir, ok := strings.CutSuffix(file, "/"+indexFile); ok {
		return dir + "/"
	}
	return file
}

// Folder is the address that, as static hosts answer it, redirects an
// address without its slash to its folder: /en/privacy to /en/privacy/.
func Folder(url string) string { return url + "/" }
