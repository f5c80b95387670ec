package host

import (
	"fmt"
	"strings"
)

// headersFile is the _headers file of Netlify and Cloudflare Pages: a
// pattern on a line of its own, its headers indented below it.
func headersFile(r Rules) []byte {
	var b strings.Builder
	b.WriteString("# The headers of the site's files, for Netlify and Cloudflare Pages (written by gen build).\n")
	block := func(pattern string, hs []Header) {
		b.WriteString(pattern + "\n")
		for _, h := range hs {
			b.WriteString("  " + h.Name + ": " + h.Value + "\n")
		}
	}
	block(r.Root+"*", r.Every)
	for _, rule := range r.Some {
		block(rule.Pattern, rule.Headers)
	}
	return []byte(b.String())
}

// netlifyRedirects is Netlify's _redirects. Netlify serves a file rather
// than follow a redirect from its address unless the rule is forced (!),
// and every redirect's address has its page; it serves 404.html of its
// own accord only at the root of a host.
func netlifyRedirects(r Rules) []byte {
	return redirectsFile("Netlify", r, "302!", fmt.Sprintf("%s* %s 404\n", r.Root, r.NotFound))
}

// cloudflareRedirects is Cloudflare Pages' _redirects, which it follows
// before any file; it finds the nearest 404.html by itself.
func cloudflareRedirects(r Rules) []byte { return redirectsFile("Cloudflare Pages", r, "302", "") }

// redirectsFile is a _redirects file: a redirect a line, with its status,
// then the lines of more.
func redirectsFile(host string, r Rules, status, more string) []byte {
	var b strings.Builder
	b.WriteString("# Redirects, for " + host + " (written by gen build).\n")
	for _, rd := range r.Redirects {
		fmt.Fprintf(&b, "%s %s %s\n", rd.From, rd.To, status)
	}
	b.WriteString(more)
	return []byte(b.String())
}

// nginxConf is a snippet for the server block that serves the site. nginx
// gives a request the headers of the one location that answers it, so the
// location of each rule repeats those of every file. A Content-Type is a
// file's type, not a header to add beside nginx's own.
func nginxConf(r Rules) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `# nginx configuration of the site (written by gen build). Put the site's
# files where the server block's root serves them at %[1]s, and include
# this file in that server block:
#     include /srv/www%[1]s%[2]s;
location %[1]s {
    absolute_redirect off;
    charset utf-8;
    error_page 404 %[3]s;
`, r.Root, NginxFile, r.NotFound)
	headers := func(indent string, hs []Header) {
		for _, h := range hs {
			if strings.EqualFold(h.Name, "Content-Type") {
				fmt.Fprintf(&b, "%stypes { }\n%sdefault_type %s;\n", indent, indent, nginxQuote(h.Value))
				continue
			}
			fmt.Fprintf(&b, "%sadd_header %s %s always;\n", indent, h.Name, nginxQuote(h.Value))
		}
	}
	headers("    ", r.Every)
	fmt.Fprintf(&b, "    location = %s%s { return 404; }\n", r.Root, NginxFile)
	for _, rule := range r.Some {
		fmt.Fprintf(&b, "    location ~ %s {\n", nginxQuote("^"+patternRE(rule.Pattern)+"$"))
		headers("        ", r.Every)
		headers("        ", rule.Headers)
		b.WriteString("    }\n")
	}
	for _, rd := range r.Redirects {
		fmt.Fprintf(&b, "    location = %s { return 302 %s; }\n", rd.From, rd.To)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// nginxQuote quotes s for nginx, whose strings take \" and \\. Values
// come from gen and hold no $, which nginx would read as a variable.
func nginxQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// htaccess is Apache's per-folder configuration, for the site's root
// folder. It needs AllowOverride FileInfo and mod_headers; without
// mod_headers Apache refuses the file rather than serve the site without
// its Content-Security-Policy.
func htaccess(r Rules) []byte {
	var b strings.Builder
	b.WriteString("# Apache configuration of the site (written by gen build). It needs\n" +
		"# AllowOverride FileInfo for this folder and mod_headers (a2enmod headers).\n")
	b.WriteString("AddDefaultCharset utf-8\n")
	fmt.Fprintf(&b, "ErrorDocument 404 %s\n", r.NotFound)
	headers := func(indent string, hs []Header) {
		for _, h := range hs {
			if strings.EqualFold(h.Name, "Content-Type") {
				fmt.Fprintf(&b, "%sForceType %s\n", indent, apacheQuote(h.Value))
				continue
			}
			fmt.Fprintf(&b, "%sHeader always set %s %s\n", indent, h.Name, apacheQuote(h.Value))
		}
	}
	headers("", r.Every)
	for _, rule := range r.Some {
		fmt.Fprintf(&b, "<If \"%%{REQUEST_URI} =~ m#^%s$#\">\n", patternRE(rule.Pattern))
		headers("  ", rule.Headers)
		b.WriteString("</If>\n")
	}
	for _, rd := range r.Redirects {
		fmt.Fprintf(&b, "RedirectMatch 302 %s %s\n", apacheQuote("^"+patternRE(rd.From)+"$"), apacheQuote(rd.To))
	}
	return []byte(b.String())
}

// apacheQuote quotes s for Apache's configuration, which takes \".
func apacheQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
