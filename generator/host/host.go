// Package host writes what a static host needs to serve the site as it is
// meant to be served: the headers of its files (the Content-Security-Policy
// first), its redirects and its 404 page. The site states them once, as
// Rules; each host's files (Netlify's _headers, an nginx snippet, a
// .htaccess) are written from those, so a header added to the Rules reaches
// every host, and the preview sends the same ones.
package host

import (
	"regexp"
	"strings"
)

// Name is a host site.toml's host names.
type Name string

// The hosts gen writes files for. Generic writes what every host can take
// without harm: files that the hosts which read them understand and the
// others serve as files nobody links.
const (
	Netlify     Name = "netlify"
	Cloudflare  Name = "cloudflare"
	GitHubPages Name = "github-pages"
	S3          Name = "s3"
	Nginx       Name = "nginx"
	Apache      Name = "apache"
	Generic     Name = "generic"
)

// Names lists the hosts, as site.toml spells them.
func Names() []Name { return []Name{Netlify, Cloudflare, GitHubPages, S3, Nginx, Apache, Generic} }

// Rules are what a site asks of the server that publishes it.
type Rules struct {
	// Root is the site's root address: "/", or "/policies/" for a site
	// under a path. The rules apply to the addresses under it.
	Root string
	// Every are the headers of every file of the site.
	Every []Header
	// Some add headers to the files a pattern matches. A header is set by
	// Every or by one Rule of a file, never by two: hosts differ in how
	// they combine them.
	Some []Rule
	// Redirects lead from addresses that have a page of their own (a meta
	// refresh, for the hosts that take no redirects) straight to another.
	Redirects []Redirect
	// NotFound is the page for an address the site does not have.
	NotFound string
}

// Header is one HTTP response header.
type Header struct{ Name, Value string }

// Rule adds headers to the files whose address matches Pattern, an address
// as static hosts write one in their rules: "*" matches any part of a path,
// and a folder's address also names its index.html. Patterns come from
// package urls.
type Rule struct {
	Pattern string
	Headers []Header
}

// Redirect sends a visitor from one address of the site to another, with
// 302 Found: what From leads to may change (the default language may).
type Redirect struct{ From, To string }

// File is a file a host reads from the site's root folder, named as the
// host names it, and how to write it from the site's rules.
type File struct {
	Name  string
	Write func(Rules) []byte
}

// Files are what host reads: the files to write for it.
func Files(h Name) []File {
	headers := File{"_headers", headersFile}
	nojekyll := File{".nojekyll", func(Rules) []byte { return nil }}
	switch h {
	case Netlify:
		return []File{headers, {"_redirects", netlifyRedirects}}
	case Cloudflare:
		return []File{headers, {"_redirects", cloudflareRedirects}}
	case GitHubPages:
		return []File{nojekyll}
	case Nginx:
		return []File{{NginxFile, nginxConf}}
	case Apache:
		return []File{{".htaccess", htaccess}}
	case S3:
		// S3 takes headers and redirects only from each object's metadata
		// and CloudFront's policies: the README gives the commands.
		return nil
	}
	// Redirects are left to the pages that redirect (a meta refresh),
	// which every host serves: Netlify's and Cloudflare's formats differ.
	return []File{headers, nojekyll}
}

// NginxFile is the name of the nginx snippet, which the snippet itself
// keeps from being served.
const NginxFile = "nginx.conf"

// For is the headers the rules give the file at addr, a request's path:
// what the preview sends, as the hosts would.
func (r Rules) For(addr string) []Header {
	if !strings.HasPrefix(addr, r.Root) {
		return nil
	}
	out := append([]Header(nil), r.Every...)
	for _, rule := range r.Some {
		if pattern(rule.Pattern).MatchString(addr) {
			out = append(out, rule.Headers...)
		}
	}
	return out
}

// pattern is a rule's pattern as an anchored regular expression.
func pattern(p string) *regexp.Regexp { return regexp.MustCompile("^" + patternRE(p) + "$") }

// patternRE spells a pattern as a regular expression, without anchors.
func patternRE(p string) string {
	re := strings.ReplaceAll(regexp.QuoteMeta(p), `\*`, ".*")
	if strings.HasSuffix(p, "/") {
		re += `(?:index\.html)?`
	}
	return re
}
